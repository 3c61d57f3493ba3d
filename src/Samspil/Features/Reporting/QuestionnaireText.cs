using System.Globalization;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Questionnaires;
using Samspil.Domain.Reporting;

namespace Samspil.Features.Reporting;

/// <summary>The questionnaire figures in words: quarter names, area names, trends, and the bars of the charts.</summary>
public static class QuestionnaireText
{
    /// <summary>"3. kvt. 2026" / "Q3 2026", or "Hele perioden" for the whole-period row.</summary>
    public static string PeriodLabel(string key, IStringLocalizer localizer)
    {
        if (key == QuestionnaireFigures.WholePeriod)
        {
            return localizer["Reports.Questionnaires.WholePeriod"].Value;
        }

        var parts = key.Split("-Q");
        return parts.Length == 2 ? string.Format(CultureInfo.CurrentCulture, localizer["Reports.Questionnaires.Quarter"].Value, parts[0], parts[1]) : key;
    }

    public static string Area(CollaborationArea area, IStringLocalizer localizer) => localizer["Reports.Area." + area].Value;

    public static string Tie(TieFigures tie, IStringLocalizer localizer) => Area(tie.AreaA, localizer) + " – " + Area(tie.AreaB, localizer);

    public static string Trend(TieTrend trend, IStringLocalizer localizer) => localizer["Reports.Trend." + trend].Value;

    /// <summary>The change of a tie's mean with its sign ("+0,4"), or the suppressed marker.</summary>
    public static string Change(Cell change, IStringLocalizer localizer) =>
        change.IsShown ? change.Value!.Value.ToString("+0.0;-0.0;0.0", CultureInfo.CurrentCulture) : DashboardText.Display(change, localizer);

    /// <summary>One bar per quarter with the mean of a scale.</summary>
    public static IReadOnlyList<Bar> QuarterBars(ScoreSeries series, string scaleKey, IStringLocalizer localizer) =>
        series.Quarters.Select(q =>
            {
                var cell = q.Scales.FirstOrDefault(s => s.Key == scaleKey)?.Mean ?? Cell.Hidden(CellKind.Average);
                return new Bar(PeriodLabel(q.Key, localizer), cell, DashboardText.Display(cell, localizer));
            })
            .ToList();

    /// <summary>One bar per review with the team's total.</summary>
    public static IReadOnlyList<Bar> FidelityBars(FidelityTeamView team, IStringLocalizer localizer) =>
        team.Reviews.Select(r =>
            {
                var cell = r.Total is { } total ? Cell.Shown(CellKind.Count, total) : Cell.NoData(CellKind.Count);
                return new Bar(r.ReviewedOn.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture), cell, DashboardText.Display(cell, localizer));
            })
            .ToList();

    /// <summary>The areas that take part in any tie, in the enum's order: the matrix's rows and columns.</summary>
    public static IReadOnlyList<CollaborationArea> MatrixAreas(IReadOnlyList<TieFigures> ties) =>
        ties.SelectMany(t => new[] { t.AreaA, t.AreaB }).Distinct().Order().ToList();

    public static TieFigures? TieBetween(IReadOnlyList<TieFigures> ties, CollaborationArea one, CollaborationArea other)
    {
        var (a, b) = QuestionnaireFigures.TieOf(one, other);
        return ties.FirstOrDefault(t => t.AreaA == a && t.AreaB == b);
    }
}
