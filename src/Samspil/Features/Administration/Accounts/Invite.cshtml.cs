using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Samspil.Features.Shared;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Administration.Accounts;

/// <summary>"Inviter medarbejder": creates the person, their unit and account, and e-mails the activation link.</summary>
[Authorize(Policy = SamspilPolicies.Administrator)]
public sealed class InviteModel(AccountAdministration accounts, CurrentUser admin, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public AccountForm Form { get; set; } = new();

    public IReadOnlyList<TreeOrganizationView> Tree { get; private set; } = [];

    [TempData]
    public string? ActivationUrl { get; set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Tree = await accounts.TreeAsync(admin, cancellationToken);
        Form = new AccountForm { Units = [new UnitForm { OrganizationId = admin.OrganizationId }] };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        PageErrors.LocalizeBindingErrors(ModelState, localizer);
        Tree = await accounts.TreeAsync(admin, cancellationToken);
        if (Form.Units.Count == 0)
        {
            Form.Units.Add(new UnitForm { OrganizationId = admin.OrganizationId });
        }

        InvitedAccountView? invited = null;
        if (ModelState.IsValid && await PageErrors.TryAsync(ModelState, localizer, async () => invited = await accounts.InviteAsync(admin, Form.ToRequest(), cancellationToken)))
        {
            StatusMessage = string.Format(System.Globalization.CultureInfo.CurrentCulture, localizer["Accounts.Invited"], invited!.Account.DisplayName, invited.Account.Email);
            ActivationUrl = invited.Invitation.ActivationUrl;
            return Redirect("/Admin/Accounts/" + invited.Account.Id);
        }

        return Page();
    }
}
