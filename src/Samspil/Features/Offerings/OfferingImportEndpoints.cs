using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Offerings;

/// <summary>
/// Offerings in and out as Open Referral HSDS 3.0 JSON and CSV (issue 18, docs/offerings-hsds.md). Export is public,
/// as offerings are; import is for administrators, into the organisations of their own tree.
/// </summary>
public static class OfferingImportEndpoints
{
    public static IEndpointRouteBuilder MapOfferingImportEndpoints(this IEndpointRouteBuilder app)
    {
        var offerings = app.MapGroup("/api/v1/offerings").WithTags("Offerings");
        offerings.MapGet("/export/hsds", ExportHsds).AllowAnonymous().WithName("ExportOfferingsHsds")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .WithSummary("Every active offering (and, for an administrator, the inactive ones of their tree) as an HSDS 3.0 service_list page: "
                + "compiled services with organization, service_at_locations (location, schedules, phones), languages, service_areas, cost_options and "
                + "attributes (taxonomies samspil-need, samspil-target-group, samspil-access, samspil-feature, samspil-opening-hours). Optional organizationId.");
        offerings.MapGet("/export.csv", ExportCsv).AllowAnonymous().WithName("ExportOfferingsCsv")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithSummary("The same offerings as a spreadsheet: one row per offering, UTF-8 with BOM, ';'-separated. Optional organizationId.");
        offerings.MapPost("/import/hsds", ImportHsds).RequireAuthorization(SamspilPolicies.Administrator).DisableAntiforgery().WithName("ImportOfferingsHsds")
            .Accepts<string>("application/json", "multipart/form-data")
            .WithSummary($"HSDS 3.0 JSON (a service_list page, an array of services or one service; body or multipart file, at most {OfferingImport.MaxBytes / (1024 * 1024)} MB "
                + $"and {OfferingImport.MaxRows} offerings). Valid rows are imported, invalid ones reported by row, service id, field and message; "
                + "dryRun=true only reports. The same file twice changes nothing.");
        offerings.MapPost("/import/csv", ImportCsv).RequireAuthorization(SamspilPolicies.Administrator).DisableAntiforgery().WithName("ImportOfferingsCsv")
            .Accepts<string>("text/csv", "multipart/form-data")
            .WithSummary("The CSV of /export.csv (';' or ','), same rules as the HSDS import.");
        return app;
    }

    private static async Task<FileContentHttpResult> ExportHsds(Guid? organizationId, OfferingExport export, CancellationToken cancellationToken) =>
        TypedResults.File(await export.HsdsAsync(organizationId, cancellationToken), "application/json; charset=utf-8", "samspil-tilbud-hsds.json");

    private static async Task<FileContentHttpResult> ExportCsv(Guid? organizationId, OfferingExport export, CancellationToken cancellationToken) =>
        TypedResults.File(await export.CsvAsync(organizationId, cancellationToken), "text/csv; charset=utf-8", "samspil-tilbud.csv");

    private static async Task<Results<Ok<OfferingImportReport>, ProblemHttpResult>> ImportHsds(
        HttpContext http, bool? dryRun, CurrentUser admin, OfferingImport import, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var (content, problem) = await ReadAsync(http, ["application/json", "text/json", "text/plain"], localizer, cancellationToken);
        return problem ?? Answer(await import.ImportHsdsAsync(admin, content!, dryRun ?? false, cancellationToken), localizer);
    }

    private static async Task<Results<Ok<OfferingImportReport>, ProblemHttpResult>> ImportCsv(
        HttpContext http, bool? dryRun, CurrentUser admin, OfferingImport import, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var (content, problem) = await ReadAsync(http, ["text/csv", "text/plain"], localizer, cancellationToken);
        return problem ?? Answer(await import.ImportCsvAsync(admin, content!, dryRun ?? false, cancellationToken), localizer);
    }

    /// <summary>Row errors are part of a successful answer (the valid rows are imported); a file that cannot be read at all is 400.</summary>
    private static Results<Ok<OfferingImportReport>, ProblemHttpResult> Answer(OfferingImportReport report, IStringLocalizer<SharedResource> localizer) =>
        report.FileRejected
            ? TypedResults.Problem(
                report.Problems.Count > 0 ? report.Problems[0].Message : null,
                statusCode: StatusCodes.Status400BadRequest,
                title: localizer["OfferingImport.Refused.Title"],
                extensions: new Dictionary<string, object?> { ["problems"] = report.Problems })
            : TypedResults.Ok(report);

    /// <summary>The file from the body (one of the accepted media types) or the first file of a multipart form; 413 above the limit, 415 otherwise.</summary>
    private static async Task<(byte[]? Content, ProblemHttpResult? Problem)> ReadAsync(
        HttpContext http, string[] mediaTypes, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var request = http.Request;
        ProblemHttpResult TooLarge() => TypedResults.Problem(
            string.Format(System.Globalization.CultureInfo.CurrentCulture, localizer["OfferingImport.TooLarge"], OfferingImport.MaxRows, OfferingImport.MaxBytes / (1024 * 1024)),
            statusCode: StatusCodes.Status413PayloadTooLarge,
            title: localizer["OfferingImport.Refused.Title"]);
        ProblemHttpResult Refused(string key) => TypedResults.Problem(localizer[key], statusCode: StatusCodes.Status400BadRequest, title: localizer["OfferingImport.Refused.Title"]);
        var mediaType = Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType.Value : null;
        if (mediaType is not null && mediaTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
        {
            if (request.ContentLength > OfferingImport.MaxBytes)
            {
                return (null, TooLarge());
            }

            using var buffer = new MemoryStream();
            var chunk = new byte[64 * 1024];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > OfferingImport.MaxBytes)
                {
                    return (null, TooLarge());
                }
            }

            return (buffer.ToArray(), null);
        }

        if (request.HasFormContentType && string.Equals(mediaType, "multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            if (request.ContentLength > OfferingImport.MaxBytes + (64 * 1024))
            {
                return (null, TooLarge());
            }

            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException && !cancellationToken.IsCancellationRequested)
            {
                return (null, Refused("OfferingImport.UploadBroken"));
            }

            if (form.Files.Count == 0 || form.Files[0].Length == 0)
            {
                return (null, Refused("OfferingImport.NoFile"));
            }

            var file = form.Files[0];
            if (file.Length > OfferingImport.MaxBytes)
            {
                return (null, TooLarge());
            }

            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, cancellationToken);
            return (buffer.ToArray(), null);
        }

        return (null, TypedResults.Problem(localizer["OfferingImport.ContentType"], statusCode: StatusCodes.Status415UnsupportedMediaType, title: localizer["Problem.UnsupportedMediaType.Title"]));
    }
}
