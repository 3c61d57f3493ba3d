using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Common;
using Samspil.Features.Shared;
using Samspil.Infrastructure.ErrorHandling;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Agreements;

/// <summary>
/// Collaboration agreements' API (samarbejdsaftaler): staff and managers read; administrators of a party change. Every
/// change takes the version from If-Match (the ETag of a read): 428 without it, 412 on a stale one.
/// </summary>
public static class AgreementEndpoints
{
    /// <summary>Professionals, administrators and managers: every signed-in staff member.</summary>
    public static readonly string[] ReaderRoles = [SamspilRoles.Professional, SamspilRoles.Administrator, SamspilRoles.Manager];

    public const int MaxFilterLength = 50;

    public static IEndpointRouteBuilder MapAgreementEndpoints(this IEndpointRouteBuilder app, AgreementOptions options)
    {
        var group = app.MapGroup("/api/v1/agreements").WithTags("Agreements").RequireAuthorization(policy => policy.RequireRole(ReaderRoles));
        group.MapGet("/", ListAsync)
            .WithName("ListAgreements")
            .WithSummary("Collaboration agreements, in force first, then upcoming, drafts and expired. targetGroup: a target-group code; organizationId: agreements with that organisation (or one above it) as a party.");
        group.MapPost("/", CreateAsync)
            .WithName("CreateAgreement")
            .WithSummary("Creates an agreement (version 1): title, purpose, targetGroupCodes, at least two parties from different sectors (organizationId, decisionRights, contact), validFrom, validTo, nextReviewOn, isDraft. The caller must administer one of the parties (or an organisation above one).")
            .RequireAuthorization(SamspilPolicies.Administrator);
        group.MapGet("/{agreementId:guid}", GetAsync).WithName("GetAgreement").WithSummary("One agreement with its parties, contacts, document and version (also the ETag).");
        group.MapPut("/{agreementId:guid}", UpdateAsync)
            .WithName("UpdateAgreement")
            .WithSummary("Changes an agreement (a new version; the document stays). If-Match: the version read. 403 unless the caller administers a party; 412 when someone else changed it first.")
            .RequireAuthorization(SamspilPolicies.Administrator);
        group.MapGet("/{agreementId:guid}/versions", VersionsAsync).WithName("AgreementVersions").WithSummary("Every version, newest first: the whole content as saved, its document, who and when.");
        group.MapPost("/{agreementId:guid}/document", UploadAsync)
            .WithName("UploadAgreementDocument")
            .WithSummary("A new document (multipart/form-data, field file; PDF recognised by content) for the agreement: a new version. If-Match: the version read.")
            .RequireAuthorization(SamspilPolicies.Administrator)
            .Accepts<IFormFile>("multipart/form-data")
            .WithMetadata(new RequestSizeLimitAttribute(options.MaxRequestBytes))
            .WithFormOptions(multipartBodyLengthLimit: options.MaxRequestBytes);
        group.MapGet("/{agreementId:guid}/documents/{documentId:guid}", DownloadAsync)
            .WithName("DownloadAgreementDocument")
            .WithSummary("A document of the agreement (the current or an earlier version's) as a download.");
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<AgreementSummaryView>>, ValidationProblem>> ListAsync(
        AgreementService agreements, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken, string? targetGroup = null, Guid? organizationId = null)
    {
        if (targetGroup is { Length: > MaxFilterLength } || Guard.HasControlCharacters(targetGroup))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["targetGroup"] = [localizer["Agreement.Filter.Invalid"]] }, title: localizer["Problem.Validation.Title"]);
        }

        return TypedResults.Ok(await agreements.ListAsync(new AgreementListFilter(targetGroup?.Trim(), organizationId), cancellationToken));
    }

    private static async Task<Results<Ok<AgreementView>, NotFound>> GetAsync(Guid agreementId, AgreementService agreements, HttpContext http, CancellationToken cancellationToken)
    {
        if (await agreements.GetAsync(agreementId, cancellationToken) is not { } view)
        {
            return TypedResults.NotFound();
        }

        VersionETag.Set(http, view.Version);
        return TypedResults.Ok(view);
    }

    private static async Task<Created<AgreementView>> CreateAsync(AgreementRequest request, AgreementService agreements, HttpContext http, CancellationToken cancellationToken)
    {
        var view = await agreements.CreateAsync(request, null, cancellationToken);
        VersionETag.Set(http, view.Version);
        return TypedResults.Created($"/api/v1/agreements/{view.Id:D}", view);
    }

    private static async Task<Results<Ok<AgreementView>, NotFound, ProblemHttpResult>> UpdateAsync(Guid agreementId, AgreementRequest request, AgreementService agreements, HttpContext http, CancellationToken cancellationToken) =>
        await ChangeAsync(http, expected => agreements.UpdateAsync(agreementId, expected, request, null, cancellationToken));

    private static async Task<Results<Ok<AgreementView>, NotFound, ProblemHttpResult>> UploadAsync(Guid agreementId, AgreementService agreements, HttpContext http, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var request = http.Request;
        if (!request.HasFormContentType)
        {
            throw new BadHttpRequestException("Send multipart/form-data with a file.", StatusCodes.Status415UnsupportedMediaType);
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException ex) when (ex.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            throw new BadHttpRequestException("The form is too large.", StatusCodes.Status413PayloadTooLarge, ex);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException && !cancellationToken.IsCancellationRequested)
        {
            throw new BadHttpRequestException("The form is malformed.", StatusCodes.Status400BadRequest, ex);
        }

        if (form.Files.Count != 1)
        {
            var errors = new ValidationErrors();
            errors.Add("file", "Agreement.Document.Required");
            throw new InputValidationException(errors);
        }

        var upload = await ReadUploadAsync(form.Files[0], agreements.MaxDocumentBytes, cancellationToken);
        return await ChangeAsync(http, expected => agreements.AttachDocumentAsync(agreementId, expected, upload, cancellationToken));
    }

    /// <summary>Reads an uploaded file into memory, refusing an empty or too large one before reading it.</summary>
    public static async Task<AgreementUpload> ReadUploadAsync(IFormFile file, long maxBytes, CancellationToken cancellationToken)
    {
        if (file.Length > maxBytes)
        {
            throw new DomainException("Agreement.Document.TooLarge", "file");
        }

        if (file.Length == 0)
        {
            throw new DomainException("Agreement.Document.Empty", "file");
        }

        using var buffer = new MemoryStream((int)file.Length);
        await using (var stream = file.OpenReadStream())
        {
            await stream.CopyToAsync(buffer, cancellationToken);
        }

        return new AgreementUpload(file.FileName, buffer.ToArray());
    }

    private static async Task<Results<Ok<IReadOnlyList<AgreementVersionView>>, NotFound>> VersionsAsync(Guid agreementId, AgreementService agreements, CancellationToken cancellationToken) =>
        await agreements.VersionsAsync(agreementId, cancellationToken) is { } versions ? TypedResults.Ok(versions) : TypedResults.NotFound();

    private static async Task<Results<FileContentHttpResult, NotFound>> DownloadAsync(Guid agreementId, Guid documentId, AgreementService agreements, HttpContext http, CancellationToken cancellationToken)
    {
        if (await agreements.DocumentAsync(agreementId, documentId, cancellationToken) is not { } file)
        {
            return TypedResults.NotFound();
        }

        // Always a download, never shown inline or re-interpreted by the browser (as conversation attachments).
        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        headers.CacheControl = "no-store, private";
        return TypedResults.File(file.Content, file.ContentType, file.FileName);
    }

    /// <summary>Runs a change with the version from If-Match: 428 without one, 400 for a malformed one, 412 on a stale one, 403 for a non-party.</summary>
    private static async Task<Results<Ok<AgreementView>, NotFound, ProblemHttpResult>> ChangeAsync(HttpContext http, Func<int?, Task<AgreementView?>> change)
    {
        var localizer = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        if (!VersionETag.TryReadIfMatch(http, "Agreement.IfMatch.Required", "Agreement.IfMatch.Invalid", out var expected, out var problem))
        {
            return problem!;
        }

        try
        {
            if (await change(expected) is not { } view)
            {
                return TypedResults.NotFound();
            }

            VersionETag.Set(http, view.Version);
            return TypedResults.Ok(view);
        }
        catch (AgreementVersionConflictException conflict)
        {
            VersionETag.Set(http, conflict.CurrentVersion);
            return TypedResults.Problem(
                localizer["Agreement.Conflict.Detail"],
                statusCode: StatusCodes.Status412PreconditionFailed,
                title: localizer["Agreement.Conflict.Title"],
                extensions: new Dictionary<string, object?> { ["yourVersion"] = expected, ["currentVersion"] = conflict.CurrentVersion });
        }
        catch (AgreementEditForbiddenException)
        {
            return TypedResults.Problem(localizer["Agreement.Forbidden.Detail"], statusCode: StatusCodes.Status403Forbidden, title: localizer["Agreement.Forbidden.Title"]);
        }
    }
}
