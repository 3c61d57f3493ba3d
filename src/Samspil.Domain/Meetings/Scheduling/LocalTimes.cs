using Samspil.Domain.Common;

namespace Samspil.Domain.Meetings.Scheduling;

/// <summary>
/// A range of Europe/Copenhagen wall-clock time within one day, start inclusive, end exclusive.
/// An <see cref="End"/> of 00:00 means the end of the day (24:00), so <c>new LocalTimeRange(new(0, 0), new(0, 0))</c>
/// is the whole day. Ranges never cross midnight; split such a range in two.
/// </summary>
/// <remarks>
/// An instant lies in the range when its Copenhagen wall-clock time does. On the day clocks go forward the
/// skipped hour (02:00–03:00) simply does not occur; on the day they go back the repeated hour occurs twice,
/// and both occurrences lie in a range that contains 02:00–03:00.
/// </remarks>
public readonly record struct LocalTimeRange
{
    public LocalTimeRange(TimeOnly start, TimeOnly end)
    {
        if (end != TimeOnly.MinValue && end <= start)
        {
            throw new DomainException("Scheduling.TimeRangeInvalid", nameof(end));
        }

        Start = start;
        End = end;
    }

    /// <summary>Inclusive start, local wall-clock time.</summary>
    public TimeOnly Start { get; }

    /// <summary>Exclusive end, local wall-clock time; 00:00 means 24:00.</summary>
    public TimeOnly End { get; }

    /// <summary>The whole day, 00:00–24:00.</summary>
    public static LocalTimeRange WholeDay => new(TimeOnly.MinValue, TimeOnly.MinValue);

    /// <summary>Shorthand for whole hours: <c>LocalTimeRange.Hours(9, 15)</c> is 09:00–15:00; an end of 24 is midnight.</summary>
    public static LocalTimeRange Hours(int startHour, int endHour) =>
        new(new TimeOnly(startHour, 0), endHour == 24 ? TimeOnly.MinValue : new TimeOnly(endHour, 0));

    internal TimeSpan StartOffset => Start.ToTimeSpan();

    internal TimeSpan EndOffset => End == TimeOnly.MinValue ? TimeSpan.FromDays(1) : End.ToTimeSpan();
}

/// <summary>A <see cref="LocalTimeRange"/> on one weekday, e.g. Thursday 13:00–15:00 (a working-hour block or the fixed network slot).</summary>
public readonly record struct WeeklyTimeRange(DayOfWeek Day, LocalTimeRange Range)
{
    /// <summary>Shorthand: <c>WeeklyTimeRange.Hours(DayOfWeek.Thursday, 13, 15)</c>.</summary>
    public static WeeklyTimeRange Hours(DayOfWeek day, int startHour, int endHour) => new(day, LocalTimeRange.Hours(startHour, endHour));
}

/// <summary>
/// When someone works in an ordinary week, as Europe/Copenhagen wall-clock ranges per weekday (one or more
/// per day; overlapping or touching ranges merge). <see cref="Always"/> puts no limit on the time, which suits the citizen.
/// </summary>
public sealed class WeeklyHours
{
    private WeeklyHours(IReadOnlyList<WeeklyTimeRange> ranges, bool always)
    {
        Ranges = ranges;
        IsAlways = always;
    }

    /// <summary>No limit: available at any time of any day (busy intervals still apply).</summary>
    public static WeeklyHours Always { get; } = new([], true);

    /// <summary>Never available.</summary>
    public static WeeklyHours Never { get; } = new([], false);

    /// <summary>The ranges; empty for <see cref="Always"/> and <see cref="Never"/>.</summary>
    public IReadOnlyList<WeeklyTimeRange> Ranges { get; }

    /// <summary>True for <see cref="Always"/>.</summary>
    public bool IsAlways { get; }

    /// <summary>Working hours made of the given weekly ranges.</summary>
    public static WeeklyHours Of(IEnumerable<WeeklyTimeRange> ranges) => new(ranges.ToArray(), false);

    /// <summary>The same local range Monday to Friday, e.g. <c>WeeklyHours.Weekdays(LocalTimeRange.Hours(8, 16))</c>.</summary>
    public static WeeklyHours Weekdays(params LocalTimeRange[] ranges) =>
        Of(new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .SelectMany(day => ranges.Select(range => new WeeklyTimeRange(day, range))));
}
