using Samspil.Domain.Admissions;

namespace Samspil.Features.HospitalNotifications;

/// <summary>One hospital event on a course's timeline.</summary>
/// <param name="Code">The MedCom code: STAA, STIN, STOR, SLOR, SLHJ, MORS.</param>
/// <param name="OutsideDaytime">A discharge outside 08–16 on a weekday (ADR 0008); false for other events.</param>
/// <param name="Corrected">The hospital corrected an earlier message about it (RE_).</param>
public sealed record HospitalEventView(
    Guid Id,
    HospitalEventKind Kind,
    string Code,
    DateTimeOffset OccurredAt,
    HospitalStayClass StayClass,
    string Department,
    string? Hospital,
    HospitalEventStatus Status,
    bool OutsideDaytime,
    bool Corrected,
    DateTimeOffset ReceivedAt);

/// <summary>The citizen's hospital situation as the reader may see it, and the events, newest first.</summary>
public sealed record HospitalTimelineView(bool Admitted, bool OnLeave, bool Deceased, string? CurrentDepartment, IReadOnlyList<HospitalEventView> Events);

/// <summary>An administrator links a parked message to an existing citizen by CPR number.</summary>
public sealed record MatchParkedRequest(string? Cpr);

/// <summary>A parked or malformed message as an administrator sees it: no citizen, a masked CPR at most.</summary>
public sealed record InboundMessageSummary(
    Guid Id,
    DateTimeOffset ReceivedAt,
    InboundSource Source,
    string ReceivedBy,
    string? FileName,
    string? MessageId,
    InboundMessageStatus Status,
    string? EventCode,
    DateTimeOffset? OccurredAt,
    string? Department,
    string? SenderSor,
    string? ReceiverSor,
    string? CprHint,
    string? ErrorCode,
    string? ErrorDetail,
    bool RawTruncated,
    int DuplicatesReceived)
{
    public static InboundMessageSummary Of(InboundMessage m) => new(
        m.Id, m.ReceivedAt, m.Source, m.ReceivedByName, m.FileName, m.MessageId, m.Status, m.EventCode, m.OccurredAt, m.Department,
        m.SenderSor, m.ReceiverSor, m.CprHint, m.ErrorCode, m.ErrorDetail, m.RawTruncated, m.DuplicatesReceived);
}

/// <summary>Where hospital notifications come in from besides HTTP, and how large one may be.</summary>
public sealed class HospitalNotificationOptions
{
    public const string Section = "HospitalNotifications";

    /// <summary>A folder watched for *.json messages (processed/ and failed/ subfolders are created). Empty: no file drop.</summary>
    public string? DropFolder { get; set; }

    /// <summary>How often the drop folder is looked at.</summary>
    public double PollSeconds { get; set; } = 5;

    /// <summary>The largest message accepted, over HTTP or from a file; a larger one is stored truncated as malformed.</summary>
    public int MaxBodyBytes { get; set; } = 1_048_576;
}
