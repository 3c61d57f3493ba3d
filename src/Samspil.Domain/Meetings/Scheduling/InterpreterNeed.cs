namespace Samspil.Domain.Meetings.Scheduling;

/// <summary>An interpreter who may be booked: the languages they interpret, their working hours and busy times.</summary>
public sealed record SchedulingInterpreter
{
    /// <summary>A stable key, unique among the candidates.</summary>
    public required string Key { get; init; }

    /// <summary>Name for display.</summary>
    public required string DisplayName { get; init; }

    /// <summary>Language codes (e.g. "ar", "fa", "ti"); compared without regard to case.</summary>
    public required IReadOnlyList<string> Languages { get; init; }

    /// <summary>Weekly working hours in Copenhagen time; <see cref="WeeklyHours.Always"/> (the default) for no limit.</summary>
    public WeeklyHours WorkingHours { get; init; } = WeeklyHours.Always;

    /// <summary>Bookings, in any order; their places count for travel time to in-person meetings.</summary>
    public IReadOnlyList<BusyInterval> Busy { get; init; } = [];
}

/// <summary>
/// The meeting needs an interpreter for <see cref="LanguageCode"/>: a slot is valid only when at least one of the
/// <see cref="Candidates"/> who interprets that language is within working hours and free (travel time included
/// for in-person meetings) for the whole meeting. The interpreter counts as one person in the room.
/// </summary>
public sealed record InterpreterNeed(string LanguageCode, IReadOnlyList<SchedulingInterpreter> Candidates);
