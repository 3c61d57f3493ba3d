using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Common;
using Samspil.Features.Consents;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.CitizenAccess;

/// <summary>
/// Giving a citizen and a proxy access (issue 14). Staff with a citizen-level basis for the citizen (their
/// organisation registered the citizen, or a consent in force names them) may call these; registering a
/// course is not enough. For anyone else the citizen does not exist (404).
/// Codes are returned once and stored only as a hash.
/// </summary>
public static class CitizenAccessEndpoints
{
    public static IEndpointRouteBuilder MapCitizenAccessEndpoints(this IEndpointRouteBuilder app)
    {
        var citizen = app.MapGroup("/api/v1/citizens/{citizenId:guid}").WithTags("Citizen access").RequireAuthorization(SamspilPolicies.Staff);
        citizen.MapGet("/access", Get).WithName("GetCitizenAccess")
            .WithSummary("Whether the citizen has a login (None, Invited, Active) and the powers of attorney registered for them.");
        citizen.MapPost("/access", Grant).WithName("GiveCitizenAccess")
            .WithSummary("Gives the citizen a login (role Citizen) and a one-time activation code (7 days) for the activation letter; "
                + "a new call replaces an unused code. 409 when the citizen has already activated their login.");
        citizen.MapGet("/powers-of-attorney", List).WithName("ListPowersOfAttorney")
            .WithSummary("The citizen's registered powers of attorney, newest first, ended ones included.");
        citizen.MapPost("/powers-of-attorney", Register).WithName("RegisterPowerOfAttorney")
            .WithSummary("Registers a power of attorney (proxy's name, relation, period, scope as information categories, whether the proxy may give consent, "
                + "and the document: documentId of an uploaded document or documentReference). Creates the proxy's login and returns its one-time activation code.");
        citizen.MapPost("/powers-of-attorney/{powerOfAttorneyId:guid}/end", End).WithName("EndPowerOfAttorney")
            .WithSummary("Ends a power of attorney at once: the proxy's login is locked and every session and token of it is refused on its next request.");

        // Uploads are for API clients with a bearer token; the web UI uploads through its own form with antiforgery.
        citizen.MapPost("/power-of-attorney-documents", Upload).WithName("UploadPowerOfAttorneyDocument")
            .WithSummary("Uploads the signed power of attorney (PDF, PNG or JPEG, at most 5 MB) as multipart/form-data field 'file'; use the answer's documentId when registering.")
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = IdentityConstants.BearerScheme, Policy = SamspilPolicies.Staff })
            .DisableAntiforgery();
        return app;
    }

    private static async Task<Results<Ok<CitizenAccessView>, NotFound>> Get(Guid citizenId, CitizenAccessService service, CancellationToken ct) =>
        await service.GetAsync(citizenId, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

    private static async Task<Results<Created<CitizenAccessGranted>, NotFound, ProblemHttpResult>> Grant(
        Guid citizenId, CitizenAccessService service, IStringLocalizer<SharedResource> localizer, CancellationToken ct)
    {
        try
        {
            return await service.GrantCitizenAccessAsync(citizenId, ct) is { } granted
                ? TypedResults.Created($"/api/v1/citizens/{citizenId}/access", granted.Granted)
                : TypedResults.NotFound();
        }
        catch (DomainException ex) when (ex.Code == "CitizenAccess.AlreadyActive")
        {
            return TypedResults.Problem(localizer[ex.Code], statusCode: StatusCodes.Status409Conflict, title: localizer["CitizenAccess.Failed.Title"]);
        }
    }

    private static async Task<Results<Ok<IReadOnlyList<PowerOfAttorneyView>>, NotFound>> List(Guid citizenId, CitizenAccessService service, CancellationToken ct) =>
        await service.ListPowersOfAttorneyAsync(citizenId, ct) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound();

    private static async Task<Results<Created<PowerOfAttorneyRegistered>, NotFound>> Register(
        Guid citizenId, PowerOfAttorneyRequest request, CitizenAccessService service, CancellationToken ct) =>
        await service.RegisterPowerOfAttorneyAsync(citizenId, request, upload: null, ct) is { } registered
            ? TypedResults.Created($"/api/v1/citizens/{citizenId}/powers-of-attorney/{registered.Registered.PowerOfAttorney.Id}", registered.Registered)
            : TypedResults.NotFound();

    private static async Task<Results<Ok<PowerOfAttorneyView>, NotFound, ProblemHttpResult>> End(
        Guid citizenId, Guid powerOfAttorneyId, CitizenAccessService service, IStringLocalizer<SharedResource> localizer, CancellationToken ct)
    {
        try
        {
            return await service.EndPowerOfAttorneyAsync(citizenId, powerOfAttorneyId, ct) is { } ended ? TypedResults.Ok(ended) : TypedResults.NotFound();
        }
        catch (DomainException ex) when (ex.Code == "PowerOfAttorney.AlreadyEnded")
        {
            return TypedResults.Problem(localizer[ex.Code], statusCode: StatusCodes.Status409Conflict, title: localizer["CitizenAccess.Failed.Title"]);
        }
    }

    private static async Task<Results<Created<DocumentUploaded>, NotFound>> Upload(Guid citizenId, IFormFile? file, CitizenAccessService service, CancellationToken ct)
    {
        await using var content = file?.OpenReadStream() ?? Stream.Null;
        var upload = file is null ? null : new DocumentUpload(file.FileName, file.ContentType, content, file.Length);
        return await service.UploadDocumentAsync(citizenId, upload, ct) is { } uploaded
            ? TypedResults.Created($"/api/v1/citizens/{citizenId}/powers-of-attorney", uploaded)
            : TypedResults.NotFound();
    }
}
