using Samspil.Domain.Citizens;
using Samspil.Domain.Consents;
using Samspil.Domain.Courses;
using Samspil.Domain.Directory;

namespace Samspil.IntegrationTests.Infrastructure;

/// <summary>
/// Who a user is, as far as the oracle needs to know. A proxy is not <see cref="IsCitizen"/>: they hold
/// <see cref="Proxy"/>, the power of attorney registered for them (null for a proxy account without one).
/// </summary>
public sealed record OracleUser(string UserName, bool IsProfessional, bool IsStaff, Guid? ProfessionalId, Guid? OrganizationId, Guid? CitizenId, bool IsCitizen, ProxyTerms? Proxy = null);

/// <summary>A power of attorney as the issue states it: whose, which categories, from and to (inclusive), and whether staff ended it.</summary>
public sealed record ProxyTerms(Guid CitizenId, InformationCategory Categories, DateOnly From, DateOnly? To, bool Ended);

/// <summary>
/// The rules, written from the issues' text and independently of the policy service and the query layer.
/// <para>A course's own data (its status, plan, meetings): the citizen themself (or their proxy); the
/// organisation (or a unit under it) that recorded the course; or a consent in force today that covers
/// the category, for coordination, without an admission condition, naming the user, a role they hold,
/// or an organisation they work in or under. (The §12 c legal basis needs the sickness-benefit purpose,
/// which no read endpoint uses.)</para>
/// <para>What belongs to the citizen rather than to one course (issue 12, ADR 0013: hospital stays, every
/// consent, notices about admissions): the citizen, their proxy, or such a consent, and never the fact
/// that the user's organisation registered a course. The citizen's own record (name, language, contact)
/// also opens to the organisation that registered the citizen. A reader without a citizen-level basis sees
/// only the consents that name them.</para>
/// <para>A manager (leder, issue 21) who holds no other role is neither staff nor a professional: the role
/// opens the steering figures, which are aggregates, and no course, citizen or consent.</para>
/// </summary>
public sealed class VisibilityOracle(IReadOnlyList<Organization> organizations, IReadOnlyList<PractitionerRole> roles, IReadOnlyList<Consent> consents, DateOnly today)
{
    /// <summary>May the user read this course's information of <paramref name="category"/> (status by default)?</summary>
    public bool MaySee(OracleUser user, Course course, InformationCategory category = InformationCategory.StatusAndAppointments)
    {
        if ((user.IsCitizen && course.CitizenId == user.CitizenId) || ProxyCovers(user, course.CitizenId, category))
        {
            return true;
        }

        if (course.RecordedByOrganizationId is { } recordedBy && UnitsOf(user).Any(u => IsUnder(recordedBy, u)))
        {
            return true;
        }

        return ConsentCovers(user, course.CitizenId, category);
    }

    /// <summary>May the user read what belongs to the citizen (hospital stays, all consents, notices about admissions)?</summary>
    public bool MaySeeCitizenLevel(OracleUser user, Guid citizenId) =>
        (user.IsCitizen && citizenId == user.CitizenId) || ProxyCovers(user, citizenId, InformationCategory.StatusAndAppointments) || ConsentCovers(user, citizenId, InformationCategory.StatusAndAppointments);

    /// <summary>May the user see who the citizen is (name, language, contact details)?</summary>
    public bool MaySeeIdentity(OracleUser user, Citizen citizen) =>
        MaySeeCitizenLevel(user, citizen.Id)
        || (citizen.RecordedByOrganizationId is { } recordedBy && UnitsOf(user).Any(u => IsUnder(recordedBy, u)));

    /// <summary>
    /// May the user correct the citizen's own record (ADR 0014)? The citizen (or proxy) themself, or staff
    /// who may see who the citizen is: never because they registered or are responsible for a course.
    /// </summary>
    public bool MayCorrectCitizen(OracleUser user, Citizen citizen) =>
        (user.IsCitizen && citizen.Id == user.CitizenId) || ProxyCovers(user, citizen.Id, InformationCategory.StatusAndAppointments) || (user.IsStaff && MaySeeIdentity(user, citizen));

    /// <summary>
    /// May the user give the citizen a login or register a power of attorney for them (issue 14)? Staff who
    /// may see who the citizen is at citizen level: never because they registered a course for the CPR number.
    /// </summary>
    public bool MayGiveAccess(OracleUser user, Citizen citizen) => user.IsStaff && MaySeeIdentity(user, citizen);

    /// <summary>
    /// May the user read the course's crisis plan ("Min plan for svære tider", issue 18)? It is a course's own data in the
    /// category "helbred og behandling": the citizen, a proxy whose power covers health, the recording organisation, or a
    /// consent covering health. A consent for "plan og mål" alone does not open it. Registering another course for the
    /// citizen's CPR number opens only that new course's (empty) crisis plan, never the citizen's others.
    /// </summary>
    public bool MaySeeCrisisPlan(OracleUser user, Course course) => MaySee(user, course, InformationCategory.HealthAndTreatment);

    /// <summary>
    /// Issue 17: may the user read the course's IPS track and income basis? A course's own data in "arbejde og forsørgelse":
    /// the citizen, a proxy whose power covers work, the recording organisation, or a consent covering work and income.
    /// </summary>
    public bool MaySeeWork(OracleUser user, Course course) => MaySee(user, course, InformationCategory.WorkAndIncome);

    /// <summary>
    /// May the user read the course's family (children, relative links, bisidders; issue 17, docs/family.md)? Course data in
    /// "socialt og familie". A relative link's other course is revealed only with both consents — checked by the caller.
    /// </summary>
    public bool MaySeeFamily(OracleUser user, Course course) => MaySee(user, course, InformationCategory.SocialAndFamily);

    /// <summary>Issue 19: a course's collaboration results are its meetings-and-minutes data, read by staff only (never the citizen or a proxy).</summary>
    public bool MaySeeCollaboration(OracleUser user, Course course) => user.IsStaff && MaySee(user, course, InformationCategory.MeetingsAndMinutes);

    /// <summary>A proxy reads a category of their citizen only while their power of attorney is valid, not ended, and covers it.</summary>
    private bool ProxyCovers(OracleUser user, Guid citizenId, InformationCategory category) =>
        ProxyInForce(user, citizenId) && (user.Proxy!.Categories & category) == category;

    private bool ProxyInForce(OracleUser user, Guid citizenId) =>
        user.Proxy is { } p && p.CitizenId == citizenId && !p.Ended && p.From <= today && (p.To is null || today <= p.To);

    /// <summary>May the user act as the citizen (the citizen's home, "Mine data")? The citizen, or a proxy whose power of attorney is in force, whatever it covers.</summary>
    public bool MayActAsCitizen(OracleUser user) =>
        user.CitizenId is { } citizenId && ((user.IsCitizen && user.Proxy is null) || ProxyInForce(user, citizenId));

    /// <summary>The ids of the citizen's consents the user may see on a course they can read.</summary>
    public HashSet<Guid> VisibleConsents(OracleUser user, Guid citizenId) =>
        consents.Where(k => k.CitizenId == citizenId && (MaySeeCitizenLevel(user, citizenId) || k.Recipients.Any(r => Names(user, r)))).Select(k => k.Id).ToHashSet();

    private bool ConsentCovers(OracleUser user, Guid citizenId, InformationCategory category) =>
        consents.Any(k => k.CitizenId == citizenId
            && k.Status == ConsentStatus.Active
            && k.ValidFrom <= today && today <= k.ValidTo
            && (k.Categories & category) != 0
            && (k.Purposes & AccessPurpose.Coordination) != 0
            && k.Condition == ConsentCondition.None
            && k.Recipients.Any(r => Names(user, r)));

    private bool Names(OracleUser user, ConsentRecipient r)
    {
        var myRoles = RolesOf(user);
        return r.Kind switch
        {
            ConsentRecipientKind.Professional => user.IsProfessional && r.TargetId == user.ProfessionalId,
            ConsentRecipientKind.PractitionerRole => myRoles.Any(m => m.Id == r.TargetId),
            _ => UnitsOf(user).Any(u => IsUnder(u, r.TargetId)),
        };
    }

    private List<PractitionerRole> RolesOf(OracleUser user) =>
        user.IsProfessional ? roles.Where(r => r.ProfessionalId == user.ProfessionalId && r.Active).ToList() : [];

    private HashSet<Guid> UnitsOf(OracleUser user)
    {
        var units = RolesOf(user).Select(r => r.OrganizationId).ToHashSet();
        if (user.IsStaff && user.OrganizationId is { } org)
        {
            units.Add(org);
        }

        return units;
    }

    private bool IsUnder(Guid id, Guid root)
    {
        for (Guid? current = id; current is { } c; current = organizations.Single(o => o.Id == c).PartOfId)
        {
            if (c == root)
            {
                return true;
            }
        }

        return false;
    }
}
