using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Samspil.Domain.Citizens;
using Samspil.Domain.Common;
using Samspil.Domain.Consents;
using Samspil.Domain.Conversations;
using Samspil.Domain.Courses;
using Samspil.Domain.Directory;
using Samspil.Domain.Meetings;
using Samspil.Domain.Network;
using Samspil.Domain.Plans;
using Samspil.Domain.Reporting;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Security;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Demo;

public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Seed the synthetic demo data set into an empty database at start-up.</summary>
    public bool Seed { get; set; }

    /// <summary>The one password all demo logins share.</summary>
    public string Password { get; set; } = "Samspil-demo-2026";
}

/// <summary>
/// A synthetic data set for trying Samspil: a regional trauma clinic with two sites, a psychiatric
/// ward, five municipalities with job centre, social services and an entry-point coordinator, four GP
/// clinics, a volunteer organisation and 36 citizens with courses and networks. Every name is invented.
/// CPR numbers come from the documented test-only range (docs/demo-data.md): birth year 1858, i.e.
/// DDMM58 with a 7th digit of 5–8 — a person aged 109–110 when the CPR register opened in 1968.
/// Addresses and phone numbers are invented too.
/// </summary>
public sealed partial class DemoDataSeeder(
    SamspilDbContext db,
    UserManager<AppUser> users,
    TimeProvider time,
    IOptions<DemoOptions> options,
    Screening.PersonKeys personKeys,
    ILogger<DemoDataSeeder> logger)
{
    private static readonly string[] Municipalities = ["Odense", "Kolding", "Vejle", "Fredericia", "Varde"];

    private static readonly (string Given, string Family, string Language, string? Interpreter)[] CitizenNames =
    [
        ("Preben", "Demo-Nielsen", "da", null), ("Louise", "Demo-Hansen", "da", null), ("Abby", "Demo-Jensen", "da", null),
        ("Ahmad", "Demo-Karimi", "fa", "fa"), ("Mariam", "Demo-Haddad", "ar", "ar"), ("Yusuf", "Demo-Rahimi", "fa", "fa"),
        ("Layla", "Demo-Mansour", "ar", "ar"), ("Omar", "Demo-Saleh", "ar", null), ("Zahra", "Demo-Hosseini", "fa", "fa"),
        ("Khaled", "Demo-Nasser", "ar", "ar"), ("Nadia", "Demo-Farah", "ar", null), ("Reza", "Demo-Ahmadi", "fa", null),
        ("Samira", "Demo-Yousef", "ar", "ar"), ("Hassan", "Demo-Darwish", "ar", "ar"), ("Fatima", "Demo-Azizi", "fa", "fa"),
        ("Jens", "Demo-Mikkelsen", "da", null), ("Martin", "Demo-Kristensen", "da", null), ("Søren", "Demo-Poulsen", "da", null),
        ("Kasper", "Demo-Lund", "da", null), ("Thomas", "Demo-Holm", "da", null), ("Anne", "Demo-Skov", "da", null),
        ("Mette", "Demo-Bach", "da", null), ("Camilla", "Demo-Krogh", "da", null), ("Peter", "Demo-Dam", "da", null),
        ("Lars", "Demo-Vestergaard", "da", null), ("Karina", "Demo-Thomsen", "da", null), ("Michael", "Demo-Friis", "en", null),
        ("Sarah", "Demo-Brandt", "en", null), ("Rasmus", "Demo-Juul", "da", null), ("Line", "Demo-Møller", "da", null),
        ("Bashir", "Demo-Hamidi", "fa", "fa"), ("Amina", "Demo-Osman", "ar", "ar"), ("Dawit", "Demo-Tesfaye", "en", "ti"),
        ("Helle", "Demo-Winther", "da", null), ("Niels", "Demo-Bundgaard", "da", null), ("Jamal", "Demo-Ibrahim", "ar", "ar"),
    ];

    /// <summary>Mariam (Arabic, needs an interpreter) signs in too, so the conversations show a citizen writing in her own language.</summary>
    private const int MariamIndex = 4;

    private readonly Dictionary<string, Guid> _userIds = new(StringComparer.Ordinal);

    /// <summary>The demo professional who holds each practitioner role: account, name and organisation.</summary>
    private readonly Dictionary<Guid, NewParticipant> _participantByRole = [];

    /// <summary>Seeds an empty database, then prints (and returns) the demo logins, the same lines on every start.</summary>
    public async Task<IReadOnlyList<string>> SeedAsync(CancellationToken cancellationToken)
    {
        if (!await db.Organizations.AnyAsync(cancellationToken))
        {
            // Seeding writes citizen data as the system, not as a user: no access-log entries.
            db.SystemSeeding = true;
            try
            {
                await SeedDataAsync(cancellationToken);
            }
            finally
            {
                db.SystemSeeding = false;
            }
        }

        // Read back from the database on every start, so the first start (which just seeded) prints what later starts print.
        var lines = await DemoLoginLinesAsync(cancellationToken);
        PrintLogins(lines);
        return lines;
    }

    private async Task SeedDataAsync(CancellationToken cancellationToken)
    {
        var now = CopenhagenTime.Now(time);
        var system = new Actor(Guid.Empty, "Demo-data");

        // Region and its units.
        var region = Add(Org("Region Syddanmark (demo)", Sector.Region, OrganizationKind.Region, null, "Demovej 1", "7100", "Vejle", "70 00 00 01"));
        var trauma = Add(Org("Traumeklinikken, Psykiatrien i Region Syddanmark", Sector.Region, OrganizationKind.TraumaClinic, region.Id, null, null, null, "70 00 00 10"));
        var traumaOdense = Add(Org("Traumeklinikken Odense", Sector.Region, OrganizationKind.TraumaClinic, trauma.Id, "Demovej 18", "5000", "Odense C", "70 00 00 11"));
        var traumaVejle = Add(Org("Traumeklinikken Vejle", Sector.Region, OrganizationKind.TraumaClinic, trauma.Id, "Demovej 25", "7100", "Vejle", "70 00 00 12"));
        var ward = Add(Org("Psykiatrisk Afdeling Odense, sengeafsnit P1", Sector.Region, OrganizationKind.PsychiatricWard, region.Id, "Demovej 20", "5000", "Odense C", "70 00 00 20"));

        // Municipalities, each with job centre, social services and a coordinator as the one entry point (R4).
        string[] entryFor = ["ptsd-refugee", "ptsd-veteran", "ptsd-work"];
        var jobCentres = new Dictionary<string, Organization>(StringComparer.Ordinal);
        var socials = new Dictionary<string, Organization>(StringComparer.Ordinal);
        var coordinators = new Dictionary<string, Organization>(StringComparer.Ordinal);
        var municipalityOrgs = new Dictionary<string, Organization>(StringComparer.Ordinal);
        for (var i = 0; i < Municipalities.Length; i++)
        {
            var name = Municipalities[i];
            var phone = string.Create(CultureInfo.InvariantCulture, $"72 00 {i + 1:00} ");
            var municipality = Add(Org($"{name} Kommune", Sector.Municipality, OrganizationKind.Municipality, null, "Demo-Rådhuset", null, name, phone + "00", municipalityCode: DemoOfferings.MunicipalityCodes[name]));
            municipalityOrgs[name] = municipality;
            jobCentres[name] = Add(Org($"Jobcenter {name}", Sector.Municipality, OrganizationKind.JobCentre, municipality.Id, "Demo-Jobcentervej 1", null, name, phone + "10"));
            socials[name] = Add(Org($"Socialafdelingen, {name} Kommune", Sector.Municipality, OrganizationKind.SocialServices, municipality.Id, "Demo-Rådhuset", null, name, phone + "20", DemoOfferings.SocialEntryPointFor));
            coordinators[name] = Add(Org($"Flygtninge- og veterankoordinator, {name} Kommune", Sector.Municipality, OrganizationKind.Coordinator, municipality.Id, "Demo-Rådhuset", null, name, phone + "30", entryFor));
        }

        var gps = new[]
        {
            Add(Org("Lægehuset Åløkken (demo)", Sector.GeneralPractice, OrganizationKind.GpClinic, null, "Demo-Åløkken 3", "5000", "Odense C", "66 00 00 01", municipalityCode: "461")),
            Add(Org("Lægerne i Strandgade (demo)", Sector.GeneralPractice, OrganizationKind.GpClinic, null, "Demo-Strandgade 9", "6000", "Kolding", "75 00 00 02", municipalityCode: "621")),
            Add(Org("Lægehuset ved Fjorden (demo)", Sector.GeneralPractice, OrganizationKind.GpClinic, null, "Demo-Fjordvej 14", "7100", "Vejle", "75 00 00 03", municipalityCode: "630")),
            Add(Org("Varde Lægecenter (demo)", Sector.GeneralPractice, OrganizationKind.GpClinic, null, "Demo-Torvet 2", "6800", "Varde", "75 00 00 04", municipalityCode: "573")),
        };
        var volunteers = Add(Org("Frivilligcenter Trekanten (demo)", Sector.Volunteer, OrganizationKind.VolunteerOrganization, null, "Demo-Havnegade 5", "7000", "Fredericia", "75 00 00 05", municipalityCode: "607"));

        // Offerings (issue 18): opening hours for every entry point, and municipal, regional, state and voluntary offerings.
        DemoOfferings.Seed(db, region, traumaOdense, traumaVejle, volunteers, jobCentres, socials, coordinators, now.Utc);

        // Professionals and their roles; each gets a login.
        var psychologistOdense = await ProfessionalAsync("behandler.odense", "Mette Demo-Lindberg", "Psykolog", traumaOdense, "Psykolog, Traumeklinikken Odense",
            "Kan beslutte behandlingsplan og -forløb i traumeklinikken; kan ikke træffe beskæftigelsesfaglige afgørelser.", "70 00 11 01");
        var socialWorkerOdense = await ProfessionalAsync("socialraadgiver.traume", "Anders Demo-Skytte", "Socialrådgiver", traumaOdense, "Klinisk socialrådgiver",
            "Koordinerer med kommunen og kan indkalde til netværksmøder for klinikken.", "70 00 11 02");
        var psychiatristVejle = await ProfessionalAsync("behandler.vejle", "Rikke Demo-Storm", "Psykiater", traumaVejle, "Overlæge, Traumeklinikken Vejle",
            "Kan ordinere medicin og beslutte udredning og behandling.", "70 00 12 01");
        var wardNurse = await ProfessionalAsync("sygeplejerske.p1", "Jonas Demo-Kjær", "Sygeplejerske", ward, "Kontaktperson, sengeafsnit P1",
            "Kan aftale udskrivning og kontakt under indlæggelse.", "70 00 20 01");
        var caseworkers = new Dictionary<string, PractitionerRole>(StringComparer.Ordinal);
        var ipsConsultants = new Dictionary<string, PractitionerRole>(StringComparer.Ordinal);
        var coordinatorRoles = new Dictionary<string, PractitionerRole>(StringComparer.Ordinal);
        string[] caseworkerNames = ["Birgitte Demo-Aagaard", "Henrik Demo-Bisgaard", "Tina Demo-Eriksen", "Morten Demo-Gregersen", "Susanne Demo-Iversen"];
        string[] ipsNames = ["Kim Demo-Laursen", "Pia Demo-Mortensen", "Ole Demo-Nygaard", "Lene Demo-Overgaard", "Bo Demo-Pallesen"];
        string[] coordinatorNames = ["Hanne Demo-Quist", "Jesper Demo-Riis", "Dorte Demo-Schmidt", "Klaus Demo-Toft", "Vibeke Demo-Ulriksen"];
        for (var i = 0; i < Municipalities.Length; i++)
        {
            var m = Municipalities[i];
            var slug = Slug(m);
            caseworkers[m] = await ProfessionalAsync($"sagsbehandler.{slug}", caseworkerNames[i], "Socialrådgiver", jobCentres[m], "Sagsbehandler, sygedagpenge og ressourceforløb",
                "Kan træffe afgørelse om forsørgelsesgrundlag, ressourceforløb og virksomhedspraktik.", string.Create(CultureInfo.InvariantCulture, $"72 01 {i + 1:00} 01"));
            ipsConsultants[m] = await ProfessionalAsync($"ips.{slug}", ipsNames[i], "Jobkonsulent", jobCentres[m], "IPS-jobkonsulent",
                "Kan aftale jobsøgning, virksomhedskontakt og støtte efter ansættelse; træffer ikke afgørelser om ydelser.", string.Create(CultureInfo.InvariantCulture, $"72 01 {i + 1:00} 02"));
            coordinatorRoles[m] = await ProfessionalAsync($"koordinator.{slug}", coordinatorNames[i], "Koordinator", coordinators[m], "Flygtninge- og veterankoordinator (indgang til kommunen)",
                "Kan visitere til kommunens tilbud og samle kommunens fagpersoner.", string.Create(CultureInfo.InvariantCulture, $"72 01 {i + 1:00} 03"));
        }

        var gpRoles = new List<PractitionerRole>();
        string[] gpNames = ["Carsten Demo-Vinther", "Ida Demo-Wagner", "Finn Demo-Yde", "Gitte Demo-Zacho"];
        for (var i = 0; i < gps.Length; i++)
        {
            gpRoles.Add(await ProfessionalAsync($"laege{i + 1}", gpNames[i], "Praktiserende læge", gps[i], "Praktiserende læge",
                "Kan henvise, sygemelde og ordinere medicin; deltager sjældent i møder, bidrager skriftligt.", string.Create(CultureInfo.InvariantCulture, $"66 10 00 0{i + 1}")));
        }

        // Interpreters (no logins): found by the meeting scheduler for citizens who need one (R24).
        var interpreters = Add(Org("Tolkeservice Syd (demo)", Sector.Region, OrganizationKind.InterpreterService, null, "Demo-Tolkevej 1", "5000", "Odense C", "70 00 00 40"));
        foreach (var (name, languages, phone) in new[] { ("Samir Demo-Haddad", "ar,fa", "70 00 00 41"), ("Hodan Demo-Warsame", "so,ti,uk", "70 00 00 42") })
        {
            var interpreter = Professional.Create(name, "Tolk", Guid.CreateVersion7(), isDemo: true);
            interpreter.AddRole(interpreters.Id, new PractitionerRoleDetails("Tolk", "Tolker ved møder og samtaler; træffer ingen afgørelser.", phone, $"tolk.{phone[^2..]}@demo.samspil.invalid"), Guid.CreateVersion7());
            db.Professionals.Add(interpreter);
            var availability = ProfessionalAvailability.Default(interpreter.Id);
            availability.Set(new AvailabilitySpec("12345", new TimeOnly(8, 0), new TimeOnly(16, 0), null, null, null, languages, null, null, KeepIcs: true), now.Utc);
            db.ProfessionalAvailability.Add(availability);
        }

        var volunteerRole = await ProfessionalAsync("frivillig.trekanten", "Eva Demo-Frandsen", "Frivilligkoordinator", volunteers, "Frivilligkoordinator",
            "Kan matche borgeren med en frivillig mentor eller netværksgruppe.", "75 00 05 01");

        await AdministratorAsync("admin.region", "Grethe Demo-Aastrup", region);
        await AdministratorAsync("admin.traume", "Allan Demo-Borup", trauma);
        await AdministratorAsync("admin.odense", "Ulla Demo-Carlsen", municipalityOrgs["Odense"]);

        // The head of the Odense trauma clinic: a manager (leder) who sees the clinic's steering figures and no citizen data.
        await UserAsync("leder.odense", "Lone Demo-Dalsgaard", SamspilRoles.Manager, u => u.OrganizationId = traumaOdense.Id);

        // The region's hospital-notification integration: posts MedCom messages, reads no citizen data.
        await UserAsync("integration.region", "Sygehusadvis-integration (demo)", SamspilRoles.Integration, u => u.OrganizationId = region.Id);

        // Citizens and courses.
        _cast = new StoryCast(psychologistOdense, socialWorkerOdense, psychiatristVejle, caseworkers, ipsConsultants, coordinatorRoles, jobCentres, socials,
            db.Organizations.Local.First(o => o.Kind == OrganizationKind.VeteransCentre));
        var random = new Random(2026);
        var targetGroups = new[] { "ptsd-refugee", "ptsd-veteran", "ptsd-work", "frequent-admissions", "complex-rehabilitation" };
        var phases = Enum.GetValues<CoursePhase>();
        (Course Course, Citizen Citizen)? preben = null;
        (Course Course, Citizen Citizen)? mariam = null;
        (Course Course, Citizen Citizen, PractitionerRole Clinician)? gpRequests = null;
        var admitted = new List<(string PersonKey, string Municipality, bool Frequent)>();
        for (var i = 0; i < CitizenNames.Length; i++)
        {
            var (given, family, language, interpreter) = CitizenNames[i];
            var municipality = Municipalities[i % Municipalities.Length];
            var targetGroup = i < 3 ? "complex-rehabilitation" : targetGroups[i % targetGroups.Length];
            var site = targetGroup == "frequent-admissions" ? ward : (i % 2 == 0 ? traumaOdense : traumaVejle);
            var clinician = site == ward ? wardNurse : (site == traumaOdense ? (i % 4 == 0 ? socialWorkerOdense : psychologistOdense) : psychiatristVejle);

            // The Odense psychologist is in several networks so the demo login has something to show.
            if (i % 3 == 0 && clinician != psychologistOdense && site != ward)
            {
                clinician = psychologistOdense;
                site = traumaOdense;
            }

            // Most courses start in the region; some start at the job centre (detection in the municipality).
            var recordedBy = i % 7 == 6 ? jobCentres[municipality] : site;
            var cpr = CprNumber.Parse(DemoCpr(i), now.Today);
            var citizen = Citizen.Register(
                new CitizenDetails(given, family, cpr, language, interpreter is not null, interpreter,
                    string.Create(CultureInfo.InvariantCulture, $"+45 20 00 {i:00} {i + 10:00}"), null, $"Demovej {i + 1}, {municipality}"),
                recordedBy.Id,
                now.Utc,
                isDemo: true);
            db.Citizens.Add(citizen);
            if ((targetGroup == "frequent-admissions" || i < 2) && personKeys.KeyOf(cpr) is { } personKey)
            {
                admitted.Add((personKey, municipality, targetGroup == "frequent-admissions" || i == 0));
            }

            var startDate = now.Today.AddDays(-30 - random.Next(0, 300));
            var finalPhase = phases[random.Next(0, phases.Length)];

            // The phase walk, dated: drawn here (the same draws as always), so a story course can replace its timeline
            // without changing anyone else's.
            var walk = new List<(CoursePhase Phase, DateOnly On)>();
            var walked = startDate;
            foreach (var phase in phases.Where(p => p > CoursePhase.Detection && p <= finalPhase))
            {
                walked = walked.AddDays(random.Next(7, 30));
                if (walked >= now.Today)
                {
                    break;
                }

                walk.Add((phase, walked));
            }

            (startDate, walk) = StoryTimeline(i, startDate, walk, now.Today);
            var startMoment = MomentOn(startDate);
            var course = Course.Start(
                new NewCourse(citizen.Id, targetGroup, CoursePhase.Detection, startDate, null, site.Id, jobCentres[municipality].Id, recordedBy.Id, IsDemo: true),
                system,
                startMoment);

            // Members first, while the course is in its early phases.
            var agreement = new CitizenAgreement(startDate, AgreementMethod.InPerson, "Aftalt ved første samtale (demo).");
            var memberRoles = new List<PractitionerRole> { clinician, caseworkers[municipality] };
            course.AddMember(ProfessionalMember(clinician, CollaborationRole.Coordinator, startDate, agreement), system, startMoment);
            course.AddMember(ProfessionalMember(caseworkers[municipality], CollaborationRole.Other, startDate, agreement), system, startMoment);
            if (i % 2 == 0)
            {
                memberRoles.Add(ipsConsultants[municipality]);
                course.AddMember(ProfessionalMember(ipsConsultants[municipality], CollaborationRole.IpsConsultant, startDate.AddDays(10), agreement), system, startMoment);
            }

            if (i % 3 == 1)
            {
                memberRoles.Add(gpRoles[i % gpRoles.Count]);
                course.AddMember(ProfessionalMember(gpRoles[i % gpRoles.Count], CollaborationRole.Other, startDate, agreement), system, startMoment);
            }

            if (i % 4 == 1)
            {
                memberRoles.Add(coordinatorRoles[municipality]);
                course.AddMember(ProfessionalMember(coordinatorRoles[municipality], CollaborationRole.MeetingLeader, startDate, agreement), system, startMoment);
            }

            if (i % 3 == 2)
            {
                course.AddMember(
                    new NewNetworkMember(MemberKind.Relative, null, $"Pårørende til {given} (demo)", i == AbbyIndex ? "storesøster" : i % 2 == 0 ? "ægtefælle" : "datter", "+45 30 00 00 00", null,
                        i % 6 == 2 ? CollaborationRole.Proxy : CollaborationRole.Other, null, startDate, agreement),
                    system,
                    startMoment);
            }

            if (i % 5 == 3)
            {
                memberRoles.Add(volunteerRole);
                course.AddMember(ProfessionalMember(volunteerRole, CollaborationRole.Other, startDate, agreement), system, startMoment);
                course.AddMember(
                    new NewNetworkMember(MemberKind.Peer, null, "Peer-medarbejder (demo)", "peer", null, null, CollaborationRole.ReflectingMember, null, startDate, agreement),
                    system,
                    startMoment);
            }

            // Issue 17 point 11: the story courses' own members (bisidder, the veteran coordinator, …).
            AddStoryMembers(i, course, memberRoles, startDate, agreement, system, startMoment);

            // Walk the course forward through its phases, dated and attributed.
            foreach (var (phase, on) in walk)
            {
                course.ChangePhase(phase, new Actor(Guid.Empty, clinician == wardNurse ? "Jonas Demo-Kjær" : "Demo-data"), MomentOn(on), null);
            }

            // Some history: a caseworker who left (changed job) and a rejoin.
            if (i % 7 == 0)
            {
                var caseworkerMember = course.Members.First(m => m.PractitionerRoleId == caseworkers[municipality].Id);
                var left = startDate.AddDays(15);
                if (left < now.Today)
                {
                    course.EndMembership(caseworkerMember.Id, left, "Sygemeldt i en periode (demo).", MomentOn(left));
                    var back = left.AddDays(5);
                    if (back <= now.Today)
                    {
                        course.Rejoin(caseworkerMember.Id, back, agreement with { AgreedOn = back }, null, system, MomentOn(back));
                    }
                }
            }

            db.Courses.Add(course);
            if (!SeedStoryPlan(i, course, now, system) && i % 2 == 0)
            {
                SeedPlan(i, course, now, system);
            }

            if (i == 1)
            {
                SeedLouiseFamilyAndLoad(course, citizen, caseworkers[municipality], now, system); // issue 17: 003's Louise
            }

            SeedConsents(i, citizen, course, clinician, memberRoles, socials[municipality], startDate, now, system);

            if (IsStory(i))
            {
                _stories[i] = (course, citizen);
            }

            if (i == 0)
            {
                preben = (course, citizen);
            }
            else if (i == MariamIndex)
            {
                mariam = (course, citizen);
            }
            else if (i == GpRequestsIndex)
            {
                gpRequests = (course, citizen, clinician);
            }

            // Preben, Louise, Abby and Mariam can sign in as citizens.
            if (i < 3 || i == MariamIndex)
            {
                await UserAsync($"borger.{Slug(given)}", $"{given} {family}", SamspilRoles.Citizen, u => u.CitizenId = citizen.Id);
                if (i == 1)
                {
                    // Louise's sister holds a power of attorney and may act for her (stedfortræder med fuldmagt).
                    await UserAsync("paaroerende.louise", "Søster til Louise (demo)", SamspilRoles.Proxy, u => u.CitizenId = citizen.Id);

                    // Her access follows a registered power of attorney (synthetic): every category, open-ended, consent included.
                    var power = Domain.Consents.PowerOfAttorney.Register(
                        citizen.Id, "Søster til Louise (demo)", "søster", null, null, null, "Demo: fuldmagt på papir (syntetisk)",
                        startDate, null, InformationCategory.All, mayConsent: true, system, now);
                    power.LinkProxy(_userIds["paaroerende.louise"]);
                    db.PowersOfAttorney.Add(power);
                }
            }
        }

        if (preben is { } p)
        {
            SeedConversation(p.Course, p.Citizen, traumaOdense, jobCentres["Odense"], now);
            SeedPrebenMeetings(p.Course, p.Citizen, psychologistOdense, caseworkers["Odense"], now);
            SeedCaseworkerOverdueAction(p.Course, caseworkers["Odense"], now);
            SeedPrebenCrisisPlan(p.Course, p.Citizen, now);
            Deadlines.DeadlineDemoData.SeedPreben(db, p.Course, p.Citizen.Id, new Actor(_userIds["sagsbehandler.odense"], "Birgitte Demo-Aagaard"), now); // issue 17 point 8
            await SeedWho5Async(p.Course, p.Citizen, "borger.preben", [[2, 2, 1, 2, 2], [2, 2, 2, 2, 3], [3, 3, 2, 3, 2], [3, 2, 2, 2, 3], [3, 3, 3, 3, 3]], now, cancellationToken);
        }

        if (mariam is { } mm)
        {
            SeedNextModelMeeting(mm.Course, mm.Citizen, now);
            SeedCoordinatorConversation(mm.Course, mm.Citizen, "borger.mariam", now);
            await SeedWho5Async(mm.Course, mm.Citizen, "borger.mariam", [[2, 2, 2, 1, 2], [1, 1, 2, 1, 2]], now, cancellationToken);
            Work.WorkDemoData.SeedStory(db, mm.Course, mm.Citizen.Id, new Actor(_userIds["ips.varde"], "Bo Demo-Pallesen"), new Actor(_userIds["sagsbehandler.varde"], "Susanne Demo-Iversen"), now.Today); // issue 17
        }

        if (gpRequests is { } g)
        {
            SeedGpRequests(g.Course, g.Citizen, g.Clinician, gpRoles[0], now, system);
        }

        // Issue 17 point 11: what happens on the story courses (meetings, work, family, Abby's move).
        SeedStories(now, system);

        // Admissions for readmission screening: pseudonymous (HMAC of the demo CPR), never a CPR number.
        foreach (var admission in Screening.ScreeningDemoData.Admissions(admitted, now.Utc))
        {
            db.Admissions.Add(Domain.Screening.Admission.From(admission, Domain.Screening.AdmissionSource.CsvImport, null, now.Utc));
        }

        SeedSteeringGroupCourses(now, ward, wardNurse, jobCentres["Odense"], caseworkers["Odense"], ipsConsultants["Odense"]);

        // Collaboration agreements (issue 18): the Tværindsats model, frequent admissions, and an expired one.
        Agreements.AgreementDemoData.Seed(db, trauma, ward, municipalityOrgs["Odense"], municipalityOrgs["Kolding"], socialWorkerOdense, coordinatorRoles["Odense"], wardNurse,
            new Actor(_userIds["admin.region"], "Grethe Demo-Aastrup"), new Actor(_userIds["admin.odense"], "Ulla Demo-Carlsen"), now);

        // The demo IPS team (issue 19): Jobcenter Odense with three fidelity reviews over two years.
        await Ips.FidelityDemoData.SeedAsync(db, jobCentres["Odense"].Id, new Actor(_userIds["admin.odense"], "Ulla Demo-Carlsen"), now.Today, now.Utc, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await SeedCollaborationAsync(cancellationToken); // issue 19: the collaboration questionnaire after the held network meetings
        LogSeeded(logger, CitizenNames.Length + SteeringGroupNames.Length);

        Moment MomentOn(DateOnly day) => new(new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero), day);
    }

    private static readonly (string Statement, string Problem, ChallengeArea Area, string Challenge, string Goal, string[] SubGoals, string Action)[] PlanTexts =
    [
        ("Jeg vil gerne kunne sove igen og komme tilbage til arbejdet som chauffør.", "Søvnen", ChallengeArea.Health, "Mareridt og uro om natten", "Tilbage i arbejde", ["Sove 6 timer de fleste nætter", "Virksomhedspraktik 10 timer ugentligt", "Op på fuld tid"], "Søvnudredning og plan for nætterne"),
        ("Jeg vil have ro på økonomien, så jeg kan tænke på at blive rask.", "Brevene fra kommunen", ChallengeArea.Income, "Usikker på sygedagpengene efter 22 uger", "Stabil forsørgelse under behandlingen", ["Afklare forsørgelsesgrundlag", "Ét fælles møde om økonomien"], "Afklare forsørgelsesgrundlag ved fælles møde"),
        ("Jeg vil gerne være en god far igen og kunne gå i butikker uden at blive bange.", "At handle ind", ChallengeArea.Family, "Børnene mærker, at jeg er urolig", "Hverdag med familien", ["Handle ind med en ven", "Hente børn i skole to dage om ugen"], "Samtale om pårørendestøtte"),
        ("Jeg vil ud at arbejde med mennesker igen.", "Opholdstilladelsen", ChallengeArea.ResidencePermit, "Venter på svar om forlænget opholdstilladelse", "Job med mennesker", ["Danskuddannelse modul 4", "Praktik i en butik", "Ordinære timer"], "Finde praktiksted"),
    ];

    /// <summary>
    /// A shared plan as a network would have built it over a few weeks: the citizen's own words,
    /// a challenge, a goal with sub-goals, actions for the coordinator and caseworker, and one
    /// evaluation with the citizen's ratings. Every step is a version, dated as it would have been.
    /// </summary>
    private void SeedPlan(int i, Course course, Moment now, Actor system)
    {
        var texts = PlanTexts[i % PlanTexts.Length];
        var owners = course.Members.Where(m => m.PractitionerRoleId != null && m.IsActiveOn(now.Today)).Select(m => m.Id).ToList();
        var active = owners.ToHashSet();
        var day = now.Today.AddDays(-28);
        Moment On(DateOnly d) => new(new DateTimeOffset(d.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero), d);

        var (plan, first) = CarePlan.Create(course.Id, course.CitizenId, system, On(day));
        var versions = new List<PlanVersion> { first };
        plan.SetCitizenPart(texts.Statement, "da", [texts.Problem], CitizenPartAuthor.Professional, system, On(day));
        versions.Add(plan.Record(system, On(day), "CitizenPart.Changed"));
        plan.AddChallenge(texts.Area, texts.Challenge, On(day));
        versions.Add(plan.Record(system, On(day), "Challenge.Added"));
        var goal = plan.AddGoal(texts.Goal, texts.Statement, texts.SubGoals, On(day));
        versions.Add(plan.Record(system, On(day), "Goal.Added"));
        plan.AddAction(goal.Id, texts.Action, ActionOwner.Member(owners[0]), now.Today.AddDays(i % 3 == 0 ? -3 : 10), active, On(day));
        versions.Add(plan.Record(system, On(day), "Action.Added"));
        if (owners.Count > 1)
        {
            plan.AddAction(goal.Id, "Følge op på aftalerne med borgeren", ActionOwner.Member(owners[1]), now.Today.AddDays(14), active, On(day));
            versions.Add(plan.Record(system, On(day), "Action.Added"));
        }

        plan.AddAction(goal.Id, "Skrive ned, hvad der hjælper", ActionOwner.Citizen, now.Today.AddDays(7), active, On(day));
        versions.Add(plan.Record(system, On(day), "Action.Added"));
        var review = day.AddDays(14);
        plan.UpdateSubGoal(goal.Id, goal.OrderedSubGoals.First().Id, goal.OrderedSubGoals.First().Text, true);
        plan.AddReview(review, "Det hjælper at have én plan, alle kender.", "Næste skridt tages først, når det første holder.", "Borger, behandler, sagsbehandler", [(goal.Id, 2 + (i % 2))], RatingSource.Professional, system, On(review));
        versions.Add(plan.Record(system, On(review), "Review.Added"));
        plan.RateGoal(goal.Id, 3 + (i % 2), now.Today.AddDays(-2), RatingSource.Citizen, On(now.Today.AddDays(-2)));
        versions.Add(plan.Record(system, On(now.Today.AddDays(-2)), "Goal.Rated"));
        db.CarePlans.Add(plan);
        db.PlanVersions.AddRange(versions);
    }

    /// <summary>
    /// Written consents for the demo, varied so every warning can be seen: most citizens consent to
    /// share with the organisations of their network; some have none, one revoked, some expiring soon,
    /// one only "while I am admitted", and Louise asked that old records stay out ("hear me where I am now").
    /// </summary>
    private void SeedConsents(int i, Citizen citizen, Course course, PractitionerRole clinician, List<PractitionerRole> memberRoles, Organization socialServices, DateOnly startDate, Moment now, Actor system)
    {
        if (i % 6 == 5)
        {
            return; // no consent yet
        }

        var at = new Moment(new DateTimeOffset(startDate.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero), startDate);
        // The citizen consents to the clinic that registered them too: hospital stays and consents are the
        // citizen's, and registering a course opens neither (ADR 0013).
        var recipients = memberRoles
            .Select(r => i % 4 == 0 && r.Title.StartsWith("Sagsbehandler", StringComparison.Ordinal)
                ? new ConsentRecipient(ConsentRecipientKind.PractitionerRole, r.Id)
                : new ConsentRecipient(ConsentRecipientKind.Organization, r.OrganizationId))
            .Distinct()
            .ToList();
        if (recipients.Count == 0)
        {
            return;
        }

        var categories = InformationCategory.StatusAndAppointments | InformationCategory.PlanAndGoals | InformationCategory.MeetingsAndMinutes | InformationCategory.WorkAndIncome | InformationCategory.Messages;
        if (i % 3 == 0)
        {
            categories |= InformationCategory.HealthAndTreatment;
        }

        var validFrom = i % 9 == 4 ? now.Today.AddDays(-350) : startDate;
        var document = ConsentDocument.Upload(citizen.Id, "samtykkeerklaering-demo.pdf", "application/pdf", DemoPdf, system, at);
        db.ConsentDocuments.Add(document);
        var consent = Consent.Give(
            citizen.Id,
            new ConsentTerms(
                recipients,
                categories,
                AccessPurpose.Coordination,
                "Koordinering af behandling og beskæftigelsesindsats mellem traumeklinik, jobcenter og de øvrige i netværket (demo).",
                "Må ikke bruges til vurdering af rådighed eller sanktioner (demo).",
                validFrom,
                validFrom.AddDays(Consent.DefaultValidityDays),
                ConsentCondition.None,
                i == 1 ? startDate.AddDays(20) : null),
            new ConsentGiving(ConsentGivenBy.Citizen, null, ConsentMethod.SignedFormWitnessed, clinician.ProfessionalId, document.Id),
            system,
            at);
        db.Consents.Add(consent);
        if (i % 10 == 7)
        {
            consent.Revoke(system, new Moment(now.Utc.AddDays(-3), now.Today.AddDays(-3)));
        }

        if (course.TargetGroupCode == "frequent-admissions" && i % 10 == 3)
        {
            db.Consents.Add(Consent.Give(
                citizen.Id,
                new ConsentTerms(
                    [new ConsentRecipient(ConsentRecipientKind.Organization, socialServices.Id)],
                    InformationCategory.StatusAndAppointments,
                    AccessPurpose.Coordination,
                    "Del med min støttekontaktperson, når jeg er indlagt (demo).",
                    null,
                    startDate,
                    null,
                    ConsentCondition.OnlyWhileAdmitted,
                    null),
                new ConsentGiving(ConsentGivenBy.Citizen, null, ConsentMethod.SignedFormWitnessed, clinician.ProfessionalId, document.Id),
                system,
                at));
        }
    }

    private static readonly (string Given, string Family)[] SteeringGroupNames =
    [
        ("Ali", "Demo-Jabari"), ("Hiba", "Demo-Khalil"), ("Farid", "Demo-Sadeghi"), ("Nour", "Demo-Aziz"), ("Sami", "Demo-Barakat"),
        ("Rana", "Demo-Qasim"), ("Tariq", "Demo-Hamdan"), ("Leila", "Demo-Rostami"), ("Yasin", "Demo-Mahmoud"), ("Dina", "Demo-Salem"),
        ("Kamal", "Demo-Nouri"), ("Soraya", "Demo-Karimi"), ("Bilal", "Demo-Hassan"), ("Maha", "Demo-Fadel"), ("Idris", "Demo-Omar"),
        ("Sara", "Demo-Tahir"), ("Walid", "Demo-Yasin"), ("Hana", "Demo-Said"), ("Karim", "Demo-Mansour"), ("Amal", "Demo-Nasser"),
        ("Jalal", "Demo-Rahimi"), ("Ranim", "Demo-Haddad"),
    ];

    /// <summary>
    /// Twenty-two more refugee courses in Odense, registered by the job centre, so that the steering
    /// group's dashboard ("Styringsdata", admin.odense) shows figures above the suppression threshold:
    /// ten ended courses (the three network meetings of Tværindsats held or not, work attachment at
    /// the end and six months later) and twelve in treatment or referral (the municipality told, joint meetings,
    /// overdue actions). The region is there through the ward's contact nurse, so Mette's and the
    /// other demo clinicians' course lists stay as they were.
    /// </summary>
    private void SeedSteeringGroupCourses(Moment now, Organization ward, PractitionerRole nurse, Organization jobCentre, PractitionerRole caseworker, PractitionerRole ips)
    {
        var system = new Actor(Guid.Empty, "Demo-data");
        Moment On(DateOnly day, int hour = 9) => new(CopenhagenTime.ToUtc(day, new TimeOnly(hour, 0)) ?? new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero), day);
        WorkAttachmentStatus[] atEnd = [WorkAttachmentStatus.OrdinaryJob, WorkAttachmentStatus.None, WorkAttachmentStatus.OrdinaryJob, WorkAttachmentStatus.None, WorkAttachmentStatus.OrdinaryJob, WorkAttachmentStatus.None, WorkAttachmentStatus.OrdinaryJob, WorkAttachmentStatus.None, WorkAttachmentStatus.OrdinaryJob, WorkAttachmentStatus.None];
        WorkAttachmentStatus[] later = [WorkAttachmentStatus.OrdinaryJob, WorkAttachmentStatus.FlexJob, WorkAttachmentStatus.OrdinaryJob, WorkAttachmentStatus.FlexJob, WorkAttachmentStatus.OrdinaryJob, WorkAttachmentStatus.FlexJob, WorkAttachmentStatus.OrdinaryJob, WorkAttachmentStatus.FlexJob, WorkAttachmentStatus.OrdinaryJob, WorkAttachmentStatus.FlexJob];
        int[] toldAfterDays = [2, 5, 3, 6, 1, 9, 12, 10, 8, 13, -1, -1];
        for (var k = 0; k < SteeringGroupNames.Length; k++)
        {
            var (given, family) = SteeringGroupNames[k];
            var ended = k < 10;
            var start = ended ? now.Today.AddDays(-460 + (5 * k)) : now.Today.AddDays(-200 + (9 * (k - 10)));
            var citizen = Citizen.Register(
                new CitizenDetails(given, family, CprNumber.Parse(DemoCpr(CitizenNames.Length + k), now.Today), "ar", true, "ar", null, null, "Demovej 100, Odense"),
                jobCentre.Id,
                On(start).Utc,
                isDemo: true);
            db.Citizens.Add(citizen);
            var course = Course.Start(new NewCourse(citizen.Id, "ptsd-refugee", CoursePhase.Detection, start, null, ward.Id, jobCentre.Id, jobCentre.Id, IsDemo: true), system, On(start));
            var agreement = new CitizenAgreement(start, AgreementMethod.InPerson, "Aftalt ved første samtale (demo).");
            var caseworkerMember = course.AddMember(ProfessionalMember(caseworker, CollaborationRole.Coordinator, start, agreement), system, On(start));
            var nurseMember = course.AddMember(ProfessionalMember(nurse, CollaborationRole.Other, start, agreement), system, On(start));
            course.AddMember(ProfessionalMember(ips, CollaborationRole.IpsConsultant, start, agreement), system, On(start));
            course.ChangePhase(CoursePhase.Assessment, system, On(start.AddDays(10)), null);
            var treatment = start.AddDays(20);
            course.ChangePhase(CoursePhase.Treatment, system, On(treatment), null);
            var told = ended ? 4 + (k % 5) : toldAfterDays[k - 10];
            if (told >= 0)
            {
                course.RecordMunicipalityTold(On(treatment.AddDays(told), 11).Utc);
            }

            // Tværindsats: network meetings about 1.5, 3.5 and 5.5 months into treatment (R21).
            var meetings = ended ? (k < 6 ? 3 : k < 9 ? 2 : 1) : (k >= 20 ? 0 : k < 16 ? 2 : 1);
            for (var m = 0; m < meetings; m++)
            {
                var day = treatment.AddDays(ended ? 45 + (60 * m) : (k % 3) + 10 + (60 * m));
                while (!Domain.Meetings.WorkingDays.IsWorkingDay(day))
                {
                    day = day.AddDays(1);
                }

                if (day >= now.Today)
                {
                    break;
                }

                var meeting = Meeting.Create(new NewMeeting(course.Id, citizen.Id, MeetingKind.Network, $"Netværksmøde {m + 1}", MeetingFormat.InPerson, null, null, "tvaerindsats", m + 1), On(day.AddDays(-14)));
                meeting.SetParticipants(
                    [new(null, true, MeetingRole.Participant, false), new(caseworkerMember.Id, false, MeetingRole.MeetingLeader, true), new(nurseMember.Id, false, MeetingRole.MinuteTaker, true)],
                    new HashSet<Guid> { caseworkerMember.Id, nurseMember.Id });
                var startsAt = On(day, 10).Utc;
                meeting.Schedule(startsAt, startsAt.AddHours(1), MeetingFormat.InPerson, "Jobcenter Odense, mødelokale 2 (demo)", null);
                meeting.AddAgendaPoint("Hvordan går det med søvnen og hverdagen?", "Demo-data", true, On(day.AddDays(-10)));
                meeting.ShareAgenda(On(day.AddDays((k + m) % 4 == 0 ? -1 : -7)));
                meeting.MarkHeld(On(day, 12));
                meeting.WriteMinutes("Aftalt næste skridt i planen (demo).", "Vi aftalte, hvad der sker nu (demo).");
                meeting.ApproveMinutes(system, On(day.AddDays((k + m) % 5 == 0 ? 6 : 1)));
                db.Meetings.Add(meeting);
            }

            if (!ended && k % 2 == 0)
            {
                var (plan, first) = CarePlan.Create(course.Id, citizen.Id, system, On(treatment));
                plan.AddAction(null, "Aftale praktiksted med virksomheden", ActionOwner.Member(caseworkerMember.Id), now.Today.AddDays(-5 - k), course.ActiveMemberIds(treatment), On(treatment));
                db.CarePlans.Add(plan);
                db.PlanVersions.AddRange(first, plan.Record(system, On(treatment), "Action.Added"));
            }

            if (!ended && k >= 17)
            {
                course.ChangePhase(CoursePhase.Referral, system, On(treatment.AddDays(60)), null);
            }

            if (ended)
            {
                var end = start.AddDays(210);
                course.ChangePhase(CoursePhase.Referral, system, On(end.AddDays(-14)), null);
                course.End(end, On(end));
                db.WorkAttachments.Add(WorkAttachment.Record(course.Id, citizen.Id, end, WorkAttachmentPoint.CourseEnd, atEnd[k], system, On(end)));
                db.WorkAttachments.Add(WorkAttachment.Record(course.Id, citizen.Id, end, WorkAttachmentPoint.SixMonthsAfter, later[k], system, now));
            }

            // Issue 17: income basis and IPS tracks, so the dashboard shows days to clarification and to the first job.
            Work.WorkDemoData.SeedSteering(db, course, citizen.Id, k, new Actor(_userIds["ips.odense"], "Kim Demo-Laursen"), new Actor(_userIds["sagsbehandler.odense"], "Birgitte Demo-Aagaard"), now.Today);

            db.Courses.Add(course);
            if (k % 4 != 3)
            {
                var document = ConsentDocument.Upload(citizen.Id, "samtykkeerklaering-demo.pdf", "application/pdf", DemoPdf, system, On(start));
                db.ConsentDocuments.Add(document);
                db.Consents.Add(Consent.Give(
                    citizen.Id,
                    new ConsentTerms(
                        [new ConsentRecipient(ConsentRecipientKind.Organization, ward.Id)],
                        InformationCategory.StatusAndAppointments | InformationCategory.MeetingsAndMinutes | InformationCategory.WorkAndIncome,
                        AccessPurpose.Coordination,
                        "Koordinering mellem jobcenter og psykiatrien (demo).",
                        null,
                        ended ? now.Today.AddDays(-300) : start,
                        null,
                        ConsentCondition.None,
                        null),
                    new ConsentGiving(ConsentGivenBy.Citizen, null, ConsentMethod.SignedFormWitnessed, caseworker.ProfessionalId, document.Id),
                    system,
                    On(start)));
            }
        }
    }

    /// <summary>
    /// One conversation on Preben's course, as it would look two days in: his clinician (tovholder) wrote
    /// to him and his caseworker, he answered, the caseworker replied. Preben has not read the reply yet.
    /// </summary>
    private void SeedConversation(Course course, Citizen citizen, Organization clinic, Organization jobCentre, Moment now)
    {
        var clinician = new NewParticipant(_userIds["behandler.odense"], ParticipantKind.Professional, "Mette Demo-Lindberg", clinic.Id);
        var caseworker = new NewParticipant(_userIds["sagsbehandler.odense"], ParticipantKind.Professional, "Birgitte Demo-Aagaard", jobCentre.Id);
        var self = new NewParticipant(_userIds["borger.preben"], ParticipantKind.Citizen, citizen.FullName, null);
        var limits = new AttachmentLimits(10 * 1024 * 1024, 5);
        Moment At(int daysAgo, int hour)
        {
            var day = now.Today.AddDays(-daysAgo);
            return new Moment(new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero), day);
        }

        var conversation = Conversation.Start(course.Id, citizen.Id, "Din næste samtale og brevet fra jobcentret (demo)", clinician, [caseworker, self], At(2, 8));
        conversation.Post(clinician.UserId, "Hej Preben. Vi ses torsdag kl. 10 i Traumeklinikken. Birgitte fra jobcentret er også med her, så du ikke skal fortælle det samme to gange. (demo)", "da", [], limits, At(2, 8));
        conversation.Post(self.UserId, "Tak. Jeg har fået et brev om sygedagpenge, som jeg ikke forstår. Kan vi tale om det torsdag? (demo)", "da", [], limits, At(2, 15));
        conversation.MarkRead(self.UserId, At(2, 15).Utc);
        conversation.MarkRead(clinician.UserId, At(1, 8).Utc);
        conversation.Post(caseworker.UserId, "Ja, det tager vi med. Du behøver ikke gøre noget før da. (demo)", "da", [], limits, At(1, 9));
        conversation.MarkRead(caseworker.UserId, At(1, 9).Utc);
        db.Conversations.Add(conversation);
    }

    /// <summary>
    /// The meetings of the README's demo tour, on the course that behandler.odense and borger.preben both see:
    /// a network meeting held about two weeks ago with approved minutes, and a follow-up network meeting booked about
    /// two weeks ahead. Mette (the clinician) leads, Birgitte (the caseworker) writes the minutes, Preben takes part.
    /// </summary>
    private void SeedPrebenMeetings(Course course, Citizen citizen, PractitionerRole clinician, PractitionerRole caseworker, Moment now)
    {
        // Active memberships only: Preben's caseworker was away for a while and rejoined (a new membership).
        var clinicianMember = course.Members.First(m => m.PractitionerRoleId == clinician.Id && m.IsActiveOn(now.Today)).Id;
        var caseworkerMember = course.Members.First(m => m.PractitionerRoleId == caseworker.Id && m.IsActiveOn(now.Today)).Id;
        var members = course.ActiveMemberIds(now.Today);
        var mette = new Actor(_userIds["behandler.odense"], "Mette Demo-Lindberg");
        ParticipantSpec[] participants =
        [
            new(null, true, MeetingRole.Participant, false),
            new(clinicianMember, false, MeetingRole.MeetingLeader, true),
            new(caseworkerMember, false, MeetingRole.MinuteTaker, true),
        ];
        static DateOnly WorkingDay(DateOnly day)
        {
            while (!Domain.Meetings.WorkingDays.IsWorkingDay(day))
            {
                day = day.AddDays(1);
            }

            return day;
        }

        static Moment At(DateOnly day, int hour) =>
            new(CopenhagenTime.ToUtc(day, new TimeOnly(hour, 0)) ?? new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero), day);

        const string Location = "Traumeklinikken Odense, Demovej 18, mødelokale 1 (demo)";
        var heldOn = WorkingDay(now.Today.AddDays(-14));
        var held = Meeting.Create(new NewMeeting(course.Id, citizen.Id, MeetingKind.Network, "Netværksmøde om søvn og økonomi", MeetingFormat.InPerson, null, null), At(heldOn.AddDays(-21), 9));
        held.Describe("Netværksmøde om søvn og økonomi", "Fælles billede af, hvordan det går, og hvem gør hvad de næste uger (demo).");
        held.SetParticipants(participants, members);
        held.Schedule(At(heldOn, 10).Utc, At(heldOn, 11).Utc, MeetingFormat.InPerson, Location, null);
        held.AddAgendaPoint("Søvnen og hverdagen siden sidst", "Mette Demo-Lindberg", true, At(heldOn.AddDays(-10), 9));
        held.AddAgendaPoint("Brevet om sygedagpenge", "Preben Demo-Nielsen", true, At(heldOn.AddDays(-9), 9));
        held.ShareAgenda(At(heldOn.AddDays(-7), 9));
        held.MarkHeld(At(heldOn, 11));
        held.WriteMinutes(
            "Preben sover lidt bedre og vil gerne i gang med virksomhedspraktik. Jobcentret afklarer forsørgelsesgrundlaget, så sygedagpengene ikke stopper undervejs. Næste netværksmøde om ca. fire uger (demo).",
            "Vi talte om søvnen og om brevet fra jobcentret. Birgitte finder ud af, hvad der sker med dine penge, og vi ses igen om cirka fire uger (demo).");
        held.ApproveMinutes(mette, At(heldOn.AddDays(1), 9));
        db.Meetings.Add(held);

        var nextOn = WorkingDay(now.Today.AddDays(14));
        var next = Meeting.Create(new NewMeeting(course.Id, citizen.Id, MeetingKind.Network, "Opfølgende netværksmøde", MeetingFormat.InPerson, null, null), At(heldOn.AddDays(1), 10));
        next.Describe("Opfølgende netværksmøde", "Status på praktikken og planen (demo).");
        next.SetParticipants(participants, members);
        next.Schedule(At(nextOn, 10).Utc, At(nextOn, 11).Utc, MeetingFormat.InPerson, Location, null);
        next.AddAgendaPoint("Hvordan går det med praktikken?", "Mette Demo-Lindberg", true, At(heldOn.AddDays(1), 10));
        db.Meetings.Add(next);

        // A short follow-up within the coming week, so the caseworker's work queue ("Arbejdsliste", issue 21) shows a
        // meeting this week; Birgitte takes the minutes.
        var soonOn = WorkingDay(now.Today.AddDays(2));
        var soon = Meeting.Create(new NewMeeting(course.Id, citizen.Id, MeetingKind.Network, "Kort opfølgning om praktikstedet", MeetingFormat.InPerson, null, null), At(heldOn.AddDays(2), 10));
        soon.Describe("Kort opfølgning om praktikstedet", "Er praktikstedet på plads, og hvad mangler (demo)?");
        soon.SetParticipants(participants, members);
        soon.Schedule(At(soonOn, 13).Utc, At(soonOn, 14).Utc, MeetingFormat.InPerson, Location, null);
        soon.AddAgendaPoint("Praktikstedet: aftale, timer og start", "Birgitte Demo-Aagaard", true, At(heldOn.AddDays(2), 10));
        soon.ShareAgenda(At(heldOn.AddDays(2), 11));
        db.Meetings.Add(soon);
    }

    /// <summary>
    /// An action of Birgitte's (the Odense caseworker) on Preben's plan that is two days late, so her work queue
    /// ("Arbejdsliste", issue 21) opens with something to tick off.
    /// </summary>
    private void SeedCaseworkerOverdueAction(Course course, PractitionerRole caseworker, Moment now)
    {
        var plan = db.CarePlans.Local.FirstOrDefault(p => p.CourseId == course.Id);
        var member = course.Members.FirstOrDefault(m => m.PractitionerRoleId == caseworker.Id && m.IsActiveOn(now.Today));
        if (plan is null || member is null)
        {
            return;
        }

        var birgitte = new Actor(_userIds["sagsbehandler.odense"], "Birgitte Demo-Aagaard");
        var day = now.Today.AddDays(-1); // after the plan's last seeded version (the citizen's rating two days ago)
        var at = new Moment(new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero), day);
        plan.AddAction(null, "Sende praktikaftalen til underskrift", ActionOwner.Member(member.Id), now.Today.AddDays(-2), course.ActiveMemberIds(now.Today), at);
        db.PlanVersions.Add(plan.Record(birgitte, at, "Action.Added"));
    }

    /// <summary>
    /// Mariam's thread with her tovholder, written in Arabic (with the interpreter's help), so that she reads and
    /// answers in her own language (issue 15).
    /// </summary>
    private void SeedCoordinatorConversation(Course course, Citizen citizen, string citizenLogin, Moment now)
    {
        var coordinator = course.Members.FirstOrDefault(m => m.Role == CollaborationRole.Coordinator && m.IsActiveOn(now.Today) && m.PractitionerRoleId is not null);
        if (coordinator is null || !_participantByRole.TryGetValue(coordinator.PractitionerRoleId!.Value, out var professional))
        {
            return;
        }

        var self = new NewParticipant(_userIds[citizenLogin], ParticipantKind.Citizen, citizen.FullName, null);
        var limits = new AttachmentLimits(10 * 1024 * 1024, 5);
        var day = now.Today.AddDays(-1);
        var at = new Moment(new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero), day);
        var conversation = Conversation.Start(course.Id, citizen.Id, "موعدك القادم (demo)", professional, [self], at);
        conversation.Post(professional.UserId, "مرحباً مريم. اجتماع الشبكة الأول بعد ثلاثة أسابيع تقريباً. سيحضر مترجم. اكتبي لي إذا كان لديك سؤال. (demo)", "ar", [], limits, at);
        conversation.MarkRead(professional.UserId, at.Utc);
        db.Conversations.Add(conversation);
    }

    /// <summary>
    /// Mariam's next network meeting, about three weeks ahead: the first meeting of the tværindsats model, so its
    /// title is the model's and reads in her language (issue 15); her two first professionals lead and take minutes.
    /// </summary>
    private void SeedNextModelMeeting(Course course, Citizen citizen, Moment now)
    {
        var professionals = course.Members.Where(m => m.Kind == MemberKind.Professional && m.IsActiveOn(now.Today)).Take(2).ToList();
        if (professionals.Count < 2)
        {
            return;
        }

        var day = now.Today.AddDays(21);
        while (!Domain.Meetings.WorkingDays.IsWorkingDay(day))
        {
            day = day.AddDays(1);
        }

        var meeting = Meeting.Create(new NewMeeting(course.Id, citizen.Id, MeetingKind.Network, "Netværksmøde 1", MeetingFormat.InPerson, null, null, "tvaerindsats", 1), now);
        meeting.SetParticipants(
            [new(null, true, MeetingRole.Participant, false), new(professionals[0].Id, false, MeetingRole.MeetingLeader, true), new(professionals[1].Id, false, MeetingRole.MinuteTaker, true)],
            course.ActiveMemberIds(now.Today));
        var startsAt = CopenhagenTime.ToUtc(day, new TimeOnly(13, 0)) ?? new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
        meeting.Schedule(startsAt, startsAt.AddHours(1), MeetingFormat.InPerson, "Jobcenter Odense, Demovej 2 (demo)", null);
        db.Meetings.Add(meeting);
    }

    /// <summary>Martin's course has laege1 on its network; it holds what the network asks of the GP (the GP's card, issue 21).</summary>
    private const int GpRequestsIndex = 16;

    /// <summary>
    /// What Martin's network asks of his GP (laege1), so the GP's card is not empty: an open action in the plan,
    /// a question from the tovholder in a thread, and a network meeting about ten days ahead to which the GP is
    /// invited and can send written input without attending.
    /// </summary>
    private void SeedGpRequests(Course course, Citizen citizen, PractitionerRole clinician, PractitionerRole gp, Moment now, Actor system)
    {
        var gpMember = course.Members.FirstOrDefault(m => m.PractitionerRoleId == gp.Id && m.IsActiveOn(now.Today));
        var clinicianMember = course.Members.FirstOrDefault(m => m.PractitionerRoleId == clinician.Id && m.IsActiveOn(now.Today));
        if (gpMember is null || clinicianMember is null
            || !_participantByRole.TryGetValue(clinician.Id, out var asker) || !_participantByRole.TryGetValue(gp.Id, out var doctor))
        {
            return;
        }

        var asked = now.Today.AddDays(-2);
        var askedAt = new Moment(new DateTimeOffset(asked.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero), asked);
        if (db.CarePlans.Local.FirstOrDefault(p => p.CourseId == course.Id) is { } plan)
        {
            plan.AddAction(plan.Goals.Count > 0 ? plan.Goals[0].Id : null, "Sende medicinliste og seneste epikrise til netværket (demo)", ActionOwner.Member(gpMember.Id), now.Today.AddDays(5), course.ActiveMemberIds(now.Today), askedAt);
            db.PlanVersions.Add(plan.Record(system, askedAt, "Action.Added"));
        }

        var limits = new AttachmentLimits(10 * 1024 * 1024, 5);
        var conversation = Conversation.Start(course.Id, citizen.Id, "Spørgsmål til egen læge om sygemelding (demo)", asker, [doctor], askedAt);
        conversation.Post(asker.UserId, "Hej. Martin fortæller, at han sover dårligt på den nye medicin. Kan du skrive, om sygemeldingen fortsætter til næste kontrol? (demo)", "da", [], limits, askedAt);
        conversation.MarkRead(asker.UserId, askedAt.Utc);
        db.Conversations.Add(conversation);

        var day = now.Today.AddDays(10);
        while (!Domain.Meetings.WorkingDays.IsWorkingDay(day))
        {
            day = day.AddDays(1);
        }

        var meeting = Meeting.Create(new NewMeeting(course.Id, citizen.Id, MeetingKind.Network, "Netværksmøde om behandling og arbejde", MeetingFormat.Video, null, null), askedAt);
        meeting.Describe("Netværksmøde om behandling og arbejde", "Status på behandlingen og planen for tilbagevenden til arbejde; lægens input ønskes skriftligt (demo).");
        meeting.SetParticipants(
            [new(null, true, MeetingRole.Participant, false), new(clinicianMember.Id, false, MeetingRole.MeetingLeader, true), new(gpMember.Id, false, MeetingRole.Participant, false)],
            course.ActiveMemberIds(now.Today));
        var startsAt = CopenhagenTime.ToUtc(day, new TimeOnly(14, 0)) ?? new DateTimeOffset(day.ToDateTime(new TimeOnly(13, 0)), TimeSpan.Zero);
        meeting.Schedule(startsAt, startsAt.AddHours(1), MeetingFormat.Video, null, "https://video.demo.samspil.invalid/netvaerksmoede");
        meeting.AddAgendaPoint("Status på behandlingen", asker.DisplayName, true, askedAt);
        db.Meetings.Add(meeting);
    }

    private static readonly byte[] DemoPdf = "%PDF-1.4\n% Samspil demo: syntetisk samtykkeerklaering\n%%EOF\n"u8.ToArray();

    private static NewNetworkMember ProfessionalMember(PractitionerRole role, CollaborationRole collaborationRole, DateOnly from, CitizenAgreement agreement) =>
        new(MemberKind.Professional, role.Id, null, null, null, null, collaborationRole, null, from, agreement);

    /// <summary>DDMM58-SSSS with the 7th digit 5–8: born 1858 by the CPR century rule. Test-only range.</summary>
    internal static string DemoCpr(int index)
    {
        var day = (index % 28) + 1;
        var month = (index % 12) + 1;
        var seventh = 5 + (index % 4);
        return string.Create(CultureInfo.InvariantCulture, $"{day:00}{month:00}58{seventh}{index:000}");
    }

    private Organization Add(Organization organization)
    {
        db.Organizations.Add(organization);
        return organization;
    }

    private static Organization Org(string name, Sector sector, OrganizationKind kind, Guid? partOf, string? street, string? postalCode, string? city, string? phone, string[]? entryPointFor = null, string? municipalityCode = null) =>
        Organization.Create(new OrganizationDetails(name, sector, kind, partOf, street, postalCode, city, phone, null, entryPointFor, municipalityCode), Guid.CreateVersion7(), isDemo: true);

    private async Task<PractitionerRole> ProfessionalAsync(string login, string name, string profession, Organization organization, string title, string mandate, string phone)
    {
        var professional = Professional.Create(name, profession, Guid.CreateVersion7(), isDemo: true);
        var role = professional.AddRole(organization.Id, new PractitionerRoleDetails(title, mandate, phone, $"{login}@demo.samspil.invalid"), Guid.CreateVersion7());
        db.Professionals.Add(professional);
        await UserAsync(login, name, SamspilRoles.Professional, u =>
        {
            u.ProfessionalId = professional.Id;
            u.OrganizationId = organization.Id;
        });
        _participantByRole[role.Id] = new NewParticipant(_userIds[login], ParticipantKind.Professional, name, organization.Id);
        return role;
    }

    private Task AdministratorAsync(string login, string name, Organization organization) =>
        UserAsync(login, name, SamspilRoles.Administrator, u => u.OrganizationId = organization.Id);

    /// <remarks>The Identity store shares this DbContext, so creating the user also saves pending demo data.</remarks>
    private async Task UserAsync(string login, string name, string role, Action<AppUser> link)
    {
        var user = new AppUser { Id = Guid.CreateVersion7(), UserName = login, DisplayName = name, IsDemo = true, EmailConfirmed = true };
        link(user);
        var result = await users.CreateAsync(user, options.Value.Password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Could not create demo user: " + string.Join(", ", result.Errors.Select(e => e.Code)));
        }

        await users.AddToRoleAsync(user, role);
        _userIds[login] = user.Id;
    }

    /// <summary>
    /// One line per demo login, ordered by role and then login: the login, its roles, and where it works
    /// (the organisation) or, for a citizen or proxy, whose login it is.
    /// </summary>
    private async Task<IReadOnlyList<string>> DemoLoginLinesAsync(CancellationToken cancellationToken)
    {
        var demoUsers = await db.Users.Where(u => u.IsDemo).ToListAsync(cancellationToken);
        var organizationIds = demoUsers.Select(u => u.OrganizationId).OfType<Guid>().Distinct().ToList();
        var organizations = await db.Organizations.Where(o => organizationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        var logins = new List<DemoLogin>();
        foreach (var user in demoUsers)
        {
            var roles = (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal);
            var where = user.OrganizationId is { } id && organizations.TryGetValue(id, out var organization) ? organization : user.DisplayName;
            logins.Add(new DemoLogin(user.UserName!, string.Join(",", roles), where));
        }

        return logins
            .OrderBy(l => l.Role, StringComparer.Ordinal)
            .ThenBy(l => l.UserName, StringComparer.Ordinal)
            .Select(l => string.Create(CultureInfo.InvariantCulture, $"  {l.UserName,-26} {l.Role,-14} {l.Where}"))
            .ToList();
    }

    private void PrintLogins(IReadOnlyList<string> lines)
    {
        if (lines.Count == 0)
        {
            return;
        }

        // Printed to the console on purpose (not the log): these are the demo's front door.
        Console.WriteLine();
        Console.WriteLine("Samspil demo logins (synthetic data only). Password for all: " + options.Value.Password);
        foreach (var line in lines)
        {
            Console.WriteLine(line);
        }

        Console.WriteLine();
    }

    private static string Slug(string value) => value.ToLowerInvariant().Replace("ø", "oe", StringComparison.Ordinal).Replace("æ", "ae", StringComparison.Ordinal).Replace("å", "aa", StringComparison.Ordinal);

    private static void LogSeeded(ILogger logger, int citizens) => logger.LogInformation("Seeded demo data with {Citizens} citizens", citizens);

    private sealed record DemoLogin(string UserName, string Role, string Where);

    /// <summary>
    /// Issue 18: Preben's "Min plan for svære tider", written with him. His psychologist is the day contact; at night an
    /// after-hours or crisis offering when the demo has one (demo offerings are seeded elsewhere), otherwise a psychiatric
    /// emergency line and his brother written down as names and numbers.
    /// </summary>
    /// <summary>
    /// Louise as 003 tells her (issue 17): alone with three children (Emil 9, Clara 12, Aksel 14), practical pedagogical
    /// support at home cut from 32 to 20 hours a week, and job-centre activities put on hold while the family settles.
    /// Every plan step is a version, so the history shows the cut and the pause.
    /// </summary>
    private void SeedLouiseFamilyAndLoad(Course course, Citizen citizen, PractitionerRole caseworker, Moment now, Actor system)
    {
        Moment On(DateOnly d) => new(new DateTimeOffset(d.ToDateTime(new TimeOnly(11, 0)), TimeSpan.Zero), d);
        var start = now.Today.AddDays(-21);
        foreach (var (label, band, awareness, childSupport) in new[]
        {
            ("Emil (9 år)", Domain.Family.ChildAgeBand.From7To12, Domain.Family.ChildAwareness.KnowsSome, Domain.Family.ChildSupport.RelativesOffering),
            ("Clara (12 år)", Domain.Family.ChildAgeBand.From7To12, Domain.Family.ChildAwareness.KnowsSome, Domain.Family.ChildSupport.ChildConversation),
            ("Aksel (14 år)", Domain.Family.ChildAgeBand.From13To17, Domain.Family.ChildAwareness.Knows, Domain.Family.ChildSupport.ChildConversation),
        })
        {
            db.CourseChildren.Add(Domain.Family.CourseChild.Create(course.Id, citizen.Id, new Domain.Family.ChildDetails(label, band, awareness, childSupport, null, "Demo: skolen er bekymret for fravær (syntetisk)."), system, On(start).Utc));
        }

        var plan = db.CarePlans.Local.SingleOrDefault(p => p.CourseId == course.Id);
        var caseworkerMember = course.Members.FirstOrDefault(m => m.PractitionerRoleId == caseworker.Id && m.IsActiveOn(now.Today));
        if (plan is null || caseworkerMember is null)
        {
            return;
        }

        // Recorded yesterday, after the plan's other versions (the latest is two days old), in the order it happened.
        var active = course.ActiveMemberIds(now.Today);
        var at = On(now.Today.AddDays(-1));
        var support = plan.AddAction(null, "Praktisk pædagogisk støtte i hjemmet via ekstern aktør", ActionOwner.Member(caseworkerMember.Id), now.Today.AddDays(60), active, at, volume: new ActionVolume(32, start, now.Today.AddDays(90)));
        db.PlanVersions.Add(plan.Record(system, at, "Action.Added"));
        var job = plan.AddAction(null, "Aktiviteter i jobcentret (virksomhedsrettet forløb)", ActionOwner.Member(caseworkerMember.Id), now.Today.AddDays(30), active, at, volume: new ActionVolume(6, start, null));
        db.PlanVersions.Add(plan.Record(system, at, "Action.Added"));
        plan.UpdateAction(support.Id, null, support.Text, support.Owner, support.DueDate, active, volume: new ActionVolume(20, start, now.Today.AddDays(90)));
        db.PlanVersions.Add(plan.Record(system, at, "Action.Changed"));
        plan.SetActionStatus(job.Id, ActionStatus.Paused, null, at, "Sat i bero, mens støtten i hjemmet og børnenes trivsel kommer på plads (demo).", now.Today.AddDays(35));
        db.PlanVersions.Add(plan.Record(system, at, "Action.Status.Paused"));
    }

    private void SeedPrebenCrisisPlan(Course course, Citizen citizen, Moment now)
    {
        var clinician = course.Members.First(m => m.PractitionerRoleId != null && m.IsActiveOn(now.Today));
        var afterHours = db.Offerings.Local.Where(o => o.Status == Domain.Offerings.OfferingStatus.Active && (o.IsAfterHours || o.IsCrisis)).OrderByDescending(o => o.AlwaysOpen).FirstOrDefault();
        List<Domain.CrisisPlans.CrisisContact> night = afterHours is not null
            ? [new(Domain.CrisisPlans.CrisisContactKind.Offering, null, afterHours.Id, null, null, "Når jeg ikke kan falde til ro om natten")]
            : [new(Domain.CrisisPlans.CrisisContactKind.Person, null, null, "Psykiatrisk akutmodtagelse, Odense (demo)", "66 11 33 33", "Hele døgnet")];
        night.Add(new(Domain.CrisisPlans.CrisisContactKind.Person, null, null, "Min bror Jens (demo)", "20 11 22 33", "Også om natten"));
        var content = new Domain.CrisisPlans.CrisisPlanContent(
            ["Jeg sover under fire timer flere nætter i træk", "Jeg holder mig inde og tager ikke telefonen", "Mareridtene kommer tilbage om dagen"],
            ["At gå en tur ved åen", "At tale med min bror", "Rolig musik og et varmt bad"],
            ["Jeg tager min medicin som aftalt", "Jeg skriver i min søvndagbog", "Jeg ringer, før det bliver for slemt"],
            [new(Domain.CrisisPlans.CrisisContactKind.NetworkMember, clinician.Id, null, null, null, "Hverdage 8–15")],
            night,
            ["Jeg vil ikke indlægges på en lukket afdeling, hvis det kan undgås", "Ring ikke til min arbejdsgiver"],
            [new("Min bror Jens (demo)", "20 11 22 33", "Ring til ham – ikke sms")]);
        var plan = Domain.CrisisPlans.CrisisPlan.Create(course.Id, citizen.Id, now.Utc.AddDays(-14));
        db.CrisisPlans.Add(plan);
        db.CrisisPlanVersions.Add(plan.Save(content, new Actor(_userIds["borger.preben"], citizen.FullName), Domain.CrisisPlans.CrisisPlanAuthor.Citizen, now.Utc.AddDays(-14)));
    }
    /// <summary>
    /// Issue 19: the collaboration questionnaire after every held demo network meeting, answered per tie by the
    /// professionals on the network that day, so "Samarbejdet i netværket" shows a tie's temperature rising over time
    /// (courses with two or three meetings pass the 5-answer threshold over all occasions). On Preben's course the
    /// caseworker has not answered yet, so her "Mine spørgeskemaer" has one open.
    /// </summary>
    private async Task SeedCollaborationAsync(CancellationToken cancellationToken)
    {
        var instrument = await db.Instruments.AsNoTracking().FirstOrDefaultAsync(i => i.Key == Questionnaires.ShippedInstruments.CollaborationKey, cancellationToken);
        if (instrument is null)
        {
            return;
        }

        var meetings = await db.Meetings.Where(m => m.Kind == MeetingKind.Network && m.Status == MeetingStatus.Held).ToListAsync(cancellationToken);
        var courseIds = meetings.Select(m => m.CourseId).Distinct().ToList();
        var courses = await db.Courses.Include(c => c.Members).Where(c => courseIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var roles = await db.PractitionerRoles.Join(db.Organizations, r => r.OrganizationId, o => o.Id, (r, o) => new { r.Id, r.ProfessionalId, o.Kind })
            .ToDictionaryAsync(r => r.Id, cancellationToken);
        var users = (await db.Users.Where(u => u.ProfessionalId != null).Select(u => new { u.Id, u.DisplayName, ProfessionalId = u.ProfessionalId!.Value }).ToListAsync(cancellationToken))
            .GroupBy(u => u.ProfessionalId).ToDictionary(g => g.Key, g => g.First());
        var caseworkerOdense = _userIds.GetValueOrDefault("sagsbehandler.odense");
        string[] ideas = ["Ring tilbage samme dag, når noget haster (demo).", "Del referatet inden for to dage (demo).", "Et fast telefonnummer til jobcentret (demo).", "Mere tid til at forberede møderne sammen (demo)."];
        foreach (var (courseId, courseMeetings) in meetings.GroupBy(m => m.CourseId).Select(g => (g.Key, g.OrderBy(m => m.Start).ToList())))
        {
            var course = courses[courseId];
            for (var order = 0; order < courseMeetings.Count; order++)
            {
                var meeting = courseMeetings[order];
                var held = meeting.HeldAt ?? meeting.Start ?? DateTimeOffset.UnixEpoch;
                var day = CopenhagenTime.DateOf(meeting.Start ?? held);
                var respondents = course.Members
                    .Where(m => m.Kind == MemberKind.Professional && m.PractitionerRoleId is { } r && roles.ContainsKey(r) && m.ActiveFrom <= day && (m.ActiveTo is null || m.ActiveTo >= day))
                    .Select(m => roles[m.PractitionerRoleId!.Value])
                    .Where(r => users.ContainsKey(r.ProfessionalId))
                    .Select(r => (User: users[r.ProfessionalId], Area: Domain.Questionnaires.CollaborationAreas.Of(r.Kind)))
                    .DistinctBy(r => r.User.Id)
                    .ToList();
                var areas = respondents.Select(r => r.Area).Distinct().Order().ToList();
                for (var n = 0; n < respondents.Count; n++)
                {
                    var (user, area) = respondents[n];
                    if (areas.All(a => a == area))
                    {
                        continue;
                    }

                    var by = new Actor(Guid.Empty, "Samspil");
                    var assignment = Domain.Questionnaires.QuestionnaireAssignment.Create(course.Id, course.CitizenId, instrument, user.Id, meeting.Id, Domain.Questionnaires.AssignmentOccasion.AfterMeeting, null, null, by, held);
                    db.QuestionnaireAssignments.Add(assignment);
                    if (user.Id == caseworkerOdense && meeting.Title.Contains("søvn", StringComparison.Ordinal))
                    {
                        continue; // Preben's caseworker answers in the demo tour
                    }

                    var answeredAt = held.AddDays(1 + (n % 2));
                    foreach (var partner in areas.Where(a => a != area))
                    {
                        // The tie warms over the course: later meetings rate higher; respondents and dimensions vary a little.
                        var answers = Questionnaires.ShippedInstruments.CollaborationDimensions
                            .Select((dimension, d) => new Domain.Questionnaires.QuestionnaireAnswer(dimension, Number: Math.Clamp(2 + order + ((n + d) % 3 == 0 ? 1 : 0) - (d == 1 && order == 0 ? 1 : 0), 1, 5)))
                            .ToList();
                        if (n == 0)
                        {
                            answers.Add(new Domain.Questionnaires.QuestionnaireAnswer(Questionnaires.ShippedInstruments.CollaborationImproveItem, Text: ideas[(order + (int)partner) % ideas.Length]));
                        }

                        db.QuestionnaireResponses.Add(Domain.Questionnaires.QuestionnaireResponse.Complete(
                            instrument, course.Id, course.CitizenId, assignment.Id, answers, Domain.Questionnaires.ResponseMode.Self, "da", new Actor(user.Id, user.DisplayName), answeredAt,
                            respondentArea: area, partnerArea: partner, meetingId: meeting.Id));
                    }

                    assignment.MarkAnswered(answeredAt);
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Issue 19 (d): WHO-5 answered by the citizen every week up to yesterday (the first row oldest), so the clinician's
    /// results page shows a trend: Preben's well-being rising past the cut-off, Mariam's latest low (flagged on her course).
    /// </summary>
    private async Task SeedWho5Async(Course course, Citizen citizen, string login, int[][] weeks, Moment now, CancellationToken cancellationToken)
    {
        var who5 = await db.Instruments.Where(i => i.Key == "who-5").OrderByDescending(i => i.Version).FirstOrDefaultAsync(cancellationToken);
        if (who5 is null)
        {
            return;
        }

        var author = new Actor(_userIds.GetValueOrDefault(login), citizen.FullName);
        for (var w = 0; w < weeks.Length; w++)
        {
            var at = now.Utc.AddDays(-1 - (7 * (weeks.Length - 1 - w))).AddHours(-2);
            var answers = weeks[w].Select((score, item) => new Domain.Questionnaires.QuestionnaireAnswer((item + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Code: score.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            db.QuestionnaireResponses.Add(Domain.Questionnaires.QuestionnaireResponse.Complete(who5, course.Id, citizen.Id, null, answers, Domain.Questionnaires.ResponseMode.Self, "da", author, at));
        }
    }
}
