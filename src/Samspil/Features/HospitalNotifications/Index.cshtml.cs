using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Samspil.Features.Access;
using Samspil.Features.Shared;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.HospitalNotifications;

/// <summary>Administrators of the receiving region (see <see cref="HospitalIntakeScope"/>): parked hospital notifications (unknown CPR) to link to a citizen, and malformed ones to inspect.</summary>
[Authorize(Policy = SamspilPolicies.Administrator)]
public sealed class IndexModel(
    HospitalIntakeScope intakeScope,
    IServiceScopeFactory scopes,
    CitizenDataAccess access,
    TimeProvider time,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public IReadOnlyList<InboundMessageSummary> Parked { get; private set; } = [];

    public IReadOnlyList<InboundMessageSummary> Malformed { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostMatchAsync(Guid id, string? cpr, CancellationToken cancellationToken)
    {
        HospitalNotificationReceipt? result = null;
        if (await PageErrors.TryAsync(ModelState, localizer, async () => result = await HospitalNotificationEndpoints.MatchAsync(id, cpr, scopes, access, intakeScope, time, cancellationToken)))
        {
            // The same words whether or not a citizen has the number: the list shows whether it is still waiting.
            StatusMessage = localizer[result is null ? "Parked.NotFound" : "Parked.Retried"];
            return Redirect("/HospitalNotifications");
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var messages = await (await intakeScope.MessagesAsync(cancellationToken))
            .Where(m => m.CitizenId == null && (m.Status == InboundMessageStatus.Parked || m.Status == InboundMessageStatus.Malformed))
            .OrderByDescending(m => m.ReceivedAt)
            .Take(200)
            .ToListAsync(cancellationToken);
        Parked = messages.Where(m => m.Status == InboundMessageStatus.Parked).Select(InboundMessageSummary.Of).ToList();
        Malformed = messages.Where(m => m.Status == InboundMessageStatus.Malformed).Select(InboundMessageSummary.Of).ToList();
    }
}
