namespace Samspil.Features.Notifications;

/// <summary>
/// Runs <see cref="OutboxProcessor"/> in the background: a batch, then (if the batch was not full) a wait
/// for <see cref="OutboxOptions.PollSeconds"/> or until a commit with new messages wakes it
/// (<see cref="OutboxSignal"/>). Off when <c>Notifications:Outbox:Enabled</c> is false. A failure (the
/// database away for a moment) is logged by type and retried at the next poll.
/// </summary>
public sealed partial class OutboxWorker(OutboxProcessor processor, OutboxSignal signal, TimeProvider time, ILogger<OutboxWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!processor.Options.Enabled)
        {
            return;
        }

        LogStarted(logger, processor.InstanceId);
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await processor.ProcessBatchAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogBatchFailed(logger, processor.InstanceId, e.GetType().Name);
            }

            if (claimed >= processor.Options.BatchSize)
            {
                continue; // more may be due
            }

            try
            {
                await signal.WaitAsync(TimeSpan.FromSeconds(processor.Options.PollSeconds), time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox worker {InstanceId} started")]
    private static partial void LogStarted(ILogger logger, string instanceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox worker {InstanceId}: a batch failed ({Failure}); trying again at the next poll")]
    private static partial void LogBatchFailed(ILogger logger, string instanceId, string failure);
}
