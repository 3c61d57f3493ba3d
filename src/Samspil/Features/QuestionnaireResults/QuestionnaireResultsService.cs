using System.Globalization;
using Samspil.Domain.Questionnaires;
using Samspil.Features.Access;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.QuestionnaireResults;

/// <summary>
/// A citizen's questionnaire results for the clinicians (issue 19, docs/questionnaires-results.md), shared by the
/// pages, the plan's evaluation and the API. Everything is read through <see cref="CitizenDataAccess"/>: each
/// instrument in its own consent category, every response read logged; a course the reader may not read is null (404).
/// Texts (titles, bands, questions, answers) are shown in the reader's language, falling back to Danish.
/// </summary>
public sealed class QuestionnaireResultsService(CitizenDataAccess access, TimeProvider time)
{
    public async Task<QuestionnaireResultsView?> GetAsync(Guid courseId, CancellationToken cancellationToken)
    {
        var record = await access.ReadQuestionnaireResultsAsync(courseId, cancellationToken);
        return record is null ? null : new QuestionnaireResultsView(courseId, record.Course.Citizen.FullName, record.Course.Course.IsDemo, SeriesOf(record));
    }

    /// <summary>The series limited to the responses within the course's period (start to end, or today): the plan's evaluation.</summary>
    public async Task<QuestionnairePeriodView?> GetForPeriodAsync(Guid courseId, CancellationToken cancellationToken)
    {
        var record = await access.ReadQuestionnaireResultsAsync(courseId, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var course = record.Course.Course;
        var today = CopenhagenTime.Today(time);
        var to = course.EndDate is { } end && end < today ? end : today;
        var from = course.StartDate;
        var series = SeriesOf(record)
            .Select(s => s with { Points = s.Points.Where(p => CopenhagenTime.DateOf(p.AuthoredAt) >= from && CopenhagenTime.DateOf(p.AuthoredAt) <= to).ToList() })
            .Where(s => s.Points.Count > 0)
            .ToList();
        return new QuestionnairePeriodView(courseId, from, to, series);
    }

    /// <summary>One response with its answers; null (404) when the course or the response is not readable or not of this course.</summary>
    public async Task<QuestionnaireResponseView?> GetResponseAsync(Guid courseId, Guid responseId, CancellationToken cancellationToken)
    {
        var record = await access.ReadQuestionnaireResultsAsync(courseId, cancellationToken, responseId);
        if (record?.Responses.SingleOrDefault() is not { } response)
        {
            return null;
        }

        var instrument = record.Instruments[response.InstrumentId];
        var definition = instrument.Definition;
        var language = Language;
        var answers = response.Answers.ToDictionary(a => a.LinkId, StringComparer.Ordinal);
        var shown = definition.AllItems()
            .Where(i => i.TakesAnswer)
            .Select(i =>
            {
                answers.TryGetValue(i.LinkId, out var answer);
                return new AnswerView(i.LinkId, i.Text.For(language), answer is null ? null : AnswerText(i, answer, language), QuestionnaireScoring.ItemScore(i, answer));
            })
            .ToList();
        return new QuestionnaireResponseView(
            courseId,
            record.Course.Citizen.FullName,
            record.Course.Course.IsDemo,
            response.Id,
            instrument.Key,
            instrument.Version,
            definition.Title.For(language),
            response.AuthoredAt,
            response.Status,
            response.Mode,
            response.Language,
            response.AuthorName,
            shown,
            ScalesOf(definition, response, language));
    }

    /// <summary>The reader's language for instrument texts (ISO 639-1).</summary>
    private static string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    private static IReadOnlyList<QuestionnaireSeriesView> SeriesOf(QuestionnaireResultsRecord record)
    {
        var language = Language;
        var byKey = record.Instruments.Values.GroupBy(i => i.Key, StringComparer.Ordinal);
        var series = new List<QuestionnaireSeriesView>();
        foreach (var versions in byKey)
        {
            var ids = versions.Select(v => v.Id).ToHashSet();
            var responses = record.Responses.Where(r => ids.Contains(r.InstrumentId)).ToList();
            if (responses.Count == 0)
            {
                continue;
            }

            var latestVersion = versions.OrderBy(v => v.Version).Last();
            var primary = latestVersion.Definition.Scoring.PrimaryScale;
            var points = responses.Select(r =>
            {
                var definition = record.Instruments[r.InstrumentId].Definition;
                var scales = ScalesOf(definition, r, language);
                var main = scales.FirstOrDefault(s => s.Primary);
                return new QuestionnairePointView(
                    r.Id,
                    r.AuthoredAt,
                    record.Instruments[r.InstrumentId].Version,
                    r.Status == ResponseStatus.EnteredInError,
                    main?.Value ?? r.PrimaryScore,
                    main?.Band,
                    main?.Flagged ?? false,
                    main?.FlagDirection,
                    r.Mode,
                    r.AuthorName,
                    scales);
            }).ToList();
            var (min, max) = RangeOf(latestVersion.Definition, primary);
            series.Add(new QuestionnaireSeriesView(
                latestVersion.Key,
                latestVersion.Definition.Title.For(language),
                primary?.Title.For(language),
                min,
                max,
                primary?.CutOff is { } cut ? new CutOffView(cut.Value, cut.Direction, cut.Meaning.For(language)) : null,
                points));
        }

        return series.OrderBy(s => s.Title, StringComparer.CurrentCulture).ToList();
    }

    private static IReadOnlyList<ScaleScoreView> ScalesOf(QuestionnaireDefinition definition, QuestionnaireResponse response, string language)
    {
        var primaryKey = definition.Scoring.PrimaryScale?.Key;
        var result = new List<ScaleScoreView>();
        foreach (var score in response.Scores)
        {
            var rule = definition.Scoring.Scales.FirstOrDefault(s => string.Equals(s.Key, score.Key, StringComparison.Ordinal));
            var band = rule is not null && score.Band is { } index && index >= 0 && index < rule.Bands.Count ? rule.Bands[index] : null;
            result.Add(new ScaleScoreView(
                score.Key,
                rule?.Title.For(language) ?? score.Key,
                string.Equals(score.Key, primaryKey, StringComparison.Ordinal),
                score.Value,
                score.Answered,
                score.Missing,
                band is null ? null : new BandView(band.Label.For(language), band.Meaning.For(language)),
                score.Flagged,
                score.Flagged ? rule?.CutOff?.Direction : null));
        }

        return result;
    }

    /// <summary>The primary scale's possible range for the chart: its bands' span, widened by the item score range when known.</summary>
    private static (decimal? Min, decimal? Max) RangeOf(QuestionnaireDefinition definition, ScaleRule? scale)
    {
        if (scale is null)
        {
            return (null, null);
        }

        if (scale.Bands.Count > 0)
        {
            return (scale.Bands.Min(b => b.From), scale.Bands.Max(b => b.To));
        }

        var ranges = scale.Items.Select(definition.Find).Select(i => i?.ScoreRange()).ToList();
        if (ranges.Count == 0 || ranges.Any(r => r is null))
        {
            return (null, null);
        }

        return scale.Method == ScoreMethod.Mean
            ? (ranges.Min(r => r!.Value.Min) * scale.Multiplier, ranges.Max(r => r!.Value.Max) * scale.Multiplier)
            : (ranges.Sum(r => r!.Value.Min) * scale.Multiplier, ranges.Sum(r => r!.Value.Max) * scale.Multiplier);
    }

    private static string AnswerText(QuestionItem item, QuestionnaireAnswer answer, string language) => answer switch
    {
        { Code: { } code } => item.Options.FirstOrDefault(o => string.Equals(o.Code, code, StringComparison.Ordinal))?.Display.For(language) ?? code,
        { Number: { } number } => number.ToString(CultureInfo.CurrentCulture),
        { Date: { } date } => CopenhagenTime.Format(date),
        { Text: { } text } => text,
        _ => string.Empty,
    };
}
