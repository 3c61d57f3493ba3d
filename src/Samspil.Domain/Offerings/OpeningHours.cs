using Samspil.Domain.Common;
using Samspil.Domain.Screening;

namespace Samspil.Domain.Offerings;

/// <summary>
/// A weekly opening period (HSDS schedule with freq WEEKLY, byday, opens_at, closes_at) in Danish local time.
/// When <see cref="Closes"/> is not after <see cref="Opens"/> the period runs past midnight into the next day
/// (22:00–02:00); equal times mean 24 hours from <see cref="Opens"/>.
/// </summary>
public sealed class OpeningPeriod
{
    private OpeningPeriod()
    {
    }

    public DayOfWeek Day { get; private set; }

    public TimeOnly Opens { get; private set; }

    public TimeOnly Closes { get; private set; }

    public static OpeningPeriod Create(DayOfWeek day, TimeOnly opens, TimeOnly closes) =>
        Enum.IsDefined(day) ? new OpeningPeriod { Day = day, Opens = Minute(opens), Closes = Minute(closes) } : throw new DomainException("Offering.Period.Day.Invalid", "periods");

    /// <summary>Opening hours are kept to the minute.</summary>
    private static TimeOnly Minute(TimeOnly time) => new(time.Hour, time.Minute);
}

/// <summary>
/// A date on which the weekly hours do not apply (HSDS schedule with valid_from = valid_to): closed, or open at
/// other hours. Several exceptions on one date give several periods that day; a closed date has one exception.
/// </summary>
public sealed class ScheduleException
{
    private ScheduleException()
    {
    }

    public DateOnly Date { get; private set; }

    public bool Closed { get; private set; }

    public TimeOnly? Opens { get; private set; }

    public TimeOnly? Closes { get; private set; }

    public string? Note { get; private set; }

    public static ScheduleException ClosedOn(DateOnly date, string? note = null) =>
        new() { Date = date, Closed = true, Note = Guard.OptionalText(note, 200, "Offering.Exception.Note", "exceptions") };

    public static ScheduleException OpenOn(DateOnly date, TimeOnly opens, TimeOnly closes, string? note = null) =>
        new()
        {
            Date = date,
            Opens = new TimeOnly(opens.Hour, opens.Minute),
            Closes = new TimeOnly(closes.Hour, closes.Minute),
            Note = Guard.OptionalText(note, 200, "Offering.Exception.Note", "exceptions"),
        };
}

/// <summary>
/// When an offering is open, computed in Copenhagen wall-clock time: the weekly periods, unless the date has
/// exceptions, or is a Danish public holiday and the offering closes on those. A period that runs past midnight
/// belongs to the day it starts on (a Friday 22:00–02:00 period is open early Saturday even if Saturday is a holiday).
/// </summary>
public sealed class OpeningHours(bool alwaysOpen, bool closedOnPublicHolidays, IReadOnlyList<OpeningPeriod> periods, IReadOnlyList<ScheduleException> exceptions)
{
    public bool AlwaysOpen => alwaysOpen;

    public bool ClosedOnPublicHolidays => closedOnPublicHolidays;

    public IReadOnlyList<OpeningPeriod> Periods => periods;

    public IReadOnlyList<ScheduleException> Exceptions => exceptions;

    /// <summary>Whether the offering is open at an instant.</summary>
    public bool IsOpenAt(DateTimeOffset instant) => IsOpenAtLocal(CopenhagenClock.ToLocal(instant));

    /// <summary>Whether the offering is open at a Copenhagen wall-clock time.</summary>
    public bool IsOpenAtLocal(DateTime local)
    {
        var date = DateOnly.FromDateTime(local);
        return Contains(IntervalsStartingOn(date), local) || Contains(IntervalsStartingOn(date.AddDays(-1)), local);
    }

    /// <summary>
    /// The periods that start on a date, as [start, end) in wall-clock time; the end may be on the next day.
    /// </summary>
    public IReadOnlyList<(DateTime Start, DateTime End)> IntervalsStartingOn(DateOnly date)
    {
        var start = date.ToDateTime(TimeOnly.MinValue);
        var todays = exceptions.Where(e => e.Date == date).ToList();
        if (todays.Count > 0)
        {
            return todays.Where(e => !e.Closed && e.Opens is not null && e.Closes is not null)
                .Select(e => Interval(start, e.Opens!.Value, e.Closes!.Value))
                .ToList();
        }

        if (closedOnPublicHolidays && DanishPublicHolidays.IsHoliday(date))
        {
            return [];
        }

        if (alwaysOpen)
        {
            return [(start, start.AddDays(1))];
        }

        return periods.Where(p => p.Day == date.DayOfWeek).Select(p => Interval(start, p.Opens, p.Closes)).ToList();
    }

    /// <summary>
    /// Open or closed at an instant, and the next instant that changes it (within <see cref="Horizon"/> days;
    /// null when nothing changes that far ahead: open around the clock, or closed for good).
    /// </summary>
    public OpeningState StateAt(DateTimeOffset instant)
    {
        var next = NextChangeAfter(instant);
        return new OpeningState(IsOpenAt(instant), next, next is { } n ? CopenhagenClock.ToLocal(n) : null);
    }

    /// <summary>How far ahead <see cref="NextChangeAfter"/> looks, in days (exceptions reach about a year ahead).</summary>
    public const int Horizon = 400;

    /// <summary>
    /// The first instant after <paramref name="instant"/> at which open/closed differs from now, or null within
    /// <see cref="Horizon"/> days. The state can only change where the wall clock crosses a period's start or end
    /// (once, twice in the repeated October hour, never in the skipped March hour) or jumps at a daylight-saving
    /// change, so those instants are the only candidates.
    /// </summary>
    public DateTimeOffset? NextChangeAfter(DateTimeOffset instant)
    {
        var open = IsOpenAt(instant);
        var today = DateOnly.FromDateTime(CopenhagenClock.ToLocal(instant));
        var pending = new SortedSet<long>();
        for (var day = today.AddDays(-1); day <= today.AddDays(Horizon); day = day.AddDays(1))
        {
            foreach (var (start, end) in IntervalsStartingOn(day))
            {
                AddInstantsOf(pending, start);
                AddInstantsOf(pending, end);
            }

            if (Transition(day) is { } change)
            {
                pending.Add(change);
            }

            // Every candidate before the next midnight is known now: later days' periods start at that midnight or after.
            var complete = InstantOf(day.AddDays(1).ToDateTime(TimeOnly.MinValue));
            while (pending.Count > 0 && pending.Min < complete)
            {
                var candidate = pending.Min;
                pending.Remove(candidate);
                var at = new DateTimeOffset(candidate, TimeSpan.Zero);
                if (candidate > instant.UtcTicks && IsOpenAt(at) != open)
                {
                    return at;
                }
            }
        }

        return null;
    }

    /// <summary>These hours compiled for answering "open now" for many offerings at once (<see cref="CompiledOpeningHours"/>).</summary>
    public CompiledOpeningHours Compile() => new(this);

    /// <summary>Open at some instant whose Copenhagen wall-clock time is in [<paramref name="localFrom"/>, <paramref name="localTo"/>).</summary>
    public bool IsOpenSometimeBetween(DateTime localFrom, DateTime localTo)
    {
        if (localTo <= localFrom)
        {
            return false;
        }

        for (var day = DateOnly.FromDateTime(localFrom).AddDays(-1); day.ToDateTime(TimeOnly.MinValue) < localTo; day = day.AddDays(1))
        {
            foreach (var (start, end) in IntervalsStartingOn(day))
            {
                var from = start > localFrom ? start : localFrom;
                var to = end < localTo ? end : localTo;
                if (from < to && HasValidTime(from, to))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>"Open tonight": open at some time from 18:00 on <paramref name="date"/> to 06:00 the next morning.</summary>
    public bool IsOpenTonight(DateOnly date) =>
        IsOpenSometimeBetween(date.ToDateTime(new TimeOnly(18, 0)), date.AddDays(1).ToDateTime(new TimeOnly(6, 0)));

    /// <summary>"Open this weekend": open at some time on the Saturday or Sunday of <see cref="WeekendOf"/>.</summary>
    public bool IsOpenDuringWeekend(DateOnly today)
    {
        var saturday = WeekendOf(today);
        return IsOpenSometimeBetween(saturday.ToDateTime(TimeOnly.MinValue), saturday.AddDays(2).ToDateTime(TimeOnly.MinValue));
    }

    /// <summary>The Saturday of "this weekend": today on a Saturday, yesterday on a Sunday, else the coming Saturday.</summary>
    public static DateOnly WeekendOf(DateOnly today) => today.DayOfWeek switch
    {
        DayOfWeek.Saturday => today,
        DayOfWeek.Sunday => today.AddDays(-1),
        _ => today.AddDays(DayOfWeek.Saturday - today.DayOfWeek),
    };

    /// <summary>
    /// The hours of <paramref name="count"/> days from <paramref name="from"/>: each day's periods (a period past
    /// midnight is listed on the day it starts), the public holiday if the day is one, and whether an exception
    /// replaced the weekly hours.
    /// </summary>
    public IReadOnlyList<OpeningDay> Days(DateOnly from, int count = 7)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var result = new List<OpeningDay>(count);
        for (var date = from; date < from.AddDays(count); date = date.AddDays(1))
        {
            var start = date.ToDateTime(TimeOnly.MinValue);
            var todays = exceptions.Where(e => e.Date == date).ToList();
            var intervals = IntervalsStartingOn(date)
                .Select(i =>
                {
                    var allDay = i.Start == start && i.End == start.AddDays(1);
                    return new OpeningInterval(TimeOnly.FromDateTime(i.Start), TimeOnly.FromDateTime(i.End), !allDay && i.End > start.AddDays(1), allDay);
                })
                .OrderBy(i => i.Opens)
                .ToList();
            var holiday = DanishPublicHolidays.NameOf(date);
            result.Add(new OpeningDay(
                date,
                intervals,
                holiday,
                todays.Count > 0,
                todays.Select(e => e.Note).FirstOrDefault(n => n is not null),
                todays.Count == 0 && holiday is not null && closedOnPublicHolidays));
        }

        return result;
    }

    /// <summary>The instant of a wall-clock time that is neither skipped nor repeated (midnight in Copenhagen).</summary>
    private static long InstantOf(DateTime local) =>
        new DateTimeOffset(local, CopenhagenClock.Zone.GetUtcOffset(local)).UtcTicks;

    /// <summary>The instants at which the wall clock shows <paramref name="local"/>: none in the skipped hour, two in the repeated one.</summary>
    private static void AddInstantsOf(SortedSet<long> into, DateTime local)
    {
        var zone = CopenhagenClock.Zone;
        if (zone.IsInvalidTime(local))
        {
            return;
        }

        var offsets = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local) : [zone.GetUtcOffset(local)];
        foreach (var offset in offsets)
        {
            into.Add(new DateTimeOffset(local, offset).UtcTicks);
        }
    }

    /// <summary>The instant the offset changes on a local date, if it does (to the second).</summary>
    private static long? Transition(DateOnly date)
    {
        var low = InstantOf(date.ToDateTime(TimeOnly.MinValue));
        var high = InstantOf(date.AddDays(1).ToDateTime(TimeOnly.MinValue));
        var before = CopenhagenClock.LocalTicks(low) - low;
        if (CopenhagenClock.LocalTicks(high) - high == before)
        {
            return null;
        }

        while (high - low > TimeSpan.TicksPerSecond)
        {
            var middle = low + ((high - low) / 2);
            if (CopenhagenClock.LocalTicks(middle) - middle == before)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return high - (high % TimeSpan.TicksPerSecond);
    }

    /// <summary>Whether some wall-clock time in [from, to) exists, i.e. it is not all inside the hour skipped in March.</summary>
    private static bool HasValidTime(DateTime from, DateTime to)
    {
        for (var t = from; t < to; t = new DateTime(t.Ticks - (t.Ticks % TimeSpan.TicksPerMinute), t.Kind).AddMinutes(1))
        {
            if (!CopenhagenClock.Zone.IsInvalidTime(t))
            {
                return true;
            }
        }

        return false;
    }

    private static (DateTime, DateTime) Interval(DateTime day, TimeOnly opens, TimeOnly closes)
    {
        var from = day + opens.ToTimeSpan();
        var to = day + closes.ToTimeSpan();
        return (from, to <= from ? to.AddDays(1) : to);
    }

    private static bool Contains(IReadOnlyList<(DateTime Start, DateTime End)> intervals, DateTime local) =>
        intervals.Any(i => i.Start <= local && local < i.End);
}

/// <summary>Open or closed now, and when that changes next (null: not within <see cref="OpeningHours.Horizon"/> days).</summary>
public sealed record OpeningState(bool IsOpen, DateTimeOffset? NextChange, DateTime? NextChangeLocal)
{
    /// <summary>Open with no change in sight: around the clock.</summary>
    public bool AroundTheClock => IsOpen && NextChange is null;
}

/// <summary>One day of a week view: its periods in wall-clock time, its public holiday and any exception.</summary>
public sealed record OpeningDay(DateOnly Date, IReadOnlyList<OpeningInterval> Intervals, string? HolidayKey, bool IsException, string? ExceptionNote, bool ClosedForHoliday)
{
    public bool IsClosed => Intervals.Count == 0;

    public bool AllDay => Intervals.Any(i => i.AllDay);
}

/// <summary>A period of one day: opens, closes (on the next day when <see cref="EndsNextDay"/>), or the whole day.</summary>
public sealed record OpeningInterval(TimeOnly Opens, TimeOnly Closes, bool EndsNextDay, bool AllDay);

/// <summary>
/// <see cref="OpeningHours"/> with the weekly periods as minute intervals per weekday, for a search that asks "open now" of
/// 100,000 offerings: the same answer as <see cref="OpeningHours.IsOpenAtLocal"/> (a property test compares them), which it
/// falls back to whenever today or yesterday has an exception; the public-holiday flags are worked out once per search.
/// </summary>
public sealed class CompiledOpeningHours
{
    private const int MinutesPerDay = 24 * 60;

    private readonly OpeningHours hours;

    /// <summary>Per weekday (index = <see cref="DayOfWeek"/>), the periods starting that day as [opens, ends) in minutes; ends passes 1440 past midnight.</summary>
    private readonly (int Opens, int Ends)[][] byDay;
    private readonly HashSet<DateOnly> exceptionDates;

    public CompiledOpeningHours(OpeningHours hours)
    {
        ArgumentNullException.ThrowIfNull(hours);
        this.hours = hours;
        byDay = Enumerable.Range(0, 7).Select(day => hours.Periods.Where(p => (int)p.Day == day).Select(p =>
        {
            var opens = (p.Opens.Hour * 60) + p.Opens.Minute;
            var closes = (p.Closes.Hour * 60) + p.Closes.Minute;
            return (opens, closes > opens ? closes : closes + MinutesPerDay);
        }).ToArray()).ToArray();
        exceptionDates = [.. hours.Exceptions.Select(e => e.Date)];
    }

    public bool IsOpenAt(DateTimeOffset instant)
    {
        var local = CopenhagenClock.ToLocal(instant);
        var today = DateOnly.FromDateTime(local);
        return IsOpenAtLocal(local, DanishPublicHolidays.IsHoliday(today), DanishPublicHolidays.IsHoliday(today.AddDays(-1)));
    }

    /// <summary>Open at a Copenhagen wall-clock time, given whether its date and the day before are public holidays.</summary>
    public bool IsOpenAtLocal(DateTime local, bool holidayToday, bool holidayYesterday)
    {
        var today = DateOnly.FromDateTime(local);
        var yesterday = today.AddDays(-1);
        if (exceptionDates.Count > 0 && (exceptionDates.Contains(today) || exceptionDates.Contains(yesterday)))
        {
            return hours.IsOpenAtLocal(local);
        }

        var minute = (local.Hour * 60) + local.Minute;
        if (!(holidayToday && hours.ClosedOnPublicHolidays))
        {
            if (hours.AlwaysOpen)
            {
                return true;
            }

            foreach (var (opens, ends) in byDay[(int)today.DayOfWeek])
            {
                if (opens <= minute && minute < ends)
                {
                    return true;
                }
            }
        }

        if (!(holidayYesterday && hours.ClosedOnPublicHolidays) && !hours.AlwaysOpen)
        {
            foreach (var (_, ends) in byDay[(int)yesterday.DayOfWeek])
            {
                if (minute + MinutesPerDay < ends)
                {
                    return true;
                }
            }
        }

        return false;
    }
}

/// <summary>
/// Danish public holidays (helligdage): New Year's Day, Maundy Thursday, Good Friday, Easter Sunday and Monday,
/// Great Prayer Day (until 2023, abolished from 2024), Ascension Day, Whit Sunday and Monday, Christmas Day and
/// Boxing Day. Constitution Day and Christmas Eve are not public holidays; an offering closed then says so with an exception.
/// </summary>
public static class DanishPublicHolidays
{
    public static bool IsHoliday(DateOnly date) => NameOf(date) is not null;

    /// <summary>The holiday's resource key (e.g. "Holiday.GoodFriday"), or null on an ordinary day.</summary>
    public static string? NameOf(DateOnly date)
    {
        switch (date.Month, date.Day)
        {
            case (1, 1):
                return "Holiday.NewYearsDay";
            case (12, 25):
                return "Holiday.ChristmasDay";
            case (12, 26):
                return "Holiday.BoxingDay";
        }

        var offset = date.DayNumber - EasterSunday(date.Year).DayNumber;
        return offset switch
        {
            -3 => "Holiday.MaundyThursday",
            -2 => "Holiday.GoodFriday",
            0 => "Holiday.EasterSunday",
            1 => "Holiday.EasterMonday",
            26 when date.Year <= 2023 => "Holiday.GreatPrayerDay",
            39 => "Holiday.AscensionDay",
            49 => "Holiday.WhitSunday",
            50 => "Holiday.WhitMonday",
            _ => null,
        };
    }

    /// <summary>Every public holiday in a year, in date order.</summary>
    public static IReadOnlyList<(DateOnly Date, string Name)> In(int year)
    {
        var result = new List<(DateOnly, string)>();
        for (var date = new DateOnly(year, 1, 1); date.Year == year; date = date.AddDays(1))
        {
            if (NameOf(date) is { } name)
            {
                result.Add((date, name));
            }
        }

        return result;
    }

    /// <summary>Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm, Meeus/Jones/Butcher).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }
}
