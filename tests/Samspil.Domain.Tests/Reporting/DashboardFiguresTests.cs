using Samspil.Domain.Common;
using Samspil.Domain.Courses;
using Samspil.Domain.Directory;
using Samspil.Domain.Meetings;
using Samspil.Domain.Reporting;

namespace Samspil.Domain.Tests.Reporting;

public sealed class DashboardFiguresTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);
    private static readonly Guid Odense = Guid.NewGuid();
    private static readonly Guid Clinic = Guid.NewGuid();
    private static readonly Guid Kolding = Guid.NewGuid();

    private static DashboardCriteria Criteria(DateOnly? from = null, DateOnly? to = null, PeriodBasis basis = PeriodBasis.Active, IReadOnlySet<Guid>? municipality = null, bool admissions = false) =>
        new(from ?? Today.AddYears(-1).AddDays(1), to ?? Today, Today, basis, municipality, null, null, new Dictionary<string, int> { ["ptsd-refugee"] = 3 }, admissions);

    private static CourseFacts Course(
        DateOnly start,
        DateOnly? end = null,
        Guid? municipality = null,
        DateOnly? treatment = null,
        DateOnly? told = null,
        IReadOnlyList<MeetingFacts>? meetings = null,
        IReadOnlyList<DateOnly>? overdue = null,
        WorkAttachmentStatus? atEnd = null,
        WorkAttachmentStatus? later = null,
        bool consent = true,
        CoursePhase phase = CoursePhase.Treatment,
        string targetGroup = "ptsd-refugee") =>
        new(
            targetGroup,
            Clinic,
            municipality ?? Odense,
            Clinic,
            start,
            end,
            [new PhaseOn(start, CoursePhase.Detection), new PhaseOn(start.AddDays(5), phase)],
            treatment,
            told,
            consent ? [new DatePeriod(start, start.AddDays(365))] : [],
            meetings ?? [],
            overdue ?? [],
            atEnd,
            later);

    private static MeetingFacts Meeting(DateOnly date, bool joint = true, MeetingKind kind = MeetingKind.Network, DateOnly? agendaShared = null, DateOnly? minutesApproved = null) =>
        new(kind, true, date, date, agendaShared, minutesApproved, joint ? new HashSet<Sector> { Sector.Region, Sector.Municipality } : new HashSet<Sector> { Sector.Region });

    private static IEnumerable<CourseFacts> Times(int n, Func<int, CourseFacts> make) => Enumerable.Range(0, n).Select(make);

    [Fact]
    public void Courses_are_counted_by_their_phase_on_the_reference_date_and_ended_ones_apart()
    {
        var courses = Times(6, i => Course(Today.AddDays(-100 - i)))
            .Concat(Times(7, i => Course(Today.AddDays(-200), end: Today.AddDays(-10 - i))))
            .Concat(Times(2, i => Course(Today.AddDays(-50), phase: CoursePhase.Assessment)));
        var dashboard = DashboardFigures.Compute(courses, Criteria());

        Assert.Equal(15m, dashboard.Courses.Value);
        Assert.Equal(7m, Part(dashboard.ByPhase, DashboardFigures.Ended).Value);
        Assert.Equal(0m, Part(dashboard.ByPhase, "Detection").Value);

        // Two in assessment: suppressed, and the smallest other part too, so 15 − 7 does not give them away.
        Assert.Equal(CellStatus.Suppressed, Part(dashboard.ByPhase, "Assessment").Status);
        Assert.Equal(CellStatus.Suppressed, Part(dashboard.ByPhase, "Treatment").Status);
        Assert.Null(Part(dashboard.ByPhase, "Treatment").Value);
    }

    [Fact]
    public void The_period_selects_active_or_started_courses()
    {
        var from = new DateOnly(2026, 1, 1);
        var to = new DateOnly(2026, 6, 30);
        CourseFacts[] courses =
        [
            Course(new DateOnly(2025, 6, 1)),                                  // active in the period, started before
            Course(new DateOnly(2026, 3, 1)),                                  // started in the period
            Course(new DateOnly(2025, 1, 1), end: new DateOnly(2025, 12, 31)), // ended the day before: out
            Course(new DateOnly(2026, 7, 1)),                                  // starts after: out
        ];

        Assert.Equal(2, DashboardFigures.Select(courses, Criteria(from, to)).Count);
        Assert.Single(DashboardFigures.Select(courses, Criteria(from, to, PeriodBasis.Started)));
    }

    [Fact]
    public void Days_to_the_municipality_being_told_and_to_the_first_joint_meeting()
    {
        var start = Today.AddDays(-60);
        var courses = Times(5, i => Course(
                Today.AddDays(-90),
                treatment: start,
                told: start.AddDays(i), // 0 to 4 days
                meetings: [Meeting(start.AddDays(-3)), Meeting(start.AddDays(20))]))
            .Concat(Times(5, i => Course(Today.AddDays(-90), treatment: start, meetings: [Meeting(start.AddDays(30 + i), joint: false)])));
        var d = DashboardFigures.Compute(courses, Criteria());

        Assert.Equal(10m, d.MunicipalityTold.Starts.Value);
        Assert.Equal(5m, d.MunicipalityTold.Reached.Value);
        Assert.Equal(5m, d.MunicipalityTold.NotReached.Value);
        Assert.Equal(2m, d.MunicipalityTold.MedianDays.Value);
        Assert.Equal(2m, d.MunicipalityTold.AverageDays.Value);
        Assert.Equal(5m, Part(d.MunicipalityTold.Distribution, "0-7").Value);

        // A joint meeting before treatment started counts as 0 days; meetings without the municipality are not joint.
        Assert.Equal(5m, d.FirstJointMeeting.Reached.Value);
        Assert.Equal(0m, d.FirstJointMeeting.MedianDays.Value);
    }

    [Fact]
    public void Network_meetings_are_held_against_the_model_of_three()
    {
        var start = Today.AddDays(-300);
        var courses = Times(5, i => Course(start, meetings: [Meeting(start.AddDays(30)), Meeting(start.AddDays(90)), Meeting(start.AddDays(150))]))
            .Concat(Times(5, i => Course(start, meetings: [Meeting(start.AddDays(30)), Meeting(start.AddDays(40), kind: MeetingKind.Preparatory)])))
            .Concat(Times(5, i => Course(start)))
            .Concat(Times(5, i => Course(start, targetGroup: "frequent-admissions")));
        var model = DashboardFigures.Compute(courses, Criteria()).NetworkMeetings;

        Assert.Equal(15m, model.Courses.Value); // the task-force group has no network-meeting model
        Assert.Equal(5m, Part(model.Distribution, DashboardFigures.ReachedModel).Value);
        Assert.Equal(5m, Part(model.Distribution, DashboardFigures.BelowModel).Value);
        Assert.Equal(5m, Part(model.Distribution, DashboardFigures.NoMeeting).Value);
        Assert.Equal(1.3m, model.AverageHeld.Value); // (15 + 5 + 0) / 15
        Assert.Equal(3, Assert.Single(model.ByTargetGroup).Model);
    }

    [Fact]
    public void Agenda_and_minutes_in_time_follow_working_day_deadlines()
    {
        // Wednesday 18 November 2026: the agenda is due by Friday 13 November, the minutes by Friday 20 November.
        var day = new DateOnly(2026, 11, 18);
        var courses = Times(5, i => Course(Today.AddDays(-100), meetings: [Meeting(day, agendaShared: new DateOnly(2026, 11, 13), minutesApproved: new DateOnly(2026, 11, 20))]))
            .Concat(Times(5, i => Course(Today.AddDays(-100), meetings: [Meeting(day, agendaShared: new DateOnly(2026, 11, 16), minutesApproved: new DateOnly(2026, 11, 23))])))
            .Concat(Times(5, i => Course(Today.AddDays(-100), meetings: [Meeting(new DateOnly(2026, 11, 20))]))); // minutes due Tuesday 24th
        var d = DashboardFigures.Compute(courses, Criteria());

        Assert.Equal(15m, d.Agenda.Meetings.Value);
        Assert.Equal(5m, Part(d.Agenda.Parts, DashboardFigures.InTime).Value);
        Assert.Equal(33.3m, d.Agenda.ShareInTime.Value);
        Assert.Equal(5m, Part(d.Minutes.Parts, DashboardFigures.InTime).Value);
        Assert.Equal(5m, Part(d.Minutes.Parts, DashboardFigures.Late).Value);
        Assert.Equal(5m, Part(d.Minutes.Parts, DashboardFigures.Pending).Value); // not approved, deadline not passed
        Assert.Equal(50m, d.Minutes.ShareInTime.Value);
    }

    [Fact]
    public void Overdue_actions_count_open_courses_today()
    {
        var courses = Times(5, i => Course(Today.AddDays(-100), overdue: [Today.AddDays(-1), Today.AddDays(-2), Today.AddDays(3)]))
            .Concat(Times(5, i => Course(Today.AddDays(-100), overdue: [Today])))
            .Concat(Times(3, i => Course(Today.AddDays(-100), end: Today.AddDays(-1), overdue: [Today.AddDays(-9)])));
        var overdue = DashboardFigures.Compute(courses, Criteria()).OverdueActions;

        Assert.Equal(10m, overdue.OpenCourses.Value);
        Assert.Equal(5m, overdue.CoursesWithOverdue.Value);
        Assert.Equal(10m, overdue.Actions.Value);
        Assert.Equal(50m, overdue.Share.Value);
    }

    [Fact]
    public void Work_attachment_at_the_end_and_six_months_later()
    {
        var end = Today.AddDays(-200);
        var recent = Today.AddDays(-30);
        var courses = Times(5, i => Course(Today.AddDays(-400), end: end, atEnd: WorkAttachmentStatus.FlexJob, later: WorkAttachmentStatus.OrdinaryJob))
            .Concat(Times(5, i => Course(Today.AddDays(-400), end: end, atEnd: WorkAttachmentStatus.None)))
            .Concat(Times(5, i => Course(Today.AddDays(-400), end: recent, atEnd: WorkAttachmentStatus.Education)));
        var d = DashboardFigures.Compute(courses, Criteria());

        Assert.Equal(15m, d.WorkAtEnd.Courses.Value);
        Assert.Equal(5m, Part(d.WorkAtEnd.ByStatus, nameof(WorkAttachmentStatus.FlexJob)).Value);
        Assert.Equal(66.7m, d.WorkAtEnd.AttachedShare.Value);

        // Only courses whose follow-up is due count six months later.
        Assert.Equal(10m, d.WorkAfterSixMonths.Courses.Value);
        Assert.Equal(5m, Part(d.WorkAfterSixMonths.ByStatus, DashboardFigures.NotRecorded).Value);
        Assert.Equal(100m, d.WorkAfterSixMonths.AttachedShare.Value);
    }

    [Fact]
    public void Admissions_read_no_data_without_a_source_and_are_averaged_with_one()
    {
        var courses = Times(6, i => Course(Today.AddMonths(-13)) with { Admissions = new AdmissionCounts(4, i) }).ToList();

        var none = DashboardFigures.Compute(courses, Criteria()).Admissions;
        Assert.All(new[] { none.Courses, none.Before, none.After, none.AverageBefore, none.AverageAfter }, c => Assert.Equal(CellStatus.NoData, c.Status));

        var some = DashboardFigures.Compute(courses, Criteria(admissions: true)).Admissions;
        Assert.Equal(24m, some.Before.Value);
        Assert.Equal(4m, some.AverageBefore.Value);
        Assert.Equal(2.5m, some.AverageAfter.Value);
    }

    [Fact]
    public void Filters_narrow_to_the_municipality()
    {
        var courses = Times(5, _ => Course(Today.AddDays(-10))).Concat(Times(7, _ => Course(Today.AddDays(-10), municipality: Kolding)));
        Assert.Equal(7m, DashboardFigures.Compute(courses, Criteria(municipality: new HashSet<Guid> { Kolding })).Courses.Value);
    }

    [Fact]
    public void Work_attachment_opens_at_course_end_and_the_follow_up_two_weeks_before_six_months()
    {
        var end = new DateOnly(2026, 3, 15);
        var by = new Actor(Guid.NewGuid(), "Test");
        Moment On(DateOnly d) => new(new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), d);

        Assert.Equal("WorkAttachment.CourseNotEnded", Assert.Throws<DomainException>(() => WorkAttachment.Record(Guid.NewGuid(), Guid.NewGuid(), null, WorkAttachmentPoint.CourseEnd, WorkAttachmentStatus.None, by, On(end))).Code);
        Assert.Equal("WorkAttachment.CourseNotEnded", Assert.Throws<DomainException>(() => WorkAttachment.Record(Guid.NewGuid(), Guid.NewGuid(), end, WorkAttachmentPoint.CourseEnd, WorkAttachmentStatus.None, by, On(end.AddDays(-1)))).Code);
        Assert.Equal(WorkAttachmentStatus.FlexJob, WorkAttachment.Record(Guid.NewGuid(), Guid.NewGuid(), end, WorkAttachmentPoint.CourseEnd, WorkAttachmentStatus.FlexJob, by, On(end)).Status);

        Assert.Equal("WorkAttachment.FollowUpNotDue", Assert.Throws<DomainException>(() => WorkAttachment.Record(Guid.NewGuid(), Guid.NewGuid(), end, WorkAttachmentPoint.SixMonthsAfter, WorkAttachmentStatus.None, by, On(new DateOnly(2026, 8, 31)))).Code);
        Assert.Equal(WorkAttachmentStatus.Education, WorkAttachment.Record(Guid.NewGuid(), Guid.NewGuid(), end, WorkAttachmentPoint.SixMonthsAfter, WorkAttachmentStatus.Education, by, On(new DateOnly(2026, 9, 1))).Status);
        Assert.Equal("WorkAttachment.Status.Invalid", Assert.Throws<DomainException>(() => WorkAttachment.Record(Guid.NewGuid(), Guid.NewGuid(), end, WorkAttachmentPoint.CourseEnd, (WorkAttachmentStatus)42, by, On(end))).Code);
    }

    [Fact]
    public void A_chart_draws_hidden_bars_without_their_length_and_escapes_labels()
    {
        var svg = BarChart.Render("t", "Titel", "Beskrivelse", [new Bar("<Fase & co>", Cell.Shown(CellKind.Count, 12), "12"), new Bar("Skjult", Cell.Hidden(CellKind.Count), "<5")]);

        Assert.Contains("<title id=\"t-title\">Titel</title>", svg, StringComparison.Ordinal);
        Assert.Contains("<desc id=\"t-desc\">Beskrivelse</desc>", svg, StringComparison.Ordinal);
        Assert.Contains("&lt;Fase &amp; co&gt;", svg, StringComparison.Ordinal);
        Assert.Contains("bar-hidden", svg, StringComparison.Ordinal);
        Assert.Contains("&lt;5", svg, StringComparison.Ordinal);
    }

    private static Cell Part(IEnumerable<Part> parts, string key) => parts.Single(p => p.Key == key).Cell;
}
