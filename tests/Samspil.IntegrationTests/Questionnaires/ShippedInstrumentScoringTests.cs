using Samspil.Domain.Common;
using Samspil.Domain.Consents;
using Samspil.Domain.Questionnaires;
using Samspil.Features.Questionnaires;

namespace Samspil.IntegrationTests.Questionnaires;

/// <summary>
/// The shipped instruments score as their sources say (WHO-5: Topp et al. 2015; PCL-5: National Center for PTSD;
/// Samspil's own experience questionnaire: docs/questionnaires-instruments.md). Pure: no database.
/// </summary>
public sealed class ShippedInstrumentScoringTests
{
    private static readonly QuestionnaireDefinition Who5 = ShippedInstruments.Who5().Definition;
    private static readonly QuestionnaireDefinition Pcl5 = ShippedInstruments.Pcl5().Definition;
    private static readonly QuestionnaireDefinition Experience = ShippedInstruments.CitizenExperience().Definition;

    [Theory]
    [InlineData(new[] { 3, 3, 3, 3, 3 }, 60, "God trivsel", false)]
    [InlineData(new[] { 2, 2, 2, 2, 2 }, 40, "Lav trivsel", true)]
    [InlineData(new[] { 5, 5, 5, 5, 5 }, 100, "God trivsel", false)]
    [InlineData(new[] { 0, 0, 0, 0, 0 }, 0, "Meget lav trivsel", true)]
    [InlineData(new[] { 3, 3, 2, 2, 2 }, 48, "Lav trivsel", true)]
    [InlineData(new[] { 3, 3, 3, 2, 2 }, 52, "God trivsel", false)]
    [InlineData(new[] { 2, 2, 1, 1, 1 }, 28, "Meget lav trivsel", true)]
    [InlineData(new[] { 2, 2, 2, 1, 1 }, 32, "Lav trivsel", true)]
    public void Who5_is_the_raw_sum_times_four_flagged_at_or_below_50(int[] answers, int expected, string band, bool flagged)
    {
        var score = Single(Who5, answers.Select((a, i) => new QuestionnaireAnswer($"{i + 1}", Code: $"{a}")));
        Assert.Equal((decimal?)expected, score.Value);
        Assert.Equal(band, BandLabel(Who5, "total", score, "da"));
        Assert.Equal(flagged, score.Flagged);
    }

    [Fact]
    public void Pcl5_ships_twenty_required_items_in_english_with_four_clusters_that_cover_each_item_once()
    {
        var shipped = ShippedInstruments.Pcl5();
        Assert.Equal(("pcl-5", InstrumentPurpose.Screening, InformationCategory.HealthAndTreatment), (shipped.Key, shipped.Purpose, shipped.Category));
        var items = Pcl5.AllItems().ToList();
        Assert.Equal(20, items.Count);
        Assert.All(items, i => Assert.True(i.Required && i.Type == QuestionItemType.Choice && i.Text.Has("en") && !i.Text.Has("da")));
        Assert.All(items, i => Assert.Equal(["0", "1", "2", "3", "4"], i.Options.Select(o => o.Code)));
        Assert.Equal(["en"], Pcl5.Languages);

        var clusters = Pcl5.Scoring.Scales.Where(s => !s.Primary).ToList();
        Assert.Equal(["b", "c", "d", "e"], clusters.Select(s => s.Key));
        Assert.Equal(Enumerable.Range(1, 20).Select(i => $"{i}"), clusters.SelectMany(s => s.Items));
        Assert.Equal([5, 2, 7, 6], clusters.Select(s => s.Items.Count));
    }

    [Theory]
    [InlineData(0, 0, false)]
    [InlineData(4, 80, true)]
    [InlineData(1, 20, false)]
    [InlineData(2, 40, true)]
    public void Pcl5_sums_all_twenty_items(int each, int expected, bool flagged)
    {
        var scores = QuestionnaireScoring.Score(Pcl5, Pcl5Answers(Enumerable.Repeat(each, 20).ToArray()));
        var total = scores.Single(s => s.Key == "total");
        Assert.Equal((decimal?)expected, total.Value);
        Assert.Equal(flagged, total.Flagged);
        Assert.Equal([each * 5, each * 2, each * 7, each * 6], scores.Where(s => s.Key != "total").Select(s => (int)s.Value!.Value));
    }

    [Fact]
    public void Pcl5_flags_at_33_and_not_at_32()
    {
        // Thirteen 2s and seven 1s: 33; one 2 fewer: 32.
        var at = Enumerable.Repeat(2, 13).Concat(Enumerable.Repeat(1, 7)).ToArray();
        var below = Enumerable.Repeat(2, 12).Concat(Enumerable.Repeat(1, 8)).ToArray();

        var flagged = QuestionnaireScoring.Score(Pcl5, Pcl5Answers(at)).Single(s => s.Key == "total");
        var notFlagged = QuestionnaireScoring.Score(Pcl5, Pcl5Answers(below)).Single(s => s.Key == "total");

        Assert.Equal((33m, true, "At or above the cut-off"), (flagged.Value!.Value, flagged.Flagged, BandLabel(Pcl5, "total", flagged, "en")));
        Assert.Equal((32m, false, "Below the cut-off"), (notFlagged.Value!.Value, notFlagged.Flagged, BandLabel(Pcl5, "total", notFlagged, "en")));
    }

    [Fact]
    public void Pcl5_with_an_item_missing_is_refused_and_not_scored()
    {
        var answers = Pcl5Answers(Enumerable.Repeat(3, 20).ToArray()).Where(a => a.LinkId != "7").ToList();

        var error = Assert.Throws<DomainException>(() => QuestionnaireAnswers.Normalise(Pcl5, answers));
        Assert.Equal(("Questionnaire.Answer.Required", "7"), (error.Code, error.Field));
        var scores = QuestionnaireScoring.Score(Pcl5, answers);
        Assert.Null(scores.Single(s => s.Key == "total").Value);
        Assert.Null(scores.Single(s => s.Key == "c").Value);
        Assert.Equal(15m, scores.Single(s => s.Key == "b").Value);
    }

    [Fact]
    public void The_experience_questionnaire_is_samspils_own_in_five_languages_under_plan_and_goals()
    {
        var shipped = ShippedInstruments.CitizenExperience();
        Assert.Equal(("samspil-experience", InstrumentPurpose.CitizenExperience, InformationCategory.PlanAndGoals), (shipped.Key, shipped.Purpose, shipped.Category));
        string[] languages = ["da", "en", "ar", "fa", "uk"];
        Assert.Equal(languages, Experience.Languages);
        var texts = Experience.AllItems().SelectMany(i => i.Options.Select(o => o.Display).Prepend(i.Text))
            .Concat(Experience.Scoring.Scales.SelectMany(s => s.Bands.SelectMany(b => new[] { b.Label, b.Meaning }).Prepend(s.Title)))
            .Append(Experience.Title)
            .Append(Experience.Description!);
        Assert.All(texts, t => Assert.All(languages, l => Assert.False(string.IsNullOrWhiteSpace(t.Texts.GetValueOrDefault(l)), $"{t.For("da")} [{l}]")));
        Assert.All(Experience.AllItems(), i => Assert.False(i.Required));
        Assert.Equal(QuestionItemType.Text, Experience.Find("comment")!.Type);
    }

    [Theory]
    [InlineData("5", "1", 100, false)] // agrees with everything, and does not have to repeat the story
    [InlineData("1", "5", 0, true)]
    [InlineData("3", "3", 50, false)]
    [InlineData("1", "1", 33, true)] // coherence: (0 + 4 + 0) ÷ 3 × 25 = 33.3
    public void The_experience_scales_are_the_mean_times_25_with_the_repeat_item_reversed(string everyItem, string repeat, int coherence, bool flagged)
    {
        var answers = Experience.AllItems().Where(i => i.Type == QuestionItemType.Choice)
            .Select(i => new QuestionnaireAnswer(i.LinkId, Code: i.LinkId == "coherence-repeat" ? repeat : everyItem))
            .Append(new QuestionnaireAnswer("comment", Text: "Tak"))
            .ToList();

        var scores = QuestionnaireScoring.Score(Experience, QuestionnaireAnswers.Normalise(Experience, answers));

        var score = scores.Single(s => s.Key == "coherence");
        Assert.Equal((decimal?)coherence, score.Value);
        Assert.Equal(flagged, score.Flagged);
        Assert.Equal((decimal?)((int.Parse(everyItem, System.Globalization.CultureInfo.InvariantCulture) - 1) * 25), scores.Single(s => s.Key == "work").Value);
    }

    [Fact]
    public void Dont_know_counts_as_missing_and_a_scale_with_too_many_missing_is_not_scored()
    {
        QuestionnaireAnswer[] answers =
        [
            new("coherence-know", Code: "na"), new("coherence-repeat", Code: "na"), new("coherence-call", Code: "4"),
            new("work-know", Code: "na"), new("work-plan", Code: "5"),
            new("heard-felt", Code: "2"),
        ];

        var scores = QuestionnaireScoring.Score(Experience, QuestionnaireAnswers.Normalise(Experience, answers));

        Assert.Null(scores.Single(s => s.Key == "coherence").Value); // two of three missing
        Assert.False(scores.Single(s => s.Key == "coherence").Flagged);
        Assert.Equal(100m, scores.Single(s => s.Key == "work").Value); // one of two missing: the mean of the other
        Assert.Equal(25m, scores.Single(s => s.Key == "heard").Value);
        Assert.Null(scores.Single(s => s.Key == "total").Value); // four of seven missing, two allowed
    }

    private static ScaleScore Single(QuestionnaireDefinition definition, IEnumerable<QuestionnaireAnswer> answers) =>
        QuestionnaireScoring.Score(definition, QuestionnaireAnswers.Normalise(definition, answers)).Single(s => s.Key == "total");

    private static List<QuestionnaireAnswer> Pcl5Answers(int[] answers) => [.. answers.Select((a, i) => new QuestionnaireAnswer($"{i + 1}", Code: $"{a}"))];

    private static string? BandLabel(QuestionnaireDefinition definition, string key, ScaleScore score, string language) =>
        score.Band is { } band ? definition.Scoring.Scales.Single(s => s.Key == key).Bands[band].Label.For(language) : null;
}
