using Microsoft.Extensions.Options;
using Samspil.Features.HospitalNotifications;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.CareCommunications;

/// <summary>
/// Watches <see cref="CareCommunicationOptions.DropFolder"/> and receives each *.json and *.xml file
/// that appears (write it under another name and rename it when complete), as Samspil itself; each
/// file then moves to processed/ or failed/ (unreadable) next to it. Polls on wall-clock time.
/// </summary>
public sealed partial class CareCommunicationDropFolder(IServiceScopeFactory scopes, IOptions<CareCommunicationOptions> options, ILogger<CareCommunicationDropFolder> logger)
    : BackgroundService
{
    /// <summary>Receives every bundle file in the folder once; returns how many files were read.</summary>
    public static async Task<int> ImportAsync(IServiceScopeFactory scopes, string folder, int maxBytes, CancellationToken cancellationToken)
    {
        var files = System.IO.Directory.EnumerateFiles(folder, "*.json").Concat(System.IO.Directory.EnumerateFiles(folder, "*.xml")).Order(StringComparer.Ordinal).ToList();
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (raw, truncated) = await HospitalNotificationImport.ReadAsync(file, maxBytes, cancellationToken);
            CareCommunicationReceipt receipt;
            await using (var scope = scopes.CreateSystemScope())
            {
                receipt = await scope.ServiceProvider.GetRequiredService<CareCommunicationService>()
                    .ReceiveAsync(raw, truncated, CareCommunicationSource.FileDrop, file, CurrentUser.System.UserId, CurrentUser.System.DisplayName, cancellationToken);
            }

            var target = Path.Combine(folder, receipt.Status == CareCommunicationStatus.Malformed && !receipt.Duplicate ? "failed" : "processed");
            System.IO.Directory.CreateDirectory(target);
            var destination = Path.Combine(target, Path.GetFileName(file));
            if (File.Exists(destination))
            {
                destination = Path.Combine(target, $"{Path.GetFileNameWithoutExtension(file)}-{Guid.NewGuid():N}{Path.GetExtension(file)}");
            }

            File.Move(file, destination);
        }

        return files.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var folder = options.Value.DropFolder;
        if (!options.Value.Enabled || string.IsNullOrWhiteSpace(folder))
        {
            return;
        }

        System.IO.Directory.CreateDirectory(folder);
        var interval = TimeSpan.FromSeconds(Math.Max(0.05, options.Value.PollSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var count = await ImportAsync(scopes, folder, options.Value.MaxBodyBytes, stoppingToken);
                if (count > 0)
                {
                    LogImported(logger, count);
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

    [LoggerMessage(EventId = 6032, Level = LogLevel.Information, Message = "CareCommunication drop folder: {Files} file(s) received")]
    private static partial void LogImported(ILogger logger, int files);

    [LoggerMessage(EventId = 6033, Level = LogLevel.Error, Message = "CareCommunication drop folder round failed: {ExceptionType}")]
    private static partial void LogFailed(ILogger logger, string exceptionType);
}
