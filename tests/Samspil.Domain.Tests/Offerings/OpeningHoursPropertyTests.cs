using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Samspil.Domain.Offerings;

namespace Samspil.Domain.Tests.Offerings;

/// <summary>
/// Opening hours against an independent oracle: the schedule is unrolled into the set of open wall-clock
/// minutes (minute by minute, from the rules' text, with the public holidays from a hand-written table of
/// Easter dates), and an instant is turned into wall-clock time with <see cref="TimeZoneInfo"/> rather than
/// the domain's Copenhagen clock. The generator aims at the edges: the daylight-saving Sundays of March and
/// October, Easter, Christmas and New Year, periods past midnight, 24-hour periods, periods inside the skipped
/// and the repeated hour, and dated exceptions (closed or other hours) around the instant.
/// </summary>
public sealed class OpeningHoursPropertyTests
{
    [Property(MaxTest = 2_000, Arbitrary = [typeof(OpeningHoursArbitraries)])]
    public void Open_at_an_instant_agrees_with_the_oracle(Case c)
    {
        var oracle = new Oracle(c);
        Assert.Equal(oracle.IsOpenAt(c.Instant), c.Hours.IsOpenAt(c.Instant));
    }

    [Property(MaxTest = 2_000, Arbitrary = [typeof(OpeningHoursArbitraries)])]
    public void The_compiled_hours_of_the_search_index_agree_with_the_oracle(Case c)
    {
        var oracle = new Oracle(c);
        Assert.Equal(oracle.IsOpenAt(c.Instant), c.Hours.Compile().IsOpenAt(c.Instant));
    }

    [Property(MaxTest = 400, Arbitrary = [typeof(OpeningHoursArbitraries)])]
    public void The_next_change_is_the_first_minute_the_oracle_differs(Case c)
    {
        var oracle = new Oracle(c);
        var now = oracle.IsOpenAt(c.Instant);
        var limit = c.Instant.AddDays(4);
        DateTimeOffset? expected = null;
        for (var t = FloorMinute(c.Instant).AddMinutes(1); t <= limit; t = t.AddMinutes(1))
        {
            if (oracle.IsOpenAt(t) != now)
            {
                expected = t;
                break;
            }
        }

        var state = c.Hours.StateAt(c.Instant);
        Assert.Equal(now, state.IsOpen);
        if (expected is { } change)
        {
            Assert.Equal(change, state.NextChange);
            Assert.Equal(TimeZoneInfo.ConvertTime(change, Oracle.Copenhagen).DateTime, state.NextChangeLocal);
        }
        else
        {
            Assert.True(state.NextChange is null || state.NextChange > limit, $"{state.NextChange:O}");
        }
    }

    [Property(MaxTest = 400, Arbitrary = [typeof(OpeningHoursArbitraries)])]
    public void Open_tonight_and_this_weekend_agree_with_the_oracle(Case c)
    {
        var oracle = new Oracle(c);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(c.Instant, Oracle.Copenhagen).DateTime);
        Assert.Equal(oracle.OpenSometimeIn(today.ToDateTime(new TimeOnly(18, 0)), today.AddDays(1).ToDateTime(new TimeOnly(6, 0))), c.Hours.IsOpenTonight(today));

        var saturday = today;
        while (saturday.DayOfWeek != DayOfWeek.Saturday)
        {
            saturday = saturday.AddDays(today.DayOfWeek == DayOfWeek.Sunday ? -1 : 1);
        }

        Assert.Equal(saturday, OpeningHours.WeekendOf(today));
        Assert.Equal(oracle.OpenSometimeIn(saturday.ToDateTime(TimeOnly.MinValue), saturday.AddDays(2).ToDateTime(TimeOnly.MinValue)), c.Hours.IsOpenDuringWeekend(today));
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(OpeningHoursArbitraries)])]
    public void The_week_view_lists_exactly_the_minutes_the_oracle_has_open(Case c)
    {
        var oracle = new Oracle(c);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(c.Instant, Oracle.Copenhagen).DateTime);
        foreach (var day in c.Hours.Days(today.AddDays(-1), 3))
        {
            var listed = new HashSet<DateTime>();
            foreach (var interval in day.Intervals)
            {
                var start = day.Date.ToDateTime(interval.Opens);
                var end = interval.AllDay || interval.Closes <= interval.Opens ? day.Date.AddDays(1).ToDateTime(interval.Closes) : day.Date.ToDateTime(interval.Closes);
                for (var t = start; t < end; t = t.AddMinutes(1))
                {
                    listed.Add(t);
                }
            }

            Assert.True(oracle.MinutesStartingOn(day.Date).SetEquals(listed), day.Date.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(Oracle.Holidays.ContainsKey(day.Date), day.HolidayKey is not null);
        }
    }

    private static DateTimeOffset FloorMinute(DateTimeOffset t) => new(t.UtcTicks - (t.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
}

public sealed record Case(bool AlwaysOpen, bool ClosedOnHolidays, IReadOnlyList<(DayOfWeek Day, int Opens, int Closes)> Periods, IReadOnlyList<(DateOnly Date, bool Closed, int Opens, int Closes)> Exceptions, DateTimeOffset Instant)
{
    public OpeningHours Hours => new(
        AlwaysOpen,
        ClosedOnHolidays,
        Periods.Select(p => OpeningPeriod.Create(p.Day, TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(p.Opens)), TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(p.Closes)))).ToList(),
        Exceptions.Select(e => e.Closed
            ? ScheduleException.ClosedOn(e.Date)
            : ScheduleException.OpenOn(e.Date, TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(e.Opens)), TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(e.Closes)))).ToList());

    public override string ToString() =>
        $"always={AlwaysOpen} holidaysClosed={ClosedOnHolidays} at {Instant:O} periods=[{string.Join(", ", Periods.Select(p => $"{p.Day} {p.Opens / 60:00}:{p.Opens % 60:00}-{p.Closes / 60:00}:{p.Closes % 60:00}"))}] "
        + $"exceptions=[{string.Join(", ", Exceptions.Select(e => e.Closed ? $"{e.Date:O} closed" : $"{e.Date:O} {e.Opens / 60:00}:{e.Opens % 60:00}-{e.Closes / 60:00}:{e.Closes % 60:00}"))}]";
}

/// <summary>The schedule unrolled into open wall-clock minutes; wall-clock time from <see cref="TimeZoneInfo"/>.</summary>
internal sealed class Oracle
{
    public static readonly TimeZoneInfo Copenhagen = TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");

    /// <summary>Danish public holidays 2022–2028 from the Easter Sundays in the almanac (Store bededag until 2023).</summary>
    public static readonly IReadOnlyDictionary<DateOnly, string> Holidays = BuildHolidays();

    private readonly Case schedule;
    private readonly Dictionary<DateOnly, HashSet<DateTime>> byStartDay = [];

    public Oracle(Case schedule) => this.schedule = schedule;

    public bool IsOpenAt(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, Copenhagen).DateTime;
        var minute = new DateTime(local.Ticks - (local.Ticks % TimeSpan.TicksPerMinute));
        var date = DateOnly.FromDateTime(minute);
        return MinutesStartingOn(date).Contains(minute) || MinutesStartingOn(date.AddDays(-1)).Contains(minute);
    }

    /// <summary>Open at some instant whose wall-clock time is in [from, to): every UTC minute around the window, converted.</summary>
    public bool OpenSometimeIn(DateTime localFrom, DateTime localTo)
    {
        var utcFrom = new DateTimeOffset(localFrom.AddHours(-3), TimeSpan.Zero);
        var utcTo = new DateTimeOffset(localTo.AddHours(1), TimeSpan.Zero);
        for (var t = utcFrom; t < utcTo; t = t.AddMinutes(1))
        {
            var local = TimeZoneInfo.ConvertTime(t, Copenhagen).DateTime;
            if (local >= localFrom && local < localTo && IsOpenAt(t))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The wall-clock minutes of the periods that begin on a date (they may run into the next day).</summary>
    public HashSet<DateTime> MinutesStartingOn(DateOnly date)
    {
        if (byStartDay.TryGetValue(date, out var cached))
        {
            return cached;
        }

        var periods = new List<(int Opens, int Closes)>();
        var exceptions = schedule.Exceptions.Where(e => e.Date == date).ToList();
        if (exceptions.Count > 0)
        {
            periods.AddRange(exceptions.Where(e => !e.Closed).Select(e => (e.Opens, e.Closes)));
        }
        else if (schedule.ClosedOnHolidays && Holidays.ContainsKey(date))
        {
            // closed all day
        }
        else if (schedule.AlwaysOpen)
        {
            periods.Add((0, 0));
        }
        else
        {
            periods.AddRange(schedule.Periods.Where(p => p.Day == date.DayOfWeek).Select(p => (p.Opens, p.Closes)));
        }

        var minutes = new HashSet<DateTime>();
        var midnight = date.ToDateTime(TimeOnly.MinValue);
        foreach (var (opens, closes) in periods)
        {
            // Closing at or before the opening time means the next day; the same time means a whole day.
            var length = closes > opens ? closes - opens : (24 * 60) - opens + closes;
            for (var m = 0; m < length; m++)
            {
                minutes.Add(midnight.AddMinutes(opens + m));
            }
        }

        byStartDay[date] = minutes;
        return minutes;
    }

    private static Dictionary<DateOnly, string> BuildHolidays()
    {
        DateOnly[] easterSundays = [new(2022, 4, 17), new(2023, 4, 9), new(2024, 3, 31), new(2025, 4, 20), new(2026, 4, 5), new(2027, 3, 28), new(2028, 4, 16)];
        var result = new Dictionary<DateOnly, string>();
        foreach (var easter in easterSundays)
        {
            var year = easter.Year;
            result[new DateOnly(year, 1, 1)] = "nytårsdag";
            result[easter.AddDays(-3)] = "skærtorsdag";
            result[easter.AddDays(-2)] = "langfredag";
            result[easter] = "påskedag";
            result[easter.AddDays(1)] = "2. påskedag";
            if (year <= 2023)
            {
                result[easter.AddDays(26)] = "store bededag";
            }

            result[easter.AddDays(39)] = "Kristi himmelfartsdag";
            result[easter.AddDays(49)] = "pinsedag";
            result[easter.AddDays(50)] = "2. pinsedag";
            result[new DateOnly(year, 12, 25)] = "juledag";
            result[new DateOnly(year, 12, 26)] = "2. juledag";
        }

        return result;
    }
}

public static class OpeningHoursArbitraries
{
    public static Arbitrary<Case> Cases() => CaseGen.ToArbitrary();

    /// <summary>The daylight-saving Sundays (last Sunday of March and of October) of 2023–2027.</summary>
    private static readonly DateOnly[] ChangeDays = Enumerable.Range(2023, 5)
        .SelectMany(y => new[] { LastSunday(y, 3), LastSunday(y, 10) })
        .ToArray();

    private static readonly DateOnly[] HolidayDays = Oracle.Holidays.Keys.Where(d => d.Year is >= 2023 and <= 2027).ToArray();

    private static Gen<int> Minute => Gen.Frequency(
        (3, Gen.Elements(0, 60, 90, 120, 150, 179, 180, 210, 360, 480, 1080, 1320, 1439)),
        (3, Gen.Choose(0, 23).Select(h => h * 60)),
        (4, Gen.Choose(0, (24 * 60) - 1)));

    private static Gen<(DayOfWeek, int, int)> Period =>
        from day in Gen.Choose(0, 6)
        from opens in Minute
        from kind in Gen.Choose(0, 9)
        from closes in Minute
        select ((DayOfWeek)day, opens, kind == 0 ? opens : closes); // one in ten a 24-hour period

    private static Gen<DateOnly> Anchor => Gen.Frequency(
        (4, Gen.Elements(ChangeDays)),
        (2, Gen.Elements(HolidayDays)),
        (2, Gen.Choose(0, (5 * 365) - 1).Select(d => new DateOnly(2023, 1, 1).AddDays(d))));

    private static Gen<(DateOnly, bool, int, int)> Exception(DateOnly anchor) =>
        from offset in Gen.Choose(-2, 2)
        from closed in Gen.Frequency((1, Gen.Constant(true)), (2, Gen.Constant(false)))
        from opens in Minute
        from closes in Minute
        select (anchor.AddDays(offset), closed, opens, closes);

    private static Gen<Case> CaseGen =>
        from anchor in Anchor
        from alwaysOpen in Gen.Frequency((1, Gen.Constant(true)), (6, Gen.Constant(false)))
        from closedOnHolidays in Gen.Elements(true, false)
        from periods in Gen.ListOf(Period).Select(l => l.Take(alwaysOpen ? 0 : 12).ToList())
        from exceptions in Gen.ListOf(Exception(anchor)).Select(l => l.Take(4).ToList())
        from minutes in Gen.Choose(0, 3 * 24 * 60)
        from seconds in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(0, 59)))
        select new Case(
            alwaysOpen,
            closedOnHolidays,
            periods,
            Valid(exceptions),
            new DateTimeOffset(anchor.AddDays(-1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddHours(-2).AddMinutes(minutes).AddSeconds(seconds));

    /// <summary>A date closed by an exception has no other exception (the model refuses that).</summary>
    private static List<(DateOnly Date, bool Closed, int Opens, int Closes)> Valid(List<(DateOnly Date, bool Closed, int Opens, int Closes)> exceptions) =>
        exceptions.GroupBy(e => e.Date).SelectMany(g => g.Any(e => e.Closed) ? [g.First(e => e.Closed)] : g.AsEnumerable()).ToList();

    private static DateOnly LastSunday(int year, int month)
    {
        var day = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        while (day.DayOfWeek != DayOfWeek.Sunday)
        {
            day = day.AddDays(-1);
        }

        return day;
    }
}
