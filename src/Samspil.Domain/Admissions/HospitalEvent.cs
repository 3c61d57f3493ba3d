using Samspil.Domain.Common;

namespace Samspil.Domain.Admissions;

/// <summary>
/// What happened to a hospital stay, named after MedCom's hospital-notification event codes
/// (sygehusadvis). Corrections (RE_) and cancellations (AN_) are not kinds of their own: they change
/// the status of an earlier event (see <see cref="HospitalMessageAction"/>).
/// </summary>
public enum HospitalEventKind
{
    /// <summary>STAA — start sygehusophold, akut ambulant (acute ambulant stay starts).</summary>
    AcuteAmbulantStart = 0,

    /// <summary>STIN — start sygehusophold, indlagt (admitted as an inpatient).</summary>
    Admission = 1,

    /// <summary>STOR — start orlov (leave from the admission starts).</summary>
    LeaveStart = 2,

    /// <summary>SLOR — slut orlov (back from leave).</summary>
    LeaveEnd = 3,

    /// <summary>SLHJ — slut sygehusophold, afsluttet til hjemmet (discharged home / to the primary sector).</summary>
    Discharge = 4,

    /// <summary>MORS — død (the patient died).</summary>
    Deceased = 5,
}

/// <summary>Whether a message reports something new, corrects an earlier message (RE_) or cancels one (AN_).</summary>
public enum HospitalMessageAction
{
    New = 0,
    Correction = 1,
    Cancellation = 2,
}

/// <summary>The kind of stay (MedCom Encounter.class): inpatient (IMP) or acute ambulant (EMER).</summary>
public enum HospitalStayClass
{
    Inpatient = 0,
    AcuteAmbulant = 1,
}

public enum HospitalEventStatus
{
    Active = 0,

    /// <summary>Replaced by a correction (RE_); the correcting event is active instead.</summary>
    Superseded = 1,

    /// <summary>Cancelled by the hospital (AN_): it did not happen.</summary>
    Withdrawn = 2,
}

/// <summary>
/// One event of a citizen's hospital stay as told by a MedCom hospital notification: admission,
/// leave, return, discharge or death, with when, where (department and hospital) and the hospital's
/// episode identifier that ties the events of one stay together. Nothing is deleted: a correction
/// supersedes the event and adds a new one, a cancellation withdraws it.
/// </summary>
public sealed class HospitalEvent : ICitizenRecord
{
    private HospitalEvent()
    {
        MessageId = string.Empty;
        EpisodeIdentifier = string.Empty;
        Department = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid CitizenId { get; private set; }

    /// <summary>The stored message that reported it.</summary>
    public Guid InboundMessageId { get; private set; }

    /// <summary>The MedCom message id (MessageHeader.id) that reported it; later corrections and cancellations refer to it.</summary>
    public string MessageId { get; private set; }

    public HospitalEventKind Kind { get; private set; }

    public HospitalStayClass StayClass { get; private set; }

    /// <summary>The hospital's identifier of the whole stay (Encounter.episodeOfCare.identifier), "system|value".</summary>
    public string EpisodeIdentifier { get; private set; }

    /// <summary>When it happened: the stay's start, the leave's start or end, the discharge or death.</summary>
    public DateTimeOffset OccurredAt { get; private set; }

    public DateTimeOffset StayStart { get; private set; }

    public DateTimeOffset? StayEnd { get; private set; }

    /// <summary>The department responsible for the stay (Encounter.serviceProvider), e.g. "Psykiatrisk Afdeling Odense, sengeafsnit P1".</summary>
    public string Department { get; private set; }

    /// <summary>The department's SOR code, when the message carries one.</summary>
    public string? DepartmentSor { get; private set; }

    /// <summary>The sending hospital (MessageHeader.sender), when it differs from the department.</summary>
    public string? Hospital { get; private set; }

    public HospitalEventStatus Status { get; private set; }

    /// <summary>The event this one corrects (RE_), if any.</summary>
    public Guid? ReplacesEventId { get; private set; }

    /// <summary>The message id of the correction or cancellation that changed the status.</summary>
    public string? StatusChangedByMessageId { get; private set; }

    public DateTimeOffset? StatusChangedAt { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }

    public bool IsActive => Status == HospitalEventStatus.Active;

    public static HospitalEvent Record(NewHospitalEvent spec, DateTimeOffset now, Guid? replaces = null) => new()
    {
        Id = Guid.CreateVersion7(now),
        CitizenId = spec.CitizenId,
        InboundMessageId = spec.InboundMessageId,
        MessageId = Guard.RequiredText(spec.MessageId, 100, "HospitalEvent.MessageId", "messageId"),
        Kind = spec.Kind,
        StayClass = spec.StayClass,
        EpisodeIdentifier = Guard.RequiredText(spec.EpisodeIdentifier, 300, "HospitalEvent.Episode", "episode"),
        OccurredAt = spec.OccurredAt.ToUniversalTime(),
        StayStart = spec.StayStart.ToUniversalTime(),
        StayEnd = spec.StayEnd?.ToUniversalTime(),
        Department = Guard.RequiredText(spec.Department, 200, "HospitalEvent.Department", "department"),
        DepartmentSor = Guard.OptionalText(spec.DepartmentSor, 30, "HospitalEvent.DepartmentSor", "departmentSor"),
        Hospital = Guard.OptionalText(spec.Hospital, 200, "HospitalEvent.Hospital", "hospital"),
        Status = HospitalEventStatus.Active,
        ReplacesEventId = replaces,
        ReceivedAt = now,
    };

    /// <summary>A correction (RE_) replaced this event.</summary>
    public void Supersede(string byMessageId, DateTimeOffset now) => ChangeStatus(HospitalEventStatus.Superseded, byMessageId, now);

    /// <summary>A cancellation (AN_) says this event did not happen.</summary>
    public void Withdraw(string byMessageId, DateTimeOffset now) => ChangeStatus(HospitalEventStatus.Withdrawn, byMessageId, now);

    private void ChangeStatus(HospitalEventStatus status, string byMessageId, DateTimeOffset now)
    {
        if (Status != HospitalEventStatus.Active)
        {
            throw new DomainException("HospitalEvent.NotActive");
        }

        Status = status;
        StatusChangedByMessageId = byMessageId;
        StatusChangedAt = now;
    }
}

public sealed record NewHospitalEvent(
    Guid CitizenId,
    Guid InboundMessageId,
    string MessageId,
    HospitalEventKind Kind,
    HospitalStayClass StayClass,
    string EpisodeIdentifier,
    DateTimeOffset OccurredAt,
    DateTimeOffset StayStart,
    DateTimeOffset? StayEnd,
    string Department,
    string? DepartmentSor,
    string? Hospital);
