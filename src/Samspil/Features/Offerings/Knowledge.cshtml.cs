using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Common;
using Samspil.Features.Shared;
using Samspil.Infrastructure.ErrorHandling;
using Samspil.Infrastructure.Localization;

namespace Samspil.Features.Offerings;

/// <summary>"Viden om forløbet" (/Courses/{id}/Knowledge): the offerings that fit the course and those its plan links; 404 unless the reader may read the course.</summary>
[IgnoreAntiforgeryToken]
public sealed class KnowledgeModel(CourseOfferings offerings, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [FromQuery(Name = "municipality")]
    public string? Municipality { get; set; }

    public CourseOfferingsView? View { get; private set; }

    public Guid CourseId { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid courseId, CancellationToken cancellationToken)
    {
        CourseId = courseId;
        try
        {
            View = await offerings.ForCourseAsync(courseId, Municipality, cancellationToken);
        }
        catch (Exception exception) when (exception is InputValidationException or DomainException)
        {
            PageErrors.Add(ModelState, exception, localizer);
            Municipality = null;
            View = await offerings.ForCourseAsync(courseId, null, cancellationToken);
        }

        return View is null ? NotFound() : Page();
    }
}
