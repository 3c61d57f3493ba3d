using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samspil.Infrastructure.Security;

namespace Samspil.Features;

/// <summary>"/": the citizen and a proxy land on their home page; a GP on their card ("Til lægen"), other staff on their work queue
/// ("Arbejdsliste", issue 21);
/// a manager who is nothing else on the steering figures.</summary>
public sealed class IndexModel(CurrentUser user, GpCard.GpCardService gpCard) : PageModel
{
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        user.ActsForCitizen && !user.IsStaff ? RedirectToPage("/Home/Index")
        : user.IsProfessional && await gpCard.IsGpAsync(cancellationToken) ? RedirectToPage("/GpCard/Index")
        : user.IsStaff ? RedirectToPage("/WorkQueue/Index")
        : user.IsManager ? RedirectToPage("/Reporting/Index")
        : RedirectToPage("/Courses/Index");
}
