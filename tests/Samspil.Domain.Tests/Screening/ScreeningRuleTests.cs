using Samspil.Domain.Screening;
using static Samspil.Domain.Tests.Screening.Admissions;

namespace Samspil.Domain.Tests.Screening;

public sealed class RollingTwelveMonthTests
{
    [Fact]
    public void Four_admissions_within_365_days_set_the_flag()
    {
        var result = Screen(
            Stay("2025-01-10 10:00+01:00", "2025-01-11 10:00+01:00"),
            Stay("2025-04-10 10:00+02:00", "2025-04-11 10:00+02:00"),
            Stay("2025-08-10 10:00+02:00", "2025-08-11 10:00+02:00"),
            Stay("2026-01-10 10:00+01:00", "2026-01-11 10:00+01:00"));

        Assert.Equal(4, result.MaxAdmissionsIn12Months);
        Assert.True(result.FourOrMoreAdmissionsIn12Months);
    }

    [Fact]
    public void An_admission_exactly_365_days_earlier_is_inside_the_window_and_one_minute_more_is_outside()
    {
        var exactly = Screen(
            Stay("2025-01-10 10:00+01:00", "2025-01-10 12:00+01:00"),
            Stay("2025-06-01 10:00+02:00", "2025-06-01 12:00+02:00"),
            Stay("2025-09-01 10:00+02:00", "2025-09-01 12:00+02:00"),
            Stay("2026-01-10 10:00+01:00", "2026-01-10 12:00+01:00"));
        var oneMinuteMore = Screen(
            Stay("2025-01-10 09:59+01:00", "2025-01-10 12:00+01:00"),
            Stay("2025-06-01 10:00+02:00", "2025-06-01 12:00+02:00"),
            Stay("2025-09-01 10:00+02:00", "2025-09-01 12:00+02:00"),
            Stay("2026-01-10 10:00+01:00", "2026-01-10 12:00+01:00"));

        Assert.Equal(4, exactly.MaxAdmissionsIn12Months);
        Assert.Equal(3, oneMinuteMore.MaxAdmissionsIn12Months);
        Assert.False(oneMinuteMore.FourOrMoreAdmissionsIn12Months);
    }

    [Fact]
    public void The_window_is_365_elapsed_days_so_summer_time_does_not_move_its_edge()
    {
        // 365 × 24 h before 2026-01-10 10:00 CET is 2025-01-10 10:00 CET; the window crosses two
        // summer-time changes but remains exactly 8,760 hours.
        var result = Screen(
            Stay("2025-01-10 10:00+01:00", "2025-01-10 11:00+01:00"),
            Stay("2026-01-10 10:00+01:00", "2026-01-10 11:00+01:00"));

        Assert.Equal(2, result.MaxAdmissionsIn12Months);
    }

    [Fact]
    public void Admissions_with_equal_starts_are_all_counted_in_the_window()
    {
        var result = Screen(
            Stay("2025-03-01 10:00+01:00", "2025-03-02 10:00+01:00"),
            Stay("2025-03-01 10:00+01:00", "2025-03-01 12:00+01:00"),
            Stay("2025-03-01 10:00+01:00", "2025-03-05 10:00+01:00"),
            Stay("2024-02-29 10:00+01:00", "2024-03-02 10:00+01:00"));

        // 29 February 2024 is 366 days before 1 March 2025: outside.
        Assert.Equal(3, result.MaxAdmissionsIn12Months);
    }

    [Fact]
    public void The_most_admissions_in_any_window_is_reported_not_the_latest_window()
    {
        var result = Screen(
            Stay("2023-01-01 10:00+01:00", "2023-01-02 10:00+01:00"),
            Stay("2023-02-01 10:00+01:00", "2023-02-02 10:00+01:00"),
            Stay("2023-03-01 10:00+01:00", "2023-03-02 10:00+01:00"),
            Stay("2023-04-01 10:00+02:00", "2023-04-02 10:00+02:00"),
            Stay("2025-06-01 10:00+02:00", "2025-06-02 10:00+02:00"));

        Assert.Equal(4, result.MaxAdmissionsIn12Months);
        Assert.Equal(5, result.Admissions);
    }
}

public sealed class AcuteReadmissionTests
{
    [Fact]
    public void An_acute_admission_30_days_after_a_discharge_is_a_readmission_and_one_minute_later_is_not()
    {
        var within = Screen(
            Stay("2025-05-01 10:00+02:00", "2025-05-03 10:00+02:00"),
            Stay("2025-06-02 10:00+02:00", "2025-06-04 10:00+02:00", acute: true));
        var after = Screen(
            Stay("2025-05-01 10:00+02:00", "2025-05-03 10:00+02:00"),
            Stay("2025-06-02 10:01+02:00", "2025-06-04 10:00+02:00", acute: true));

        Assert.Equal(1, within.AcuteReadmissionsWithin30Days);
        Assert.Equal(0, after.AcuteReadmissionsWithin30Days);
    }

    [Fact]
    public void A_planned_admission_after_a_discharge_is_not_an_acute_readmission()
    {
        var result = Screen(
            Stay("2025-05-01 10:00+02:00", "2025-05-03 10:00+02:00"),
            Stay("2025-05-10 10:00+02:00", "2025-05-11 10:00+02:00", acute: false));

        Assert.Equal(0, result.AcuteReadmissionsWithin30Days);
    }

    [Fact]
    public void The_first_admission_is_never_a_readmission()
    {
        Assert.Equal(0, Screen(Stay("2025-05-01 10:00+02:00", "2025-05-03 10:00+02:00", acute: true)).AcuteReadmissionsWithin30Days);
    }

    [Fact]
    public void An_admission_starting_at_the_very_moment_of_a_discharge_is_a_transfer_not_a_readmission()
    {
        var result = Screen(
            Stay("2025-05-01 10:00+02:00", "2025-05-03 10:00+02:00"),
            Stay("2025-05-03 10:00+02:00", "2025-05-04 10:00+02:00", acute: true));

        Assert.Equal(0, result.AcuteReadmissionsWithin30Days);
    }

    [Fact]
    public void An_acute_admission_during_an_ongoing_stay_is_not_a_readmission_even_if_a_shorter_stay_ended_before_it()
    {
        // A long stay, a short stay inside it, and an acute admission still inside the long stay.
        var result = Screen(
            Stay("2025-01-01 10:00+01:00", "2025-03-01 10:00+01:00"),
            Stay("2025-01-10 10:00+01:00", "2025-01-12 10:00+01:00"),
            Stay("2025-01-20 10:00+01:00", "2025-01-25 10:00+01:00", acute: true));

        Assert.Equal(0, result.AcuteReadmissionsWithin30Days);
    }

    [Fact]
    public void Overlapping_stays_count_as_one_stay_ending_at_the_latest_discharge()
    {
        // The 30 days run from 1 March (the long stay's discharge), not from 12 January.
        var result = Screen(
            Stay("2025-01-01 10:00+01:00", "2025-03-01 10:00+01:00"),
            Stay("2025-01-10 10:00+01:00", "2025-01-12 10:00+01:00"),
            Stay("2025-03-20 10:00+01:00", "2025-03-21 10:00+01:00", acute: true));

        Assert.Equal(1, result.AcuteReadmissionsWithin30Days);
    }

    [Fact]
    public void Admissions_with_the_same_start_are_not_readmissions_of_each_other()
    {
        var result = Screen(
            Stay("2025-05-01 10:00+02:00", "2025-05-01 10:00+02:00", acute: true),
            Stay("2025-05-01 10:00+02:00", "2025-05-02 10:00+02:00", acute: true));

        Assert.Equal(0, result.AcuteReadmissionsWithin30Days);
    }

    [Fact]
    public void Two_acute_admissions_with_the_same_start_after_a_discharge_both_count()
    {
        var result = Screen(
            Stay("2025-04-01 10:00+02:00", "2025-04-02 10:00+02:00"),
            Stay("2025-04-10 10:00+02:00", "2025-04-11 10:00+02:00", acute: true),
            Stay("2025-04-10 10:00+02:00", "2025-04-12 10:00+02:00", acute: true));

        Assert.Equal(2, result.AcuteReadmissionsWithin30Days);
    }

    [Fact]
    public void The_30_days_are_elapsed_time_across_the_change_to_summer_time()
    {
        // Discharged 1 March 10:00 CET (09:00 UTC); 30 × 24 h later is 31 March 11:00 CEST.
        var justInside = Screen(
            Stay("2026-02-27 10:00+01:00", "2026-03-01 10:00+01:00"),
            Stay("2026-03-31 11:00+02:00", "2026-04-01 10:00+02:00", acute: true));
        var justOutside = Screen(
            Stay("2026-02-27 10:00+01:00", "2026-03-01 10:00+01:00"),
            Stay("2026-03-31 11:01+02:00", "2026-04-01 10:00+02:00", acute: true));

        Assert.Equal(1, justInside.AcuteReadmissionsWithin30Days);
        Assert.Equal(0, justOutside.AcuteReadmissionsWithin30Days);
    }

    [Fact]
    public void Each_acute_readmission_in_a_chain_counts()
    {
        var result = Screen(
            Stay("2025-05-01 10:00+02:00", "2025-05-02 10:00+02:00", acute: true),
            Stay("2025-05-10 10:00+02:00", "2025-05-11 10:00+02:00", acute: true),
            Stay("2025-05-20 10:00+02:00", "2025-05-21 10:00+02:00", acute: true));

        Assert.Equal(2, result.AcuteReadmissionsWithin30Days);
    }
}

public sealed class ShortStayTests
{
    [Theory]
    [InlineData("2025-05-01 10:00+02:00", "2025-05-01 10:00+02:00", true)] // zero length
    [InlineData("2025-05-01 10:00+02:00", "2025-05-04 23:59+02:00", true)] // three days
    [InlineData("2025-05-01 00:00+02:00", "2025-05-05 00:00+02:00", false)] // four midnights
    [InlineData("2025-05-01 23:50+02:00", "2025-05-05 00:10+02:00", false)] // 72 h 20 min, four dates
    [InlineData("2025-05-01 00:01+02:00", "2025-05-04 23:59+02:00", true)] // almost 96 h, still three days
    public void A_short_stay_is_0_to_3_Danish_calendar_days(string start, string end, bool isShort)
    {
        Assert.Equal(isShort ? 1 : 0, Screen(Stay(start, end)).ShortStays);
    }

    [Fact]
    public void A_stay_spanning_midnight_in_UTC_but_not_in_Denmark_is_one_day()
    {
        // 00:30 Danish time is 23:30 UTC the previous day: the Danish dates decide.
        var result = Screen(Stay("2025-01-05 00:30+01:00", "2025-01-08 23:30+01:00"));

        Assert.Equal(1, result.ShortStays);
    }

    [Fact]
    public void Summer_time_changes_do_not_change_the_count_of_calendar_days()
    {
        // 29 March 2026 has 23 hours, 25 October 2026 has 25; both stays span three midnights.
        var march = Screen(Stay("2026-03-28 12:00+01:00", "2026-03-31 12:00+02:00"));
        var october = Screen(Stay("2026-10-24 12:00+02:00", "2026-10-27 12:00+01:00"));
        var octoberTooLong = Screen(Stay("2026-10-24 23:30+02:00", "2026-10-28 00:30+01:00"));

        Assert.Equal(1, march.ShortStays);
        Assert.Equal(1, october.ShortStays);
        Assert.Equal(0, octoberTooLong.ShortStays);
    }
}

public sealed class DischargeOutsideDaytimeTests
{
    [Theory]
    [InlineData("2025-05-07 07:59+02:00", true)] // Wednesday, before 08:00
    [InlineData("2025-05-07 08:00+02:00", false)] // 08:00 is daytime
    [InlineData("2025-05-07 15:59+02:00", false)]
    [InlineData("2025-05-07 16:00+02:00", true)] // 16:00 is not
    [InlineData("2025-05-07 23:30+02:00", true)]
    [InlineData("2025-05-10 11:00+02:00", true)] // Saturday
    [InlineData("2025-05-11 11:00+02:00", true)] // Sunday
    [InlineData("2025-05-12 11:00+02:00", false)] // Monday
    public void Discharges_are_judged_by_Danish_local_time_and_weekday(string discharge, bool outside)
    {
        var result = Screen(Stay("2025-05-01 10:00+02:00", discharge));

        Assert.Equal(outside ? 1 : 0, result.DischargesOutsideDaytime);
    }

    [Fact]
    public void A_discharge_at_07_30_UTC_in_summer_is_09_30_Danish_time_and_daytime()
    {
        var result = Screen(new AdmissionEvent("P1", "461", "1083", At("2025-06-02 06:00+00:00"), At("2025-06-04 07:30+00:00"), false, "X"));

        Assert.Equal(0, result.DischargesOutsideDaytime);
    }

    [Fact]
    public void A_Sunday_night_in_UTC_that_is_Monday_morning_in_Denmark_is_a_weekday()
    {
        // Sunday 23:30 UTC in winter is Monday 00:30 in Denmark: outside daytime because of the hour, not the day;
        // Monday 07:30 UTC is 08:30 Danish time: daytime.
        Assert.Equal(1, Screen(Stay("2025-01-01 10:00+01:00", "2025-01-06 00:30+01:00")).DischargesOutsideDaytime);
        Assert.Equal(0, Screen(new AdmissionEvent("P1", "461", "1083", At("2025-01-01 10:00+00:00"), At("2025-01-06 07:30+00:00"), false, "X")).DischargesOutsideDaytime);
    }

    [Fact]
    public void Both_occurrences_of_the_repeated_October_hour_are_night()
    {
        var first = Screen(Stay("2026-10-20 10:00+02:00", "2026-10-25 02:30+02:00"));
        var second = Screen(Stay("2026-10-20 10:00+02:00", "2026-10-25 02:30+01:00"));

        Assert.Equal(1, first.DischargesOutsideDaytime);
        Assert.Equal(1, second.DischargesOutsideDaytime);
    }
}

public sealed class StreamingAndResidenceTests
{
    [Fact]
    public void Persons_are_screened_one_at_a_time_in_input_order()
    {
        var results = ReadmissionScreening.ScreenPersons(
        [
            Stay("2025-01-01 10:00+01:00", "2025-01-02 10:00+01:00", person: "A"),
            Stay("2025-02-01 10:00+01:00", "2025-02-02 10:00+01:00", person: "A"),
            Stay("2025-01-01 10:00+01:00", "2025-01-02 10:00+01:00", person: "B"),
        ]).ToList();

        Assert.Equal(["A", "B"], results.Select(r => r.PersonKey));
        Assert.Equal([2, 1], results.Select(r => r.Admissions));
    }

    [Fact]
    public void Unsorted_persons_are_refused_rather_than_screened_wrongly()
    {
        var unsorted = new[]
        {
            Stay("2025-01-01 10:00+01:00", "2025-01-02 10:00+01:00", person: "B"),
            Stay("2025-01-01 10:00+01:00", "2025-01-02 10:00+01:00", person: "A"),
        };

        Assert.Throws<InvalidOperationException>(() => ReadmissionScreening.ScreenPersons(unsorted).ToList());
    }

    [Fact]
    public void Unsorted_starts_within_a_person_are_refused()
    {
        var unsorted = new[]
        {
            Stay("2025-02-01 10:00+01:00", "2025-02-02 10:00+01:00"),
            Stay("2025-01-01 10:00+01:00", "2025-01-02 10:00+01:00"),
        };

        Assert.Throws<InvalidOperationException>(() => ReadmissionScreening.ScreenPersons(unsorted).ToList());
    }

    [Fact]
    public void Person_keys_are_ordered_ordinally_so_upper_case_comes_before_lower_case()
    {
        var results = ReadmissionScreening.ScreenPersons(
        [
            Stay("2025-01-01 10:00+01:00", "2025-01-02 10:00+01:00", person: "Z"),
            Stay("2025-01-01 10:00+01:00", "2025-01-02 10:00+01:00", person: "a"),
        ]).ToList();

        Assert.Equal(2, results.Count);
    }

    [Fact]
    public void A_person_lives_where_their_latest_admission_says()
    {
        var result = Screen(
            Stay("2025-01-01 10:00+01:00", "2025-01-02 10:00+01:00", municipality: "101", region: "1084"),
            Stay("2025-03-01 10:00+01:00", "2025-03-02 10:00+01:00", municipality: "461", region: "1083"),
            Stay("2025-02-01 10:00+01:00", "2025-02-02 10:00+01:00", municipality: "751", region: "1082"));

        Assert.Equal(("461", "1083"), (result.MunicipalityCode, result.RegionCode));
    }

    [Fact]
    public void Equal_latest_starts_are_resolved_by_latest_discharge_then_highest_codes()
    {
        var byDischarge = Screen(
            Stay("2025-03-01 10:00+01:00", "2025-03-05 10:00+01:00", municipality: "101", region: "1084"),
            Stay("2025-03-01 10:00+01:00", "2025-03-02 10:00+01:00", municipality: "461", region: "1083"));
        var byCode = Screen(
            Stay("2025-03-01 10:00+01:00", "2025-03-02 10:00+01:00", municipality: "461", region: "1083"),
            Stay("2025-03-01 10:00+01:00", "2025-03-02 10:00+01:00", municipality: "751", region: "1082"));

        Assert.Equal("101", byDischarge.MunicipalityCode);
        Assert.Equal(("751", "1082"), (byCode.MunicipalityCode, byCode.RegionCode));
    }
}

public sealed class RankingTests
{
    private static PersonScreening Person(string key, int max12, int readmissions = 0, int admissions = 1, string region = "1083") =>
        new(key, "461", region, Math.Max(admissions, max12), max12, readmissions, 0, 0);

    [Fact]
    public void The_list_is_ordered_by_12_month_count_then_readmissions_then_admissions_then_person_key()
    {
        var ranking = new ScreeningRanking(ScreeningArea.Region, top: 10);
        foreach (var person in new[] { Person("C", 4, 1), Person("B", 4, 1), Person("A", 2, 5), Person("D", 4, 2), Person("E", 4, 1, admissions: 9) })
        {
            ranking.Add(person);
        }

        var list = ranking.Result()["1083"];

        Assert.Equal(["D", "E", "B", "C", "A"], list.Select(r => r.Person.PersonKey));
        Assert.Equal([1, 2, 3, 4, 5], list.Select(r => r.Rank));
    }

    [Fact]
    public void Only_the_top_N_per_area_are_kept_whatever_the_input_order()
    {
        var people = Enumerable.Range(0, 100).Select(i => Person(i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture), i % 7, i % 3, region: i % 2 == 0 ? "1081" : "1083")).ToList();
        var forwards = new ScreeningRanking(ScreeningArea.Region, top: 5);
        var backwards = new ScreeningRanking(ScreeningArea.Region, top: 5);
        people.ForEach(forwards.Add);
        Enumerable.Reverse(people).ToList().ForEach(backwards.Add);

        var expected = people.Where(p => p.RegionCode == "1081").Order(ScreeningRanking.Order).Take(5).Select(p => p.PersonKey);
        Assert.Equal(expected, forwards.Result()["1081"].Select(r => r.Person.PersonKey));
        Assert.Equal(forwards.Result()["1083"].Select(r => r.Person.PersonKey), backwards.Result()["1083"].Select(r => r.Person.PersonKey));
        Assert.Equal(5, forwards.Result()["1083"].Count);
    }

    [Fact]
    public void The_report_ranks_per_region_and_per_municipality_and_totals_everyone()
    {
        var report = ReadmissionScreening.Run(
        [
            Stay("2025-01-01 10:00+01:00", "2025-01-02 10:00+01:00", person: "A", municipality: "101", region: "1084"),
            Stay("2025-01-10 10:00+01:00", "2025-01-11 10:00+01:00", acute: true, person: "A", municipality: "101", region: "1084"),
            Stay("2025-01-01 10:00+01:00", "2025-01-02 10:00+01:00", person: "B", municipality: "461", region: "1083"),
        ]);

        Assert.Equal(["1083", "1084"], report.ByRegion.Keys);
        Assert.Equal(["101", "461"], report.ByMunicipality.Keys);
        Assert.Equal(2, report.Summary.Persons);
        Assert.Equal(3, report.Summary.Admissions);
        Assert.Equal(1, report.Summary.AcuteReadmissionsWithin30Days);
        Assert.Equal(1, report.Summary.PersonsWithAcuteReadmission);
    }
}
