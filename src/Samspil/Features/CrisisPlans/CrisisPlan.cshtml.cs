using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samspil.Features.Courses;

namespace Samspil.Features.CrisisPlans;

/// <summary>"Min plan for svære tider": readable and printable on a phone, with large call links and the night contacts' open state now.</summary>
public sealed class CrisisPlanModel(CrisisPlanService plans) : PageModel
{
    public CrisisPlanView? Plan { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid courseId, CancellationToken cancellationToken)
    {
        Plan = await plans.GetAsync(courseId, cancellationToken);
        return Plan is null ? NotFound() : Page();
    }
}

/// <summary>"Min plan for svære tider" for the citizen and proxy: straight to the crisis plan of their course, or a choice when there are several.</summary>
public sealed class MyCrisisPlanModel(CourseService courses) : PageModel
{
    public IReadOnlyList<CourseSummary> Courses { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Courses = await courses.ListAsync(new CourseListFilter(null, null, null, IncludeEnded: false), cancellationToken);
        return Courses.Count == 1 ? Redirect($"/Courses/{Courses[0].Id}/crisis-plan") : Page();
    }
}
