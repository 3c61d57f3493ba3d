using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samspil.Features.Courses;

namespace Samspil.Features.Plans;

/// <summary>"Min plan" for the citizen and proxy: straight to the plan of their course, or a choice when there are several.</summary>
public sealed class MyPlanModel(CourseService courses) : PageModel
{
    public IReadOnlyList<CourseSummary> Courses { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Courses = await courses.ListAsync(new CourseListFilter(null, null, null, IncludeEnded: false), cancellationToken);
        return Courses.Count == 1 ? Redirect($"/Courses/{Courses[0].Id}/plan") : Page();
    }
}
