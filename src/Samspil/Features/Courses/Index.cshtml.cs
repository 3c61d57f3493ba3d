using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Samspil.Features.Shared;
using Samspil.Domain.Courses;
using Samspil.Features.Directory;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Courses;

public sealed class IndexModel(CourseService courses, DirectoryService directory, Consents.ConsentService consents, CurrentUser user, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public string? Query { get; set; }

    [BindProperty]
    public CoursePhase? Phase { get; set; }

    [BindProperty]
    public string? TargetGroup { get; set; }

    [BindProperty]
    public bool IncludeEnded { get; set; }

    public IReadOnlyList<CourseSummary> Courses { get; private set; } = [];

    public IReadOnlyList<TargetGroupRef> TargetGroups { get; private set; } = [];

    /// <summary>Networks the professional is on without being allowed to read the course (no consent covers them).</summary>
    public IReadOnlyList<Consents.NetworkConsentOverview> NetworkWithoutAccess { get; private set; } = [];

    public bool CanCreate => user.IsStaff;

    public bool ActsForCitizen => user.ActsForCitizen;

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public Task OnPostAsync(CancellationToken cancellationToken)
    {
        // An unknown phase value in a tampered form is ignored rather than failing the search.
        ModelState.Clear();
        return LoadAsync(cancellationToken);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        // A search that is not valid (too long, a malformed CPR number) shows why instead of an empty list.
        await PageErrors.TryAsync(ModelState, localizer, async () => Courses = await courses.ListAsync(new CourseListFilter(Query, Phase, TargetGroup, IncludeEnded), cancellationToken));
        var english = Thread.CurrentThread.CurrentUICulture.TwoLetterISOLanguageName == "en";
        TargetGroups = (await directory.TargetGroupsAsync(false, cancellationToken)).Select(t => new TargetGroupRef(t.Code, english ? t.NameEn : t.NameDa)).ToList();
        if (user.IsProfessional)
        {
            NetworkWithoutAccess = await consents.NetworkOverviewAsync(cancellationToken);
        }
    }
}
