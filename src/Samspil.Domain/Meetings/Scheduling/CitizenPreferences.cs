namespace Samspil.Domain.Meetings.Scheduling;

/// <summary>What the citizen has said about meetings (R9, R24).</summary>
public sealed record CitizenPreferences
{
    /// <summary>No preferences.</summary>
    public static CitizenPreferences None { get; } = new();

    /// <summary>
    /// Hard: the whole meeting must lie within these Copenhagen times of day (any day). Empty (the default)
    /// means any time. Overlapping or touching ranges merge.
    /// </summary>
    public IReadOnlyList<LocalTimeRange> AllowedTimesOfDay { get; init; } = [];

    /// <summary>Soft: a slot that lies wholly within these times of day ranks higher.</summary>
    public IReadOnlyList<LocalTimeRange> PreferredTimesOfDay { get; init; } = [];

    /// <summary>
    /// Hard: at most this many people in the meeting, counting every participant present (the citizen included)
    /// plus the interpreter. Optional participants are left out, in the order given, when they would exceed it.
    /// Applies to every format. Null means no limit.
    /// </summary>
    public int? MaxPeople { get; init; }

    /// <summary>Hard, for in-person meetings: places the citizen will not meet at, matched as <see cref="PlaceNames.Matches"/> reads them.</summary>
    public IReadOnlyCollection<string> PlacesToAvoid { get; init; } = [];
}
