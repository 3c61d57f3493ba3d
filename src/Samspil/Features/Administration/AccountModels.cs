namespace Samspil.Features.Administration;

/// <summary>Where a staff account stands: invited (no password and no linked sign-in yet), active, or deactivated (locked without end).</summary>
public enum AccountStatus
{
    Active = 0,
    Invited = 1,
    Deactivated = 2,
}

/// <summary>A unit the person works in (a practitioner role): title, mandate and direct contact there.</summary>
public sealed record AccountUnitView(
    Guid Id,
    Guid OrganizationId,
    string OrganizationName,
    string Title,
    string Mandate,
    string? DirectPhone,
    string? DirectEmail);

/// <summary>A staff account as its administrator sees it. <see cref="Version"/> is the ETag of a change.</summary>
public sealed record AccountView(
    Guid Id,
    string DisplayName,
    string? Email,
    string? UserName,
    AccountStatus Status,
    IReadOnlyList<string> Roles,
    Guid? OrganizationId,
    string? OrganizationName,
    Guid? ProfessionalId,
    string? Profession,
    IReadOnlyList<AccountUnitView> Units,
    string Version);

/// <summary>A unit of an invitation or a change: <see cref="Id"/> set = that existing unit, unset = a new one.</summary>
public sealed record AccountUnitRequest(
    Guid? Id,
    Guid? OrganizationId,
    string? Title,
    string? Mandate,
    string? DirectPhone,
    string? DirectEmail);

/// <summary>
/// An invitation or the whole of a change (PUT): name, e-mail, profession, roles (Professional, Administrator
/// and/or Manager) and one or more units in the administrator's organisation tree. On a change, units
/// left out are ended.
/// </summary>
public sealed record AccountRequest(
    string? DisplayName,
    string? Email,
    string? Profession,
    IReadOnlyList<string>? Roles,
    IReadOnlyList<AccountUnitRequest>? Units);

/// <summary>The activation link of an invitation: valid once, until <see cref="ExpiresAt"/>; also sent by e-mail.</summary>
public sealed record AccountInvitationView(Guid InvitationId, string ActivationUrl, DateTimeOffset ExpiresAt);

public sealed record InvitedAccountView(AccountView Account, AccountInvitationView Invitation);

/// <summary>An organisation an administrator may place people in (their own and those below it).</summary>
public sealed record TreeOrganizationView(Guid Id, string Name, int Depth);

/// <summary>One entry of the administration log as the API returns it.</summary>
public sealed record AdministrationLogView(
    Guid Id,
    DateTimeOffset At,
    Guid ActorUserId,
    string ActorName,
    Guid? TargetUserId,
    string TargetName,
    AdministrationAction Action,
    string Details);

public sealed record AdministrationLogPage(IReadOnlyList<AdministrationLogView> Entries, int Page, int PageSize, bool HasMore);

/// <summary>A change against an older version of the account (412 in the API, a message on the page).</summary>
public sealed class AccountVersionConflictException(string currentVersion) : Exception("The account has changed since it was read.")
{
    public string CurrentVersion { get; } = currentVersion;
}
