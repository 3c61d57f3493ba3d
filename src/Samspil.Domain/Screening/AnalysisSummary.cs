using Samspil.Domain.Common;

namespace Samspil.Domain.Screening;

/// <summary>What the analysis committee wrote about one citizen at one analysis meeting.</summary>
public sealed record AnalysisSummaryDetails(
    DateOnly? MeetingDate,
    string? Participants,
    string? WhyLastAdmission,
    string? WhatCouldPreventNext,
    string? WhatWouldHelpCitizen);

/// <summary>
/// Analysemøde-opsummering (VIVE's fixed template for the readmission analysis committee, R32): after
/// an analysis meeting about a citizen with frequent admissions, why the last admission happened,
/// what could prevent the next, and what would make things better for the citizen — with the date and
/// who took part. Attached to the citizen's course; a course collects several over time. Health
/// information: read and written in the category "helbred og behandling".
/// </summary>
public sealed class AnalysisSummary : ICitizenRecord
{
    public const int MaxAnswerLength = 4000;
    public const int MaxParticipantsLength = 1000;

    private AnalysisSummary()
    {
        Participants = string.Empty;
        CreatedByName = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid CourseId { get; private set; }

    public Guid CitizenId { get; private set; }

    /// <summary>The day of the analysis meeting (Danish date); the record date for "hear me where I am now".</summary>
    public DateOnly MeetingDate { get; private set; }

    /// <summary>Who took part (names and roles, as the committee writes them).</summary>
    public string Participants { get; private set; }

    /// <summary>Hvorfor blev borgeren indlagt sidst?</summary>
    public string? WhyLastAdmission { get; private set; }

    /// <summary>Hvad kunne forebygge den næste indlæggelse?</summary>
    public string? WhatCouldPreventNext { get; private set; }

    /// <summary>Hvad ville gøre det bedre for borgeren?</summary>
    public string? WhatWouldHelpCitizen { get; private set; }

    /// <summary>The organisation of the professional who wrote it ("own records").</summary>
    public Guid? RecordedByOrganizationId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public Guid CreatedByUserId { get; private set; }

    public string CreatedByName { get; private set; }

    public DateTimeOffset? UpdatedAt { get; private set; }

    public string? UpdatedByName { get; private set; }

    public static AnalysisSummary Create(Guid courseId, Guid citizenId, AnalysisSummaryDetails details, Guid? recordedByOrganizationId, Actor by, Moment now)
    {
        var summary = new AnalysisSummary
        {
            Id = Guid.CreateVersion7(now.Utc),
            CourseId = courseId,
            CitizenId = citizenId,
            RecordedByOrganizationId = recordedByOrganizationId,
            CreatedAt = now.Utc,
            CreatedByUserId = by.UserId,
            CreatedByName = by.DisplayName,
        };
        summary.Apply(details, now);
        return summary;
    }

    public void Update(AnalysisSummaryDetails details, Actor by, Moment now)
    {
        Apply(details, now);
        UpdatedAt = now.Utc;
        UpdatedByName = by.DisplayName;
    }

    private void Apply(AnalysisSummaryDetails details, Moment now)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (details.MeetingDate is not { } date)
        {
            throw new DomainException("AnalysisSummary.MeetingDate.Required", "meetingDate");
        }

        if (date > now.Today)
        {
            throw new DomainException("AnalysisSummary.MeetingDate.Future", "meetingDate");
        }

        if (date.Year < 2000)
        {
            throw new DomainException("AnalysisSummary.MeetingDate.TooEarly", "meetingDate");
        }

        var participants = Guard.RequiredText(details.Participants, MaxParticipantsLength, "AnalysisSummary.Participants", "participants");
        var why = Guard.OptionalText(details.WhyLastAdmission, MaxAnswerLength, "AnalysisSummary.WhyLastAdmission", "whyLastAdmission");
        var prevent = Guard.OptionalText(details.WhatCouldPreventNext, MaxAnswerLength, "AnalysisSummary.WhatCouldPreventNext", "whatCouldPreventNext");
        var better = Guard.OptionalText(details.WhatWouldHelpCitizen, MaxAnswerLength, "AnalysisSummary.WhatWouldHelpCitizen", "whatWouldHelpCitizen");
        if (why is null && prevent is null && better is null)
        {
            throw new DomainException("AnalysisSummary.Answers.Required", "whyLastAdmission");
        }

        MeetingDate = date;
        Participants = participants;
        WhyLastAdmission = why;
        WhatCouldPreventNext = prevent;
        WhatWouldHelpCitizen = better;
    }
}
