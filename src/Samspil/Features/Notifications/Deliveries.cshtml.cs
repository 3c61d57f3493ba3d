using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Notifications;

/// <summary>Administrators: e-mail deliveries that failed or were given up (no content, no recipient), with "prøv igen".</summary>
[Authorize(Policy = SamspilPolicies.Administrator)]
public sealed class DeliveriesModel(DeliveryAdministration deliveries, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public IReadOnlyList<DeliveryView> Failed { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Failed = await deliveries.FailedAsync(cancellationToken);

    public async Task<IActionResult> OnPostRetryAsync(Guid id, CancellationToken cancellationToken)
    {
        StatusMessage = await deliveries.RetryAsync(id, cancellationToken) ? localizer["Deliveries.Retried"] : localizer["Deliveries.NotFound"];
        return Redirect("/Admin/Deliveries");
    }
}
