namespace Samspil.Features.HospitalNotifications;

/// <summary>How a hospital notification reached Samspil.</summary>
public enum InboundSource
{
    Http = 0,
    FileDrop = 1,
    Cli = 2,
}

public enum InboundMessageStatus
{
    /// <summary>Parsed and applied to a known citizen.</summary>
    Accepted = 0,

    /// <summary>Parsed, but no citizen in Samspil has the CPR number: waits for an administrator to match it.</summary>
    Parked = 1,

    /// <summary>Not a readable hospital notification; the raw text is kept for inspection.</summary>
    Malformed = 2,

    /// <summary>Applied, and later corrected by another message (RE_).</summary>
    Superseded = 3,

    /// <summary>Applied, and later cancelled by another message (AN_).</summary>
    Withdrawn = 4,
}

/// <summary>
/// One hospital notification as received: the raw text (always kept, also when it cannot be read),
/// where it came from, its MedCom message id, and what became of it. The integration inbox: it is not
/// itself citizen data the consent layer hands out. Administrators see parked and malformed messages
/// (masked CPR, metadata; the raw text only for malformed ones); what a message says about a known
/// citizen is read through <see cref="Domain.Admissions.HospitalEvent"/> and the access layer.
/// </summary>
public sealed class InboundMessage
{
    private InboundMessage()
    {
        Raw = string.Empty;
        ReceivedByName = string.Empty;
    }

    public Guid Id { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }

    public InboundSource Source { get; private set; }

    /// <summary>Who delivered it: the integration account, or "Samspil" for the file drop and the CLI.</summary>
    public Guid ReceivedByUserId { get; private set; }

    public string ReceivedByName { get; private set; }

    /// <summary>The file name for a file-drop or CLI import.</summary>
    public string? FileName { get; private set; }

    /// <summary>The MedCom message id (MessageHeader.id): unique, the key of idempotent receipt.</summary>
    public string? MessageId { get; private set; }

    public string? BundleId { get; private set; }

    public string Raw { get; private set; }

    /// <summary>The body was larger than the limit; <see cref="Raw"/> holds its beginning.</summary>
    public bool RawTruncated { get; private set; }

    public InboundMessageStatus Status { get; private set; }

    /// <summary>Why it is malformed: a stable code, and the parser's explanation.</summary>
    public string? ErrorCode { get; private set; }

    public string? ErrorDetail { get; private set; }

    /// <summary>E.g. STIN, RE_STIN, AN_SLHJ, MORS.</summary>
    public string? EventCode { get; private set; }

    public DateTimeOffset? OccurredAt { get; private set; }

    public string? Department { get; private set; }

    public string? SenderSor { get; private set; }

    public string? ReceiverSor { get; private set; }

    /// <summary>For a parked message: the CPR with its serial masked (DDMMYY-****), enough to recognise, not to identify.</summary>
    public string? CprHint { get; private set; }

    public Guid? CitizenId { get; private set; }

    /// <summary>What applying it did, e.g. "Applied", "CorrectionWithoutTarget", "NothingToCancel".</summary>
    public string? Outcome { get; private set; }

    public int DuplicatesReceived { get; private set; }

    public DateTimeOffset? LastDuplicateAt { get; private set; }

    public Guid? MatchedByUserId { get; private set; }

    public string? MatchedByName { get; private set; }

    public DateTimeOffset? MatchedAt { get; private set; }

    public static InboundMessage Receive(string raw, bool truncated, InboundSource source, string? fileName, Guid byUserId, string byName, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        ReceivedAt = now,
        Source = source,
        FileName = fileName is null ? null : Path.GetFileName(fileName)[..Math.Min(Path.GetFileName(fileName).Length, 200)],
        ReceivedByUserId = byUserId,
        ReceivedByName = byName,
        Raw = raw,
        RawTruncated = truncated,
        Status = InboundMessageStatus.Malformed,
    };

    public void MarkMalformed(string code, string? detail)
    {
        Status = InboundMessageStatus.Malformed;
        ErrorCode = code;
        ErrorDetail = detail is { Length: > 1000 } ? detail[..1000] : detail;
    }

    public void Describe(ParsedHospitalNotification message, string eventCode, DateTimeOffset? occurredAt)
    {
        MessageId = message.MessageId;
        BundleId = message.BundleId is { Length: <= 100 } bundleId ? bundleId : null;
        EventCode = eventCode;
        OccurredAt = occurredAt?.ToUniversalTime();
        Department = message.Department.Length <= 200 ? message.Department : message.Department[..200];
        SenderSor = Short(message.SenderSor);
        ReceiverSor = Short(message.ReceiverSor);
    }

    public void Park(string cprHint)
    {
        Status = InboundMessageStatus.Parked;
        CprHint = cprHint;
    }

    public void Accept(Guid citizenId, string outcome)
    {
        Status = InboundMessageStatus.Accepted;
        CitizenId = citizenId;
        CprHint = null;
        Outcome = outcome;
    }

    public void MatchedBy(Guid userId, string name, DateTimeOffset now)
    {
        MatchedByUserId = userId;
        MatchedByName = name;
        MatchedAt = now;
    }

    public void Supersede() => Status = InboundMessageStatus.Superseded;

    public void Withdraw() => Status = InboundMessageStatus.Withdrawn;

    public void CountDuplicate(DateTimeOffset now)
    {
        DuplicatesReceived++;
        LastDuplicateAt = now;
    }

    private static string? Short(string? value) => value is { Length: <= 30 } ? value : null;
}
