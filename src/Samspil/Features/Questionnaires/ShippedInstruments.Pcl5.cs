using Samspil.Domain.Consents;
using Samspil.Domain.Questionnaires;

namespace Samspil.Features.Questionnaires;

public static partial class ShippedInstruments
{
    /// <summary>
    /// PCL-5, the PTSD Checklist for DSM-5 (Weathers, Litz, Keane, Palmieri, Marx &amp; Schnurr, 2013; U.S. National
    /// Center for PTSD; public domain). Twenty items for the past month, each 0 "Not at all" to 4 "Extremely"; the
    /// total 0–80 and the DSM-5 cluster scores B (items 1–5), C (6–7), D (8–14) and E (15–20) are sums. Provisional
    /// PTSD at or above 33: the National Center for PTSD gives 31–33 as a reasonable cut-point (Bovin et al., Psychol
    /// Assess 2016); Samspil takes 33, the upper end, so that fewer screen positive who do not have PTSD. No item may
    /// be missing for a score (the cut-off was validated on complete checklists, and the Center publishes no
    /// prorating rule): every item is required. Shipped with the English text only (public domain); no Danish,
    /// Arabic, Farsi or Ukrainian translation is known to be redistributable, so an administrator loads the validated
    /// translation into this version (the items, codes and scoring stay). Band names and meanings are Samspil's own.
    /// </summary>
    public static ShippedInstrument Pcl5()
    {
        static LocalizedText En(string text) => new(new Dictionary<string, string>(StringComparer.Ordinal) { ["en"] = text });

        IReadOnlyList<AnswerOption> options =
        [
            new("0", En("Not at all"), 0),
            new("1", En("A little bit"), 1),
            new("2", En("Moderately"), 2),
            new("3", En("Quite a bit"), 3),
            new("4", En("Extremely"), 4),
        ];
        QuestionItem Item(int number, string text) => new($"{number}", QuestionItemType.Choice, En(text), Required: true, Options: options);

        ScaleRule Cluster(string key, string da, string en, int from, int to) => new(
            Key: key,
            Title: L(da, en),
            Items: [.. Enumerable.Range(from, to - from + 1).Select(i => $"{i}")]);

        var definition = new QuestionnaireDefinition(
            Title: L("PCL-5 (PTSD Checklist for DSM-5)", "PCL-5 (PTSD Checklist for DSM-5)"),
            Description: En(
                "Below is a list of problems that people sometimes have in response to a very stressful experience. Please read each problem carefully "
                + "and then choose one of the answers to indicate how much you have been bothered by that problem in the past month. "
                + "In the past month, how much were you bothered by:"),
            Languages: ["en"],
            Items:
            [
                Item(1, "Repeated, disturbing, and unwanted memories of the stressful experience?"),
                Item(2, "Repeated, disturbing dreams of the stressful experience?"),
                Item(3, "Suddenly feeling or acting as if the stressful experience were actually happening again (as if you were actually back there reliving it)?"),
                Item(4, "Feeling very upset when something reminded you of the stressful experience?"),
                Item(5, "Having strong physical reactions when something reminded you of the stressful experience (for example, heart pounding, trouble breathing, sweating)?"),
                Item(6, "Avoiding memories, thoughts, or feelings related to the stressful experience?"),
                Item(7, "Avoiding external reminders of the stressful experience (for example, people, places, conversations, activities, objects, or situations)?"),
                Item(8, "Trouble remembering important parts of the stressful experience?"),
                Item(9, "Having strong negative beliefs about yourself, other people, or the world (for example, having thoughts such as: I am bad, there is something seriously wrong with me, no one can be trusted, the world is completely dangerous)?"),
                Item(10, "Blaming yourself or someone else for the stressful experience or what happened after it?"),
                Item(11, "Having strong negative feelings such as fear, horror, anger, guilt, or shame?"),
                Item(12, "Loss of interest in activities that you used to enjoy?"),
                Item(13, "Feeling distant or cut off from other people?"),
                Item(14, "Trouble experiencing positive feelings (for example, being unable to feel happiness or have loving feelings for people close to you)?"),
                Item(15, "Irritable behavior, angry outbursts, or acting aggressively?"),
                Item(16, "Taking too many risks or doing things that could cause you harm?"),
                Item(17, "Being \"superalert\" or watchful or on guard?"),
                Item(18, "Feeling jumpy or easily startled?"),
                Item(19, "Having difficulty concentrating?"),
                Item(20, "Trouble falling or staying asleep?"),
            ],
            Scoring: new ScoringRules(
            [
                new ScaleRule(
                    Key: "total",
                    Title: L("PTSD-symptomer i alt (0–80)", "PTSD symptoms, total (0–80)"),
                    Items: [.. Enumerable.Range(1, 20).Select(i => $"{i}")],
                    Bands:
                    [
                        new ScoreBand(0, 32, L("Under skæringsværdien", "Below the cut-off"), L(
                            "Svarene peger ikke på PTSD lige nu. Har du det svært, så tal alligevel med din behandler om det.",
                            "Your answers do not point to PTSD at the moment. If you are having a hard time, talk to your clinician about it anyway.")),
                        new ScoreBand(33, 80, L("Ved eller over skæringsværdien", "At or above the cut-off"), L(
                            "Svarene kan tyde på PTSD. Det er ikke en diagnose: tal med din behandler om, hvad der skal ske nu.",
                            "Your answers may point to PTSD. This is not a diagnosis: talk to your clinician about what happens next.")),
                    ],
                    CutOff: new CutOff(33, CutOffDirection.AtOrAbove, L(
                        "33 eller derover: mulig PTSD; en behandler bør vurdere det (National Center for PTSD: 31–33).",
                        "33 or above: provisional PTSD; a clinician should assess it (National Center for PTSD: 31–33).")),
                    Primary: true),
                Cluster("b", "Genoplevelse (B, 0–20)", "Intrusion (B, 0–20)", 1, 5),
                Cluster("c", "Undgåelse (C, 0–8)", "Avoidance (C, 0–8)", 6, 7),
                Cluster("d", "Negative tanker og følelser (D, 0–28)", "Negative alterations in cognition and mood (D, 0–28)", 8, 14),
                Cluster("e", "Øget vagtsomhed og reaktivitet (E, 0–24)", "Alterations in arousal and reactivity (E, 0–24)", 15, 20),
            ]),
            Copyright: "PCL-5 (Weathers, Litz, Keane, Palmieri, Marx & Schnurr, 2013), National Center for PTSD, U.S. Department of Veterans Affairs. Public domain.");
        return new ShippedInstrument("pcl-5", 1, InstrumentPurpose.Screening, InformationCategory.HealthAndTreatment, definition);
    }
}
