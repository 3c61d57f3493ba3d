using Samspil.Domain.Consents;
using Samspil.Domain.Questionnaires;

namespace Samspil.Features.Questionnaires;

public static partial class ShippedInstruments
{
    /// <summary>The key of the collaboration questionnaire (docs/questionnaires-collaboration.md).</summary>
    public const string CollaborationKey = "samspil-collaboration";

    /// <summary>The seven dimensions of relational coordination, in the order they are asked (the item linkIds and scale keys).</summary>
    public static readonly IReadOnlyList<string> CollaborationDimensions =
        ["frequent", "timely", "accurate", "problem-solving", "shared-goals", "shared-knowledge", "mutual-respect"];

    /// <summary>The optional free-text item of the collaboration questionnaire.</summary>
    public const string CollaborationImproveItem = "improve";

    /// <summary>
    /// Samarbejdet i netværket (R16; seed 004 K2, K6): how a network member experiences the collaboration with each
    /// other side (collaboration area) of the course's network, on the seven dimensions of relational coordination
    /// (Gittell 2009; Albertsen et al. 2014): frequent, timely, accurate and problem-solving communication, shared
    /// goals, shared knowledge and mutual respect. The items are Samspil's own statements rated 1–5 (disagree–agree);
    /// the Relational Coordination Survey itself is proprietary and none of its wording is used. One response per
    /// tie; every dimension is a scale of one item, the primary "total" is the mean of the seven (1–5, one decimal),
    /// at or below 2.5 flagged as a weak tie. Danish and English, answered by staff only.
    /// </summary>
    public static ShippedInstrument Collaboration()
    {
        QuestionItem Item(string linkId, string da, string en) => new(
            linkId,
            QuestionItemType.Scale,
            L(da, en),
            Required: true,
            MinValue: 1,
            MaxValue: 5,
            MinLabel: L("Helt uenig", "Strongly disagree"),
            MaxLabel: L("Helt enig", "Strongly agree"));

        (string Da, string En)[] titles =
        [
            ("Hyppig kommunikation", "Frequent communication"),
            ("Rettidig kommunikation", "Timely communication"),
            ("Præcis kommunikation", "Accurate communication"),
            ("Problemløsende kommunikation", "Problem-solving communication"),
            ("Fælles mål", "Shared goals"),
            ("Fælles viden", "Shared knowledge"),
            ("Gensidig respekt", "Mutual respect"),
        ];

        var scales = CollaborationDimensions
            .Select((key, i) => new ScaleRule(key, L(titles[i].Da, titles[i].En), [key], ScoreMethod.Mean, Decimals: 1))
            .ToList();
        scales.Add(new ScaleRule(
            Key: "total",
            Title: L("Samarbejdstemperatur (1–5)", "Collaboration temperature (1–5)"),
            Items: CollaborationDimensions,
            Method: ScoreMethod.Mean,
            Decimals: 1,
            Bands:
            [
                new ScoreBand(1, 2.5m, L("Svagt samarbejde", "Weak collaboration"), L("Samarbejdet med denne part opleves som svagt. Tal om det på næste netværksmøde.", "The collaboration with this partner is experienced as weak. Talk about it at the next network meeting.")),
                new ScoreBand(2.6m, 3.5m, L("Middel samarbejde", "Moderate collaboration"), L("Samarbejdet fungerer delvist; nogle dimensioner kan styrkes.", "The collaboration partly works; some dimensions can be strengthened.")),
                new ScoreBand(3.6m, 5, L("Stærkt samarbejde", "Strong collaboration"), L("Samarbejdet med denne part opleves som godt.", "The collaboration with this partner is experienced as good.")),
            ],
            CutOff: new CutOff(2.5m, CutOffDirection.AtOrBelow, L("Under eller lig 2,5: et svagt bånd mellem sektorerne.", "At or below 2.5: a weak tie between the sectors.")),
            Primary: true));

        var definition = new QuestionnaireDefinition(
            Title: L("Samarbejdet i netværket", "Collaboration in the network"),
            Description: L(
                "Svar for hver part i netværket, du har samarbejdet med om borgerens forløb siden sidst. Spring en part over, hvis I ikke har haft kontakt. Svarene vises kun samlet, når mindst 5 har svaret.",
                "Answer for each partner in the network you have worked with on the citizen's course since last time. Skip a partner you have had no contact with. Answers are only shown together, once at least 5 have answered."),
            Languages: ["da", "en"],
            Items:
            [
                Item("frequent", "Vi har haft kontakt med denne part så ofte, som forløbet krævede.", "We have been in touch with this partner as often as the course needed."),
                Item("timely", "Vi har fået besked fra denne part i tide til at kunne handle på den.", "We have heard from this partner in time to act on it."),
                Item("accurate", "Det, denne part har fortalt os, har været korrekt og til at stole på.", "What this partner has told us has been correct and reliable."),
                Item("problem-solving", "Når noget gik skævt, har vi sammen med denne part søgt en løsning frem for en skyldig.", "When something went wrong, we looked for a solution together with this partner rather than for someone to blame."),
                Item("shared-goals", "Denne part og vi arbejder hen mod de samme mål for borgeren.", "This partner and we work towards the same goals for the citizen."),
                Item("shared-knowledge", "Denne part ved, hvad vi gør i forløbet, og hvorfor.", "This partner knows what we do in the course, and why."),
                Item("mutual-respect", "Denne part respekterer vores arbejde og faglighed.", "This partner respects our work and expertise."),
                new QuestionItem(CollaborationImproveItem, QuestionItemType.Text, L("Hvad ville gøre samarbejdet med denne part bedre? (valgfrit)", "What would improve the collaboration with this partner? (optional)"), MaxLength: 1000),
            ],
            Scoring: new ScoringRules(scales),
            Copyright: "Samspil's own items on the seven dimensions of relational coordination (Gittell). Not the Relational Coordination Survey, which is proprietary; none of its wording is used. Free to use with Samspil.");
        return new ShippedInstrument(CollaborationKey, 1, InstrumentPurpose.Collaboration, InformationCategory.MeetingsAndMinutes, definition);
    }
}
