using Samspil.Domain.Questionnaires;
using Samspil.Domain.Reporting;

namespace Samspil.Features.Collaboration;

/// <summary>The answers to one collaboration questionnaire: one entry per tie answered (a partner area); ties without contact are left out.</summary>
public sealed record CollaborationAnswerRequest(IReadOnlyList<CollaborationTieAnswers?>? Ties);

/// <summary>The answers about one tie: the other side (a <see cref="CollaborationArea"/> name, e.g. "Employment") and the items answered.</summary>
public sealed record CollaborationTieAnswers(string? PartnerArea, IReadOnlyList<CollaborationItemAnswer?>? Answers);

/// <summary>One answer: the item's linkId and a number (the 1–5 items) or a text (the free-text item).</summary>
public sealed record CollaborationItemAnswer(string? LinkId, int? Number, string? Text);

/// <summary>What was saved: one response per tie with its total (1–5) and whether it is a weak tie.</summary>
public sealed record CollaborationSubmitted(Guid AssignmentId, IReadOnlyList<CollaborationTieResult> Ties);

public sealed record CollaborationTieResult(Guid ResponseId, CollaborationArea RespondentArea, CollaborationArea PartnerArea, decimal? Total, bool Weak);

/// <summary>One of the signed-in professional's open collaboration questionnaires.</summary>
public sealed record MyCollaborationAssignmentView(
    Guid Id,
    Guid CourseId,
    string CitizenName,
    bool IsDemo,
    AssignmentOccasion Occasion,
    Guid? MeetingId,
    string? MeetingTitle,
    DateTimeOffset? MeetingStart,
    DateTimeOffset AssignedAt,
    string Link);

public sealed record CollaborationAreaView(CollaborationArea Area, string Name);

public sealed record CollaborationItemView(string LinkId, QuestionItemType Type, string Text, bool Required, int? MinValue, int? MaxValue, string? MinLabel, string? MaxLabel, int? MaxLength);

/// <summary>The questionnaire as the respondent answers it: the items once per other area of the network.</summary>
public sealed record CollaborationFormView(
    Guid CourseId,
    Guid AssignmentId,
    string CitizenName,
    bool IsDemo,
    string Title,
    string? Description,
    AssignmentOccasion Occasion,
    string? MeetingTitle,
    DateTimeOffset? MeetingStart,
    AssignmentStatus Status,
    CollaborationAreaView OwnArea,
    IReadOnlyList<CollaborationAreaView> Partners,
    IReadOnlyList<CollaborationItemView> Items);

public sealed record CollaborationDimensionView(string Key, string Title);

/// <summary>
/// One occasion of a tie (a meeting, the course's end, or all occasions together): how many answered and the means,
/// each a <see cref="Cell"/> that carries no value when fewer than 5 answers lie behind it.
/// </summary>
public sealed record CollaborationTieRow(string Occasion, Guid? MeetingId, string Label, DateOnly? Date, Cell Answers, Cell Total, IReadOnlyList<Cell> Dimensions, bool Weak);

/// <summary>A tie (an unordered pair of areas): both directions' answers together, per occasion over time, and the improvement suggestions once 5 have answered.</summary>
public sealed record CollaborationTieView(CollaborationArea AreaA, CollaborationArea AreaB, string Name, IReadOnlyList<CollaborationTieRow> Rows, IReadOnlyList<string> Suggestions);

/// <summary>A course's collaboration results (samarbejdstemperaturen) per tie over time.</summary>
public sealed record CollaborationResultsView(
    Guid CourseId,
    string CitizenName,
    bool IsDemo,
    int Threshold,
    decimal WeakAtOrBelow,
    IReadOnlyList<CollaborationDimensionView> Dimensions,
    IReadOnlyList<CollaborationTieView> Ties);
