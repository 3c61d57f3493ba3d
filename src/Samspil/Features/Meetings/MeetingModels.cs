using Samspil.Domain.Directory;
using Samspil.Domain.Meetings;
using Samspil.Domain.Plans;

namespace Samspil.Features.Meetings;

/// <summary>Deadlines for agenda and minutes, in working days (R20, R25).</summary>
public sealed class MeetingOptions
{
    public const string Section = "Meetings";

    /// <summary>The agenda is shared at least this many working days before the meeting.</summary>
    public int AgendaWorkingDaysBefore { get; set; } = 3;

    /// <summary>The minutes are approved and shared within this many working days after the meeting.</summary>
    public int MinutesWorkingDaysAfter { get; set; } = 2;

    /// <summary>How far ahead a template proposes repeating meetings.</summary>
    public int TemplateHorizonDays { get; set; } = 400;

    /// <summary>Travel minutes between places when no entry in <see cref="Travel"/> names them.</summary>
    public int DefaultTravelMinutes { get; set; } = 30;

    /// <summary>Known travel times between places (either direction), e.g. clinic to job centre.</summary>
    public List<TravelEntry> Travel { get; set; } = [];
}

public sealed class TravelEntry
{
    public string From { get; set; } = string.Empty;

    public string To { get; set; } = string.Empty;

    public int Minutes { get; set; }
}

/// <param name="Location">For an in-person meeting not yet placed: where it will be (travel times and places the citizen avoids depend on it).</param>
public sealed record FindSlotsRequest(DateOnly? From, DateOnly? To, int? DurationMinutes, string? Location = null);

public sealed record SlotView(DateTimeOffset Start, DateTimeOffset End, DateOnly LocalDate, TimeOnly LocalTime, int Score, bool InNetworkSlot, bool InPreferredTimeOfDay, IReadOnlyList<string> OptionalAbsent, IReadOnlyList<string> Interpreters, IReadOnlyList<Guid>? InterpreterIds = null);

public sealed record BlockerView(string Kind, string? Who, int RulesOut, int RulesOutAlone, bool BlocksAll, string Text);

/// <summary>The earliest times that meet every hard constraint, ranked; or who and what blocks.</summary>
public sealed record SlotSearchView(DateOnly From, DateOnly To, int DurationMinutes, int Candidates, int Valid, IReadOnlyList<SlotView> Slots, IReadOnlyList<BlockerView> Blockers, IReadOnlyList<string> Notes);

public sealed record AvailabilityView(string WorkDays, TimeOnly WorkStart, TimeOnly WorkEnd, DayOfWeek? NetworkSlotDay, TimeOnly? NetworkSlotStart, TimeOnly? NetworkSlotEnd, string? InterpreterLanguages, string? CalendarFeedUrl, bool HasCalendarFile, DateTimeOffset? UpdatedAt);

public sealed record AvailabilityRequest(string? WorkDays, TimeOnly? WorkStart, TimeOnly? WorkEnd, DayOfWeek? NetworkSlotDay, TimeOnly? NetworkSlotStart, TimeOnly? NetworkSlotEnd, string? InterpreterLanguages, string? CalendarFeedUrl, string? CalendarIcs, bool RemoveCalendarFile = false);

public sealed record PreferencesView(TimeOnly? AllowedFrom, TimeOnly? AllowedTo, TimeOnly? PreferredFrom, TimeOnly? PreferredTo, int? MaxPeople, string? AvoidPlaces);

public sealed record PreferencesRequest(TimeOnly? AllowedFrom, TimeOnly? AllowedTo, TimeOnly? PreferredFrom, TimeOnly? PreferredTo, int? MaxPeople, string? AvoidPlaces);

public sealed record MeetingSummary(
    Guid Id,
    Guid CourseId,
    MeetingKind Kind,
    string Title,
    MeetingStatus Status,
    DateOnly? DueFrom,
    DateOnly? DueTo,
    DateTimeOffset? Start,
    DateTimeOffset? End,
    MeetingFormat Format,
    string? Location,
    DateTimeOffset? AgendaSharedAt,
    DateOnly? AgendaDeadline,
    bool AgendaLate,
    DateOnly? MinutesDeadline,
    bool MinutesLate,
    DateTimeOffset? MinutesApprovedAt,
    bool DueOverdue,
    string? CitizenSummary);

public sealed record TemplateRef(string Key, string Name, bool IsDefault);

/// <summary>The course calendar: every meeting of a course, proposed and scheduled.</summary>
public sealed record CourseMeetingsView(Guid CourseId, string CitizenName, bool IsDemo, IReadOnlyList<MeetingSummary> Meetings, IReadOnlyList<TemplateRef> Templates, bool CanEdit);

public sealed record MeetingParticipantView(
    Guid Id,
    Guid? MemberId,
    bool IsCitizen,
    string Name,
    string? Organization,
    Sector? Sector,
    string? Title,
    string? Mandate,
    MeetingRole Role,
    bool HasDecisionCompetence,
    Attendance Attendance,
    string? ProxyName);

public sealed record PossibleParticipant(Guid? MemberId, bool IsCitizen, string Name, string? Organization, bool IsCoordinator);

public sealed record AgendaPointView(Guid Id, int Position, string Text, string ProposedBy, bool Accepted);

/// <summary>An agreement and how its action in the plan stands now (null when the reader may not see the plan).</summary>
public sealed record AgreementView(Guid Id, string Text, string OwnerName, DateOnly DueDate, Guid PlanActionId, ActionStatus? ActionStatus, string FromMeeting);

public sealed record MeetingView(
    Guid Id,
    Guid CourseId,
    string CitizenName,
    bool IsDemo,
    MeetingKind Kind,
    string Title,
    MeetingStatus Status,
    DateOnly? DueFrom,
    DateOnly? DueTo,
    MeetingFormat Format,
    string? Location,
    string? VideoLink,
    DateTimeOffset? Start,
    DateTimeOffset? End,
    int Sequence,
    string? Purpose,
    DateTimeOffset? AgendaSharedAt,
    DateOnly? AgendaDeadline,
    bool AgendaLate,
    IReadOnlyList<AgendaPointView> Agenda,
    IReadOnlyList<MeetingParticipantView> Participants,
    IReadOnlyList<PossibleParticipant> PossibleParticipants,
    DateTimeOffset? HeldAt,
    string? Minutes,
    string? CitizenSummary,
    DateTimeOffset? MinutesApprovedAt,
    string? MinutesApprovedByName,
    DateOnly? MinutesDeadline,
    bool MinutesLate,
    IReadOnlyList<AgreementView> Agreements,
    IReadOnlyList<AgreementView> PreviousAgreements,
    string? MinutesDraft,
    string? CancelReason,
    bool CanEdit,
    bool CanPropose);

/// <summary>A meeting on the professional's own agenda ("Mine møder"), with what they should do about it.</summary>
public sealed record MyMeetingView(Guid CourseId, string CitizenName, MeetingSummary Meeting, bool IAmCoordinator, bool IAmParticipant);

public sealed record CreateMeetingRequest(MeetingKind? Kind, string? Title, MeetingFormat? Format, DateOnly? DueFrom, DateOnly? DueTo);

public sealed record ApplyTemplateRequest(string? TemplateKey, DateOnly? TriggerDate);

/// <param name="InterpreterId">The interpreter to book when the citizen needs one (from "Find en tid"); another free one is booked when they are not free.</param>
public sealed record ScheduleMeetingRequest(DateTimeOffset? Start, DateTimeOffset? End, MeetingFormat? Format, string? Location, string? VideoLink, Guid? InterpreterId = null);

public sealed record DescribeMeetingRequest(string? Title, string? Purpose);

public sealed record CancelMeetingRequest(string? Reason);

public sealed record ParticipantInput(Guid? MemberId, bool IsCitizen, MeetingRole? Role, bool HasDecisionCompetence);

public sealed record ParticipantsRequest(IReadOnlyList<ParticipantInput>? Participants);

public sealed record AttendanceRequest(Guid? ParticipantId, Attendance? Attendance, string? ProxyName);

public sealed record AgendaPointRequest(string? Text);

public sealed record MinutesRequest(string? Minutes, string? CitizenSummary);

public sealed record AgreementRequest(string? Text, Guid? OwnerMemberId, bool OwnerIsCitizen, DateOnly? DueDate);
