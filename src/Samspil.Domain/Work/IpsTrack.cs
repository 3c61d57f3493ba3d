using Samspil.Domain.Common;

namespace Samspil.Domain.Work;

/// <summary>
/// A course's IPS track (Individual Placement and Support, R29, R30, seed 000): the citizen's job wishes in their own
/// words, the job-search plan, the follow-along support after hiring and the accommodations (skånehensyn) agreed with
/// the employer, and the IPS consultant who holds the case. Employer contacts and job starts are rows of their own.
/// Work and income information: read and changed only through the access layer, category "arbejde og forsørgelse".
/// </summary>
public sealed class IpsTrack : ICitizenRecord
{
    public const int MaxTextLength = 4000;

    private IpsTrack()
    {
    }

    public Guid Id { get; private set; }

    public Guid CourseId { get; private set; }

    public Guid CitizenId { get; private set; }

    /// <summary>Jobønsker, in the citizen's own words.</summary>
    public string? JobWishes { get; private set; }

    /// <summary>Jobsøgningsplan.</summary>
    public string? JobSearchPlan { get; private set; }

    /// <summary>Støtte efter ansættelse (follow-along support).</summary>
    public string? FollowAlongSupport { get; private set; }

    /// <summary>Skånehensyn aftalt med arbejdsgiveren.</summary>
    public string? Accommodations { get; private set; }

    /// <summary>The IPS consultant (job centre) who holds the case; their caseload counts it while it is open.</summary>
    public Guid? ConsultantUserId { get; private set; }

    public string? ConsultantName { get; private set; }

    /// <summary>When the IPS support ended (the case leaves the consultant's caseload).</summary>
    public DateOnly? ClosedOn { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public string UpdatedByName { get; private set; } = string.Empty;

    public static IpsTrack Start(Guid courseId, Guid citizenId, Actor by, Moment now) =>
        new() { Id = Guid.CreateVersion7(now.Utc), CourseId = courseId, CitizenId = citizenId, UpdatedAt = now.Utc, UpdatedByName = by.DisplayName };

    /// <summary>Sets the plan texts (the staff form: all four).</summary>
    public void Update(IpsTrackContent content, Actor by, Moment now)
    {
        var wishes = Text(content.JobWishes, "jobWishes");
        var plan = Text(content.JobSearchPlan, "jobSearchPlan");
        var support = Text(content.FollowAlongSupport, "followAlongSupport");
        var accommodations = Text(content.Accommodations, "accommodations");
        (JobWishes, JobSearchPlan, FollowAlongSupport, Accommodations) = (wishes, plan, support, accommodations);
        Touch(by, now);
    }

    /// <summary>The citizen (or their proxy) writes their job wishes in their own words; nothing else.</summary>
    public void WriteJobWishes(string? wishes, Actor by, Moment now)
    {
        JobWishes = Text(wishes, "jobWishes");
        Touch(by, now);
    }

    /// <summary>Takes the case as IPS consultant (or hands it to no one).</summary>
    public void AssignConsultant(Actor? consultant, Actor by, Moment now)
    {
        ConsultantUserId = consultant?.UserId;
        ConsultantName = consultant?.DisplayName;
        Touch(by, now);
    }

    /// <summary>Ends (or reopens, with null) the IPS support; not in the future.</summary>
    public void Close(DateOnly? on, Actor by, Moment now)
    {
        if (on is { } day && day > now.Today)
        {
            throw new DomainException("IpsTrack.ClosedOn.Future", "closedOn");
        }

        ClosedOn = on;
        Touch(by, now);
    }

    private static string? Text(string? value, string field) => Guard.OptionalText(value, MaxTextLength, "IpsTrack", field);

    private void Touch(Actor by, Moment now)
    {
        UpdatedAt = now.Utc;
        UpdatedByName = by.DisplayName;
    }
}

public sealed record IpsTrackContent(string? JobWishes, string? JobSearchPlan, string? FollowAlongSupport, string? Accommodations);
