using Samspil.Domain.Network;
using Samspil.Features.Courses;

namespace Samspil.Features.Network;

/// <summary>Add a member to a course's network; professionals by their role at an organisation, others by name.</summary>
public sealed record AddNetworkMemberRequest(
    MemberKind? Kind,
    Guid? PractitionerRoleId,
    string? PersonName,
    string? Relation,
    string? Phone,
    string? Email,
    CollaborationRole? Role,
    string? RoleNote,
    DateOnly? ActiveFrom,
    AgreementInput? CitizenAgreement);

public sealed record EndNetworkMemberRequest(DateOnly? EndDate, string? Reason);

public sealed record RejoinNetworkMemberRequest(DateOnly? ActiveFrom, CollaborationRole? Role, AgreementInput? CitizenAgreement);
