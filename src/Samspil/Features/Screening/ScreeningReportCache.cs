using Samspil.Domain.Screening;

namespace Samspil.Features.Screening;

/// <summary>
/// Keeps the last screening report, so the committee's page does not re-read every admission on each
/// visit. Any change to the stored admissions in this process makes the next request recompute it;
/// with several application instances, another instance's import shows after
/// <see cref="MaxAge"/> at the latest.
/// </summary>
public sealed class ScreeningReportCache(TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _lock = new(1, 1);
    private long _generation;
    private Entry? _entry;

    public void Invalidate() => Interlocked.Increment(ref _generation);

    /// <summary>The report for <paramref name="top"/> persons per area, computed at most once per change.</summary>
    public async Task<(ScreeningReport Report, DateTimeOffset ComputedAt)> GetAsync(int top, Func<CancellationToken, Task<ScreeningReport>> compute, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(compute);
        if (Fresh(top) is { } hit)
        {
            return (hit.Report, hit.ComputedAt);
        }

        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(top) is { } again)
            {
                return (again.Report, again.ComputedAt);
            }

            var generation = Interlocked.Read(ref _generation);
            var computedAt = time.GetUtcNow();
            var report = await compute(cancellationToken);
            _entry = new Entry(generation, top, report, computedAt);
            return (report, computedAt);
        }
        finally
        {
            _lock.Release();
        }
    }

    private Entry? Fresh(int top) =>
        _entry is { } entry && entry.Generation == Interlocked.Read(ref _generation) && entry.Top == top && time.GetUtcNow() - entry.ComputedAt < MaxAge
            ? entry
            : null;

    private sealed record Entry(long Generation, int Top, ScreeningReport Report, DateTimeOffset ComputedAt);
}
