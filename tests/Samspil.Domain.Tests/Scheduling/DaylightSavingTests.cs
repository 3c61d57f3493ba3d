using Samspil.Domain.Meetings;
using Samspil.Domain.Meetings.Scheduling;

namespace Samspil.Domain.Tests.Scheduling;

/// <summary>
/// Copenhagen changes clocks on the last Sunday of March (02:00 → 03:00, 29 March 2026) and of October
/// (03:00 → 02:00, 25 October 2026). Local times must keep their wall-clock meaning on both sides.
/// </summary>
public sealed class DaylightSavingTests
{
    private static SchedulingRequest Request(DateTimeOffset from, DateTimeOffset to, WeeklyHours hours, TimeSpan duration) => new()
    {
        From = from,
        To = to,
        Duration = duration,
        Format = MeetingFormat.Video,
        Participants = [new SchedulingParticipant { Key = "a", DisplayName = "A", WorkingHours = hours }],
        MaxResults = 1000,
    };

    [Fact]
    public void Nine_oclock_is_eight_utc_before_the_spring_change_and_seven_utc_after()
    {
        var result = MeetingScheduler.FindSlots(Request(
            new DateTimeOffset(2026, 3, 27, 0, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero),
            WeeklyHours.Weekdays(LocalTimeRange.Hours(9, 10)),
            TimeSpan.FromHours(1)));

        Assert.Equal(
            [
                new DateTimeOffset(2026, 3, 27, 8, 0, 0, TimeSpan.Zero),
                new DateTimeOffset(2026, 3, 30, 7, 0, 0, TimeSpan.Zero),
                new DateTimeOffset(2026, 3, 31, 7, 0, 0, TimeSpan.Zero),
            ],
            result.Slots.Select(s => s.Start));
        Assert.Equal(TimeSpan.FromHours(2), result.Slots[1].LocalStart.Offset);
        Assert.Equal(9, result.Slots[1].LocalStart.Hour);
    }

    [Fact]
    public void Nine_oclock_is_seven_utc_before_the_autumn_change_and_eight_utc_after()
    {
        var result = MeetingScheduler.FindSlots(Request(
            new DateTimeOffset(2026, 10, 23, 0, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 10, 27, 0, 0, 0, TimeSpan.Zero),
            WeeklyHours.Weekdays(LocalTimeRange.Hours(9, 10)),
            TimeSpan.FromHours(1)));

        Assert.Equal(
            [new DateTimeOffset(2026, 10, 23, 7, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 10, 26, 8, 0, 0, TimeSpan.Zero)],
            result.Slots.Select(s => s.Start));
    }

    [Fact]
    public void The_skipped_spring_hour_does_not_exist_so_01_to_04_local_lasts_two_hours()
    {
        var sunday = WeeklyHours.Of([WeeklyTimeRange.Hours(DayOfWeek.Sunday, 1, 4)]);
        var from = new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero);
        var to = new DateTimeOffset(2026, 3, 29, 12, 0, 0, TimeSpan.Zero);

        var twoHours = MeetingScheduler.FindSlots(Request(from, to, sunday, TimeSpan.FromHours(2)));
        var slot = Assert.Single(twoHours.Slots);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 0, 0, 0, TimeSpan.Zero), slot.Start);
        Assert.Equal((1, TimeSpan.FromHours(1)), (slot.LocalStart.Hour, slot.LocalStart.Offset));
        Assert.False(MeetingScheduler.FindSlots(Request(from, to, sunday, TimeSpan.FromMinutes(135))).Found);
    }

    [Fact]
    public void The_repeated_autumn_hour_happens_twice_so_01_to_04_local_lasts_four_hours()
    {
        var sunday = WeeklyHours.Of([WeeklyTimeRange.Hours(DayOfWeek.Sunday, 1, 4)]);
        var from = new DateTimeOffset(2026, 10, 24, 12, 0, 0, TimeSpan.Zero);
        var to = new DateTimeOffset(2026, 10, 25, 12, 0, 0, TimeSpan.Zero);

        var slot = Assert.Single(MeetingScheduler.FindSlots(Request(from, to, sunday, TimeSpan.FromHours(4))).Slots);
        Assert.Equal(new DateTimeOffset(2026, 10, 24, 23, 0, 0, TimeSpan.Zero), slot.Start);
    }

    [Fact]
    public void A_range_inside_the_repeated_hour_is_met_at_both_occurrences()
    {
        var sunday = WeeklyHours.Of([new WeeklyTimeRange(DayOfWeek.Sunday, new LocalTimeRange(new TimeOnly(2, 15), new TimeOnly(2, 45)))]);
        var result = MeetingScheduler.FindSlots(Request(
            new DateTimeOffset(2026, 10, 24, 12, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 10, 25, 12, 0, 0, TimeSpan.Zero),
            sunday,
            TimeSpan.FromMinutes(30)));

        Assert.Equal(
            [new DateTimeOffset(2026, 10, 25, 0, 15, 0, TimeSpan.Zero), new DateTimeOffset(2026, 10, 25, 1, 15, 0, TimeSpan.Zero)],
            result.Slots.Select(s => s.Start));
    }

    [Fact]
    public void The_citizens_times_of_day_and_the_network_slot_follow_the_wall_clock_across_the_change()
    {
        var result = MeetingScheduler.FindSlots(Request(
            new DateTimeOffset(2026, 3, 26, 0, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 4, 3, 0, 0, 0, TimeSpan.Zero),
            WeeklyHours.Always,
            TimeSpan.FromHours(1)) with
        {
            Preferences = new CitizenPreferences { AllowedTimesOfDay = [LocalTimeRange.Hours(13, 14)] },
            NetworkSlots = [WeeklyTimeRange.Hours(DayOfWeek.Thursday, 13, 14)],
        });

        Assert.All(result.Slots, s => Assert.Equal(13, s.LocalStart.Hour));
        var thursdays = result.Slots.Where(s => s.InNetworkSlot).Select(s => s.Start).ToList();
        Assert.Equal([new DateTimeOffset(2026, 3, 26, 12, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 4, 2, 11, 0, 0, TimeSpan.Zero)], thursdays);
    }
}
