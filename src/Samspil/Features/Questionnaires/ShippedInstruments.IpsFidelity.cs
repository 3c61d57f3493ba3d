using Samspil.Domain.Consents;
using Samspil.Domain.Questionnaires;

namespace Samspil.Features.Questionnaires;

public static partial class ShippedInstruments
{
    /// <summary>The key of the IPS fidelity review; the team pages record reviews with its newest active version.</summary>
    public const string IpsFidelityKey = "ips-fidelity";

    /// <summary>An item's description is a display item below it whose linkId is the item's plus this (FHIR's "help" pattern).</summary>
    public const string HelpSuffix = "-help";

    /// <summary>
    /// The IPS Supported Employment Fidelity Scale (Becker, Swanson, Reese, Bond &amp; McLeman; IPS Employment Center,
    /// revised 2015/2019): 25 items in three sections (staffing 3, organisation 8, services 14), each rated 1–5 by
    /// the fidelity reviewers; the total is 25–125 (115–125 exemplary, 100–114 good, 74–99 fair, 73 and below not
    /// supported employment). No item may be missing for the total. Shipped are the item names and a short
    /// description of each in Samspil's own words (Danish and English); the scale's full anchor texts and the
    /// manual are the IPS Employment Center's, and a team that holds them loads them as a new version. A review is
    /// organisation data about a team (docs/questionnaires-ips-fidelity.md), never citizen data.
    /// </summary>
    public static ShippedInstrument IpsFidelity()
    {
        var low = L("1 = ikke gennemført", "1 = not in place");
        var high = L("5 = fuldt gennemført", "5 = fully in place");
        QuestionItem Item(string linkId, string da, string en, string daDescription, string enDescription) =>
            new(linkId, QuestionItemType.Scale, L(da, en), Required: true, MinValue: 1, MaxValue: 5, MinLabel: low, MaxLabel: high,
                Items: [new QuestionItem(linkId + HelpSuffix, QuestionItemType.Display, L(Sentence(daDescription), Sentence(enDescription)))]);

        QuestionItem[] staffing =
        [
            Item("staffing-1", "Antal borgere pr. jobkonsulent", "Caseload size",
                "hver jobkonsulent har så få borgere, at der er tid til individuel støtte.", "each employment specialist has few enough people to give individual support."),
            Item("staffing-2", "Jobkonsulenter arbejder kun med beskæftigelse", "Vocational services staff",
                "jobkonsulenterne bruger deres tid på beskæftigelsesindsatsen og ikke på andre opgaver.", "employment specialists spend their time on employment services, not on other tasks."),
            Item("staffing-3", "Jobkonsulenter er generalister", "Vocational generalists",
                "den samme jobkonsulent følger borgeren gennem hele forløbet: kontakt, jobsøgning og støtte i job.", "one employment specialist carries the person through every phase: engagement, job search and support in the job."),
        ];
        QuestionItem[] organization =
        [
            Item("organization-1", "Integration med behandlingen: tilknytning til behandlingsteam", "Integration with mental health treatment through team assignment",
                "hver jobkonsulent er knyttet til et eller to behandlingsteams, som borgerne kommer fra.", "each employment specialist is attached to one or two treatment teams the people come from."),
            Item("organization-2", "Integration med behandlingen: hyppig kontakt med teamet", "Integration with mental health treatment through frequent team contact",
                "jobkonsulenten deltager jævnligt i behandlingsteamets møder og deler mål og viden om borgeren.", "the employment specialist takes part in the treatment team's meetings and shares goals and knowledge."),
            Item("organization-3", "Samarbejde med jobcenterets sagsbehandlere", "Collaboration between employment specialists and vocational rehabilitation counsellors",
                "faste møder og fælles drøftelser af de borgere, begge arbejder med.", "regular meetings and shared discussion of the people both work with."),
            Item("organization-4", "Beskæftigelsesenhed", "Vocational unit",
                "jobkonsulenterne er en gruppe med fælles sparring og supervision, der dækker for hinanden.", "the employment specialists form a group with shared supervision who cover for each other."),
            Item("organization-5", "Lederens rolle", "Role of employment supervisor",
                "en leder for få jobkonsulenter, som kender metoden, giver supervision og følger resultaterne.", "a supervisor of a few employment specialists who knows the model, supervises and follows the outcomes."),
            Item("organization-6", "Ingen udelukkelseskriterier", "Zero exclusion criteria",
                "alle, der ønsker arbejde, får hjælp uanset diagnose, misbrug eller tidligere forløb.", "everyone who wants to work is helped, whatever the diagnosis, substance use or history."),
            Item("organization-7", "Organisationens fokus på ordinært arbejde", "Agency focus on competitive employment",
                "organisationen spørger til ønsker om arbejde og fortæller om job og resultater.", "the organisation asks about wishes to work and talks about jobs and outcomes."),
            Item("organization-8", "Ledelsens opbakning", "Executive team support",
                "den øverste ledelse kender IPS, bakker op om indsatsen og fjerner forhindringer.", "senior management knows IPS, supports it and removes obstacles."),
        ];
        QuestionItem[] services =
        [
            Item("services-1", "Vejledning om ydelser og økonomi ved job", "Work incentives planning",
                "borgeren får individuel vejledning om, hvad et job betyder for ydelser og økonomi.", "the person gets individual advice on what a job means for benefits and income."),
            Item("services-2", "Åbenhed over for arbejdsgiveren", "Disclosure",
                "jobkonsulenten drøfter med borgeren, hvad der fortælles til arbejdsgivere; borgeren bestemmer.", "the specialist discusses with the person what to tell employers; the person decides."),
            Item("services-3", "Løbende afklaring gennem arbejde", "Ongoing, work-based vocational assessment",
                "afklaringen sker gennem erfaringer i job, ikke gennem lange forudgående test.", "assessment comes from experience in jobs, not from long tests beforehand."),
            Item("services-4", "Hurtig jobsøgning", "Rapid search for competitive job",
                "den første kontakt med en arbejdsgiver sker kort efter, at borgeren er startet.", "the first contact with an employer comes soon after the person starts."),
            Item("services-5", "Individuel jobsøgning", "Individualised job search",
                "jobsøgningen følger borgerens ønsker, styrker og erfaringer, ikke de ledige job.", "the job search follows the person's wishes, strengths and experience, not the vacancies at hand."),
            Item("services-6", "Jobudvikling: hyppig kontakt med arbejdsgivere", "Job development: frequent employer contact",
                "hver jobkonsulent mødes personligt med mange arbejdsgivere hver uge.", "each employment specialist meets many employers in person every week."),
            Item("services-7", "Jobudvikling: kvaliteten af kontakten", "Job development: quality of employer contact",
                "kontakten opbygger relationer over tid og tager afsæt i både borgerens og arbejdsgiverens behov.", "contact builds relationships over time around both the person's and the employer's needs."),
            Item("services-8", "Forskellige slags job", "Diversity of job types",
                "borgerne får job af mange forskellige slags.", "people get many different kinds of jobs."),
            Item("services-9", "Forskellige arbejdsgivere", "Diversity of employers",
                "borgerne arbejder hos mange forskellige arbejdsgivere.", "people work for many different employers."),
            Item("services-10", "Ordinære job", "Competitive jobs",
                "jobbene er almindelige job på almindelige vilkår, ikke job særligt for mennesker med psykisk sygdom.", "the jobs are ordinary jobs on ordinary terms, not jobs set aside for people with mental illness."),
            Item("services-11", "Individuel støtte i job", "Individualised follow-along supports",
                "støtten efter ansættelse tilpasses borgeren og kan også gælde arbejdsgiveren.", "support after starting a job is shaped to the person and may include the employer."),
            Item("services-12", "Tidsubegrænset støtte", "Time-unlimited follow-along supports",
                "støtten fortsætter, så længe borgeren har brug for den, og trappes gradvist ned.", "support goes on as long as the person needs it and is tapered off gradually."),
            Item("services-13", "Indsatsen foregår ude i samfundet", "Community-based services",
                "jobkonsulenterne bruger det meste af tiden uden for kontoret: hos borgeren og arbejdsgiverne.", "employment specialists spend most of their time out of the office: with the people and the employers."),
            Item("services-14", "Opsøgende kontakt fra det samlede team", "Assertive engagement and outreach by integrated treatment team",
                "teamet holder kontakten og opsøger borgeren, hvis hun eller han ikke kommer.", "the team keeps in touch and reaches out when the person does not turn up."),
        ];

        static string Sentence(string text) => char.ToUpperInvariant(text[0]) + text[1..];
        static IReadOnlyList<string> Ids(IEnumerable<QuestionItem> items) => [.. items.Select(i => i.LinkId)];
        var definition = new QuestionnaireDefinition(
            Title: L("IPS-troskabsmåling", "IPS fidelity review"),
            Description: L(
                "IPS-troskabsskalaen (IPS Supported Employment Fidelity Scale): 25 punkter, hver vurderet 1–5 af reviewerne efter et fidelity-besøg. Punkternes navne og beskrivelser er Samspils egne; skalaens fulde ankertekster og manual er IPS Employment Centers.",
                "The IPS Supported Employment Fidelity Scale: 25 items, each rated 1–5 by the reviewers after a fidelity visit. The item names and descriptions are Samspil's own; the scale's full anchor texts and manual are the IPS Employment Center's."),
            Languages: ["da", "en"],
            Items:
            [
                new QuestionItem("staffing", QuestionItemType.Group, L("Bemanding", "Staffing"), Items: staffing),
                new QuestionItem("organization", QuestionItemType.Group, L("Organisation", "Organization"), Items: organization),
                new QuestionItem("services", QuestionItemType.Group, L("Indsats", "Services"), Items: services),
            ],
            Scoring: new ScoringRules(
            [
                new ScaleRule(
                    Key: "total",
                    Title: L("Troskab i alt (25–125)", "Total fidelity (25–125)"),
                    Items: [.. Ids(staffing), .. Ids(organization), .. Ids(services)],
                    Bands:
                    [
                        new ScoreBand(25, 73, L("Ikke IPS", "Not supported employment"), L("Under 74: indsatsen følger ikke IPS-modellen.", "Below 74: the service does not follow the IPS model.")),
                        new ScoreBand(74, 99, L("Rimelig troskab", "Fair fidelity"), L("74–99: rimelig troskab over for IPS-modellen.", "74–99: fair fidelity to the IPS model.")),
                        new ScoreBand(100, 114, L("God troskab", "Good fidelity"), L("100–114: god troskab over for IPS-modellen.", "100–114: good fidelity to the IPS model.")),
                        new ScoreBand(115, 125, L("Eksemplarisk troskab", "Exemplary fidelity"), L("115–125: eksemplarisk troskab over for IPS-modellen.", "115–125: exemplary fidelity to the IPS model.")),
                    ],
                    Primary: true),
                new ScaleRule(Key: "staffing", Title: L("Bemanding (3–15)", "Staffing (3–15)"), Items: Ids(staffing)),
                new ScaleRule(Key: "organization", Title: L("Organisation (8–40)", "Organization (8–40)"), Items: Ids(organization)),
                new ScaleRule(Key: "services", Title: L("Indsats (14–70)", "Services (14–70)"), Items: Ids(services)),
            ]),
            Copyright: "Item names and descriptions written by Samspil after the IPS Supported Employment Fidelity Scale (Becker, Swanson, Reese, Bond & McLeman; IPS Employment Center). The scale's anchor texts and manual are the IPS Employment Center's and are not shipped.");
        return new ShippedInstrument(IpsFidelityKey, 1, InstrumentPurpose.IpsFidelity, InformationCategory.None, definition);
    }
}
