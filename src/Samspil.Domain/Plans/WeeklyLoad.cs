using System.Globalization;

namespace Samspil.Domain.Plans;

/// <summary>One action's share of the citizen's week: its sector (or the citizen's own), hours a week, period, status and resume date.</summary>
public sealed record LoadItem(string Sector, decimal HoursPerWeek, DateOnly? From, DateOnly? To, ActionStatus Status, DateOnly? ResumeOn);

/// <summary>The load in one ISO week (Monday <see cref="WeekStart"/>): hours per sector and in all.</summary>
public sealed record WeekLoad(DateOnly WeekStart, int IsoWeek, IReadOnlyDictionary<string, decimal> BySector, decimal Total);

/// <summary>
/// The citizen's total load per week across sectors (issue 17, Louise in 003: 20 hours of support at home, a job-centre
/// activity and treatment in the same week). An action adds its full hours a week to every ISO week (Monday–Sunday) in
/// which at least one day lies in its period; done and cancelled actions add nothing; a paused action adds nothing
/// before the week it resumes in. The weeks are counted in full, not pro rata: a plan is read week by week.
/// </summary>
public static class WeeklyLoad
{
    /// <summary>Weeks a plan page shows: this one and the next seven.</summary>
    public const int DefaultWeeks = 8;

    public static DateOnly WeekStartOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>The load in <paramref name="weeks"/> weeks from the week of <paramref name="from"/>; only sectors with hours appear.</summary>
    public static IReadOnlyList<WeekLoad> Compute(IEnumerable<LoadItem> items, DateOnly from, int weeks = DefaultWeeks)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(weeks);
        var list = items.Where(i => i.HoursPerWeek > 0 && i.Status is not (ActionStatus.Done or ActionStatus.Cancelled)).ToList();
        var first = WeekStartOf(from);
        var result = new List<WeekLoad>(weeks);
        for (var w = 0; w < weeks; w++)
        {
            var monday = first.AddDays(7 * w);
            var sunday = monday.AddDays(6);
            var bySector = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
            foreach (var item in list)
            {
                var start = item.From ?? DateOnly.MinValue;
                if (item.Status == ActionStatus.Paused)
                {
                    // A pause without a resume date does not occur (the plan refuses it); read it as "not this window".
                    var resume = item.ResumeOn ?? DateOnly.MaxValue;
                    start = resume > start ? resume : start;
                }

                // A pause that resumes after the period ends leaves nothing to run (start after end): no load at all.
                var end = item.To ?? DateOnly.MaxValue;
                if (start <= end && start <= sunday && end >= monday)
                {
                    bySector[item.Sector] = bySector.GetValueOrDefault(item.Sector) + item.HoursPerWeek;
                }
            }

            result.Add(new WeekLoad(monday, ISOWeek.GetWeekOfYear(monday.ToDateTime(TimeOnly.MinValue)), bySector, bySector.Values.Sum()));
        }

        return result;
    }
}
