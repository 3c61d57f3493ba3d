using Microsoft.AspNetCore.Http.HttpResults;

namespace Samspil.Features.Family;

/// <summary>
/// The citizen's family on a course (issue 17 point 6, docs/family.md): children, links to relatives who are patients
/// too, and the bisidders the citizen chose. A course the caller may not read in "socialt og familie" is 404.
/// </summary>
public static class FamilyEndpoints
{
    public static IEndpointRouteBuilder MapFamilyEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/courses/{courseId:guid}/family").WithTags("Family").RequireAuthorization();
        group.MapGet("/", async Task<Results<Ok<FamilyView>, NotFound>> (Guid courseId, FamilyService family, CancellationToken ct) =>
                Found(await family.GetAsync(courseId, ct)))
            .WithName("GetFamily").WithSummary("Children (age band, whether they know, support offered), relative links (the other course only with both consents) and bisidders.");
        group.MapPost("/children", async Task<Results<Ok<FamilyView>, NotFound>> (Guid courseId, ChildRequest request, FamilyService family, CancellationToken ct) =>
                Found(await family.AddChildAsync(courseId, request, ct)))
            .WithName("AddFamilyChild");
        group.MapPut("/children/{childId:guid}", async Task<Results<Ok<FamilyView>, NotFound>> (Guid courseId, Guid childId, ChildRequest request, FamilyService family, CancellationToken ct) =>
                Found(await family.UpdateChildAsync(courseId, childId, request, ct)))
            .WithName("UpdateFamilyChild");
        group.MapDelete("/children/{childId:guid}", async Task<Results<Ok<FamilyView>, NotFound>> (Guid courseId, Guid childId, FamilyService family, CancellationToken ct) =>
                Found(await family.RemoveChildAsync(courseId, childId, ct)))
            .WithName("RemoveFamilyChild");
        group.MapPost("/relative-links", async Task<Results<Ok<FamilyView>, NotFound>> (Guid courseId, RelativeLinkRequest request, FamilyService family, CancellationToken ct) =>
                Found(await family.AddLinkAsync(courseId, request, ct)))
            .WithName("AddRelativeLink").WithSummary("Links to the relative's own course with this citizen's consent; the relative's consent comes from their course.");
        group.MapPost("/relative-links/{linkId:guid}/consent", async Task<Results<Ok<FamilyView>, NotFound>> (Guid courseId, Guid linkId, RelativeConsentRequest request, FamilyService family, CancellationToken ct) =>
                Found(await family.SetConsentAsync(courseId, linkId, request, ct)))
            .WithName("SetRelativeLinkConsent").WithSummary("This course's citizen gives (true) or takes back (false) their consent to the link.");
        return app;
    }

    private static Results<Ok<FamilyView>, NotFound> Found(FamilyView? view) =>
        view is null ? TypedResults.NotFound() : TypedResults.Ok(view);
}
