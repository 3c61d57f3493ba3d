using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Common;
using Samspil.Domain.Offerings;
using Samspil.Features.Administration;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Offerings;

/// <summary>One problem: the row (CSV line, or the service's position in the HSDS file; 0 = the file), the service/offering reference, the field, the message.</summary>
public sealed record OfferingImportProblem(int Row, string Reference, string Field, string Message);

/// <summary>What an import did (or, on a dry run, would do): rows read, new, changed, unchanged, rows with errors, and every problem.</summary>
public sealed record OfferingImportReport(
    bool DryRun,
    bool FileRejected,
    int Rows,
    int New,
    int Changed,
    int Unchanged,
    int Errors,
    IReadOnlyList<OfferingImportProblem> Problems);

/// <summary>One offering read from a file, before the organisation is resolved and the domain has validated it.</summary>
public sealed class OfferingImportRow(int row, string reference)
{
    public int Row { get; } = row;

    public string Reference { get; } = reference;

    public string? ExternalId { get; set; }

    public string? OrganizationId { get; set; }

    public string? OrganizationName { get; set; }

    public OfferingDetails? Details { get; set; }

    /// <summary>(field, resource key) pairs found while reading.</summary>
    public List<(string Field, string Code)> Errors { get; } = [];
}

/// <summary>
/// Imports offerings from HSDS JSON or CSV into the organisations of the administrator's tree. Every row is read and
/// validated on its own: valid rows are imported, invalid ones are listed with row, reference, field and message, and
/// none is half-written (the domain validates before it changes anything, and all valid rows are saved in one
/// transaction). A row matches an existing offering on organisation + external id (or on the offering's own id when
/// it was exported from Samspil without one); it is compared before it is updated, so importing the same file twice
/// changes nothing. A dry run does everything but save.
/// </summary>
public sealed partial class OfferingImport(
    SamspilDbContext db,
    AccountAdministration accounts,
    TimeProvider time,
    IStringLocalizer<SharedResource> localizer,
    ILogger<OfferingImport> logger)
{
    public const int MaxBytes = 10 * 1024 * 1024;

    public const int MaxRows = 5000;

    public async Task<OfferingImportReport> ImportHsdsAsync(CurrentUser admin, byte[] content, bool dryRun, CancellationToken cancellationToken)
    {
        if (Decode(content, dryRun, out var text) is { } refused)
        {
            return refused;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 32, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException)
        {
            return FileError(dryRun, "OfferingImport.Malformed");
        }

        using (document)
        {
            var services = HsdsReader.Services(document.RootElement);
            if (services is null)
            {
                return FileError(dryRun, "OfferingImport.NotHsds");
            }

            if (services.Count == 0)
            {
                return FileError(dryRun, "OfferingImport.Empty");
            }

            if (services.Count > MaxRows)
            {
                return FileError(dryRun, "OfferingImport.TooManyRows");
            }

            var rows = new List<OfferingImportRow>();
            for (var i = 0; i < services.Count; i++)
            {
                rows.AddRange(HsdsReader.Read(services[i], i + 1));
                if (rows.Count > MaxRows)
                {
                    return FileError(dryRun, "OfferingImport.TooManyRows");
                }
            }

            return await ApplyAsync(admin, rows, dryRun, cancellationToken);
        }
    }

    public async Task<OfferingImportReport> ImportCsvAsync(CurrentUser admin, byte[] content, bool dryRun, CancellationToken cancellationToken)
    {
        if (Decode(content, dryRun, out var text) is { } refused)
        {
            return refused;
        }

        var (rows, error) = OfferingCsv.Read(text, MaxRows);
        if (error is not null)
        {
            var problems = new List<OfferingImportProblem> { new(error.Value.Row, string.Empty, error.Value.Field, localizer[error.Value.Code]) };
            return new OfferingImportReport(dryRun, true, 0, 0, 0, 0, 1, problems);
        }

        return await ApplyAsync(admin, rows!, dryRun, cancellationToken);
    }

    private OfferingImportReport? Decode(byte[] content, bool dryRun, out string text)
    {
        text = string.Empty;
        if (content.Length > MaxBytes)
        {
            return FileError(dryRun, "OfferingImport.TooLarge");
        }

        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(content).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return FileError(dryRun, "OfferingImport.Encoding");
        }

        return text.Trim().Length == 0 ? FileError(dryRun, "OfferingImport.Empty") : null;
    }

    private OfferingImportReport FileError(bool dryRun, string code) =>
        new(dryRun, true, 0, 0, 0, 0, 1, [new OfferingImportProblem(0, string.Empty, string.Empty, string.Format(CultureInfo.CurrentCulture, localizer[code], MaxRows, MaxBytes / (1024 * 1024)))]);

    private async Task<OfferingImportReport> ApplyAsync(CurrentUser admin, List<OfferingImportRow> rows, bool dryRun, CancellationToken cancellationToken)
    {
        var tree = await accounts.TreeAsync(admin, cancellationToken);
        var treeIds = tree.Select(o => o.Id).ToHashSet();
        var byName = tree.ToLookup(o => o.Name.Trim(), StringComparer.CurrentCultureIgnoreCase);
        var targetGroups = (await db.TargetGroups.AsNoTracking().Select(t => t.Code).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var treeList = treeIds.ToList();
        var existing = await db.Offerings.Where(o => treeList.Contains(o.OrganizationId)).ToListAsync(cancellationToken);
        var byExternal = existing.Where(o => o.ExternalId is not null).ToDictionary(o => (o.OrganizationId, o.ExternalId!));
        var byId = existing.Where(o => o.ExternalId is null).ToDictionary(o => o.Id);
        var now = time.GetUtcNow();
        var problems = new List<OfferingImportProblem>();
        var seen = new Dictionary<(Guid, string), int>();
        var matched = new HashSet<Guid>();
        int created = 0, changed = 0, unchanged = 0, failed = 0;
        foreach (var row in rows)
        {
            var errors = new List<(string Field, string Message)>(row.Errors.Select(e => (e.Field, Text(e.Code))));
            Guid organizationId = Guid.Empty;
            if (Guid.TryParse(row.OrganizationId, out var id) && treeIds.Contains(id))
            {
                organizationId = id;
            }
            else if (row.OrganizationName?.Trim() is { Length: > 0 } name && byName[name].ToList() is [var single])
            {
                organizationId = single.Id;
            }
            else
            {
                errors.Add(("organization", Text("OfferingImport.Organization")));
            }

            if (string.IsNullOrWhiteSpace(row.ExternalId))
            {
                errors.Add(("id", Text("OfferingImport.Id.Required")));
            }

            if (row.Details is { } details)
            {
                foreach (var (field, value) in FreeText(details))
                {
                    if (value is not null && Markup().IsMatch(value))
                    {
                        errors.Add((field, Text("OfferingImport.Html")));
                    }
                }

                if ((details.TargetGroups ?? []).FirstOrDefault(t => !targetGroups.Contains(t.Trim())) is { } unknownGroup)
                {
                    errors.Add(("targetGroups", string.Format(CultureInfo.CurrentCulture, Text("OfferingImport.TargetGroup"), Shorten(unknownGroup))));
                }

                if ((details.Needs ?? []).FirstOrDefault(n => !OfferingNeeds.All.Contains(n.Trim())) is { } unknownNeed)
                {
                    errors.Add(("needs", string.Format(CultureInfo.CurrentCulture, Text("OfferingImport.Need"), Shorten(unknownNeed))));
                }
            }

            Offering? candidate = null;
            if (errors.Count == 0 && row.Details is not null)
            {
                try
                {
                    candidate = Offering.Create(Guid.NewGuid(), organizationId, row.Details, now, row.ExternalId);
                }
                catch (DomainException ex)
                {
                    errors.Add((ex.Field ?? string.Empty, localizer.Message(ex.Code)));
                }
            }

            if (errors.Count == 0 && candidate is not null)
            {
                if (seen.TryGetValue((organizationId, candidate.ExternalId!), out var firstRow))
                {
                    errors.Add(("id", string.Format(CultureInfo.CurrentCulture, Text("OfferingImport.Duplicate"), firstRow)));
                }
                else
                {
                    seen[(organizationId, candidate.ExternalId!)] = row.Row;
                }
            }

            if (errors.Count > 0 || candidate is null)
            {
                failed++;
                problems.AddRange(errors.Select(e => new OfferingImportProblem(row.Row, row.Reference, e.Field, e.Message)));
                continue;
            }

            var match = byExternal.GetValueOrDefault((organizationId, candidate.ExternalId!));
            if (match is null && Guid.TryParse(candidate.ExternalId!.Split('/')[0], out var ownId) && byId.TryGetValue(ownId, out var own) && own.OrganizationId == organizationId)
            {
                match = own; // exported from Samspil, where it has no external id: the service id is its own id
            }

            if (match is not null && !matched.Add(match.Id))
            {
                failed++;
                problems.Add(new OfferingImportProblem(row.Row, row.Reference, "id", string.Format(CultureInfo.CurrentCulture, Text("OfferingImport.Duplicate"), row.Row)));
                continue;
            }

            if (match is null)
            {
                created++;
                if (!dryRun)
                {
                    db.Offerings.Add(candidate);
                }
            }
            else if (Snapshot(match) == Snapshot(candidate))
            {
                unchanged++;
            }
            else
            {
                changed++;
                if (!dryRun)
                {
                    match.Update(row.Details!, now);
                }
            }
        }

        if (!dryRun && created + changed > 0)
        {
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another import of the same offerings at the same moment: nothing of this one is saved.
                db.ChangeTracker.Clear();
                return FileError(dryRun, "OfferingImport.Concurrent");
            }
        }

        if (!dryRun)
        {
            LogImported(logger, admin.UserId, created, changed, unchanged, failed);
        }

        return new OfferingImportReport(dryRun, false, rows.Count, created, changed, unchanged, failed, problems);
    }

    private string Text(string code) => localizer.Message(code);

    private static string Shorten(string value) => value.Length > 50 ? value[..50] + "…" : value;

    private static IEnumerable<(string Field, string? Value)> FreeText(OfferingDetails d)
    {
        yield return ("name", d.Name);
        yield return ("description", d.Description);
        yield return ("eligibility", d.Eligibility);
        yield return ("referralBy", d.ReferralBy);
        yield return ("costDescription", d.CostDescription);
        yield return ("street", d.Street);
        yield return ("city", d.City);
        yield return ("phone", d.Phone);
        yield return ("hoursNote", d.HoursNote);
        foreach (var e in d.Exceptions ?? [])
        {
            yield return ("exceptions", e.Note);
        }
    }

    /// <summary>A tag or comment start ("&lt;script", "&lt;/p", "&lt;!--"): offerings are plain text; "&lt; 18 år" is fine.</summary>
    [GeneratedRegex(@"<\s*[a-zA-Z/!?]", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Markup();

    /// <summary>Everything an import can set, in a stable form: equal snapshots mean the row changes nothing.</summary>
    public static string Snapshot(Offering o) => JsonSerializer.Serialize(new
    {
        o.Name,
        o.Description,
        o.Status,
        o.TargetGroups,
        o.Needs,
        o.MinimumAge,
        o.MaximumAge,
        o.Eligibility,
        o.Access,
        o.ReferralBy,
        o.Languages,
        o.InterpreterAvailable,
        o.IsFree,
        o.CostDescription,
        o.Street,
        o.PostalCode,
        o.City,
        Latitude = (double?)o.Latitude,
        Longitude = (double?)o.Longitude,
        o.Municipalities,
        o.Phone,
        o.Email,
        o.Url,
        o.IsAfterHours,
        o.IsCrisis,
        o.AlwaysOpen,
        o.ClosedOnPublicHolidays,
        o.HoursNote,
        Periods = o.Periods.OrderBy(p => p.Day).ThenBy(p => p.Opens).ThenBy(p => p.Closes).Select(p => $"{p.Day} {p.Opens:HH\\:mm}-{p.Closes:HH\\:mm}").ToList(),
        Exceptions = o.Exceptions.OrderBy(e => e.Date).ThenBy(e => e.Opens).ThenBy(e => e.Closes).Select(e => $"{e.Date:yyyy-MM-dd} {e.Closed} {e.Opens:HH\\:mm}-{e.Closes:HH\\:mm} {e.Note}").ToList(),
    });

    [LoggerMessage(Level = LogLevel.Information, Message = "Offerings imported by {UserId}: {New} new, {Changed} changed, {Unchanged} unchanged, {Errors} rows with errors")]
    private static partial void LogImported(ILogger logger, Guid userId, int @new, int changed, int unchanged, int errors);
}
