using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Account;

/// <summary>The last step of a sign-in through an identity provider: the account, or a page saying why not.</summary>
public sealed class ExternalCallbackModel(ExternalSignIn external) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string MessageKey { get; private set; } = "External.Failed";

    public async Task<IActionResult> OnGetAsync(string? failed, CancellationToken ct)
    {
        var outcome = failed is null ? await external.CompleteAsync(HttpContext, ct) : ExternalSignInOutcome.Failed;
        if (outcome == ExternalSignInOutcome.SignedIn)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }

        MessageKey = outcome switch
        {
            ExternalSignInOutcome.Unknown => "External.Unknown",
            ExternalSignInOutcome.NoCitizenLogin => "External.NoCitizenLogin",
            ExternalSignInOutcome.InvitationInvalid => "Activate.Invalid",
            ExternalSignInOutcome.NotAllowed => "External.NotAllowed",
            _ => "External.Failed",
        };
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }
}
