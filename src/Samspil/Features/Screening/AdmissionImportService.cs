using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Samspil.Domain.Screening;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Screening;

/// <summary>
/// Starting and following admission imports. An upload is written to a file (refused past
/// <see cref="ScreeningOptions.MaxImportBytes"/>), its header is checked at once, and the rows are then
/// read in the background by <see cref="AdmissionImportWorker"/>, which stores the progress as it goes.
/// </summary>
public sealed class AdmissionImportService(
    SamspilDbContext db,
    CurrentUser user,
    TimeProvider time,
    ScreeningAccess screeningAccess,
    AdmissionImportQueue queue,
    IOptions<ScreeningOptions> options,
    IStringLocalizer<SharedResource> localizer)
{
    public long MaxImportBytes => options.Value.MaxImportBytes;

    /// <summary>Receives a file and queues it; the upload is refused (nothing stored) when it is missing, empty, too large or has a bad header.</summary>
    public async Task<ImportStart> StartAsync(Stream? content, string? fileName, CancellationToken cancellationToken)
    {
        await screeningAccess.EnsureMayImportAsync(cancellationToken);
        if (content is null)
        {
            return Refused(ImportRefusal.NoFile);
        }

        var id = Guid.CreateVersion7(time.GetUtcNow());
        var path = PathFor(id);
        long length = 0;
        try
        {
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    length += read;
                    if (length > options.Value.MaxImportBytes)
                    {
                        break;
                    }

                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }

            if (length > options.Value.MaxImportBytes)
            {
                File.Delete(path);
                return Refused(ImportRefusal.TooLarge);
            }

            if (length == 0)
            {
                File.Delete(path);
                return Refused(ImportRefusal.Empty);
            }

            if (HeaderError(path) is { } header)
            {
                File.Delete(path);
                return new ImportStart(null, ImportRefusal.InvalidHeader, [header.Message]);
            }

            var import = AdmissionImport.Start(id, fileName ?? string.Empty, length, user.UserId, user.DisplayName, time.GetUtcNow());
            db.AdmissionImports.Add(import);
            await db.SaveChangesAsync(cancellationToken);
            queue.Enqueue(new QueuedImport(id, path));
            return new ImportStart(ToView(import, []), null, []);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    /// <summary>An import's progress and its listed errors; null (404) when there is none with that id.</summary>
    public async Task<AdmissionImportView?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await screeningAccess.EnsureMayImportAsync(cancellationToken);
        var import = await db.AdmissionImports.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (import is null)
        {
            return null;
        }

        var errors = await db.AdmissionImportErrors.AsNoTracking().Where(e => e.ImportId == id).OrderBy(e => e.Row).ToListAsync(cancellationToken);
        return ToView(import, errors);
    }

    /// <summary>The latest imports, newest first (without their error lists).</summary>
    public async Task<IReadOnlyList<AdmissionImportView>> RecentAsync(CancellationToken cancellationToken)
    {
        await screeningAccess.EnsureMayImportAsync(cancellationToken);
        var imports = await db.AdmissionImports.AsNoTracking().OrderByDescending(i => i.StartedAt).Take(20).ToListAsync(cancellationToken);
        return imports.Select(i => ToView(i, [])).ToList();
    }

    public Task<bool> MayImportAsync(CancellationToken cancellationToken) => screeningAccess.MayImportAsync(cancellationToken);

    /// <summary>The reason for a refusal, in the caller's language.</summary>
    public string Describe(ImportRefusal refusal) => refusal switch
    {
        ImportRefusal.TooLarge => string.Format(System.Globalization.CultureInfo.CurrentCulture, localizer["Screening.Import.TooLarge"], options.Value.MaxImportBytes / (1024 * 1024)),
        _ => localizer["Screening.Import." + refusal],
    };

    private string PathFor(Guid id)
    {
        var folder = string.IsNullOrWhiteSpace(options.Value.ImportFolder) ? Path.Combine(Path.GetTempPath(), "samspil-imports") : options.Value.ImportFolder;
        System.IO.Directory.CreateDirectory(folder);
        return Path.Combine(folder, id.ToString("N") + ".csv");
    }

    /// <summary>The header is checked before anything is stored: wrong columns or a binary file are refused outright.</summary>
    private static Domain.Screening.AdmissionCsvError? HeaderError(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        foreach (var row in AdmissionCsvReader.ReadRows(reader))
        {
            return row.Error is { Code: AdmissionCsvErrorCode.MissingHeader or AdmissionCsvErrorCode.InvalidHeader } error ? error : null;
        }

        return null;
    }

    private ImportStart Refused(ImportRefusal refusal) => new(null, refusal, [Describe(refusal)]);

    private AdmissionImportView ToView(AdmissionImport import, IReadOnlyList<AdmissionImportError> errors) => new(
        import.Id,
        import.FileName,
        import.ImportedByName,
        import.StartedAt,
        import.FinishedAt,
        import.Status,
        import.IsFinished,
        import.Percent,
        import.BytesTotal,
        import.BytesRead,
        import.RowsRead,
        import.RowsInserted,
        import.RowsUpdated,
        import.RowsUnchanged,
        import.RowsRejected,
        import.FailureCode,
        import.FailureCode is { } code ? localizer["Screening.Import.Failure." + code].Value : null,
        import.RowsRejected > errors.Count && import.IsFinished && errors.Count > 0,
        errors.Select(e => new ImportRowError(e.Row, e.Code, e.Column, localizer["Screening.CsvError." + e.Code], e.Message)).ToList());
}
