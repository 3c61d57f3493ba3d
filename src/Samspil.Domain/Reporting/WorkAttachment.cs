using Samspil.Domain.Common;

namespace Samspil.Domain.Reporting;

/// <summary>
/// The citizen's attachment to work or education (beskæftigelsesstatus), graded as in IPS (R29):
/// what the steering group follows at course end and six months later (R34).
/// </summary>
public enum WorkAttachmentStatus
{
    /// <summary>Ordinært job.</summary>
    OrdinaryJob = 0,

    /// <summary>Fleksjob.</summary>
    FlexJob = 1,

    /// <summary>Revalidering.</summary>
    Rehabilitation = 2,

    /// <summary>Virksomhedspraktik.</summary>
    WorkPlacement = 3,

    /// <summary>Uddannelse.</summary>
    Education = 4,

    /// <summary>Ingen tilknytning.</summary>
    None = 5,
}

/// <summary>When the work attachment is recorded.</summary>
public enum WorkAttachmentPoint
{
    /// <summary>Ved forløbets afslutning.</summary>
    CourseEnd = 0,

    /// <summary>Seks måneder efter afslutningen.</summary>
    SixMonthsAfter = 1,
}

/// <summary>
/// The work attachment recorded for one course at one point. One row per course and point; recording
/// again corrects it (the access log keeps who changed it and when).
/// </summary>
public sealed class WorkAttachment : ICitizenRecord
{
    private WorkAttachment()
    {
        RecordedByName = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid CourseId { get; private set; }

    public Guid CitizenId { get; private set; }

    public WorkAttachmentPoint Point { get; private set; }

    public WorkAttachmentStatus Status { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public Guid RecordedByUserId { get; private set; }

    /// <summary>Snapshot of who recorded it, so the history stays readable if the account goes.</summary>
    public string RecordedByName { get; private set; }

    /// <summary>Records the status at a point the schedule has opened (the course has ended; six months have nearly passed).</summary>
    public static WorkAttachment Record(Guid courseId, Guid citizenId, DateOnly? courseEnd, WorkAttachmentPoint point, WorkAttachmentStatus status, Actor by, Moment now)
    {
        WorkAttachmentSchedule.EnsureOpen(point, courseEnd, now.Today);
        var attachment = new WorkAttachment { Id = Guid.CreateVersion7(now.Utc), CourseId = courseId, CitizenId = citizenId, Point = point };
        attachment.Set(status, by, now);
        return attachment;
    }

    /// <summary>Corrects the recorded status.</summary>
    public void Correct(DateOnly? courseEnd, WorkAttachmentStatus status, Actor by, Moment now)
    {
        WorkAttachmentSchedule.EnsureOpen(Point, courseEnd, now.Today);
        Set(status, by, now);
    }

    private void Set(WorkAttachmentStatus status, Actor by, Moment now)
    {
        if (!Enum.IsDefined(status))
        {
            throw new DomainException("WorkAttachment.Status.Invalid", "status");
        }

        Status = status;
        RecordedAt = now.Utc;
        RecordedByUserId = by.UserId;
        RecordedByName = by.DisplayName;
    }
}

/// <summary>
/// When each point may be recorded: at course end once the course has ended; the follow-up from
/// <see cref="ToleranceDays"/> days before six months after the end (a follow-up call is rarely on the exact day).
/// </summary>
public static class WorkAttachmentSchedule
{
    public const int FollowUpMonths = 6;

    public const int ToleranceDays = 14;

    /// <summary>Six months after the course's end date.</summary>
    public static DateOnly FollowUpDate(DateOnly courseEnd) => courseEnd.AddMonths(FollowUpMonths);

    /// <summary>The first day the follow-up may be recorded and counts as due.</summary>
    public static DateOnly FollowUpOpensOn(DateOnly courseEnd) => FollowUpDate(courseEnd).AddDays(-ToleranceDays);

    public static bool IsOpen(WorkAttachmentPoint point, DateOnly? courseEnd, DateOnly today) =>
        courseEnd is { } end && (point == WorkAttachmentPoint.CourseEnd ? end <= today : FollowUpOpensOn(end) <= today);

    public static void EnsureOpen(WorkAttachmentPoint point, DateOnly? courseEnd, DateOnly today)
    {
        if (!Enum.IsDefined(point))
        {
            throw new DomainException("WorkAttachment.Point.Invalid", "point");
        }

        if (courseEnd is not { } end || end > today)
        {
            throw new DomainException("WorkAttachment.CourseNotEnded");
        }

        if (!IsOpen(point, courseEnd, today))
        {
            throw new DomainException("WorkAttachment.FollowUpNotDue");
        }
    }
}
