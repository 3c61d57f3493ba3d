using Microsoft.AspNetCore.Http.HttpResults;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Glossary;

/// <summary>The shared glossary's API: anyone may read and search it (public knowledge), administrators change it.</summary>
public static class GlossaryEndpoints
{
    public static IEndpointRouteBuilder MapGlossaryEndpoints(this IEndpointRouteBuilder app)
    {
        var glossary = app.MapGroup("/api/v1/glossary").WithTags("Glossary");
        glossary.MapGet("/", Search).AllowAnonymous().WithName("SearchGlossary")
            .WithSummary("Every term, or those whose term, synonyms, explanation or sector meanings contain q (case-insensitive). Public.");
        glossary.MapGet("/{slug}", Get).AllowAnonymous().WithName("GetGlossaryTerm")
            .WithSummary("One term with its explanations in Danish, English and the citizen languages, and each sector's meaning. Public.");
        glossary.MapPost("/", Create).RequireAuthorization(SamspilPolicies.Administrator).WithName("CreateGlossaryTerm")
            .WithSummary("A new term: slug, Danish term, synonyms that link to it, code identifier, explanations (da and en required), sector meanings.");
        glossary.MapPut("/{slug}", Update).RequireAuthorization(SamspilPolicies.Administrator).WithName("UpdateGlossaryTerm")
            .WithSummary("Replaces a term's content (the slug stays).");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<GlossaryTermView>>> Search(GlossaryService glossary, CancellationToken cancellationToken, string? q = null) =>
        TypedResults.Ok(await glossary.SearchAsync(q, cancellationToken));

    private static async Task<Results<Ok<GlossaryTermView>, NotFound>> Get(string slug, GlossaryService glossary, CancellationToken cancellationToken) =>
        await glossary.FindAsync(slug, cancellationToken) is { } term ? TypedResults.Ok(term) : TypedResults.NotFound();

    private static async Task<Created<GlossaryTermView>> Create(GlossaryTermRequest request, GlossaryService glossary, CancellationToken cancellationToken)
    {
        var created = await glossary.CreateAsync(request, cancellationToken);
        return TypedResults.Created($"/api/v1/glossary/{created.Slug}", created);
    }

    private static async Task<Results<Ok<GlossaryTermView>, NotFound>> Update(string slug, GlossaryTermRequest request, GlossaryService glossary, CancellationToken cancellationToken) =>
        await glossary.UpdateAsync(slug, request, cancellationToken) is { } term ? TypedResults.Ok(term) : TypedResults.NotFound();
}
