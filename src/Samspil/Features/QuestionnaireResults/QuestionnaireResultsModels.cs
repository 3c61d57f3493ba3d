using System.Text.Json.Serialization;
using Samspil.Domain.Questionnaires;

namespace Samspil.Features.QuestionnaireResults;

/// <summary>A course's questionnaire results as the reader may see them: one series per instrument key (all its versions).</summary>
public sealed record QuestionnaireResultsView(Guid CourseId, string CitizenName, bool IsDemo, IReadOnlyList<QuestionnaireSeriesView> Series);

/// <summary>
/// One instrument's series: every response (entered-in-error ones included, marked), the latest completed one, its
/// change since the previous completed one, and the primary scale's cut-off (from the latest version).
/// </summary>
public sealed record QuestionnaireSeriesView(
    string Key,
    string Title,
    string? ScaleTitle,
    decimal? ScaleMin,
    decimal? ScaleMax,
    CutOffView? CutOff,
    IReadOnlyList<QuestionnairePointView> Points)
{
    /// <summary>The responses that count: completed, in date order (entered-in-error ones are left out of the trend).</summary>
    [JsonIgnore]
    public IReadOnlyList<QuestionnairePointView> Trend => Points.Where(p => !p.EnteredInError && p.Score is not null).ToList();

    public QuestionnairePointView? Latest => Points.LastOrDefault(p => !p.EnteredInError);

    /// <summary>The latest score minus the one before it (both completed and scored), or null.</summary>
    public decimal? Change => Trend.Count >= 2 && Latest?.Score is not null && ReferenceEquals(Trend[^1], Latest) ? Trend[^1].Score - Trend[^2].Score : null;
}

/// <summary>A score's cut-off: the value, which side raises the flag, what it means.</summary>
public sealed record CutOffView(decimal Value, CutOffDirection Direction, string Meaning);

/// <summary>A band of a score: its name and what it means in plain words.</summary>
public sealed record BandView(string Label, string Meaning);

/// <summary>One response in a series: when, which version, its primary score and band, and every scale's score.</summary>
public sealed record QuestionnairePointView(
    Guid ResponseId,
    DateTimeOffset AuthoredAt,
    int Version,
    bool EnteredInError,
    decimal? Score,
    BandView? Band,
    bool Flagged,
    CutOffDirection? FlagDirection,
    ResponseMode Mode,
    string AuthorName,
    IReadOnlyList<ScaleScoreView> Scales);

/// <summary>A scale's score (total or subscale) with its band and whether it met its cut-off.</summary>
public sealed record ScaleScoreView(string Key, string Title, bool Primary, decimal? Value, int Answered, int Missing, BandView? Band, bool Flagged, CutOffDirection? FlagDirection);

/// <summary>One response with its answers readable: each question's text and the chosen answer's text.</summary>
public sealed record QuestionnaireResponseView(
    Guid CourseId,
    string CitizenName,
    bool IsDemo,
    Guid ResponseId,
    string InstrumentKey,
    int Version,
    string Title,
    DateTimeOffset AuthoredAt,
    ResponseStatus Status,
    ResponseMode Mode,
    string Language,
    string AuthorName,
    IReadOnlyList<AnswerView> Answers,
    IReadOnlyList<ScaleScoreView> Scores);

/// <summary>A question and the answer given (null: not answered); <see cref="Score"/> is what the answer counts on the item.</summary>
public sealed record AnswerView(string LinkId, string Question, string? Answer, decimal? Score);

/// <summary>The series of a course limited to a period (the plan's evaluation).</summary>
public sealed record QuestionnairePeriodView(Guid CourseId, DateOnly From, DateOnly To, IReadOnlyList<QuestionnaireSeriesView> Series);
