using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samspil.Features.Directory;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Administration;

/// <summary>"Mødemodeller": the course models as data (Tværindsats, task force), their steps and default target groups.</summary>
[Authorize(Policy = SamspilPolicies.Administrator)]
public sealed class MeetingModelsModel(ReferenceDataService referenceData, DirectoryService directory) : PageModel
{
    public IReadOnlyList<MeetingTemplateView> Models { get; private set; } = [];

    public IReadOnlyDictionary<string, string> TargetGroupNames { get; private set; } = new Dictionary<string, string>();

    public bool English => Thread.CurrentThread.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Models = await referenceData.MeetingTemplatesAsync(cancellationToken);
        TargetGroupNames = (await directory.TargetGroupsAsync(true, cancellationToken)).ToDictionary(t => t.Code, t => English ? t.NameEn : t.NameDa, StringComparer.Ordinal);
    }
}
