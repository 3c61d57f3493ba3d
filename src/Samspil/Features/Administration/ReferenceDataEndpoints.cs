using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Samspil.Features.Consents;
using Samspil.Features.Shared;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Administration;

/// <summary>
/// Administrators' API for reference data besides the directory's: legal bases (GET is the consent API's)
/// and meeting models as data (the list GET is the meetings API's). A meeting model is changed with
/// If-Match on its version, so that two administrators do not overwrite each other.
/// </summary>
public static class ReferenceDataEndpoints
{
    public static IEndpointRouteBuilder MapReferenceDataEndpoints(this IEndpointRouteBuilder app)
    {
        var legalBases = app.MapGroup("/api/v1/legal-bases").WithTags("Consent").RequireAuthorization(SamspilPolicies.Administrator);
        legalBases.MapPost("/", CreateLegalBasis).WithName("CreateLegalBasis")
            .WithSummary("A new legal basis: code, title, law reference, categories and purposes it opens, recipient organisation kinds.");
        legalBases.MapPut("/{code}", UpdateLegalBasis).WithName("UpdateLegalBasis")
            .WithSummary("Changes a legal basis; active=false deactivates it (it opens nothing from the next read).");

        var templates = app.MapGroup("/api/v1/meeting-templates").WithTags("Meetings").RequireAuthorization();
        templates.MapGet("/{key}", GetTemplate).WithName("GetMeetingTemplate")
            .WithSummary("One meeting model, active or not, with its version as ETag.");
        templates.MapPost("/", CreateTemplate).WithName("CreateMeetingTemplate").RequireAuthorization(SamspilPolicies.Administrator)
            .WithSummary("A new meeting model: key, names, steps (kind, titles, format, offset and window in days, repeat, participant roles), default target groups.");
        templates.MapPut("/{key}", UpdateTemplate).WithName("UpdateMeetingTemplate").RequireAuthorization(SamspilPolicies.Administrator)
            .WithSummary("Replaces a meeting model whole. If-Match required (412 on a stale version). Affects proposals made afterwards, not meetings already proposed.");
        return app;
    }

    private static async Task<Created<LegalBasisView>> CreateLegalBasis(LegalBasisRequest request, ReferenceDataService service, CancellationToken cancellationToken)
    {
        var created = await service.CreateLegalBasisAsync(request, cancellationToken);
        return TypedResults.Created($"/api/v1/legal-bases/{Uri.EscapeDataString(created.Code)}", created);
    }

    private static async Task<Results<Ok<LegalBasisView>, NotFound>> UpdateLegalBasis(string code, LegalBasisRequest request, ReferenceDataService service, CancellationToken cancellationToken) =>
        await service.UpdateLegalBasisAsync(code, request, cancellationToken) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

    private static async Task<Results<Ok<MeetingTemplateView>, NotFound>> GetTemplate(string key, ReferenceDataService service, HttpContext http, CancellationToken cancellationToken)
    {
        if (await service.MeetingTemplateAsync(key, cancellationToken) is not { } view)
        {
            return TypedResults.NotFound();
        }

        VersionETag.Set(http, view.Version);
        return TypedResults.Ok(view);
    }

    private static async Task<Created<MeetingTemplateView>> CreateTemplate(MeetingTemplateRequest request, ReferenceDataService service, HttpContext http, CancellationToken cancellationToken)
    {
        var created = await service.CreateMeetingTemplateAsync(request, cancellationToken);
        VersionETag.Set(http, created.Version);
        return TypedResults.Created($"/api/v1/meeting-templates/{Uri.EscapeDataString(created.Key)}", created);
    }

    private static async Task<Results<Ok<MeetingTemplateView>, NotFound, ProblemHttpResult>> UpdateTemplate(
        string key, MeetingTemplateRequest request, ReferenceDataService service, HttpContext http, CancellationToken cancellationToken)
    {
        if (!VersionETag.TryReadIfMatch(http, "MeetingTemplate.IfMatch.Required", "MeetingTemplate.IfMatch.Invalid", out var expected, out var problem))
        {
            return problem!;
        }

        try
        {
            if (await service.UpdateMeetingTemplateAsync(key, expected, request, cancellationToken) is not { } view)
            {
                return TypedResults.NotFound();
            }

            VersionETag.Set(http, view.Version);
            return TypedResults.Ok(view);
        }
        catch (ReferenceDataConflictException conflict)
        {
            var localizer = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
            return TypedResults.Problem(
                localizer["MeetingTemplate.Conflict.Detail"],
                statusCode: StatusCodes.Status412PreconditionFailed,
                title: localizer["MeetingTemplate.Conflict.Title"],
                extensions: new Dictionary<string, object?> { ["yourVersion"] = expected, ["currentVersion"] = conflict.CurrentVersion });
        }
    }
}
