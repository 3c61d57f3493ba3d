using Samspil.Domain.Common;

namespace Samspil.Domain.Meetings;

/// <summary>
/// A meeting in a course (FHIR Appointment + Encounter; minutes as a Composition): proposed by a
/// template with a due window, scheduled at a time and place, with an agenda shared before, roles and
/// attendance, and minutes whose agreements become actions in the shared plan (R20–R26).
/// <see cref="Sequence"/> is the iCalendar SEQUENCE: it goes up whenever an invitation changes.
/// </summary>
public sealed class Meeting : ICitizenRecord
{
    public const int MaxAgendaPoints = 40;
    public const int MaxParticipants = 40;
    public const int MaxAgreements = 60;

    private readonly List<AgendaPoint> _agenda = [];
    private readonly List<MeetingParticipant> _participants = [];
    private readonly List<MeetingAgreement> _agreements = [];

    private Meeting()
    {
        Title = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid CourseId { get; private set; }

    public Guid CitizenId { get; private set; }

    public MeetingKind Kind { get; private set; }

    public MeetingStatus Status { get; private set; }

    public string Title { get; private set; }

    /// <summary>The template (and its step) that proposed the meeting, if any.</summary>
    public string? TemplateKey { get; private set; }

    public int? TemplateStep { get; private set; }

    public DateOnly? DueFrom { get; private set; }

    public DateOnly? DueTo { get; private set; }

    public MeetingFormat Format { get; private set; }

    public string? Location { get; private set; }

    public string? VideoLink { get; private set; }

    public DateTimeOffset? Start { get; private set; }

    public DateTimeOffset? End { get; private set; }

    public int Sequence { get; private set; }

    public string? Purpose { get; private set; }

    public DateTimeOffset? AgendaSharedAt { get; private set; }

    public DateTimeOffset? HeldAt { get; private set; }

    public string? Minutes { get; private set; }

    /// <summary>The minutes in plain words for the citizen (R17).</summary>
    public string? CitizenSummary { get; private set; }

    public DateTimeOffset? MinutesApprovedAt { get; private set; }

    public string? MinutesApprovedByName { get; private set; }

    public string? CancelReason { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Concurrency token: one more for every change.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<AgendaPoint> Agenda => _agenda;

    public IReadOnlyList<MeetingParticipant> Participants => _participants;

    public IReadOnlyList<MeetingAgreement> Agreements => _agreements;

    public IEnumerable<AgendaPoint> OrderedAgenda => _agenda.OrderBy(a => a.Order);

    public static Meeting Create(NewMeeting spec, Moment now)
    {
        if (!Enum.IsDefined(spec.Kind))
        {
            throw new DomainException("Meeting.Kind.Invalid", "kind");
        }

        if (!Enum.IsDefined(spec.Format))
        {
            throw new DomainException("Meeting.Format.Invalid", "format");
        }

        if (spec.DueFrom is { } from && spec.DueTo is { } to && to < from)
        {
            throw new DomainException("Meeting.DueWindow.Invalid", "dueTo");
        }

        return new Meeting
        {
            Id = Guid.CreateVersion7(now.Utc),
            CourseId = spec.CourseId,
            CitizenId = spec.CitizenId,
            Kind = spec.Kind,
            Status = MeetingStatus.Proposed,
            Title = Guard.RequiredText(spec.Title, 200, "Meeting.Title", "title"),
            TemplateKey = spec.TemplateKey,
            TemplateStep = spec.TemplateStep,
            DueFrom = spec.DueFrom,
            DueTo = spec.DueTo,
            Format = spec.Format,
            CreatedAt = now.Utc,
            Version = 1,
        };
    }

    public bool IsOpen => Status is MeetingStatus.Proposed or MeetingStatus.Scheduled;

    /// <summary>
    /// Sets (or moves) the time and place. A move or a change of place is a new invitation version.
    /// A time in the past is allowed: an acute meeting is often written down afterwards.
    /// </summary>
    public void Schedule(DateTimeOffset? start, DateTimeOffset? end, MeetingFormat format, string? location, string? videoLink)
    {
        EnsureOpen();
        var from = WholeMinute(start ?? throw new DomainException("Meeting.Start.Required", "start"));
        var to = WholeMinute(end ?? throw new DomainException("Meeting.End.Required", "end"));
        if (to <= from || to - from > TimeSpan.FromHours(8))
        {
            throw new DomainException("Meeting.End.Invalid", "end");
        }

        SetPlace(format, location, videoLink);
        if (Status == MeetingStatus.Scheduled)
        {
            Sequence++;
        }

        Start = from;
        End = to;
        Status = MeetingStatus.Scheduled;
        Touch();
    }

    public void Cancel(string? reason)
    {
        EnsureOpen();
        CancelReason = Guard.OptionalText(reason, 500, "Meeting.CancelReason", "reason");
        if (Status == MeetingStatus.Scheduled)
        {
            Sequence++;
        }

        Status = MeetingStatus.Cancelled;
        Touch();
    }

    /// <summary>
    /// An open proposal follows its course model: when the trigger moves (a phase change, a new expected end of
    /// treatment, the meeting it follows), its due window moves with it. Scheduled, held and cancelled meetings stay.
    /// Returns whether anything changed.
    /// </summary>
    public bool MoveDueWindow(DateOnly from, DateOnly to)
    {
        if (Status != MeetingStatus.Proposed)
        {
            return false;
        }

        if (to < from)
        {
            throw new DomainException("Meeting.DueWindow.Invalid", "dueTo");
        }

        if (DueFrom == from && DueTo == to)
        {
            return false;
        }

        DueFrom = from;
        DueTo = to;
        Touch();
        return true;
    }

    public void Describe(string? title, string? purpose)
    {
        EnsureNotCancelled();
        Title = Guard.RequiredText(title, 200, "Meeting.Title", "title");
        Purpose = Guard.OptionalText(purpose, 2000, "Meeting.Purpose", "purpose");
        Touch();
    }

    /// <summary>Adds an agenda point. Points from the coordinator are accepted; others' are proposals until accepted (R20).</summary>
    public AgendaPoint AddAgendaPoint(string? text, string proposedBy, bool accepted, Moment now)
    {
        EnsureOpen();
        if (_agenda.Count >= MaxAgendaPoints)
        {
            throw new DomainException("Meeting.Agenda.TooMany");
        }

        var point = AgendaPoint.Create(Id, _agenda.Count, Guard.RequiredText(text, 500, "Meeting.Agenda.Text", "text"), proposedBy, accepted, now.Utc);
        _agenda.Add(point);
        Touch();
        return point;
    }

    public void AcceptAgendaPoint(Guid pointId)
    {
        EnsureOpen();
        FindPoint(pointId).Accept();
        Touch();
    }

    public void RemoveAgendaPoint(Guid pointId)
    {
        EnsureOpen();
        _agenda.Remove(FindPoint(pointId));
        var i = 0;
        foreach (var point in _agenda.OrderBy(p => p.Order).ToList())
        {
            point.Order = i++;
        }

        Touch();
    }

    /// <summary>Shares the agenda with the participants (again, if it changed). It needs a purpose or an accepted point.</summary>
    public void ShareAgenda(Moment now)
    {
        EnsureOpen();
        if (Purpose is null && !_agenda.Any(a => a.Accepted))
        {
            throw new DomainException("Meeting.Agenda.Empty", "purpose");
        }

        AgendaSharedAt = now.Utc;
        Touch();
    }

    /// <summary>Sets who takes part and in which role. At most one meeting leader and one minute-taker.</summary>
    public void SetParticipants(IReadOnlyList<ParticipantSpec> participants, IReadOnlySet<Guid> networkMembers)
    {
        EnsureNotCancelled();
        if (participants.Count > MaxParticipants)
        {
            throw new DomainException("Meeting.Participants.TooMany", "participants");
        }

        foreach (var p in participants)
        {
            if (p.IsCitizen == p.MemberId.HasValue || (p.MemberId is { } id && !networkMembers.Contains(id)))
            {
                throw new DomainException("Meeting.Participant.NotInNetwork", "participants");
            }

            if (!Enum.IsDefined(p.Role))
            {
                throw new DomainException("Meeting.Participant.RoleInvalid", "participants");
            }
        }

        if (participants.GroupBy(p => (p.MemberId, p.IsCitizen)).Any(g => g.Count() > 1))
        {
            throw new DomainException("Meeting.Participant.Duplicate", "participants");
        }

        if (participants.Count(p => p.Role == MeetingRole.MeetingLeader) > 1 || participants.Count(p => p.Role == MeetingRole.MinuteTaker) > 1)
        {
            throw new DomainException("Meeting.Participant.RoleTaken", "participants");
        }

        // Keep attendance already recorded for people who stay.
        var previous = _participants.ToDictionary(p => (p.MemberId, p.IsCitizen));
        _participants.Clear();
        foreach (var spec in participants)
        {
            var participant = MeetingParticipant.Create(Id, spec);
            if (previous.TryGetValue((spec.MemberId, spec.IsCitizen), out var old))
            {
                participant.RecordAttendance(old.Attendance, old.ProxyName);
            }

            _participants.Add(participant);
        }

        Touch();
    }

    public void RecordAttendance(Guid participantId, Attendance attendance, string? proxyName)
    {
        EnsureNotCancelled();
        if (!Enum.IsDefined(attendance))
        {
            throw new DomainException("Meeting.Attendance.Invalid", "attendance");
        }

        var participant = _participants.SingleOrDefault(p => p.Id == participantId) ?? throw new DomainException("Meeting.Participant.NotFound", "participantId");
        var proxy = attendance == Attendance.RepresentedByProxy
            ? Guard.RequiredText(proxyName, 200, "Meeting.Attendance.ProxyName", "proxyName")
            : null;
        participant.RecordAttendance(attendance, proxy);
        Touch();
    }

    /// <summary>The meeting took place. Only a scheduled meeting whose start has come.</summary>
    public void MarkHeld(Moment now)
    {
        if (Status != MeetingStatus.Scheduled)
        {
            throw new DomainException("Meeting.NotScheduled");
        }

        if (Start > now.Utc)
        {
            throw new DomainException("Meeting.NotStarted");
        }

        Status = MeetingStatus.Held;
        HeldAt = now.Utc;
        Touch();
    }

    /// <summary>Writes the minutes and the citizen's plain summary. Approved minutes are final.</summary>
    public void WriteMinutes(string? minutes, string? citizenSummary)
    {
        EnsureMinutesOpen();
        Minutes = Guard.OptionalText(minutes, 20000, "Meeting.Minutes", "minutes");
        CitizenSummary = Guard.OptionalText(citizenSummary, 4000, "Meeting.CitizenSummary", "citizenSummary");
        Touch();
    }

    /// <summary>Records an agreement made at the meeting; it is linked to the plan action created for it.</summary>
    public MeetingAgreement AddAgreement(string text, Guid? ownerMemberId, bool ownerIsCitizen, DateOnly dueDate, Guid planActionId, Moment now)
    {
        EnsureMinutesOpen();
        if (_agreements.Count >= MaxAgreements)
        {
            throw new DomainException("Meeting.Agreement.TooMany");
        }

        var agreement = MeetingAgreement.Create(Id, _agreements.Count, text, ownerMemberId, ownerIsCitizen, dueDate, planActionId, now.Utc);
        _agreements.Add(agreement);
        Touch();
        return agreement;
    }

    /// <summary>Approves the minutes and shares them with the participants (R25).</summary>
    public void ApproveMinutes(Actor by, Moment now)
    {
        EnsureMinutesOpen();
        if (Minutes is null && _agreements.Count == 0)
        {
            throw new DomainException("Meeting.Minutes.Empty", "minutes");
        }

        MinutesApprovedAt = now.Utc;
        MinutesApprovedByName = by.DisplayName;
        Touch();
    }

    /// <summary>The agenda must be shared <paramref name="workingDays"/> working days before the meeting's (local) date.</summary>
    public DateOnly? AgendaDeadline(int workingDays, Func<DateTimeOffset, DateOnly> localDate) =>
        Start is { } start ? WorkingDays.Before(localDate(start), workingDays) : null;

    /// <summary>The minutes must be approved <paramref name="workingDays"/> working days after the meeting was held.</summary>
    public DateOnly? MinutesDeadline(int workingDays, Func<DateTimeOffset, DateOnly> localDate) =>
        (HeldAt ?? (Status == MeetingStatus.Held ? Start : null)) is { } held ? WorkingDays.After(localDate(held), workingDays) : null;

    private void SetPlace(MeetingFormat format, string? location, string? videoLink)
    {
        if (!Enum.IsDefined(format))
        {
            throw new DomainException("Meeting.Format.Invalid", "format");
        }

        var place = Guard.OptionalText(location, 300, "Meeting.Location", "location");
        var link = Guard.OptionalText(videoLink, 500, "Meeting.VideoLink", "videoLink");
        if (format == MeetingFormat.InPerson && place is null)
        {
            throw new DomainException("Meeting.Location.Required", "location");
        }

        if (format == MeetingFormat.Video && (link is null || !Uri.TryCreate(link, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new DomainException("Meeting.VideoLink.Invalid", "videoLink");
        }

        Format = format;
        Location = format == MeetingFormat.InPerson ? place : null;
        VideoLink = format == MeetingFormat.Video ? link : null;
    }

    private AgendaPoint FindPoint(Guid pointId) =>
        _agenda.SingleOrDefault(a => a.Id == pointId) ?? throw new DomainException("Meeting.Agenda.NotFound", "pointId");

    private void EnsureOpen()
    {
        if (!IsOpen)
        {
            throw new DomainException(Status == MeetingStatus.Cancelled ? "Meeting.Cancelled" : "Meeting.AlreadyHeld");
        }
    }

    private void EnsureNotCancelled()
    {
        if (Status == MeetingStatus.Cancelled)
        {
            throw new DomainException("Meeting.Cancelled");
        }
    }

    private void EnsureMinutesOpen()
    {
        if (Status != MeetingStatus.Held)
        {
            throw new DomainException("Meeting.NotHeld");
        }

        if (MinutesApprovedAt is not null)
        {
            throw new DomainException("Meeting.Minutes.Approved");
        }
    }

    private void Touch() => Version++;

    /// <summary>Meetings are at whole minutes (calendars keep whole seconds at most).</summary>
    private static DateTimeOffset WholeMinute(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
    }
}

public sealed record NewMeeting(Guid CourseId, Guid CitizenId, MeetingKind Kind, string? Title, MeetingFormat Format, DateOnly? DueFrom, DateOnly? DueTo, string? TemplateKey = null, int? TemplateStep = null);

/// <summary>Who takes part: a network member or the citizen, with a role and whether they can decide (R18).</summary>
public sealed record ParticipantSpec(Guid? MemberId, bool IsCitizen, MeetingRole Role, bool HasDecisionCompetence);
