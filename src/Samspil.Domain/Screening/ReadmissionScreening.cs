namespace Samspil.Domain.Screening;

/// <summary>
/// Readmission screening (issue 7): per person, the figures the VIVE report uses to find the target
/// group, computed in one streaming pass over admissions sorted by person key and admission start.
/// </summary>
/// <remarks>
/// <para><b>Definitions.</b> All durations are elapsed time between UTC instants (24-hour days), so
/// summer time never stretches or shrinks them; the two rules about the calendar and the clock use
/// Danish local time (Europe/Copenhagen), converted from the instant, so the repeated October hour is
/// never ambiguous.</para>
/// <list type="number">
/// <item><description><b>Admissions in a rolling 12 months</b> (<see cref="PersonScreening.MaxAdmissionsIn12Months"/>):
/// for each admission A, the number of the person's admissions whose start lies in the closed interval
/// [A.Start − 365 days, A.Start] (A itself and admissions starting at the very same instant included);
/// the figure is the largest such number. Equivalently: the most admission starts that fit in one
/// closed interval of 365 × 24 hours. The flag <see cref="PersonScreening.FourOrMoreAdmissionsIn12Months"/>
/// is set when it is at least <see cref="FrequentAdmissionThreshold"/>.</description></item>
/// <item><description><b>Acute readmission within 30 days</b> (<see cref="PersonScreening.AcuteReadmissionsWithin30Days"/>):
/// an acute admission A counts when the person was out of hospital just before it and had been
/// discharged at most 30 days earlier. Precisely: let D be the latest discharge (End) among the
/// person's admissions that started strictly before A.Start; A counts when D exists and
/// D &lt; A.Start ≤ D + 30 days. Consequences: an admission that starts while an earlier stay is still
/// running (overlapping stays) or exactly at an earlier stay's discharge (a transfer, D = A.Start) is a
/// continuation, not a readmission; overlapping stays count as one continuous stay ending at the
/// latest of their discharges; admissions with the same start are not "before" each other, so
/// neither's discharge makes the other a readmission; each admission counts at most once.</description></item>
/// <item><description><b>Short stay</b> (<see cref="PersonScreening.ShortStays"/>): a stay whose discharge falls on
/// the same Danish calendar day as its admission or at most <see cref="ShortStayMaxDays"/> calendar
/// days later (the number of local midnights passed is 0–3, the way Danish hospital statistics count
/// bed days). Counting dates rather than hours is what makes summer time harmless.</description></item>
/// <item><description><b>Discharge outside daytime</b> (<see cref="PersonScreening.DischargesOutsideDaytime"/>):
/// a discharge whose Danish local time is on a Saturday or Sunday, or before 08:00 or at or after
/// 16:00 on a weekday. Daytime is the half-open interval [08:00, 16:00): 08:00 is daytime, 16:00 is
/// not. Public holidays are not considered.</description></item>
/// </list>
/// <para><b>Residence.</b> A person's municipality and region are those of their most recent
/// admission: the one with the latest start; among equal starts the latest discharge; then the
/// greatest municipality code, then the greatest region code (ordinal).</para>
/// <para><b>Input contract.</b> Admissions arrive grouped by person in ascending ordinal order of
/// the person key (PostgreSQL: <c>ORDER BY person_key COLLATE "C"</c>) and, within a person, in
/// ascending order of start (equal starts in any order). Only one person's admissions are held in
/// memory at a time. A violation of the order throws <see cref="InvalidOperationException"/>.</para>
/// </remarks>
public static class ReadmissionScreening
{
    /// <summary>The length of the rolling window: 365 days of 24 hours.</summary>
    public static readonly TimeSpan RollingWindow = TimeSpan.FromDays(365);

    /// <summary>Admissions in a rolling window that put a person in the target group.</summary>
    public const int FrequentAdmissionThreshold = 4;

    /// <summary>How soon after a discharge an acute admission is a readmission: 30 days of 24 hours.</summary>
    public static readonly TimeSpan ReadmissionWindow = TimeSpan.FromDays(30);

    /// <summary>The most Danish calendar days between admission and discharge for a short stay.</summary>
    public const int ShortStayMaxDays = 3;

    /// <summary>Daytime discharges are at or after this local time on a weekday…</summary>
    public static readonly TimeOnly DaytimeStart = new(8, 0);

    /// <summary>…and before this one.</summary>
    public static readonly TimeOnly DaytimeEnd = new(16, 0);

    private static readonly long RollingWindowTicks = RollingWindow.Ticks;
    private static readonly long ReadmissionWindowTicks = ReadmissionWindow.Ticks;
    private static readonly long DaytimeStartTicks = DaytimeStart.Ticks;
    private static readonly long DaytimeEndTicks = DaytimeEnd.Ticks;

    /// <summary>
    /// Screens admissions sorted by person key (ordinal) and start, yielding one result per person in
    /// the same order. Holds one person's admissions at a time.
    /// </summary>
    /// <exception cref="InvalidOperationException">The input is not in the required order (thrown while enumerating).</exception>
    public static IEnumerable<PersonScreening> ScreenPersons(IEnumerable<AdmissionEvent> sortedAdmissions)
    {
        ArgumentNullException.ThrowIfNull(sortedAdmissions);
        return Iterate(sortedAdmissions);

        static IEnumerable<PersonScreening> Iterate(IEnumerable<AdmissionEvent> admissions)
        {
            var person = new List<AdmissionEvent>();
            foreach (var admission in admissions)
            {
                if (person.Count > 0)
                {
                    var previous = person[^1];
                    var order = string.CompareOrdinal(admission.PersonKey, previous.PersonKey);
                    if (order < 0)
                    {
                        throw new InvalidOperationException("Admissions must be sorted by person key (ordinal); a smaller key followed a larger one.");
                    }

                    if (order > 0)
                    {
                        yield return ScreenSorted(person);
                        person.Clear();
                    }
                    else if (admission.Start < previous.Start)
                    {
                        throw new InvalidOperationException("Each person's admissions must be sorted by start.");
                    }
                }

                person.Add(admission);
            }

            if (person.Count > 0)
            {
                yield return ScreenSorted(person);
            }
        }
    }

    /// <summary>Screens one person's admissions, in any order.</summary>
    /// <exception cref="ArgumentException">The admissions are empty or belong to more than one person.</exception>
    public static PersonScreening ScreenPerson(IEnumerable<AdmissionEvent> admissions)
    {
        var sorted = admissions.OrderBy(a => a.Start).ToList();
        if (sorted.Count == 0)
        {
            throw new ArgumentException("A person has at least one admission.", nameof(admissions));
        }

        if (sorted.Any(a => !string.Equals(a.PersonKey, sorted[0].PersonKey, StringComparison.Ordinal)))
        {
            throw new ArgumentException("All admissions must belong to the same person.", nameof(admissions));
        }

        return ScreenSorted(sorted);
    }

    /// <summary>Screens every person and ranks them, in one pass.</summary>
    public static ScreeningReport Run(IEnumerable<AdmissionEvent> sortedAdmissions, int top = ScreeningRanking.DefaultTop) =>
        Accumulate(sortedAdmissions, top).ToReport();

    /// <summary>
    /// Screens every person into an accumulator, which can be merged with others over disjoint
    /// persons (e.g. key ranges read and screened in parallel) before making the report.
    /// </summary>
    public static ScreeningAccumulator Accumulate(IEnumerable<AdmissionEvent> sortedAdmissions, int top = ScreeningRanking.DefaultTop)
    {
        var accumulator = new ScreeningAccumulator(top);
        foreach (var person in ScreenPersons(sortedAdmissions))
        {
            accumulator.Add(person);
        }

        return accumulator;
    }

    /// <summary>One person, admissions sorted by start.</summary>
    private static PersonScreening ScreenSorted(List<AdmissionEvent> admissions)
    {
        var maxInWindow = 0;
        var windowFirst = 0;
        var readmissions = 0;
        var shortStays = 0;
        var outsideDaytime = 0;

        // The latest discharge among admissions that started strictly before the current start group.
        var latestEarlierDischarge = long.MinValue;
        var latestInGroup = long.MinValue;
        var groupStart = long.MinValue;
        var residence = admissions[0];

        for (var i = 0; i < admissions.Count; i++)
        {
            var admission = admissions[i];
            var start = admission.Start.UtcTicks;
            var end = admission.End.UtcTicks;

            // Rolling window: starts are sorted, so the window ending at this start is a suffix.
            while (admissions[windowFirst].Start.UtcTicks < start - RollingWindowTicks)
            {
                windowFirst++;
            }

            maxInWindow = Math.Max(maxInWindow, i - windowFirst + 1);

            // Readmission: discharges of the earlier start groups only.
            if (start != groupStart)
            {
                latestEarlierDischarge = Math.Max(latestEarlierDischarge, latestInGroup);
                latestInGroup = long.MinValue;
                groupStart = start;
            }

            if (admission.Acute && latestEarlierDischarge != long.MinValue
                && latestEarlierDischarge < start && start - latestEarlierDischarge <= ReadmissionWindowTicks)
            {
                readmissions++;
            }

            latestInGroup = Math.Max(latestInGroup, end);

            var localStart = CopenhagenClock.LocalTicks(start);
            var localEnd = CopenhagenClock.LocalTicks(end);
            if ((localEnd / TimeSpan.TicksPerDay) - (localStart / TimeSpan.TicksPerDay) <= ShortStayMaxDays)
            {
                shortStays++;
            }

            if (IsOutsideDaytime(localEnd))
            {
                outsideDaytime++;
            }

            if (i > 0 && IsMoreRecentResidence(admission, residence))
            {
                residence = admission;
            }
        }

        return new PersonScreening(
            residence.PersonKey,
            residence.MunicipalityCode,
            residence.RegionCode,
            admissions.Count,
            maxInWindow,
            readmissions,
            shortStays,
            outsideDaytime);
    }

    private static bool IsOutsideDaytime(long localTicks)
    {
        // 1 January 0001 was a Monday; day 5 and 6 of each week are Saturday and Sunday.
        var dayNumber = localTicks / TimeSpan.TicksPerDay;
        if (dayNumber % 7 >= 5)
        {
            return true;
        }

        var timeOfDay = localTicks % TimeSpan.TicksPerDay;
        return timeOfDay < DaytimeStartTicks || timeOfDay >= DaytimeEndTicks;
    }

    private static bool IsMoreRecentResidence(AdmissionEvent candidate, AdmissionEvent current)
    {
        var order = candidate.Start.UtcTicks.CompareTo(current.Start.UtcTicks);
        if (order == 0)
        {
            order = candidate.End.UtcTicks.CompareTo(current.End.UtcTicks);
        }

        if (order == 0)
        {
            order = string.CompareOrdinal(candidate.MunicipalityCode, current.MunicipalityCode);
        }

        if (order == 0)
        {
            order = string.CompareOrdinal(candidate.RegionCode, current.RegionCode);
        }

        return order > 0;
    }
}
