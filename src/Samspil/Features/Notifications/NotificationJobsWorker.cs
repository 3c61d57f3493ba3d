using Microsoft.Extensions.Options;
using Samspil.Infrastructure.Security;
using Samspil.Infrastructure.Time;

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

        await PeriodicRun.LoopAsync(ct => RunOnceAsync(scopes, ct), TimeSpan.FromMinutes(options.Value.IntervalMinutes), time, failure => LogRunFailed(logger, failure), stoppingToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder and digest run failed ({Failure}); trying again at the next interval")]
    private static partial void LogRunFailed(ILogger logger, string failure);
}
