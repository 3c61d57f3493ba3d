using Samspil.Domain.Courses;
using Samspil.Domain.Directory;
using Samspil.Domain.Meetings;
using Samspil.Domain.Reporting;

namespace Samspil.Domain.Tests.Reporting;

/// <summary>
/// Random small populations (where counts of 1–4 are common) through the real aggregation: whatever
/// the data, no published figure singles anyone out. Checked against the unsuppressed figures for
/// 5,000 populations: every shown count is 0 or at least 5 and true; a breakdown's hidden parts never
/// add up to 1–4 (so total minus the shown parts gives nothing away); a hidden total hides its parts;
/// shares, averages and medians rest on at least 5 courses and never reveal a count of 1–4; a hidden
/// figure carries no value.
/// </summary>
public sealed class SuppressionPropertyTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    [Fact]
    public void No_published_figure_lets_a_count_of_one_to_four_be_read_or_worked_out()
    {
        var random = new Random(20261122);
        var failures = new List<string>();
        for (var world = 0; world < 5_000 && failures.Count < 10; world++)
        {
            var courses = Enumerable.Range(0, random.Next(0, 26)).Select(_ => RandomCourse(random)).ToList();
            var to = Today.AddDays(-random.Next(0, 200));
            var criteria = new DashboardCriteria(
                to.AddDays(-random.Next(30, 500)),
                to,
                Today,
                random.Next(2) == 0 ? PeriodBasis.Active : PeriodBasis.Started,
                null,
                null,
                random.Next(4) == 0 ? "ptsd-veteran" : null,
                new Dictionary<string, int> { ["ptsd-refugee"] = 3, ["ptsd-veteran"] = 2 },
                random.Next(2) == 0);
            var raw = DashboardFigures.Count(courses, criteria);
            var published = DashboardFigures.Publish(raw);
            foreach (var problem in Check(raw, published))
            {
                failures.Add($"world {world}: {problem}");
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public void A_breakdown_hides_at_least_two_parts_or_none()
    {
        var random = new Random(7);
        for (var i = 0; i < 20_000; i++)
        {
            var parts = Enumerable.Range(0, random.Next(1, 8)).Select(_ => (long)(random.Next(3) == 0 ? 0 : random.Next(0, 12))).ToList();
            var total = Suppression.Count(parts.Sum());
            var cells = Suppression.Breakdown(total, parts);
            var hidden = parts.Where((_, j) => !cells[j].IsShown).ToList();
            Assert.True(!total.IsShown || hidden.Count == 0 || (hidden.Count >= 2 && hidden.Sum() >= Suppression.Threshold), string.Join(",", parts));
            Assert.All(cells.Where(c => c.IsShown), c => Assert.False(Suppression.IsSmall((long)c.Value!.Value)));
        }
    }

    private static IEnumerable<string> Check(RawDashboard raw, Dashboard d)
    {
        var problems = new List<string>();
        void Count(string name, Cell cell, long truth)
        {
            if (cell.IsShown && (cell.Value != truth || Suppression.IsSmall(truth)))
            {
                problems.Add($"{name}: shown {cell.Value}, true {truth}");
            }

            if (!cell.IsShown && cell.Value is not null)
            {
                problems.Add($"{name}: hidden but carries a value");
            }
        }

        void Breakdown(string name, Cell total, IReadOnlyList<Part> parts, RawBreakdown truth, bool partial = false)
        {
            for (var i = 0; i < parts.Count; i++)
            {
                Count($"{name}.{parts[i].Key}", parts[i].Cell, truth.Parts.Single(p => p.Key == parts[i].Key).Value);
            }

            if (!total.IsShown && parts.Any(p => p.Cell.IsShown))
            {
                problems.Add($"{name}: total hidden but a part shown");
            }

            var hiddenSum = parts.Where(p => !p.Cell.IsShown).Sum(p => truth.Parts.Single(t => t.Key == p.Key).Value);
            if (total.IsShown && !partial && Suppression.IsSmall(hiddenSum))
            {
                problems.Add($"{name}: hidden parts add up to {hiddenSum}, recoverable from the total");
            }
        }

        void Share(string name, Cell cell, long numerator, long denominator)
        {
            if (cell.IsShown && (denominator < Suppression.Threshold || Suppression.IsSmall(numerator) || Suppression.IsSmall(denominator - numerator)))
            {
                problems.Add($"{name}: share shown from {numerator}/{denominator}");
            }
        }

        void Average(string name, Cell cell, int basis)
        {
            if (cell.IsShown && basis < Suppression.Threshold)
            {
                problems.Add($"{name}: shown from {basis} courses");
            }
        }

        long V(RawBreakdown b, string key) => b.Parts.Single(p => p.Key == key).Value;

        Count("courses", d.Courses, raw.Courses);
        Breakdown("phases", d.Courses, d.ByPhase, raw.Phases);
        Breakdown("consent", d.Courses, [new(DashboardFigures.WithConsentKey, d.WithConsent), new(DashboardFigures.WithoutConsentKey, d.WithoutConsent)], raw.Consent);
        Share("consent", d.ConsentShare, V(raw.Consent, DashboardFigures.WithConsentKey), raw.Courses);
        foreach (var (name, t, r) in new[] { ("told", d.MunicipalityTold, raw.MunicipalityTold), ("joint", d.FirstJointMeeting, raw.FirstJointMeeting) })
        {
            Count(name + ".starts", t.Starts, r.Starts);
            Breakdown(name, t.Starts, [new(DashboardFigures.Reached, t.Reached), new(DashboardFigures.NotReached, t.NotReached)], r.ReachedOrNot);
            Breakdown(name + ".days", t.Reached, t.Distribution, r.Buckets);
            Average(name + ".median", t.MedianDays, r.Days.Count);
            Average(name + ".average", t.AverageDays, r.Days.Count);
        }

        Count("model.courses", d.NetworkMeetings.Courses, raw.Model.Distribution.Total);
        Breakdown("model", d.NetworkMeetings.Courses, d.NetworkMeetings.Distribution, raw.Model.Distribution);
        Average("model.average", d.NetworkMeetings.AverageHeld, raw.Model.Held.Count);
        var rows = new RawBreakdown(raw.Model.Distribution.Total, raw.Model.Rows.Select(r => new KeyValuePair<string, long>(r.TargetGroupCode, r.Held.Count)).ToList());
        Breakdown("model.rows", d.NetworkMeetings.Courses, d.NetworkMeetings.ByTargetGroup.Select(r => new Part(r.TargetGroupCode, r.Courses)).ToList(), rows);
        foreach (var row in d.NetworkMeetings.ByTargetGroup)
        {
            Average("model.row", row.AverageHeld, raw.Model.Rows.Single(r => r.TargetGroupCode == row.TargetGroupCode).Held.Count);
        }

        foreach (var (name, p, r) in new[] { ("agenda", d.Agenda, raw.Agenda), ("minutes", d.Minutes, raw.Minutes) })
        {
            Count(name + ".meetings", p.Meetings, r.Meetings.Total);
            if (p.Meetings.IsShown && r.Courses < Suppression.Threshold && r.Meetings.Total > 0)
            {
                problems.Add($"{name}: meetings of {r.Courses} courses shown");
            }

            Breakdown(name, p.Meetings, p.Parts, r.Meetings);
            var decided = V(r.Meetings, DashboardFigures.InTime) + V(r.Meetings, DashboardFigures.Late);
            Share(name, p.ShareInTime, V(r.Meetings, DashboardFigures.InTime), decided);
            Average(name + ".share", p.ShareInTime, r.Courses);
        }

        Count("overdue.open", d.OverdueActions.OpenCourses, raw.Overdue.Courses.Total);
        Breakdown("overdue", d.OverdueActions.OpenCourses, [new(DashboardFigures.WithOverdue, d.OverdueActions.CoursesWithOverdue)], raw.Overdue.Courses, partial: true);
        Count("overdue.actions", d.OverdueActions.Actions, raw.Overdue.Actions);
        if (d.OverdueActions.Actions.IsShown && raw.Overdue.Actions > 0 && !d.OverdueActions.CoursesWithOverdue.IsShown)
        {
            problems.Add("overdue: actions shown for hidden courses");
        }

        Share("overdue", d.OverdueActions.Share, V(raw.Overdue.Courses, DashboardFigures.WithOverdue), raw.Overdue.Courses.Total);
        foreach (var (name, w, r) in new[] { ("work.end", d.WorkAtEnd, raw.WorkAtEnd), ("work.six", d.WorkAfterSixMonths, raw.WorkAfterSixMonths) })
        {
            Count(name, w.Courses, r.Total);
            Breakdown(name, w.Courses, w.ByStatus, r);
            var recorded = r.Total - V(r, DashboardFigures.NotRecorded);
            Share(name, w.AttachedShare, recorded - V(r, nameof(WorkAttachmentStatus.None)), recorded);
            if (w.AttachedShare.IsShown && w.ByStatus.Any(p => !p.Cell.IsShown))
            {
                problems.Add($"{name}: share shown beside hidden parts");
            }
        }

        if (raw.Admissions.Available)
        {
            Count("admissions", d.Admissions.Courses, raw.Admissions.Before.Count);
            Count("admissions.before", d.Admissions.Before, raw.Admissions.Before.Sum());
            if (d.Admissions.Before.IsShown && Suppression.IsSmall(raw.Admissions.Before.Count))
            {
                problems.Add("admissions: total of 1-4 courses shown");
            }

            Average("admissions.average", d.Admissions.AverageAfter, raw.Admissions.After.Count);
        }
        else if (d.Admissions.Courses.Status != CellStatus.NoData)
        {
            problems.Add("admissions: figures without a source");
        }

        return problems;
    }

    private static CourseFacts RandomCourse(Random random)
    {
        var start = Today.AddDays(-random.Next(0, 700));
        DateOnly? end = random.Next(3) == 0 ? start.AddDays(random.Next(0, 400)) : null;
        DateOnly? treatment = random.Next(3) > 0 ? start.AddDays(random.Next(0, 60)) : null;
        var meetings = Enumerable.Range(0, random.Next(0, 4)).Select(_ =>
        {
            var date = start.AddDays(random.Next(0, 300));
            var sectors = new HashSet<Sector>();
            if (random.Next(2) == 0)
            {
                sectors.Add(Sector.Region);
            }

            if (random.Next(2) == 0)
            {
                sectors.Add(Sector.Municipality);
            }

            return new MeetingFacts(
                random.Next(3) == 0 ? MeetingKind.Preparatory : MeetingKind.Network,
                true,
                date,
                date,
                random.Next(3) == 0 ? null : date.AddDays(-random.Next(0, 8)),
                random.Next(3) == 0 ? null : date.AddDays(random.Next(0, 6)),
                sectors);
        }).ToList();
        WorkAttachmentStatus? Status() => random.Next(3) == 0 ? null : (WorkAttachmentStatus)random.Next(0, 6);
        return new CourseFacts(
            random.Next(3) == 0 ? "ptsd-veteran" : "ptsd-refugee",
            null,
            null,
            null,
            start,
            end,
            [new PhaseOn(start, (CoursePhase)random.Next(0, 5)), new PhaseOn(start.AddDays(random.Next(0, 200)), (CoursePhase)random.Next(0, 5))],
            treatment,
            treatment is { } t && random.Next(3) > 0 ? t.AddDays(random.Next(0, 90)) : null,
            random.Next(4) > 0 ? [new DatePeriod(start, start.AddDays(random.Next(0, 500)))] : [],
            meetings,
            Enumerable.Range(0, random.Next(0, 3)).Select(_ => Today.AddDays(random.Next(-20, 20))).ToList(),
            end is null ? null : Status(),
            end is null ? null : Status(),
            new AdmissionCounts(random.Next(0, 6), random.Next(0, 6)));
    }
}
