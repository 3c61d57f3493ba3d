using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.HospitalNotifications;

/// <summary>How an import of files went.</summary>
public sealed record ImportSummary(int Files, int Accepted, int Parked, int Duplicates, int Malformed)
{
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Files} file(s): {Accepted} accepted, {Parked} parked (unknown citizen), {Duplicates} duplicate(s), {Malformed} malformed.");
}

/// <summary>
/// Reads hospital notifications from files (the drop folder and the command line) and hands each to
/// the processor in its own system scope, as if it had been posted.
/// </summary>
public sealed class HospitalNotificationImport(IServiceScopeFactory scopes, IOptions<HospitalNotificationOptions> options)
{
    public const string ProcessedFolder = "processed";
    public const string FailedFolder = "failed";

    /// <summary>
    /// Imports one file or every *.json file directly in a folder (in name order). With
    /// <paramref name="move"/>, each file is moved to processed/ (accepted, parked or duplicate) or
    /// failed/ (malformed) next to it, so it is read once.
    /// </summary>
    public async Task<ImportSummary> ImportAsync(string path, InboundSource source, bool move, CancellationToken cancellationToken)
    {
        var files = File.Exists(path)
            ? [path]
            : System.IO.Directory.Exists(path)
                ? System.IO.Directory.GetFiles(path, "*.json").OrderBy(f => f, StringComparer.Ordinal).ToArray()
                : throw new FileNotFoundException("No such file or folder.", path);

        int accepted = 0, parked = 0, duplicates = 0, malformed = 0;
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (raw, truncated) = await ReadAsync(file, options.Value.MaxBodyBytes, cancellationToken);
            HospitalNotificationResult result;
            await using (var scope = scopes.CreateSystemScope())
            {
                var processor = scope.ServiceProvider.GetRequiredService<HospitalNotificationProcessor>();
                result = await processor.ReceiveAsync(raw, truncated, source, file, CurrentUser.System.UserId, CurrentUser.System.DisplayName, cancellationToken);
            }

            var failed = !result.Duplicate && result.Status == InboundMessageStatus.Malformed;
            if (result.Duplicate)
            {
                duplicates++;
            }
            else if (failed)
            {
                malformed++;
            }
            else if (result.Status == InboundMessageStatus.Parked)
            {
                parked++;
            }
            else
            {
                accepted++;
            }

            if (move)
            {
                MoveAside(file, failed ? FailedFolder : ProcessedFolder);
            }
        }

        return new ImportSummary(files.Length, accepted, parked, duplicates, malformed);
    }

    /// <summary>Reads up to <paramref name="limit"/> bytes as UTF-8; the rest of a larger file is left out and flagged.</summary>
    internal static async Task<(string Raw, bool Truncated)> ReadAsync(string file, int limit, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(file);
        return await ReadLimitedAsync(stream, limit, cancellationToken);
    }

    /// <summary>Reads a body of at most <paramref name="limit"/> bytes (UTF-8, a BOM is dropped); beyond that it stops reading and says so.</summary>
    internal static async Task<(string Raw, bool Truncated)> ReadLimitedAsync(Stream stream, int limit, CancellationToken cancellationToken)
    {
        var buffer = new byte[Math.Min(limit + 1, 81_920)];
        using var kept = new MemoryStream();
        var truncated = false;
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            var room = limit - (int)kept.Length;
            if (read > room)
            {
                kept.Write(buffer, 0, Math.Max(room, 0));
                truncated = true;
                break;
            }

            kept.Write(buffer, 0, read);
        }

        return (new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false).GetString(kept.GetBuffer(), 0, (int)kept.Length).TrimStart('\uFEFF'), truncated);
    }

    private static void MoveAside(string file, string folder)
    {
        var target = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file))!, folder);
        System.IO.Directory.CreateDirectory(target);
        var destination = Path.Combine(target, Path.GetFileName(file));
        if (File.Exists(destination))
        {
            destination = Path.Combine(target, $"{Path.GetFileNameWithoutExtension(file)}-{Guid.NewGuid():N}{Path.GetExtension(file)}");
        }

        File.Move(file, destination);
    }
}

/// <summary>
/// Watches <see cref="HospitalNotificationOptions.DropFolder"/> and imports each *.json file that
/// appears (write it under another name and rename it to .json when complete). Polls; the interval
/// is wall-clock time, not the application's clock.
/// </summary>
public sealed partial class HospitalNotificationDropFolder(HospitalNotificationImport import, IOptions<HospitalNotificationOptions> options, ILogger<HospitalNotificationDropFolder> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var folder = options.Value.DropFolder;
        if (string.IsNullOrWhiteSpace(folder))
        {
            return;
        }

        System.IO.Directory.CreateDirectory(folder);
        var interval = TimeSpan.FromSeconds(Math.Max(0.05, options.Value.PollSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (System.IO.Directory.EnumerateFiles(folder, "*.json").Any())
                {
                    var summary = await import.ImportAsync(folder, InboundSource.FileDrop, move: true, stoppingToken);
                    LogImported(logger, summary.Files, summary.Malformed);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // One bad round must not stop the watcher; the next round tries again.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogFailed(logger, ex.GetType().Name);
            }

            try
            {
                await Task.Delay(interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(EventId = 6010, Level = LogLevel.Information, Message = "Hospital notification drop folder: {Files} file(s) imported, {Malformed} malformed")]
    private static partial void LogImported(ILogger logger, int files, int malformed);

    [LoggerMessage(EventId = 6011, Level = LogLevel.Error, Message = "Hospital notification drop folder round failed: {ExceptionType}")]
    private static partial void LogFailed(ILogger logger, string exceptionType);
}
