using Samspil.Domain.Common;

namespace Samspil.Domain.Work;

/// <summary>A contact with an employer on the citizen's behalf (IPS: the consultant meets employers in person): date, employer, outcome.</summary>
public sealed class EmployerContact : ICitizenRecord
{
    public const int MaxEmployerLength = 200;

    public const int MaxOutcomeLength = 1000;

    private EmployerContact()
    {
    }

    public Guid Id { get; private set; }

    public Guid CourseId { get; private set; }

    public Guid CitizenId { get; private set; }

    public DateOnly On { get; private set; }

    public string Employer { get; private set; } = string.Empty;

    public string? Outcome { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public Guid RecordedByUserId { get; private set; }

    public string RecordedByName { get; private set; } = string.Empty;

    /// <summary>Records a contact that has taken place (today or earlier, not before the course started).</summary>
    public static EmployerContact Record(Guid courseId, Guid citizenId, DateOnly courseStart, DateOnly on, string? employer, string? outcome, Actor by, Moment now)
    {
        if (on > now.Today)
        {
            throw new DomainException("EmployerContact.On.Future", "on");
        }

        if (on < courseStart)
        {
            throw new DomainException("EmployerContact.On.BeforeCourse", "on");
        }

        return new EmployerContact
        {
            Id = Guid.CreateVersion7(now.Utc),
            CourseId = courseId,
            CitizenId = citizenId,
            On = on,
            Employer = Guard.RequiredText(employer, MaxEmployerLength, "EmployerContact", "employer"),
            Outcome = Guard.OptionalText(outcome, MaxOutcomeLength, "EmployerContact", "outcome"),
            RecordedAt = now.Utc,
            RecordedByUserId = by.UserId,
            RecordedByName = by.DisplayName,
        };
    }
}
