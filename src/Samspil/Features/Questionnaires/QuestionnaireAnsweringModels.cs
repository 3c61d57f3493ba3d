using Samspil.Domain.Questionnaires;

namespace Samspil.Features.Questionnaires;

/// <summary>POST /api/v1/courses/{id}/questionnaire-assignments: which instrument version, an optional word to the citizen and a due date.</summary>
public sealed record AssignQuestionnaireRequest(Guid? InstrumentId, string? Message, DateOnly? DueOn);

/// <summary>One answer as sent: the item's linkId and exactly one value matching its type.</summary>
public sealed record AnswerInput(string? LinkId, string? Code = null, int? Number = null, string? Text = null, DateOnly? Date = null);

/// <summary>The citizen's (or proxy's) answers to an assignment, in the language they answered in (da, en, ar, fa, uk).</summary>
public sealed record SubmitAnswersRequest(IReadOnlyList<AnswerInput?>? Answers, string? Language = null);

/// <summary>A professional enters the answers together with the citizen (e.g. at a meeting), to an assignment or without one.</summary>
public sealed record EnterTogetherRequest(Guid? InstrumentId, Guid? AssignmentId, IReadOnlyList<AnswerInput?>? Answers, string? Language = null);

/// <summary>An instrument a professional may assign (active, answered by the citizen).</summary>
public sealed record AssignableInstrumentView(Guid Id, string Key, int Version, string Title, InstrumentPurpose Purpose);

/// <summary>A scale's result in plain words: its title, value, band label and what the band means, in the reader's language.</summary>
public sealed record ScoreView(string Key, string Title, decimal? Value, string? BandLabel, string? BandMeaning, bool Flagged, bool Primary);

/// <summary>One answer shown with its question and the answer's text (an option's display, a number, a text, a date).</summary>
public sealed record AnswerView(string LinkId, string Question, string Answer, string? Code, int? Number, string? Text, DateOnly? Date);

public sealed record QuestionnaireResponseView(
    Guid Id,
    Guid CourseId,
    Guid? AssignmentId,
    Guid InstrumentId,
    string InstrumentKey,
    int InstrumentVersion,
    string Title,
    ResponseStatus Status,
    ResponseMode Mode,
    string Language,
    DateTimeOffset AuthoredAt,
    string AuthorName,
    IReadOnlyList<AnswerView> Answers,
    IReadOnlyList<ScoreView> Scores);

public sealed record QuestionnaireAssignmentView(
    Guid Id,
    Guid CourseId,
    Guid InstrumentId,
    string InstrumentKey,
    int InstrumentVersion,
    string Title,
    AssignmentStatus Status,
    string? Message,
    DateTimeOffset AssignedAt,
    string AssignedByName,
    DateOnly? DueOn,
    DateTimeOffset? AnsweredAt,
    QuestionnaireResponseView? Response);

/// <summary>A course's questionnaires for the staff page and GET .../questionnaire-assignments.</summary>
public sealed record CourseQuestionnairesView(
    Guid CourseId,
    string CitizenName,
    bool CanAssign,
    IReadOnlyList<QuestionnaireAssignmentView> Assignments,
    IReadOnlyList<QuestionnaireResponseView> ResponsesWithoutAssignment,
    IReadOnlyList<AssignableInstrumentView> Instruments);

/// <summary>The citizen's own questionnaires: open ones to answer and answered ones with their results.</summary>
public sealed record MyQuestionnairesView(IReadOnlyList<QuestionnaireAssignmentView> Open, IReadOnlyList<QuestionnaireAssignmentView> Answered, IReadOnlyList<QuestionnaireResponseView> OtherResponses);
