using Samspil.Domain.Common;
using Samspil.Domain.Meetings;
using Samspil.Domain.Meetings.Scheduling;

namespace Samspil.Domain.Tests.Scheduling;

/// <summary>
/// The scheduler's rules one at a time. Monday 23 November 2026 is in winter time, so Copenhagen is UTC+1:
/// 09:00 local is 08:00Z.
/// </summary>
public sealed class MeetingSchedulerTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset Local(int day, int hour, int minute = 0) =>
        new DateTimeOffset(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(1)).ToUniversalTime();

    private static SchedulingParticipant Person(string key, WeeklyHours? hours = null, params BusyInterval[] busy) => new()
    {
        Key = key,
        DisplayName = key + " Demo",
        WorkingHours = hours ?? WeeklyHours.Weekdays(LocalTimeRange.Hours(9, 15)),
        Busy = busy,
    };

    private static SchedulingRequest Request(params SchedulingParticipant[] participants) => new()
    {
        From = Monday,
        To = Monday.AddDays(1),
        Duration = TimeSpan.FromHours(1),
        Format = MeetingFormat.Video,
        Participants = participants,
    };

    private static SchedulingInterpreter Interpreter(string key, string[] languages, params BusyInterval[] busy) => new()
    {
        Key = key,
        DisplayName = key,
        Languages = languages,
        WorkingHours = WeeklyHours.Weekdays(LocalTimeRange.Hours(8, 16)),
        Busy = busy,
    };

    [Fact]
    public void The_earliest_slot_within_everyones_working_hours_comes_first_on_the_step_grid()
    {
        var result = MeetingScheduler.FindSlots(Request(
            Person("a"), Person("b", WeeklyHours.Weekdays(LocalTimeRange.Hours(10, 16)))));

        Assert.Equal([Local(23, 10), Local(23, 10, 15), Local(23, 10, 30), Local(23, 10, 45), Local(23, 11)], result.Slots.Select(s => s.Start));
        Assert.Equal(Local(23, 11), result.Slots[0].End);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(1)), result.Slots[0].LocalStart);
        Assert.Equal(TimeSpan.FromHours(1), result.Slots[0].LocalStart.Offset);
        // 10:00..14:00 local in 15-minute steps.
        Assert.Equal(17, result.ValidCount);
        Assert.Equal(24 * 4 - 3, result.CandidateCount);
    }

    [Fact]
    public void A_busy_required_participant_rules_out_overlapping_slots_but_a_meeting_may_start_when_the_busy_time_ends()
    {
        var result = MeetingScheduler.FindSlots(Request(
            Person("a", null, new BusyInterval(Local(23, 9), Local(23, 11))), Person("b")));

        Assert.Equal(Local(23, 11), result.Slots[0].Start);
    }

    [Fact]
    public void A_participant_outside_working_hours_on_the_day_blocks_that_day()
    {
        var tuesdayOnly = WeeklyHours.Of([WeeklyTimeRange.Hours(DayOfWeek.Tuesday, 9, 12)]);
        var result = MeetingScheduler.FindSlots(Request(Person("a"), Person("b", tuesdayOnly)) with { To = Monday.AddDays(3) });

        Assert.Equal(Local(24, 9), result.Slots[0].Start);
        Assert.All(result.Slots, s => Assert.Equal(24, s.LocalStart.Day));
    }

    [Fact]
    public void Touching_working_hour_ranges_merge_so_a_meeting_may_span_them()
    {
        var split = WeeklyHours.Weekdays(LocalTimeRange.Hours(9, 10), LocalTimeRange.Hours(10, 11));
        var result = MeetingScheduler.FindSlots(Request(Person("a", split)) with { Duration = TimeSpan.FromHours(2) });

        Assert.Equal(Local(23, 9), Assert.Single(result.Slots).Start);
    }

    [Fact]
    public void An_optional_participant_who_is_busy_does_not_block_but_ranks_lower()
    {
        var optional = Person("o", null, new BusyInterval(Local(23, 9), Local(23, 10))) with { Required = false };
        var result = MeetingScheduler.FindSlots(Request(Person("a"), optional) with { MaxResults = 100 });

        var first = result.Slots[0];
        // 10:00 with the optional participant (+2) beats 09:00 without; same day, so no earliness penalty.
        Assert.Equal(Local(23, 10), first.Start);
        Assert.Equal(["o"], first.OptionalParticipantsPresent);
        var nine = Assert.Single(result.Slots, s => s.Start == Local(23, 9));
        Assert.Equal(["o"], nine.OptionalParticipantsAbsent);
        Assert.Equal(first.Score - 2, nine.Score);
        Assert.DoesNotContain(result.Blockers, b => b.SubjectKey == "o");
    }

    [Fact]
    public void In_person_a_participant_busy_elsewhere_just_before_needs_the_travel_time()
    {
        var travel = new TravelTimes([new TravelTime("klinik", "jobcenter", TimeSpan.FromMinutes(45))]);
        SchedulingResult Earliest(string? busyPlace, MeetingFormat format, string meetingPlace = "jobcenter") =>
            MeetingScheduler.FindSlots(Request(Person("a", null, new BusyInterval(Local(23, 9), Local(23, 10), busyPlace))) with
            {
                Format = format,
                PlaceKey = meetingPlace,
                TravelTimes = travel,
            });

        Assert.Equal(Local(23, 10, 45), Earliest("klinik", MeetingFormat.InPerson).Slots[0].Start);
        Assert.Equal(Local(23, 10), Earliest("jobcenter", MeetingFormat.InPerson).Slots[0].Start);
        Assert.Equal(Local(23, 10), Earliest(null, MeetingFormat.InPerson).Slots[0].Start);
        Assert.Equal(Local(23, 10), Earliest("klinik", MeetingFormat.Video).Slots[0].Start);
        Assert.Equal(Local(23, 10), Earliest("klinik", MeetingFormat.Phone).Slots[0].Start);
        // A pair without an entry takes the default (30 minutes); the reverse entry is used when only it exists.
        Assert.Equal(Local(23, 10, 30), Earliest("hjemme", MeetingFormat.InPerson).Slots[0].Start);
        Assert.Equal(Local(23, 10, 45), Earliest("jobcenter", MeetingFormat.InPerson, "klinik").Slots[0].Start);
    }

    [Fact]
    public void In_person_a_participant_busy_elsewhere_just_after_must_leave_in_time()
    {
        var travel = new TravelTimes([new TravelTime("jobcenter", "klinik", TimeSpan.FromMinutes(45))], TimeSpan.Zero);
        var result = MeetingScheduler.FindSlots(Request(Person("a", null, new BusyInterval(Local(23, 12), Local(23, 15), "klinik"))) with
        {
            Format = MeetingFormat.InPerson,
            PlaceKey = "jobcenter",
            TravelTimes = travel,
            MaxResults = 100,
        });

        // Ends by 11:15 so that the 45 minutes to the clinic fit before 12:00.
        Assert.Equal(Local(23, 10, 15), result.Slots.Max(s => s.Start));
    }

    [Fact]
    public void An_interpreter_for_the_language_must_be_free_for_the_whole_meeting()
    {
        var need = new InterpreterNeed("ar", [
            Interpreter("tolk-ar", ["ar", "ku"], new BusyInterval(Local(23, 8), Local(23, 12, 30))),
            Interpreter("tolk-fa", ["fa"]),
            Interpreter("tolk-ar2", ["AR"], new BusyInterval(Local(23, 8), Local(23, 13))),
        ]);
        var result = MeetingScheduler.FindSlots(Request(Person("a")) with { Interpreter = need, MaxResults = 100 });

        Assert.Equal(Local(23, 12, 30), result.Slots[0].Start);
        Assert.Equal(["tolk-ar"], result.Slots[0].AvailableInterpreters);
        Assert.Equal(["tolk-ar", "tolk-ar2"], result.Slots.Single(s => s.Start == Local(23, 13)).AvailableInterpreters);
        var blocker = Assert.Single(result.Blockers, b => b.Kind == BlockerKind.InterpreterUnavailable);
        Assert.Equal("ar", blocker.SubjectKey);
    }

    [Fact]
    public void No_interpreter_for_the_language_rules_out_every_slot()
    {
        var need = new InterpreterNeed("ti", [Interpreter("tolk-ar", ["ar"])]);
        var result = MeetingScheduler.FindSlots(Request(Person("a")) with { Interpreter = need });

        Assert.False(result.Found);
        // a is outside working hours in 72 of the candidates; in the other 21 the missing interpreter is the only obstacle.
        var blocker = result.Blockers[0];
        Assert.Equal(new SchedulingBlocker(BlockerKind.NoInterpreterForLanguage, "ti", null, result.CandidateCount, result.CandidateCount - 72), blocker);
    }

    [Fact]
    public void Required_participants_and_interpreter_beyond_the_citizens_maximum_are_a_blocker()
    {
        var request = Request(Person("a"), Person("b"), Person("c")) with
        {
            Interpreter = new InterpreterNeed("ar", [Interpreter("tolk", ["ar"])]),
            Preferences = new CitizenPreferences { MaxPeople = 3 },
        };

        var result = MeetingScheduler.FindSlots(request);

        Assert.False(result.Found);
        Assert.Contains(result.Blockers, b => b.Kind == BlockerKind.TooManyPeople && b.RulesOut == result.CandidateCount);
        Assert.True(MeetingScheduler.FindSlots(request with { Preferences = new CitizenPreferences { MaxPeople = 4 } }).Found);
    }

    [Fact]
    public void Optional_participants_beyond_the_citizens_maximum_stay_away_in_the_order_given()
    {
        var result = MeetingScheduler.FindSlots(Request(
            Person("a"), Person("b"), Person("o1") with { Required = false }, Person("o2") with { Required = false }) with
        {
            Preferences = new CitizenPreferences { MaxPeople = 3 },
        });

        Assert.Equal(["o1"], result.Slots[0].OptionalParticipantsPresent);
        Assert.Equal(["o2"], result.Slots[0].OptionalParticipantsAbsent);
    }

    [Fact]
    public void An_in_person_meeting_at_a_place_the_citizen_avoids_has_no_slot_but_a_video_meeting_does()
    {
        var request = Request(Person("a")) with
        {
            Format = MeetingFormat.InPerson,
            PlaceKey = "psykiatrien",
            Preferences = new CitizenPreferences { PlacesToAvoid = ["psykiatrien"] },
        };

        var result = MeetingScheduler.FindSlots(request);

        Assert.False(result.Found);
        var blocker = Assert.Single(result.Blockers, b => b.Kind == BlockerKind.PlaceAvoidedByCitizen);
        Assert.Equal("psykiatrien", blocker.SubjectKey);
        Assert.True(MeetingScheduler.FindSlots(request with { Format = MeetingFormat.Video }).Found);
    }

    [Fact]
    public void The_meeting_lies_wholly_within_the_citizens_allowed_times_of_day()
    {
        var result = MeetingScheduler.FindSlots(Request(Person("a")) with
        {
            Duration = TimeSpan.FromMinutes(90),
            Preferences = new CitizenPreferences { AllowedTimesOfDay = [LocalTimeRange.Hours(10, 12)] },
            MaxResults = 100,
        });

        Assert.Equal([Local(23, 10), Local(23, 10, 15), Local(23, 10, 30)], result.Slots.Select(s => s.Start));
    }

    [Fact]
    public void The_fixed_weekly_network_slot_wins_over_an_earlier_time_a_few_days_sooner()
    {
        var result = MeetingScheduler.FindSlots(Request(Person("a")) with
        {
            To = Monday.AddDays(5),
            NetworkSlots = [WeeklyTimeRange.Hours(DayOfWeek.Thursday, 13, 15)],
            MaxResults = 3,
        });

        // Thursday is three days later (−3) but in the network slot (+6): score 3 against Monday's 0.
        Assert.Equal([Local(26, 13), Local(26, 13, 15), Local(26, 13, 30)], result.Slots.Select(s => s.Start));
        Assert.All(result.Slots, s => Assert.True(s.InNetworkSlot));
        Assert.Equal(3, result.Slots[0].Score);
    }

    [Fact]
    public void The_citizens_preferred_times_rank_higher_and_ties_go_to_the_earlier_start()
    {
        var result = MeetingScheduler.FindSlots(Request(Person("a")) with
        {
            Preferences = new CitizenPreferences { PreferredTimesOfDay = [LocalTimeRange.Hours(12, 14)] },
            MaxResults = 4,
        });

        Assert.Equal([Local(23, 12), Local(23, 12, 15), Local(23, 12, 30), Local(23, 12, 45)], result.Slots.Select(s => s.Start));
        Assert.All(result.Slots, s => Assert.Equal(4, s.Score));
    }

    [Fact]
    public void Later_days_cost_points_so_a_preferred_time_far_off_loses_to_an_earlier_one()
    {
        var result = MeetingScheduler.FindSlots(Request(Person("a", WeeklyHours.Of([WeeklyTimeRange.Hours(DayOfWeek.Monday, 9, 10), WeeklyTimeRange.Hours(DayOfWeek.Saturday, 12, 14)]))) with
        {
            To = Monday.AddDays(6),
            Preferences = new CitizenPreferences { PreferredTimesOfDay = [LocalTimeRange.Hours(12, 14)] },
            MaxResults = 1,
        });

        // Saturday is five days later: 4 − 5 = −1 < 0.
        Assert.Equal(Local(23, 9), result.Slots[0].Start);
    }

    [Fact]
    public void When_nothing_fits_the_blockers_say_who_and_what_blocks()
    {
        var kim = Person("kim", null, new BusyInterval(Monday, Monday.AddDays(1))) with { DisplayName = "Kim Demo-Laursen" };
        var need = new InterpreterNeed("ar", [Interpreter("tolk", ["ar"], new BusyInterval(Monday, Monday.AddDays(1)))]);

        var result = MeetingScheduler.FindSlots(Request(kim, Person("a")) with { Interpreter = need });

        Assert.False(result.Found);
        Assert.Equal(0, result.ValidCount);
        Assert.Equal(
            [
                new SchedulingBlocker(BlockerKind.ParticipantUnavailable, "kim", "Kim Demo-Laursen", result.CandidateCount, 0),
                new SchedulingBlocker(BlockerKind.InterpreterUnavailable, "ar", null, result.CandidateCount, 0),
                // Outside a's working hours in all but the 21 starts from 09:00 to 14:00; there a is not the only obstacle.
                new SchedulingBlocker(BlockerKind.ParticipantUnavailable, "a", "a Demo", result.CandidateCount - 21, 0),
            ],
            result.Blockers);
    }

    [Fact]
    public void A_participant_who_alone_blocks_is_counted_as_the_only_obstacle()
    {
        var kim = Person("kim", WeeklyHours.Always, new BusyInterval(Monday, Monday.AddDays(1)));
        var result = MeetingScheduler.FindSlots(Request(kim, Person("a")));

        var blocker = result.Blockers.Single(b => b.SubjectKey == "kim");
        Assert.Equal(result.CandidateCount, blocker.RulesOut);
        Assert.Equal(21, blocker.RulesOutAlone);
    }

    [Fact]
    public void A_window_shorter_than_the_meeting_has_no_candidates()
    {
        var result = MeetingScheduler.FindSlots(Request(Person("a")) with { To = Monday.AddMinutes(50) });

        Assert.Equal(0, result.CandidateCount);
        Assert.Equal(BlockerKind.WindowTooShort, Assert.Single(result.Blockers).Kind);
    }

    [Fact]
    public void Starts_follow_the_wall_clock_grid_even_when_the_window_starts_off_it()
    {
        var result = MeetingScheduler.FindSlots(Request(Person("a", WeeklyHours.Always)) with { From = Monday.AddMinutes(7), MaxResults = 2 });

        Assert.Equal([Monday.AddMinutes(15), Monday.AddMinutes(30)], result.Slots.Select(s => s.Start));
    }

    [Fact]
    public void A_busy_interval_of_no_length_is_ignored()
    {
        var result = MeetingScheduler.FindSlots(Request(Person("a", null, new BusyInterval(Local(23, 9, 30), Local(23, 9, 30), "klinik"))) with
        {
            Format = MeetingFormat.InPerson,
            PlaceKey = "jobcenter",
        });

        Assert.Equal(Local(23, 9), result.Slots[0].Start);
    }

    [Fact]
    public void Invalid_requests_are_refused_with_a_code()
    {
        Assert.Equal("Scheduling.PlaceRequired", Assert.Throws<DomainException>(() => MeetingScheduler.FindSlots(Request(Person("a")) with { Format = MeetingFormat.InPerson })).Code);
        Assert.Equal("Scheduling.ParticipantKeysNotUnique", Assert.Throws<DomainException>(() => MeetingScheduler.FindSlots(Request(Person("a"), Person("a")))).Code);
        Assert.Equal("Scheduling.WindowInvalid", Assert.Throws<DomainException>(() => MeetingScheduler.FindSlots(Request(Person("a")) with { To = Monday })).Code);
        Assert.Equal("Scheduling.DurationInvalid", Assert.Throws<DomainException>(() => MeetingScheduler.FindSlots(Request(Person("a")) with { Duration = TimeSpan.Zero })).Code);
        Assert.Equal("Scheduling.WindowTooLarge", Assert.Throws<DomainException>(() => MeetingScheduler.FindSlots(Request(Person("a")) with { To = Monday.AddYears(2), Step = TimeSpan.FromMinutes(5) })).Code);
        Assert.Equal("Scheduling.MoreThanOneCitizen", Assert.Throws<DomainException>(() => MeetingScheduler.FindSlots(Request(Person("a") with { IsCitizen = true }, Person("b") with { IsCitizen = true }))).Code);
        Assert.Throws<DomainException>(() => new LocalTimeRange(new TimeOnly(12, 0), new TimeOnly(9, 0)));
        Assert.Throws<DomainException>(() => new BusyInterval(Monday, Monday.AddHours(-1)));
    }
}
