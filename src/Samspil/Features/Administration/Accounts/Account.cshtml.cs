using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Samspil.Features.Shared;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Administration.Accounts;

/// <summary>One staff account: change it, deactivate or reactivate it, invite again; with its administration-log entries.</summary>
[Authorize(Policy = SamspilPolicies.Administrator)]
public sealed class AccountModel(AccountAdministration accounts, SamspilDbContext db, CurrentUser admin, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public AccountForm Form { get; set; } = new();

    public AccountView? Account { get; private set; }

    public IReadOnlyList<TreeOrganizationView> Tree { get; private set; } = [];

    public IReadOnlyList<AdministrationLogEntry> History { get; private set; } = [];

    public bool IsSelf => Account?.Id == admin.UserId;

    [TempData]
    public string? StatusMessage { get; set; }

    [TempData]
    public string? ActivationUrl { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Form = AccountForm.Of(Account!);
        Form.Units.Add(new UnitForm { OrganizationId = Account!.OrganizationId });
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        PageErrors.LocalizeBindingErrors(ModelState, localizer);
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            try
            {
                AccountView? saved = null;
                if (await PageErrors.TryAsync(ModelState, localizer, async () => saved = await accounts.UpdateAsync(admin, id, Form.Version ?? string.Empty, Form.ToRequest(), cancellationToken)))
                {
                    if (saved is null)
                    {
                        return NotFound();
                    }

                    StatusMessage = localizer["Accounts.Saved"];
                    return Redirect("/Admin/Accounts/" + id);
                }
            }
            catch (AccountVersionConflictException)
            {
                ModelState.AddModelError(string.Empty, localizer["Account.Conflict.Page"]);
            }
            catch (DbUpdateConcurrencyException)
            {
                ModelState.AddModelError(string.Empty, localizer["Account.Conflict.Page"]);
            }
        }

        if (!Form.Units.Any(u => u.Id is null))
        {
            Form.Units.Add(new UnitForm { OrganizationId = Account!.OrganizationId });
        }

        return Page();
    }

    public async Task<IActionResult> OnPostDeactivateAsync(Guid id, bool confirm, CancellationToken cancellationToken)
    {
        if (!confirm)
        {
            return await ShowAsync(id, localizer["Accounts.DeactivateConfirmMissing"], cancellationToken);
        }

        return await ActAsync(id, () => accounts.DeactivateAsync(admin, id, cancellationToken), "Accounts.DeactivatedMessage", cancellationToken);
    }

    public Task<IActionResult> OnPostReactivateAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, () => accounts.ReactivateAsync(admin, id, cancellationToken), "Accounts.ReactivatedMessage", cancellationToken);

    public async Task<IActionResult> OnPostResendAsync(Guid id, CancellationToken cancellationToken)
    {
        InvitedAccountView? invited = null;
        var ok = await TryAsync(async () => invited = await accounts.ResendInvitationAsync(admin, id, cancellationToken));
        if (ok is { } error)
        {
            return await ShowAsync(id, error, cancellationToken);
        }

        if (invited is null)
        {
            return NotFound();
        }

        StatusMessage = string.Format(CultureInfo.CurrentCulture, localizer["Accounts.ResentMessage"], invited.Account.Email);
        ActivationUrl = invited.Invitation.ActivationUrl;
        return Redirect("/Admin/Accounts/" + id);
    }

    private async Task<IActionResult> ActAsync(Guid id, Func<Task<AccountView?>> action, string messageKey, CancellationToken cancellationToken)
    {
        AccountView? view = null;
        if (await TryAsync(async () => view = await action()) is { } error)
        {
            return await ShowAsync(id, error, cancellationToken);
        }

        if (view is null)
        {
            return NotFound();
        }

        StatusMessage = string.Format(CultureInfo.CurrentCulture, localizer[messageKey], view.DisplayName);
        return Redirect("/Admin/Accounts/" + id);
    }

    /// <summary>Runs an action; a refused one (e.g. deactivating oneself) gives its message.</summary>
    private async Task<string?> TryAsync(Func<Task> action)
    {
        var state = new Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary();
        return await PageErrors.TryAsync(state, localizer, action) ? null : state.Values.SelectMany(v => v.Errors).First().ErrorMessage;
    }

    private async Task<IActionResult> ShowAsync(Guid id, string error, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        ModelState.Clear();
        ModelState.AddModelError(string.Empty, error);
        Form = AccountForm.Of(Account!);
        Form.Units.Add(new UnitForm { OrganizationId = Account!.OrganizationId });
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        Account = await accounts.GetAsync(admin, id, cancellationToken);
        if (Account is null)
        {
            return false;
        }

        Tree = await accounts.TreeAsync(admin, cancellationToken);
        History = await db.AdministrationLog.AsNoTracking().Where(e => e.TargetUserId == id)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(50).ToListAsync(cancellationToken);
        return true;
    }
}
