using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Consents;
using Samspil.Domain.Courses;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Courses;

public static partial class CourseEndpoints
{
    public static IEndpointRouteBuilder MapCourseEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/courses").WithTags("Courses").RequireAuthorization();

        group.MapGet("/", ListCourses)
            .WithName("ListCourses")
            .WithSummary("Courses the caller may see (\"Mine forløb\"), those that need attention first. q searches names; a CPR number in q is refused (use POST /search). sort: attention (default), name, targetGroup, phase, start or nextMeeting; direction: asc or desc (default: most urgent first, the rest ascending).");
        group.MapPost("/search", SearchCourses)
            .WithName("SearchCourses")
            .WithSummary("Same as the list, with the search in the body so a CPR number stays out of URLs and logs.");
        group.MapGet("/{courseId:guid}", GetCourse).WithName("GetCourse");
        group.MapPost("/", CreateCourse).WithName("CreateCourse").RequireAuthorization(SamspilPolicies.Staff);
        group.MapPost("/{courseId:guid}/phase", ChangePhase).WithName("ChangeCoursePhase").RequireAuthorization(SamspilPolicies.Staff);
        group.MapPost("/{courseId:guid}/end", EndCourse).WithName("EndCourse").RequireAuthorization(SamspilPolicies.Staff);
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<CourseSummary>>, ValidationProblem>> ListCourses(
        CourseService courses, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken,
        string? q = null, CoursePhase? phase = null, string? targetGroup = null, bool includeEnded = false, AccessPurpose? purpose = null,
        string? sort = null, string? direction = null)
    {
        var errors = new Dictionary<string, string[]>();
        if (!CourseSortValues.TryParseSort(sort, out var column))
        {
            errors["sort"] = [localizer["Courses.Sort.Invalid"]];
        }

        if (!CourseSortValues.TryParseDirection(direction, out var descending))
        {
            errors["direction"] = [localizer["Courses.Direction.Invalid"]];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: localizer["Problem.Validation.Title"]);
        }

        // A CPR number must never travel in a URL (proxies, browser history and access logs keep URLs).
        if (q is not null && CprLike().IsMatch(q))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["q"] = [localizer["Courses.CprInUrl"]] },
                title: localizer["Problem.Validation.Title"]);
        }

        // Courses that need attention come first unless another column is asked for (issue 21).
        return TypedResults.Ok(await courses.ListAsync(new CourseListFilter(q, phase, targetGroup, includeEnded, purpose, column ?? CourseSort.Attention, descending), cancellationToken));
    }

    [GeneratedRegex(@"^\s*\d{6}-?\d{4}\s*$")]
    private static partial Regex CprLike();

    private static async Task<Ok<IReadOnlyList<CourseSummary>>> SearchCourses(CourseListFilter filter, CourseService courses, CancellationToken cancellationToken) =>
        TypedResults.Ok(await courses.ListAsync(filter, cancellationToken));

    /// <param name="purpose">Coordination (default) or SicknessBenefitFollowUp; logged with the read.</param>
    private static async Task<Results<Ok<CourseDetail>, NotFound>> GetCourse(Guid courseId, CourseService courses, Agreements.AgreementService agreements, CancellationToken cancellationToken, AccessPurpose? purpose = null) =>
        await courses.GetAsync(courseId, cancellationToken, purpose ?? AccessPurpose.Coordination) is { } detail
            ? TypedResults.Ok(detail with { Agreement = await agreements.ForCourseAsync(detail.TargetGroup.Code, new[] { detail.RegionOrganization?.Id, detail.MunicipalityOrganization?.Id }.OfType<Guid>().ToList(), cancellationToken) })
            : TypedResults.NotFound();

    private static async Task<Results<Created<CourseDetail>, NotFound>> CreateCourse(CreateCourseRequest request, CourseService courses, CancellationToken cancellationToken)
    {
        var id = await courses.CreateAsync(request, cancellationToken);
        var detail = await courses.GetAsync(id, cancellationToken);

        // An administrator may create a course for organisations other than their own, and then not see it.
        return detail is null ? TypedResults.NotFound() : TypedResults.Created($"/api/v1/courses/{id}", detail);
    }

    private static async Task<Results<Ok<CourseDetail>, NotFound>> ChangePhase(Guid courseId, ChangePhaseRequest request, CourseService courses, CancellationToken cancellationToken) =>
        await courses.ChangePhaseAsync(courseId, request, cancellationToken) && await courses.GetAsync(courseId, cancellationToken) is { } detail
            ? TypedResults.Ok(detail)
            : TypedResults.NotFound();

    private static async Task<Results<Ok<CourseDetail>, NotFound>> EndCourse(Guid courseId, EndCourseRequest request, CourseService courses, CancellationToken cancellationToken) =>
        await courses.EndAsync(courseId, request, cancellationToken) && await courses.GetAsync(courseId, cancellationToken) is { } detail
            ? TypedResults.Ok(detail)
            : TypedResults.NotFound();
}
