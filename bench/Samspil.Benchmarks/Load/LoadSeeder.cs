using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Samspil.Domain.Citizens;
using Samspil.Domain.Common;
using Samspil.Domain.Consents;
using Samspil.Domain.Conversations;
using Samspil.Domain.Courses;
using Samspil.Domain.Directory;
using Samspil.Domain.Meetings;
using Samspil.Domain.Network;
using Samspil.Domain.Plans;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Security;

namespace Samspil.Benchmarks.Load;

/// <summary>
/// <c>load-seed --connection CS --citizens N --organisations O --staff S --clients C --manifest FILE [--batch 500] [--parallel 2]</c> (issue 16 point 4,
/// bench/load.sh): fills an empty PostgreSQL database with a synthetic population through the application's own
/// <see cref="SamspilDbContext"/> and domain factories, so the rows are what the application writes. The application is
/// started in-process first (no Kestrel, background jobs off) so that its start-up migrates and adds the sign-in roles and
/// target groups; then the population is added in batches of citizens, each in a fresh context, <c>--parallel</c> batches at
/// a time (as system seeding, like the demo data: no access-log entries).
/// </summary>
/// <remarks>
/// Population: O organisations (half regional trauma clinics, half job centres), S staff spread evenly over them, each a
/// professional with one practitioner role and a sign-in (all with the same password, hashed once: hashing 2,000 would be
/// minutes of CPU). Citizen i has a course whose network is three staff — the coordinator (tovholder) staff[i mod S] and two
/// others — and a consent to the three members' organisations for every category read; a shared plan with the citizen's
/// words, a challenge, a goal with two sub-goals and three actions (every step a recorded version); a held network meeting
/// with approved minutes and a booked one; and a conversation started by the coordinator with the two others, three messages.
/// The first C staff are the load clients: each is the coordinator of every course i with i mod S = its number. The
/// manifest (JSON) lists each client's login and courses, for the load driver; the table <c>bench_course</c> (not part of
/// the application's model) lists the same courses with the ids a request names, for pgbench's look-ups.
/// </remarks>
internal static class LoadSeeder
{
    private static readonly byte[] ConsentPdf = "%PDF-1.4\n% Samspil load benchmark: syntetisk samtykkeerklaering\n%%EOF\n"u8.ToArray();

    private static readonly string[] Statements =
    [
        "Jeg vil gerne kunne sove igen og komme tilbage til arbejdet.",
        "Jeg vil have ro på økonomien, så jeg kan tænke på at blive rask.",
        "Jeg vil gerne være en god far igen og kunne gå i butikker uden at blive bange.",
        "Jeg vil ud at arbejde med mennesker igen.",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var connection = Option(args, "--connection", null) ?? throw new ArgumentException("--connection is required");
        var citizens = int.Parse(Option(args, "--citizens", "50000")!, CultureInfo.InvariantCulture);
        var organisations = int.Parse(Option(args, "--organisations", "200")!, CultureInfo.InvariantCulture);
        var staff = int.Parse(Option(args, "--staff", "2000")!, CultureInfo.InvariantCulture);
        var clients = int.Parse(Option(args, "--clients", "64")!, CultureInfo.InvariantCulture);
        var batch = int.Parse(Option(args, "--batch", "500")!, CultureInfo.InvariantCulture);
        var parallel = int.Parse(Option(args, "--parallel", "2")!, CultureInfo.InvariantCulture);
        var manifestPath = Option(args, "--manifest", "load-manifest.json")!;
        var password = Option(args, "--password", "Bench-load-2026")!;
        if (organisations < 2 || staff < clients || citizens < clients)
        {
            throw new ArgumentException("Need at least 2 organisations, as many staff as clients, and as many citizens as clients.");
        }

        var total = Stopwatch.StartNew();
        await using var app = new SeedingApplication(connection);
        using (var scope = app.Services.CreateScope())
        {
            // Starting the host ran the application's database initialiser: migrations, roles, target groups.
            var db = scope.ServiceProvider.GetRequiredService<SamspilDbContext>();
            if (await db.Organizations.AnyAsync())
            {
                throw new InvalidOperationException("The database already has organisations; load-seed fills an empty one.");
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   schema ready in {total.Elapsed.TotalSeconds:0.0} s"));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var now = new Moment(DateTimeOffset.UtcNow, today);
        var system = new Actor(Guid.Empty, "Belastningstest");

        // Organisations and staff (one context: 2,000 professionals and users are small).
        var orgs = new List<Organization>();
        var people = new List<StaffMember>();
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SamspilDbContext>();
            db.SystemSeeding = true;
            for (var o = 0; o < organisations; o++)
            {
                var region = o % 2 == 0;
                var org = Organization.Create(
                    new OrganizationDetails(
                        region ? $"Traumeklinik {o / 2 + 1} (belastningstest)" : $"Jobcenter {o / 2 + 1} (belastningstest)",
                        region ? Sector.Region : Sector.Municipality,
                        region ? OrganizationKind.TraumaClinic : OrganizationKind.JobCentre,
                        null, $"Testvej {o + 1}", "5000", "Testby", null),
                    Guid.CreateVersion7());
                orgs.Add(org);
                db.Organizations.Add(org);
            }

            var roleId = await db.Roles.Where(r => r.Name == SamspilRoles.Professional).Select(r => r.Id).SingleAsync();
            var hash = scope.ServiceProvider.GetRequiredService<IPasswordHasher<AppUser>>().HashPassword(new AppUser(), password);
            for (var s = 0; s < staff; s++)
            {
                var org = orgs[s * organisations / staff];
                var region = org.Sector == Sector.Region;
                var name = string.Create(CultureInfo.InvariantCulture, $"Fagperson {s + 1:0000} Test-Belastning");
                var professional = Professional.Create(name, region ? "Psykolog" : "Socialrådgiver", Guid.CreateVersion7());
                var role = professional.AddRole(org.Id, new PractitionerRoleDetails(region ? "Psykolog" : "Sagsbehandler", "Syntetisk fagperson til belastningstest.", null, null), Guid.CreateVersion7());
                db.Professionals.Add(professional);
                var login = string.Create(CultureInfo.InvariantCulture, $"bench.staff{s + 1:0000}");
                var user = new AppUser
                {
                    Id = Guid.CreateVersion7(),
                    UserName = login,
                    NormalizedUserName = login.ToUpperInvariant(),
                    DisplayName = name,
                    EmailConfirmed = true,
                    LockoutEnabled = true,
                    PasswordHash = hash,
                    SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant(),
                    ConcurrencyStamp = Guid.NewGuid().ToString(),
                    ProfessionalId = professional.Id,
                    OrganizationId = org.Id,
                };
                db.Users.Add(user);
                db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = roleId });
                people.Add(new StaffMember(login, user.Id, professional.Id, role, org, s * organisations / staff));
            }

            await db.SaveChangesAsync();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   {organisations} organisations, {staff} staff in {total.Elapsed.TotalSeconds:0.0} s"));

        // Batches of citizens, each in a fresh context, by a few workers at once: one builds its batch (CPU in .NET) while
        // another's is written (CPU in PostgreSQL).
        var seeded = new System.Collections.Concurrent.ConcurrentBag<(int Index, SeededCourse Course)>();
        var timer = Stopwatch.StartNew();
        var nextBatch = -1;
        var done = 0;
        var reported = 0;
        await Task.WhenAll(Enumerable.Range(0, parallel).Select(_ => Task.Run(async () =>
        {
            for (var b = Interlocked.Increment(ref nextBatch); b * batch < citizens; b = Interlocked.Increment(ref nextBatch))
            {
                using var scope = app.Services.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<SamspilDbContext>();
                db.SystemSeeding = true;
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                var first = b * batch;
                var last = Math.Min(citizens, first + batch);
                for (var i = first; i < last; i++)
                {
                    var course = SeedCitizen(db, i, people, orgs, system, now);
                    if (i % staff < clients)
                    {
                        seeded.Add((i, course));
                    }
                }

                await db.SaveChangesAsync();
                var count = Interlocked.Add(ref done, last - first);
                if (count - Volatile.Read(ref reported) >= Math.Max(batch, citizens / 10) || count == citizens)
                {
                    Volatile.Write(ref reported, count);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   {count} citizens in {timer.Elapsed.TotalSeconds:0.0} s ({count / timer.Elapsed.TotalSeconds:0} citizens/s)"));
                }
            }
        })));

        // In citizen order: the first course of client 1 is citizen 0, bench_course row 1 (the one whose SQL is captured).
        var ordered = seeded.OrderBy(s => s.Index).ToList();
        var manifest = Enumerable.Range(0, clients)
            .Select(c => new ClientManifest(people[c].Login, ordered.Where(s => s.Index % staff == c).Select(s => new CourseManifest(s.Course.CourseId, s.Course.ConversationId, s.Course.CoordinatorMemberId, s.Course.GoalId)).ToList()))
            .ToList();
        var lookups = ordered.Select(s => new CourseLookup(s.Course, people[s.Index % staff])).ToList();
        await WriteLookupTableAsync(connection, lookups);
        await File.WriteAllTextAsync(manifestPath, JsonSerializer.Serialize(new LoadManifest(password, manifest), ManifestJson.Options));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   seeded {citizens} citizens in {total.Elapsed.TotalSeconds:0.0} s; manifest {manifestPath}"));
        return 0;
    }

    private static SeededCourse SeedCitizen(SamspilDbContext db, int i, List<StaffMember> people, List<Organization> orgs, Actor system, Moment now)
    {
        var today = now.Today;
        var s0 = people[i % people.Count];
        var s1 = people[(i * 7 + 13) % people.Count];
        var s2 = people[(i * 31 + 101) % people.Count];
        if (s1 == s0)
        {
            s1 = people[(i + 1) % people.Count];
        }

        if (s2 == s0 || s2 == s1)
        {
            s2 = people[(i + 2) % people.Count];
        }

        var startDate = today.AddDays(-60 - (i % 300));
        var start = At(startDate, 9);
        var citizen = Citizen.Register(
            new CitizenDetails(
                string.Create(CultureInfo.InvariantCulture, $"Borger{i + 1}"), "Test-Belastning", CprNumber.Parse(SyntheticCpr(i), today), i % 5 == 3 ? "ar" : "da",
                i % 5 == 3, i % 5 == 3 ? "ar" : null, null, null, string.Create(CultureInfo.InvariantCulture, $"Testvej {i % 200 + 1}, Testby")),
            s1.Organization.Id,
            start.Utc);
        db.Citizens.Add(citizen);

        // The course: responsible region and municipality are the coordinator's pair of units; recorded by the second member's
        // organisation, so the coordinator reads by the citizen's consent (not as its own records).
        var regionOrg = orgs[s0.OrganizationIndex & ~1];
        var municipalityOrg = orgs[Math.Min(orgs.Count - 1, s0.OrganizationIndex | 1)];
        var course = Course.Start(new NewCourse(citizen.Id, "ptsd-refugee", CoursePhase.Detection, startDate, null, regionOrg.Id, municipalityOrg.Id, s1.Organization.Id), system, start);
        var agreement = new CitizenAgreement(startDate, AgreementMethod.InPerson, "Aftalt ved første samtale (syntetisk).");
        var coordinator = course.AddMember(Member(s0, CollaborationRole.Coordinator, startDate, agreement), system, start);
        var second = course.AddMember(Member(s1, CollaborationRole.Other, startDate, agreement), system, start);
        course.AddMember(Member(s2, CollaborationRole.Other, startDate, agreement), system, start);
        course.ChangePhase(CoursePhase.Assessment, system, At(startDate.AddDays(10), 9), null);
        course.ChangePhase(CoursePhase.Treatment, system, At(startDate.AddDays(20), 9), null);
        db.Courses.Add(course);

        var document = ConsentDocument.Upload(citizen.Id, "samtykkeerklaering.pdf", "application/pdf", ConsentPdf, system, start);
        db.ConsentDocuments.Add(document);
        var consent = Consent.Give(
            citizen.Id,
            new ConsentTerms(
                new[] { s0, s1, s2 }.Select(s => new ConsentRecipient(ConsentRecipientKind.Organization, s.Organization.Id)).Distinct().ToList(),
                InformationCategory.StatusAndAppointments | InformationCategory.PlanAndGoals | InformationCategory.MeetingsAndMinutes | InformationCategory.WorkAndIncome
                    | InformationCategory.Messages | InformationCategory.HealthAndTreatment,
                AccessPurpose.Coordination,
                "Koordinering mellem traumeklinik og jobcenter (syntetisk).",
                null,
                startDate,
                startDate.AddDays(Consent.DefaultValidityDays),
                ConsentCondition.None,
                null),
            new ConsentGiving(ConsentGivenBy.Citizen, null, ConsentMethod.SignedFormWitnessed, s0.ProfessionalId, document.Id),
            system,
            start);
        db.Consents.Add(consent);

        // The shared plan, every step a version as the plan service records it.
        var day = today.AddDays(-28);
        var active = course.ActiveMemberIds(today);
        var (plan, firstVersion) = CarePlan.Create(course.Id, citizen.Id, system, At(day, 10));
        var versions = new List<PlanVersion> { firstVersion };
        var statement = Statements[i % Statements.Length];
        plan.SetCitizenPart(statement, "da", ["Søvnen"], CitizenPartAuthor.Professional, system, At(day, 10));
        versions.Add(plan.Record(system, At(day, 10), "CitizenPart.Changed"));
        plan.AddChallenge(ChallengeArea.Health, "Mareridt og uro om natten", At(day, 10));
        versions.Add(plan.Record(system, At(day, 10), "Challenge.Added"));
        var goal = plan.AddGoal("Tilbage i arbejde", statement, ["Sove 6 timer de fleste nætter", "Virksomhedspraktik 10 timer ugentligt"], At(day, 10));
        versions.Add(plan.Record(system, At(day, 10), "Goal.Added"));
        plan.AddAction(goal.Id, "Søvnudredning og plan for nætterne", ActionOwner.Member(coordinator.Id), today.AddDays(10), active, At(day, 11));
        versions.Add(plan.Record(system, At(day, 11), "Action.Added"));
        plan.AddAction(goal.Id, "Afklare forsørgelsesgrundlag ved fælles møde", ActionOwner.Member(second.Id), today.AddDays(14), active, At(day, 11));
        versions.Add(plan.Record(system, At(day, 11), "Action.Added"));
        plan.AddAction(goal.Id, "Skrive ned, hvad der hjælper", ActionOwner.Citizen, today.AddDays(7), active, At(day, 11));
        versions.Add(plan.Record(system, At(day, 11), "Action.Added"));
        db.CarePlans.Add(plan);
        db.PlanVersions.AddRange(versions);

        // A held network meeting with approved minutes, and a booked one.
        ParticipantSpec[] participants =
        [
            new(null, true, MeetingRole.Participant, false),
            new(coordinator.Id, false, MeetingRole.MeetingLeader, true),
            new(second.Id, false, MeetingRole.MinuteTaker, true),
        ];
        var heldOn = WorkingDay(today.AddDays(-14 - (i % 7)));
        var held = Meeting.Create(new NewMeeting(course.Id, citizen.Id, MeetingKind.Network, "Netværksmøde om søvn og økonomi", MeetingFormat.InPerson, null, null), At(heldOn.AddDays(-21), 9));
        held.SetParticipants(participants, active);
        held.Schedule(At(heldOn, 10).Utc, At(heldOn, 11).Utc, MeetingFormat.InPerson, "Traumeklinikken, mødelokale 1 (syntetisk)", null);
        held.AddAgendaPoint("Søvnen og hverdagen siden sidst", s0.Login, true, At(heldOn.AddDays(-10), 9));
        held.ShareAgenda(At(heldOn.AddDays(-7), 9));
        held.MarkHeld(At(heldOn, 11));
        held.WriteMinutes("Borgeren sover lidt bedre. Jobcentret afklarer forsørgelsesgrundlaget (syntetisk).", "Vi talte om søvnen og om pengene (syntetisk).");
        held.ApproveMinutes(system, At(heldOn.AddDays(1), 9));
        db.Meetings.Add(held);
        var nextOn = WorkingDay(today.AddDays(14 + (i % 7)));
        var next = Meeting.Create(new NewMeeting(course.Id, citizen.Id, MeetingKind.Network, "Opfølgende netværksmøde", MeetingFormat.InPerson, null, null), At(heldOn.AddDays(1), 10));
        next.SetParticipants(participants, active);
        next.Schedule(At(nextOn, 10).Utc, At(nextOn, 11).Utc, MeetingFormat.InPerson, "Jobcentret, mødelokale 2 (syntetisk)", null);
        next.AddAgendaPoint("Hvordan går det med praktikken?", s0.Login, true, At(heldOn.AddDays(1), 10));
        db.Meetings.Add(next);

        // A conversation: the coordinator writes to the two others, both answer.
        var limits = new AttachmentLimits(10 * 1024 * 1024, 5);
        var p0 = new NewParticipant(s0.UserId, ParticipantKind.Professional, s0.Login, s0.Organization.Id);
        var p1 = new NewParticipant(s1.UserId, ParticipantKind.Professional, s1.Login, s1.Organization.Id);
        var p2 = new NewParticipant(s2.UserId, ParticipantKind.Professional, s2.Login, s2.Organization.Id);
        var conversation = Conversation.Start(course.Id, citizen.Id, "Næste skridt i planen (syntetisk)", p0, [p1, p2], At(today.AddDays(-3), 8));
        conversation.Post(p0.UserId, "Hej begge. Kan vi nå at afklare forsørgelsen før næste møde? (syntetisk)", "da", [], limits, At(today.AddDays(-3), 8));
        conversation.Post(p1.UserId, "Ja, jeg ringer til borgeren i morgen. (syntetisk)", "da", [], limits, At(today.AddDays(-2), 9));
        conversation.Post(p2.UserId, "Godt. Jeg sender notatet fra sidste samtale. (syntetisk)", "da", [], limits, At(today.AddDays(-2), 14));
        conversation.MarkRead(p0.UserId, At(today.AddDays(-1), 8).Utc);
        db.Conversations.Add(conversation);
        return new SeededCourse(course.Id, citizen.Id, plan.Id, conversation.Id, coordinator.Id, goal.Id, consent.Id);
    }

    /// <summary>The ids one course's requests name, for pgbench: one row per client course, numbered from 1.</summary>
    private static async Task WriteLookupTableAsync(string connection, List<CourseLookup> lookups)
    {
        await using var data = NpgsqlDataSource.Create(connection);
        await using (var create = data.CreateCommand(
            "DROP TABLE IF EXISTS bench_course; CREATE TABLE bench_course (n int PRIMARY KEY, course_id uuid, citizen_id uuid, plan_id uuid, conversation_id uuid, member_id uuid, goal_id uuid, consent_id uuid, user_id uuid, professional_id uuid, role_id uuid, organization_id uuid)"))
        {
            await create.ExecuteNonQueryAsync();
        }

        await using var connectionObject = await data.OpenConnectionAsync();
        await using var writer = await connectionObject.BeginBinaryImportAsync(
            "COPY bench_course (n, course_id, citizen_id, plan_id, conversation_id, member_id, goal_id, consent_id, user_id, professional_id, role_id, organization_id) FROM STDIN (FORMAT BINARY)");
        var n = 0;
        foreach (var (course, staff) in lookups)
        {
            await writer.StartRowAsync();
            await writer.WriteAsync(++n);
            foreach (var id in new[] { course.CourseId, course.CitizenId, course.PlanId, course.ConversationId, course.CoordinatorMemberId, course.GoalId, course.ConsentId, staff.UserId, staff.ProfessionalId, staff.Role.Id, staff.Organization.Id })
            {
                await writer.WriteAsync(id, NpgsqlTypes.NpgsqlDbType.Uuid);
            }
        }

        await writer.CompleteAsync();
    }

    private static NewNetworkMember Member(StaffMember s, CollaborationRole role, DateOnly from, CitizenAgreement agreement) =>
        new(MemberKind.Professional, s.Role.Id, null, null, null, null, role, null, from, agreement);

    private static Moment At(DateOnly day, int hour) => new(new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero), day);

    private static DateOnly WorkingDay(DateOnly day)
    {
        while (!WorkingDays.IsWorkingDay(day))
        {
            day = day.AddDays(1);
        }

        return day;
    }

    /// <summary>DDMM58-SSSS with the 7th digit 5–8 (born 1858, the documented test-only range), unique for i below 1,344,000.</summary>
    internal static string SyntheticCpr(int i)
    {
        var day = (i % 28) + 1;
        var month = ((i / 28) % 12) + 1;
        var seventh = 5 + ((i / 336) % 4);
        var serial = (i / 1344) % 1000;
        return string.Create(CultureInfo.InvariantCulture, $"{day:00}{month:00}58{seventh}{serial:000}");
    }

    internal static string? Option(string[] args, string name, string? fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    private sealed record StaffMember(string Login, Guid UserId, Guid ProfessionalId, PractitionerRole Role, Organization Organization, int OrganizationIndex);

    private sealed record SeededCourse(Guid CourseId, Guid CitizenId, Guid PlanId, Guid ConversationId, Guid CoordinatorMemberId, Guid GoalId, Guid ConsentId);

    private sealed record CourseLookup(SeededCourse Course, StaffMember Staff);

    /// <summary>The application on the given PostgreSQL database, started in-process for its services; nothing runs in the background.</summary>
    private sealed class SeedingApplication(string connection) : WebApplicationFactory<SamspilDbContext>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseContentRoot(LoadPaths.ApplicationContentRoot());
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("Database:ConnectionString", connection);
            builder.UseSetting("Demo:Seed", "false");
            builder.UseSetting("Notifications:Outbox:Enabled", "false");
            builder.UseSetting("Notifications:Reminders:Enabled", "false");
            builder.UseSetting("Authentication:Cleanup:Enabled", "false");
            builder.UseSetting("AccessLog:Checkpoints:Enabled", "false");
        }
    }
}

internal sealed record LoadManifest(string Password, List<ClientManifest> Clients);

internal sealed record ClientManifest(string Login, List<CourseManifest> Courses);

internal sealed record CourseManifest(Guid CourseId, Guid ConversationId, Guid CoordinatorMemberId, Guid GoalId);

internal static class ManifestJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = false };
}

internal static class LoadPaths
{
    /// <summary>src/Samspil of the checkout this benchmark was built in (beside Samspil.slnx).</summary>
    public static string ApplicationContentRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Samspil.slnx")))
            {
                return Path.Combine(directory.FullName, "src", "Samspil");
            }
        }

        throw new InvalidOperationException("Samspil.slnx not found above " + AppContext.BaseDirectory);
    }
}
