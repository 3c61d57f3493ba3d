using Microsoft.AspNetCore.Identity;

namespace Samspil.Infrastructure.Security;

/// <summary>A sign-in account. A professional, a citizen and a relative/proxy each link to who they are.</summary>
public sealed class AppUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>Set for professionals (role <see cref="SamspilRoles.Professional"/>).</summary>
    public Guid? ProfessionalId { get; set; }

    /// <summary>The organisation a professional or organisation administrator belongs to.</summary>
    public Guid? OrganizationId { get; set; }

    /// <summary>Set for a citizen's own account, and for a relative/proxy: the citizen they act for.</summary>
    public Guid? CitizenId { get; set; }

    public bool IsDemo { get; set; }
}
