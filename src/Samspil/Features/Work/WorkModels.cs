using Samspil.Domain.Work;

namespace Samspil.Features.Work;

public sealed record EmployerContactView(Guid Id, DateOnly On, string Employer, string? Outcome, string RecordedBy);

public sealed record JobStartView(Guid Id, DateOnly StartsOn, string Employer, decimal HoursPerWeek, JobStartKind Kind, bool Competitive, string RecordedBy);

/// <summary>
/// A course's IPS track as the API and the pages show it. <c>daysToFirstCompetitiveJob</c> counts from the course's start
/// to the first ordinary job that has started (null while there is none). <c>canEdit</c>: the caller may change the
/// whole track (staff who may change the course); <c>canWriteJobWishes</c>: also the citizen and their proxy.
/// </summary>
public sealed record IpsView(
    Guid CourseId,
    DateOnly CourseStart,
    bool Started,
    string? JobWishes,
    string? JobSearchPlan,
    string? FollowAlongSupport,
    string? Accommodations,
    Guid? ConsultantUserId,
    string? ConsultantName,
    DateOnly? ClosedOn,
    DateTimeOffset? UpdatedAt,
    string? UpdatedByName,
    IReadOnlyList<EmployerContactView> EmployerContacts,
    IReadOnlyList<JobStartView> JobStarts,
    DateOnly? FirstCompetitiveJobOn,
    int? DaysToFirstCompetitiveJob,
    bool CanEdit,
    bool CanWriteJobWishes,
    bool IsConsultant,
    string CitizenName,
    bool CitizenMode);

public sealed record SaveIpsTrackRequest(string? JobWishes, string? JobSearchPlan, string? FollowAlongSupport, string? Accommodations, DateOnly? ClosedOn);

public sealed record JobWishesRequest(string? JobWishes);

public sealed record EmployerContactRequest(DateOnly? On, string? Employer, string? Outcome);

public sealed record JobStartRequest(DateOnly? StartsOn, string? Employer, decimal? HoursPerWeek, JobStartKind? Kind);

/// <summary>Whether the caller takes the case as IPS consultant (true) or lets it go (false).</summary>
public sealed record ConsultantRequest(bool? Take);

public sealed record IncomeBasisEntryView(Guid Id, IncomeBasisKind Basis, DateOnly ClarifiedOn, string ClarifiedBy, string? Note, DateTimeOffset RecordedAt, string RecordedBy);

/// <summary>A course's income basis: the current one (the latest clarification), days from course start to the first clarification, and the history.</summary>
public sealed record IncomeBasisView(Guid CourseId, DateOnly CourseStart, IncomeBasisEntryView? Current, int? DaysToClarification, IReadOnlyList<IncomeBasisEntryView> History, bool CanRecord);

public sealed record IncomeBasisRequest(IncomeBasisKind? Basis, DateOnly? ClarifiedOn, string? ClarifiedBy, string? Note);

/// <summary>One open case on the caseload page.</summary>
public sealed record IpsCaseView(Guid CourseId, string CitizenName, DateOnly CourseStart, DateOnly? LastEmployerContact, DateOnly? FirstCompetitiveJobOn, DateTimeOffset UpdatedAt);

/// <summary>The IPS consultant's caseload: open cases, and whether they are more than IPS allows (20).</summary>
public sealed record IpsCaseloadView(int OpenCases, int MaxCases, bool Overloaded, IReadOnlyList<IpsCaseView> Cases);
