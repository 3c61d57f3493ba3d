namespace Samspil.Domain.Screening;

/// <summary>
/// Converts UTC instants to Danish local (Europe/Copenhagen) wall-clock time, fast enough to do it
/// for every one of millions of admissions.
/// </summary>
/// <remarks>
/// <see cref="TimeZoneInfo.ConvertTime(DateTimeOffset, TimeZoneInfo)"/> looks up adjustment rules on
/// every call. Between 1970 and 2100 this class instead binary-searches a table of the zone's
/// offset changes, built once from the same <see cref="TimeZoneInfo"/>; outside that range it falls
/// back to <see cref="TimeZoneInfo"/>. Both give the same answer (a property test checks it). The
/// conversion is from an instant, so it is never ambiguous, also in the repeated October hour.
/// </remarks>
public static class CopenhagenClock
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");

    private static readonly long TableStartUtcTicks = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
    private static readonly long TableEndUtcTicks = new DateTime(2101, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
    private static readonly (long[] FromUtcTicks, long[] OffsetTicks) Table = BuildTable();

    /// <summary>The local wall-clock time in Denmark at <paramref name="instant"/>.</summary>
    public static DateTime ToLocal(DateTimeOffset instant) => new(LocalTicks(instant.UtcTicks), DateTimeKind.Unspecified);

    /// <summary>Local wall-clock ticks (as <see cref="DateTime.Ticks"/>) in Denmark at a UTC instant given in ticks.</summary>
    public static long LocalTicks(long utcTicks)
    {
        if (utcTicks < TableStartUtcTicks || utcTicks >= TableEndUtcTicks)
        {
            return TimeZoneInfo.ConvertTime(new DateTimeOffset(utcTicks, TimeSpan.Zero), Zone).DateTime.Ticks;
        }

        var index = Array.BinarySearch(Table.FromUtcTicks, utcTicks);
        if (index < 0)
        {
            index = ~index - 1;
        }

        return utcTicks + Table.OffsetTicks[index];
    }

    /// <summary>
    /// Every instant in [1970, 2101) at which the offset changes, found by stepping a day at a time and
    /// bisecting to the second where it changed (the zone changes at most once a day).
    /// </summary>
    private static (long[], long[]) BuildTable()
    {
        var from = new List<long> { TableStartUtcTicks };
        var offsets = new List<long> { OffsetAt(TableStartUtcTicks) };
        for (var day = TableStartUtcTicks; day < TableEndUtcTicks; day += TimeSpan.TicksPerDay)
        {
            var next = Math.Min(day + TimeSpan.TicksPerDay, TableEndUtcTicks - TimeSpan.TicksPerSecond);
            var offset = OffsetAt(next);
            if (offset == offsets[^1])
            {
                continue;
            }

            long low = day, high = next;
            while (high - low > TimeSpan.TicksPerSecond)
            {
                var middle = low + ((high - low) / 2 / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond);
                if (middle == low)
                {
                    middle = low + TimeSpan.TicksPerSecond;
                }

                if (OffsetAt(middle) == offset)
                {
                    high = middle;
                }
                else
                {
                    low = middle;
                }
            }

            from.Add(high);
            offsets.Add(offset);
        }

        return (from.ToArray(), offsets.ToArray());
    }

    private static long OffsetAt(long utcTicks) => Zone.GetUtcOffset(new DateTimeOffset(utcTicks, TimeSpan.Zero)).Ticks;
}
