using Samspil.Domain.Directory;

namespace Samspil.Features.Directory;

public sealed record OrganizationView(
    Guid Id,
    string Name,
    Sector Sector,
    OrganizationKind Kind,
    Guid? PartOfId,
    string? Street,
    string? PostalCode,
    string? City,
    string? PublicPhone,
    string? PublicEmail,
    IReadOnlyList<string> EntryPointFor,
    bool IsDemo,
    string? MunicipalityCode = null,
    string? EffectiveMunicipalityCode = null);

public sealed record OrganizationRequest(
    string? Name,
    Sector? Sector,
    OrganizationKind? Kind,
    Guid? PartOfId,
    string? Street,
    string? PostalCode,
    string? City,
    string? PublicPhone,
    string? PublicEmail,
    IReadOnlyList<string>? EntryPointFor,
    string? MunicipalityCode = null);

public sealed record PractitionerRoleView(
    Guid Id,
    Guid ProfessionalId,
    string ProfessionalName,
    string Profession,
    Guid OrganizationId,
    string OrganizationName,
    Sector Sector,
    string Title,
    string Mandate,
    string? DirectPhone,
    string? DirectEmail);

public sealed record ProfessionalRequest(string? Name, string? Profession, Guid? OrganizationId, string? Title, string? Mandate, string? DirectPhone, string? DirectEmail);

public sealed record TargetGroupView(string Code, string NameDa, string NameEn, string? Description, bool Active, int SortOrder);

public sealed record TargetGroupRequest(string? Code, string? NameDa, string? NameEn, string? Description, int? SortOrder, bool? Active);
