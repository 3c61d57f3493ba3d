using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Samspil.Features;

[Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string RequestId { get; private set; } = string.Empty;

    public int? Code { get; private set; }

    public bool IsNotFound => Code == StatusCodes.Status404NotFound;

    public void OnGet(int? code) => Set(code);

    public void OnPost(int? code) => Set(code);

    private void Set(int? code)
    {
        RequestId = HttpContext.TraceIdentifier;
        Code = code;
    }
}
