namespace Samspil.Domain.Meetings.Scheduling;

/// <summary>
/// Points that rank valid slots (all whole numbers, so ranking is exact). A slot's score is
/// <c>NetworkSlot·[inside the weekly network slot] + PreferredTimeOfDay·[inside the citizen's preferred times]
/// + PerOptionalParticipant·(optional participants present) − PerDayLater·(whole days from the window's start)</c>.
/// Slots are ranked by score, highest first, then by start, earliest first.
/// </summary>
/// <remarks>
/// The defaults make earliness the base while letting a better slot win if it is not much later: the fixed
/// network slot is worth six days, a preferred time of day four days, each optional participant two days.
/// </remarks>
public sealed record RankingWeights
{
    public static RankingWeights Default { get; } = new();

    public int NetworkSlot { get; init; } = 6;

    public int PreferredTimeOfDay { get; init; } = 4;

    public int PerOptionalParticipant { get; init; } = 2;

    public int PerDayLater { get; init; } = 1;
}

/// <summary>
/// What to schedule, among whom, and within which window. All local times (working hours, network slots,
/// times of day) are Europe/Copenhagen wall-clock times; instants are UTC <see cref="DateTimeOffset"/>s (any offset
/// is accepted and read as the instant it denotes).
/// </summary>
public sealed record SchedulingRequest
{
    /// <summary>Earliest start of the meeting.</summary>
    public required DateTimeOffset From { get; init; }

    /// <summary>Latest end of the meeting.</summary>
    public required DateTimeOffset To { get; init; }

    /// <summary>Length of the meeting (positive).</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>
    /// Candidate starts are the instants in the window that are whole multiples of the step counted from
    /// 0001-01-01 00:00 UTC — for a step that divides an hour, that is the Copenhagen wall-clock grid
    /// (:00, :15, :30, :45 for the default 15 minutes). The meeting must end by <see cref="To"/>.
    /// </summary>
    public TimeSpan Step { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// In person, video or phone (the meetings' own <see cref="MeetingFormat"/>). Only in person uses
    /// <see cref="PlaceKey"/>, travel times and the citizen's places to avoid.
    /// </summary>
    public required MeetingFormat Format { get; init; }

    /// <summary>Where an in-person meeting is held (required then; ignored for video and phone).</summary>
    public string? PlaceKey { get; init; }

    /// <summary>Everyone invited, the citizen included. Keys must be unique.</summary>
    public required IReadOnlyList<SchedulingParticipant> Participants { get; init; }

    public CitizenPreferences Preferences { get; init; } = CitizenPreferences.None;

    /// <summary>Null when no interpreter is needed.</summary>
    public InterpreterNeed? Interpreter { get; init; }

    /// <summary>The course's fixed weekly time(s) kept free for network meetings (R23); soft.</summary>
    public IReadOnlyList<WeeklyTimeRange> NetworkSlots { get; init; } = [];

    /// <summary>Travel times between places, for in-person meetings.</summary>
    public TravelTimes TravelTimes { get; init; } = TravelTimes.Default;

    /// <summary>How many slots to return at most (default 5).</summary>
    public int MaxResults { get; init; } = 5;

    public RankingWeights Weights { get; init; } = RankingWeights.Default;
}
