using Microsoft.AspNetCore.Mvc;

namespace Samspil.Features.Reporting;

/// <summary>
/// The work attachment card on the course page, once the course has an end date (nothing can be
/// recorded before, so nothing is read); shown only to those who may read work and income information.
/// </summary>
public sealed class WorkAttachmentViewComponent(WorkAttachmentService service) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid courseId, DateOnly? endDate)
    {
        if (endDate is null)
        {
            return Content(string.Empty);
        }

        var view = await service.GetAsync(courseId, HttpContext.RequestAborted);
        return view is null ? Content(string.Empty) : View("/Features/Reporting/_WorkAttachmentCard.cshtml", view);
    }
}
