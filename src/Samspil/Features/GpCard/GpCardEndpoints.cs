using Microsoft.AspNetCore.Http.HttpResults;

namespace Samspil.Features.GpCard;

/// <summary>
/// The GP's card as data. Only the read is new: answering uses the existing write endpoints
/// (POST /api/v1/conversations/{id}/messages, POST /api/v1/meetings/{id}/agenda/points,
/// POST /api/v1/courses/{courseId}/plan/actions/{actionId}/status with If-Match), which call the
/// same services as the card's page.
/// </summary>
public static class GpCardEndpoints
{
    public static IEndpointRouteBuilder MapGpCardEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/me/gp-card", async Task<Results<Ok<GpCardView>, NotFound>> (GpCardService s, CancellationToken ct) =>
                await s.GetAsync(ct) is { } card ? TypedResults.Ok(card) : TypedResults.NotFound())
            .RequireAuthorization()
            .WithTags("GpCard")
            .WithName("MyGpCard")
            .WithSummary("\"Til lægen\": per course, the open actions the GP owns, threads whose latest message waits for the GP, and upcoming meetings the GP is invited to. 404 for anyone who is not a GP (a professional in a general-practice organisation).");
        return app;
    }
}
