using System.Text;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Samspil.Domain.Screening;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Telemetry;

namespace Samspil.Features.Screening;

public sealed record QueuedImport(Guid Id, string Path);

/// <summary>Uploads waiting to be read, one at a time, in the order they came.</summary>
public sealed class AdmissionImportQueue
{
    private readonly Channel<QueuedImport> _channel = Channel.CreateUnbounded<QueuedImport>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(QueuedImport import) => _channel.Writer.TryWrite(import);

    public ChannelReader<QueuedImport> Reader => _channel.Reader;
}

/// <summary>
/// Reads queued admissions files in the background: the good rows in chunks of
/// <see cref="ScreeningOptions.ImportChunkSize"/>, each chunk stored together with the import's progress
/// and its rejected rows in one transaction, so a poll always sees consistent counts. One file at a
/// time, so two imports never race for the same stay. An import still open when the application
/// starts was interrupted by a stop and is marked failed (rows stored so far stay; importing the file
/// again completes it without doubling anything).
/// </summary>
public sealed partial class AdmissionImportWorker(
    IServiceScopeFactory scopes,
    AdmissionImportQueue queue,
    TimeProvider time,
    IOptions<ScreeningOptions> options,
    ILogger<AdmissionImportWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await MarkInterruptedAsync(stoppingToken);
        await foreach (var queued in queue.Reader.ReadAllAsync(stoppingToken))
        {
            using var activity = SamspilTelemetry.StartAdmissionImport();
            try
            {
                var (rows, rejected) = await RunAsync(queued, stoppingToken);
                SamspilTelemetry.AdmissionImportFinished(activity, nameof(AdmissionImportStatus.Completed), rows, rejected);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                SamspilTelemetry.AdmissionImportFinished(activity, nameof(AdmissionImportStatus.Failed), 0, 0);
                await FailAsync(queued.Id, "Interrupted");
                return;
            }
            catch (Exception ex)
            {
                // Type only: a database message could quote a row.
                SamspilTelemetry.AdmissionImportFinished(activity, nameof(AdmissionImportStatus.Failed), 0, 0);
                LogImportFailed(logger, queued.Id, ex.GetType().FullName ?? "unknown");
                await FailAsync(queued.Id, "Unexpected");
            }
            finally
            {
                TryDelete(queued.Path);
            }
        }
    }

    /// <summary>Reads and stores one file; returns the rows read and rejected.</summary>
    private async Task<(long Rows, long Rejected)> RunAsync(QueuedImport queued, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SamspilDbContext>();
        var store = scope.ServiceProvider.GetRequiredService<AdmissionStore>();
        var import = await db.AdmissionImports.SingleAsync(i => i.Id == queued.Id, cancellationToken);
        import.MarkRunning();
        await db.SaveChangesAsync(cancellationToken);

        var chunkSize = Math.Max(1, options.Value.ImportChunkSize);
        var maxListed = Math.Max(0, options.Value.MaxListedErrors);
        await using var file = new FileStream(queued.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 65536, useAsync: false);
        using var reader = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 65536);
        var batch = new List<AdmissionEvent>(chunkSize);
        var errors = new List<AdmissionImportError>();
        long rows = 0, inserted = 0, updated = 0, unchanged = 0, rejected = 0, listed = 0, rejectedCounted = 0;

        async Task FlushAsync()
        {
            var counts = await store.StageAsync(batch, AdmissionSource.CsvImport, import.Id, cancellationToken);
            inserted += counts.Inserted;
            updated += counts.Updated;
            unchanged += counts.Unchanged;
            db.AdmissionImportErrors.AddRange(errors);
            import.Progress(file.Position, rows, inserted, updated, unchanged, rejected);
            await store.SaveAsync(cancellationToken);
            SamspilTelemetry.AdmissionImportChunk(counts.Inserted, counts.Updated, counts.Unchanged, rejected - rejectedCounted);
            rejectedCounted = rejected;
            foreach (var entry in db.ChangeTracker.Entries<AdmissionImportError>().ToList())
            {
                entry.State = EntityState.Detached;
            }

            batch.Clear();
            errors.Clear();
        }

        foreach (var row in AdmissionCsvReader.ReadRows(reader))
        {
            cancellationToken.ThrowIfCancellationRequested();
            rows++;
            if (row.Admission is { } admission)
            {
                batch.Add(admission);
            }
            else if (row.Error is { } error)
            {
                rejected++;
                if (listed < maxListed)
                {
                    listed++;
                    errors.Add(AdmissionImportError.From(import.Id, error));
                }
            }

            if (batch.Count >= chunkSize || errors.Count >= chunkSize)
            {
                await FlushAsync();
            }
        }

        await FlushAsync();
        import.Complete(time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        LogImportCompleted(logger, import.Id, rows, inserted, updated, rejected);
        return (rows, rejected);
    }

    private async Task MarkInterruptedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SamspilDbContext>();
            var open = await db.AdmissionImports.Where(i => i.Status == AdmissionImportStatus.Queued || i.Status == AdmissionImportStatus.Running).ToListAsync(cancellationToken);
            foreach (var import in open)
            {
                import.Fail("Interrupted", time.GetUtcNow());
            }

            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogCleanupFailed(logger, ex.GetType().FullName ?? "unknown");
        }
    }

    private async Task FailAsync(Guid id, string code)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SamspilDbContext>();
            if (await db.AdmissionImports.SingleOrDefaultAsync(i => i.Id == id) is { IsFinished: false } import)
            {
                import.Fail(code, time.GetUtcNow());
                await db.SaveChangesAsync();
            }
        }
        catch (Exception ex)
        {
            LogCleanupFailed(logger, ex.GetType().FullName ?? "unknown");
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // A leftover file in the import folder is harmless; it is never read again.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Admission import {ImportId} completed: {Rows} rows, {Inserted} new, {Updated} updated, {Rejected} rejected")]
    private static partial void LogImportCompleted(ILogger logger, Guid importId, long rows, long inserted, long updated, long rejected);

    [LoggerMessage(Level = LogLevel.Error, Message = "Admission import {ImportId} failed with {ExceptionType}")]
    private static partial void LogImportFailed(ILogger logger, Guid importId, string exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not mark admission imports as interrupted ({ExceptionType})")]
    private static partial void LogCleanupFailed(ILogger logger, string exceptionType);
}
