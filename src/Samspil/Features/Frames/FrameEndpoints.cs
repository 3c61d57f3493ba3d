using Microsoft.AspNetCore.Http.HttpResults;
using Samspil.Domain.Directory;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Frames;

/// <summary>Each actor's frame as data: staff read it, administrators replace a kind's frame whole.</summary>
public static class FrameEndpoints
{
    public static IEndpointRouteBuilder MapFrameEndpoints(this IEndpointRouteBuilder app)
    {
        var frames = app.MapGroup("/api/v1/frames").WithTags("Frames").RequireAuthorization(SamspilPolicies.Staff);
        frames.MapGet("/", async (FrameService service, CancellationToken ct) => TypedResults.Ok(await service.FramesAsync(ct)))
            .WithName("ListFrames")
            .WithSummary("Every organisation kind's frame: the laws it works under, its statutory deadlines (structured: type, amount, unit, what it runs from, legal reference) and its methods.");
        frames.MapGet("/{kind}", Get).WithName("GetFrame")
            .WithSummary("One organisation kind's frame (kind as in the directory, e.g. JobCentre).");
        frames.MapPut("/{kind}", Put).WithName("PutFrame").RequireAuthorization(SamspilPolicies.Administrator)
            .WithSummary("Creates or replaces one organisation kind's frame whole (201 when it is new).");
        return app;
    }

    /// <summary>The kind's name (case-insensitive); numbers and unknown names are no kind.</summary>
    public static bool TryParseKind(string? value, out OrganizationKind kind)
    {
        kind = default;
        return !string.IsNullOrWhiteSpace(value) && value.Length <= 40 && char.IsLetter(value[0])
            && Enum.TryParse(value, ignoreCase: true, out kind) && Enum.IsDefined(kind);
    }

    private static async Task<Results<Ok<FrameView>, NotFound>> Get(string kind, FrameService service, CancellationToken ct) =>
        TryParseKind(kind, out var k) && await service.FrameAsync(k, ct) is { } frame ? TypedResults.Ok(frame) : TypedResults.NotFound();

    private static async Task<Results<Ok<FrameView>, Created<FrameView>, NotFound>> Put(string kind, FrameRequest request, FrameService service, CancellationToken ct)
    {
        if (!TryParseKind(kind, out var k))
        {
            return TypedResults.NotFound();
        }

        var (view, created) = await service.SaveAsync(k, request, ct);
        return created ? TypedResults.Created($"/api/v1/frames/{view.Kind}", view) : TypedResults.Ok(view);
    }
}
