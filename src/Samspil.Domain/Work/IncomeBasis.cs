using Samspil.Domain.Common;

namespace Samspil.Domain.Work;

/// <summary>Forsørgelsesgrundlag: what the citizen lives on (seed 002 §5: clarified early, at a joint meeting).</summary>
public enum IncomeBasisKind
{
    /// <summary>Kontanthjælp.</summary>
    CashBenefit = 0,

    /// <summary>Sygedagpenge.</summary>
    SicknessBenefit = 1,

    /// <summary>Ressourceforløb.</summary>
    ResourceCourse = 2,

    /// <summary>Jobafklaringsforløb.</summary>
    JobClarificationCourse = 3,

    /// <summary>Fleksjob.</summary>
    FlexJob = 4,

    /// <summary>Ledighedsydelse.</summary>
    FlexJobUnemploymentBenefit = 5,

    /// <summary>Uddannelseshjælp.</summary>
    EducationBenefit = 6,

    /// <summary>SU.</summary>
    StudentGrant = 7,

    /// <summary>Pension (førtidspension, folkepension).</summary>
    Pension = 8,

    /// <summary>Selvforsørgende.</summary>
    SelfSupporting = 9,

    /// <summary>Andet.</summary>
    Other = 10,
}

/// <summary>
/// One clarification of the citizen's income basis on a course: what it is, the day it was clarified and by whom.
/// The rows of a course are its history; the latest clarification is the current basis.
/// </summary>
public sealed class IncomeBasisEntry : ICitizenRecord
{
    public const int MaxNoteLength = 1000;

    public const int MaxNameLength = 200;

    private IncomeBasisEntry()
    {
    }

    public Guid Id { get; private set; }

    public Guid CourseId { get; private set; }

    public Guid CitizenId { get; private set; }

    public IncomeBasisKind Basis { get; private set; }

    public DateOnly ClarifiedOn { get; private set; }

    /// <summary>Who clarified it (e.g. "Jobcenter Kolding, sagsbehandler"), as typed; by default the recorder.</summary>
    public string ClarifiedBy { get; private set; } = string.Empty;

    public string? Note { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public Guid RecordedByUserId { get; private set; }

    public string RecordedByName { get; private set; } = string.Empty;

    public static IncomeBasisEntry Record(Guid courseId, Guid citizenId, DateOnly courseStart, IncomeBasisKind basis, DateOnly clarifiedOn, string? clarifiedBy, string? note, Actor by, Moment now)
    {
        if (!Enum.IsDefined(basis))
        {
            throw new DomainException("IncomeBasis.Basis.Invalid", "basis");
        }

        if (clarifiedOn > now.Today)
        {
            throw new DomainException("IncomeBasis.ClarifiedOn.Future", "clarifiedOn");
        }

        // A basis known before the course is clarified on its first day, for the course's purposes.
        var on = clarifiedOn < courseStart ? courseStart : clarifiedOn;
        return new IncomeBasisEntry
        {
            Id = Guid.CreateVersion7(now.Utc),
            CourseId = courseId,
            CitizenId = citizenId,
            Basis = basis,
            ClarifiedOn = on,
            ClarifiedBy = Guard.OptionalText(clarifiedBy, MaxNameLength, "IncomeBasis", "clarifiedBy") ?? by.DisplayName,
            Note = Guard.OptionalText(note, MaxNoteLength, "IncomeBasis", "note"),
            RecordedAt = now.Utc,
            RecordedByUserId = by.UserId,
            RecordedByName = by.DisplayName,
        };
    }

    /// <summary>The current basis: the latest clarification (by date, then by when it was recorded).</summary>
    public static T? Current<T>(IEnumerable<T> entries, Func<T, DateOnly> clarifiedOn, Func<T, DateTimeOffset> recordedAt)
        where T : class =>
        entries.OrderByDescending(clarifiedOn).ThenByDescending(recordedAt).FirstOrDefault();

    /// <summary>Days from course start to the first clarification; null when not clarified yet.</summary>
    public static int? DaysToClarification(DateOnly courseStart, IEnumerable<DateOnly> clarifiedOn) =>
        clarifiedOn.Select(d => (DateOnly?)d).Min() is { } first ? Math.Max(0, first.DayNumber - courseStart.DayNumber) : null;
}
