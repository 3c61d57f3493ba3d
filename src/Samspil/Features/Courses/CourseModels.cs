using Samspil.Domain.Consents;
using Samspil.Domain.Courses;
using Samspil.Domain.Directory;
using Samspil.Domain.Network;

namespace Samspil.Features.Courses;

/// <summary>A row in "Mine forløb".</summary>
public sealed record CourseSummary(
    Guid Id,
    Guid CitizenId,
    string CitizenName,
    string CitizenCpr,
    string TargetGroupCode,
    string TargetGroupName,
    CoursePhase Phase,
    DateOnly StartDate,
    DateOnly? EndDate,
    string? RegionOrganizationName,
    string? MunicipalityOrganizationName,
    bool IsDemo,
    ConsentState ConsentState,
    CourseAttention? Attention = null);

/// <summary>
/// Issue 21: why a course in the list needs attention, each part only from data the reader may read in that course
/// (plan, meetings, consents, their own notices). Null in lists that do not ask for it.
/// </summary>
/// <param name="Score">Higher first in the default order: overdue actions weigh most, then consent running out, then unread notices.</param>
public sealed record CourseAttention(int OverdueActions, bool ConsentExpiring, int UnreadNotices, DateTimeOffset? NextMeeting, int FlaggedQuestionnaires = 0)
{
    public bool NeedsAttention => OverdueActions > 0 || ConsentExpiring || UnreadNotices > 0 || FlaggedQuestionnaires > 0;

    /// <summary>Issue 19: a questionnaire whose latest response met a cut-off (only those the reader's consent covers) weighs like an expiring consent.</summary>
    public int Score => (OverdueActions * 100) + (ConsentExpiring ? 50 : 0) + UnreadNotices + (FlaggedQuestionnaires * 50);
}

/// <summary>The course list's sort columns (issue 21). Attention is the default: courses that need attention first.</summary>
public enum CourseSort
{
    Attention = 0,
    Name = 1,
    TargetGroup = 2,
    Phase = 3,
    Start = 4,
    NextMeeting = 5,
}

/// <summary>The citizen's consent situation at a glance (for warnings in lists and on the course page).</summary>
public enum ConsentState
{
    /// <summary>No consent has ever been registered.</summary>
    Missing = 0,

    Active = 1,

    /// <summary>In force, but every consent in force expires within 30 days: time to renew.</summary>
    Expiring = 2,

    /// <summary>The latest consent was revoked by the citizen.</summary>
    Revoked = 3,

    /// <summary>The consents ran out.</summary>
    Expired = 4,
}

public sealed record CourseDetail(
    Guid Id,
    CitizenView Citizen,
    TargetGroupRef TargetGroup,
    CoursePhase Phase,
    DateOnly StartDate,
    DateOnly? EndDate,
    bool IsEnded,
    OrganizationRef? RegionOrganization,
    OrganizationRef? MunicipalityOrganization,
    bool IsDemo,
    IReadOnlyList<PhaseTransitionView> PhaseHistory,
    IReadOnlyList<NetworkMemberView> Network,
    ConsentState ConsentState,
    IReadOnlyList<Consents.ConsentView> Consents,
    bool CanEdit,
    AccessBasisKind AccessBasis,
    TreatmentStartView? TreatmentStart = null,
    Access.CoursePermissions? Permissions = null,
    Agreements.CourseAgreementRef? Agreement = null);

/// <summary>
/// R12: when treatment started in the region, when the municipality (entry point or caseworker) was
/// first told, and the time between, in hours (one decimal).
/// </summary>
public sealed record TreatmentStartView(DateTimeOffset StartedAt, DateTimeOffset? MunicipalityToldAt, double? HoursUntilMunicipalityTold)
{
    public static TreatmentStartView Of(DateTimeOffset startedAt, DateTimeOffset? toldAt) =>
        new(startedAt, toldAt, toldAt is { } told ? Math.Round(Math.Max(0, (told - startedAt).TotalHours), 1) : null);
}

/// <summary>
/// The citizen as the reader may see them. When <see cref="IdentityWithheld"/> is true the reader may read
/// a course of the citizen but not the citizen's own record (ADR 0013): only the id and the CPR number
/// (which the reader gave) are filled in; name, language, interpreter and contact details are null.
/// </summary>
public sealed record CitizenView(
    Guid Id,
    string? GivenName,
    string? FamilyName,
    string Cpr,
    DateOnly BirthDate,
    string? PreferredLanguage,
    bool? InterpreterNeeded,
    string? InterpreterLanguage,
    string? Phone,
    string? Email,
    string? Address,
    bool IsDemo,
    bool IdentityWithheld = false,
    int Version = 0)
{
    public string FullName => IdentityWithheld ? Cpr : $"{GivenName} {FamilyName}";

    /// <param name="contact">Whether the contact details may be shown (see <see cref="Access.CitizenDataAccess.MaySeeContactDetailsAsync"/>).</param>
    public static CitizenView Of(Samspil.Domain.Citizens.Citizen c, bool contact) => c.IdentityWithheld
        ? new(c.Id, null, null, c.Cpr.Formatted, c.Cpr.BirthDate, null, null, null, null, null, null, c.IsDemo, IdentityWithheld: true)
        : new(c.Id, c.GivenName, c.FamilyName, c.Cpr.Formatted, c.Cpr.BirthDate, c.PreferredLanguage, c.InterpreterNeeded,
            c.InterpreterLanguage, contact ? c.Phone : null, contact ? c.Email : null, contact ? c.Address : null, c.IsDemo, Version: c.Version);
}

public sealed record TargetGroupRef(string Code, string Name);

public sealed record OrganizationRef(Guid Id, string Name, Sector Sector);

public sealed record PhaseTransitionView(CoursePhase? From, CoursePhase To, DateTimeOffset At, string ChangedBy, string? Note);

public sealed record NetworkMemberView(
    Guid Id,
    MemberKind Kind,
    string Name,
    Guid? PractitionerRoleId,
    OrganizationRef? Organization,
    string? Title,
    string? Profession,
    string? Mandate,
    string? Relation,
    string? Phone,
    string? Email,
    CollaborationRole Role,
    string? RoleNote,
    DateOnly ActiveFrom,
    DateOnly? ActiveTo,
    bool IsActive,
    string? EndReason,
    AgreementView Agreement,
    Guid? PreviousMembershipId);

public sealed record AgreementView(DateOnly AgreedOn, AgreementMethod Method, string? Note, string RecordedBy, DateTimeOffset RecordedAt);

/// <param name="Purpose">What the list is for; defaults to coordination. The job centre's sickness-benefit follow-up may rely on a legal basis instead of consent.</param>
/// <param name="Sort">Null: alphabetical, without the attention facts (lists inside other pages). Set: the facts are read and the list sorted.</param>
/// <param name="Descending">Null: the column's natural direction (attention and dates of meetings: most urgent first; the rest ascending).</param>
public sealed record CourseListFilter(string? Query, CoursePhase? Phase, string? TargetGroup, bool IncludeEnded, AccessPurpose? Purpose = null, CourseSort? Sort = null, bool? Descending = null);

public sealed record CitizenInput(
    string? Cpr,
    string? GivenName,
    string? FamilyName,
    string? PreferredLanguage,
    bool InterpreterNeeded,
    string? InterpreterLanguage,
    string? Phone,
    string? Email,
    string? Address);

public sealed record AgreementInput(DateOnly? AgreedOn, AgreementMethod? Method, string? Note);

/// <summary>Create a course; the citizen is found by CPR or registered. The creator joins the network.</summary>
public sealed record CreateCourseRequest(
    CitizenInput? Citizen,
    string? TargetGroupCode,
    CoursePhase? Phase,
    DateOnly? StartDate,
    Guid? RegionOrganizationId,
    Guid? MunicipalityOrganizationId,
    CollaborationRole? CreatorRole,
    Guid? CreatorPractitionerRoleId,
    AgreementInput? CitizenAgreement);

public sealed record ChangePhaseRequest(CoursePhase? Phase, string? Note);

public sealed record EndCourseRequest(DateOnly? EndDate);

/// <summary>Issue 21: the course list's <c>sort</c> and <c>direction</c> query values, read strictly (no numbers, nothing unknown).</summary>
public static class CourseSortValues
{
    public static readonly IReadOnlyDictionary<string, CourseSort> Names = new Dictionary<string, CourseSort>(StringComparer.OrdinalIgnoreCase)
    {
        ["attention"] = CourseSort.Attention,
        ["name"] = CourseSort.Name,
        ["targetGroup"] = CourseSort.TargetGroup,
        ["phase"] = CourseSort.Phase,
        ["start"] = CourseSort.Start,
        ["nextMeeting"] = CourseSort.NextMeeting,
    };

    public static string NameOf(CourseSort sort) => Names.First(n => n.Value == sort).Key;

    /// <summary>False for an unknown column; null (the default) for an absent one.</summary>
    public static bool TryParseSort(string? value, out CourseSort? sort)
    {
        sort = null;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        if (value.Length <= 20 && Names.TryGetValue(value, out var found))
        {
            sort = found;
            return true;
        }

        return false;
    }

    /// <summary>"asc" or "desc"; false for anything else; null (the column's natural direction) when absent.</summary>
    public static bool TryParseDirection(string? value, out bool? descending)
    {
        descending = value switch
        {
            null or "" => null,
            _ when string.Equals(value, "asc", StringComparison.OrdinalIgnoreCase) => false,
            _ when string.Equals(value, "desc", StringComparison.OrdinalIgnoreCase) => true,
            _ => null,
        };
        return string.IsNullOrEmpty(value) || descending is not null;
    }
}
