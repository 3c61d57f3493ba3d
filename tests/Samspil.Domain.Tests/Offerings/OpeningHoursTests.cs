using Samspil.Domain.Offerings;

namespace Samspil.Domain.Tests.Offerings;

/// <summary>Danish public holidays on known dates, and the opening-hours answers the pages show, on worked examples.</summary>
public sealed class OpeningHoursTests
{
    private static readonly TimeZoneInfo Copenhagen = TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");

    [Theory]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2027, "2027-03-28")]
    [InlineData(2019, "2019-04-21")]
    [InlineData(2038, "2038-04-25")]
    public void Easter_Sunday_falls_on_the_almanac_date(int year, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), DanishPublicHolidays.EasterSunday(year));

    [Fact]
    public void The_holidays_of_2026_are_the_eleven_of_the_almanac()
    {
        Assert.Equal(
            [
                ("2026-01-01", "Holiday.NewYearsDay"), ("2026-04-02", "Holiday.MaundyThursday"), ("2026-04-03", "Holiday.GoodFriday"),
                ("2026-04-05", "Holiday.EasterSunday"), ("2026-04-06", "Holiday.EasterMonday"), ("2026-05-14", "Holiday.AscensionDay"),
                ("2026-05-24", "Holiday.WhitSunday"), ("2026-05-25", "Holiday.WhitMonday"), ("2026-12-25", "Holiday.ChristmasDay"),
                ("2026-12-26", "Holiday.BoxingDay"),
            ],
            DanishPublicHolidays.In(2026).Select(h => (h.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), h.Name)));
    }

    [Fact]
    public void Great_Prayer_Day_is_a_holiday_in_2023_and_not_from_2024()
    {
        Assert.Equal("Holiday.GreatPrayerDay", DanishPublicHolidays.NameOf(new DateOnly(2023, 5, 5)));
        Assert.Equal(11, DanishPublicHolidays.In(2023).Count);
        Assert.Null(DanishPublicHolidays.NameOf(new DateOnly(2024, 4, 26)));
        Assert.DoesNotContain(DanishPublicHolidays.In(2024), h => h.Name == "Holiday.GreatPrayerDay");
        Assert.Equal(10, DanishPublicHolidays.In(2024).Count);
    }

    [Fact]
    public void Constitution_Day_and_Christmas_Eve_are_not_public_holidays()
    {
        Assert.False(DanishPublicHolidays.IsHoliday(new DateOnly(2026, 6, 5)));
        Assert.False(DanishPublicHolidays.IsHoliday(new DateOnly(2026, 12, 24)));
        Assert.False(DanishPublicHolidays.IsHoliday(new DateOnly(2026, 12, 31)));
    }

    [Fact]
    public void An_office_open_on_weekdays_says_when_it_closes_and_when_it_opens_again()
    {
        var hours = Weekdays(8, 16);
        var thursday = At(2026, 12, 10, 10, 0);
        var open = hours.StateAt(thursday);
        Assert.True(open.IsOpen);
        Assert.Equal(new DateTime(2026, 12, 10, 16, 0, 0), open.NextChangeLocal);

        // Friday afternoon: closed until Monday morning.
        var closed = hours.StateAt(At(2026, 12, 11, 17, 30));
        Assert.False(closed.IsOpen);
        Assert.Equal(new DateTime(2026, 12, 14, 8, 0, 0), closed.NextChangeLocal);
        Assert.False(hours.IsOpenTonight(new DateOnly(2026, 12, 11)));
        Assert.False(hours.IsOpenDuringWeekend(new DateOnly(2026, 12, 11)));
    }

    [Fact]
    public void Christmas_closes_an_office_that_closes_on_holidays_and_the_week_view_says_why()
    {
        var hours = Weekdays(8, 16);
        var state = hours.StateAt(At(2026, 12, 24, 15, 0));
        Assert.True(state.IsOpen); // Christmas Eve is an ordinary day
        var closed = hours.StateAt(At(2026, 12, 24, 16, 0));
        Assert.Equal(new DateTime(2026, 12, 28, 8, 0, 0), closed.NextChangeLocal); // 25th and 26th are holidays (Friday, Saturday)

        var week = hours.Days(new DateOnly(2026, 12, 24));
        Assert.Equal(7, week.Count);
        Assert.Equal("Holiday.ChristmasDay", week[1].HolidayKey);
        Assert.True(week[1].ClosedForHoliday);
        Assert.True(week[1].IsClosed);
        Assert.Equal([new OpeningInterval(new TimeOnly(8, 0), new TimeOnly(16, 0), false, false)], week[0].Intervals);
    }

    [Fact]
    public void An_exception_replaces_the_weekly_hours_of_its_date_holiday_or_not()
    {
        var hours = new OpeningHours(false, true, [OpeningPeriod.Create(DayOfWeek.Friday, new TimeOnly(8, 0), new TimeOnly(16, 0))], [
            ScheduleException.OpenOn(new DateOnly(2026, 12, 25), new TimeOnly(10, 0), new TimeOnly(12, 0), "Julevagt"),
            ScheduleException.ClosedOn(new DateOnly(2027, 1, 8), "Personaledag"),
        ]);
        Assert.True(hours.IsOpenAt(At(2026, 12, 25, 11, 0)));
        Assert.False(hours.IsOpenAt(At(2026, 12, 25, 9, 0)));
        Assert.False(hours.IsOpenAt(At(2027, 1, 8, 9, 0)));
        var day = hours.Days(new DateOnly(2026, 12, 25), 1)[0];
        Assert.True(day.IsException);
        Assert.Equal("Julevagt", day.ExceptionNote);
        Assert.False(day.ClosedForHoliday);
    }

    [Fact]
    public void A_night_period_belongs_to_the_day_it_starts_and_is_open_tonight()
    {
        var hours = new OpeningHours(false, true, [OpeningPeriod.Create(DayOfWeek.Friday, new TimeOnly(22, 0), new TimeOnly(2, 0))], []);
        Assert.True(hours.IsOpenAt(At(2026, 12, 12, 1, 30))); // early Saturday
        Assert.False(hours.IsOpenAt(At(2026, 12, 12, 2, 0)));
        Assert.True(hours.IsOpenTonight(new DateOnly(2026, 12, 11)));
        Assert.False(hours.IsOpenTonight(new DateOnly(2026, 12, 10)));
        Assert.True(hours.IsOpenDuringWeekend(new DateOnly(2026, 12, 9))); // Saturday 00:00–02:00
        var friday = hours.Days(new DateOnly(2026, 12, 11), 1)[0];
        Assert.Equal([new OpeningInterval(new TimeOnly(22, 0), new TimeOnly(2, 0), true, false)], friday.Intervals);
    }

    [Fact]
    public void A_24_hour_line_is_open_around_the_clock_with_no_next_change()
    {
        var hours = new OpeningHours(true, false, [], []);
        var state = hours.StateAt(At(2026, 12, 24, 23, 59));
        Assert.True(state.AroundTheClock);
        Assert.True(hours.Days(new DateOnly(2026, 12, 24), 1)[0].AllDay);
    }

    [Fact]
    public void In_the_March_change_the_skipped_hour_is_never_open_and_a_night_is_an_hour_shorter()
    {
        // 29 March 2026: at 02:00 the clock jumps to 03:00. A 02:15–02:45 period never happens; 22:00–06:00 lasts 7 hours.
        var hours = new OpeningHours(false, false, [
            OpeningPeriod.Create(DayOfWeek.Sunday, new TimeOnly(2, 15), new TimeOnly(2, 45)),
            OpeningPeriod.Create(DayOfWeek.Saturday, new TimeOnly(22, 0), new TimeOnly(6, 0)),
        ], []);
        var opens = At(2026, 3, 28, 22, 0);
        var state = hours.StateAt(opens);
        Assert.True(state.IsOpen);
        Assert.Equal(TimeSpan.FromHours(7), state.NextChange - opens);

        var onlyTheSkipped = new OpeningHours(false, false, [OpeningPeriod.Create(DayOfWeek.Sunday, new TimeOnly(2, 15), new TimeOnly(2, 45))], []);
        Assert.False(onlyTheSkipped.IsOpenTonight(new DateOnly(2026, 3, 28)));
        Assert.True(onlyTheSkipped.IsOpenTonight(new DateOnly(2026, 4, 4)));

        // A period that opens inside the skipped hour opens when the clock jumps, at 03:00.
        var fromTheGap = new OpeningHours(false, false, [OpeningPeriod.Create(DayOfWeek.Sunday, new TimeOnly(2, 30), new TimeOnly(5, 0))], []);
        Assert.Equal(new DateTime(2026, 3, 29, 3, 0, 0), fromTheGap.StateAt(At(2026, 3, 29, 1, 0)).NextChangeLocal);
    }

    [Fact]
    public void In_the_October_change_the_repeated_hour_is_read_off_the_wall_clock_twice()
    {
        // 25 October 2026: at 03:00 summer time the clock goes back to 02:00. A night from 22:00 to 06:00 lasts 9 hours,
        // and a period closing at 02:30 is open 02:00–02:30 twice (wall-clock semantics).
        var night = new OpeningHours(false, false, [OpeningPeriod.Create(DayOfWeek.Saturday, new TimeOnly(22, 0), new TimeOnly(6, 0))], []);
        var opens = At(2026, 10, 24, 22, 0);
        Assert.Equal(TimeSpan.FromHours(9), night.StateAt(opens).NextChange - opens);

        var early = new OpeningHours(false, false, [OpeningPeriod.Create(DayOfWeek.Saturday, new TimeOnly(23, 0), new TimeOnly(2, 30))], []);
        var firstHalfPastTwo = new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero); // 02:30 summer time
        Assert.False(early.IsOpenAt(firstHalfPastTwo));
        Assert.True(early.IsOpenAt(firstHalfPastTwo.AddMinutes(30))); // 02:00 winter time
        Assert.Equal(firstHalfPastTwo.AddMinutes(30), early.NextChangeAfter(firstHalfPastTwo));
        Assert.False(early.IsOpenAt(firstHalfPastTwo.AddHours(1))); // 02:30 winter time
    }

    [Fact]
    public void This_weekend_is_the_coming_Saturday_and_Sunday_or_the_one_under_way()
    {
        Assert.Equal(new DateOnly(2026, 12, 12), OpeningHours.WeekendOf(new DateOnly(2026, 12, 7)));
        Assert.Equal(new DateOnly(2026, 12, 12), OpeningHours.WeekendOf(new DateOnly(2026, 12, 12)));
        Assert.Equal(new DateOnly(2026, 12, 12), OpeningHours.WeekendOf(new DateOnly(2026, 12, 13)));
    }

    private static OpeningHours Weekdays(int from, int to) =>
        new(false, true, Enumerable.Range(1, 5).Select(d => OpeningPeriod.Create((DayOfWeek)d, new TimeOnly(from, 0), new TimeOnly(to, 0))).ToList(), []);

    private static DateTimeOffset At(int year, int month, int day, int hour, int minute)
    {
        var local = new DateTime(year, month, day, hour, minute, 0);
        return new DateTimeOffset(local, Copenhagen.GetUtcOffset(local));
    }
}
