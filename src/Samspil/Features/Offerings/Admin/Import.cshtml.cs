using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Localization;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Offerings.Admin;

/// <summary>
/// "Importér tilbud": an HSDS JSON or CSV file is first checked (a dry run: what would be new, changed, unchanged, and
/// every row error), then imported. Between the two the file waits in memory for 15 minutes, one per administrator,
/// so they need not choose it again.
/// </summary>
[Authorize(Policy = SamspilPolicies.Administrator)]
[RequestSizeLimit(OfferingImport.MaxBytes + (64 * 1024))]
[RequestFormLimits(MultipartBodyLengthLimit = OfferingImport.MaxBytes + (64 * 1024))]
public sealed class ImportModel(OfferingImport import, CurrentUser admin, IMemoryCache cache, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public Guid? Token { get; set; }

    public OfferingImportReport? Result { get; private set; }

    public string? FileName { get; private set; }

    public void OnGet()
    {
    }

    /// <summary>Checks the chosen file and shows what an import would do; nothing is saved.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), localizer["OfferingImport.NoFile"]);
            return Page();
        }

        if (Upload.Length > OfferingImport.MaxBytes)
        {
            ModelState.AddModelError(nameof(Upload), string.Format(System.Globalization.CultureInfo.CurrentCulture, localizer["OfferingImport.TooLarge"], OfferingImport.MaxRows, OfferingImport.MaxBytes / (1024 * 1024)));
            return Page();
        }

        using var buffer = new MemoryStream();
        await Upload.CopyToAsync(buffer, cancellationToken);
        var pending = new PendingImport(Guid.NewGuid(), Path.GetFileName(Upload.FileName), buffer.ToArray());
        FileName = pending.FileName;
        Result = await RunAsync(pending, dryRun: true, cancellationToken);
        if (!Result.FileRejected && Result.New + Result.Changed > 0)
        {
            cache.Set(CacheKey, pending, TimeSpan.FromMinutes(15));
            Token = pending.Token;
        }

        return Page();
    }

    /// <summary>Imports the file checked in the preview.</summary>
    public async Task<IActionResult> OnPostImportAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        if (!cache.TryGetValue(CacheKey, out PendingImport? pending) || pending is null || pending.Token != Token)
        {
            ModelState.AddModelError(nameof(Upload), localizer["OfferingImport.Expired"]);
            Token = null;
            return Page();
        }

        cache.Remove(CacheKey);
        FileName = pending.FileName;
        Result = await RunAsync(pending, dryRun: false, cancellationToken);
        Token = null;
        return Page();
    }

    private string CacheKey => "offering-import:" + admin.UserId.ToString("N");

    private Task<OfferingImportReport> RunAsync(PendingImport pending, bool dryRun, CancellationToken cancellationToken) =>
        IsCsv(pending)
            ? import.ImportCsvAsync(admin, pending.Content, dryRun, cancellationToken)
            : import.ImportHsdsAsync(admin, pending.Content, dryRun, cancellationToken);

    /// <summary>By the file's name, else by its first character: JSON starts with '{' or '['.</summary>
    private static bool IsCsv(PendingImport pending)
    {
        if (pending.FileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (pending.FileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var first = System.Text.Encoding.UTF8.GetString(pending.Content, 0, Math.Min(pending.Content.Length, 16)).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return !(first.StartsWith('{') || first.StartsWith('['));
    }

    private sealed record PendingImport(Guid Token, string FileName, byte[] Content);
}
