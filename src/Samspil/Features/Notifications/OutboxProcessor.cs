using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Samspil.Features.Meetings.Calendar;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Security;
using Samspil.Infrastructure.Telemetry;

namespace Samspil.Features.Notifications;

/// <summary>
/// Delivers the outbox: claims a batch of due messages under a lease, delivers each, and marks it
/// delivered or failed. At least once: a crash after sending but before marking leaves the lease, which
/// expires, and another claim sends again — with the same Message-ID, so the repeat is recognisable (the
/// pickup folder keeps one file per id). Safe with several instances on one PostgreSQL: a claim is one
/// <c>UPDATE … WHERE "Id" IN (SELECT … FOR UPDATE SKIP LOCKED) RETURNING …</c>, so two instances never
/// hold the same message. On SQLite (one instance by design) the claim is one conditional UPDATE.
/// </summary>
public sealed partial class OutboxProcessor(
    IServiceScopeFactory scopes,
    IMailSender mail,
    OutboxOptions options,
    TimeProvider time,
    ILogger<OutboxProcessor> logger,
    string instanceId)
{
    /// <summary>A message whose lease ends within this margin is left for the next claim rather than started.</summary>
    private static readonly TimeSpan LeaseMargin = TimeSpan.FromSeconds(5);

    public string InstanceId { get; } = instanceId;

    public OutboxOptions Options => options;

    /// <summary>
    /// Claims up to <see cref="OutboxOptions.BatchSize"/> due messages and delivers them; returns how many
    /// were claimed. Cancellation stops at once and leaves the rest of the batch leased (as a crash would).
    /// </summary>
    public async Task<int> ProcessBatchAsync(CancellationToken cancellationToken)
    {
        using var batchActivity = SamspilTelemetry.StartOutboxBatch();
        IReadOnlyList<OutboxMessage> claimed;
        await using (var scope = scopes.CreateSystemScope())
        {
            claimed = await ClaimAsync(scope.ServiceProvider.GetRequiredService<SamspilDbContext>(), cancellationToken);
        }

        batchActivity?.SetTag("samspil.outbox.claimed", claimed.Count);

        foreach (var message in claimed)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (time.GetUtcNow() >= message.LockedUntil - LeaseMargin)
            {
                LogLeaseRunningOut(logger, InstanceId, message.Id);
                break;
            }

            using var activity = SamspilTelemetry.StartOutboxDelivery(message.Topic);
            await using var scope = scopes.CreateSystemScope();
            var db = scope.ServiceProvider.GetRequiredService<SamspilDbContext>();
            DeliveryOutcome outcome;
            try
            {
                outcome = await scope.ServiceProvider.GetRequiredService<OutboxDeliveries>().DeliverAsync(message, mail, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw; // stopped mid-delivery: the lease expires and the message is delivered again
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                var gaveUp = await MarkFailedAsync(db, message, e);
                SamspilTelemetry.OutboxDelivered(activity, message.Topic, gaveUp ? "gave_up" : "failed");
                continue;
            }

            // Marked even while stopping: the mail has gone, and a repeat is only avoided by recording that.
            await MarkDeliveredAsync(db, message, outcome);
            SamspilTelemetry.OutboxDelivered(activity, message.Topic, outcome == DeliveryOutcome.Sent ? "sent" : "skipped");
        }

        return claimed.Count;
    }

    /// <summary>Processes batches until nothing is due (for tests and for catching up).</summary>
    public async Task<int> ProcessAllDueAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        int claimed;
        do
        {
            claimed = await ProcessBatchAsync(cancellationToken);
            total += claimed;
        }
        while (claimed > 0);

        return total;
    }

    /// <summary>The wait before attempt <paramref name="attempts"/> + 1: base × 2^(attempts − 1), ±20 % jitter, capped.</summary>
    public static TimeSpan Backoff(int attempts, OutboxOptions options, double jitter)
    {
        var exponent = Math.Min(Math.Max(attempts - 1, 0), 30);
        var seconds = Math.Min(options.BackoffMaxSeconds, options.BackoffBaseSeconds * Math.Pow(2, exponent));
        seconds *= 0.8 + (0.4 * Math.Clamp(jitter, 0, 1));
        return TimeSpan.FromSeconds(Math.Min(options.BackoffMaxSeconds, Math.Max(1, seconds)));
    }

    private async Task<IReadOnlyList<OutboxMessage>> ClaimAsync(SamspilDbContext db, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var until = now.AddSeconds(options.LeaseSeconds);
        var batch = options.BatchSize;
        if (db is PostgresSamspilDbContext)
        {
            // One statement: rows another instance is claiming right now are skipped, not waited for.
            return await db.OutboxMessages.FromSql($"""
                UPDATE "OutboxMessages" SET "LockedBy" = {InstanceId}, "LockedUntil" = {until}
                WHERE "Id" IN (
                    SELECT "Id" FROM "OutboxMessages"
                    WHERE "DeliveredAt" IS NULL AND "GaveUpAt" IS NULL AND "DueAt" <= {now}
                      AND ("LockedUntil" IS NULL OR "LockedUntil" < {now})
                    ORDER BY "DueAt"
                    LIMIT {batch}
                    FOR UPDATE SKIP LOCKED)
                RETURNING *
                """).AsNoTracking().ToListAsync(cancellationToken);
        }

        // SQLite has one writer at a time, so this single conditional UPDATE (its own transaction) is the
        // claim; the condition is checked again on the rows it updates.
        var due = db.OutboxMessages
            .Where(m => m.DeliveredAt == null && m.GaveUpAt == null && m.DueAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
            .OrderBy(m => m.DueAt)
            .Take(batch)
            .Select(m => m.Id);
        var count = await db.OutboxMessages
            .Where(m => due.Contains(m.Id))
            .Where(m => m.DeliveredAt == null && m.GaveUpAt == null && m.DueAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedBy, InstanceId).SetProperty(m => m.LockedUntil, until), cancellationToken);
        if (count == 0)
        {
            return [];
        }

        return await db.OutboxMessages.AsNoTracking()
            .Where(m => m.LockedBy == InstanceId && m.LockedUntil == until && m.DeliveredAt == null)
            .OrderBy(m => m.DueAt)
            .ToListAsync(cancellationToken);
    }

    private async Task MarkDeliveredAsync(SamspilDbContext db, OutboxMessage message, DeliveryOutcome outcome)
    {
        var now = time.GetUtcNow();
        await db.OutboxMessages.Where(m => m.Id == message.Id).ExecuteUpdateAsync(
            s => s.SetProperty(m => m.DeliveredAt, now)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                .SetProperty(m => m.LockedBy, (string?)null)
                .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null),
            CancellationToken.None);
        if (outcome == DeliveryOutcome.Sent)
        {
            LogDelivered(logger, InstanceId, message.Id, message.Topic);
        }
        else
        {
            LogSkipped(logger, InstanceId, message.Id, message.Topic, outcome);
        }
    }

    private async Task<bool> MarkFailedAsync(SamspilDbContext db, OutboxMessage message, Exception failure)
    {
        var now = time.GetUtcNow();
        var attempts = message.Attempts + 1;
        var gaveUp = attempts >= options.MaxAttempts;
        var next = now + Backoff(attempts, options, Random.Shared.NextDouble());
        var error = Describe(failure);
        await db.OutboxMessages.Where(m => m.Id == message.Id).ExecuteUpdateAsync(
            s => s.SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.LastError, error)
                .SetProperty(m => m.DueAt, gaveUp ? message.DueAt : next)
                .SetProperty(m => m.GaveUpAt, gaveUp ? now : (DateTimeOffset?)null)
                .SetProperty(m => m.LockedBy, (string?)null)
                .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null),
            CancellationToken.None);
        if (gaveUp)
        {
            LogGaveUp(logger, InstanceId, message.Id, message.Topic, attempts, failure.GetType().Name);
        }
        else
        {
            LogFailed(logger, InstanceId, message.Id, message.Topic, attempts, failure.GetType().Name, next);
        }

        return gaveUp;
    }

    /// <summary>
    /// What an administrator sees: the exception's type and, for the kinds whose messages are known to
    /// hold no personal data (mail failures name the message id and SMTP code only), its message.
    /// </summary>
    private static string Describe(Exception failure)
    {
        var text = failure is MailDeliveryException or TimeoutException or System.Net.Sockets.SocketException or OutboxPayloadException
            ? $"{failure.GetType().Name}: {failure.Message}"
            : failure.GetType().Name;
        return text.Length <= 1000 ? text : text[..1000];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox {InstanceId} delivered message {MessageId} ({Topic})")]
    private static partial void LogDelivered(ILogger logger, string instanceId, Guid messageId, string topic);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox {InstanceId} completed message {MessageId} ({Topic}) without sending: {Outcome}")]
    private static partial void LogSkipped(ILogger logger, string instanceId, Guid messageId, string topic, DeliveryOutcome outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox {InstanceId}: message {MessageId} ({Topic}) failed on attempt {Attempts} ({Failure}); next attempt at {NextAttempt}")]
    private static partial void LogFailed(ILogger logger, string instanceId, Guid messageId, string topic, int attempts, string failure, DateTimeOffset nextAttempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox {InstanceId}: message {MessageId} ({Topic}) given up after {Attempts} attempts ({Failure})")]
    private static partial void LogGaveUp(ILogger logger, string instanceId, Guid messageId, string topic, int attempts, string failure);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox {InstanceId}: lease on message {MessageId} is running out; left for the next claim")]
    private static partial void LogLeaseRunningOut(ILogger logger, string instanceId, Guid messageId);
}

/// <summary>A payload the delivery cannot read, or an unknown topic. Its message names the topic only.</summary>
public sealed class OutboxPayloadException : Exception
{
    public OutboxPayloadException()
    {
    }

    public OutboxPayloadException(string message)
        : base(message)
    {
    }

    public OutboxPayloadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
