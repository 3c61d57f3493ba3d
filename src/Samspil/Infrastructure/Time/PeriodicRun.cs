namespace Samspil.Infrastructure.Time;

/// <summary>
/// The loop of a background job that runs at start and then every interval: a failed run is reported and
/// the next one tried at the next interval; stopping the host ends the loop.
/// </summary>
public static class PeriodicRun
{
    public static async Task LoopAsync(Func<CancellationToken, Task> run, TimeSpan interval, TimeProvider time, Action<string> onFailure, CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await run(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                onFailure(e.GetType().Name);
            }

            try
            {
                await Task.Delay(interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }
}
