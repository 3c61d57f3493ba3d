using Samspil.Domain.Common;

namespace Samspil.Domain.Directory;

/// <summary>A professional person (FHIR Practitioner); what they do where is in <see cref="PractitionerRole"/>.</summary>
public sealed class Professional
{
    private readonly List<PractitionerRole> _roles = [];

    private Professional()
    {
        Name = string.Empty;
        Profession = string.Empty;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    /// <summary>E.g. psykolog, socialrådgiver, sagsbehandler, praktiserende læge.</summary>
    public string Profession { get; private set; }

    public IReadOnlyList<PractitionerRole> Roles => _roles;

    public bool IsDemo { get; private set; }

    public static Professional Create(string? name, string? profession, Guid id, bool isDemo = false) => new()
    {
        Id = id,
        Name = Guard.RequiredText(name, 200, "Professional.Name", "name"),
        Profession = Guard.RequiredText(profession, 100, "Professional.Profession", "profession"),
        IsDemo = isDemo,
    };

    /// <summary>A corrected name or profession (an administrator keeping the staff account).</summary>
    public void Rename(string? name, string? profession)
    {
        Name = Guard.RequiredText(name, 200, "Professional.Name", "name");
        Profession = Guard.RequiredText(profession, 100, "Professional.Profession", "profession");
    }

    public PractitionerRole AddRole(Guid organizationId, PractitionerRoleDetails details, Guid roleId)
    {
        var role = PractitionerRole.Create(roleId, Id, organizationId, details);
        _roles.Add(role);
        return role;
    }
}

/// <summary>A professional's role at an organisation (FHIR PractitionerRole), with mandate (R18) and direct contact (R28).</summary>
public sealed class PractitionerRole
{
    private PractitionerRole()
    {
        Title = string.Empty;
        Mandate = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid ProfessionalId { get; private set; }

    public Guid OrganizationId { get; private set; }

    public string Title { get; private set; }

    /// <summary>What this person can decide, in plain words (R18).</summary>
    public string Mandate { get; private set; }

    public string? DirectPhone { get; private set; }

    public string? DirectEmail { get; private set; }

    public bool Active { get; private set; } = true;

    internal static PractitionerRole Create(Guid id, Guid professionalId, Guid organizationId, PractitionerRoleDetails details)
    {
        var role = new PractitionerRole
        {
            Id = id,
            ProfessionalId = professionalId,
            OrganizationId = organizationId,
        };
        role.Update(details);
        return role;
    }

    public void Update(PractitionerRoleDetails details)
    {
        Title = Guard.RequiredText(details.Title, 200, "PractitionerRole.Title", "title");
        Mandate = Guard.RequiredText(details.Mandate, 1000, "PractitionerRole.Mandate", "mandate");
        DirectPhone = Guard.OptionalText(details.DirectPhone, 30, "PractitionerRole.DirectPhone", "directPhone");
        DirectEmail = Guard.OptionalText(details.DirectEmail, 200, "PractitionerRole.DirectEmail", "directEmail");
    }

    public void Deactivate() => Active = false;
}

public sealed record PractitionerRoleDetails(string? Title, string? Mandate, string? DirectPhone, string? DirectEmail);
