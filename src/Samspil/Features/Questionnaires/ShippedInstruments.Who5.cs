using Samspil.Domain.Consents;
using Samspil.Domain.Questionnaires;

namespace Samspil.Features.Questionnaires;

public static partial class ShippedInstruments
{
    /// <summary>
    /// WHO-5 Well-Being Index (WHO 1998; Psykiatrisk Center Nordsjælland, free to use). Five items scored 0–5 for the
    /// last two weeks; the raw sum 0–25 times 4 gives 0–100. A score at or below 50 suggests poor well-being and
    /// screening for depression; at or below 28 likely depression (Topp et al., Psychother Psychosom 2015). No item
    /// may be missing. Shipped in Danish and English; other languages' official texts are loaded by an administrator.
    /// </summary>
    public static ShippedInstrument Who5()
    {
        var options = Options(
            ("5", "Hele tiden", "All of the time", 5),
            ("4", "Det meste af tiden", "Most of the time", 4),
            ("3", "Lidt mere end halvdelen af tiden", "More than half of the time", 3),
            ("2", "Lidt mindre end halvdelen af tiden", "Less than half of the time", 2),
            ("1", "Lidt af tiden", "Some of the time", 1),
            ("0", "På intet tidspunkt", "At no time", 0));
        QuestionItem Item(string linkId, string da, string en) => new(linkId, QuestionItemType.Choice, L(da, en), Required: true, Options: options);

        var definition = new QuestionnaireDefinition(
            Title: L("WHO-5 Trivselsindeks", "WHO-5 Well-Being Index"),
            Description: L(
                "Hvordan har du haft det i de sidste 2 uger? Vælg for hvert udsagn det svar, der passer bedst.",
                "Over the last two weeks: for each statement, choose the answer closest to how you have been feeling."),
            Languages: ["da", "en"],
            Items:
            [
                Item("1", "Jeg har været glad og i godt humør", "I have felt cheerful and in good spirits"),
                Item("2", "Jeg har følt mig rolig og afslappet", "I have felt calm and relaxed"),
                Item("3", "Jeg har følt mig aktiv og energisk", "I have felt active and vigorous"),
                Item("4", "Jeg er vågnet frisk og udhvilet", "I woke up feeling fresh and rested"),
                Item("5", "Min dagligdag har været fyldt med ting, der interesserer mig", "My daily life has been filled with things that interest me"),
            ],
            Scoring: new ScoringRules(
            [
                new ScaleRule(
                    Key: "total",
                    Title: L("Trivsel (0–100)", "Well-being (0–100)"),
                    Items: ["1", "2", "3", "4", "5"],
                    Multiplier: 4,
                    Bands:
                    [
                        new ScoreBand(0, 28, L("Meget lav trivsel", "Very low well-being"), L("Svarene tyder på, at du har det meget svært. Tal med din behandler om det.", "Your answers suggest you are having a very hard time. Talk to your clinician about it.")),
                        new ScoreBand(29, 50, L("Lav trivsel", "Low well-being"), L("Svarene tyder på, at du ikke har det godt for tiden. Det er godt at tale om.", "Your answers suggest you are not feeling well at the moment. It is worth talking about.")),
                        new ScoreBand(51, 100, L("God trivsel", "Good well-being"), L("Svarene tyder på, at du for det meste har haft det godt.", "Your answers suggest you have mostly been feeling well.")),
                    ],
                    CutOff: new CutOff(50, CutOffDirection.AtOrBelow, L("Under eller lig 50: lav trivsel; undersøg for depression.", "At or below 50: low well-being; screen for depression.")),
                    Primary: true),
            ]),
            Copyright: "WHO-5 © Psykiatrisk Center Nordsjælland, Region Hovedstaden. Free to use.");
        return new ShippedInstrument("who-5", 1, InstrumentPurpose.Screening, InformationCategory.HealthAndTreatment, definition);
    }
}
