using Samspil.Domain.Common;
using Samspil.Domain.Consents;
using Samspil.Domain.Directory;
using Samspil.Domain.Frames;

namespace Samspil.Domain.Deadlines;

/// <summary>
/// A statutory deadline (frist) running on a course (issue 17 point 8, docs/deadlines.md): one of a frame's deadlines
/// (<see cref="FrameDeadline"/>), started from a date on the course. The rule is copied when the deadline is started, so a
/// later edit of the frame does not move a deadline already running (it ran under the rule of its day). A deadline
/// "within" an interval is done once; a recurring one ("every") is done again and again, each time counting from the day it
/// was done, until it is ended.
/// </summary>
public sealed class CourseDeadline : ICitizenRecord
{
    public const int MaxNoteLength = 500;

    /// <summary>How far back a start date may lie (a sick leave or a referral older than this is no running deadline).</summary>
    public const int MaxYearsBack = 10;

    /// <summary>How far ahead a start date may lie (a planned start, e.g. a driving ban that takes effect later).</summary>
    public const int MaxDaysAhead = 366;

    private CourseDeadline()
    {
    }

    public Guid Id { get; private set; }

    public Guid CourseId { get; private set; }

    public Guid CitizenId { get; private set; }

    /// <summary>The organisation kind whose frame the deadline comes from.</summary>
    public OrganizationKind Kind { get; private set; }

    public string Name { get; private set; } = string.Empty;

    public string? Description { get; private set; }

    public string LegalReference { get; private set; } = string.Empty;

    public DeadlineType Type { get; private set; }

    public int Amount { get; private set; }

    public DeadlineUnit Unit { get; private set; }

    /// <summary>What the deadline runs from, in the frame's words ("første fraværsdag").</summary>
    public string? RunsFrom { get; private set; }

    public DeadlineStartEvent StartEvent { get; private set; }

    /// <summary>Days before the due date the members are reminded; null: no reminder.</summary>
    public int? RemindDaysBefore { get; private set; }

    /// <summary>Whose members are reminded (the frame's kind unless the rule names another).</summary>
    public OrganizationKind RemindKind { get; private set; }

    /// <summary>The information category a reader must be allowed to read (a sickness-benefit deadline is work and income).</summary>
    public InformationCategory Category { get; private set; }

    /// <summary>The day the deadline runs from (entered, or read from the course when it was started).</summary>
    public DateOnly StartsOn { get; private set; }

    public string? Note { get; private set; }

    /// <summary>The day it was last done (the only time for a "within" deadline); null while not yet done.</summary>
    public DateOnly? DoneOn { get; private set; }

    /// <summary>How many times it was done (a recurring deadline counts each follow-up).</summary>
    public int DoneCount { get; private set; }

    /// <summary>The day a recurring deadline was ended (e.g. the sickness benefit stopped); null while it runs.</summary>
    public DateOnly? EndedOn { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public Guid RecordedByUserId { get; private set; }

    public string RecordedByName { get; private set; } = string.Empty;

    public DateTimeOffset UpdatedAt { get; private set; }

    public string UpdatedByName { get; private set; } = string.Empty;

    public int Version { get; private set; }

    /// <summary>Starts the frame's deadline on a course from <paramref name="startsOn"/>.</summary>
    public static CourseDeadline Start(Guid courseId, Guid citizenId, OrganizationKind kind, FrameDeadline rule, DateOnly startsOn, string? note, Actor by, Moment now)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.Type == DeadlineType.Ongoing || rule.Amount is not { } amount || rule.Unit is not { } unit)
        {
            throw new DomainException("Deadline.Ongoing", "name");
        }

        if (startsOn < now.Today.AddYears(-MaxYearsBack) || startsOn > now.Today.AddDays(MaxDaysAhead))
        {
            throw new DomainException("Deadline.StartsOn.Range", "startsOn");
        }

        return new CourseDeadline
        {
            Id = Guid.CreateVersion7(now.Utc),
            CourseId = courseId,
            CitizenId = citizenId,
            Kind = kind,
            Name = rule.Name ?? string.Empty,
            Description = rule.Description,
            LegalReference = rule.LegalReference ?? string.Empty,
            Type = rule.Type,
            Amount = amount,
            Unit = unit,
            RunsFrom = rule.RunsFrom,
            StartEvent = rule.StartEvent ?? DeadlineStartEvent.Entered,
            RemindDaysBefore = rule.RemindDaysBefore,
            RemindKind = rule.RemindKind ?? kind,
            Category = DeadlineCategory.For(kind),
            StartsOn = startsOn,
            Note = Guard.OptionalText(note, MaxNoteLength, "Deadline.Note", "note"),
            RecordedAt = now.Utc,
            RecordedByUserId = by.UserId,
            RecordedByName = by.DisplayName,
            UpdatedAt = now.Utc,
            UpdatedByName = by.DisplayName,
            Version = 1,
        };
    }

    /// <summary>
    /// Still running, as a query: not ended, and not a once-only ("within") deadline already done. (An ongoing duty runs
    /// without a due date.)
    /// </summary>
    public static readonly System.Linq.Expressions.Expression<Func<CourseDeadline, bool>> IsRunning =
        d => d.EndedOn == null && !(d.Type == DeadlineType.Within && d.DoneOn != null);

    /// <summary>The next due date; null when done (once) or ended.</summary>
    public DateOnly? NextDue => DeadlineSchedule.NextDue(Type, Amount, Unit, StartsOn, DoneOn, EndedOn);

    public DeadlineStatus StatusOn(DateOnly today) => DeadlineSchedule.Status(NextDue, RemindDaysBefore, today);

    /// <summary>
    /// Marks the current due date done on <paramref name="on"/> (not in the future, not before the start). A recurring deadline
    /// then runs on from that day.
    /// </summary>
    public void MarkDone(DateOnly on, Actor by, Moment now)
    {
        if (NextDue is null)
        {
            throw new DomainException("Deadline.AlreadyDone");
        }

        if (on > now.Today || on < StartsOn)
        {
            throw new DomainException("Deadline.DoneOn.Range", "doneOn");
        }

        DoneOn = on;
        DoneCount++;
        Touch(by, now);
    }

    /// <summary>Ends a recurring deadline (or one no longer relevant) on <paramref name="on"/>: it is due no more.</summary>
    public void End(DateOnly on, Actor by, Moment now)
    {
        if (EndedOn is not null)
        {
            throw new DomainException("Deadline.AlreadyEnded");
        }

        if (on > now.Today || on < StartsOn)
        {
            throw new DomainException("Deadline.EndedOn.Range", "endedOn");
        }

        EndedOn = on;
        Touch(by, now);
    }

    private void Touch(Actor by, Moment now)
    {
        UpdatedAt = now.Utc;
        UpdatedByName = by.DisplayName;
        Version++;
    }
}

public enum DeadlineStatus
{
    /// <summary>Done (once) or ended: nothing more is due.</summary>
    Done = 0,

    /// <summary>Due later than the reminder window.</summary>
    Upcoming = 1,

    /// <summary>Inside the reminder window (or due today).</summary>
    DueSoon = 2,

    /// <summary>The due date has passed without the deadline being done.</summary>
    Overdue = 3,
}

/// <summary>The due-date arithmetic of deadlines, pure so it can be tested on its own.</summary>
public static class DeadlineSchedule
{
    /// <summary>
    /// The day an interval of <paramref name="amount"/> <paramref name="unit"/> from <paramref name="from"/> runs out: days and
    /// weeks count days (a week is 7), months are calendar months (the 31st plus one month is the last day of the next month),
    /// as the laws count "inden for 6 måneder".
    /// </summary>
    public static DateOnly Add(DateOnly from, int amount, DeadlineUnit unit) => unit switch
    {
        DeadlineUnit.Days => from.AddDays(amount),
        DeadlineUnit.Weeks => from.AddDays(amount * 7),
        DeadlineUnit.Months => from.AddMonths(amount),
        _ => throw new ArgumentOutOfRangeException(nameof(unit)),
    };

    /// <summary>
    /// The next due date: a "within" deadline is due once, <paramref name="amount"/> units after the start, until done; a
    /// recurring one is due that interval after the day it was last done (or after the start); nothing is due once ended.
    /// </summary>
    public static DateOnly? NextDue(DeadlineType type, int amount, DeadlineUnit unit, DateOnly startsOn, DateOnly? lastDoneOn, DateOnly? endedOn) =>
        endedOn is not null ? null
        : type switch
        {
            DeadlineType.Within => lastDoneOn is null ? Add(startsOn, amount, unit) : null,
            DeadlineType.Every => Add(lastDoneOn ?? startsOn, amount, unit),
            _ => null,
        };

    /// <summary>The first day of the reminder window, or null when there is no reminder or nothing is due.</summary>
    public static DateOnly? RemindOn(DateOnly? due, int? remindDaysBefore) =>
        due is { } d && remindDaysBefore is { } days ? d.AddDays(-days) : null;

    public static DeadlineStatus Status(DateOnly? due, int? remindDaysBefore, DateOnly today) =>
        due is not { } d ? DeadlineStatus.Done
        : d < today ? DeadlineStatus.Overdue
        : d == today || (RemindOn(d, remindDaysBefore) is { } from && from <= today) ? DeadlineStatus.DueSoon
        : DeadlineStatus.Upcoming;
}

/// <summary>Which information category a deadline of an organisation kind belongs to: what it reveals about the citizen.</summary>
public static class DeadlineCategory
{
    public static InformationCategory For(OrganizationKind kind) => kind switch
    {
        OrganizationKind.JobCentre => InformationCategory.WorkAndIncome,
        OrganizationKind.SocialServices or OrganizationKind.FamilyDepartment => InformationCategory.SocialAndFamily,
        OrganizationKind.TraumaClinic or OrganizationKind.PsychiatricWard or OrganizationKind.PsychiatricOutpatientClinic
            or OrganizationKind.SomaticHospital or OrganizationKind.GpClinic or OrganizationKind.AddictionCentre
            or OrganizationKind.MunicipalHealth or OrganizationKind.VeteransCentre => InformationCategory.HealthAndTreatment,
        _ => InformationCategory.StatusAndAppointments,
    };
}
