using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Samspil.Features.Notifications;

/// <summary>"Notifikationer": the signed-in user's notices in groups by course and kind (issue 21), newest group first, with mark as read per notice, per group and all.</summary>
public sealed class InboxModel(NotificationInbox inbox, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public GroupedInboxView Inbox { get; private set; } = new([], 1, NotificationInbox.MaxPageSize, 0, 0);

    /// <summary>Only unread notices (?unread=true).</summary>
    [BindProperty(SupportsGet = true)]
    public bool Unread { get; set; }

    /// <summary>The page number (?p=2); "page" is taken by Razor Pages' own routing.</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    [TempData]
    public string? StatusMessage { get; set; }

    public int PageCount => Math.Max(1, (Inbox.Total + Inbox.PageSize - 1) / Inbox.PageSize);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        // A hand-typed or stale page number shows the nearest page rather than an error.
        PageNumber = Math.Clamp(PageNumber, 1, 100_000);
        Inbox = await inbox.ListGroupedAsync(Unread, PageNumber, NotificationInbox.MaxPageSize, cancellationToken);
        if (Inbox.Groups.Count == 0 && PageNumber > 1)
        {
            return Redirect(PageUrl(1));
        }

        return Page();
    }

    public async Task<IActionResult> OnPostReadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await inbox.MarkReadAsync(id, cancellationToken))
        {
            StatusMessage = localizer["Inbox.MarkedRead"];
        }

        return Redirect(PageUrl(PageNumber));
    }

    /// <summary>Marks one group read; a tampered key shows a readable message instead of an error page.</summary>
    public async Task<IActionResult> OnPostReadGroupAsync(string? key, CancellationToken cancellationToken)
    {
        try
        {
            await inbox.MarkGroupReadAsync(new MarkGroupReadRequest(key), cancellationToken);
            StatusMessage = localizer["NoticeGroup.MarkedRead"];
        }
        catch (Samspil.Infrastructure.ErrorHandling.InputValidationException)
        {
            StatusMessage = localizer["NoticeGroup.Key.Invalid"];
        }

        return Redirect(PageUrl(PageNumber));
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken cancellationToken)
    {
        await inbox.MarkAllReadAsync(cancellationToken);
        StatusMessage = localizer["Inbox.MarkedAllRead"];
        return Redirect(PageUrl(1));
    }

    public string PageUrl(int page) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"/Me/Notifications?p={Math.Max(1, page)}{(Unread ? "&unread=true" : string.Empty)}");
}
