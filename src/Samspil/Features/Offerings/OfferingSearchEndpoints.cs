using Microsoft.AspNetCore.Http.HttpResults;

namespace Samspil.Features.Offerings;

/// <summary>
/// GET /api/v1/offerings: search active offerings, anonymous (offerings are public information, not citizen data);
/// GET /api/v1/courses/{id}/offerings: the offerings that fit a course, through the access policy (a course the caller may not read is 404).
/// </summary>
public static class OfferingSearchEndpoints
{
    public static IEndpointRouteBuilder MapOfferingSearchEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/offerings", SearchAsync)
            .WithTags("Offerings")
            .WithName("SearchOfferings")
            .WithSummary("Search active offerings by free text, need, target group, municipality, language, age and opening hours; anonymous.")
            .AllowAnonymous();
        app.MapGet("/api/v1/courses/{courseId:guid}/offerings", CourseOfferingsAsync)
            .WithTags("Offerings")
            .WithName("CourseOfferings")
            .WithSummary("The offerings that fit a course (its target group, optionally a municipality), crisis and after-hours first, and those linked from its plan.")
            .RequireAuthorization();
        return app;
    }

    private static async Task<Ok<OfferingSearchResult>> SearchAsync(
        OfferingSearch search,
        CancellationToken ct,
        string? q = null,
        string? need = null,
        string? targetGroup = null,
        string? municipality = null,
        string? language = null,
        int? age = null,
        bool? openNow = null,
        bool? openTonight = null,
        bool? openWeekend = null,
        bool? afterHours = null,
        string? sort = null,
        int? limit = null,
        int? offset = null) =>
        TypedResults.Ok(await search.SearchAsync(
            new OfferingSearchQuery(q, need, targetGroup, municipality, language, age, openNow == true, openTonight == true, openWeekend == true, afterHours == true, sort, limit, offset),
            ct));

    private static async Task<Results<Ok<CourseOfferingsView>, NotFound>> CourseOfferingsAsync(Guid courseId, CourseOfferings offerings, CancellationToken ct, string? municipality = null) =>
        await offerings.ForCourseAsync(courseId, municipality, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();
}
