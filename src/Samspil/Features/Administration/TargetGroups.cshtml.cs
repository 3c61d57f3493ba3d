using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samspil.Features.Directory;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Administration;

/// <summary>"Målgrupper": every target group, active or not, with the meeting model that is default for it.</summary>
[Authorize(Policy = SamspilPolicies.Administrator)]
public sealed class TargetGroupsModel(DirectoryService directory, ReferenceDataService referenceData) : PageModel
{
    public IReadOnlyList<TargetGroupView> Groups { get; private set; } = [];

    public IReadOnlyList<MeetingTemplateView> Models { get; private set; } = [];

    public bool English => Thread.CurrentThread.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Groups = await directory.TargetGroupsAsync(true, cancellationToken);
        Models = await referenceData.MeetingTemplatesAsync(cancellationToken);
    }

    public IEnumerable<MeetingTemplateView> DefaultModels(string code) => Models.Where(m => m.Active && m.DefaultForTargetGroups.Contains(code, StringComparer.Ordinal));
}
