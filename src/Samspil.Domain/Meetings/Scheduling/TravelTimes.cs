using Samspil.Domain.Common;

namespace Samspil.Domain.Meetings.Scheduling;

/// <summary>Travel time from one place to another (place keys are compared ordinally).</summary>
public readonly record struct TravelTime(string FromPlace, string ToPlace, TimeSpan Duration);

/// <summary>
/// Travel times between places for in-person meetings. A lookup of A→B uses the A→B entry, else the B→A entry,
/// else <see cref="DefaultDuration"/>; the same place is always zero.
/// </summary>
public sealed class TravelTimes
{
    private readonly Dictionary<(string From, string To), TimeSpan> _times = [];

    /// <summary>A matrix of the given entries with a default for pairs not listed (30 minutes unless given).</summary>
    public TravelTimes(IEnumerable<TravelTime> entries, TimeSpan? defaultDuration = null)
    {
        DefaultDuration = defaultDuration ?? TimeSpan.FromMinutes(30);
        if (DefaultDuration < TimeSpan.Zero)
        {
            throw new DomainException("Scheduling.TravelTimeNegative", nameof(defaultDuration));
        }

        foreach (var entry in entries)
        {
            if (entry.Duration < TimeSpan.Zero)
            {
                throw new DomainException("Scheduling.TravelTimeNegative", nameof(entries));
            }

            _times[(entry.FromPlace, entry.ToPlace)] = entry.Duration;
        }
    }

    /// <summary>No entries: every pair of different places takes 30 minutes.</summary>
    public static TravelTimes Default { get; } = new([]);

    /// <summary>Used for pairs without an entry.</summary>
    public TimeSpan DefaultDuration { get; }

    /// <summary>The time to travel from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public TimeSpan Between(string from, string to) =>
        string.Equals(from, to, StringComparison.Ordinal) ? TimeSpan.Zero
        : _times.TryGetValue((from, to), out var there) ? there
        : _times.TryGetValue((to, from), out var back) ? back
        : DefaultDuration;
}
