using System.Text;
using Samspil.Features.Meetings.Calendar;

namespace Samspil.IntegrationTests.Calendar;

/// <summary>Busy times imported from iCalendar feeds and .ics files, as the scheduler will see them.</summary>
public sealed class BusyTimeReaderTests
{
    private static readonly DateTimeOffset March23 = new(2026, 3, 23, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset April6 = new(2026, 4, 6, 0, 0, 0, TimeSpan.Zero);
    private readonly BusyTimeReader _reader = new();

    private static string Feed(params string[] components) =>
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//Test//EN\r\n" + string.Concat(components) + "END:VCALENDAR\r\n";

    private static string Event(string uid, string lines) =>
        $"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260101T000000Z\r\n{lines.ReplaceLineEndings("\r\n").TrimEnd()}\r\nEND:VEVENT\r\n";

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void A_weekly_meeting_in_Danish_time_keeps_its_wall_clock_across_the_spring_change()
    {
        var feed = Feed(Event("weekly", """
            DTSTART;TZID=Europe/Copenhagen:20260302T090000
            DTEND;TZID=Europe/Copenhagen:20260302T100000
            RRULE:FREQ=WEEKLY;BYDAY=MO
            LOCATION:Jobcenter Odense
            """));

        var busy = _reader.Read(feed, March23, April6);

        // 09:00 CET = 08:00Z before 29 March, 09:00 CEST = 07:00Z after.
        Assert.Equal([(Utc(3, 23, 8), Utc(3, 23, 9)), (Utc(3, 30, 7), Utc(3, 30, 8))], busy.Select(b => (b.Start, b.End)));
        Assert.All(busy, b => Assert.Equal("Jobcenter Odense", b.Location));
        Assert.All(busy, b => Assert.Equal(TimeSpan.Zero, b.Start.Offset));
    }

    [Fact]
    public void A_daily_series_across_the_autumn_change_skips_its_EXDATEs()
    {
        var feed = Feed(Event("daily", """
            DTSTART;TZID=Europe/Copenhagen:20261022T083000
            DTEND;TZID=Europe/Copenhagen:20261022T091500
            RRULE:FREQ=DAILY;COUNT=6
            EXDATE;TZID=Europe/Copenhagen:20261024T083000,20261025T083000
            """));

        var busy = _reader.Read(feed, Utc(10, 20, 0), Utc(11, 1, 0));

        Assert.Equal(
            [Utc(10, 22, 6, 30), Utc(10, 23, 6, 30), Utc(10, 26, 7, 30), Utc(10, 27, 7, 30)],
            busy.Select(b => b.Start));
        Assert.All(busy, b => Assert.Equal(TimeSpan.FromMinutes(45), b.End - b.Start));
    }

    [Fact]
    public void An_all_day_event_is_busy_for_the_whole_Danish_day_even_on_the_23_hour_day()
    {
        var feed = Feed(
            Event("holiday", "DTSTART;VALUE=DATE:20260329\r\nDTEND;VALUE=DATE:20260330\r\nSUMMARY:Ferie"),
            Event("course", "DTSTART;VALUE=DATE:20260401\r\nDTEND;VALUE=DATE:20260403"));

        var busy = _reader.Read(feed, March23, April6);

        Assert.Equal(
            [(Utc(3, 28, 23), Utc(3, 29, 22)), (Utc(3, 31, 22), Utc(4, 2, 22))],
            busy.Select(b => (b.Start, b.End)));
    }

    [Fact]
    public void Floating_times_are_read_as_Danish_time_and_UTC_times_as_UTC()
    {
        var feed = Feed(
            Event("floating", "DTSTART:20260325T130000\r\nDTEND:20260325T140000"),
            Event("utc", "DTSTART:20260326T130000Z\r\nDURATION:PT30M"));

        var busy = _reader.Read(feed, March23, April6);

        Assert.Equal([(Utc(3, 25, 12), Utc(3, 25, 13)), (Utc(3, 26, 13), Utc(3, 26, 13, 30))], busy.Select(b => (b.Start, b.End)));
    }

    [Fact]
    public void Transparent_and_cancelled_events_and_a_cancelled_instance_of_a_series_are_not_busy()
    {
        var feed = Feed(
            Event("transparent", "DTSTART:20260324T080000Z\r\nDTEND:20260324T090000Z\r\nTRANSP:TRANSPARENT"),
            Event("cancelled", "DTSTART:20260324T100000Z\r\nDTEND:20260324T110000Z\r\nSTATUS:CANCELLED"),
            Event("series", "DTSTART:20260325T100000Z\r\nDTEND:20260325T110000Z\r\nRRULE:FREQ=DAILY;COUNT=3\r\nTRANSP:OPAQUE"),
            Event("series", "RECURRENCE-ID:20260326T100000Z\r\nDTSTART:20260326T100000Z\r\nDTEND:20260326T110000Z\r\nSTATUS:CANCELLED"),
            Event("moved", "DTSTART:20260330T100000Z\r\nDTEND:20260330T110000Z\r\nRRULE:FREQ=DAILY;COUNT=2"),
            Event("moved", "RECURRENCE-ID:20260331T100000Z\r\nDTSTART:20260331T140000Z\r\nDTEND:20260331T150000Z"));

        var busy = _reader.Read(feed, March23, April6);

        Assert.Equal(
            [Utc(3, 25, 10), Utc(3, 27, 10), Utc(3, 30, 10), Utc(3, 31, 14)],
            busy.Select(b => b.Start));
    }

    [Fact]
    public void Only_occurrences_overlapping_the_window_are_returned_including_one_that_began_before_it()
    {
        var feed = Feed(
            Event("before", "DTSTART:20260322T080000Z\r\nDTEND:20260322T090000Z"),
            Event("overlapping", "DTSTART:20260322T230000Z\r\nDTEND:20260323T010000Z"),
            Event("after", "DTSTART:20260406T000000Z\r\nDTEND:20260406T010000Z"),
            Event("zero", "DTSTART:20260324T080000Z"));

        var busy = _reader.Read(feed, March23, April6);

        var only = Assert.Single(busy);
        Assert.Equal((Utc(3, 22, 23), Utc(3, 23, 1)), (only.Start, only.End));
    }

    [Fact]
    public void VFREEBUSY_busy_periods_are_read_and_FREE_periods_are_not()
    {
        var feed = Feed("""
            BEGIN:VFREEBUSY
            UID:fb-1
            DTSTAMP:20260101T000000Z
            DTSTART:20260323T000000Z
            DTEND:20260406T000000Z
            FREEBUSY:20260324T080000Z/20260324T090000Z,20260324T100000Z/PT30M
            FREEBUSY;FBTYPE=FREE:20260325T080000Z/20260325T170000Z
            FREEBUSY;FBTYPE=BUSY-TENTATIVE:20260326T120000Z/PT1H
            FREEBUSY;FBTYPE=BUSY-UNAVAILABLE:20260327T000000Z/20260328T000000Z
            END:VFREEBUSY

            """.ReplaceLineEndings("\r\n"));

        var busy = _reader.Read(feed, March23, April6);

        Assert.Equal(
            [
                (Utc(3, 24, 8), Utc(3, 24, 9)),
                (Utc(3, 24, 10), Utc(3, 24, 10, 30)),
                (Utc(3, 26, 12), Utc(3, 26, 13)),
                (Utc(3, 27, 0), Utc(3, 28, 0)),
            ],
            busy.Select(b => (b.Start, b.End)));
        Assert.All(busy, b => Assert.Null(b.Location));
    }

    [Fact]
    public void Folded_lines_LF_line_ends_and_a_byte_order_mark_are_accepted()
    {
        var feed = "\uFEFF" + Feed(Event("folded", "DTSTART:20260324T080000Z\r\nDTEND:20260324T090000Z\r\nLOCATION:Meget lang lokation der\r\n  foldes over to linjer"))
            .ReplaceLineEndings("\n");

        var busy = Assert.Single(_reader.Read(feed, March23, April6));

        Assert.Equal("Meget lang lokation der foldes over to linjer", busy.Location);
    }

    [Fact]
    public void An_Outlook_custom_time_zone_name_is_read_as_Danish_time()
    {
        var feed = Feed(Event("outlook", "DTSTART;TZID=Customized Time Zone:20260325T090000\r\nDTEND;TZID=Customized Time Zone:20260325T100000"));

        var busy = Assert.Single(_reader.Read(feed, March23, April6));

        Assert.Equal(Utc(3, 25, 8), busy.Start);
    }

    [Fact]
    public async Task A_stream_is_read_like_text()
    {
        var feed = Feed(Event("stream", "DTSTART:20260324T080000Z\r\nDTEND:20260324T090000Z\r\nLOCATION:Rådhuset"));
        await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(feed));

        var busy = Assert.Single(await _reader.ReadAsync(stream, March23, April6, CancellationToken.None));

        Assert.Equal("Rådhuset", busy.Location);
    }

    private static string Numbers(int first, int last) => string.Join(',', Enumerable.Range(first, last - first + 1));

    public static TheoryData<string, CalendarFormatError> HostileFeeds() => new()
    {
        { "", CalendarFormatError.NotICalendar },
        { "hello world", CalendarFormatError.NotICalendar },
        { "<html><body>Sign in</body></html>", CalendarFormatError.NotICalendar },
        { "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20260324T080000Z\r\n", CalendarFormatError.Malformed },
        { Feed(Event("bad-rule", "DTSTART:20260324T080000Z\r\nRRULE:FREQ=SOMETIMES;INTERVAL=-5")), CalendarFormatError.Malformed },
        { Feed("BEGIN:VFREEBUSY\r\nUID:x\r\nFREEBUSY:20260324T080000Z/yesterday\r\nEND:VFREEBUSY\r\n"), CalendarFormatError.Malformed },
        { Feed("BEGIN:VFREEBUSY\r\nUID:x\r\nFREEBUSY:20260324T080000Z\r\nEND:VFREEBUSY\r\n"), CalendarFormatError.Malformed },
        { Feed(string.Concat(Enumerable.Repeat("BEGIN:X-NEST\r\n", 5_000)) + string.Concat(Enumerable.Repeat("END:X-NEST\r\n", 5_000))), CalendarFormatError.NestedTooDeeply },
        { Feed(Event("minutely", "DTSTART:19700101T000000Z\r\nDTEND:19700101T000100Z\r\nRRULE:FREQ=MINUTELY")), CalendarFormatError.RecurrenceTooExpensive },
        { Feed(Event("secondly", "DTSTART:20200101T000000Z\r\nDTEND:20200101T000001Z\r\nRRULE:FREQ=SECONDLY")), CalendarFormatError.RecurrenceTooExpensive },
        { Feed(Event("expanding", $"DTSTART:20250101T000000Z\r\nRRULE:FREQ=YEARLY;BYMONTH={Numbers(1, 12)};BYMONTHDAY={Numbers(1, 28)};BYHOUR={Numbers(0, 23)};BYMINUTE={Numbers(0, 59)}")), CalendarFormatError.RecurrenceTooExpensive },
        { Feed(Event("never", "DTSTART:20260101T000000Z\r\nDTEND:20260101T010000Z\r\nRRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30")), CalendarFormatError.RecurrenceTooExpensive },
        { Feed(Event("dense", "DTSTART:20260323T000000Z\r\nDTEND:20260323T000100Z\r\nRRULE:FREQ=MINUTELY;INTERVAL=1")), CalendarFormatError.TooManyOccurrences },
    };

    [Theory]
    [MemberData(nameof(HostileFeeds))]
    public void Malformed_and_hostile_feeds_give_a_CalendarFormatException_that_repeats_none_of_the_input(string feed, CalendarFormatError expected)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();

        var error = Assert.Throws<CalendarFormatException>(() => _reader.Read(feed, March23, April6));

        Assert.Equal(expected, error.Error);
        Assert.Null(error.InnerException);
        Assert.DoesNotContain("2026", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SOMETIMES", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hello", error.Message, StringComparison.Ordinal);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), $"took {started.Elapsed}");
    }

    [Fact]
    public async Task A_feed_over_the_size_limit_is_refused_as_text_and_as_a_stream_without_reading_it_all()
    {
        var huge = Feed(string.Concat(Enumerable.Repeat(Event("big", "DTSTART:20260324T080000Z\r\nDTEND:20260324T090000Z\r\nDESCRIPTION:" + new string('x', 900)), 3_000)));
        Assert.True(Encoding.UTF8.GetByteCount(huge) > 2 * 1024 * 1024);

        Assert.Equal(CalendarFormatError.TooLarge, Assert.Throws<CalendarFormatException>(() => _reader.Read(huge, March23, April6)).Error);
        await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(huge));
        var error = await Assert.ThrowsAsync<CalendarFormatException>(() => _reader.ReadAsync(stream, March23, April6, CancellationToken.None));
        Assert.Equal(CalendarFormatError.TooLarge, error.Error);
        Assert.True(stream.Position <= (2 * 1024 * 1024) + 1);
    }

    [Fact]
    public async Task Invalid_UTF8_in_a_stream_is_malformed()
    {
        await using var stream = new MemoryStream([.. Encoding.ASCII.GetBytes("BEGIN:VCALENDAR\r\nX:"), 0xC3, 0x28, .. Encoding.ASCII.GetBytes("\r\nEND:VCALENDAR\r\n")]);

        var error = await Assert.ThrowsAsync<CalendarFormatException>(() => _reader.ReadAsync(stream, March23, April6, CancellationToken.None));

        Assert.Equal(CalendarFormatError.Malformed, error.Error);
    }

    [Fact]
    public void Eight_weeks_of_a_busy_professional_calendar_are_read_well_within_the_limits()
    {
        var events = Enumerable.Range(0, 40).Select(i => Event(
            $"e{i}",
            $"DTSTART;TZID=Europe/Copenhagen:2026030{(i % 5) + 2}T{8 + (i % 8):00}0000\r\nDTEND;TZID=Europe/Copenhagen:2026030{(i % 5) + 2}T{8 + (i % 8):00}4500\r\nRRULE:FREQ=WEEKLY;INTERVAL={1 + (i % 2)}"));
        var feed = Feed([.. events]);

        var busy = _reader.Read(feed, Utc(3, 2, 0), Utc(4, 27, 0));

        Assert.InRange(busy.Count, 200, 400);
        Assert.Equal(busy.OrderBy(b => b.Start), busy);
    }
}
