namespace Samspil.Features.Home;

public static class HomeEndpoints
{
    public static IEndpointRouteBuilder MapHomeEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/me/home", async (HomeService home, CancellationToken ct) => TypedResults.Ok(await home.GetAsync(ct)))
            .WithTags("Citizen")
            .WithName("MyHome")
            .WithSummary("The citizen's home page as data: next meeting, my tasks, unread messages, goals and whom to call. For the citizen or their proxy; anyone else gets 403.")
            .RequireAuthorization();
        return app;
    }
}
