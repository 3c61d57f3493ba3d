using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Samspil.Domain.Consents;
using Samspil.Domain.Meetings;
using Samspil.Domain.Directory;
using Samspil.Features.Demo;
using Samspil.Infrastructure.Security;
using Samspil.Infrastructure.Telemetry;

namespace Samspil.Infrastructure.Persistence;

/// <summary>Brings the database up to date at start-up: migrations, sign-in roles, default target groups, demo data.</summary>
public sealed partial class DatabaseInitializer(
    SamspilDbContext db,
    DatabaseOptions databaseOptions,
    RoleManager<IdentityRole<Guid>> roles,
    DemoDataSeeder demo,
    IOptions<DemoOptions> demoOptions,
    TimeProvider clock,
    ILogger<DatabaseInitializer> logger)
{
    /// <summary>The target groups of the brief (R1). Administrators can add, rename or retire them.</summary>
    internal static readonly (string Code, string Da, string En, int Order)[] DefaultTargetGroups =
    [
        ("ptsd-refugee", "Flygtninge med PTSD", "Refugees with PTSD", 10),
        ("ptsd-veteran", "Veteraner med PTSD", "Veterans with PTSD", 20),
        ("ptsd-work", "Arbejdsbetinget PTSD", "Work-related PTSD", 30),
        ("frequent-admissions", "Psykisk sygdom med hyppige akutte indlæggelser", "Mental illness with frequent acute admissions", 40),
        ("complex-rehabilitation", "Andre komplekse rehabiliteringsforløb", "Other complex rehabilitation", 50),
    ];

    /// <summary>The course models of the seeds as data (see <see cref="ShippedMeetingModels"/>).</summary>
    internal static IEnumerable<MeetingTemplate> DefaultMeetingTemplates() => ShippedMeetingModels.All();

    /// <summary>
    /// Legal bases other than consent (R10). The §12 c basis is the example the consent issue names:
    /// the job centre's sickness-benefit follow-up may learn the status of its own citizen's course.
    /// Administrators can add others as data.
    /// </summary>
    internal static IEnumerable<LegalBasis> DefaultLegalBases() =>
    [
        LegalBasis.Create(
            "rsl-12c",
            "Underretning til jobcentret til brug for opfølgning på sygedagpenge",
            "Retssikkerhedsloven § 12 c",
            InformationCategory.StatusAndAppointments,
            AccessPurpose.SicknessBenefitFollowUp,
            [OrganizationKind.JobCentre]),
    ];

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        LogDatabase(logger, databaseOptions.IsPostgres ? "PostgreSQL" : "SQLite");
        if (databaseOptions.MigrateOnStartup)
        {
            if (databaseOptions.IsPostgres)
            {
                await EnsurePostgresDatabaseAsync(databaseOptions.ConnectionString, logger, cancellationToken);
            }

            // Asking for the pending migrations reads only the history table. MigrateAsync on an up-to-date database
            // also diffs the whole model against the migrations' snapshot (its pending-model-changes check): about a
            // third of a restart's database work (issue 16). scripts/check-migrations.sh makes that check in CI instead.
            if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
            {
                await db.Database.MigrateAsync(cancellationToken);
            }
        }

        StartupTrace.Mark("migrations checked");

        foreach (var role in SamspilRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.CreateVersion7() });
            }
        }

        if (!await db.TargetGroups.AnyAsync(cancellationToken))
        {
            foreach (var (code, da, en, order) in DefaultTargetGroups)
            {
                db.TargetGroups.Add(TargetGroup.Create(code, da, en, null, order));
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        if (!await db.MeetingTemplates.AnyAsync(cancellationToken))
        {
            db.MeetingTemplates.AddRange(DefaultMeetingTemplates());
            await db.SaveChangesAsync(cancellationToken);
        }
        else
        {
            // Issue 17: a shipped model no administrator has changed, still in its first form (every step counted from
            // the date it was applied), becomes the model that follows the course. An edited model is left as it is.
            foreach (var shipped in DefaultMeetingTemplates())
            {
                if (await db.MeetingTemplates.SingleOrDefaultAsync(t => t.Key == shipped.Key, cancellationToken) is { Version: 0, FollowsCourse: false } old)
                {
                    old.Update(shipped.NameDa, shipped.NameEn, shipped.Steps, shipped.DefaultTargetGroupCodes, old.Active);
                }
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        if (!await db.LegalBases.AnyAsync(cancellationToken))
        {
            foreach (var basis in DefaultLegalBases())
            {
                db.LegalBases.Add(basis);
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        // The shared glossary and each actor's frame: shipped terms and frames added where missing (issue 18).
        await Features.Glossary.GlossarySeed.EnsureAsync(db, cancellationToken);
        await Features.Frames.FrameSeed.EnsureAsync(db, cancellationToken);

        // The shipped questionnaires (WHO-5, PCL-5, Samspil's own experience and collaboration questionnaires, IPS fidelity), where missing (issue 19).
        await Features.Questionnaires.ShippedInstruments.EnsureAsync(db, clock, cancellationToken);

        if (demoOptions.Value.Seed)
        {
            await demo.SeedAsync(cancellationToken);
        }

        StartupTrace.Mark("reference and demo data");
    }

    /// <summary>
    /// Creates the PostgreSQL database if it is missing, asking the maintenance database <c>postgres</c> first.
    /// Left to EF Core, the migrator would open the missing database, log the failure at error level and
    /// only then create it: an alarming first line on a first start that is going fine.
    /// </summary>
    internal static async Task EnsurePostgresDatabaseAsync(string connectionString, ILogger logger, CancellationToken cancellationToken)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(target.Database) || string.Equals(target.Database, "postgres", StringComparison.Ordinal))
        {
            return;
        }

        var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        try
        {
            await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var exists = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = @name)", connection);
            exists.Parameters.AddWithValue("name", target.Database);
            if ((bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
            {
                return;
            }

            // An identifier cannot be a parameter; quoting (doubling any quote) keeps the name exactly as configured.
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{target.Database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
            LogDatabaseCreated(logger, target.Database);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another instance created it a moment ago.
        }
        catch (NpgsqlException e)
        {
            // No access to the maintenance database (a managed server may refuse it): EF Core's migrator still
            // creates the database if the account may, or reports why not.
            LogMaintenanceUnavailable(logger, e.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created PostgreSQL database {Database}")]
    private static partial void LogDatabaseCreated(ILogger logger, string database);

    [LoggerMessage(Level = LogLevel.Information, Message = "Could not check for the database through the maintenance database ({ExceptionType}); leaving it to the migrator")]
    private static partial void LogMaintenanceUnavailable(ILogger logger, string exceptionType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database provider {Provider}")]
    private static partial void LogDatabase(ILogger logger, string provider);
}
