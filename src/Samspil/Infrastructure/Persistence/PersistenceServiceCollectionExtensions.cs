using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Samspil.Features.Notifications;

namespace Samspil.Infrastructure.Persistence;

public static class PersistenceServiceCollectionExtensions
{
    private static readonly Features.Audit.AuditEnforcementInterceptor AuditInterceptor = new();

    /// <summary>
    /// Registers both provider-specific contexts and resolves <see cref="SamspilDbContext"/> to the one
    /// chosen by Database:Provider. Options are read when the first context is created, so configuration
    /// added late (environment, test host) is honoured.
    /// </summary>
    public static IServiceCollection AddSamspilPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.Section))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>());
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<DatabaseOptions>>().Value);

        // A commit that adds outbox messages wakes this instance's delivery worker.
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<OutboxWakeUpInterceptor>();

        // A save that touches an offering or an organisation drops the offerings search index (issue 18).
        services.TryAddSingleton<Features.Offerings.OfferingSearchIndex>();
        services.TryAddSingleton<Features.Offerings.OfferingSearchIndexInterceptor>();

        // The organisation tree the access policy walks, kept per instance and dropped by any save that touches an organisation (ADR 0016).
        services.TryAddSingleton<Features.Access.OrganizationDirectory>();
        services.TryAddSingleton<Features.Access.OrganizationDirectoryInterceptor>();

        services.AddDbContext<SqliteSamspilDbContext>((sp, db) => db
            .UseSqlite(ResolveSqlitePath(sp.GetRequiredService<DatabaseOptions>().ConnectionString, sp.GetRequiredService<IHostEnvironment>().ContentRootPath))
            .AddInterceptors(AuditInterceptor, sp.GetRequiredService<OutboxWakeUpInterceptor>(), sp.GetRequiredService<Features.Offerings.OfferingSearchIndexInterceptor>(), sp.GetRequiredService<Features.Access.OrganizationDirectoryInterceptor>())
            .ConfigureWarnings(ExpectedFailuresAsWarnings));
        services.AddDbContext<PostgresSamspilDbContext>((sp, db) => db
            .UseNpgsql(TunePostgresConnectionString(sp.GetRequiredService<DatabaseOptions>().ConnectionString))
            .AddInterceptors(AuditInterceptor, sp.GetRequiredService<OutboxWakeUpInterceptor>(), sp.GetRequiredService<Features.Offerings.OfferingSearchIndexInterceptor>(), sp.GetRequiredService<Features.Access.OrganizationDirectoryInterceptor>())
            .ConfigureWarnings(ExpectedFailuresAsWarnings));
        services.AddScoped<SamspilDbContext>(sp => sp.GetRequiredService<DatabaseOptions>().IsPostgres
            ? sp.GetRequiredService<PostgresSamspilDbContext>()
            : sp.GetRequiredService<SqliteSamspilDbContext>());
        return services;
    }

    /// <summary>
    /// A failed save or command is not necessarily an error: a version conflict or a unique index hit by two
    /// simultaneous requests is expected, and the code that catches it retries or answers 409. EF Core would log
    /// each such failure at error level (174 in ten quiet minutes under load), drowning real errors. It logs them
    /// as warnings instead; a failure nobody handles is still logged once at error level, by
    /// SamspilExceptionHandler (type and stack, no SQL or values) or by the background job that runs it.
    /// </summary>
    private static void ExpectedFailuresAsWarnings(Microsoft.EntityFrameworkCore.Diagnostics.WarningsConfigurationBuilder warnings) =>
        warnings.Log(
            (Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.SaveChangesFailed, LogLevel.Warning),
            (Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandError, LogLevel.Warning));

    /// <summary>
    /// Two pool settings for the PostgreSQL connection string, unless it sets them itself (docs/configuration.md):
    /// <c>No Reset On Close=true</c> — a connection handed back to the pool is not reset with <c>DISCARD ALL</c>
    /// (nothing in Samspil leaves session state behind: no <c>SET</c>, <c>set_config</c>, session advisory locks,
    /// temporary tables or <c>LISTEN</c>; an open transaction is still rolled back) — and <c>Max Auto Prepare=64</c>,
    /// so the statements a request repeats (the session check, the policy's facts, the access-log append) are
    /// prepared once per physical connection instead of parsed and planned on every request (issue 16).
    /// </summary>
    public static string TunePostgresConnectionString(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        bool Sets(params string[] keys) => keys.Any(given.ContainsKey);
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!Sets("No Reset On Close", "NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        if (!Sets("Max Auto Prepare", "MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 64;
        }

        return builder.ConnectionString;
    }

    /// <summary>Makes a relative SQLite file path relative to the content root and creates its folder.</summary>
    internal static string ResolveSqlitePath(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } source && source != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var path = Path.IsPathRooted(source) ? source : Path.GetFullPath(Path.Combine(contentRoot, source));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            builder.DataSource = path;
        }

        return builder.ToString();
    }
}
