using Samspil.Domain.Deadlines;
using Samspil.Domain.Directory;
using Samspil.Domain.Frames;

namespace Samspil.Features.Deadlines;

/// <summary>One statutory deadline on a course with its computed next due date and status (overdue, due soon, upcoming, done).</summary>
public sealed record DeadlineView(
    Guid Id,
    OrganizationKind Kind,
    string Name,
    string? Description,
    string LegalReference,
    DeadlineType Type,
    int Amount,
    DeadlineUnit Unit,
    string? RunsFrom,
    DeadlineStartEvent StartEvent,
    DateOnly StartsOn,
    DateOnly? NextDue,
    DeadlineStatus Status,
    int? RemindDaysBefore,
    DateOnly? RemindOn,
    OrganizationKind RemindKind,
    DateOnly? DoneOn,
    int DoneCount,
    DateOnly? EndedOn,
    string? Note,
    string RecordedByName,
    DateTimeOffset RecordedAt,
    int Version)
{
    public static DeadlineView From(CourseDeadline d, DateOnly today) => new(
        d.Id, d.Kind, d.Name, d.Description, d.LegalReference, d.Type, d.Amount, d.Unit, d.RunsFrom, d.StartEvent, d.StartsOn, d.NextDue,
        d.StatusOn(today), d.RemindDaysBefore, DeadlineSchedule.RemindOn(d.NextDue, d.RemindDaysBefore), d.RemindKind, d.DoneOn, d.DoneCount,
        d.EndedOn, d.Note, d.RecordedByName, d.RecordedAt, d.Version);
}

/// <summary>A frame deadline that can be started on a course (not an ongoing duty).</summary>
public sealed record DeadlineRuleView(OrganizationKind Kind, string Name, DeadlineType Type, int Amount, DeadlineUnit Unit, string? RunsFrom, DeadlineStartEvent StartEvent, int? RemindDaysBefore, OrganizationKind RemindKind, string? LegalReference);

/// <summary>
/// A course's deadlines the caller may read, the most urgent first (overdue, due soon, upcoming, done); whether some were left out
/// (categories the caller may not read); whether the caller may start and mark deadlines, and the rules they may start.
/// </summary>
public sealed record DeadlinesView(Guid CourseId, string CitizenName, DateOnly Today, IReadOnlyList<DeadlineView> Deadlines, bool SomeHidden, bool CanChange, IReadOnlyList<DeadlineRuleView> Rules);

/// <summary>POST: start a frame's deadline on the course. <c>startsOn</c> may be left out when the rule runs from a date on the course.</summary>
public sealed record StartDeadlineRequest(string? Kind, string? Name, DateOnly? StartsOn, string? Note);

/// <summary>PATCH: <c>done: true</c> marks the current due date done, <c>ended: true</c> ends the deadline; <c>on</c> is the day (today when left out).</summary>
public sealed record MarkDeadlineRequest(bool? Done, bool? Ended, DateOnly? On);
