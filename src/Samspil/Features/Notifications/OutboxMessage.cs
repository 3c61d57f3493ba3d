namespace Samspil.Features.Notifications;

/// <summary>
/// One delivery waiting to happen (an e-mail notice, a digest), written in the same transaction as
/// the event that causes it, so nothing is lost when the process stops. A background worker claims
/// due messages (row locks with SKIP LOCKED on PostgreSQL, so two instances never take the same one),
/// delivers them at least once, and retries failures with back-off. The deduplication key makes
/// enqueuing idempotent; the message id travels with the delivery so a receiver can drop a repeat.
/// </summary>
public sealed class OutboxMessage
{
    private OutboxMessage()
    {
        Topic = string.Empty;
        Payload = string.Empty;
        DeduplicationKey = string.Empty;
    }

    public Guid Id { get; private set; }

    /// <summary>What kind of delivery, e.g. <see cref="OutboxTopics.NoticeMail"/>.</summary>
    public string Topic { get; private set; }

    /// <summary>The delivery's data as JSON; identifiers, never citizen content.</summary>
    public string Payload { get; private set; }

    public string DeduplicationKey { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Not before this time (the next attempt after a failure).</summary>
    public DateTimeOffset DueAt { get; set; }

    public int Attempts { get; set; }

    /// <summary>The last failure's exception type and message (no citizen data is in a delivery).</summary>
    public string? LastError { get; set; }

    /// <summary>The worker instance that holds the message, until <see cref="LockedUntil"/>.</summary>
    public string? LockedBy { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    /// <summary>Set when retries are used up; shown to an administrator.</summary>
    public DateTimeOffset? GaveUpAt { get; set; }

    public static OutboxMessage Create(string topic, string payload, string deduplicationKey, DateTimeOffset now) =>
        new()
        {
            Id = Guid.CreateVersion7(now),
            Topic = topic,
            Payload = payload,
            DeduplicationKey = deduplicationKey,
            CreatedAt = now,
            DueAt = now,
        };
}

public static class OutboxTopics
{
    /// <summary>A content-free e-mail telling a user they have a new notice; payload <c>{"notificationId": "…"}</c>.</summary>
    public const string NoticeMail = "notice-mail";

    /// <summary>The daily digest: one content-free e-mail with the number of unread notices; payload <see cref="DigestMailPayload"/>.</summary>
    public const string DigestMail = "digest-mail";

    /// <summary>A staff invitation's activation link; payload <c>Administration.AccountInvitationMailPayload</c> (the code encrypted).</summary>
    public const string AccountInvitationMail = "account-invitation-mail";
}
