using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Samspil.Features.Shared;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Offerings;

/// <summary>
/// One offering: read by anyone (offerings are public information), created and changed by the administrators
/// of the organisation tree it belongs to. GET and PUT carry the version as ETag; PUT needs it in If-Match
/// (or "*"): 428 without, 412 when someone else changed the offering since. The list and search
/// (GET /api/v1/offerings) are the search feature's.
/// </summary>
public static class OfferingAdminEndpoints
{
    public static IEndpointRouteBuilder MapOfferingAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var offerings = app.MapGroup("/api/v1/offerings").WithTags("Offerings");
        offerings.MapGet("/{id:guid}", Get).WithName("GetOffering").AllowAnonymous()
            .WithSummary("One offering, public: what it is, for whom, how to get there, languages, address and map link, contact, weekly periods (\"HH:mm\") and dated exceptions (ISO dates), "
                + "with openNow and nextChange computed in Copenhagen time. An inactive offering only for its administrators. ETag = version.");
        offerings.MapPost("/", Create).WithName("CreateOffering").RequireAuthorization(SamspilPolicies.Administrator)
            .WithSummary("A new offering of an organisation in the administrator's own tree (403 for another's). At most 50 weekly periods and 400 exceptions; "
                + "municipalities are kommunekoder, languages ISO 639-1, needs from the fixed list, url http(s) only.");
        offerings.MapPut("/{id:guid}", Update).WithName("UpdateOffering").RequireAuthorization(SamspilPolicies.Administrator)
            .WithSummary("Replaces an offering whole (status Inactive deactivates it). If-Match required (412 on a stale version). Another tree's offering is 404.");
        return app;
    }

    private static async Task<Results<Ok<OfferingDto>, NotFound>> Get(Guid id, CurrentUser user, OfferingAdministration service, HttpContext http, CancellationToken cancellationToken)
    {
        if (await service.GetAsync(user, id, cancellationToken) is not { } view)
        {
            return TypedResults.NotFound();
        }

        VersionETag.Set(http, view.Version);
        return TypedResults.Ok(view);
    }

    private static async Task<Created<OfferingDto>> Create(OfferingRequest request, CurrentUser admin, OfferingAdministration service, HttpContext http, CancellationToken cancellationToken)
    {
        var created = await service.CreateAsync(admin, request, cancellationToken);
        VersionETag.Set(http, created.Version);
        return TypedResults.Created($"/api/v1/offerings/{created.Id}", created);
    }

    private static async Task<Results<Ok<OfferingDto>, NotFound, ProblemHttpResult>> Update(
        Guid id, OfferingRequest request, CurrentUser admin, OfferingAdministration service, HttpContext http, CancellationToken cancellationToken)
    {
        if (!VersionETag.TryReadIfMatchToken(http, "Offering.IfMatch.Required", "Offering.IfMatch.Invalid", out var expected, out var problem))
        {
            return problem!;
        }

        try
        {
            if (await service.UpdateAsync(admin, id, expected, request, cancellationToken) is not { } view)
            {
                return TypedResults.NotFound();
            }

            VersionETag.Set(http, view.Version);
            return TypedResults.Ok(view);
        }
        catch (OfferingVersionConflictException conflict)
        {
            var localizer = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
            return TypedResults.Problem(
                localizer["Offering.Conflict.Detail"],
                statusCode: StatusCodes.Status412PreconditionFailed,
                title: localizer["Offering.Conflict.Title"],
                extensions: new Dictionary<string, object?> { ["yourVersion"] = expected, ["currentVersion"] = conflict.CurrentVersion });
        }
    }
}
