using Samspil.Domain.Meetings;
using Samspil.Domain.Plans;

namespace Samspil.Features.GpCard;

/// <summary>
/// "Til lægen": what the network asks of the GP, course by course. Each item names its course, so a
/// reader (and the model-based access test) can check it against the category it was read in:
/// actions in "plan og mål", questions in "beskeder", meetings in "møder og referater".
/// </summary>
public sealed record GpCardView(IReadOnlyList<GpCourseView> Courses)
{
    public bool IsEmpty => Courses.Count == 0;

    public int ItemCount => Courses.Sum(c => c.Actions.Count + c.Questions.Count + c.Meetings.Count);
}

/// <summary>One course on the card. The citizen's name only as the policy shows it (otherwise the CPR number the reader already holds).</summary>
public sealed record GpCourseView(
    Guid CourseId,
    string CitizenName,
    bool IdentityWithheld,
    IReadOnlyList<GpActionItem> Actions,
    IReadOnlyList<GpQuestionItem> Questions,
    IReadOnlyList<GpMeetingItem> Meetings);

/// <summary>An open plan action the GP owns; ticked off with the plan's version (a stale version is refused).</summary>
public sealed record GpActionItem(
    Guid CourseId,
    Guid ActionId,
    int PlanVersion,
    string Text,
    string? GoalTitle,
    ActionStatus Status,
    DateOnly DueDate,
    bool Overdue,
    DateTimeOffset AskedAt,
    string? AskedBy);

/// <summary>A thread the GP takes part in whose latest message someone else wrote: a question waiting for the GP.</summary>
public sealed record GpQuestionItem(
    Guid CourseId,
    Guid ConversationId,
    string Subject,
    string AskedBy,
    DateTimeOffset AskedAt,
    string? Text,
    int Unread);

/// <summary>An upcoming meeting the GP is invited to; the GP can send written input (an agenda point) without attending.</summary>
public sealed record GpMeetingItem(
    Guid CourseId,
    Guid MeetingId,
    string Title,
    MeetingStatus Status,
    DateTimeOffset? Start,
    DateOnly? DueFrom,
    DateOnly? DueTo,
    DateOnly? AgendaDeadline,
    string? AskedBy,
    IReadOnlyList<string> MyContributions);

/// <summary>A reply or a written contribution from the card.</summary>
public sealed record GpTextRequest(string? Text);
