using System.Globalization;
using Samspil.Domain.Questionnaires;

namespace Samspil.Domain.Reporting;

/// <summary>A calendar quarter (kvartal), the dashboard's unit of time for questionnaire answers.</summary>
public sealed record Quarter(int Year, int Number)
{
    public DateOnly Start => new(Year, ((Number - 1) * 3) + 1, 1);

    public DateOnly End => Start.AddMonths(3).AddDays(-1);

    /// <summary>A stable code, e.g. "2026-Q3".</summary>
    public string Key => string.Create(CultureInfo.InvariantCulture, $"{Year}-Q{Number}");

    public static Quarter Of(DateOnly day) => new(day.Year, ((day.Month - 1) / 3) + 1);

    /// <summary>The quarters that overlap the period, oldest first.</summary>
    public static IReadOnlyList<Quarter> Covering(DateOnly from, DateOnly to)
    {
        var list = new List<Quarter>();
        for (var q = Of(from); q.Start <= to; q = Of(q.End.AddDays(1)))
        {
            list.Add(q);
        }

        return list;
    }
}

/// <summary>
/// One completed answer behind the questionnaire figures: when it was given (Copenhagen date), the primary score,
/// every scale's score by key, and for collaboration the two sides of the tie. Never leaves the domain and the
/// reporting service except as suppressed means.
/// </summary>
public sealed record AnswerFact(
    DateOnly AnsweredOn,
    decimal? PrimaryScore,
    IReadOnlyDictionary<string, decimal?> Scales,
    CollaborationArea? RespondentArea = null,
    CollaborationArea? PartnerArea = null);

/// <summary>A scale of an instrument as the dashboard names it (title in the reader's language, from the definition).</summary>
public sealed record ScaleHeading(string Key, string Title, bool Primary);

/// <summary>A scale's mean in one period; suppressed below 5 answers with a score on that scale.</summary>
public sealed record ScaleMean(string Key, Cell Mean);

/// <summary>One period (a quarter, or the whole period): the number of answers and each scale's mean.</summary>
public sealed record ScorePeriod(string Key, DateOnly From, DateOnly To, Cell Answers, IReadOnlyList<ScaleMean> Scales);

/// <summary>
/// A tie between two areas (unordered: <see cref="AreaA"/> is never after <see cref="AreaB"/>): the answers and
/// mean total score in the period and in the period before, and the change of the (rounded) means, which is only
/// shown when both are.
/// </summary>
public sealed record TieFigures(
    CollaborationArea AreaA,
    CollaborationArea AreaB,
    Cell Answers,
    Cell Mean,
    Cell PreviousAnswers,
    Cell PreviousMean,
    Cell Change,
    TieTrend Trend);

/// <summary>How a tie's mean moved from the period before to this one; <see cref="Unknown"/> when either mean is hidden.</summary>
public enum TieTrend
{
    Unknown = 0,
    Better = 1,
    Same = 2,
    Worse = 3,
}

/// <summary>
/// The questionnaire figures of the dashboard (issue 19, part 4): means of scores per quarter and per tie between
/// sectors, with the dashboard's small-number rule applied to answers: a mean from fewer than 5 answers is hidden,
/// a count of 1–4 answers is shown as "&lt;5". A hidden figure carries no value.
/// </summary>
public static class QuestionnaireFigures
{
    /// <summary>The key of the whole-period row.</summary>
    public const string WholePeriod = "Period";

    /// <summary>A mean (one decimal) of at least 5 scores; hidden below that.</summary>
    public static Cell Mean(IReadOnlyCollection<decimal> values) =>
        values.Count < Suppression.Threshold
            ? Cell.Hidden(CellKind.Average)
            : Cell.Shown(CellKind.Average, Math.Round(values.Sum() / values.Count, 1, MidpointRounding.AwayFromZero));

    /// <summary>Answers per quarter of the period and for the whole period, with the mean of every scale.</summary>
    public static (IReadOnlyList<ScorePeriod> Quarters, ScorePeriod Whole) OverTime(IReadOnlyList<AnswerFact> answers, IReadOnlyList<ScaleHeading> scales, DateOnly from, DateOnly to)
    {
        var inPeriod = answers.Where(a => a.AnsweredOn >= from && a.AnsweredOn <= to).ToList();
        var quarters = Quarter.Covering(from, to)
            .Select(q =>
            {
                var start = q.Start < from ? from : q.Start;
                var end = q.End > to ? to : q.End;
                return Period(q.Key, start, end, inPeriod.Where(a => a.AnsweredOn >= start && a.AnsweredOn <= end).ToList(), scales);
            })
            .ToList();
        return (quarters, Period(WholePeriod, from, to, inPeriod, scales));
    }

    /// <summary>
    /// Collaboration per tie: the answers in [from, to] against the same number of days just before. A tie is the
    /// unordered pair of the respondent's area and the area they rate, so Psychiatry–Employment and
    /// Employment–Psychiatry are one tie. Ties with no answer in either period are left out.
    /// </summary>
    public static IReadOnlyList<TieFigures> Ties(IReadOnlyList<AnswerFact> answers, DateOnly from, DateOnly to)
    {
        var days = to.DayNumber - from.DayNumber + 1;
        var previousFrom = from.AddDays(-days);
        var previousTo = from.AddDays(-1);
        return answers
            .Where(a => a.RespondentArea is not null && a.PartnerArea is not null && a.PrimaryScore is not null && a.AnsweredOn >= previousFrom && a.AnsweredOn <= to)
            .GroupBy(a => TieOf(a.RespondentArea!.Value, a.PartnerArea!.Value))
            .OrderBy(g => g.Key.A).ThenBy(g => g.Key.B)
            .Select(g =>
            {
                var now = g.Where(a => a.AnsweredOn >= from).Select(a => a.PrimaryScore!.Value).ToList();
                var before = g.Where(a => a.AnsweredOn <= previousTo).Select(a => a.PrimaryScore!.Value).ToList();
                var mean = Mean(now);
                var previous = Mean(before);
                var change = mean.IsShown && previous.IsShown ? Cell.Shown(CellKind.Average, mean.Value!.Value - previous.Value!.Value) : Cell.Hidden(CellKind.Average);
                var trend = !change.IsShown ? TieTrend.Unknown : change.Value > 0 ? TieTrend.Better : change.Value < 0 ? TieTrend.Worse : TieTrend.Same;
                return new TieFigures(g.Key.A, g.Key.B, Suppression.Count(now.Count), mean, Suppression.Count(before.Count), previous, change, trend);
            })
            .ToList();
    }

    /// <summary>The unordered tie of two areas: the lower enum value first.</summary>
    public static (CollaborationArea A, CollaborationArea B) TieOf(CollaborationArea one, CollaborationArea other) =>
        one <= other ? (one, other) : (other, one);

    /// <summary>The highest score a scale can give (items' maximum, times the multiplier), or null when an item has no range. A mean scale's is its highest item maximum.</summary>
    public static decimal? MaximumOf(QuestionnaireDefinition definition, ScaleRule scale)
    {
        decimal sum = 0;
        decimal highest = 0;
        foreach (var linkId in scale.Items)
        {
            if (definition.Find(linkId)?.ScoreRange() is not { } range)
            {
                return null;
            }

            sum += range.Max;
            highest = Math.Max(highest, range.Max);
        }

        return scale.Items.Count == 0 ? null : (scale.Method == ScoreMethod.Sum ? sum : highest) * scale.Multiplier;
    }

    private static ScorePeriod Period(string key, DateOnly from, DateOnly to, IReadOnlyList<AnswerFact> answers, IReadOnlyList<ScaleHeading> scales) =>
        new(
            key,
            from,
            to,
            Suppression.Count(answers.Count),
            scales.Select(s => new ScaleMean(
                    s.Key,
                    Mean(answers.Select(a => s.Primary ? a.PrimaryScore : a.Scales.GetValueOrDefault(s.Key)).OfType<decimal>().ToList())))
                .ToList());
}
