using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Samspil.Domain.Meetings;
using Samspil.Domain.Meetings.Scheduling;

namespace Samspil.Domain.Tests.Scheduling;

/// <summary>
/// The scheduler against a brute-force oracle written from the issue's text: small random cases (windows of up
/// to two days, many around the daylight-saving changes), every step-aligned start checked minute by minute
/// against every constraint with <see cref="TimeZoneInfo"/> conversions, then ranked naively. About a third of the
/// generated cases have valid slots; the rest exercise the blockers.
/// </summary>
public sealed class SchedulerPropertyTests
{
    private static readonly TimeZoneInfo Copenhagen = TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");
    private static readonly string[] Places = ["p0", "p1", "p2", "p3"];

    [Property(MaxTest = 3_000, Arbitrary = [typeof(SchedulingArbitraries)])]
    public bool Every_proposed_slot_meets_every_hard_constraint(Case scenario)
    {
        var result = MeetingScheduler.FindSlots(scenario.Request);
        var oracle = new Oracle(scenario.Request, scenario.Travel);
        return result.Slots.All(slot => oracle.Failures(slot.Start.UtcTicks).Count == 0 && slot.End - slot.Start == scenario.Request.Duration);
    }

    [Property(MaxTest = 5_000, Arbitrary = [typeof(SchedulingArbitraries)])]
    public bool The_scheduler_finds_exactly_the_oracles_valid_slots_in_the_oracles_order(Case scenario)
    {
        var request = scenario.Request;
        var result = MeetingScheduler.FindSlots(request);
        var oracle = new Oracle(request, scenario.Travel);
        var candidates = oracle.Candidates().ToList();
        var valid = candidates.Where(t => oracle.Failures(t).Count == 0)
            .Select(t => (Start: t, Score: oracle.Score(t)))
            .OrderByDescending(v => v.Score).ThenBy(v => v.Start)
            .ToList();

        if (result.CandidateCount != candidates.Count || result.ValidCount != valid.Count || result.Found != (valid.Count > 0))
        {
            return false;
        }

        var expected = valid.Take(request.MaxResults).ToList();
        return result.Slots.Count == expected.Count
            && result.Slots.Zip(expected).All(pair =>
                pair.First.Start.UtcTicks == pair.Second.Start
                && pair.First.Score == pair.Second.Score
                && pair.First.OptionalParticipantsPresent.SequenceEqual(oracle.OptionalPresent(pair.Second.Start))
                && pair.First.AvailableInterpreters.SequenceEqual(oracle.InterpretersFree(pair.Second.Start)));
    }

    [Property(MaxTest = 2_000, Arbitrary = [typeof(SchedulingArbitraries)])]
    public bool The_blockers_count_what_each_constraint_rules_out_and_rules_out_alone(Case scenario)
    {
        var result = MeetingScheduler.FindSlots(scenario.Request);
        var oracle = new Oracle(scenario.Request, scenario.Travel);
        var candidates = oracle.Candidates().ToList();
        var counts = new Dictionary<(BlockerKind, string?), (int RulesOut, int Alone)>();
        foreach (var failures in candidates.Select(oracle.Failures))
        {
            foreach (var failure in failures)
            {
                counts.TryGetValue(failure, out var c);
                counts[failure] = (c.RulesOut + 1, c.Alone + (failures.Count == 1 ? 1 : 0));
            }
        }

        var expected = counts.Select(kv => (kv.Key.Item1, kv.Key.Item2, kv.Value.RulesOut, kv.Value.Alone)).ToList();
        if (candidates.Count == 0)
        {
            expected.AddRange(oracle.GlobalFailures().Select(g => (g.Kind, g.Key, 0, 0)));
            expected.Add((BlockerKind.WindowTooShort, null, 0, 0));
        }

        var actual = result.Blockers.Select(b => (b.Kind, b.SubjectKey, b.RulesOut, b.RulesOutAlone)).ToList();
        return actual.Count == expected.Count && actual.ToHashSet().SetEquals(expected)
            && result.Blockers.Zip(result.Blockers.Skip(1)).All(p => p.First.RulesOut >= p.Second.RulesOut);
    }

    /// <summary>The rules applied naively, one minute at a time.</summary>
    private sealed class Oracle(SchedulingRequest request, TravelMatrix travel)
    {
        private readonly Dictionary<long, DateTime> _local = [];

        private string? Place => request.Format == MeetingFormat.InPerson ? request.PlaceKey : null;

        public IEnumerable<long> Candidates()
        {
            var step = request.Step.Ticks;
            // The generated windows start on whole minutes, so walking minute by minute meets every step-aligned start.
            for (var t = request.From.UtcTicks; t + request.Duration.Ticks <= request.To.UtcTicks; t += TimeSpan.TicksPerMinute)
            {
                if (t % step == 0)
                {
                    yield return t;
                }
            }
        }

        public IEnumerable<(BlockerKind Kind, string? Key)> GlobalFailures()
        {
            var preferences = request.Preferences;
            if (Place is { } place && preferences.PlacesToAvoid.Contains(place))
            {
                yield return (BlockerKind.PlaceAvoidedByCitizen, place);
            }

            var people = request.Participants.Count(p => p.Required) + (request.Interpreter is null ? 0 : 1);
            if (preferences.MaxPeople is { } max && people > max)
            {
                yield return (BlockerKind.TooManyPeople, null);
            }

            if (request.Interpreter is { } need && !need.Candidates.Any(i => Speaks(i, need.LanguageCode)))
            {
                yield return (BlockerKind.NoInterpreterForLanguage, need.LanguageCode);
            }
        }

        public List<(BlockerKind Kind, string? Key)> Failures(long start)
        {
            var failures = GlobalFailures().ToList();
            var end = start + request.Duration.Ticks;
            foreach (var participant in request.Participants.Where(p => p.Required))
            {
                if (!Free(participant.WorkingHours, participant.Busy, start, end))
                {
                    failures.Add((BlockerKind.ParticipantUnavailable, participant.Key));
                }
            }

            if (request.Interpreter is { } need && need.Candidates.Any(i => Speaks(i, need.LanguageCode))
                && !InterpretersFree(start).Any())
            {
                failures.Add((BlockerKind.InterpreterUnavailable, need.LanguageCode));
            }

            var allowed = request.Preferences.AllowedTimesOfDay;
            if (allowed.Count > 0 && !EveryMinute(start, end, local => allowed.Any(r => InRange(r, local))))
            {
                failures.Add((BlockerKind.OutsideCitizenTimesOfDay, null));
            }

            return failures;
        }

        public IEnumerable<string> InterpretersFree(long start) =>
            request.Interpreter is { } need
                ? need.Candidates.Where(i => Speaks(i, need.LanguageCode) && Free(i.WorkingHours, i.Busy, start, start + request.Duration.Ticks)).Select(i => i.Key)
                : [];

        public List<string> OptionalPresent(long start)
        {
            var free = request.Participants.Where(p => !p.Required && Free(p.WorkingHours, p.Busy, start, start + request.Duration.Ticks)).Select(p => p.Key).ToList();
            var room = request.Preferences.MaxPeople is { } max ? max - request.Participants.Count(p => p.Required) - (request.Interpreter is null ? 0 : 1) : int.MaxValue;
            return free.Take(room).ToList();
        }

        public int Score(long start)
        {
            var end = start + request.Duration.Ticks;
            var weights = request.Weights;
            var network = EveryMinute(start, end, local => request.NetworkSlots.Any(w => w.Day == local.DayOfWeek && InRange(w.Range, local)));
            var preferred = EveryMinute(start, end, local => request.Preferences.PreferredTimesOfDay.Any(r => InRange(r, local)));
            var daysLater = (int)((start - request.From.UtcTicks) / TimeSpan.TicksPerDay);
            return (network ? weights.NetworkSlot : 0) + (preferred ? weights.PreferredTimeOfDay : 0)
                + (OptionalPresent(start).Count * weights.PerOptionalParticipant) - (daysLater * weights.PerDayLater);
        }

        private static bool Speaks(SchedulingInterpreter interpreter, string language) =>
            interpreter.Languages.Any(l => string.Equals(l, language, StringComparison.OrdinalIgnoreCase));

        private static bool InRange(LocalTimeRange range, DateTime local)
        {
            var minute = (local.Hour * 60) + local.Minute;
            var from = (range.Start.Hour * 60) + range.Start.Minute;
            var to = range.End == TimeOnly.MinValue ? 24 * 60 : (range.End.Hour * 60) + range.End.Minute;
            return minute >= from && minute < to;
        }

        private bool Free(WeeklyHours hours, IReadOnlyList<BusyInterval> busy, long start, long end)
        {
            if (!hours.IsAlways && !EveryMinute(start, end, local => hours.Ranges.Any(w => w.Day == local.DayOfWeek && InRange(w.Range, local))))
            {
                return false;
            }

            foreach (var b in busy.Where(b => b.End > b.Start))
            {
                long busyStart = b.Start.UtcTicks, busyEnd = b.End.UtcTicks;
                if (start < busyEnd && end > busyStart)
                {
                    return false;
                }

                if (Place is { } here && b.PlaceKey is { } there
                    && !(busyEnd + Travel(there, here) <= start || end + Travel(here, there) <= busyStart))
                {
                    return false;
                }
            }

            return true;
        }

        private long Travel(string from, string to)
        {
            if (from == to)
            {
                return 0;
            }

            // Read from the generated matrix, not through TravelTimes.Between.
            var entry = travel.Entries.FirstOrDefault(e => e.FromPlace == from && e.ToPlace == to);
            var reverse = travel.Entries.FirstOrDefault(e => e.FromPlace == to && e.ToPlace == from);
            return (entry.FromPlace is not null ? entry.Duration : reverse.FromPlace is not null ? reverse.Duration : travel.Default).Ticks;
        }

        private bool EveryMinute(long start, long end, Func<DateTime, bool> holds)
        {
            for (var t = start; t < end; t += TimeSpan.TicksPerMinute)
            {
                if (!_local.TryGetValue(t, out var local))
                {
                    local = TimeZoneInfo.ConvertTimeFromUtc(new DateTime(t, DateTimeKind.Utc), Copenhagen);
                    _local[t] = local;
                }

                if (!holds(local))
                {
                    return false;
                }
            }

            return true;
        }
    }

    public sealed record TravelMatrix(IReadOnlyList<TravelTime> Entries, TimeSpan Default);

    public sealed record Case(SchedulingRequest Request, TravelMatrix Travel, string Description)
    {
        public override string ToString() => Description;
    }

    public static class SchedulingArbitraries
    {
        private static readonly DateTimeOffset[] Bases =
        [
            new(2026, 3, 28, 12, 0, 0, TimeSpan.Zero), // spring change on Sunday 29 March
            new(2026, 10, 24, 12, 0, 0, TimeSpan.Zero), // autumn change on Sunday 25 October
            new(2026, 11, 22, 18, 0, 0, TimeSpan.Zero),
            new(2026, 6, 16, 4, 0, 0, TimeSpan.Zero),
        ];

        public static Arbitrary<Case> Cases() => CaseGen.ToArbitrary();

        private static Gen<TimeOnly> QuarterHour => Gen.Choose(0, 95).Select(q => new TimeOnly(q / 4, q % 4 * 15));

        private static Gen<LocalTimeRange> TimeRange =>
            from start in Gen.Choose(0, 94)
            from length in Gen.Choose(1, 48)
            let end = Math.Min(96, start + length)
            select new LocalTimeRange(new TimeOnly(start / 4, start % 4 * 15), end == 96 ? TimeOnly.MinValue : new TimeOnly(end / 4, end % 4 * 15));

        private static Gen<WeeklyTimeRange> WeeklyRange =>
            from day in Gen.Elements(Enum.GetValues<DayOfWeek>())
            from range in TimeRange
            select new WeeklyTimeRange(day, range);

        private static Gen<WeeklyHours> Hours => Gen.Frequency(
            (3, Gen.Constant(WeeklyHours.Always)),
            (1, Gen.Constant(WeeklyHours.Never)),
            (4, from n in Gen.Choose(1, 10) from ranges in Gen.ArrayOf(WeeklyRange, n) select WeeklyHours.Of(ranges)),
            (6, from days in Gen.Frequency((2, Gen.Constant(Enum.GetValues<DayOfWeek>().ToList())), (1, Gen.SubListOf(Enum.GetValues<DayOfWeek>())))
                from start in Gen.Choose(0, 60)
                from length in Gen.Choose(16, 96)
                let end = Math.Min(96, start + length)
                select WeeklyHours.Of(days.Select(d => new WeeklyTimeRange(d, new LocalTimeRange(
                    new TimeOnly(start / 4, start % 4 * 15), end == 96 ? TimeOnly.MinValue : new TimeOnly(end / 4, end % 4 * 15)))))));

        private static Gen<string?> MaybePlace => Gen.Frequency((1, Gen.Constant<string?>(null)), (3, Gen.Elements(Places).Select(p => (string?)p)));

        private static Gen<BusyInterval[]> Busy(DateTimeOffset origin, int windowMinutes) =>
            from n in Gen.Choose(0, 4)
            from intervals in Gen.ArrayOf(
                from start in Gen.Choose(-180, windowMinutes + 60)
                from length in Gen.Choose(5, 180)
                from place in MaybePlace
                select new BusyInterval(origin.AddMinutes(start), origin.AddMinutes(start + length), place),
                n)
            select intervals;

        private static Gen<SchedulingParticipant> Participant(int index, DateTimeOffset origin, int windowMinutes) =>
            from required in Gen.Frequency((3, Gen.Constant(true)), (1, Gen.Constant(false)))
            from hours in Hours
            from busy in Busy(origin, windowMinutes)
            select new SchedulingParticipant
            {
                Key = "person" + index.ToString(System.Globalization.CultureInfo.InvariantCulture),
                DisplayName = "Person",
                Required = required,
                IsCitizen = index == 0,
                WorkingHours = hours,
                Busy = busy,
            };

        private static Gen<SchedulingInterpreter> Interpreter(int index, DateTimeOffset origin, int windowMinutes) =>
            from languages in Gen.SubListOf("ar", "AR", "fa")
            from hours in Hours
            from busy in Busy(origin, windowMinutes)
            select new SchedulingInterpreter
            {
                Key = "tolk" + index.ToString(System.Globalization.CultureInfo.InvariantCulture),
                DisplayName = "Tolk",
                Languages = languages.ToArray(),
                WorkingHours = hours,
                Busy = busy,
            };

        private static Gen<TravelMatrix> Travel =>
            from pairs in Gen.SubListOf(Places.SelectMany(a => Places.Where(b => a != b).Select(b => (a, b))).ToArray())
            from minutes in Gen.ArrayOf(Gen.Choose(0, 120), pairs.Count)
            from fallback in Gen.Choose(0, 60)
            select new TravelMatrix(pairs.Select((p, i) => new TravelTime(p.a, p.b, TimeSpan.FromMinutes(minutes[i]))).ToArray(), TimeSpan.FromMinutes(fallback));

        private static Gen<CitizenPreferences> Preferences =>
            from allowed in Gen.Frequency((2, Gen.Constant(Array.Empty<LocalTimeRange>())), (1, from n in Gen.Choose(1, 3) from r in Gen.ArrayOf(TimeRange, n) select r))
            from preferred in Gen.Frequency((1, Gen.Constant(Array.Empty<LocalTimeRange>())), (1, from n in Gen.Choose(1, 2) from r in Gen.ArrayOf(TimeRange, n) select r))
            from max in Gen.Frequency((2, Gen.Constant<int?>(null)), (1, Gen.Choose(1, 6).Select(m => (int?)m)))
            from avoid in Gen.Frequency((3, Gen.Constant(new List<string>())), (1, Gen.SubListOf(Places)))
            select new CitizenPreferences { AllowedTimesOfDay = allowed, PreferredTimesOfDay = preferred, MaxPeople = max, PlacesToAvoid = avoid.ToArray() };

        private static Gen<RankingWeights> Weights => Gen.Frequency(
            (1, Gen.Constant(RankingWeights.Default)),
            (1, from a in Gen.Choose(0, 8) from b in Gen.Choose(0, 8) from c in Gen.Choose(0, 4) from d in Gen.Choose(0, 3)
                select new RankingWeights { NetworkSlot = a, PreferredTimeOfDay = b, PerOptionalParticipant = c, PerDayLater = d }));

        private static Gen<Case> CaseGen =>
            from baseTime in Gen.Elements(Bases)
            from offset in Gen.Choose(0, 24 * 12)
            from length in Gen.Choose(1, 48 * 12)
            where length >= 24 || length % 3 == 0
            let origin = baseTime.AddMinutes(offset * 5)
            let windowMinutes = length * 5
            from step in Gen.Elements(10, 15, 20, 30, 60)
            from duration in Gen.Elements(10, 15, 30, 45, 60, 90, 120, 180)
            from format in Gen.Elements(MeetingFormat.InPerson, MeetingFormat.Video, MeetingFormat.Phone)
            from place in Gen.Elements(Places)
            from count in Gen.Choose(1, 4)
            from participants in Gen.CollectToSequence(Enumerable.Range(0, count), i => Participant(i, origin, windowMinutes))
            from needsInterpreter in Gen.Frequency((3, Gen.Constant(false)), (2, Gen.Constant(true)))
            from interpreterCount in Gen.Choose(0, 3)
            from interpreters in Gen.CollectToSequence(Enumerable.Range(0, interpreterCount), i => Interpreter(i, origin, windowMinutes))
            from language in Gen.Elements("ar", "Ar")
            from preferences in Preferences
            from slotCount in Gen.Choose(0, 2)
            from networkSlots in Gen.ArrayOf(WeeklyRange, slotCount)
            from travel in Travel
            from weights in Weights
            from maxResults in Gen.Frequency((1, Gen.Choose(1, 6)), (1, Gen.Constant(100_000)))
            let request = new SchedulingRequest
            {
                From = origin,
                To = origin.AddMinutes(windowMinutes),
                Duration = TimeSpan.FromMinutes(duration),
                Step = TimeSpan.FromMinutes(step),
                Format = format,
                PlaceKey = format == MeetingFormat.InPerson ? place : null,
                Participants = participants.ToArray(),
                Preferences = preferences,
                Interpreter = needsInterpreter ? new InterpreterNeed(language, interpreters.ToArray()) : null,
                NetworkSlots = networkSlots,
                TravelTimes = new TravelTimes(travel.Entries, travel.Default),
                Weights = weights,
                MaxResults = maxResults,
            }
            select new Case(request, travel, Describe(request));

        private static string Describe(SchedulingRequest r) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{r.From:O}..{r.To:O} dur={r.Duration} step={r.Step} {r.Format}@{r.PlaceKey} max={r.MaxResults} people={r.Participants.Count} "
            + $"interp={r.Interpreter?.Candidates.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} allowed={r.Preferences.AllowedTimesOfDay.Count} maxPeople={r.Preferences.MaxPeople} slots={r.NetworkSlots.Count}");
    }
}
