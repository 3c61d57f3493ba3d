using Samspil.Domain.Directory;

namespace Samspil.Domain.Consents;

/// <summary>
/// Who is asking. Organisation sets are precomputed from the directory by the caller:
/// <see cref="OwnOrganizationIds"/> are the actor's units and every unit below them (whose records
/// count as "own"); <see cref="WithinOrganizationIds"/> are the actor's units and every unit above
/// them (a consent to a whole organisation reaches its units). <see cref="Proxy"/> is the power of
/// attorney a proxy holds (null for everyone else, and for a proxy whose power of attorney has ended).
/// </summary>
public sealed record AccessActor(
    Guid UserId,
    Guid? ProfessionalId,
    IReadOnlySet<Guid> PractitionerRoleIds,
    IReadOnlySet<Guid> OwnOrganizationIds,
    IReadOnlySet<Guid> WithinOrganizationIds,
    IReadOnlySet<OrganizationKind> OrganizationKinds,
    Guid? OwnCitizenId,
    ProxyMandate? Proxy)
{
    /// <summary>The citizen a proxy acts for, whatever the day or category.</summary>
    public Guid? ProxyForCitizenId => Proxy?.CitizenId;
}

/// <summary>
/// The record being read: whose it is, who recorded it and when, who is responsible for the course,
/// and the practitioner roles on the course's active network (for the consent overview).
/// <see cref="EndsAdmittedPeriod"/> marks the discharge that closes a hospital stay: it is the last event of the admitted
/// period, so a consent that holds "only while admitted" still covers it (issue 17: whoever was told of the admission is
/// told of the discharge, and the job centre learns the citizen is home). Nothing else of the stay is read under it.
/// </summary>
public sealed record AccessSubject(
    Guid CitizenId,
    Guid? RecordedByOrganizationId,
    DateOnly? RecordDate,
    Guid? ResponsibleRegionOrganizationId,
    Guid? ResponsibleMunicipalityOrganizationId,
    IReadOnlySet<Guid>? NetworkRoleIds = null,
    bool EndsAdmittedPeriod = false)
{
    /// <summary>
    /// A record that belongs to the citizen rather than to one course: hospital stays, consents, the
    /// citizen's own registration, notices about admissions (ADR 0013). No course is named, so neither
    /// who registered a course nor who a course says is responsible can open it: only the citizen, a
    /// proxy, the organisation that itself recorded this very record (<paramref name="recordedByOrganizationId"/>,
    /// null for what Samspil received from elsewhere), or a consent. A legal basis needs a course its
    /// recipient is responsible for, so none reaches citizen-level data.
    /// </summary>
    public static AccessSubject OfCitizen(Guid citizenId, Guid? recordedByOrganizationId = null, DateOnly? recordDate = null) =>
        new(citizenId, recordedByOrganizationId, recordDate, null, null);
}

public sealed record AccessRequest(AccessActor Actor, AccessSubject Subject, InformationCategory Category, AccessPurpose Purpose, DateOnly Today);

/// <summary>What the decision may rely on: the citizen's consents (all versions), legal bases, and admission state.</summary>
public sealed record AccessFacts(IReadOnlyList<Consent> Consents, IReadOnlyList<LegalBasis> LegalBases, bool CitizenAdmitted);

public enum AccessBasisKind
{
    /// <summary>The citizen reading their own data.</summary>
    Self = 0,

    /// <summary>A proxy holding the citizen's power of attorney, within its scope and period.</summary>
    Proxy = 1,

    /// <summary>The actor's own organisation recorded it.</summary>
    OwnRecords = 2,

    LegalBasis = 3,

    Consent = 4,

    /// <summary>An active member of the citizen's network, for the consent overview only.</summary>
    NetworkMember = 5,

    /// <summary>
    /// Samspil itself, processing on its own: receiving hospital notifications, finding whom to tell,
    /// computing reminders. Never returned by the policy and never a read shown to a person; whoever is
    /// then told is decided by the policy for that person.
    /// </summary>
    System = 6,
}

public sealed record AccessDecision(bool Permitted, AccessBasisKind? BasisKind, Guid? ConsentId, int? ConsentVersion, string? LegalBasisCode)
{
    public static readonly AccessDecision Denied = new(false, null, null, null, null);

    /// <summary>The basis for Samspil's own processing (see <see cref="AccessBasisKind.System"/>).</summary>
    public static readonly AccessDecision ForSystem = new(true, AccessBasisKind.System, null, null, null);

    public static AccessDecision By(AccessBasisKind kind) => new(true, kind, null, null, null);
}

/// <summary>
/// The one access policy: a pure function from (actor, citizen record, category, purpose, day,
/// context) to permit or deny, naming the consent or legal basis that decided it. No database, no
/// HTTP. Bases are tried in a fixed order so the log always names the strongest one.
/// </summary>
public static class AccessPolicy
{
    public static AccessDecision Decide(AccessRequest request, AccessFacts facts)
    {
        var (actor, subject, category, purpose, today) = request;
        if (category == InformationCategory.None || (category & (category - 1)) != 0)
        {
            throw new ArgumentException("Exactly one information category is read at a time.", nameof(request));
        }

        // The consent overview: every network member may know that consent exists and what it covers;
        // anyone else needs what reading the course's status needs.
        if (category == InformationCategory.ConsentOverview)
        {
            return subject.NetworkRoleIds is { } network && network.Overlaps(actor.PractitionerRoleIds)
                ? AccessDecision.By(AccessBasisKind.NetworkMember)
                : Decide(request with { Category = InformationCategory.StatusAndAppointments }, facts);
        }

        if (actor.OwnCitizenId == subject.CitizenId)
        {
            return AccessDecision.By(AccessBasisKind.Self);
        }

        // A proxy reads what their power of attorney covers, on the days it is valid; nothing else.
        if (actor.Proxy is { } mandate && mandate.CitizenId == subject.CitizenId && mandate.Covers(category, today))
        {
            return AccessDecision.By(AccessBasisKind.Proxy);
        }

        if (subject.RecordedByOrganizationId is { } recordedBy && actor.OwnOrganizationIds.Contains(recordedBy))
        {
            return AccessDecision.By(AccessBasisKind.OwnRecords);
        }

        foreach (var basis in facts.LegalBases)
        {
            if (basis.Active
                && basis.Categories.HasFlag(category)
                && basis.Purposes.HasFlag(purpose)
                && basis.RecipientKinds.Any(actor.OrganizationKinds.Contains)
                && IsResponsible(actor, subject))
            {
                return new AccessDecision(true, AccessBasisKind.LegalBasis, null, null, basis.Code);
            }
        }

        foreach (var consent in facts.Consents)
        {
            if (consent.CitizenId == subject.CitizenId
                && consent.IsInForceOn(today)
                && consent.Categories.HasFlag(category)
                && consent.Purposes.HasFlag(purpose)
                && (consent.Condition != ConsentCondition.OnlyWhileAdmitted || facts.CitizenAdmitted || subject.EndsAdmittedPeriod)
                && (consent.ExcludeRecordsBefore is not { } cutoff || subject.RecordDate is not { } recordDate || recordDate >= cutoff)
                && consent.Recipients.Any(r => Reaches(r, actor)))
            {
                return new AccessDecision(true, AccessBasisKind.Consent, consent.Id, consent.Version, null);
            }
        }

        return AccessDecision.Denied;
    }

    /// <summary>Does this recipient entry name the actor (themselves, a role they hold, or an organisation they work within)?</summary>
    public static bool Reaches(ConsentRecipient recipient, AccessActor actor) => recipient.Kind switch
    {
        ConsentRecipientKind.Professional => actor.ProfessionalId == recipient.TargetId,
        ConsentRecipientKind.PractitionerRole => actor.PractitionerRoleIds.Contains(recipient.TargetId),
        ConsentRecipientKind.Organization => actor.WithinOrganizationIds.Contains(recipient.TargetId),
        _ => false,
    };

    /// <summary>Is the actor's organisation (or one above or below it) responsible for the course?</summary>
    private static bool IsResponsible(AccessActor actor, AccessSubject subject) =>
        InLine(actor, subject.ResponsibleRegionOrganizationId) || InLine(actor, subject.ResponsibleMunicipalityOrganizationId);

    private static bool InLine(AccessActor actor, Guid? organizationId) =>
        organizationId is { } id && (actor.WithinOrganizationIds.Contains(id) || actor.OwnOrganizationIds.Contains(id));
}
