using System.Globalization;
using Samspil.Domain.Directory;
using Samspil.Domain.Offerings;
using Samspil.Infrastructure.Persistence;

namespace Samspil.Features.Demo;

/// <summary>
/// Issue 18's demo data: the demo municipalities' codes, an entry point for every target group in each of them with its
/// opening hours, and some thirty synthetic offerings across the municipal, regional, state and voluntary sectors with
/// varied hours — office hours, evenings, weekends, nights, round the clock, closed on public holidays or not, closed on
/// 24 and 31 December — so that "open now" finds something at any hour, a Saturday night included. Every name is synthetic.
/// </summary>
internal static class DemoOfferings
{
    /// <summary>The demo municipalities' kommunekoder (as in DanishAreaNames).</summary>
    public static readonly IReadOnlyDictionary<string, string> MunicipalityCodes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Odense"] = "461", ["Kolding"] = "621", ["Vejle"] = "630", ["Fredericia"] = "607", ["Varde"] = "573",
    };

    /// <summary>The target groups the social services are the entry point for; the coordinator is the one for the PTSD groups.</summary>
    public static readonly string[] SocialEntryPointFor = ["frequent-admissions", "complex-rehabilitation"];

    /// <summary>The 22 municipalities of Region Syddanmark, which the region's offerings serve.</summary>
    private static readonly string[] RegionSouthDenmark =
        ["410", "420", "430", "440", "450", "461", "479", "480", "482", "492", "510", "530", "540", "550", "561", "563", "573", "575", "580", "607", "621", "630"];

    private static readonly string[] Ptsd = ["ptsd-refugee", "ptsd-veteran", "ptsd-work"];

    public static void Seed(
        SamspilDbContext db,
        Organization region,
        Organization traumaOdense,
        Organization traumaVejle,
        Organization volunteers,
        IReadOnlyDictionary<string, Organization> jobCentres,
        IReadOnlyDictionary<string, Organization> socials,
        IReadOnlyDictionary<string, Organization> coordinators,
        DateTimeOffset now)
    {
        var year = CopenhagenClockYear(now);
        ScheduleException[] christmas =
        [
            ScheduleException.ClosedOn(new DateOnly(year, 12, 24), "Juleaften"), ScheduleException.ClosedOn(new DateOnly(year, 12, 31), "Nytårsaften"),
            ScheduleException.ClosedOn(new DateOnly(year + 1, 12, 24), "Juleaften"), ScheduleException.ClosedOn(new DateOnly(year + 1, 12, 31), "Nytårsaften"),
        ];

        void Add(Organization organization, string key, OfferingDetails details) =>
            db.Offerings.Add(Offering.Create(Guid.CreateVersion7(), organization.Id, details, now, "demo-" + key, isDemo: true));

        // The entry points: the coordinator for the PTSD groups, the social services for the others, in every demo municipality.
        foreach (var (name, code) in MunicipalityCodes)
        {
            var coordinator = coordinators[name];
            Add(coordinator, "entry-ptsd-" + code, new OfferingDetails(
                $"Indgangen for flygtninge og veteraner, {name} Kommune",
                "Ét sted at henvende sig: koordinatoren lytter, finder de rette i kommunen og samler dem om dit forløb. Pårørende er også velkomne.",
                TargetGroups: Ptsd, Needs: [OfferingNeeds.Trauma, OfferingNeeds.MentalHealth, OfferingNeeds.Relatives],
                Access: OfferingAccess.SelfReferral, Languages: ["da", "en"], InterpreterAvailable: true,
                Street: coordinator.Street, City: coordinator.City, Municipalities: [code], Phone: coordinator.PublicPhone,
                Email: $"indgang@{Slug(name)}.demo.samspil.dk",
                Periods: [.. Days("1234", "09:00", "15:00"), .. Days("5", "09:00", "13:00")], Exceptions: christmas));

            var social = socials[name];
            Add(social, "entry-social-" + code, new OfferingDetails(
                $"Socialpsykiatriens indgang, {name} Kommune",
                "Indgangen for voksne med psykisk sygdom, der ofte er indlagt, eller som har brug for et længere forløb. Ring, skriv eller kom forbi.",
                TargetGroups: SocialEntryPointFor, Needs: [OfferingNeeds.MentalHealth, OfferingNeeds.Social, OfferingNeeds.Housing],
                Access: OfferingAccess.SelfReferral, Languages: ["da"], InterpreterAvailable: true,
                Street: social.Street, City: social.City, Municipalities: [code], Phone: social.PublicPhone,
                Email: $"socialpsykiatri@{Slug(name)}.demo.samspil.dk",
                Periods: [.. Days("123", "08:30", "15:00"), .. Days("4", "08:30", "17:30"), .. Days("5", "08:30", "12:00")], Exceptions: christmas));
        }

        // Municipal offerings.
        foreach (var name in new[] { "Odense", "Vejle", "Kolding" })
        {
            var code = MunicipalityCodes[name];
            Add(jobCentres[name], "ips-" + code, new OfferingDetails(
                $"IPS – job med støtte, Jobcenter {name}",
                "Individuelt planlagt job med støtte (IPS): en jobkonsulent hjælper dig i ordinært job eller uddannelse, mens du er i behandling.",
                Needs: [OfferingNeeds.Work, OfferingNeeds.Education, OfferingNeeds.MentalHealth], Access: OfferingAccess.SelfReferralOrReferral,
                ReferralBy: "Behandleren eller jobcentret", Languages: ["da", "en"], Street: jobCentres[name].Street, City: name,
                Municipalities: [code], Phone: jobCentres[name].PublicPhone, Periods: [.. Days("1234", "08:00", "15:30"), .. Days("5", "08:00", "13:00")]));
        }

        Add(socials["Odense"], "dropin-461", new OfferingDetails(
            "Værestedet Fristedet (socialpsykiatrisk drop-in)",
            "Kom uden aftale: kaffe, samvær og en medarbejder at tale med. Åbent om aftenen og i weekenden.",
            Needs: [OfferingNeeds.Social, OfferingNeeds.MentalHealth], Street: "Demo-Fristedsgade 4", PostalCode: "5000", City: "Odense C",
            Municipalities: ["461"], Phone: "72 00 01 40", IsAfterHours: true, ClosedOnPublicHolidays: false,
            Periods: [.. Days("12345", "10:00", "21:00"), .. Days("67", "11:00", "17:00")],
            Exceptions: [ScheduleException.OpenOn(new DateOnly(year, 12, 24), new TimeOnly(11, 0), new TimeOnly(15, 0), "Julefrokost for alle")]));
        Add(socials["Kolding"], "nightcafe-621", new OfferingDetails(
            "Nattecaféen (socialpsykiatrisk værested)",
            "Et varmt sted om natten for dig, der har svært ved at være alene. Fredag og lørdag til kl. 2.",
            Needs: [OfferingNeeds.Social, OfferingNeeds.MentalHealth, OfferingNeeds.Crisis], Street: "Demo-Nattergalevej 7", PostalCode: "6000", City: "Kolding",
            Municipalities: ["621"], Phone: "72 00 02 40", IsAfterHours: true, ClosedOnPublicHolidays: false,
            Periods: [.. Days("1234", "18:00", "23:00"), .. Days("56", "20:00", "02:00"), .. Days("7", "18:00", "23:00")],
            Exceptions: [ScheduleException.OpenOn(new DateOnly(year, 12, 24), new TimeOnly(18, 0), new TimeOnly(2, 0), "Juleaften åbent til kl. 2")]));
        Add(socials["Vejle"], "family-630", new OfferingDetails(
            "Familierådgivningen – når en forælder er psykisk syg",
            "Gratis og anonym rådgivning til familier, hvor en forælder har psykisk sygdom eller PTSD. Også torsdag aften.",
            Needs: [OfferingNeeds.Family, OfferingNeeds.Relatives], Street: "Demo-Familievej 2", PostalCode: "7100", City: "Vejle",
            Municipalities: ["630"], Phone: "72 00 03 40", Periods: [.. Days("1234", "09:00", "15:00"), .. Days("4", "16:00", "19:00")], Exceptions: christmas));
        Add(socials["Varde"], "family-573", new OfferingDetails(
            "Familierådgivningen Varde",
            "Rådgivning til børn, unge og forældre i familier med psykisk sygdom.",
            Needs: [OfferingNeeds.Family, OfferingNeeds.Relatives], Street: "Demo-Torvet 10", PostalCode: "6800", City: "Varde",
            Municipalities: ["573"], Phone: "72 00 05 40", Periods: Days("12345", "08:00", "14:00"), Exceptions: christmas));
        Add(socials["Fredericia"], "dropin-607", new OfferingDetails(
            "Åben rådgivning i socialpsykiatrien",
            "Spørg om bostøtte, botilbud og aktiviteter uden at være visiteret. Tirsdag og torsdag eftermiddag.",
            Needs: [OfferingNeeds.MentalHealth, OfferingNeeds.Housing, OfferingNeeds.Social], Street: "Demo-Rådhuset", City: "Fredericia",
            Municipalities: ["607"], Phone: "72 00 04 40", Periods: Days("24", "13:00", "18:00")));

        // Regional offerings: acute psychiatric receptions (always open), the psychiatric emergency line, the out-of-hours doctor, and outpatient clinics.
        var acuteOdense = NewOrganization(db, "Psykiatrisk Akutmodtagelse Odense (demo)", Sector.Region, OrganizationKind.PsychiatricWard, region.Id, "Demovej 22", "5000", "Odense C", "70 00 00 30", "461");
        var acuteVejle = NewOrganization(db, "Psykiatrisk Akutmodtagelse Vejle (demo)", Sector.Region, OrganizationKind.PsychiatricWard, region.Id, "Demovej 27", "7100", "Vejle", "70 00 00 31", "630");
        var outpatient = NewOrganization(db, "Distriktspsykiatrien Kolding (demo)", Sector.Region, OrganizationKind.PsychiatricOutpatientClinic, region.Id, "Demovej 40", "6000", "Kolding", "70 00 00 50", "621");
        foreach (var (acute, key) in new[] { (acuteOdense, "acute-461"), (acuteVejle, "acute-630") })
        {
            Add(acute, key, new OfferingDetails(
                $"Akut psykiatrisk modtagelse, {acute.City}",
                "Døgnåben modtagelse ved akut psykisk krise. Ring gerne først, så er de klar, når du kommer.",
                Needs: [OfferingNeeds.Crisis, OfferingNeeds.MentalHealth], Access: OfferingAccess.SelfReferralOrReferral, Languages: ["da", "en"],
                InterpreterAvailable: true, Street: acute.Street, PostalCode: acute.PostalCode, City: acute.City, Municipalities: RegionSouthDenmark,
                Phone: acute.PublicPhone, IsAfterHours: true, IsCrisis: true, AlwaysOpen: true, ClosedOnPublicHolidays: false));
        }

        Add(region, "psychiatric-line", new OfferingDetails(
            "Psykiatrisk akuttelefon, Region Syddanmark",
            "Ring døgnet rundt, hvis du selv eller en, du kender, er i akut psykisk krise. Du taler med en sygeplejerske.",
            Needs: [OfferingNeeds.Crisis, OfferingNeeds.MentalHealth, OfferingNeeds.Relatives], Languages: ["da", "en"], InterpreterAvailable: true,
            Municipalities: RegionSouthDenmark, Phone: "70 00 00 60", IsAfterHours: true, IsCrisis: true, AlwaysOpen: true, ClosedOnPublicHolidays: false));
        Add(region, "out-of-hours-doctor", new OfferingDetails(
            "Lægevagten, Region Syddanmark",
            "Når din egen læge har lukket: hverdage fra kl. 16 til kl. 8, hele weekenden og på helligdage. Ring altid før du kommer.",
            Needs: [OfferingNeeds.PhysicalHealth, OfferingNeeds.MentalHealth], Access: OfferingAccess.SelfReferral, Municipalities: RegionSouthDenmark,
            Phone: "70 00 00 61", IsAfterHours: true, ClosedOnPublicHolidays: false, HoursNote: "Helligdage: hele døgnet.",
            Periods: [.. Days("12345", "16:00", "08:00"), .. Days("67", "08:00", "08:00")],
            Exceptions: [ScheduleException.OpenOn(new DateOnly(year, 12, 24), new TimeOnly(0, 0), new TimeOnly(0, 0)), ScheduleException.OpenOn(new DateOnly(year, 12, 31), new TimeOnly(0, 0), new TimeOnly(0, 0))]));
        foreach (var (clinic, key) in new[] { (traumaOdense, "trauma-461"), (traumaVejle, "trauma-630") })
        {
            Add(clinic, key, new OfferingDetails(
                $"Ambulant traumebehandling, {clinic.Name}",
                "Udredning og behandling af PTSD for flygtninge, veteraner og arbejdsbetinget traume, med tolk når du har brug for det.",
                TargetGroups: Ptsd, Needs: [OfferingNeeds.Trauma, OfferingNeeds.MentalHealth], Access: OfferingAccess.Referral, ReferralBy: "Egen læge",
                Languages: ["da", "en", "ar"], InterpreterAvailable: true, Street: clinic.Street, PostalCode: clinic.PostalCode, City: clinic.City,
                Municipalities: RegionSouthDenmark, Phone: clinic.PublicPhone, Periods: [.. Days("1234", "08:00", "15:30"), .. Days("5", "08:00", "13:00")], Exceptions: christmas));
        }

        Add(outpatient, "outpatient-621", new OfferingDetails(
            "Distriktspsykiatrien Kolding – ambulant behandling",
            "Behandling hos psykiater, psykolog og sygeplejerske for voksne med svær psykisk sygdom, tæt på hjemmet.",
            TargetGroups: ["frequent-admissions", "complex-rehabilitation"], Needs: [OfferingNeeds.MentalHealth], Access: OfferingAccess.Referral,
            ReferralBy: "Egen læge eller psykiatrisk afdeling", Street: outpatient.Street, PostalCode: outpatient.PostalCode, City: outpatient.City,
            Municipalities: ["621", "607", "630"], Phone: outpatient.PublicPhone, Periods: [.. Days("1234", "08:00", "15:00"), .. Days("5", "08:00", "14:00")], Exceptions: christmas));

        // State: the veterans' centre.
        var veterans = NewOrganization(db, "Veterancentret (demo)", Sector.State, OrganizationKind.VeteransCentre, null, "Demo-Kasernevej 1", "7400", "Herning", "70 00 70 00", null);
        Add(veterans, "veteran-line", new OfferingDetails(
            "Veteranlinjen (demo)",
            "Døgnåben telefon for veteraner og deres pårørende. Anonymt, hvis du vil.",
            TargetGroups: ["ptsd-veteran"], Needs: [OfferingNeeds.Crisis, OfferingNeeds.Trauma, OfferingNeeds.Relatives], Languages: ["da", "en"],
            Phone: "70 00 70 01", IsAfterHours: true, IsCrisis: true, AlwaysOpen: true, ClosedOnPublicHolidays: false));
        Add(veterans, "veteran-counselling", new OfferingDetails(
            "Rådgivning og støtte til veteraner",
            "Socialrådgivere og psykologer, der kender veteraners vilkår, hjælper med job, økonomi, familie og behandling.",
            TargetGroups: ["ptsd-veteran"], Needs: [OfferingNeeds.Trauma, OfferingNeeds.Work, OfferingNeeds.Family, OfferingNeeds.Income],
            Street: veterans.Street, PostalCode: veterans.PostalCode, City: veterans.City, Phone: "70 00 70 02",
            Periods: [.. Days("1234", "08:00", "15:00"), .. Days("5", "08:00", "13:00")], Exceptions: christmas));

        // Voluntary organisations.
        var crisisLine = NewOrganization(db, "Foreningen Krisetelefonen (demo)", Sector.Volunteer, OrganizationKind.VolunteerOrganization, null, null, null, null, "70 10 10 10", null);
        Add(crisisLine, "crisis-line", new OfferingDetails(
            "Krisetelefonen – hele døgnet (demo)",
            "Frivillige, der er uddannet til at lytte, tager telefonen hele døgnet, hele året. For alle i hele landet. Du kan være anonym.",
            Needs: [OfferingNeeds.Crisis, OfferingNeeds.MentalHealth, OfferingNeeds.Relatives], Languages: ["da", "en"],
            Phone: "70 10 10 10", Url: "https://krisetelefonen.demo.samspil.dk", IsAfterHours: true, IsCrisis: true, AlwaysOpen: true, ClosedOnPublicHolidays: false));
        Add(crisisLine, "evening-chat", new OfferingDetails(
            "Aftenchat (demo)",
            "Skriv anonymt med en frivillig hver aften. For alle over 15 år.",
            Needs: [OfferingNeeds.Crisis, OfferingNeeds.MentalHealth], MinimumAge: 15, Languages: ["da"],
            Url: "https://krisetelefonen.demo.samspil.dk/chat", IsAfterHours: true, ClosedOnPublicHolidays: false, Periods: Days("1234567", "17:00", "23:00")));

        var relatives = NewOrganization(db, "Pårørendeforeningen Sammen (demo)", Sector.Volunteer, OrganizationKind.VolunteerOrganization, null, "Demo-Søndergade 12", "5000", "Odense C", "70 20 20 20", "461");
        Add(relatives, "relatives-line", new OfferingDetails(
            "Pårørenderådgivning om aftenen",
            "Til dig, der er pårørende til en med psykisk sygdom eller PTSD: ring og tal med en anden pårørende. Mandag, onsdag og søndag aften.",
            Needs: [OfferingNeeds.Relatives, OfferingNeeds.Family], Languages: ["da"], Phone: "70 20 20 21", IsAfterHours: true,
            Periods: [.. Days("13", "18:00", "21:00"), .. Days("7", "19:00", "21:00")], Exceptions: christmas));
        Add(relatives, "relatives-groups-461", new OfferingDetails(
            "Pårørendegrupper i Odense",
            "Mød andre pårørende i en lille gruppe med en frivillig tovholder. Tirsdag aften.",
            Needs: [OfferingNeeds.Relatives], Street: relatives.Street, PostalCode: relatives.PostalCode, City: relatives.City, Municipalities: ["461"],
            Phone: "70 20 20 22", IsAfterHours: true, Periods: Days("2", "19:00", "21:30"), Exceptions: christmas));

        var refugees = NewOrganization(db, "Flygtningenetværket Syd (demo)", Sector.Volunteer, OrganizationKind.VolunteerOrganization, null, "Demo-Vestergade 30", "7100", "Vejle", "70 30 30 30", "630");
        Add(refugees, "refugee-advice", new OfferingDetails(
            "Rådgivning på arabisk, farsi og ukrainsk",
            "Frivillige, der selv har været flygtninge, hjælper med breve, myndigheder og hvor du kan få hjælp. Tirsdag eftermiddag og lørdag.",
            TargetGroups: ["ptsd-refugee"], Needs: [OfferingNeeds.Legal, OfferingNeeds.Language, OfferingNeeds.Social], Languages: ["ar", "fa", "uk", "da"],
            Street: refugees.Street, PostalCode: refugees.PostalCode, City: refugees.City, Municipalities: ["630", "621", "607", "461", "573"],
            Phone: "70 30 30 31", IsAfterHours: true, Periods: [.. Days("2", "16:00", "19:00"), .. Days("6", "11:00", "15:00")], Exceptions: christmas));
        Add(refugees, "refugee-women", new OfferingDetails(
            "Kvindecafé for flygtningekvinder",
            "Samvær, sprogtræning og en snak om trivsel med frivillige, der taler arabisk og farsi.",
            TargetGroups: ["ptsd-refugee"], Needs: [OfferingNeeds.Social, OfferingNeeds.Language], Languages: ["ar", "fa", "da"],
            Street: refugees.Street, PostalCode: refugees.PostalCode, City: refugees.City, Municipalities: ["630"], Phone: "70 30 30 32",
            Periods: Days("4", "10:00", "13:00")));

        Add(volunteers, "mentor-607", new OfferingDetails(
            "Frivillig mentor og netværksgrupper",
            "Få en frivillig mentor, der går med dig til det, der er svært, eller mød andre i en netværksgruppe.",
            Needs: [OfferingNeeds.Social, OfferingNeeds.Work], Street: volunteers.Street, PostalCode: volunteers.PostalCode, City: volunteers.City,
            Municipalities: ["607", "621", "630"], Phone: volunteers.PublicPhone, Periods: Days("1234", "10:00", "16:00")));
        Add(volunteers, "weekend-cafe-607", new OfferingDetails(
            "Weekendcaféen Trekanten",
            "Åbent hus i weekenden med mad, spil og gåture. Kom som du er.",
            Needs: [OfferingNeeds.Social], Street: volunteers.Street, PostalCode: volunteers.PostalCode, City: volunteers.City,
            Municipalities: ["607", "621", "630"], Phone: volunteers.PublicPhone, IsAfterHours: true, ClosedOnPublicHolidays: false,
            Periods: Days("67", "12:00", "18:00")));
    }

    /// <summary>Weekly periods on the given days ("1" Monday … "7" Sunday) from opens to closes (local time).</summary>
    private static IReadOnlyList<OpeningPeriod> Days(string days, string opens, string closes) =>
        days.Select(d => OpeningPeriod.Create(
                (DayOfWeek)((d - '0') % 7),
                TimeOnly.ParseExact(opens, "HH:mm", CultureInfo.InvariantCulture),
                TimeOnly.ParseExact(closes, "HH:mm", CultureInfo.InvariantCulture)))
            .ToList();

    private static Organization NewOrganization(SamspilDbContext db, string name, Sector sector, OrganizationKind kind, Guid? partOf, string? street, string? postalCode, string? city, string? phone, string? municipalityCode)
    {
        var organization = Organization.Create(
            new OrganizationDetails(name, sector, kind, partOf, street, postalCode, city, phone, null, null, municipalityCode), Guid.CreateVersion7(), isDemo: true);
        db.Organizations.Add(organization);
        return organization;
    }

    private static int CopenhagenClockYear(DateTimeOffset now) => Domain.Screening.CopenhagenClock.ToLocal(now).Year;

    private static string Slug(string name) => name.ToLowerInvariant().Replace("ø", "oe", StringComparison.Ordinal).Replace("æ", "ae", StringComparison.Ordinal).Replace("å", "aa", StringComparison.Ordinal);
}
