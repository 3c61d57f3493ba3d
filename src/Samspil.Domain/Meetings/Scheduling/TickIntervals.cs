namespace Samspil.Domain.Meetings.Scheduling;

/// <summary>A half-open interval [Start, End) of UTC ticks.</summary>
internal readonly record struct TickInterval(long Start, long End);

/// <summary>Operations on sorted, disjoint, non-touching lists of <see cref="TickInterval"/> ("normalised").</summary>
internal static class TickIntervals
{
    /// <summary>Sorts, drops empty intervals, and merges overlapping or touching ones. Reuses the list.</summary>
    public static List<TickInterval> Normalise(List<TickInterval> intervals)
    {
        intervals.RemoveAll(i => i.End <= i.Start);
        if (intervals.Count < 2)
        {
            return intervals;
        }

        intervals.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        var write = 0;
        for (var read = 1; read < intervals.Count; read++)
        {
            var current = intervals[write];
            var next = intervals[read];
            if (next.Start <= current.End)
            {
                if (next.End > current.End)
                {
                    intervals[write] = current with { End = next.End };
                }
            }
            else
            {
                intervals[++write] = next;
            }
        }

        intervals.RemoveRange(write + 1, intervals.Count - write - 1);
        return intervals;
    }

    /// <summary><paramref name="a"/> minus <paramref name="b"/>; both normalised.</summary>
    public static List<TickInterval> Subtract(List<TickInterval> a, List<TickInterval> b)
    {
        var result = new List<TickInterval>(a.Count + 4);
        var j = 0;
        foreach (var interval in a)
        {
            var start = interval.Start;
            while (j < b.Count && b[j].End <= start)
            {
                j++;
            }

            var k = j;
            while (k < b.Count && b[k].Start < interval.End)
            {
                if (b[k].Start > start)
                {
                    result.Add(new TickInterval(start, b[k].Start));
                }

                start = Math.Max(start, b[k].End);
                k++;
            }

            if (start < interval.End)
            {
                result.Add(new TickInterval(start, interval.End));
            }
        }

        return result;
    }

    /// <summary>
    /// The starts s for which [s, s + duration) lies within one interval of the normalised <paramref name="free"/>,
    /// as half-open intervals of starts.
    /// </summary>
    public static List<TickInterval> StartsFitting(List<TickInterval> free, long duration)
    {
        var result = new List<TickInterval>(free.Count);
        foreach (var interval in free)
        {
            if (interval.End - interval.Start >= duration)
            {
                result.Add(new TickInterval(interval.Start, interval.End - duration + 1));
            }
        }

        return result;
    }

    /// <summary>Whether <paramref name="tick"/> lies in the normalised <paramref name="intervals"/> (binary search).</summary>
    public static bool Contains(List<TickInterval> intervals, long tick)
    {
        int low = 0, high = intervals.Count - 1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            if (intervals[middle].End <= tick)
            {
                low = middle + 1;
            }
            else if (intervals[middle].Start > tick)
            {
                high = middle - 1;
            }
            else
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Membership in a normalised interval list for non-decreasing queries, in amortised O(1).</summary>
internal struct IntervalCursor(List<TickInterval> intervals)
{
    private int _index;

    public bool Contains(long tick)
    {
        while (_index < intervals.Count && intervals[_index].End <= tick)
        {
            _index++;
        }

        return _index < intervals.Count && intervals[_index].Start <= tick;
    }
}
