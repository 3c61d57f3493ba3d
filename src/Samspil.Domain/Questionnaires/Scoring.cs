using System.Text.Json;

namespace Samspil.Domain.Questionnaires;

/// <summary>How a scale's item scores combine.</summary>
public enum ScoreMethod
{
    Sum = 0,
    Mean = 1,
}

/// <summary>Which side of a cut-off raises the flag: PCL-5 at or above 33, WHO-5 at or below 50.</summary>
public enum CutOffDirection
{
    AtOrAbove = 0,
    AtOrBelow = 1,
}

/// <summary>
/// Missing items: at most <see cref="MaxMissing"/> of the scale's items may be unanswered (or disabled); with
/// <see cref="Prorate"/> a sum is scaled up to the full item count (sum × items ÷ answered), otherwise the missing
/// items count as nothing. More missing than allowed: the scale is not scored.
/// </summary>
public sealed record MissingRule(int MaxMissing, bool Prorate)
{
    public static readonly MissingRule None = new(0, false);
}

/// <summary>A band of the final score, From and To inclusive, with its name and what it means in plain words.</summary>
public sealed record ScoreBand(decimal From, decimal To, LocalizedText Label, LocalizedText Meaning);

/// <summary>The score at which the scale raises a flag for the clinicians the consent covers.</summary>
public sealed record CutOff(decimal Value, CutOffDirection Direction, LocalizedText Meaning)
{
    public bool IsMet(decimal score) => Direction == CutOffDirection.AtOrAbove ? score >= Value : score <= Value;
}

/// <summary>
/// One scale (a total or a subscale). The final score is method(item scores, reversed items turned round as
/// min + max − score) then prorated, times <see cref="Multiplier"/> (WHO-5: raw sum × 4 = 0–100), rounded to
/// <see cref="Decimals"/> decimals (half away from zero).
/// </summary>
public sealed record ScaleRule(
    string Key,
    LocalizedText Title,
    IReadOnlyList<string> Items,
    ScoreMethod Method = ScoreMethod.Sum,
    decimal Multiplier = 1,
    int Decimals = 0,
    IReadOnlyList<string>? Reversed = null,
    MissingRule? Missing = null,
    IReadOnlyList<ScoreBand>? Bands = null,
    CutOff? CutOff = null,
    bool Primary = false)
{
    public IReadOnlyList<string> Reversed { get; init; } = Reversed ?? [];

    public MissingRule Missing { get; init; } = Missing ?? MissingRule.None;

    public IReadOnlyList<ScoreBand> Bands { get; init; } = Bands ?? [];

    /// <summary>The band a score falls in, or null (between or outside the bands).</summary>
    public ScoreBand? BandOf(decimal score) => Bands.FirstOrDefault(b => score >= b.From && score <= b.To);
}

/// <summary>An instrument's scales; one of them is <see cref="ScaleRule.Primary"/> (the score shown in trends). No scales: not scored (e.g. free text only).</summary>
public sealed record ScoringRules(IReadOnlyList<ScaleRule> Scales)
{
    public static readonly ScoringRules None = new([]);

    public ScaleRule? PrimaryScale => Scales.FirstOrDefault(s => s.Primary) ?? (Scales.Count > 0 ? Scales[0] : null);
}

/// <summary>
/// One answer (FHIR QuestionnaireResponse.item.answer): exactly one of the values is set, matching the item's type.
/// Choice → <see cref="Code"/>, integer/scale → <see cref="Number"/>, text → <see cref="Text"/>, date → <see cref="Date"/>.
/// </summary>
public sealed record QuestionnaireAnswer(string LinkId, string? Code = null, int? Number = null, string? Text = null, DateOnly? Date = null);

/// <summary>
/// A scale's result: <see cref="Value"/> is null when too many items were missing; <see cref="Band"/> is the index of
/// the band in <see cref="ScaleRule.Bands"/> (shown in the reader's language from the definition), null when none.
/// </summary>
public sealed record ScaleScore(string Key, decimal? Value, int Answered, int Missing, int? Band, bool Flagged);

/// <summary>Scores a set of answers by an instrument's rules. Pure; the property tests hold it to an independent oracle.</summary>
public static class QuestionnaireScoring
{
    public static IReadOnlyList<ScaleScore> Score(QuestionnaireDefinition definition, IReadOnlyCollection<QuestionnaireAnswer> answers)
    {
        var byLinkId = answers.GroupBy(a => a.LinkId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return definition.Scoring.Scales.Select(scale => ScoreScale(definition, scale, byLinkId)).ToList();
    }

    /// <summary>The score an answer gives on its item before reversing, or null (no answer, or an option without a score).</summary>
    public static decimal? ItemScore(QuestionItem item, QuestionnaireAnswer? answer) => answer is null ? null : item.Type switch
    {
        QuestionItemType.Choice => item.Options.FirstOrDefault(o => string.Equals(o.Code, answer.Code, StringComparison.Ordinal))?.Score,
        QuestionItemType.Scale or QuestionItemType.Number => answer.Number,
        _ => null,
    };

    private static ScaleScore ScoreScale(QuestionnaireDefinition definition, ScaleRule scale, Dictionary<string, QuestionnaireAnswer> answers)
    {
        var scores = new List<decimal>();
        foreach (var linkId in scale.Items)
        {
            var item = definition.Find(linkId);
            if (item is null || ItemScore(item, answers.GetValueOrDefault(linkId)) is not { } score)
            {
                continue;
            }

            if (scale.Reversed.Contains(linkId, StringComparer.Ordinal) && item.ScoreRange() is { } range)
            {
                score = range.Min + range.Max - score;
            }

            scores.Add(score);
        }

        var missing = scale.Items.Count - scores.Count;
        if (scores.Count == 0 || missing > scale.Missing.MaxMissing)
        {
            return new ScaleScore(scale.Key, null, scores.Count, missing, null, false);
        }

        // One division, last: dividing first (a mean, a prorating) and multiplying after turns an exact half such as
        // 35 ÷ 6 × 3 = 17.5 into 17.4999… and rounds it the wrong way.
        var raw = scale.Method == ScoreMethod.Mean
            ? scores.Sum() * scale.Multiplier / scores.Count
            : scale.Missing.Prorate ? scores.Sum() * scale.Multiplier * scale.Items.Count / scores.Count : scores.Sum() * scale.Multiplier;
        var value = Math.Round(raw, scale.Decimals, MidpointRounding.AwayFromZero);
        var band = scale.BandOf(value);
        return new ScaleScore(scale.Key, value, scores.Count, missing, band is null ? null : scale.Bands.ToList().IndexOf(band), scale.CutOff?.IsMet(value) ?? false);
    }

    public static string ToJson(IReadOnlyList<ScaleScore> scores) => JsonSerializer.Serialize(scores, QuestionnaireDefinition.JsonOptions);

    public static IReadOnlyList<ScaleScore> ScoresFromJson(string json) =>
        string.IsNullOrWhiteSpace(json) ? [] : JsonSerializer.Deserialize<List<ScaleScore>>(json, QuestionnaireDefinition.JsonOptions) ?? [];

    public static string ToJson(IReadOnlyList<QuestionnaireAnswer> answers) => JsonSerializer.Serialize(answers, QuestionnaireDefinition.JsonOptions);

    public static IReadOnlyList<QuestionnaireAnswer> AnswersFromJson(string json) =>
        string.IsNullOrWhiteSpace(json) ? [] : JsonSerializer.Deserialize<List<QuestionnaireAnswer>>(json, QuestionnaireDefinition.JsonOptions) ?? [];
}
