using Samspil.Domain.Common;
using Samspil.Domain.Courses;
using Samspil.Domain.Directory;
using Samspil.Domain.Family;
using Samspil.Domain.MasterData;
using Samspil.Domain.Meetings;
using Samspil.Domain.Network;
using Samspil.Domain.Plans;
using Samspil.Domain.Work;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Demo;

/// <summary>
/// Issue 17 point 11: demo courses that tell the seeds' stories, each one a newcomer can open and follow (docs/demo-data.md,
/// "Stories"). Preben, Louise and Abby as seed 003 tells them; Bashir, a refugee whose course runs through Tværindsats with
/// an interpreter, three network meetings with their preparatory conversations, and IPS (seeds 000/001); Martin, a veteran
/// with PTSD whose municipality's veteran coordinator is on the network (seed 002); Mariam's own plan. Everything is dated
/// relative to the seeding day, and every person is invented.
/// </summary>
public sealed partial class DemoDataSeeder
{
    internal const int PrebenIndex = 0;
    internal const int LouiseIndex = 1;
    internal const int AbbyIndex = 2;
    internal const int VeteranIndex = 16; // Martin Demo-Kristensen, Kolding
    internal const int RefugeeIndex = 30; // Bashir Demo-Hamidi, Odense, Farsi with an interpreter

    private readonly Dictionary<int, (Course Course, Domain.Citizens.Citizen Citizen)> _stories = [];
    private readonly Dictionary<string, PractitionerRole> _storyRoles = new(StringComparer.Ordinal);
    private StoryCast _cast = null!;

    private sealed record StoryCast(
        PractitionerRole PsychologistOdense,
        PractitionerRole SocialWorkerOdense,
        PractitionerRole PsychiatristVejle,
        Dictionary<string, PractitionerRole> Caseworkers,
        Dictionary<string, PractitionerRole> IpsConsultants,
        Dictionary<string, PractitionerRole> Coordinators,
        Dictionary<string, Organization> JobCentres,
        Dictionary<string, Organization> Socials,
        Organization VeteransCentre);

    private static bool IsStory(int i) => i is PrebenIndex or LouiseIndex or AbbyIndex or MariamIndex or VeteranIndex or RefugeeIndex;

    /// <summary>
    /// The dated phases of a story course. Most keep the random walk; Abby's IBBU course runs five months and ends in
    /// aftercare, Martin is in treatment at the psychiatric ward, and Bashir has been in treatment for about 200 days.
    /// </summary>
    private static (DateOnly Start, List<(CoursePhase Phase, DateOnly On)> Walk) StoryTimeline(int i, DateOnly start, List<(CoursePhase Phase, DateOnly On)> walk, DateOnly today) => i switch
    {
        AbbyIndex => (start, [(CoursePhase.Assessment, start.AddDays(9)), (CoursePhase.Treatment, start.AddDays(21)), (CoursePhase.Referral, today.AddDays(-16)), (CoursePhase.AfterCare, today.AddDays(-10))]),
        VeteranIndex => (start, [.. walk.Where(w => w.Phase < CoursePhase.Treatment), (CoursePhase.Treatment, today.AddDays(-180))]),
        RefugeeIndex => (today.AddDays(-240), [(CoursePhase.Assessment, today.AddDays(-226)), (CoursePhase.Treatment, today.AddDays(-200))]),
        _ => (start, walk),
    };

    /// <summary>The members a story adds to the generated network, before the consent is given (a member in <paramref name="memberRoles"/> is named in it).</summary>
    private void AddStoryMembers(int i, Course course, List<PractitionerRole> memberRoles, DateOnly startDate, CitizenAgreement agreement, Actor system, Moment at)
    {
        switch (i)
        {
            case PrebenIndex:
                // 003: his daughter is his bisidder; the brain-injury coordinator and the communication centre follow him after discharge.
                course.AddMember(new NewNetworkMember(MemberKind.Relative, null, "Pårørende til Preben (demo)", "datter", "+45 30 00 00 01", null, CollaborationRole.Bisidder, "Valgt af Preben som bisidder ved møderne", startDate, agreement), system, at);
                course.AddMember(ProfessionalMember(StoryRole("hjerneskade", "Lisbeth Demo-Krag", "Ergoterapeut", _cast.Socials["Odense"], "Hjerneskadekoordinator, Odense Kommune",
                    "Koordinerer kommunens genoptræning og rehabilitering efter hjerneskade; visiterer ikke til ydelser.", "72 00 01 40"), CollaborationRole.Other, startDate, agreement), system, at);
                course.AddMember(ProfessionalMember(StoryRole("kommunikation", "Nina Demo-Bech", "Talepædagog", _cast.Socials["Odense"], "Talepædagog, Kommunikationscentret",
                    "Kan tilrettelægge kommunikationstræning og søge hjælpemidler; træffer ikke afgørelse om bevilling.", "72 00 01 41"), CollaborationRole.Other, startDate, agreement), system, at);
                break;
            case LouiseIndex:
                // 003: the family department runs the safety plan (practical pedagogical support, relief family).
                var family = StoryRole("familie.kolding", "Sofie Demo-Brix", "Socialrådgiver", _cast.Socials["Kolding"], "Familierådgiver, Familieafdelingen",
                    "Kan beslutte støtte efter serviceloven til familien og børnene (praktisk pædagogisk støtte, aflastning).", "72 00 02 40");
                memberRoles.Add(family);
                course.AddMember(ProfessionalMember(family, CollaborationRole.Other, startDate, agreement), system, at);
                break;
            case VeteranIndex:
                // 002 §3.3: the municipality's veteran coordinator is the one way in; the Veterans' Centre takes part.
                memberRoles.Add(_cast.Coordinators["Kolding"]);
                course.AddMember(ProfessionalMember(_cast.Coordinators["Kolding"], CollaborationRole.MeetingLeader, startDate, agreement), system, at);
                var centre = StoryRole("veterancentret", "Ulrik Demo-Falk", "Socialrådgiver", _cast.VeteransCentre, "Socialrådgiver, Veterancentret",
                    "Kan tilbyde Veterancentrets rådgivning, pårørendetilbud og netværkspsykolog; træffer ikke kommunale afgørelser.", "70 00 70 10");
                memberRoles.Add(centre);
                course.AddMember(ProfessionalMember(centre, CollaborationRole.Other, startDate, agreement), system, at);
                course.AddMember(new NewNetworkMember(MemberKind.Relative, null, "Pårørende til Martin (demo)", "ægtefælle", "+45 30 00 00 16", null, CollaborationRole.Other, null, startDate, agreement), system, at);
                break;
            case RefugeeIndex:
                // 001: the clinic's social worker holds the preparatory conversation before each network meeting.
                memberRoles.Add(_cast.SocialWorkerOdense);
                course.AddMember(ProfessionalMember(_cast.SocialWorkerOdense, CollaborationRole.Other, startDate, agreement), system, at);
                break;
        }
    }

    /// <summary>A demo professional without a login (like the interpreters): on a network, but nobody signs in as them.</summary>
    private PractitionerRole StoryRole(string key, string name, string profession, Organization organization, string title, string mandate, string phone)
    {
        if (_storyRoles.TryGetValue(key, out var existing))
        {
            return existing;
        }

        var professional = Professional.Create(name, profession, Guid.CreateVersion7(), isDemo: true);
        var role = professional.AddRole(organization.Id, new PractitionerRoleDetails(title, mandate, phone, $"{key}@demo.samspil.invalid"), Guid.CreateVersion7());
        db.Professionals.Add(professional);
        _storyRoles[key] = role;
        return role;
    }

    private sealed record StoryAction(string Text, PractitionerRole? Owner, int DueInDays, ActionStatus Status = ActionStatus.Planned);

    private sealed record StoryGoal(string Title, string Wish, string[] SubGoals, int Reached, StoryAction[] Actions);

    private sealed record StoryPlanSpec(string Statement, string[] Problems, (ChallengeArea Area, string Text)[] Challenges, StoryGoal[] Goals, string Worked, string Changes, string Participants);

    /// <summary>The story courses' own plans (seeded in the loop; Bashir's is built with his meetings). False for other courses.</summary>
    private bool SeedStoryPlan(int i, Course course, Moment now, Actor system)
    {
        if (i == RefugeeIndex)
        {
            return true; // SeedRefugeeStory builds it meeting by meeting
        }

        var spec = i switch
        {
            PrebenIndex => new StoryPlanSpec(
                "Jeg vil kunne sige, hvad jeg mener – også med min talecomputer – og tilbage til vejene. Og min søn skal hjem igen. (Skrevet med min datter.)",
                ["At finde ordene", "Ryggen", "Kørekortet"],
                [(ChallengeArea.Health, "Svært ved at finde ordene og tænke klart efter en blodprop i hjernen; ondt i ryggen"),
                 (ChallengeArea.Work, "Syg fra sit job ved vej og kloak; chefen ved ikke, om der er et andet job til ham; må ikke køre bil, før det bliver vurderet igen om et halvt år"),
                 (ChallengeArea.Family, "Sønnen (17 år, autisme) bor hos sin søster lige nu og venter med at starte på STU")],
                [new StoryGoal("Kommunikere egne drømme og behov", "Jeg vil selv kunne sige det til møderne.", ["Træne tale to gange om ugen", "Bruge talecomputeren hjemme", "Sige mine egne mål på mødet"], 1,
                    [new("Plan for træning af tale og for hjælpemidler", RoleOf("kommunikation"), 21, ActionStatus.InProgress),
                     new("Samle genoptræningsplanen på tværs (ergo-, fysioterapi, kommunikation)", RoleOf("hjerneskade"), 10, ActionStatus.InProgress),
                     new("Øve med talecomputeren hver dag", null, 7)]),
                 new StoryGoal("Fastholde jobbet hos kommunen", "Jeg vil tilbage på vejene.", ["Afklare funktionsevnen", "Arbejdsprøvning hos arbejdsgiveren", "Køre igen efter revurdering af kørselsforbuddet"], 0,
                    [new("Biopsykosocial indsats mod rygsmerterne – rundbordssamtale med egen læge ved behov", _cast.PsychologistOdense, -3),
                     new("Opfølgning på sygedagpenge (tidsfrister) og fastholdelsessamtale med arbejdsgiveren", _cast.Caseworkers["Odense"], 14)]),
                 new StoryGoal("Sønnen hjemme igen og i gang med STU", "Han skal hjem, når jeg kan klare det.", ["Kørselsordning til STU i nabobyen", "Sønnen flytter hjem"], 0, [])],
                "Én fælles plan og datteren som bisidder gør, at Preben kan følge med.", "Kommunikationen først; jobcentrets samtaler venter, til lægen siger god for det.", "Preben, datter (bisidder), psykolog, sagsbehandler"),
            LouiseIndex => new StoryPlanSpec(
                "Jeg vil have overskud til at være mor, og jeg vil gerne have tid til at svømme en gang om ugen.",
                ["Ingen tid til mig selv", "Morgenerne med børnene"],
                [(ChallengeArea.Health, "Belastningsreaktion (stress og depression) efter traumer fra barndommen"),
                 (ChallengeArea.Family, "Alene med tre børn (9, 12 og 14 år); skolen er bekymret for fravær og trivsel"),
                 (ChallengeArea.Work, "Ledig på kontanthjælp, aktivitetsparat; indsatserne overlapper hinanden")],
                [new StoryGoal("Bearbejde traumerne", "Jeg vil ikke have det sådan hele tiden.", ["Forløb for stress, angst og depression (6 uger)", "Støttende psykologsamtaler via jobcentret"], 1,
                    [new("Traumefokuseret behandling – ugentlige samtaler", _cast.PsychiatristVejle, 14, ActionStatus.InProgress)]),
                 new StoryGoal("Hverdag med børnene uden kaos", "Børnene skal i skole til tiden.", ["Faste morgenrutiner", "Aflastningsfamilie efter behov", "Svømning en gang om ugen"], 0,
                    [new("Sikkerhedsplan: aflastningsfamilie og støtte til de tre børn", RoleOf("familie.kolding"), 30, ActionStatus.InProgress),
                     new("Svømme om onsdagen, mens børnene er i skole", null, 9)])],
                "Koordinatoren samler alle, så Louise ikke skal fortælle det samme flere gange.", "Indsatserne afstemmes i tid og omfang; jobcentrets aktiviteter venter.", "Louise, koordinator, familierådgiver, sagsbehandler, psykiater"),
            AbbyIndex => new StoryPlanSpec(
                "Jeg vil kunne gå ud af lejligheden uden at være bange, og jeg vil starte på SOSU igen.",
                ["At gå ud", "At sove", "Gå en tur hver dag og skrive i dagsskemaet"],
                [(ChallengeArea.Health, "Middelsvær social angst og depression; sover dårligt")],
                [new StoryGoal("Starte på SOSU-skolen igen", "Jeg vil arbejde med mennesker.", ["Møde op til behandlingssamtalerne", "Gruppetilbud i ungeindsatsen", "Søge ind på SOSU-skolen"], 2,
                    [new("Efterværnssamtale ved studiestart (IBBU)", _cast.PsychologistOdense, 26),
                     new("Overdrage sagen til ungeindsatsen i den nye kommune", _cast.Caseworkers["Vejle"], 21, ActionStatus.InProgress)])],
                "Trepartssamtalerne og én plan gjorde det lettere at møde op.", "Abby flytter til sin søster; efterværn ved studiestart.", "Abby, care manager (IBBU), ungerådgiver"),
            MariamIndex => new StoryPlanSpec(
                "Jeg vil gerne arbejde i et køkken igen, som jeg gjorde i Aleppo. Og jeg vil kunne sove om natten. (Sagt med tolk.)",
                ["Mareridtene", "Brevene på dansk"],
                [(ChallengeArea.Health, "Mareridt og uro om natten (PTSD)"),
                 (ChallengeArea.Income, "Forstår ikke brevene fra kommunen uden tolk")],
                [new StoryGoal("Arbejde i et køkken", "Helst om formiddagen, hvor jeg har det bedst.", ["Besøge tre storkøkkener", "Praktik 10 timer hver uge", "Ordinære timer"], 1,
                    [new("Besøge Varde Storkøkken sammen med Mariam", _cast.IpsConsultants["Varde"], 12, ActionStatus.InProgress),
                     new("Bestille tolk (arabisk) til netværksmøde 1", _cast.SocialWorkerOdense, 10),
                     new("Øve at tage bussen til Varde alene", null, 14)])],
                "Det hjælper, at tolken er med, og at jobkonsulenten kender køkkenet.", "Næste skridt aftales på netværksmøde 1.", "Mariam, tolk, socialrådgiver, IPS-konsulent"),
            VeteranIndex => new StoryPlanSpec(
                "Jeg vil kunne sove igen og være der for min familie – og på sigt tilbage til arbejdet som lagerforvalter.",
                ["Mareridtene", "Vreden derhjemme"],
                [(ChallengeArea.Health, "PTSD efter udsendelse; mareridt og uro"),
                 (ChallengeArea.Family, "Hustruen bærer meget alene"),
                 (ChallengeArea.Work, "Sygemeldt; usikker på sygedagpengene")],
                [new StoryGoal("Sove og have overskud til familien", "Jeg vil ikke råbe ad børnene.", ["Sove 6 timer de fleste nætter", "Pårørendetilbud til hustruen", "Veterancafé en gang om måneden"], 1,
                    [new("Behandling i højt specialiseret funktion for veteraner – samtaler hver uge", _cast.SocialWorkerOdense, 14, ActionStatus.InProgress),
                     new("Pårørendesamtale for hustruen i Veterancentret", RoleOf("veterancentret"), 18),
                     new("Følge med til veterancaféen første gang", _cast.Coordinators["Kolding"], 9)]),
                 new StoryGoal("Tilbage i arbejde", "Først når søvnen er bedre.", ["Afklaret forsørgelsesgrundlag", "Gradvis tilbagevenden"], 1,
                    [new("Opfølgning på sygedagpenge og plan for gradvis tilbagevenden", _cast.Caseworkers["Kolding"], 21)])],
                "Veterankoordinatoren samler kommunen, så Martin har én indgang.", "Arbejdet venter, til søvnen er bedre.", "Martin, socialrådgiver, veterankoordinator, Veterancentret, sagsbehandler"),
            _ => null,
        };
        if (spec is null)
        {
            return false;
        }

        Moment On(DateOnly d) => new(new DateTimeOffset(d.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero), d);
        var day = now.Today.AddDays(-28);
        var active = course.ActiveMemberIds(now.Today);
        var (plan, first) = CarePlan.Create(course.Id, course.CitizenId, system, On(day));
        var versions = new List<PlanVersion> { first };
        plan.SetCitizenPart(spec.Statement, "da", spec.Problems, CitizenPartAuthor.Professional, system, On(day));
        versions.Add(plan.Record(system, On(day), "CitizenPart.Changed"));
        foreach (var (area, text) in spec.Challenges)
        {
            plan.AddChallenge(area, text, On(day));
            versions.Add(plan.Record(system, On(day), "Challenge.Added"));
        }

        var ratings = new List<(Guid GoalId, int Score)>();
        foreach (var storyGoal in spec.Goals)
        {
            var goal = plan.AddGoal(storyGoal.Title, storyGoal.Wish, storyGoal.SubGoals, On(day));
            versions.Add(plan.Record(system, On(day), "Goal.Added"));
            ratings.Add((goal.Id, 3));
            foreach (var action in storyGoal.Actions)
            {
                var owner = action.Owner is null ? ActionOwner.Citizen : ActionOwner.Member(course.Members.First(m => m.PractitionerRoleId == action.Owner.Id && m.IsActiveOn(now.Today)).Id);
                var added = plan.AddAction(goal.Id, action.Text, owner, now.Today.AddDays(action.DueInDays), active, On(day));
                versions.Add(plan.Record(system, On(day), "Action.Added"));
                if (action.Status != ActionStatus.Planned)
                {
                    plan.SetActionStatus(added.Id, action.Status, null, On(day));
                    versions.Add(plan.Record(system, On(day), "Action.Status." + action.Status));
                }
            }

            foreach (var reached in goal.OrderedSubGoals.Take(storyGoal.Reached).ToList())
            {
                plan.UpdateSubGoal(goal.Id, reached.Id, reached.Text, true);
            }
        }

        var review = day.AddDays(14);
        plan.AddReview(review, spec.Worked, spec.Changes, spec.Participants, ratings, RatingSource.Professional, system, On(review));
        versions.Add(plan.Record(system, On(review), "Review.Added"));
        plan.RateGoal(ratings[0].GoalId, 4, now.Today.AddDays(-2), RatingSource.Citizen, On(now.Today.AddDays(-2)));
        versions.Add(plan.Record(system, On(now.Today.AddDays(-2)), "Goal.Rated"));
        db.CarePlans.Add(plan);
        db.PlanVersions.AddRange(versions);
        return true;
    }

    private PractitionerRole RoleOf(string key) => _storyRoles[key];

    /// <summary>What happens on the story courses after their networks and plans: meetings, work, family and Abby's move.</summary>
    private void SeedStories(Moment now, Actor system)
    {
        if (_stories.TryGetValue(LouiseIndex, out var louise))
        {
            SeedLouiseTaskForce(louise.Course, now);
        }

        if (_stories.TryGetValue(AbbyIndex, out var abby))
        {
            SeedAbbyStory(abby.Course, now, system);
        }

        if (_stories.TryGetValue(VeteranIndex, out var martin))
        {
            SeedVeteranStory(martin.Course, now);
        }

        if (_stories.TryGetValue(RefugeeIndex, out var bashir))
        {
            SeedRefugeeStory(bashir.Course, now, system);
        }
    }

    /// <summary>003: Louise's case goes to "Familien Først": a task force around her meets at least every third month.</summary>
    private void SeedLouiseTaskForce(Course course, Moment now)
    {
        var jesper = new Actor(_userIds["koordinator.kolding"], "Jesper Demo-Riis");
        ParticipantSpec[] Participants(DateOnly day) =>
        [
            new(null, true, MeetingRole.Participant, false),
            new(MemberOf(course, _cast.Coordinators["Kolding"], day), false, MeetingRole.MeetingLeader, true),
            new(MemberOf(course, _cast.Caseworkers["Kolding"], day), false, MeetingRole.MinuteTaker, true),
            new(MemberOf(course, RoleOf("familie.kolding"), day), false, MeetingRole.Participant, true),
            new(MemberOf(course, _cast.PsychiatristVejle, day), false, MeetingRole.Participant, true),
        ];
        const string Place = "Kolding Rådhus, mødelokale 3 (demo)";

        var firstOn = WorkingDayFrom(now.Today.AddDays(-95));
        var first = StoryMeeting(course, MeetingKind.TaskForce, "Task force i Familien Først – opstart", "Fælles mål og én plan for Louise og børnene (demo).", MeetingFormat.InPerson, firstOn, 10, Place, null, Participants(firstOn), now);
        Hold(first, firstOn, 10, ["Louises ønsker: overskud som mor, tid til svømning", "Hvem gør hvad – og hvornår?"],
            "Louise ønsker traumebearbejdning først, samtidig med støtten i hjemmet. Indsatserne fra familieafdelingen, jobcentret og psykiatrien afstemmes i én plan; koordinatoren samler task forcen mindst hver tredje måned (demo).",
            "Vi lavede én plan sammen. Du starter i behandling, og støtten i hjemmet fortsætter. Vi mødes igen om ca. tre måneder (demo).", jesper, approve: true);

        var secondOn = WorkingDayFrom(now.Today.AddDays(-9));
        var second = StoryMeeting(course, MeetingKind.TaskForce, "Task force i Familien Først – støtten afstemmes", "Tid og omfang af indsatserne på tværs (demo).", MeetingFormat.InPerson, secondOn, 10, Place, null, Participants(secondOn), now);
        Hold(second, secondOn, 10, ["Overlap mellem forløbet i jobcentret, bostøtten og støtten i hjemmet", "Børnenes støtte"],
            "Beslutninger: den praktisk pædagogiske støtte nedsættes fra 32 til 20 timer om ugen og overtages af en intern aktør; jobcentrets øvrige aktiviteter sættes i bero i fem uger for at skabe ro til familiestøtten; bostøtten tilpasses forløbet; børnenes støtte justeres løbende med Louise. Henrik opdaterer planen (demo).",
            "Støtten i hjemmet bliver 20 timer om ugen, og jobcentrets aktiviteter holder pause i fem uger, så du får ro. Vi ses igen om ca. tre måneder (demo).", jesper, approve: true);

        var nextOn = WorkingDayFrom(now.Today.AddDays(80));
        var next = StoryMeeting(course, MeetingKind.TaskForce, "Task force i Familien Først – opfølgning", "Hvordan virker den nye fordeling? Skal jobcentrets aktiviteter genoptages (demo)?", MeetingFormat.InPerson, nextOn, 10, Place, null, Participants(now.Today), now);
        next.AddAgendaPoint("Genoptage aktiviteterne i jobcentret?", "Henrik Demo-Bisgaard", true, At(now.Today.AddDays(-1), 9));
    }

    /// <summary>
    /// 003: Abby's IBBU course — the care manager (played by the Odense psychologist) and her youth counsellor in Vejle hold three
    /// three-party conversations; Abby moves to her sister's municipality, so the course's responsible municipality changes
    /// (a dated master-data change, as the platform records a move) and a youth counsellor there joins the network.
    /// </summary>
    private void SeedAbbyStory(Course course, Moment now, Actor system)
    {
        var mette = new Actor(_userIds["behandler.odense"], "Mette Demo-Lindberg");
        var tina = new Actor(_userIds["sagsbehandler.vejle"], "Tina Demo-Eriksen");
        ParticipantSpec[] Participants(DateOnly day) =>
        [
            new(null, true, MeetingRole.Participant, false),
            new(MemberOf(course, _cast.PsychologistOdense, day), false, MeetingRole.MeetingLeader, true),
            new(MemberOf(course, _cast.Caseworkers["Vejle"], day), false, MeetingRole.MinuteTaker, true),
        ];
        const string Place = "Jobcenter Vejle, ungeindsatsen, care managerens kontor (demo)";
        (int Offset, string Title, string[] Agenda, string Minutes, string Summary)[] talks =
        [
            (-118, "Trepartssamtale 1: fælles plan", ["Udredningens resultat", "Abbys egne mål"],
                "Udredningen viser middelsvær social angst og depression. Abby siger ja til behandling i IBBU (ugentlige samtaler). Fælles plan: møde op, sove bedre, på sigt uddannelse. Notatet er sendt til Abbys nye læge (demo).",
                "Du starter i behandling hver uge. Vi har lavet en plan sammen (demo)."),
            (-62, "Trepartssamtale 2: gruppetilbud", ["Hvordan går behandlingen?", "Gruppetilbud i ungeindsatsen"],
                "Abby har været til 6 af 8 samtaler og har det lidt bedre. Hun har genoptaget kontakten til sin storesøster. Aftalt: gruppetilbud i jobcentrets ungeindsats (demo).",
                "Du starter i en gruppe med andre unge. Godt, at du har fået kontakt med din søster igen (demo)."),
            (-20, "Trepartssamtale 3: afslutning og flytning", ["Afslutning af IBBU", "Flytning til søsteren og SOSU-skolen"],
                "IBBU afsluttes efter 12 behandlingssamtaler. Angstanfald ned til 2-3 om ugen. Abby er optaget på SOSU-skolen i søsterens kommune og flytter til søsteren. Care manageren tilbyder efterværn ved studiestart; kontakt til skolen tages op ved efterværnssamtalen (Abby siger nej tak for nu). Ungerådgiveren overdrager til ungeindsatsen i den nye kommune (demo).",
                "Du er færdig med behandlingen og starter på SOSU-skolen. Vi ses til en efterværnssamtale, når du er startet (demo)."),
        ];
        foreach (var (offset, title, agenda, minutes, summary) in talks)
        {
            var day = WorkingDayFrom(now.Today.AddDays(offset));
            var meeting = StoryMeeting(course, MeetingKind.Network, title, "Trepartssamtale i IBBU: Abby, care manager og ungerådgiver (demo).", MeetingFormat.InPerson, day, 13, Place, null, Participants(day), now);
            Hold(meeting, day, 13, agenda, minutes, summary, mette, approve: true);
        }

        // The move: Jobcenter Vejle hands the course to Jobcenter Odense (the sister's municipality), dated in the history.
        var moveDay = WorkingDayFrom(now.Today.AddDays(-12));
        var moved = new Moment(CopenhagenTime.ToUtc(moveDay, new TimeOnly(11, 0)) ?? new DateTimeOffset(moveDay.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero), moveDay);
        var changes = course.CorrectMasterData(new CourseMasterData(course.TargetGroupCode, course.RegionOrganizationId, _cast.JobCentres["Odense"].Id, course.ExpectedTreatmentEndDate), moved);
        foreach (var change in changes)
        {
            db.MasterDataChanges.Add(MasterDataChange.Record(MasterDataEntity.Course, course.Id, course.CitizenId, course.Version, change, tina, moved));
        }

        var newCounsellor = StoryRole("unge.odense", "Maja Demo-Holt", "Ungerådgiver", _cast.JobCentres["Odense"], "Ungerådgiver, ungeindsatsen",
            "Kan aftale uddannelsesrettede aktiviteter og træffe afgørelse om uddannelseshjælp.", "72 01 01 05");
        course.AddMember(ProfessionalMember(newCounsellor, CollaborationRole.Other, moveDay, new CitizenAgreement(moveDay, AgreementMethod.Phone, "Abby sagde ja i telefonen ved flytningen (demo).")), system, moved);

        // The aftercare conversation at the start of school: Abby and her care manager.
        var afterOn = WorkingDayFrom(now.Today.AddDays(25));
        var after = StoryMeeting(course, MeetingKind.Network, "Efterværnssamtale ved studiestart", "Hvordan går starten på SOSU-skolen? Skal care manageren kontakte skolen (demo)?", MeetingFormat.Video, afterOn, 15, null, "https://video.demo.samspil.invalid/efterværn",
            [new(null, true, MeetingRole.Participant, false), new(MemberOf(course, _cast.PsychologistOdense, now.Today), false, MeetingRole.MeetingLeader, true)], now);
        after.AddAgendaPoint("Kontakt til studievejlederen eller skolens mentor?", "Mette Demo-Lindberg", true, At(now.Today.AddDays(-1), 9));
    }

    /// <summary>002: Martin, a veteran with PTSD in treatment; the Kolding veteran coordinator and the Veterans' Centre meet with the network.</summary>
    private void SeedVeteranStory(Course course, Moment now)
    {
        var anders = new Actor(_userIds["socialraadgiver.traume"], "Anders Demo-Skytte");
        var heldOn = WorkingDayFrom(now.Today.AddDays(-40));
        var held = StoryMeeting(course, MeetingKind.Network, "Netværksmøde med veterankoordinatoren", "Én indgang i kommunen, forsørgelse og familiens støtte (demo).", MeetingFormat.InPerson, heldOn, 10,
            "Kolding Rådhus, mødelokale 1 (demo)", null,
            [
                new(null, true, MeetingRole.Participant, false),
                new(MemberOf(course, _cast.SocialWorkerOdense, heldOn), false, MeetingRole.MeetingLeader, true),
                new(MemberOf(course, _cast.Caseworkers["Kolding"], heldOn), false, MeetingRole.MinuteTaker, true),
                new(MemberOf(course, _cast.Coordinators["Kolding"], heldOn), false, MeetingRole.Participant, true),
                new(MemberOf(course, RoleOf("veterancentret"), heldOn), false, MeetingRole.Participant, false),
            ],
            now);
        Hold(held, heldOn, 10, ["Behandlingen i den højt specialiserede funktion", "Sygedagpenge og tilbagevenden", "Støtte til hustruen"],
            "Martin er i behandling for PTSD (samtaler hver uge). Jobcentret bekræftede sygedagpenge; en plan for gradvis tilbagevenden lægges, når søvnen er bedre. Veterancentret tilbyder hustruen pårørendesamtaler. Veterankoordinatoren er Martins ene indgang til kommunen og følger ham til veterancaféen (demo).",
            "Dine sygedagpenge er på plads. Jesper er din indgang til kommunen, og din kone kan få samtaler i Veterancentret (demo).", anders, approve: true);
        db.IncomeBasisEntries.Add(IncomeBasisEntry.Record(course.Id, course.CitizenId, course.StartDate, IncomeBasisKind.SicknessBenefit, heldOn, "Jobcenter Kolding, sagsbehandler (netværksmøde)", "Afklaret ved netværksmødet med veterankoordinatoren (demo).",
            new Actor(_userIds["sagsbehandler.kolding"], "Henrik Demo-Bisgaard"), At(heldOn, 12)));
    }

    /// <summary>
    /// 000/001: Bashir, a refugee in trauma treatment who speaks Farsi (interpreter at every meeting), run through Tværindsats:
    /// a joint meeting after assessment (income basis), a preparatory conversation before each of the three network meetings,
    /// minutes and decisions, IPS from the job centre with a work placement and then an ordinary job, and the handover ahead.
    /// </summary>
    private void SeedRefugeeStory(Course course, Moment now, Actor system)
    {
        var mette = new Actor(_userIds["behandler.odense"], "Mette Demo-Lindberg");
        var anders = new Actor(_userIds["socialraadgiver.traume"], "Anders Demo-Skytte");
        var kim = new Actor(_userIds["ips.odense"], "Kim Demo-Laursen");
        var birgitte = new Actor(_userIds["sagsbehandler.odense"], "Birgitte Demo-Aagaard");
        var start = course.StartDate;
        var treatment = now.Today.AddDays(-200);
        Moment On(DateOnly d, int hour = 12) => At(d, hour);
        Guid Member(PractitionerRole role, DateOnly day) => MemberOf(course, role, day);
        const string Interpreter = " Tolk: farsi (Tolkeservice Syd).";
        const string Clinic = "Traumeklinikken Odense, Demovej 18, mødelokale 2 (demo)";

        // The children (001: on average 2.8): the family page shows them.
        foreach (var (label, band, awareness, support) in new[]
        {
            ("Dreng (15 år)", ChildAgeBand.From13To17, ChildAwareness.Knows, ChildSupport.ChildConversation),
            ("Pige (11 år)", ChildAgeBand.From7To12, ChildAwareness.KnowsSome, ChildSupport.RelativesOffering),
            ("Dreng (5 år)", ChildAgeBand.From3To6, ChildAwareness.NotTalkedAbout, ChildSupport.None),
        })
        {
            db.CourseChildren.Add(CourseChild.Create(course.Id, course.CitizenId, new ChildDetails(label, band, awareness, support, null, "Demo: syntetisk barn."), system, On(start.AddDays(20)).Utc));
        }

        // The plan, built at the joint meeting and changed at each network meeting.
        var (plan, first) = CarePlan.Create(course.Id, course.CitizenId, mette, On(start.AddDays(16)));
        var versions = new List<PlanVersion> { first };
        plan.SetCitizenPart("Jeg vil gerne arbejde på et lager og tjene mine egne penge. Jeg vil kunne sove, og børnene skal ikke være bange for mig. (Sagt med tolk.)", "da", ["Søvnen", "Pengene", "Sproget"], CitizenPartAuthor.Professional, mette, On(start.AddDays(16)));
        versions.Add(plan.Record(mette, On(start.AddDays(16)), "CitizenPart.Changed"));
        plan.AddChallenge(ChallengeArea.Health, "PTSD: mareridt, uro og koncentrationsbesvær", On(start.AddDays(16)));
        plan.AddChallenge(ChallengeArea.Income, "Usikker på forsørgelsen; forstår ikke brevene uden tolk", On(start.AddDays(16)));
        plan.AddChallenge(ChallengeArea.Family, "Tre børn, der mærker uroen", On(start.AddDays(16)));
        versions.Add(plan.Record(mette, On(start.AddDays(16)), "Challenge.Added"));
        var goal = plan.AddGoal("Arbejde på et lager", "Mine egne penge.", ["Afklaret forsørgelse", "Virksomhedspraktik 10 timer om ugen", "Ordinært job"], On(start.AddDays(16)));
        versions.Add(plan.Record(mette, On(start.AddDays(16)), "Goal.Added"));
        var sleep = plan.AddGoal("Sove og være rolig med børnene", "Børnene skal ikke være bange.", ["Søvndagbog", "Børnesamtale for den ældste"], On(start.AddDays(16)));
        versions.Add(plan.Record(mette, On(start.AddDays(16)), "Goal.Added"));

        // The joint meeting after assessment: the income basis is clarified early (002 §5).
        var jointOn = WorkingDayFrom(start.AddDays(16));
        var joint = StoryMeeting(course, MeetingKind.JointAssessment, "Fælles møde efter udredning", "Forsørgelsesgrundlag og kortsigtet arbejdstilknytning (demo)." + Interpreter, MeetingFormat.InPerson, jointOn, 10, Clinic, null,
            [new(null, true, MeetingRole.Participant, false), new(Member(_cast.PsychologistOdense, jointOn), false, MeetingRole.MeetingLeader, true), new(Member(_cast.Caseworkers["Odense"], jointOn), false, MeetingRole.MinuteTaker, true)], now);
        Hold(joint, jointOn, 10, ["Forsørgelsesgrundlaget", "Behandlingen de næste måneder"],
            "Forsørgelsesgrundlaget er afklaret: kontanthjælp under behandlingen. Jobcentret friholder Bashir for andre aktiviteter end IPS, mens behandlingen står på. Aftaleskemaet er udfyldt med tolk (demo).",
            "Du får kontanthjælp, mens du er i behandling. Du skal kun mødes med jobkonsulenten fra jobcentret (demo).", mette);
        joint.ApproveMinutes(mette, On(jointOn.AddDays(1), 9));
        db.IncomeBasisEntries.Add(IncomeBasisEntry.Record(course.Id, course.CitizenId, start, IncomeBasisKind.CashBenefit, jointOn, "Jobcenter Odense, sagsbehandler (fælles møde)", "Afklaret ved det fælles møde efter udredning, med tolk (demo).", birgitte, On(jointOn)));

        // The IPS track from the job centre.
        var track = IpsTrack.Start(course.Id, course.CitizenId, kim, On(start.AddDays(12)));
        track.Update(new IpsTrackContent(
                "Jeg vil gerne arbejde på et lager – pakke og køre truck, som jeg gjorde i Mashhad. Helst dagvagter. (Sagt med tolk.)",
                "Besøge lagervirksomheder i Odense med IPS-konsulenten; cv på dansk; øve jobsamtalen med tolk.",
                "IPS-konsulenten ringer til lagerchefen hver 14. dag de første tre måneder og taler med behandleren før hvert netværksmøde.",
                "Dagvagter; faste pauser; en fast kollega; fri til behandlingen torsdag formiddag."),
            kim, On(start.AddDays(14)));
        track.AssignConsultant(kim, kim, On(start.AddDays(14)));
        db.IpsTracks.Add(track);
        db.EmployerContacts.Add(EmployerContact.Record(course.Id, course.CitizenId, start, treatment.AddDays(60), "Odense Lager & Logistik (demo)", "Vil gerne mødes med Bashir og tolken", kim, On(treatment.AddDays(60))));
        db.EmployerContacts.Add(EmployerContact.Record(course.Id, course.CitizenId, start, treatment.AddDays(80), "Fyns Grønt Engros (demo)", "Ingen ledige timer lige nu", kim, On(treatment.AddDays(80))));
        db.EmployerContacts.Add(EmployerContact.Record(course.Id, course.CitizenId, start, treatment.AddDays(112), "Odense Lager & Logistik (demo)", "Virksomhedspraktik aftalt, 10 timer om ugen", kim, On(treatment.AddDays(112))));
        db.JobStarts.Add(JobStart.Record(course.Id, course.CitizenId, start, treatment.AddDays(118), "Odense Lager & Logistik (demo)", 10, JobStartKind.WorkPlacement, kim, On(treatment.AddDays(118))));
        var jobOn = now.Today.AddDays(-20);
        db.JobStarts.Add(JobStart.Record(course.Id, course.CitizenId, start, jobOn, "Odense Lager & Logistik (demo)", 15, JobStartKind.OrdinaryJob, kim, On(jobOn.AddDays(-7))));

        // Three network meetings (about 1.5, 3.5 and 5.5 months into treatment), each after a preparatory conversation.
        (int Day, string Title, MeetingFormat Format, string Prep, string[] Agenda, string Minutes, string Summary, string Decision, PractitionerRole Owner, int DueIn)[] meetings =
        [
            (45, "Netværksmøde 1", MeetingFormat.InPerson, "Sociale belastninger kortlagt: økonomi, boligens støj, børnenes skole. Bashir vil gerne have IPS-konsulenten med.",
                ["Hvordan går behandlingen?", "Bashirs jobønsker"],
                "Bashir fortalte med tolk om søvnen og bekymringen for pengene. Behandlingen fortsætter med ugentlige samtaler. Beslutning: IPS-konsulenten besøger to lagervirksomheder med Bashir inden næste møde (demo).",
                "Vi talte om søvnen og om arbejde. Kim fra jobcentret finder to lagre, I kan besøge sammen (demo).", "Besøge to lagervirksomheder med Bashir", _cast.IpsConsultants["Odense"], 30),
            (105, "Netværksmøde 2 (video)", MeetingFormat.Video, "Bashir er spændt på praktik, bekymret for at blive træt. Ønsker faste pauser.",
                ["Første virksomhedskontakt", "Skånehensyn"],
                "Odense Lager & Logistik vil gerne tage Bashir i virksomhedspraktik 10 timer om ugen. Skånehensyn: dagvagter, faste pauser, fri torsdag formiddag. Beslutning: jobcentret bevilger praktikken (demo).",
                "Du starter i praktik på lageret 10 timer om ugen, kun om dagen (demo).", "Bevilge virksomhedspraktik 10 timer om ugen", _cast.Caseworkers["Odense"], 10),
            (165, "Netværksmøde 3 før udskrivning", MeetingFormat.InPerson, "Bashir vil gerne fortsætte på lageret efter behandlingen. Bekymret for tiden efter udskrivning.",
                ["Ansættelse efter praktikken", "Overlevering når behandlingen slutter"],
                "Lageret tilbyder ordinær ansættelse 15 timer om ugen fra næste måned. Behandlingen afsluttes om ca. to måneder. Beslutning: overleveringsmøde ved behandlingens afslutning; IPS-konsulenten fortsætter støtten efter ansættelsen (demo).",
                "Du får job på lageret 15 timer om ugen. Når behandlingen slutter, holder vi et møde om, hvem der hjælper dig bagefter (demo).", "Indkalde til overleveringsmøde", _cast.SocialWorkerOdense, 50),
        ];
        for (var n = 0; n < meetings.Length; n++)
        {
            var m = meetings[n];
            var day = WorkingDayFrom(treatment.AddDays(m.Day));
            var prepOn = WorkingDayFrom(day.AddDays(-7));
            var prep = StoryMeeting(course, MeetingKind.Preparatory, $"Forberedende samtale før netværksmøde {n + 1}", "Bashir og klinikkens socialrådgiver forbereder netværksmødet." + Interpreter, MeetingFormat.InPerson, prepOn, 9, Clinic, null,
                [new(null, true, MeetingRole.Participant, false), new(Member(_cast.SocialWorkerOdense, prepOn), false, MeetingRole.MeetingLeader, true)], now, n == 0 ? "tvaerindsats" : null, n == 0 ? 0 : null);
            Hold(prep, prepOn, 9, ["Hvad fylder lige nu?"], m.Prep, "Vi forberedte netværksmødet sammen (demo).", anders);
            prep.ApproveMinutes(anders, On(prepOn, 15));

            var meeting = StoryMeeting(course, MeetingKind.Network, m.Title, "Tværindsats: Bashir, jobcentret og traumeklinikken." + Interpreter, m.Format, day, 10,
                m.Format == MeetingFormat.Video ? null : Clinic, m.Format == MeetingFormat.Video ? "https://video.demo.samspil.invalid/tvaerindsats" : null,
                [
                    new(null, true, MeetingRole.Participant, false),
                    new(Member(_cast.PsychologistOdense, day), false, MeetingRole.MeetingLeader, true),
                    new(Member(_cast.SocialWorkerOdense, day), false, MeetingRole.MinuteTaker, true),
                    new(Member(_cast.Caseworkers["Odense"], day), false, MeetingRole.Participant, true),
                    new(Member(_cast.IpsConsultants["Odense"], day), false, MeetingRole.Participant, false),
                ],
                now, "tvaerindsats", n + 1);
            Hold(meeting, day, 10, m.Agenda, m.Minutes, m.Summary, mette);
            var at = On(day, 13);
            var action = plan.AddAction(goal.Id, m.Decision, ActionOwner.Member(Member(m.Owner, day)), day.AddDays(m.DueIn), course.ActiveMemberIds(day), at);
            versions.Add(plan.Record(anders, at, "Action.Added"));
            meeting.AddAgreement(m.Decision, Member(m.Owner, day), false, day.AddDays(m.DueIn), action.Id, at);
            if (n < meetings.Length - 1)
            {
                plan.SetActionStatus(action.Id, ActionStatus.Done, null, On(day.AddDays(m.DueIn - 2)));
                versions.Add(plan.Record(anders, On(day.AddDays(m.DueIn - 2)), "Action.Status.Done"));
            }

            meeting.ApproveMinutes(mette, On(day.AddDays(1), 9));
        }

        foreach (var subGoal in goal.OrderedSubGoals.ToList())
        {
            plan.UpdateSubGoal(goal.Id, subGoal.Id, subGoal.Text, true);
        }

        var reviewOn = now.Today.AddDays(-30);
        plan.AddReview(reviewOn, "Netværksmøderne med tolk gjorde, at alle vidste det samme.", "Overlevering, når behandlingen slutter; IPS-støtten fortsætter.", "Bashir, tolk, psykolog, socialrådgiver, sagsbehandler, IPS-konsulent",
            [(goal.Id, 4), (sleep.Id, 3)], RatingSource.Professional, anders, On(reviewOn));
        versions.Add(plan.Record(anders, On(reviewOn), "Review.Added"));
        plan.RateGoal(goal.Id, 5, now.Today.AddDays(-2), RatingSource.Citizen, On(now.Today.AddDays(-2)));
        versions.Add(plan.Record(system, On(now.Today.AddDays(-2)), "Goal.Rated"));
        db.CarePlans.Add(plan);
        db.PlanVersions.AddRange(versions);

        // The handover at the end of treatment, booked (001, R22).
        var handoverOn = WorkingDayFrom(now.Today.AddDays(20));
        var handover = StoryMeeting(course, MeetingKind.Handover, "Overleveringsmøde ved behandlingens afslutning", "Hvem støtter Bashir, når behandlingen slutter?" + Interpreter, MeetingFormat.InPerson, handoverOn, 10, Clinic, null,
            [
                new(null, true, MeetingRole.Participant, false),
                new(Member(_cast.SocialWorkerOdense, now.Today), false, MeetingRole.MeetingLeader, true),
                new(Member(_cast.Caseworkers["Odense"], now.Today), false, MeetingRole.MinuteTaker, true),
                new(Member(_cast.IpsConsultants["Odense"], now.Today), false, MeetingRole.Participant, false),
                new(Member(_cast.PsychologistOdense, now.Today), false, MeetingRole.Participant, true),
            ],
            now, "tvaerindsats", 4);
        handover.AddAgendaPoint("Støtten efter ansættelsen og efter behandlingen", "Anders Demo-Skytte", true, At(now.Today.AddDays(-1), 9));
    }

    private static Guid MemberOf(Course course, PractitionerRole role, DateOnly day) =>
        course.Members.First(m => m.PractitionerRoleId == role.Id && m.IsActiveOn(day)).Id;

    private Meeting StoryMeeting(Course course, MeetingKind kind, string title, string purpose, MeetingFormat format, DateOnly day, int hour, string? location, string? videoLink,
        IReadOnlyList<ParticipantSpec> participants, Moment now, string? templateKey = null, int? templateStep = null)
    {
        var created = day.AddDays(-14) < now.Today ? day.AddDays(-14) : now.Today.AddDays(-1);
        var meeting = Meeting.Create(new NewMeeting(course.Id, course.CitizenId, kind, title, format, null, null, templateKey, templateStep), At(created, 9));
        meeting.Describe(title, purpose);
        meeting.SetParticipants(participants, course.ActiveMemberIds(day <= now.Today ? day : now.Today));
        meeting.Schedule(At(day, hour).Utc, At(day, hour + 1).Utc, format, location, videoLink);
        db.Meetings.Add(meeting);
        return meeting;
    }

    /// <summary>Agenda shared a week ahead, held, minutes and the citizen's summary written; approved by the caller.</summary>
    private static void Hold(Meeting meeting, DateOnly day, int hour, string[] agenda, string minutes, string summary, Actor approver, bool approve = false)
    {
        foreach (var point in agenda)
        {
            meeting.AddAgendaPoint(point, approver.DisplayName, true, At(day.AddDays(-10), 9));
        }

        meeting.ShareAgenda(At(day.AddDays(-7), 9));
        meeting.MarkHeld(At(day, hour + 1));
        meeting.WriteMinutes(minutes, summary);
        if (approve)
        {
            meeting.ApproveMinutes(approver, At(day.AddDays(1), 9));
        }
    }

    private static DateOnly WorkingDayFrom(DateOnly day)
    {
        while (!WorkingDays.IsWorkingDay(day))
        {
            day = day.AddDays(1);
        }

        return day;
    }

    private static Moment At(DateOnly day, int hour) =>
        new(CopenhagenTime.ToUtc(day, new TimeOnly(hour, 0)) ?? new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero), day);
}
