using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Reporting;
using Samspil.Features.Shared;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Reporting;

/// <summary>Records the work attachment from the course page's small form; on a rule error the form is shown here with the message.</summary>
[Authorize(Policy = SamspilPolicies.Staff)]
public sealed class WorkAttachmentModel(WorkAttachmentService service, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public WorkAttachmentView? Attachment { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid courseId, CancellationToken cancellationToken)
    {
        Attachment = await service.GetAsync(courseId, cancellationToken);
        return Attachment is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid courseId, WorkAttachmentPoint? point, WorkAttachmentStatus? status, CancellationToken cancellationToken)
    {
        PageErrors.LocalizeBindingErrors(ModelState, localizer);
        if (ModelState.IsValid)
        {
            var found = true;
            if (await PageErrors.TryAsync(ModelState, localizer, async () => found = await service.RecordAsync(courseId, new RecordWorkAttachmentRequest(point, status), cancellationToken)))
            {
                if (!found)
                {
                    return NotFound();
                }

                TempData["StatusMessage"] = localizer["WorkAttachment.Saved"].Value;
                return Redirect($"/Courses/{courseId}");
            }
        }

        Attachment = await service.GetAsync(courseId, cancellationToken);
        return Attachment is null ? NotFound() : Page();
    }
}
