using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Notifications;
using Samspil.Features.Shared;

namespace Samspil.Features.Notifications;

/// <summary>How notices reach the user besides the inbox: no e-mail, one per notice, or a daily digest; and the e-mail's language.</summary>
public sealed class SettingsModel(NotificationInbox inbox, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public NotificationPreferencesView Preferences { get; private set; } = new(true, NotificationService.DefaultEmailMode, null);

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Preferences = await inbox.PreferencesAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(NotificationEmailMode? emailMode, string? language, CancellationToken cancellationToken)
    {
        PageErrors.LocalizeBindingErrors(ModelState, localizer);
        if (ModelState.IsValid && await PageErrors.TryAsync(ModelState, localizer, () => inbox.SetPreferencesAsync(new NotificationPreferencesRequest(emailMode, language), cancellationToken)))
        {
            StatusMessage = localizer["Settings.Saved"];
            return Redirect("/Me/NotificationSettings");
        }

        Preferences = await inbox.PreferencesAsync(cancellationToken);
        return Page();
    }
}
