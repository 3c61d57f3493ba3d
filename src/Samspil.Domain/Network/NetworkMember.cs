using Samspil.Domain.Common;

namespace Samspil.Domain.Network;

/// <summary>What kind of person a network member is (R8).</summary>
public enum MemberKind
{
    Professional = 0,
    Relative = 1,
    Friend = 2,
    Volunteer = 3,
    Peer = 4,
}

/// <summary>The member's role in the collaboration (R19, R23, R29, R38).</summary>
public enum CollaborationRole
{
    /// <summary>Tovholder.</summary>
    Coordinator = 0,

    /// <summary>Mødeleder.</summary>
    MeetingLeader = 1,

    /// <summary>Reflekterende medlem / referent.</summary>
    ReflectingMember = 2,

    /// <summary>IPS-jobkonsulent.</summary>
    IpsConsultant = 3,

    /// <summary>Stedfortræder for borgeren.</summary>
    Proxy = 4,

    Other = 5,

    /// <summary>Bisidder: a support person the citizen chooses to come with them (003) — a relative, friend, peer or professional.</summary>
    Bisidder = 6,
}

/// <summary>How the citizen said yes to the member being in their network.</summary>
public enum AgreementMethod
{
    InPerson = 0,
    Phone = 1,
    Written = 2,
    ByCitizenOnline = 3,
}

/// <summary>The record that the citizen agreed to a member (R8: the citizen decides who is in).</summary>
public sealed record CitizenAgreement(DateOnly AgreedOn, AgreementMethod Method, string? Note);

/// <summary>
/// One period of membership in a course's network (FHIR CareTeam.participant). Leaving sets
/// <see cref="ActiveTo"/> (exclusive); rejoining creates a new period linked to the previous one.
/// </summary>
public sealed class NetworkMember : ICitizenRecord
{
    private NetworkMember()
    {
        AgreementRecordedByName = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid CourseId { get; private set; }

    public MemberKind Kind { get; private set; }

    /// <summary>For professionals: the role at an organisation they take part in.</summary>
    public Guid? PractitionerRoleId { get; private set; }

    /// <summary>For relatives, friends, volunteers and peers.</summary>
    public string? PersonName { get; private set; }

    /// <summary>E.g. "datter", "ven", "mentor".</summary>
    public string? Relation { get; private set; }

    public string? Phone { get; private set; }

    public string? Email { get; private set; }

    public CollaborationRole Role { get; private set; }

    public string? RoleNote { get; private set; }

    public DateOnly ActiveFrom { get; private set; }

    /// <summary>The day the membership ended (exclusive); null while active.</summary>
    public DateOnly? ActiveTo { get; private set; }

    public string? EndReason { get; private set; }

    public DateOnly AgreedOn { get; private set; }

    public AgreementMethod AgreementMethod { get; private set; }

    public string? AgreementNote { get; private set; }

    public Guid AgreementRecordedByUserId { get; private set; }

    public string AgreementRecordedByName { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    /// <summary>The earlier period when this membership is a rejoin.</summary>
    public Guid? PreviousMembershipId { get; private set; }

    public bool IsActiveOn(DateOnly day) => ActiveFrom <= day && (ActiveTo is null || day < ActiveTo);

    internal static NetworkMember Create(Guid courseId, NewNetworkMember spec, Actor recordedBy, Moment now, Guid? previousMembershipId = null)
    {
        if (!Enum.IsDefined(spec.Kind))
        {
            throw new DomainException("Network.Kind.Invalid", "kind");
        }

        if (!Enum.IsDefined(spec.Role))
        {
            throw new DomainException("Network.Role.Invalid", "role");
        }

        var agreement = spec.Agreement ?? throw new DomainException("Network.Agreement.Required", "agreement");
        if (!Enum.IsDefined(agreement.Method))
        {
            throw new DomainException("Network.Agreement.Method.Invalid", "agreementMethod");
        }

        if (agreement.AgreedOn > now.Today)
        {
            throw new DomainException("Network.Agreement.InFuture", "agreedOn");
        }

        var member = new NetworkMember
        {
            Id = Guid.CreateVersion7(now.Utc),
            CourseId = courseId,
            Kind = spec.Kind,
            Role = spec.Role,
            RoleNote = Guard.OptionalText(spec.RoleNote, 200, "Network.RoleNote", "roleNote"),
            ActiveFrom = spec.ActiveFrom,
            AgreedOn = agreement.AgreedOn,
            AgreementMethod = agreement.Method,
            AgreementNote = Guard.OptionalText(agreement.Note, 1000, "Network.Agreement.Note", "agreementNote"),
            AgreementRecordedByUserId = recordedBy.UserId,
            AgreementRecordedByName = recordedBy.DisplayName,
            RecordedAt = now.Utc,
            PreviousMembershipId = previousMembershipId,
        };

        if (spec.Kind == MemberKind.Professional)
        {
            member.PractitionerRoleId = spec.PractitionerRoleId ?? throw new DomainException("Network.PractitionerRole.Required", "practitionerRoleId");
        }
        else
        {
            if (spec.PractitionerRoleId is not null)
            {
                throw new DomainException("Network.PractitionerRole.OnlyForProfessionals", "practitionerRoleId");
            }

            member.PersonName = Guard.RequiredText(spec.PersonName, 200, "Network.PersonName", "personName");
            member.Relation = Guard.OptionalText(spec.Relation, 100, "Network.Relation", "relation");
            member.Phone = Guard.OptionalText(spec.Phone, 30, "Network.Phone", "phone");
            member.Email = Guard.OptionalText(spec.Email, 200, "Network.Email", "email");
        }

        if (spec.Role == CollaborationRole.IpsConsultant && spec.Kind != MemberKind.Professional)
        {
            throw new DomainException("Network.Role.IpsConsultantMustBeProfessional", "role");
        }

        return member;
    }

    internal NewNetworkMember ToSpec(DateOnly activeFrom, CitizenAgreement agreement, CollaborationRole role) =>
        new(Kind, PractitionerRoleId, PersonName, Relation, Phone, Email, role, RoleNote, activeFrom, agreement);

    internal void End(DateOnly endDate, string? reason)
    {
        if (ActiveTo is not null)
        {
            throw new DomainException("Network.Member.AlreadyEnded");
        }

        if (endDate < ActiveFrom)
        {
            throw new DomainException("Network.EndDate.BeforeStart", "endDate");
        }

        EndOn(endDate, Guard.OptionalText(reason, 500, "Network.EndReason", "reason"));
    }

    internal void EndOn(DateOnly endDate, string? reason)
    {
        ActiveTo = endDate;
        EndReason = reason;
    }
}

public sealed record NewNetworkMember(
    MemberKind Kind,
    Guid? PractitionerRoleId,
    string? PersonName,
    string? Relation,
    string? Phone,
    string? Email,
    CollaborationRole Role,
    string? RoleNote,
    DateOnly ActiveFrom,
    CitizenAgreement? Agreement);
