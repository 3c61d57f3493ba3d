using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Samspil.Features.Directory;

public sealed class IndexModel(DirectoryService directory) : PageModel
{
    public IReadOnlyList<OrganizationView> Organizations { get; private set; } = [];

    public IReadOnlyList<PractitionerRoleView> Roles { get; private set; } = [];

    public IReadOnlyDictionary<string, string> TargetGroupNames { get; private set; } = new Dictionary<string, string>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Organizations = await directory.OrganizationsAsync(cancellationToken);
        Roles = await directory.PractitionerRolesAsync(null, cancellationToken);
        var english = Thread.CurrentThread.CurrentUICulture.TwoLetterISOLanguageName == "en";
        TargetGroupNames = (await directory.TargetGroupsAsync(true, cancellationToken)).ToDictionary(t => t.Code, t => english ? t.NameEn : t.NameDa, StringComparer.Ordinal);
    }
}
