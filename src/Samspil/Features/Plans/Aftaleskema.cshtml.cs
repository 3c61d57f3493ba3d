using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Plans;

/// <summary>The aftaleskema (001): challenges → goals → actions on one printable A4 page.</summary>
public sealed class AftaleskemaModel(PlanService plans, TimeProvider time) : PageModel
{
    public PlanView? Plan { get; private set; }

    public DateOnly Today => CopenhagenTime.Today(time);

    public async Task<IActionResult> OnGetAsync(Guid courseId, CancellationToken cancellationToken)
    {
        Plan = await plans.GetAsync(courseId, cancellationToken);
        return Plan is null ? NotFound() : Page();
    }
}
