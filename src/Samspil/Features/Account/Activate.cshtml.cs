using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Account;

/// <summary>
/// Where an invitation link lands: the person picks their organisation's identity provider and signs
/// in there; on the way back the provider's subject is linked to the invited account (see <see cref="ExternalSignIn"/>).
/// </summary>
public sealed class ActivateModel(OidcProviders providers, ExternalSignIn external, SamspilDbContext db, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    public bool Valid { get; private set; }

    public IReadOnlyList<OidcProviderOptions> StaffProviders => providers.All.Where(p => p.Kind == OidcProviderKind.Staff).ToList();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Valid = await IsOpenAsync(ct);
        if (!Valid)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }

    public async Task<IActionResult> OnGetChallengeAsync(string? provider, CancellationToken ct)
    {
        if (providers.Find(provider) is not { Kind: OidcProviderKind.Staff } chosen)
        {
            return NotFound();
        }

        if (!await IsOpenAsync(ct))
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        // The code travels inside the protected state and is checked again (and used up) on the way back.
        return Challenge(external.Challenge(chosen, returnUrl: null, Code), chosen.Scheme);
    }

    public ExternalLinksModel ExternalLinks(string heading) => new(
        heading,
        StaffProviders,
        p => Url.Page("/Account/Activate", "Challenge", new { code = Code, provider = p.Name })!);

    private async Task<bool> IsOpenAsync(CancellationToken ct)
    {
        if (string.IsNullOrEmpty(Code) || Code.Length > 100)
        {
            return false;
        }

        var hash = StaffInvitation.HashOf(Code);
        var invitation = await db.StaffInvitations.AsNoTracking().SingleOrDefaultAsync(i => i.CodeHash == hash, ct);
        return invitation?.IsOpen(time.GetUtcNow()) == true;
    }
}
