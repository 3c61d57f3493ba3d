namespace Samspil.Infrastructure.Time;

/// <summary>
/// The loop of a background job that runs shortly after start (<see cref="FirstRunDelay"/>) and then every interval:
/// a failed run is reported and the next one tried at the next interval; stopping the host ends the loop.
/// </summary>
public static class PeriodicRun
{
    /// <summary>
    /// How long after start the first run waits. The jobs' first run compiles their queries and reads the whole
    /// database; at start it competed for the CPU with the start itself and the first requests (issue 16: cold start).
    /// </summary>
    public static readonly TimeSpan FirstRunDelay = TimeSpan.FromSeconds(30);

    public static async Task LoopAsync(Func<CancellationToken, Task> run, TimeSpan interval, TimeProvider time, Action<string> onFailure, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(FirstRunDelay, time, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

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
