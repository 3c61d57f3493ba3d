using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Samspil.Features;

public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Courses/Index");
}
