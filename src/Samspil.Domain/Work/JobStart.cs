using Samspil.Domain.Common;

namespace Samspil.Domain.Work;

/// <summary>What kind of job the citizen started (the grades of the work attachment, without "none").</summary>
public enum JobStartKind
{
    /// <summary>Ordinært job: competitive employment on ordinary terms.</summary>
    OrdinaryJob = 0,

    /// <summary>Fleksjob.</summary>
    FlexJob = 1,

    /// <summary>Revalidering.</summary>
    Rehabilitation = 2,

    /// <summary>Virksomhedspraktik.</summary>
    WorkPlacement = 3,

    /// <summary>Uddannelse.</summary>
    Education = 4,
}

/// <summary>
/// A job start on the IPS track: employer, hours a week, kind and start date. Recorded any time during the course
/// (unlike the graded work attachment, which is recorded at its end).
/// </summary>
public sealed class JobStart : ICitizenRecord
{
    public const int MaxEmployerLength = 200;

    public const decimal MaxHoursPerWeek = 80m;

    private JobStart()
    {
    }

    public Guid Id { get; private set; }

    public Guid CourseId { get; private set; }

    public Guid CitizenId { get; private set; }

    public DateOnly StartsOn { get; private set; }

    public string Employer { get; private set; } = string.Empty;

    public decimal HoursPerWeek { get; private set; }

    public JobStartKind Kind { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public Guid RecordedByUserId { get; private set; }

    public string RecordedByName { get; private set; } = string.Empty;

    /// <summary>Records a job start: not before the course started, hours between 0 (exclusive) and 80, a known kind. A start up to a year ahead is allowed (a signed contract).</summary>
    public static JobStart Record(Guid courseId, Guid citizenId, DateOnly courseStart, DateOnly startsOn, string? employer, decimal hoursPerWeek, JobStartKind kind, Actor by, Moment now)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new DomainException("JobStart.Kind.Invalid", "kind");
        }

        if (hoursPerWeek <= 0 || hoursPerWeek > MaxHoursPerWeek)
        {
            throw new DomainException("JobStart.HoursPerWeek.OutOfRange", "hoursPerWeek");
        }

        if (startsOn < courseStart)
        {
            throw new DomainException("JobStart.StartsOn.BeforeCourse", "startsOn");
        }

        if (startsOn > now.Today.AddYears(1))
        {
            throw new DomainException("JobStart.StartsOn.TooFar", "startsOn");
        }

        return new JobStart
        {
            Id = Guid.CreateVersion7(now.Utc),
            CourseId = courseId,
            CitizenId = citizenId,
            StartsOn = startsOn,
            Employer = Guard.RequiredText(employer, MaxEmployerLength, "JobStart", "employer"),
            HoursPerWeek = decimal.Round(hoursPerWeek, 1),
            Kind = kind,
            RecordedAt = now.Utc,
            RecordedByUserId = by.UserId,
            RecordedByName = by.DisplayName,
        };
    }
}
