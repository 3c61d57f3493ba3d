namespace Samspil.Domain.Courses;

/// <summary>One dated, attributed change of phase. The first transition has no <see cref="FromPhase"/>.</summary>
public sealed class PhaseTransition : Common.ICitizenRecord
{
    private PhaseTransition()
    {
        ChangedByName = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid CourseId { get; private set; }

    public CoursePhase? FromPhase { get; private set; }

    public CoursePhase ToPhase { get; private set; }

    /// <summary>When the change took effect (UTC).</summary>
    public DateTimeOffset At { get; private set; }

    public Guid ChangedByUserId { get; private set; }

    /// <summary>Snapshot of who changed it, so history stays readable if the account goes.</summary>
    public string ChangedByName { get; private set; }

    public string? Note { get; private set; }

    internal static PhaseTransition Create(Guid courseId, CoursePhase? from, CoursePhase to, Common.Actor by, DateTimeOffset at, string? note) => new()
    {
        Id = Guid.CreateVersion7(at),
        CourseId = courseId,
        FromPhase = from,
        ToPhase = to,
        At = at,
        ChangedByUserId = by.UserId,
        ChangedByName = by.DisplayName,
        Note = note,
    };
}
