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

    private static (DateTime, DateTime) Interval(DateTime day, TimeOnly opens, TimeOnly closes)
    {
        var from = day + opens.ToTimeSpan();
        var to = day + closes.ToTimeSpan();
        return (from, to <= from ? to.AddDays(1) : to);
    }

    private static bool Contains(IReadOnlyList<(DateTime Start, DateTime End)> intervals, DateTime local) =>
        intervals.Any(i => i.Start <= local && local < i.End);
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
