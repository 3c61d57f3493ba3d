using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.WorkQueue;

/// <summary>"Arbejdsliste": the professional's start page — what needs them now, with one click to where to act.</summary>
[Authorize(Policy = SamspilPolicies.Staff)]
public sealed class IndexModel(WorkQueueService queue, GpCard.GpCardService gpCard) : PageModel
{
    public WorkQueueView? Queue { get; private set; }

    /// <summary>A GP also has the card of what the network asks of them (their start page); the queue links to it.</summary>
    public bool IsGp { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Queue = await queue.GetAsync(cancellationToken);
        IsGp = await gpCard.IsGpAsync(cancellationToken);
    }
}
