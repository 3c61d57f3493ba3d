using Samspil.Domain.Courses;
using Samspil.Domain.Directory;
using Samspil.Domain.Meetings;

namespace Samspil.Domain.Reporting;

/// <summary>
/// What the dashboard needs to know about one course, gathered by the access layer. No name, CPR
/// number or free text: only codes, organisations, dates and counts. Dates are Danish calendar dates.
/// </summary>
public sealed record CourseFacts(
    string TargetGroupCode,
    Guid? RegionOrganizationId,
    Guid? MunicipalityOrganizationId,
    Guid? RecordedByOrganizationId,
    DateOnly StartDate,
    DateOnly? EndDate,
    IReadOnlyList<PhaseOn> Phases,
    DateOnly? TreatmentStartedOn,
    DateOnly? MunicipalityToldOn,
    IReadOnlyList<DatePeriod> ConsentPeriods,
    IReadOnlyList<MeetingFacts> Meetings,
    IReadOnlyList<DateOnly> OpenActionDueDates,
    WorkAttachmentStatus? WorkAtEnd,
    WorkAttachmentStatus? WorkAfterSixMonths,
    AdmissionCounts? Admissions = null,
    DateOnly? FirstCompetitiveJobOn = null,
    DateOnly? IncomeBasisClarifiedOn = null);

/// <summary>The course entered <paramref name="Phase"/> on <paramref name="On"/>.</summary>
public sealed record PhaseOn(DateOnly On, CoursePhase Phase);

/// <summary>A period of days, both ends included (e.g. while a consent was in force).</summary>
public sealed record DatePeriod(DateOnly From, DateOnly To)
{
    public bool Contains(DateOnly day) => From <= day && day <= To;
}

/// <summary>
/// One meeting as the dashboard sees it: kind, whether it was held, its date (the local date of its
/// start, or of when it was marked held), when the agenda was shared and the minutes approved, and
/// the sectors of the participants who were there (attendance not recorded as absent).
/// </summary>
public sealed record MeetingFacts(
    MeetingKind Kind,
    bool Held,
    DateOnly? Date,
    DateOnly? HeldOn,
    DateOnly? AgendaSharedOn,
    DateOnly? MinutesApprovedOn,
    IReadOnlySet<Sector> AttendingSectors)
{
    /// <summary>A joint meeting: held, with someone from the region and someone from the municipality there.</summary>
    public bool IsJoint => Held && AttendingSectors.Contains(Sector.Region) && AttendingSectors.Contains(Sector.Municipality);
}

/// <summary>Admissions in the 12 months before and the 12 months after the course started.</summary>
public sealed record AdmissionCounts(int Before, int After);

/// <summary>Which courses a period covers.</summary>
public enum PeriodBasis
{
    /// <summary>Courses active at some time in the period: started on or before its last day and not ended before its first.</summary>
    Active = 0,

    /// <summary>Courses that started in the period.</summary>
    Started = 1,
}

/// <summary>
/// The filters and the rules the figures depend on. <see cref="MunicipalityOrganizations"/> and
/// <see cref="Organizations"/> hold the chosen organisation and every unit below it (null: no filter).
/// <see cref="ModelMeetings"/> is the number of network meetings in the model for each target group
/// (from its meeting template; absent or 0: no model).
/// </summary>
public sealed record DashboardCriteria(
    DateOnly From,
    DateOnly To,
    DateOnly Today,
    PeriodBasis Basis,
    IReadOnlySet<Guid>? MunicipalityOrganizations,
    IReadOnlySet<Guid>? Organizations,
    string? TargetGroupCode,
    IReadOnlyDictionary<string, int> ModelMeetings,
    bool AdmissionsAvailable,
    int AgendaWorkingDaysBefore = 3,
    int MinutesWorkingDaysAfter = 2)
{
    /// <summary>The day "as of" figures are read on: the period's last day, or today if that is earlier.</summary>
    public DateOnly ReferenceDate => To < Today ? To : Today;
}
