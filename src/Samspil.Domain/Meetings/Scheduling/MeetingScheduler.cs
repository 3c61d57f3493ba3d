using Samspil.Domain.Common;

namespace Samspil.Domain.Meetings.Scheduling;

/// <summary>
/// Finds times for a meeting across many calendars (issue 5, R24). Pure and deterministic.
/// </summary>
/// <remarks>
/// <para>
/// Candidates are the step-aligned starts in the window (see <see cref="SchedulingRequest.Step"/>). A candidate is
/// valid when every hard constraint holds for the whole meeting [start, start + duration):
/// every required participant is within working hours and not busy, where for an in-person meeting at P a busy
/// interval at another place Q also needs the travel time Q→P after it and P→Q before it; at least one interpreter
/// for the language is, in the same sense, available; the meeting lies within the citizen's allowed times of day;
/// the place is not one the citizen avoids; the required participants plus the interpreter do not exceed the
/// citizen's maximum number of people.
/// </para>
/// <para>
/// Every valid candidate is scored (<see cref="RankingWeights"/>: earliness as the base, plus the network slot, the
/// preferred times of day and the optional participants present), and the best <see cref="SchedulingRequest.MaxResults"/>
/// are returned by score, then start. With the default weights the first result is the earliest valid start unless a
/// slot a few days later is better by the soft criteria.
/// </para>
/// <para>
/// How: each person's availability is computed once as sorted UTC intervals (working hours minus busy time widened by
/// travel), then turned into the set of starts that fit the duration; the candidate grid is swept once with a cursor
/// per constraint. Cost is O(events · log events + candidates · constraints), independent of how the two interleave.
/// </para>
/// </remarks>
public static class MeetingScheduler
{
    /// <summary>The most candidate starts one request may ask for (e.g. a year at 5-minute steps); beyond it the request is refused.</summary>
    public const int MaxCandidates = 150_000;

    /// <summary>Finds and ranks slots, or explains what blocks them. Throws <see cref="DomainException"/> on an invalid request.</summary>
    public static SchedulingResult FindSlots(SchedulingRequest request)
    {
        Validate(request);
        long from = request.From.UtcTicks, to = request.To.UtcTicks;
        long duration = request.Duration.Ticks, step = request.Step.Ticks;
        var firstStart = from % step == 0 ? from : from - (from % step) + step;
        var candidateCount = firstStart + duration > to ? 0 : (int)(((to - duration - firstStart) / step) + 1);
        var clock = new CopenhagenPeriods(from, to);
        var place = request.Format == MeetingFormat.InPerson ? request.PlaceKey : null;
        var preferences = request.Preferences;

        // Constraints that rule out every candidate, whatever the calendars say.
        var global = new List<SchedulingBlocker>();
        if (candidateCount == 0)
        {
            global.Add(new SchedulingBlocker(BlockerKind.WindowTooShort, null, null, 0, 0));
        }

        if (place is not null && PlaceNames.FirstAvoided(place, preferences.PlacesToAvoid) is not null)
        {
            global.Add(new SchedulingBlocker(BlockerKind.PlaceAvoidedByCitizen, place, null, candidateCount, 0));
        }

        var required = request.Participants.Where(p => p.Required).ToList();
        var optional = request.Participants.Where(p => !p.Required).ToList();
        var roomForOptional = int.MaxValue;
        if (preferences.MaxPeople is { } maxPeople)
        {
            roomForOptional = maxPeople - required.Count - (request.Interpreter is null ? 0 : 1);
            if (roomForOptional < 0)
            {
                global.Add(new SchedulingBlocker(BlockerKind.TooManyPeople, null, null, candidateCount, 0));
            }
        }

        var speakers = request.Interpreter is { } need
            ? need.Candidates.Where(i => i.Languages.Contains(need.LanguageCode, StringComparer.OrdinalIgnoreCase)).ToList()
            : [];
        if (request.Interpreter is not null && speakers.Count == 0)
        {
            global.Add(new SchedulingBlocker(BlockerKind.NoInterpreterForLanguage, request.Interpreter.LanguageCode, null, candidateCount, 0));
        }

        // Constraints that vary with time: each as the set of valid starts.
        var window = new List<TickInterval> { new(from, to) };
        var hard = new List<(BlockerKind Kind, string? Key, string? Name, List<TickInterval> Starts)>();
        foreach (var participant in required)
        {
            hard.Add((BlockerKind.ParticipantUnavailable, participant.Key, participant.DisplayName,
                StartsWhenFree(participant.WorkingHours, participant.Busy, window, clock, place, request.TravelTimes, duration)));
        }

        List<List<TickInterval>> interpreterStarts = [];
        if (request.Interpreter is not null && speakers.Count > 0)
        {
            interpreterStarts = speakers.Select(i => StartsWhenFree(i.WorkingHours, i.Busy, window, clock, place, request.TravelTimes, duration)).ToList();
            var any = TickIntervals.Normalise(interpreterStarts.SelectMany(s => s).ToList());
            hard.Add((BlockerKind.InterpreterUnavailable, request.Interpreter.LanguageCode, null, any));
        }

        if (preferences.AllowedTimesOfDay.Count > 0)
        {
            hard.Add((BlockerKind.OutsideCitizenTimesOfDay, null, null, TickIntervals.StartsFitting(clock.ToUtc(preferences.AllowedTimesOfDay), duration)));
        }

        var optionalStarts = optional.Select(p => StartsWhenFree(p.WorkingHours, p.Busy, window, clock, place, request.TravelTimes, duration)).ToList();
        var networkStarts = TickIntervals.StartsFitting(clock.ToUtc(request.NetworkSlots), duration);
        var preferredStarts = TickIntervals.StartsFitting(clock.ToUtc(preferences.PreferredTimesOfDay), duration);

        // One sweep over the candidate grid.
        var weights = request.Weights;
        var hardCursors = hard.Select(h => new IntervalCursor(h.Starts)).ToArray();
        var optionalCursors = optionalStarts.Select(s => new IntervalCursor(s)).ToArray();
        var networkCursor = new IntervalCursor(networkStarts);
        var preferredCursor = new IntervalCursor(preferredStarts);
        var rulesOut = new int[hard.Count];
        var rulesOutAlone = new int[hard.Count];
        var valid = new List<(long Start, int Score, int Optional, bool Network, bool Preferred)>();
        var freeOfTimeFailures = 0;
        for (var index = 0; index < candidateCount; index++)
        {
            var start = firstStart + (index * step);
            var failures = global.Count;
            var lastFailure = -1;
            for (var c = 0; c < hardCursors.Length; c++)
            {
                if (!hardCursors[c].Contains(start))
                {
                    rulesOut[c]++;
                    failures++;
                    lastFailure = c;
                }
            }

            if (failures == 1 && lastFailure >= 0)
            {
                rulesOutAlone[lastFailure]++;
            }

            if (lastFailure < 0)
            {
                freeOfTimeFailures++;
            }

            if (failures > 0)
            {
                continue;
            }

            var present = 0;
            for (var o = 0; o < optionalCursors.Length; o++)
            {
                if (optionalCursors[o].Contains(start))
                {
                    present++;
                }
            }

            present = Math.Min(present, roomForOptional);
            var network = networkCursor.Contains(start);
            var preferred = preferredCursor.Contains(start);
            var score = (network ? weights.NetworkSlot : 0) + (preferred ? weights.PreferredTimeOfDay : 0)
                + (present * weights.PerOptionalParticipant) - (int)((start - from) / TimeSpan.TicksPerDay * weights.PerDayLater);
            valid.Add((start, score, present, network, preferred));
        }

        if (global.Count == 1 && candidateCount > 0)
        {
            global[0] = global[0] with { RulesOutAlone = freeOfTimeFailures };
        }

        valid.Sort(static (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Start.CompareTo(b.Start));
        var slots = valid.Take(request.MaxResults).Select(v => ToSlot(v.Start, v.Score, v.Network, v.Preferred)).ToList();

        var blockers = global
            .Concat(hard.Select((h, c) => new SchedulingBlocker(h.Kind, h.Key, h.Name, rulesOut[c], rulesOutAlone[c])).Where(b => b.RulesOut > 0))
            .OrderByDescending(b => b.RulesOut).ThenBy(b => b.Kind).ThenBy(b => b.SubjectKey, StringComparer.Ordinal)
            .ToList();
        return new SchedulingResult { Slots = slots, CandidateCount = candidateCount, ValidCount = valid.Count, Blockers = blockers };

        ProposedSlot ToSlot(long start, int score, bool network, bool preferred)
        {
            var present = new List<string>();
            var absent = new List<string>();
            for (var o = 0; o < optional.Count; o++)
            {
                (present.Count < roomForOptional && TickIntervals.Contains(optionalStarts[o], start) ? present : absent).Add(optional[o].Key);
            }

            var interpreters = new List<string>();
            for (var i = 0; i < interpreterStarts.Count; i++)
            {
                if (TickIntervals.Contains(interpreterStarts[i], start))
                {
                    interpreters.Add(speakers[i].Key);
                }
            }

            var utc = new DateTimeOffset(start, TimeSpan.Zero);
            return new ProposedSlot
            {
                Start = utc,
                End = utc.AddTicks(duration),
                LocalStart = CopenhagenPeriods.ToLocal(utc),
                Score = score,
                InNetworkSlot = network,
                InPreferredTimeOfDay = preferred,
                OptionalParticipantsPresent = present,
                OptionalParticipantsAbsent = absent,
                AvailableInterpreters = interpreters,
            };
        }
    }

    /// <summary>The starts at which a person is within working hours and free (travel included) for the whole meeting.</summary>
    private static List<TickInterval> StartsWhenFree(
        WeeklyHours hours, IReadOnlyList<BusyInterval> busy, List<TickInterval> window, CopenhagenPeriods clock, string? place, TravelTimes travel, long duration)
    {
        var available = hours.IsAlways ? window : clock.ToUtc(hours.Ranges);
        var blocked = new List<TickInterval>(busy.Count);
        foreach (var interval in busy)
        {
            long start = interval.Start.UtcTicks, end = interval.End.UtcTicks;
            if (end == start)
            {
                continue;
            }

            if (place is not null && interval.PlaceKey is { } elsewhere)
            {
                start -= travel.Between(place, elsewhere).Ticks;
                end += travel.Between(elsewhere, place).Ticks;
            }

            blocked.Add(new TickInterval(start, end));
        }

        return TickIntervals.StartsFitting(TickIntervals.Subtract(available, TickIntervals.Normalise(blocked)), duration);
    }

    private static void Validate(SchedulingRequest request)
    {
        if (request.To <= request.From)
        {
            throw new DomainException("Scheduling.WindowInvalid", nameof(request.To));
        }

        if (request.Duration <= TimeSpan.Zero)
        {
            throw new DomainException("Scheduling.DurationInvalid", nameof(request.Duration));
        }

        if (request.Step <= TimeSpan.Zero)
        {
            throw new DomainException("Scheduling.StepInvalid", nameof(request.Step));
        }

        if ((request.To - request.From).Ticks / request.Step.Ticks > MaxCandidates)
        {
            throw new DomainException("Scheduling.WindowTooLarge", nameof(request.To));
        }

        if (request.MaxResults < 1)
        {
            throw new DomainException("Scheduling.MaxResultsInvalid", nameof(request.MaxResults));
        }

        if (request.Format == MeetingFormat.InPerson && string.IsNullOrWhiteSpace(request.PlaceKey))
        {
            throw new DomainException("Scheduling.PlaceRequired", nameof(request.PlaceKey));
        }

        if (request.Preferences.MaxPeople is < 1)
        {
            throw new DomainException("Scheduling.MaxPeopleInvalid", nameof(request.Preferences.MaxPeople));
        }

        if (request.Participants.Select(p => p.Key).Distinct(StringComparer.Ordinal).Count() != request.Participants.Count)
        {
            throw new DomainException("Scheduling.ParticipantKeysNotUnique", nameof(request.Participants));
        }

        if (request.Participants.Count(p => p.IsCitizen) > 1)
        {
            throw new DomainException("Scheduling.MoreThanOneCitizen", nameof(request.Participants));
        }

        if (request.Interpreter is { } need
            && need.Candidates.Select(i => i.Key).Distinct(StringComparer.Ordinal).Count() != need.Candidates.Count)
        {
            throw new DomainException("Scheduling.InterpreterKeysNotUnique", nameof(request.Interpreter));
        }
    }
}
