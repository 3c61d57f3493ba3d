using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Samspil.Features.Notifications;
using Samspil.Infrastructure.Persistence;

namespace Samspil.Infrastructure.Telemetry;

/// <summary>
/// <c>samspil.outbox.lag</c>: how long the oldest due, undelivered notification-outbox message has waited
/// (0 when none waits). Created only when telemetry is on; the query runs when the gauge is read (each
/// metric export, 60 s by default), never per request. A message given up, or due later (a retry's
/// back-off, a scheduled reminder), is not lag.
/// </summary>
public sealed class OutboxLagGauge : IDisposable
{
    private readonly Meter _meter;
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _time;

    public OutboxLagGauge(IMeterFactory meters, IServiceScopeFactory scopes, TimeProvider time)
    {
        _scopes = scopes;
        _time = time;
        _meter = meters.Create(SamspilTelemetry.Name);
        _meter.CreateObservableGauge("samspil.outbox.lag", Observe, "s", "Age of the oldest due notification-outbox message not yet delivered.");
    }

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<double>> Observe()
    {
        if (Lag() is { } lag)
        {
            yield return new Measurement<double>(lag);
        }
    }

    private double? Lag()
    {
        try
        {
            using var scope = _scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<SamspilDbContext>();
            var now = _time.GetUtcNow();

            // Sorted rather than Min(): SQLite stores the times as binary numbers and cannot aggregate a DateTimeOffset.
            var oldest = db.OutboxMessages.AsNoTracking()
                .Where(m => m.DeliveredAt == null && m.GaveUpAt == null && m.DueAt <= now)
                .OrderBy(m => m.DueAt)
                .Select(m => (DateTimeOffset?)m.DueAt)
                .FirstOrDefault();
            return oldest is { } due ? Math.Max(0, (now - due).TotalSeconds) : 0;
        }
        catch (Exception e) when (e is InvalidOperationException or System.Data.Common.DbException or TimeoutException)
        {
            return null; // the database is away: no reading rather than a wrong one
        }
    }
}
