using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samspil.Domain.Directory;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Frames;

/// <summary>"Rammer": every organisation kind's laws, statutory deadlines and methods (R6).</summary>
[Authorize(Policy = SamspilPolicies.Staff)]
public sealed class IndexModel(FrameService frames) : PageModel
{
    public IReadOnlyList<FrameView> Frames { get; private set; } = [];

    public IReadOnlyList<OrganizationKind> WithoutFrame { get; private set; } = [];

    public bool CanEdit => User.IsInRole(SamspilRoles.Administrator);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Frames = await frames.FramesAsync(cancellationToken);
        WithoutFrame = Enum.GetValues<OrganizationKind>().Where(k => Frames.All(f => f.Kind != k)).ToList();
    }
}
