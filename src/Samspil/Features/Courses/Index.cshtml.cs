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

    [BindProperty(SupportsGet = true)]
    public CoursePhase? Phase { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? TargetGroup { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool IncludeEnded { get; set; }

    /// <summary>The sort column (?sort=name), as in the API; an unknown value shows the default order (attention first).</summary>
    [BindProperty(SupportsGet = true, Name = "sort")]
    public string? SortValue { get; set; }

    /// <summary>asc or desc (?direction=desc); an unknown value is the column's natural direction.</summary>
    [BindProperty(SupportsGet = true, Name = "direction")]
    public string? DirectionValue { get; set; }

    public CourseSort Sort { get; private set; } = CourseSort.Attention;

    public bool Descending { get; private set; } = true;

    public IReadOnlyList<CourseSummary> Courses { get; private set; } = [];

    public IReadOnlyList<TargetGroupRef> TargetGroups { get; private set; } = [];

    /// <summary>Networks the professional is on without being allowed to read the course (no consent covers them).</summary>
    public IReadOnlyList<Consents.NetworkConsentOverview> NetworkWithoutAccess { get; private set; } = [];

    public bool CanCreate => user.IsStaff;

    public bool ActsForCitizen => user.ActsForCitizen;

    public Task OnGetAsync(CancellationToken cancellationToken)
    {
        // A hand-typed phase, sort or direction that is not known falls back to the default rather than failing.
        ModelState.Clear();
        return LoadAsync(cancellationToken);
    }

    public Task OnPostAsync(CancellationToken cancellationToken)
    {
        // An unknown phase value in a tampered form is ignored rather than failing the search.
        ModelState.Clear();
        return LoadAsync(cancellationToken);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Sort = CourseSortValues.TryParseSort(SortValue, out var sort) && sort is { } chosen ? chosen : CourseSort.Attention;
        Descending = CourseSortValues.TryParseDirection(DirectionValue, out var descending) && descending is { } d ? d : Sort == CourseSort.Attention;
        // A search that is not valid (too long, a malformed CPR number) shows why instead of an empty list.
        await PageErrors.TryAsync(ModelState, localizer, async () => Courses = await courses.ListAsync(new CourseListFilter(Query, Phase, TargetGroup, IncludeEnded, Sort: Sort, Descending: Descending), cancellationToken));
        var english = Thread.CurrentThread.CurrentUICulture.TwoLetterISOLanguageName == "en";
        TargetGroups = (await directory.TargetGroupsAsync(false, cancellationToken)).Select(t => new TargetGroupRef(t.Code, english ? t.NameEn : t.NameDa)).ToList();
        if (user.IsProfessional)
        {
            NetworkWithoutAccess = await consents.NetworkOverviewAsync(cancellationToken);
        }
    }

    /// <summary>The address that sorts by <paramref name="column"/>: the other direction when it is the current column. The search text stays out of the URL.</summary>
    public string SortUrl(CourseSort column)
    {
        var descending = column == Sort ? !Descending : column == CourseSort.Attention;
        var query = new List<string> { "sort=" + CourseSortValues.NameOf(column), "direction=" + (descending ? "desc" : "asc") };
        if (Phase is { } phase)
        {
            query.Add("phase=" + phase);
        }

        if (!string.IsNullOrWhiteSpace(TargetGroup))
        {
            query.Add("targetGroup=" + Uri.EscapeDataString(TargetGroup));
        }

        if (IncludeEnded)
        {
            query.Add("includeEnded=true");
        }

        return "/Courses?" + string.Join('&', query);
    }

    /// <summary>aria-sort for a column's header: only the current column has one.</summary>
    public string? AriaSort(CourseSort column) => column == Sort ? (Descending ? "descending" : "ascending") : null;
}
