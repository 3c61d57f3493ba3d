using Microsoft.AspNetCore.Mvc;

namespace Samspil.Features.Work;

/// <summary>The work and income card on the course page: income basis, IPS progress, a link to the work page. Nothing for a reader who may not read work and income.</summary>
public sealed class WorkSummaryViewComponent(WorkService work) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid courseId)
    {
        var ips = await work.GetIpsAsync(courseId, HttpContext.RequestAborted);
        var income = ips is null ? null : await work.GetIncomeBasisAsync(courseId, HttpContext.RequestAborted);
        return ips is null || income is null ? Content(string.Empty) : View("/Features/Work/_WorkSummary.cshtml", (ips, income));
    }
}

/// <summary>The income basis on the aftaleskema (seed 002 §5): the current basis and when it was clarified, for those who may read it.</summary>
public sealed class IncomeBasisLineViewComponent(WorkService work) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid courseId)
    {
        var income = await work.GetIncomeBasisAsync(courseId, HttpContext.RequestAborted);
        return income is null ? Content(string.Empty) : View("/Features/Work/_IncomeBasisLine.cshtml", income);
    }
}
