using Microsoft.Extensions.Options;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Notifications;

/// <summary>
/// Runs the reminders and the daily digest as Samspil itself (a system scope), at start and then every
/// <see cref="ReminderOptions.IntervalMinutes"/>. Off when <c>Notifications:Reminders:Enabled</c> is false.
/// </summary>
public sealed partial class NotificationJobsWorker(IServiceScopeFactory scopes, IOptions<ReminderOptions> options, TimeProvider time, ILogger<NotificationJobsWorker> logger) : BackgroundService
{
    /// <summary>One run of both jobs, in its own system scope.</summary>
    public static async Task RunOnceAsync(IServiceScopeFactory scopes, CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateSystemScope())
        {
            await scope.ServiceProvider.GetRequiredService<ReminderJob>().RunAsync(cancellationToken);
        }

        await using (var scope = scopes.CreateSystemScope())
        {
            await scope.ServiceProvider.GetRequiredService<DigestJob>().RunAsync(cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(scopes, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogRunFailed(logger, e.GetType().Name);
            }

            try
            {
                await Task.Delay(TimeSpan.FromMinutes(options.Value.IntervalMinutes), time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder and digest run failed ({Failure}); trying again at the next interval")]
    private static partial void LogRunFailed(ILogger logger, string failure);
}
