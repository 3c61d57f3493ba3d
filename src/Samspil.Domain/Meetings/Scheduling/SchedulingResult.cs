namespace Samspil.Domain.Meetings.Scheduling;

/// <summary>A proposed time, valid against every hard constraint.</summary>
public sealed record ProposedSlot
{
    /// <summary>Start, UTC.</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>End, UTC.</summary>
    public required DateTimeOffset End { get; init; }

    /// <summary>Start as Copenhagen wall-clock time (with its offset), for display.</summary>
    public required DateTimeOffset LocalStart { get; init; }

    /// <summary>The ranking score (see <see cref="RankingWeights"/>).</summary>
    public required int Score { get; init; }

    /// <summary>Inside the course's fixed weekly network slot.</summary>
    public required bool InNetworkSlot { get; init; }

    /// <summary>Inside the citizen's preferred times of day.</summary>
    public required bool InPreferredTimeOfDay { get; init; }

    /// <summary>Keys of optional participants who are free and fit within the citizen's maximum number of people.</summary>
    public required IReadOnlyList<string> OptionalParticipantsPresent { get; init; }

    /// <summary>Keys of optional participants who cannot come (busy, outside working hours, or no room).</summary>
    public required IReadOnlyList<string> OptionalParticipantsAbsent { get; init; }

    /// <summary>Keys of the interpreters for the needed language who are free, in the order given; empty when none is needed.</summary>
    public required IReadOnlyList<string> AvailableInterpreters { get; init; }
}

/// <summary>What kind of thing blocks candidate slots.</summary>
public enum BlockerKind
{
    /// <summary>A required participant (<see cref="SchedulingBlocker.SubjectKey"/>) is busy, travelling or outside working hours.</summary>
    ParticipantUnavailable = 0,

    /// <summary>No interpreter for the language (<see cref="SchedulingBlocker.SubjectKey"/>) is free.</summary>
    InterpreterUnavailable = 1,

    /// <summary>None of the candidate interpreters interprets the language at all (rules out every slot).</summary>
    NoInterpreterForLanguage = 2,

    /// <summary>The slot is outside the citizen's allowed times of day.</summary>
    OutsideCitizenTimesOfDay = 3,

    /// <summary>The meeting place (<see cref="SchedulingBlocker.SubjectKey"/>) is one the citizen avoids (rules out every slot).</summary>
    PlaceAvoidedByCitizen = 4,

    /// <summary>The required participants plus the interpreter exceed the citizen's maximum number of people (rules out every slot).</summary>
    TooManyPeople = 5,

    /// <summary>The window is too short for the meeting: there is no candidate start at all.</summary>
    WindowTooShort = 6,
}

/// <summary>
/// One hard constraint and how many candidate starts it rules out. <see cref="RulesOut"/> counts the candidates
/// it fails; <see cref="RulesOutAlone"/> the candidates where it is the only one that fails (the slots that would
/// open if this alone were resolved). <c>RulesOut == SchedulingResult.CandidateCount</c> reads "blocks every time".
/// </summary>
public sealed record SchedulingBlocker(BlockerKind Kind, string? SubjectKey, string? SubjectName, int RulesOut, int RulesOutAlone);

/// <summary>The outcome of <see cref="MeetingScheduler.FindSlots"/>.</summary>
public sealed record SchedulingResult
{
    /// <summary>The best valid slots, at most <see cref="SchedulingRequest.MaxResults"/>, ranked (score, then start).</summary>
    public required IReadOnlyList<ProposedSlot> Slots { get; init; }

    /// <summary>Number of candidate starts in the window (on the step grid).</summary>
    public required int CandidateCount { get; init; }

    /// <summary>Number of candidates that meet every hard constraint.</summary>
    public required int ValidCount { get; init; }

    /// <summary>
    /// Every hard constraint that rules out at least one candidate, most restrictive first (then by kind and key).
    /// Filled whether or not slots were found; when <see cref="Slots"/> is empty it says who or what blocks.
    /// </summary>
    public required IReadOnlyList<SchedulingBlocker> Blockers { get; init; }

    /// <summary>True when at least one slot was found.</summary>
    public bool Found => Slots.Count > 0;
}
