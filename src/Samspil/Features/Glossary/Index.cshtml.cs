using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Common;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Glossary;

/// <summary>"Ordliste": the shared glossary, searchable, for everyone — signed in or not — in the language of the page.</summary>
[AllowAnonymous]
public sealed class IndexModel(GlossaryService glossary, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public IReadOnlyList<GlossaryTermView> Terms { get; private set; } = [];

    public string Language { get; } = Thread.CurrentThread.CurrentUICulture.TwoLetterISOLanguageName;

    public bool CanEdit => User.IsInRole(SamspilRoles.Administrator);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        try
        {
            Terms = await glossary.SearchAsync(Query, cancellationToken);
        }
        catch (DomainException invalid)
        {
            ModelState.AddModelError("q", localizer.Message(invalid.Code));
            Terms = [];
        }
    }
}
