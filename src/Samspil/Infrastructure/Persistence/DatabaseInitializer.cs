using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Samspil.Domain.Consents;
using Samspil.Domain.Directory;
using Samspil.Features.Demo;
using Samspil.Infrastructure.Security;

namespace Samspil.Infrastructure.Persistence;

/// <summary>Brings the database up to date at start-up: migrations, sign-in roles, default target groups, demo data.</summary>
public sealed partial class DatabaseInitializer(
    SamspilDbContext db,
    DatabaseOptions databaseOptions,
    RoleManager<IdentityRole<Guid>> roles,
    DemoDataSeeder demo,
    IOptions<DemoOptions> demoOptions,
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
            await db.Database.MigrateAsync(cancellationToken);
        }

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

        if (!await db.LegalBases.AnyAsync(cancellationToken))
        {
            foreach (var basis in DefaultLegalBases())
            {
                db.LegalBases.Add(basis);
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        if (demoOptions.Value.Seed)
        {
            await demo.SeedAsync(cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database provider {Provider}")]
    private static partial void LogDatabase(ILogger logger, string provider);
}
