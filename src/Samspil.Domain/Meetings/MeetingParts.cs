using Samspil.Domain.Common;

namespace Samspil.Domain.Meetings;

public sealed class AgendaPoint : ICitizenRecord
{
    private AgendaPoint()
    {
        Text = string.Empty;
        ProposedByName = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid MeetingId { get; private set; }

    public int Order { get; internal set; }

    public string Text { get; private set; }

    public string ProposedByName { get; private set; }

    public DateTimeOffset ProposedAt { get; private set; }

    /// <summary>False while a participant's proposal waits for the coordinator.</summary>
    public bool Accepted { get; private set; }

    internal static AgendaPoint Create(Guid meetingId, int order, string text, string proposedBy, bool accepted, DateTimeOffset now) =>
        new() { Id = Guid.CreateVersion7(now), MeetingId = meetingId, Order = order, Text = text, ProposedByName = proposedBy, ProposedAt = now, Accepted = accepted };

    internal void Accept() => Accepted = true;
}

public sealed class MeetingParticipant : ICitizenRecord
{
    private MeetingParticipant()
    {
    }

    public Guid Id { get; private set; }

    public Guid MeetingId { get; private set; }

    /// <summary>The network member; null for the citizen.</summary>
    public Guid? MemberId { get; private set; }

    public bool IsCitizen { get; private set; }

    public MeetingRole Role { get; private set; }

    /// <summary>Can make decisions for their organisation at this meeting (R18).</summary>
    public bool HasDecisionCompetence { get; private set; }

    public Attendance Attendance { get; private set; }

    public string? ProxyName { get; private set; }

    internal static MeetingParticipant Create(Guid meetingId, ParticipantSpec spec) =>
        new()
        {
            Id = Guid.NewGuid(),
            MeetingId = meetingId,
            MemberId = spec.MemberId,
            IsCitizen = spec.IsCitizen,
            Role = spec.Role,
            HasDecisionCompetence = spec.HasDecisionCompetence,
        };

    internal void RecordAttendance(Attendance attendance, string? proxyName)
    {
        Attendance = attendance;
        ProxyName = proxyName;
    }
}

/// <summary>Something agreed at a meeting (R25); it lives on as an action in the shared plan.</summary>
public sealed class MeetingAgreement : ICitizenRecord
{
    private MeetingAgreement()
    {
        Text = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid MeetingId { get; private set; }

    public int Order { get; private set; }

    public string Text { get; private set; }

    public Guid? OwnerMemberId { get; private set; }

    public bool OwnerIsCitizen { get; private set; }

    public DateOnly DueDate { get; private set; }

    /// <summary>The action in the plan that carries the agreement; its status is the agreement's status.</summary>
    public Guid PlanActionId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    internal static MeetingAgreement Create(Guid meetingId, int order, string text, Guid? ownerMemberId, bool ownerIsCitizen, DateOnly dueDate, Guid planActionId, DateTimeOffset now) =>
        new()
        {
            Id = Guid.CreateVersion7(now),
            MeetingId = meetingId,
            Order = order,
            Text = text,
            OwnerMemberId = ownerMemberId,
            OwnerIsCitizen = ownerIsCitizen,
            DueDate = dueDate,
            PlanActionId = planActionId,
            CreatedAt = now,
        };
}
