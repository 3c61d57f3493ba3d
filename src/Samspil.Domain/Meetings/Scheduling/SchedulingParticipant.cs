using Samspil.Domain.Common;

namespace Samspil.Domain.Meetings.Scheduling;

/// <summary>
/// A time someone is busy: UTC start (inclusive) and end (exclusive), and optionally the place they are at,
/// which decides the travel time to and from an in-person meeting. An interval with <c>End == Start</c> is
/// ignored; one that ends before it starts is refused.
/// </summary>
public readonly record struct BusyInterval
{
    public BusyInterval(DateTimeOffset start, DateTimeOffset end, string? placeKey = null)
    {
        if (end < start)
        {
            throw new DomainException("Scheduling.BusyIntervalInvalid", nameof(end));
        }

        Start = start;
        End = end;
        PlaceKey = placeKey;
    }

    /// <summary>Start (inclusive); any offset, read as the instant it denotes.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>End (exclusive).</summary>
    public DateTimeOffset End { get; }

    /// <summary>Where the person is during this time, or null when unknown (then no travel time is added).</summary>
    public string? PlaceKey { get; }
}

/// <summary>
/// Someone invited to the meeting. A required participant must be within working hours and free (travel time
/// included) for the whole meeting; an optional one only improves a slot's rank when free.
/// </summary>
public sealed record SchedulingParticipant
{
    /// <summary>A stable key (e.g. the network member's id) that the result refers back to. Unique in a request.</summary>
    public required string Key { get; init; }

    /// <summary>Name for explanations ("Kim Demo-Laursen er optaget …").</summary>
    public required string DisplayName { get; init; }

    /// <summary>Required (default) or optional.</summary>
    public bool Required { get; init; } = true;

    /// <summary>
    /// Whether this participant is the citizen the course is about (at most one per request). The rules treat the
    /// citizen like anyone else; the flag lets the caller word explanations ("du er optaget …").
    /// </summary>
    public bool IsCitizen { get; init; }

    /// <summary>Weekly working hours in Copenhagen time; <see cref="WeeklyHours.Always"/> (the default) for no limit.</summary>
    public WeeklyHours WorkingHours { get; init; } = WeeklyHours.Always;

    /// <summary>Busy times, in any order, overlapping allowed.</summary>
    public IReadOnlyList<BusyInterval> Busy { get; init; } = [];
}
