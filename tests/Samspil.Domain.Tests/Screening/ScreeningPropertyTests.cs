using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Samspil.Domain.Screening;

namespace Samspil.Domain.Tests.Screening;

/// <summary>
/// The streaming engine against a brute-force oracle written from the rules' text: quadratic, per
/// person, on <see cref="TimeZoneInfo"/> and <see cref="DateTimeOffset"/> arithmetic rather than the
/// engine's ticks and offset table. The generator deliberately hits the edges: equal starts,
/// transfers at the instant of discharge, readmissions exactly 30 days after, admissions exactly 365
/// days apart, overlapping stays, and stays across the summer-time changes of 2025 and 2026.
/// </summary>
public sealed class ScreeningPropertyTests
{
    private static readonly TimeZoneInfo Copenhagen = TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");

    [Property(MaxTest = 1_000, Arbitrary = [typeof(ScreeningArbitraries)])]
    public void Every_persons_figures_match_the_oracle(Population population)
    {
        var actual = ReadmissionScreening.ScreenPersons(population.SortedAdmissions).ToList();
        var expected = population.ByPerson.Select(Oracle.Screen).ToList();

        Assert.Equal(expected, actual);
    }

    [Property(MaxTest = 500, Arbitrary = [typeof(ScreeningArbitraries)])]
    public void The_ranked_lists_and_totals_match_the_oracle(Population population, PositiveInt top)
    {
        var n = (top.Get % 6) + 1;
        var report = ReadmissionScreening.Run(population.SortedAdmissions, n);
        var persons = population.ByPerson.Select(Oracle.Screen).ToList();

        Assert.Equal(Oracle.Rank(persons, p => p.RegionCode, n), Flatten(report.ByRegion));
        Assert.Equal(Oracle.Rank(persons, p => p.MunicipalityCode, n), Flatten(report.ByMunicipality));
        Assert.Equal(persons.Count, report.Summary.Persons);
        Assert.Equal(persons.Sum(p => p.Admissions), report.Summary.Admissions);
        Assert.Equal(persons.Count(p => p.MaxAdmissionsIn12Months >= 4), report.Summary.PersonsWithFourOrMoreIn12Months);
        Assert.Equal(persons.Sum(p => p.AcuteReadmissionsWithin30Days), report.Summary.AcuteReadmissionsWithin30Days);
        Assert.Equal(persons.Sum(p => p.ShortStays), report.Summary.ShortStays);
        Assert.Equal(persons.Sum(p => p.DischargesOutsideDaytime), report.Summary.DischargesOutsideDaytime);
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(ScreeningArbitraries)])]
    public void Screening_key_ranges_separately_and_merging_gives_the_same_report_as_one_pass(Population population, PositiveInt split, PositiveInt top)
    {
        var n = (top.Get % 4) + 1;
        var cut = split.Get % (population.ByPerson.Count + 1);
        var whole = ReadmissionScreening.Run(population.SortedAdmissions, n);
        var second = ReadmissionScreening.Accumulate(new Population(population.ByPerson.Skip(cut).ToList()).SortedAdmissions, n);
        var merged = ReadmissionScreening.Accumulate(new Population(population.ByPerson.Take(cut).ToList()).SortedAdmissions, n);
        merged.Merge(second);
        var report = merged.ToReport();

        Assert.Equal(Flatten(whole.ByRegion), Flatten(report.ByRegion));
        Assert.Equal(Flatten(whole.ByMunicipality), Flatten(report.ByMunicipality));
        Assert.Equivalent(whole.Summary, report.Summary);
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(ScreeningArbitraries)])]
    public void A_persons_figures_do_not_depend_on_the_order_of_their_admissions(Population population, int seed)
    {
        var random = new Random(seed);
        foreach (var person in population.ByPerson)
        {
            var shuffled = person.OrderBy(_ => random.Next()).ToList();
            Assert.Equal(ReadmissionScreening.ScreenPerson(person), ReadmissionScreening.ScreenPerson(shuffled));
        }
    }

    [Property(MaxTest = 2_000)]
    public void The_fast_Copenhagen_clock_agrees_with_TimeZoneInfo(int a, int b)
    {
        // Instants from 1960 to 2110, so both the table and its fallback are exercised; each
        // change instant and the seconds around it are checked too.
        var from = new DateTime(1960, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
        var span = new DateTime(2110, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks - from;
        var ticks = from + (long)((((ulong)(uint)a << 32) | (uint)b) % (ulong)span);
        var instant = new DateTimeOffset(ticks, TimeSpan.Zero);

        Assert.Equal(TimeZoneInfo.ConvertTime(instant, Copenhagen).DateTime, CopenhagenClock.ToLocal(instant));
    }

    [Fact]
    public void The_fast_Copenhagen_clock_agrees_with_TimeZoneInfo_around_every_summer_time_change()
    {
        for (var year = 1975; year <= 2100; year++)
        {
            foreach (var day in new[] { new DateTime(year, 3, 20, 0, 0, 0, DateTimeKind.Utc), new DateTime(year, 10, 20, 0, 0, 0, DateTimeKind.Utc) })
            {
                for (var t = day; t < day.AddDays(14); t = t.AddMinutes(30))
                {
                    foreach (var delta in new[] { -1L, 0L, 1L })
                    {
                        var instant = new DateTimeOffset(t.Ticks + delta, TimeSpan.Zero);
                        Assert.Equal(TimeZoneInfo.ConvertTime(instant, Copenhagen).DateTime, CopenhagenClock.ToLocal(instant));
                    }
                }
            }
        }
    }

    private static List<(string Area, int Rank, string Person)> Flatten(IReadOnlyDictionary<string, IReadOnlyList<RankedPerson>> lists) =>
        lists.SelectMany(l => l.Value.Select(r => (l.Key, r.Rank, r.Person.PersonKey))).ToList();

    /// <summary>The rules restated naively.</summary>
    private static class Oracle
    {
        public static PersonScreening Screen(IReadOnlyList<AdmissionEvent> all)
        {
            var maxInYear = all.Max(a => all.Count(b => b.Start >= a.Start.AddDays(-365) && b.Start <= a.Start));

            var readmissions = all.Count(a =>
            {
                var earlier = all.Where(b => b.Start < a.Start).ToList();
                if (!a.Acute || earlier.Count == 0)
                {
                    return false;
                }

                var discharge = earlier.Max(b => b.End);
                return discharge < a.Start && a.Start <= discharge.AddDays(30);
            });

            var shortStays = all.Count(a => (Local(a.End).Date - Local(a.Start).Date).TotalDays <= 3);

            var outside = all.Count(a =>
            {
                var local = Local(a.End);
                return local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || local.Hour < 8 || local.Hour >= 16;
            });

            var home = all
                .OrderByDescending(a => a.Start)
                .ThenByDescending(a => a.End)
                .ThenByDescending(a => a.MunicipalityCode, StringComparer.Ordinal)
                .ThenByDescending(a => a.RegionCode, StringComparer.Ordinal)
                .First();

            return new PersonScreening(all[0].PersonKey, home.MunicipalityCode, home.RegionCode, all.Count, maxInYear, readmissions, shortStays, outside);
        }

        public static List<(string Area, int Rank, string Person)> Rank(List<PersonScreening> persons, Func<PersonScreening, string> area, int top) =>
            persons
                .GroupBy(area)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .SelectMany(g => g
                    .OrderByDescending(p => p.MaxAdmissionsIn12Months)
                    .ThenByDescending(p => p.AcuteReadmissionsWithin30Days)
                    .ThenByDescending(p => p.Admissions)
                    .ThenBy(p => p.PersonKey, StringComparer.Ordinal)
                    .Take(top)
                    .Select((p, i) => (g.Key, i + 1, p.PersonKey)))
                .ToList();

        private static DateTime Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Copenhagen).DateTime;
    }
}

/// <summary>Random persons with admissions, grouped and sorted as the engine requires.</summary>
public sealed record Population(IReadOnlyList<IReadOnlyList<AdmissionEvent>> ByPerson)
{
    public IEnumerable<AdmissionEvent> SortedAdmissions => ByPerson.SelectMany(p => p.OrderBy(a => a.Start));

    public override string ToString() => string.Join(Environment.NewLine, ByPerson.SelectMany(p => p).Select(a =>
        FormattableString.Invariant($"{a.PersonKey} {a.MunicipalityCode}/{a.RegionCode} {a.Start:yyyy-MM-dd HH:mm}Z–{a.End:yyyy-MM-dd HH:mm}Z{(a.Acute ? " acute" : "")}")));
}

public static class ScreeningArbitraries
{
    // Just before the change to winter time in 2024: the generated stays cross four changes.
    private static readonly DateTimeOffset Origin = new(2024, 10, 20, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] Keys = ["A", "B", "P001", "P002", "P010", "Z", "a", "b", "p~1", "0"];

    public static Arbitrary<Population> Populations() => PopulationGen.ToArbitrary();

    private enum StartKind
    {
        AfterGap,
        SameStart,
        AtPreviousDischarge,
        ThirtyDaysAfterDischarge,
        JustOverThirtyDaysAfterDischarge,
        YearAfterPreviousStart,
        InsidePreviousStay,
    }

    private sealed record Step(StartKind Kind, int GapMinutes, int DurationMinutes, bool Acute, int Home);

    private static Gen<int> Duration => Gen.Frequency(
        (2, Gen.Constant(0)),
        (4, Gen.Choose(1, 6 * 60)),
        (6, Gen.Choose(0, 5 * 24 * 60)),
        (2, Gen.Elements(72 * 60, 96 * 60, 30 * 24 * 60)),
        (1, Gen.Choose(0, 90 * 24 * 60)));

    private static Gen<Step> Steps =>
        from kind in Gen.Frequency(
            (6, Gen.Constant(StartKind.AfterGap)),
            (1, Gen.Constant(StartKind.SameStart)),
            (1, Gen.Constant(StartKind.AtPreviousDischarge)),
            (1, Gen.Constant(StartKind.ThirtyDaysAfterDischarge)),
            (1, Gen.Constant(StartKind.JustOverThirtyDaysAfterDischarge)),
            (1, Gen.Constant(StartKind.YearAfterPreviousStart)),
            (1, Gen.Constant(StartKind.InsidePreviousStay)))
        from gap in Gen.Frequency((3, Gen.Choose(0, 40 * 24 * 60)), (1, Gen.Choose(0, 200 * 24 * 60)), (1, Gen.Choose(0, 3 * 60)))
        from duration in Duration
        from acute in Gen.Frequency((2, Gen.Constant(true)), (1, Gen.Constant(false)))
        from home in Gen.Frequency((6, Gen.Constant(0)), (1, Gen.Choose(1, 3)))
        select new Step(kind, gap, duration, acute, home);

    private static readonly (string Municipality, string Region)[] Homes = [("461", "1083"), ("101", "1084"), ("751", "1082"), ("461", "1084")];

    private static Gen<IReadOnlyList<AdmissionEvent>> Person(string key) =>
        from firstMinute in Gen.Choose(0, 120 * 24 * 60)
        from steps in Gen.NonEmptyListOf(Steps).Select(l => l.Take(14).ToList())
        select Build(key, firstMinute, steps);

    private static Gen<Population> PopulationGen =>
        from keys in Gen.SubListOf(Keys)
        from persons in Gen.CollectToSequence(keys.Order(StringComparer.Ordinal), Person)
        select new Population(persons.ToList());

    private static IReadOnlyList<AdmissionEvent> Build(string key, int firstMinute, List<Step> steps)
    {
        var admissions = new List<AdmissionEvent>();
        var previousStart = Origin.AddMinutes(firstMinute);
        var previousEnd = previousStart;
        var latestEnd = previousStart;
        foreach (var step in steps)
        {
            var start = admissions.Count == 0 ? previousStart : step.Kind switch
            {
                StartKind.SameStart => previousStart,
                StartKind.AtPreviousDischarge => previousEnd,
                StartKind.ThirtyDaysAfterDischarge => latestEnd.AddDays(30),
                StartKind.JustOverThirtyDaysAfterDischarge => latestEnd.AddDays(30).AddMinutes(1),
                StartKind.YearAfterPreviousStart => previousStart.AddDays(365),
                StartKind.InsidePreviousStay => previousStart.AddMinutes((previousEnd - previousStart).TotalMinutes / 2),
                _ => previousStart.AddMinutes(step.GapMinutes),
            };
            if (start < previousStart)
            {
                start = previousStart;
            }

            var end = start.AddMinutes(step.DurationMinutes);
            var (municipality, region) = Homes[step.Home];
            admissions.Add(new AdmissionEvent(key, municipality, region, start, end, step.Acute, "Afd"));
            previousStart = start;
            previousEnd = end;
            latestEnd = end > latestEnd ? end : latestEnd;
        }

        return admissions;
    }
}
