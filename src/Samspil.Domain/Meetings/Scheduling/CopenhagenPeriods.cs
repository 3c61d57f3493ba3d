namespace Samspil.Domain.Meetings.Scheduling;

/// <summary>
/// Turns Copenhagen wall-clock ranges into exact UTC intervals over a window, daylight saving included. The
/// window is cut into periods of constant UTC offset; within each, local time is UTC plus that offset, so a
/// local range maps to UTC by subtracting it. The skipped spring hour therefore maps to nothing, and the repeated
/// autumn hour to both of its UTC occurrences.
/// </summary>
internal sealed class CopenhagenPeriods
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");

    private readonly List<(long Start, long End, long Offset)> _periods = [];

    public CopenhagenPeriods(long fromTicks, long toTicks)
    {
        var start = fromTicks;
        var offset = OffsetAt(start);
        // Offsets change at most twice a year; a daily probe finds each change, a binary search its exact tick.
        for (var probe = fromTicks + TimeSpan.TicksPerDay; start < toTicks; probe += TimeSpan.TicksPerDay)
        {
            var at = Math.Min(probe, toTicks);
            if (OffsetAt(at) == offset && at < toTicks)
            {
                continue;
            }

            var change = at;
            if (OffsetAt(at) != offset)
            {
                long low = start, high = at; // offset(low) == offset, offset(high) != offset
                while (high - low > 1)
                {
                    var middle = low + ((high - low) / 2);
                    if (OffsetAt(middle) == offset)
                    {
                        low = middle;
                    }
                    else
                    {
                        high = middle;
                    }
                }

                change = high;
            }

            _periods.Add((start, change, offset));
            start = change;
            offset = OffsetAt(start);
        }
    }

    public static long OffsetAt(long utcTicks) => Zone.GetUtcOffset(new DateTime(utcTicks, DateTimeKind.Utc)).Ticks;

    public static DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>The UTC intervals, within the window, whose local time lies in one of the weekly ranges. Normalised.</summary>
    public List<TickInterval> ToUtc(IReadOnlyList<WeeklyTimeRange> ranges)
    {
        var result = new List<TickInterval>();
        if (ranges.Count == 0)
        {
            return result;
        }

        foreach (var (start, end, offset) in _periods)
        {
            long localStart = start + offset, localEnd = end + offset;
            for (var day = localStart - (localStart % TimeSpan.TicksPerDay); day < localEnd; day += TimeSpan.TicksPerDay)
            {
                var weekday = new DateTime(day, DateTimeKind.Unspecified).DayOfWeek;
                foreach (var range in ranges)
                {
                    if (range.Day != weekday)
                    {
                        continue;
                    }

                    var from = Math.Max(day + range.Range.StartOffset.Ticks, localStart);
                    var to = Math.Min(day + range.Range.EndOffset.Ticks, localEnd);
                    if (from < to)
                    {
                        result.Add(new TickInterval(from - offset, to - offset));
                    }
                }
            }
        }

        return TickIntervals.Normalise(result);
    }

    /// <summary>The same local ranges on every day of the week.</summary>
    public List<TickInterval> ToUtc(IReadOnlyList<LocalTimeRange> dailyRanges) =>
        ToUtc(Enum.GetValues<DayOfWeek>().SelectMany(day => dailyRanges.Select(range => new WeeklyTimeRange(day, range))).ToArray());
}
