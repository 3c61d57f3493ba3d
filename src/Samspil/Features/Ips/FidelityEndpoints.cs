using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Ips;

/// <summary>
/// IPS fidelity reviews of teams (docs/questionnaires-ips-fidelity.md). Organisation data: staff and managers read the
/// reviews of the teams in their tree; the tree's administrators and managers record them. A team outside the
/// caller's tree, or an unknown one, is 404; a team the caller may read but not record for is 403 on POST.
/// </summary>
public static class FidelityEndpoints
{
    public static IEndpointRouteBuilder MapFidelityEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/ips-fidelity").WithTags("IpsFidelity")
            .RequireAuthorization(policy => policy.RequireRole(SamspilRoles.Professional, SamspilRoles.Administrator, SamspilRoles.Manager));
        group.MapGet("/teams", TeamsAsync).WithName("ListIpsFidelityTeams")
            .WithSummary("The IPS teams (units with fidelity reviews) the caller may see, each with its newest review's total (of 125) and band.");
        group.MapGet("/teams/{organizationId:guid}/reviews", HistoryAsync).WithName("ListIpsFidelityReviews")
            .WithSummary("A team's fidelity reviews, oldest first: date, reviewers, total of 125, band and section subtotals.");
        group.MapPost("/teams/{organizationId:guid}/reviews", RecordAsync).WithName("RecordIpsFidelityReview")
            .WithSummary("Records a fidelity review: every one of the 25 items rated 1–5 (answers [{linkId, number}]), reviewedOn (not in the future), reviewers. Administrators and managers of the team's tree.");
        group.MapGet("/teams/{organizationId:guid}/reviews/{reviewId:guid}", GetAsync).WithName("GetIpsFidelityReview")
            .WithSummary("One fidelity review with every item's rating.");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<FidelityTeamView>>> TeamsAsync(FidelityService fidelity, CancellationToken cancellationToken) =>
        TypedResults.Ok(await fidelity.TeamsAsync(cancellationToken));

    private static async Task<Results<Ok<FidelityHistoryView>, NotFound>> HistoryAsync(Guid organizationId, FidelityService fidelity, CancellationToken cancellationToken) =>
        await fidelity.HistoryAsync(organizationId, cancellationToken) is { } history ? TypedResults.Ok(history) : TypedResults.NotFound();

    private static async Task<Results<Ok<FidelityReviewView>, NotFound>> GetAsync(Guid organizationId, Guid reviewId, FidelityService fidelity, CancellationToken cancellationToken) =>
        await fidelity.GetAsync(organizationId, reviewId, cancellationToken) is { } review ? TypedResults.Ok(review) : TypedResults.NotFound();

    private static async Task<Results<Created<FidelityReviewView>, NotFound, ProblemHttpResult>> RecordAsync(
        Guid organizationId, FidelityReviewRequest request, FidelityService fidelity, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        try
        {
            return await fidelity.RecordAsync(organizationId, request, cancellationToken) is { } review
                ? TypedResults.Created($"/api/v1/ips-fidelity/teams/{organizationId}/reviews/{review.Id}", review)
                : TypedResults.NotFound();
        }
        catch (FidelityRecordForbiddenException)
        {
            return TypedResults.Problem(localizer["Fidelity.Forbidden.Detail"], statusCode: StatusCodes.Status403Forbidden, title: localizer["Fidelity.Forbidden.Title"]);
        }
    }
}
