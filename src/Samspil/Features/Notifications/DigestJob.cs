using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Samspil.Domain.Notifications;
using Samspil.Features.Access;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Notifications;

/// <summary>
/// The daily digest for users who chose it: from the configured local hour, one content-free mail a day
/// with the number of unread notices (none when nothing is unread). <see cref="NotificationPreference.LastDigestAt"/>
/// is set in the same transaction as the outbox message, and the message's deduplication key names the
/// user and the day, so a restart — or a second instance — never sends two the same day.
/// </summary>
public sealed partial class DigestJob(SamspilDbContext db, CitizenDataAccess access, TimeProvider time, IOptions<NotificationOptions> options, ILogger<DigestJob> logger)
{
    /// <summary>Queues today's digests that are due; returns how many were queued.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var local = CopenhagenTime.ToLocal(now);
        var today = DateOnly.FromDateTime(local.DateTime);
        if (local.Hour < options.Value.DigestHour)
        {
            return 0;
        }

        var due = (await db.NotificationPreferences.Where(p => p.EmailMode == NotificationEmailMode.DailyDigest).ToListAsync(cancellationToken))
            .Where(p => p.LastDigestAt is not { } last || CopenhagenTime.DateOf(last) < today)
            .ToList();
        if (due.Count == 0)
        {
            return 0;
        }

        var unread = await access.UnreadCountsAsync(due.Select(p => p.UserId).ToList(), cancellationToken);
        var queued = 0;
        foreach (var preference in due)
        {
            var count = unread.GetValueOrDefault(preference.UserId);
            if (count == 0)
            {
                continue;
            }

            db.OutboxMessages.Add(OutboxMessage.Create(
                OutboxTopics.DigestMail,
                JsonSerializer.Serialize(new DigestMailPayload(preference.UserId, today, count)),
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"digest:{preference.UserId:N}:{today:yyyy-MM-dd}"),
                now));
            preference.LastDigestAt = now;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                queued++;
            }
            catch (DbUpdateException)
            {
                // Today's digest for this user is already queued (another instance): one it is.
                db.ChangeTracker.Clear();
                LogAlreadyQueued(logger, preference.UserId);
            }
        }

        return queued;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Digest for user {UserId} was already queued today")]
    private static partial void LogAlreadyQueued(ILogger logger, Guid userId);
}
