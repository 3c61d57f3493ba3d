using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Audit;
using Samspil.Domain.Citizens;
using Samspil.Domain.Common;
using Samspil.Domain.Consents;
using Samspil.Domain.Courses;
using Samspil.Domain.Directory;
using Samspil.Features.Audit;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Security;

namespace Samspil.Benchmarks;

/// <summary>
/// What consent enforcement adds to a request that reads a course: the policy decision plus the
/// access-log append (in its own transaction, chain head locked), against the same read without
/// either, on SQLite (file, WAL) and PostgreSQL. Each operation uses a fresh DbContext, as a request does.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class AccessBenchmarks
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    private readonly CurrentUser _user = new(Guid.NewGuid(), "Benchmark", new HashSet<string> { SamspilRoles.Professional }, Guid.NewGuid(), Guid.NewGuid(), null);
    private Func<SamspilDbContext> _newContext = null!;
    private Guid _courseId;
    private AccessActor _actor = null!;
    private AccessFacts _facts = null!;
    private string? _sqlitePath;

    [Params("SQLite", "PostgreSQL")]
    public string Provider { get; set; } = "SQLite";

    /// <summary>
    /// "Flush": every commit waits for the disk (the default in Samspil). "NoFlush": SQLite
    /// synchronous=NORMAL in WAL mode, PostgreSQL synchronous_commit=off — to show how much of the
    /// cost is the disk's flush rather than Samspil's own work.
    /// </summary>
    [Params("Flush", "NoFlush")]
    public string Durability { get; set; } = "Flush";

    [GlobalSetup]
    public void Setup()
    {
        var auditInterceptor = new AuditEnforcementInterceptor();
        if (Provider == "SQLite")
        {
            _sqlitePath = Path.Combine(Path.GetTempPath(), $"samspil-bench-{Guid.NewGuid():N}.db");
            var builder = new DbContextOptionsBuilder<SqliteSamspilDbContext>().UseSqlite($"Data Source={_sqlitePath}").AddInterceptors(auditInterceptor);
            if (Durability == "NoFlush")
            {
                builder.AddInterceptors(new SqliteSynchronousNormal());
            }

            var options = builder.Options;
            _newContext = () => new SqliteSamspilDbContext(options);
        }
        else
        {
            var server = Environment.GetEnvironmentVariable("SAMSPIL_PG_CONNECTION")
                ?? throw new InvalidOperationException("Run through bench/run.sh, which starts PostgreSQL and sets SAMSPIL_PG_CONNECTION.");
            var database = $"samspil_bench_{Guid.NewGuid():N}";
            using (var admin = new Npgsql.NpgsqlConnection(server))
            {
                admin.Open();
                using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{database}\"", admin);
                create.ExecuteNonQuery();
            }

            var options = new DbContextOptionsBuilder<PostgresSamspilDbContext>()
                .UseNpgsql(new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = database, Options = Durability == "NoFlush" ? "-c synchronous_commit=off" : null }.ConnectionString)
                .AddInterceptors(auditInterceptor)
                .Options;
            _newContext = () => new PostgresSamspilDbContext(options);
        }

        using var db = _newContext();
        db.Database.Migrate();
        db.SystemSeeding = true;
        var clinic = Organization.Create(new OrganizationDetails("Klinik", Sector.Region, OrganizationKind.TraumaClinic), Guid.NewGuid());
        var jobcentre = Organization.Create(new OrganizationDetails("Jobcenter", Sector.Municipality, OrganizationKind.JobCentre), Guid.NewGuid());
        db.Organizations.AddRange(clinic, jobcentre);
        db.TargetGroups.Add(TargetGroup.Create("ptsd-refugee", "Flygtninge med PTSD", "Refugees with PTSD", null, 1));
        var now = new Moment(DateTimeOffset.UtcNow, Today);
        var citizen = Citizen.Register(new CitizenDetails("Bench", "Mark", CprNumber.Parse("010158-5999", Today), "da", false, null, null, null, null), clinic.Id, now.Utc);
        var course = Course.Start(new NewCourse(citizen.Id, "ptsd-refugee", CoursePhase.Treatment, Today, null, clinic.Id, jobcentre.Id, clinic.Id), new Actor(Guid.Empty, "bench"), now);
        var consent = Consent.Give(
            citizen.Id,
            new ConsentTerms([new ConsentRecipient(ConsentRecipientKind.Organization, jobcentre.Id)], InformationCategory.All, AccessPurpose.Coordination, "Koordinering", null, Today.AddDays(-10), null, ConsentCondition.None, null),
            new ConsentGiving(ConsentGivenBy.Citizen, null, ConsentMethod.CitizenOnline, null, null),
            new Actor(Guid.Empty, "bench"),
            now);
        db.Citizens.Add(citizen);
        db.Courses.Add(course);
        db.Consents.Add(consent);
        db.SaveChanges();
        _courseId = course.Id;

        // The job-centre caseworker reads the clinic's course on the citizen's consent.
        _actor = new AccessActor(_user.UserId, _user.ProfessionalId, new HashSet<Guid>(), new HashSet<Guid> { jobcentre.Id }, new HashSet<Guid> { jobcentre.Id }, new HashSet<OrganizationKind> { OrganizationKind.JobCentre }, null, null);
        _facts = new AccessFacts([consent], [], false);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_sqlitePath is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(_sqlitePath);
        }
    }

    /// <summary>The read a request does anyway: the course and the citizen's consents.</summary>
    [Benchmark(Baseline = true)]
    public async Task<int> ReadWithoutEnforcement()
    {
        await using var db = _newContext();
        var course = await db.Courses.AsNoTracking().SingleAsync(c => c.Id == _courseId);
        var consents = await db.Consents.AsNoTracking().Where(k => k.CitizenId == course.CitizenId).ToListAsync();
        return consents.Count;
    }

    /// <summary>The same read, decided by the policy and logged (hash chain, own transaction) before returning.</summary>
    [Benchmark]
    public async Task<int> ReadWithPolicyAndLog()
    {
        await using var db = _newContext();
        var course = await db.Courses.AsNoTracking().SingleAsync(c => c.Id == _courseId);
        var consents = await db.Consents.AsNoTracking().Where(k => k.CitizenId == course.CitizenId).ToListAsync();
        var decision = AccessPolicy.Decide(
            new AccessRequest(_actor, new AccessSubject(course.CitizenId, course.RecordedByOrganizationId, null, course.RegionOrganizationId, course.MunicipalityOrganizationId), InformationCategory.StatusAndAppointments, AccessPurpose.Coordination, Today),
            new AccessFacts(consents, [], false));
        var log = new AccessLog(db, _user, new HttpContextAccessor(), TimeProvider.System);
        log.Record(course.CitizenId, InformationCategory.StatusAndAppointments, AccessAction.Read, "Course", course.Id, decision);
        await log.CommitAsync(CancellationToken.None);
        return consents.Count;
    }

    /// <summary>The policy decision alone (pure, in memory).</summary>
    [Benchmark]
    public bool PolicyDecisionOnly() =>
        AccessPolicy.Decide(new AccessRequest(_actor, new AccessSubject(_facts.Consents[0].CitizenId, Guid.NewGuid(), null, null, null), InformationCategory.StatusAndAppointments, AccessPurpose.Coordination, Today), _facts).Permitted;
}

/// <summary>Sets SQLite's synchronous=NORMAL on every connection (WAL mode then flushes at checkpoints, not commits).</summary>
internal sealed class SqliteSynchronousNormal : Microsoft.EntityFrameworkCore.Diagnostics.DbConnectionInterceptor
{
    public override async Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=NORMAL;";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
