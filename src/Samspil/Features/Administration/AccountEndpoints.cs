using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Samspil.Features.Shared;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Administration;

/// <summary>
/// Staff accounts of the administrator's organisation tree (issue 14). Accounts outside the tree answer
/// 404, as if they did not exist. GET returns the account's version as ETag; a change sends it back in
/// If-Match (or "*"): 428 without, 412 when the account has changed since. Every change is written to the
/// administration log. The invitation endpoint of <c>Account.StaffInvitation</c> stays as it is.
/// </summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var accounts = app.MapGroup("/api/v1/accounts").WithTags("Accounts").RequireAuthorization(SamspilPolicies.Administrator);
        accounts.MapGet("/", List).WithName("ListAccounts")
            .WithSummary("Staff accounts of the administrator's organisation tree, with status (Active, Invited, Deactivated), roles and units. Filters: status, unitId, search (name or e-mail).");
        accounts.MapGet("/{id:guid}", Get).WithName("GetAccount").WithSummary("One staff account. ETag = version.");
        accounts.MapPost("/", Invite).WithName("InviteAccount")
            .WithSummary("Creates the professional, their units and the account (no password, roles Professional, Administrator and/or Manager) and invites them: "
                + "the activation link is e-mailed and returned (valid 7 days, once).");
        accounts.MapPut("/{id:guid}", Update).WithName("UpdateAccount")
            .WithSummary("Changes name, e-mail, profession, roles and units (units left out are ended). If-Match required. A change of roles ends the person's sessions. "
                + "An administrator cannot remove their own Administrator role. Manager (leder) gives the steering figures of the person's organisation tree and no citizen data.");
        accounts.MapPost("/{id:guid}/deactivate", Deactivate).WithName("DeactivateAccount")
            .WithSummary("Deactivates the account: every cookie and token of it is refused from the next request on, open invitations stop working. Not one's own account.");
        accounts.MapPost("/{id:guid}/reactivate", Reactivate).WithName("ReactivateAccount").WithSummary("Lifts a deactivation; the person signs in again.");
        accounts.MapPost("/{id:guid}/resend-invitation", Resend).WithName("ResendAccountInvitation")
            .WithSummary("A new invitation (older open ones stop working), e-mailed and returned.");
        accounts.MapGet("/organizations", Tree).WithName("ListAccountOrganizations")
            .WithSummary("The organisations the administrator places people in: their own and every one below it.");
        accounts.MapPost("/import", Import).WithName("ImportAccounts").DisableAntiforgery()
            .Accepts<string>("text/csv", "multipart/form-data")
            .WithSummary($"CSV (text/csv, or a file in multipart/form-data) with columns name;email;title;profession;unit;roles;mandate;phone, ';' or ',' separated, UTF-8. "
                + $"At most {AccountImport.MaxRows} rows and {AccountImport.MaxBytes / 1024} KiB. Nothing is created when any row has a problem: 400 with every problem by row and column.");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<AccountView>>> List(
        CurrentUser admin, AccountAdministration service, AccountStatus? status, Guid? unitId, string? search, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.ListAsync(admin, status, unitId, search is { Length: > 200 } ? search[..200] : search, cancellationToken));

    private static async Task<Ok<IReadOnlyList<TreeOrganizationView>>> Tree(CurrentUser admin, AccountAdministration service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.TreeAsync(admin, cancellationToken));

    private static async Task<Results<Ok<AccountView>, NotFound>> Get(Guid id, CurrentUser admin, AccountAdministration service, HttpContext http, CancellationToken cancellationToken)
    {
        if (await service.GetAsync(admin, id, cancellationToken) is not { } view)
        {
            return TypedResults.NotFound();
        }

        VersionETag.Set(http, view.Version);
        return TypedResults.Ok(view);
    }

    private static async Task<Created<InvitedAccountView>> Invite(AccountRequest request, CurrentUser admin, AccountAdministration service, HttpContext http, CancellationToken cancellationToken)
    {
        var invited = await service.InviteAsync(admin, request, cancellationToken);
        VersionETag.Set(http, invited.Account.Version);
        return TypedResults.Created($"/api/v1/accounts/{invited.Account.Id}", invited);
    }

    private static async Task<Results<Ok<AccountView>, NotFound, ProblemHttpResult>> Update(
        Guid id, AccountRequest request, CurrentUser admin, AccountAdministration service, HttpContext http, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        if (!VersionETag.TryReadIfMatchToken(http, "Account.IfMatch.Required", "Account.IfMatch.Invalid", out var expected, out var problem))
        {
            // An account outside the tree is 404 whatever the headers say.
            return await service.GetAsync(admin, id, cancellationToken) is null ? TypedResults.NotFound() : problem!;
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
        catch (AccountVersionConflictException conflict)
        {
            return TypedResults.Problem(
                localizer["Account.Conflict.Detail"],
                statusCode: StatusCodes.Status412PreconditionFailed,
                title: localizer["Account.Conflict.Title"],
                extensions: new Dictionary<string, object?> { ["yourVersion"] = expected, ["currentVersion"] = conflict.CurrentVersion });
        }
    }

    private static async Task<Results<Ok<AccountView>, NotFound>> Deactivate(Guid id, CurrentUser admin, AccountAdministration service, HttpContext http, CancellationToken cancellationToken) =>
        WithETag(http, await service.DeactivateAsync(admin, id, cancellationToken));

    private static async Task<Results<Ok<AccountView>, NotFound>> Reactivate(Guid id, CurrentUser admin, AccountAdministration service, HttpContext http, CancellationToken cancellationToken) =>
        WithETag(http, await service.ReactivateAsync(admin, id, cancellationToken));

    private static async Task<Results<Ok<InvitedAccountView>, NotFound>> Resend(Guid id, CurrentUser admin, AccountAdministration service, CancellationToken cancellationToken) =>
        await service.ResendInvitationAsync(admin, id, cancellationToken) is { } invited ? TypedResults.Ok(invited) : TypedResults.NotFound();

    private static async Task<Results<Ok<AccountImportResult>, ProblemHttpResult>> Import(
        HttpContext http, CurrentUser admin, AccountImport import, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var (content, problem) = await ReadCsvAsync(http, localizer, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var result = await import.ImportAsync(admin, content!, cancellationToken);
        if (result.Created)
        {
            return TypedResults.Ok(result);
        }

        return TypedResults.Problem(
            localizer["Account.Import.Refused.Detail"],
            statusCode: StatusCodes.Status400BadRequest,
            title: localizer["Account.Import.Refused.Title"],
            extensions: new Dictionary<string, object?> { ["rows"] = result.Rows, ["errors"] = result.Errors });
    }

    /// <summary>The CSV bytes from a text/csv body or the first file of a multipart form; 413 above the size limit, 415 for anything else.</summary>
    private static async Task<(byte[]? Content, ProblemHttpResult? Problem)> ReadCsvAsync(HttpContext http, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var request = http.Request;
        ProblemHttpResult TooLarge() => TypedResults.Problem(localizer["Account.Import.TooLarge"], statusCode: StatusCodes.Status413PayloadTooLarge, title: localizer["Account.Import.Refused.Title"]);
        var mediaType = Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType.Value : null;
        if (string.Equals(mediaType, "text/csv", StringComparison.OrdinalIgnoreCase) || string.Equals(mediaType, "text/plain", StringComparison.OrdinalIgnoreCase))
        {
            if (request.ContentLength > AccountImport.MaxBytes)
            {
                return (null, TooLarge());
            }

            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > AccountImport.MaxBytes)
                {
                    return (null, TooLarge());
                }
            }

            return (buffer.ToArray(), null);
        }

        if (request.HasFormContentType && string.Equals(mediaType, "multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            if (request.ContentLength > AccountImport.MaxBytes + (64 * 1024))
            {
                return (null, TooLarge());
            }

            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException && !cancellationToken.IsCancellationRequested)
            {
                // A broken multipart body (unterminated, a section without headers): the client's mistake, not ours.
                return (null, TypedResults.Problem(localizer["Account.Import.UploadBroken"], statusCode: StatusCodes.Status400BadRequest, title: localizer["Account.Import.Refused.Title"]));
            }

            if (form.Files.Count == 0)
            {
                return (null, TypedResults.Problem(localizer["Account.Import.NoFile"], statusCode: StatusCodes.Status400BadRequest, title: localizer["Account.Import.Refused.Title"]));
            }

            var file = form.Files[0];
            if (file.Length > AccountImport.MaxBytes)
            {
                return (null, TooLarge());
            }

            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, cancellationToken);
            return (buffer.ToArray(), null);
        }

        return (null, TypedResults.Problem(localizer["Account.Import.ContentType"], statusCode: StatusCodes.Status415UnsupportedMediaType, title: localizer["Problem.UnsupportedMediaType.Title"]));
    }

    private static Results<Ok<AccountView>, NotFound> WithETag(HttpContext http, AccountView? view)
    {
        if (view is null)
        {
            return TypedResults.NotFound();
        }

        VersionETag.Set(http, view.Version);
        return TypedResults.Ok(view);
    }
}
