namespace Samspil.Features.EntryPoints;

public static class EntryPointEndpoints
{
    /// <summary>The entry point is public: the group allows anonymous callers, and only it (every other API keeps its policy).</summary>
    public static IEndpointRouteBuilder MapEntryPointEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/entry-points").WithTags("EntryPoints").AllowAnonymous();
        group.MapGet("/", async (EntryPointService entryPoints, CancellationToken ct, string? municipality = null, string? targetGroup = null) =>
                TypedResults.Ok(await entryPoints.FindAsync(municipality, targetGroup, ct)))
            .WithName("FindEntryPoints")
            .WithSummary("\"Hvor henvender jeg mig?\": the municipality's entry point(s) for a target group (municipality = kommunekode, e.g. 630; targetGroup = an active target group's code), with public contact, opening hours and open-now state, and the after-hours and crisis offerings serving the municipality. Anonymous callers allowed; 400 for an unknown municipality or target group.");
        group.MapGet("/choices", async (EntryPointService entryPoints, CancellationToken ct) => TypedResults.Ok(await entryPoints.ChoicesAsync(ct)))
            .WithName("EntryPointChoices")
            .WithSummary("The municipalities and active target groups one can ask about. Anonymous callers allowed.");
        return app;
    }
}
