using Samspil.Domain.Courses;
using Samspil.Domain.Meetings;

namespace Samspil.Domain.Reporting;

/// <summary>A breakdown before suppression: parts (stable keys) that add up to the total.</summary>
public sealed record RawBreakdown(long Total, IReadOnlyList<KeyValuePair<string, long>> Parts);

public sealed record RawTimeliness(long Starts, RawBreakdown ReachedOrNot, IReadOnlyList<long> Days, RawBreakdown Buckets);

public sealed record RawModelRow(string TargetGroupCode, int Model, IReadOnlyList<long> Held);

public sealed record RawModel(RawBreakdown Distribution, IReadOnlyList<long> Held, IReadOnlyList<RawModelRow> Rows);

public sealed record RawDeadlines(int Courses, RawBreakdown Meetings);

public sealed record RawOverdue(RawBreakdown Courses, long Actions);

public sealed record RawAdmissions(bool Available, IReadOnlyList<long> Before, IReadOnlyList<long> After);

/// <summary>The figures before suppression. Never leaves the domain except through <see cref="DashboardFigures.Publish"/>.</summary>
public sealed record RawDashboard(
    long Courses,
    RawBreakdown Phases,
    RawBreakdown Consent,
    RawTimeliness MunicipalityTold,
    RawTimeliness FirstJointMeeting,
    RawModel Model,
    RawDeadlines Agenda,
    RawDeadlines Minutes,
    RawOverdue Overdue,
    RawBreakdown WorkAtEnd,
    RawBreakdown WorkAfterSixMonths,
    RawAdmissions Admissions,
    RawTimeliness? FirstCompetitiveJob = null,
    RawTimeliness? IncomeBasisClarified = null);

public sealed record Timeliness(Cell Starts, Cell Reached, Cell NotReached, Cell MedianDays, Cell AverageDays, IReadOnlyList<Part> Distribution);

public sealed record ModelRow(string TargetGroupCode, int Model, Cell Courses, Cell AverageHeld);

public sealed record MeetingModel(Cell Courses, Cell AverageHeld, IReadOnlyList<Part> Distribution, IReadOnlyList<ModelRow> ByTargetGroup);

/// <summary>Meetings held in the period and how many kept a deadline; <see cref="Parts"/> are InTime, Late (and Pending for minutes).</summary>
public sealed record Deadlines(Cell Meetings, IReadOnlyList<Part> Parts, Cell ShareInTime);

public sealed record Overdue(Cell OpenCourses, Cell CoursesWithOverdue, Cell Actions, Cell Share);

public sealed record WorkFigures(Cell Courses, IReadOnlyList<Part> ByStatus, Cell AttachedShare);

public sealed record Admissions(Cell Courses, Cell Before, Cell After, Cell AverageBefore, Cell AverageAfter);

/// <summary>The published, suppressed figures: what managers see in the page, the API and the CSV.</summary>
public sealed record Dashboard(
    Cell Courses,
    IReadOnlyList<Part> ByPhase,
    Cell WithConsent,
    Cell WithoutConsent,
    Cell ConsentShare,
    Timeliness MunicipalityTold,
    Timeliness FirstJointMeeting,
    MeetingModel NetworkMeetings,
    Deadlines Agenda,
    Deadlines Minutes,
    Overdue OverdueActions,
    WorkFigures WorkAtEnd,
    WorkFigures WorkAfterSixMonths,
    Admissions Admissions,
    Timeliness? FirstCompetitiveJob = null,
    Timeliness? IncomeBasisClarified = null);

/// <summary>
/// The steering group's key figures (issue 7 point 3; R34–R36), computed from per-course facts.
/// Definitions (see docs/architecture.md, "Reporting"):
/// <list type="bullet">
/// <item>The courses are those matching the filters and the period (<see cref="PeriodBasis"/>); "as of"
/// figures are read on the reference date (the period's end, or today if earlier).</item>
/// <item>Phase: the phase on the reference date; a course ended by then counts as "Ended".</item>
/// <item>Consent: a consent of the citizen in force on the reference date.</item>
/// <item>Days from treatment start (in the period) to the municipality being told, and to the first joint
/// meeting (held, with the region and the municipality both there); a joint meeting before treatment
/// started counts as 0 days.</item>
/// <item>Network meetings held per course (kind Network, held by the reference date) against the model.</item>
/// <item>Agenda and minutes in time: meetings held in the period; minutes not yet approved and not yet
/// late are pending.</item>
/// <item>Overdue actions: open plan actions past their date today, on courses not ended today.</item>
/// <item>Work attachment: courses ended in the period; the six-month figure for those whose follow-up is due.</item>
/// <item>Admissions: courses that started at least 12 months before today.</item>
/// <item>Issue 17: days from the course's start (in the period) to the first competitive job (an ordinary job that has
/// started) and to the first clarification of the income basis, by the reference date.</item>
/// </list>
/// </summary>
public static class DashboardFigures
{
    public const string Ended = "Ended";
    public const string NotRecorded = "NotRecorded";
    public const string Reached = "Reached";
    public const string NotReached = "NotReached";
    public const string WithConsentKey = "WithConsent";
    public const string WithoutConsentKey = "WithoutConsent";
    public const string InTime = "InTime";
    public const string Late = "Late";
    public const string Pending = "Pending";
    public const string NoMeeting = "None";
    public const string BelowModel = "BelowModel";
    public const string ReachedModel = "ReachedModel";
    public const string WithOverdue = "WithOverdue";
    public const string WithoutOverdue = "WithoutOverdue";

    /// <summary>Day buckets for the time-to-contact distributions (upper bounds inclusive; the last is open).</summary>
    public static readonly IReadOnlyList<(string Key, int UpTo)> DayBuckets = [("0-7", 7), ("8-14", 14), ("15-30", 30), ("31-60", 60), ("61+", int.MaxValue)];

    public static Dashboard Compute(IEnumerable<CourseFacts> courses, DashboardCriteria criteria) => Publish(Count(courses, criteria));

    /// <summary>Which courses the filters and the period select.</summary>
    public static IReadOnlyList<CourseFacts> Select(IEnumerable<CourseFacts> courses, DashboardCriteria c) =>
        courses.Where(f =>
                (c.MunicipalityOrganizations is null || (f.MunicipalityOrganizationId is { } m && c.MunicipalityOrganizations.Contains(m)))
                && (c.Organizations is null || new[] { f.RegionOrganizationId, f.MunicipalityOrganizationId, f.RecordedByOrganizationId }.Any(o => o is { } id && c.Organizations.Contains(id)))
                && (c.TargetGroupCode is null || string.Equals(f.TargetGroupCode, c.TargetGroupCode, StringComparison.Ordinal))
                && (c.Basis == PeriodBasis.Started
                    ? f.StartDate >= c.From && f.StartDate <= c.To
                    : f.StartDate <= c.To && (f.EndDate is null || f.EndDate >= c.From)))
            .ToList();

    public static RawDashboard Count(IEnumerable<CourseFacts> courses, DashboardCriteria c)
    {
        var selected = Select(courses, c);
        var r = c.ReferenceDate;
        var total = selected.Count;

        var phases = Enum.GetValues<CoursePhase>().Select(p => p.ToString()).Append(Ended)
            .Select(key => new KeyValuePair<string, long>(key, selected.LongCount(f => PhaseKey(f, r) == key)))
            .ToList();

        var withConsent = selected.LongCount(f => f.ConsentPeriods.Any(p => p.Contains(r)));
        var consent = new RawBreakdown(total, [new(WithConsentKey, withConsent), new(WithoutConsentKey, total - withConsent)]);

        var treated = selected.Where(f => f.TreatmentStartedOn is { } s && s >= c.From && s <= r).ToList();
        var told = Timeliness(treated, f => f.MunicipalityToldOn is { } t && t <= r ? t : null);
        var joint = Timeliness(treated, f => f.Meetings.Where(m => m.IsJoint && m.Date is { } d && d <= r).Select(m => m.Date).Min());

        var withModel = selected.Where(f => ModelOf(f, c) > 0).ToList();
        long HeldNetworkMeetings(CourseFacts f) => f.Meetings.LongCount(m => m.Kind == MeetingKind.Network && m.Held && m.Date is { } d && d <= r);
        var model = new RawModel(
            new RawBreakdown(withModel.Count, [
                new(NoMeeting, withModel.LongCount(f => HeldNetworkMeetings(f) == 0)),
                new(BelowModel, withModel.LongCount(f => HeldNetworkMeetings(f) > 0 && HeldNetworkMeetings(f) < ModelOf(f, c))),
                new(ReachedModel, withModel.LongCount(f => HeldNetworkMeetings(f) >= ModelOf(f, c))),
            ]),
            withModel.Select(HeldNetworkMeetings).ToList(),
            withModel.GroupBy(f => f.TargetGroupCode, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new RawModelRow(g.Key, ModelOf(g.First(), c), g.Select(HeldNetworkMeetings).ToList()))
                .ToList());

        var held = selected
            .SelectMany(f => f.Meetings.Where(m => m.Held && m.Date is { } d && d >= c.From && d <= r).Select(m => (Course: f, Meeting: m)))
            .ToList();
        var heldCourses = held.Select(h => h.Course).Distinct().Count();
        var agendaInTime = held.LongCount(h => h.Meeting.AgendaSharedOn is { } shared && shared <= WorkingDays.Before(h.Meeting.Date!.Value, c.AgendaWorkingDaysBefore));
        var agenda = new RawDeadlines(heldCourses, new RawBreakdown(held.Count, [new(InTime, agendaInTime), new(Late, held.Count - agendaInTime)]));
        var minuteStates = held.Select(h => MinutesState(h.Meeting, c)).ToList();
        var minutes = new RawDeadlines(heldCourses, new RawBreakdown(held.Count, [.. new[] { InTime, Late, Pending }.Select(k => new KeyValuePair<string, long>(k, minuteStates.LongCount(s => s == k)))]));

        var open = selected.Where(f => f.EndDate is null || f.EndDate > c.Today).ToList();
        var overdueCourses = open.LongCount(f => f.OpenActionDueDates.Any(d => d < c.Today));
        var overdue = new RawOverdue(
            new RawBreakdown(open.Count, [new(WithOverdue, overdueCourses), new(WithoutOverdue, open.Count - overdueCourses)]),
            open.Sum(f => (long)f.OpenActionDueDates.Count(d => d < c.Today)));

        var ended = selected.Where(f => f.EndDate is { } e && e >= c.From && e <= r).ToList();
        var followedUp = ended.Where(f => WorkAttachmentSchedule.IsOpen(WorkAttachmentPoint.SixMonthsAfter, f.EndDate, c.Today)).ToList();

        var admitted = selected.Where(f => f.StartDate.AddMonths(12) <= c.Today).ToList();
        var started = selected.Where(f => f.StartDate >= c.From && f.StartDate <= r).ToList();
        var admissions = new RawAdmissions(
            c.AdmissionsAvailable,
            admitted.Select(f => (long)(f.Admissions?.Before ?? 0)).ToList(),
            admitted.Select(f => (long)(f.Admissions?.After ?? 0)).ToList());

        return new RawDashboard(
            total,
            new RawBreakdown(total, phases),
            consent,
            told,
            joint,
            model,
            agenda,
            minutes,
            overdue,
            Work(ended, f => f.WorkAtEnd),
            Work(followedUp, f => f.WorkAfterSixMonths),
            admissions,
            FromCourseStart(started, f => f.FirstCompetitiveJobOn, r),
            FromCourseStart(started, f => f.IncomeBasisClarifiedOn, r));
    }

    public static Dashboard Publish(RawDashboard raw)
    {
        var courses = Suppression.Count(raw.Courses);
        var consent = Breakdown(courses, raw.Consent);
        var modelCourses = Suppression.Count(raw.Model.Distribution.Total);
        var rowCourses = Suppression.Breakdown(modelCourses, raw.Model.Rows.Select(row => (long)row.Held.Count).ToList());
        var openCourses = Suppression.Count(raw.Overdue.Courses.Total);
        var overdueParts = Breakdown(openCourses, raw.Overdue.Courses);

        return new Dashboard(
            courses,
            Breakdown(courses, raw.Phases),
            consent[0].Cell,
            consent[1].Cell,
            Suppression.Share(Value(raw.Consent, WithConsentKey), raw.Courses, (int)raw.Courses, consent.All(p => p.Cell.IsShown)),
            Publish(raw.MunicipalityTold),
            Publish(raw.FirstJointMeeting),
            new MeetingModel(
                modelCourses,
                Suppression.Average(raw.Model.Held),
                Breakdown(modelCourses, raw.Model.Distribution),
                raw.Model.Rows.Select((row, i) => new ModelRow(row.TargetGroupCode, row.Model, rowCourses[i], Suppression.Average(row.Held))).ToList()),
            Publish(raw.Agenda, InTime, Late),
            Publish(raw.Minutes, InTime, Late),
            new Overdue(
                openCourses,
                overdueParts[0].Cell,
                overdueParts[0].Cell.IsShown ? Suppression.CountOf(raw.Overdue.Actions, (int)Value(raw.Overdue.Courses, WithOverdue)) : Cell.Hidden(CellKind.Count),
                Suppression.Share(Value(raw.Overdue.Courses, WithOverdue), raw.Overdue.Courses.Total, (int)raw.Overdue.Courses.Total, overdueParts.All(p => p.Cell.IsShown))),
            Publish(raw.WorkAtEnd),
            Publish(raw.WorkAfterSixMonths),
            Publish(raw.Admissions),
            raw.FirstCompetitiveJob is { } job ? Publish(job) : null,
            raw.IncomeBasisClarified is { } clarified ? Publish(clarified) : null);
    }

    /// <summary>The number of network meetings in the model for the course's target group (0: no model).</summary>
    public static int ModelOf(CourseFacts f, DashboardCriteria c) => c.ModelMeetings.TryGetValue(f.TargetGroupCode, out var n) ? n : 0;

    /// <summary>The course's phase on a day, or "Ended" when it had ended by then.</summary>
    public static string PhaseKey(CourseFacts f, DateOnly day)
    {
        if (f.EndDate is { } end && end <= day)
        {
            return Ended;
        }

        var ordered = f.Phases.OrderBy(p => p.On).ToList();
        var phase = ordered.LastOrDefault(p => p.On <= day) ?? ordered.FirstOrDefault();
        return (phase?.Phase ?? CoursePhase.Detection).ToString();
    }

    private static string MinutesState(MeetingFacts m, DashboardCriteria c)
    {
        var deadline = WorkingDays.After(m.HeldOn ?? m.Date!.Value, c.MinutesWorkingDaysAfter);
        if (m.MinutesApprovedOn is { } approved)
        {
            return approved <= deadline ? InTime : Late;
        }

        return deadline < c.Today ? Late : Pending;
    }

    private static RawTimeliness Timeliness(IReadOnlyList<CourseFacts> treated, Func<CourseFacts, DateOnly?> reachedOn)
    {
        var days = treated
            .Select(f => reachedOn(f) is { } on ? (long?)Math.Max(0, on.DayNumber - f.TreatmentStartedOn!.Value.DayNumber) : null)
            .OfType<long>()
            .ToList();
        var buckets = DayBuckets
            .Select((b, i) => new KeyValuePair<string, long>(b.Key, days.LongCount(d => d <= b.UpTo && (i == 0 || d > DayBuckets[i - 1].UpTo))))
            .ToList();
        return new RawTimeliness(
            treated.Count,
            new RawBreakdown(treated.Count, [new(Reached, days.Count), new(NotReached, treated.Count - days.Count)]),
            days,
            new RawBreakdown(days.Count, buckets));
    }

    /// <summary>Days from each course's start to a date reached by the reference date (issue 17), in the same shape as the treatment timeliness.</summary>
    private static RawTimeliness FromCourseStart(IReadOnlyList<CourseFacts> started, Func<CourseFacts, DateOnly?> reachedOn, DateOnly referenceDate)
    {
        var days = started
            .Select(f => reachedOn(f) is { } on && on <= referenceDate ? (long?)Math.Max(0, on.DayNumber - f.StartDate.DayNumber) : null)
            .OfType<long>()
            .ToList();
        var buckets = DayBuckets
            .Select((b, i) => new KeyValuePair<string, long>(b.Key, days.LongCount(d => d <= b.UpTo && (i == 0 || d > DayBuckets[i - 1].UpTo))))
            .ToList();
        return new RawTimeliness(
            started.Count,
            new RawBreakdown(started.Count, [new(Reached, days.Count), new(NotReached, started.Count - days.Count)]),
            days,
            new RawBreakdown(days.Count, buckets));
    }

    private static RawBreakdown Work(IReadOnlyList<CourseFacts> courses, Func<CourseFacts, WorkAttachmentStatus?> status) =>
        new(
            courses.Count,
            [
                .. Enum.GetValues<WorkAttachmentStatus>().Select(s => new KeyValuePair<string, long>(s.ToString(), courses.LongCount(f => status(f) == s))),
                new(NotRecorded, courses.LongCount(f => status(f) is null)),
            ]);

    private static Timeliness Publish(RawTimeliness raw)
    {
        var starts = Suppression.Count(raw.Starts);
        var reached = Breakdown(starts, raw.ReachedOrNot);
        return new Timeliness(
            starts,
            reached[0].Cell,
            reached[1].Cell,
            Suppression.Median(raw.Days),
            Suppression.Average(raw.Days, CellKind.Days),
            Breakdown(reached[0].Cell, raw.Buckets));
    }

    private static Deadlines Publish(RawDeadlines raw, string numerator, string late)
    {
        var meetings = Suppression.CountOf(raw.Meetings.Total, raw.Courses);
        var parts = Breakdown(meetings, raw.Meetings);
        var decided = Value(raw.Meetings, numerator) + Value(raw.Meetings, late);
        return new Deadlines(meetings, parts, Suppression.Share(Value(raw.Meetings, numerator), decided, raw.Courses, parts.All(p => p.Cell.IsShown)));
    }

    private static WorkFigures Publish(RawBreakdown raw)
    {
        var courses = Suppression.Count(raw.Total);
        var parts = Breakdown(courses, raw);
        var recorded = raw.Total - Value(raw, NotRecorded);
        var attached = recorded - Value(raw, nameof(WorkAttachmentStatus.None));
        return new WorkFigures(courses, parts, Suppression.Share(attached, recorded, (int)recorded, parts.All(p => p.Cell.IsShown)));
    }

    private static Admissions Publish(RawAdmissions raw)
    {
        if (!raw.Available)
        {
            return new Admissions(Cell.NoData(CellKind.Count), Cell.NoData(CellKind.Count), Cell.NoData(CellKind.Count), Cell.NoData(CellKind.Average), Cell.NoData(CellKind.Average));
        }

        var n = raw.Before.Count;
        return new Admissions(
            Suppression.Count(n),
            Suppression.CountOf(raw.Before.Sum(), n),
            Suppression.CountOf(raw.After.Sum(), n),
            Suppression.Average(raw.Before),
            Suppression.Average(raw.After));
    }

    private static List<Part> Breakdown(Cell total, RawBreakdown raw)
    {
        var cells = Suppression.Breakdown(total, raw.Parts.Select(p => p.Value).ToList());
        return raw.Parts.Select((p, i) => new Part(p.Key, cells[i])).ToList();
    }

    private static long Value(RawBreakdown raw, string key) => raw.Parts.Single(p => p.Key == key).Value;
}
