using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Samspil.Infrastructure.Persistence;

public static class PersistenceServiceCollectionExtensions
{
    public static IServiceCollection AddSamspilPersistence(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (!options.IsPostgres && !string.Equals(options.Provider, "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Unknown Database:Provider '{options.Provider}'. Use 'Sqlite' or 'Postgres'.");
        }

        services.AddSingleton(options);
        if (options.IsPostgres)
        {
            services.AddDbContext<SamspilDbContext, PostgresSamspilDbContext>(db => db.UseNpgsql(options.ConnectionString));
        }
        else
        {
            var connectionString = ResolveSqlitePath(options.ConnectionString, contentRoot);
            services.AddDbContext<SamspilDbContext, SqliteSamspilDbContext>(db => db.UseSqlite(connectionString));
        }

        return services;
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
