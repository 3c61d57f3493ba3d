using Samspil.Domain.Common;

namespace Samspil.Features.CareCommunications;

/// <summary>Which way a CareCommunication went.</summary>
public enum CareCommunicationDirection
{
    Outgoing = 0,
    Incoming = 1,
}

/// <summary>How a received CareCommunication reached Samspil.</summary>
public enum CareCommunicationSource
{
    Http = 0,
    FileDrop = 1,
    Samspil = 2,
}

public enum CareCommunicationStatus
{
    /// <summary>Sent by Samspil and handed to the outbox.</summary>
    Sent = 0,

    /// <summary>Sent, but the outbox could not deliver it (HTTP error); the bundle is kept.</summary>
    DeliveryFailed = 1,

    /// <summary>Received and placed in a course's conversation.</summary>
    Accepted = 2,

    /// <summary>Received and readable, waiting for an administrator (no known thread, no consent, or no known citizen).</summary>
    Waiting = 3,

    /// <summary>Received and rejected by an administrator; kept.</summary>
    Rejected = 4,

    /// <summary>Not a readable CareCommunication; kept, refused with an OperationOutcome.</summary>
    Malformed = 5,

    /// <summary>An acknowledgement Samspil built for a received message.</summary>
    Acknowledgement = 6,
}

/// <summary>
/// One CareCommunication (or acknowledgement) as it went out or came in: the raw bundle (always kept),
/// the MedCom ids, the parties and what became of it. Like the hospital notifications' inbound store
/// it is the integration's envelope, not itself handed out as citizen data: what a message says is in
/// <see cref="ExternalMessage"/> and read through the conversation's access rules.
/// </summary>
public sealed class CareCommunicationEnvelope
{
    private CareCommunicationEnvelope()
    {
        Raw = string.Empty;
        ByName = string.Empty;
    }

    public Guid Id { get; private set; }

    public CareCommunicationDirection Direction { get; private set; }

    public CareCommunicationSource Source { get; private set; }

    public DateTimeOffset At { get; private set; }

    public Guid ByUserId { get; private set; }

    public string ByName { get; private set; }

    public string? FileName { get; private set; }

    /// <summary>MessageHeader.id: unique per direction, the key of idempotent receipt.</summary>
    public string? MessageHeaderId { get; private set; }

    /// <summary>For an acknowledgement: the MessageHeader.id it answers.</summary>
    public string? RespondsTo { get; private set; }

    public string Raw { get; private set; }

    public bool RawTruncated { get; private set; }

    public CareCommunicationStatus Status { get; private set; }

    public string? ErrorCode { get; private set; }

    public string? ErrorDetail { get; private set; }

    public string? Category { get; private set; }

    public string? Activity { get; private set; }

    public string? PartyName { get; private set; }

    public string? PartySor { get; private set; }

    public string? PartyEan { get; private set; }

    /// <summary>For a waiting message: the CPR with its serial masked (DDMMYY-XXXX).</summary>
    public string? CprHint { get; private set; }

    public Guid? CitizenId { get; private set; }

    public Guid? ConversationId { get; private set; }

    public string? Outcome { get; private set; }

    public int DuplicatesReceived { get; private set; }

    public Guid? DecidedByUserId { get; private set; }

    public string? DecidedByName { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public static CareCommunicationEnvelope Create(CareCommunicationDirection direction, CareCommunicationSource source, string raw, bool truncated, string? fileName, Guid byUserId, string byName, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Direction = direction,
        Source = source,
        At = now,
        ByUserId = byUserId,
        ByName = Cut(byName, 200)!,
        FileName = fileName is null ? null : Cut(Path.GetFileName(fileName), 200),
        Raw = raw,
        RawTruncated = truncated,
        Status = direction == CareCommunicationDirection.Outgoing ? CareCommunicationStatus.Sent : CareCommunicationStatus.Malformed,
    };

    public void MarkMalformed(string code, string? detail)
    {
        Status = CareCommunicationStatus.Malformed;
        ErrorCode = Cut(code, 100);
        ErrorDetail = Cut(detail, 1000);
    }

    public void Describe(string messageHeaderId, string? category, string? activity, string? partyName, string? partySor, string? partyEan)
    {
        MessageHeaderId = Cut(messageHeaderId, 100);
        Category = Cut(category, 60);
        Activity = Cut(activity, 40);
        PartyName = Cut(partyName, 200);
        PartySor = Cut(partySor, 30);
        PartyEan = Cut(partyEan, 30);
    }

    public void AcknowledgementOf(string respondsTo, string code)
    {
        Status = CareCommunicationStatus.Acknowledgement;
        RespondsTo = Cut(respondsTo, 100);
        Outcome = Cut(code, 60);
    }

    public void Wait(string? cprHint, Guid? citizenId, string reason)
    {
        Status = CareCommunicationStatus.Waiting;
        CprHint = cprHint;
        CitizenId = citizenId;
        Outcome = Cut(reason, 60);
    }

    public void Accept(Guid citizenId, Guid conversationId, string outcome)
    {
        Status = CareCommunicationStatus.Accepted;
        CitizenId = citizenId;
        ConversationId = conversationId;
        CprHint = null;
        Outcome = Cut(outcome, 60);
    }

    public void SentFor(Guid citizenId, Guid conversationId, bool delivered, string? detail)
    {
        CitizenId = citizenId;
        ConversationId = conversationId;
        Status = delivered ? CareCommunicationStatus.Sent : CareCommunicationStatus.DeliveryFailed;
        ErrorDetail = Cut(detail, 1000);
    }

    public void Delivered(bool delivered, string? detail)
    {
        if (!delivered)
        {
            ErrorDetail = Cut(detail, 1000);
            if (Status == CareCommunicationStatus.Sent)
            {
                Status = CareCommunicationStatus.DeliveryFailed;
            }
        }
    }

    public void Reject(Guid userId, string name, DateTimeOffset now)
    {
        Status = CareCommunicationStatus.Rejected;
        DecidedBy(userId, name, now);
    }

    public void DecidedBy(Guid userId, string name, DateTimeOffset now)
    {
        DecidedByUserId = userId;
        DecidedByName = Cut(name, 200);
        DecidedAt = now;
    }

    public void CountDuplicate() => DuplicatesReceived++;

    private static string? Cut(string? value, int max) => value is null ? null : value.Length <= max ? value : value[..max];
}

/// <summary>
/// A CareCommunication as part of a course's conversation (sent to or received from a GP or hospital
/// department): who the external party is, category, topic, the text and attachments' titles, the
/// MedCom ids that keep the thread. Readable exactly as the conversation is.
/// </summary>
public sealed class ExternalMessage : ICitizenRecord
{
    public const int MaxTextLength = 20_000;

    private ExternalMessage()
    {
        PartyName = string.Empty;
        Category = string.Empty;
        AuthorName = string.Empty;
        MessageHeaderId = string.Empty;
        Activity = string.Empty;
        AttachmentTitles = [];
    }

    public Guid Id { get; private set; }

    public Guid ConversationId { get; private set; }

    public Guid CitizenId { get; private set; }

    public Guid EnvelopeId { get; private set; }

    public CareCommunicationDirection Direction { get; private set; }

    /// <summary>For an outgoing message: the conversation message it was sent from.</summary>
    public Guid? ConversationMessageId { get; private set; }

    public string PartyName { get; private set; }

    public string? PartySor { get; private set; }

    public string? PartyEan { get; private set; }

    public string Category { get; private set; }

    public string? Topic { get; private set; }

    public string? Text { get; private set; }

    public string AuthorName { get; private set; }

    public string? AuthorRole { get; private set; }

    public DateTimeOffset SentAt { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public string MessageHeaderId { get; private set; }

    /// <summary>new-message, reply-message or forward-message.</summary>
    public string Activity { get; private set; }

    /// <summary>The MessageHeader.id of the earlier message this one answers or forwards (the Provenance chain).</summary>
    public string? InResponseTo { get; private set; }

    public List<string> AttachmentTitles { get; private set; }

    public static ExternalMessage Record(ExternalMessageSpec spec, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        ConversationId = spec.ConversationId,
        CitizenId = spec.CitizenId,
        EnvelopeId = spec.EnvelopeId,
        Direction = spec.Direction,
        ConversationMessageId = spec.ConversationMessageId,
        PartyName = Guard.RequiredText(spec.PartyName.Length > 200 ? spec.PartyName[..200] : spec.PartyName, 200, "CareCommunication.Party", "recipient"),
        PartySor = spec.PartySor,
        PartyEan = spec.PartyEan,
        Category = spec.Category,
        Topic = spec.Topic is { Length: > 60 } topic ? topic[..60] : spec.Topic,
        Text = spec.Text is { Length: > MaxTextLength } text ? text[..MaxTextLength] : spec.Text,
        AuthorName = spec.AuthorName.Length > 200 ? spec.AuthorName[..200] : spec.AuthorName,
        AuthorRole = spec.AuthorRole is { Length: > 100 } role ? role[..100] : spec.AuthorRole,
        SentAt = spec.SentAt,
        RecordedAt = now,
        MessageHeaderId = spec.MessageHeaderId,
        Activity = spec.Activity,
        InResponseTo = spec.InResponseTo,
        AttachmentTitles = spec.AttachmentTitles.Take(50).Select(t => t.Length > 200 ? t[..200] : t).ToList(),
    };
}

public sealed record ExternalMessageSpec(
    Guid ConversationId,
    Guid CitizenId,
    Guid EnvelopeId,
    CareCommunicationDirection Direction,
    Guid? ConversationMessageId,
    string PartyName,
    string? PartySor,
    string? PartyEan,
    string Category,
    string? Topic,
    string? Text,
    string AuthorName,
    string? AuthorRole,
    DateTimeOffset SentAt,
    string MessageHeaderId,
    string Activity,
    string? InResponseTo,
    IReadOnlyList<string> AttachmentTitles);
