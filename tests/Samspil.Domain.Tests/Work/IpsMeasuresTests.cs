using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Samspil.Domain.Common;
using Samspil.Domain.Courses;
using Samspil.Domain.Reporting;
using Samspil.Domain.Work;

namespace Samspil.Domain.Tests.Work;

/// <summary>Issue 17: time from course start to the first competitive job, the caseload flag, the income basis and their dashboard figures.</summary>
public sealed class IpsMeasuresTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);
    private static readonly DateOnly Start = new(2026, 3, 1);
    private static readonly Moment Now = new(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero), Today);
    private static readonly Actor Consultant = new(Guid.NewGuid(), "IPS-konsulent");

    [Fact]
    public void Only_an_ordinary_job_that_has_started_ends_the_wait_for_the_first_competitive_job()
    {
        (DateOnly, JobStartKind)[] starts =
        [
            (Start.AddDays(20), JobStartKind.WorkPlacement),
            (Start.AddDays(40), JobStartKind.FlexJob),
            (Start.AddDays(90), JobStartKind.OrdinaryJob),
            (Start.AddDays(60), JobStartKind.Education),
            (Today.AddDays(10), JobStartKind.OrdinaryJob),
        ];

        Assert.Equal(90, IpsMeasures.DaysToFirstCompetitiveJob(Start, starts, Today));
        Assert.Equal(Start.AddDays(90), IpsMeasures.FirstCompetitiveJobOn(starts, Today));
        Assert.Null(IpsMeasures.DaysToFirstCompetitiveJob(Start, starts.Where(s => s.Item2 != JobStartKind.OrdinaryJob), Today));
        Assert.Null(IpsMeasures.DaysToFirstCompetitiveJob(Start, [(Today.AddDays(10), JobStartKind.OrdinaryJob)], Today)); // signed, not started
        Assert.Equal(0, IpsMeasures.DaysToFirstCompetitiveJob(Start, [(Start, JobStartKind.OrdinaryJob)], Today));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(19, false)]
    [InlineData(20, false)]
    [InlineData(21, true)]
    [InlineData(35, true)]
    public void A_caseload_is_flagged_above_twenty_open_cases(int openCases, bool overloaded) =>
        Assert.Equal(overloaded, IpsMeasures.IsOverloaded(openCases));

    [Property(MaxTest = 200)]
    public Property The_days_to_the_first_competitive_job_are_never_negative_and_no_later_ordinary_job_moves_them()
    {
        var kinds = Gen.Elements(Enum.GetValues<JobStartKind>());
        var start = Gen.Choose(-30, 400).Select(d => (Start.AddDays(d), JobStartKind.OrdinaryJob)).Zip(kinds, (s, k) => (s.Item1, k));
        return Prop.ForAll(start.ListOf().ToArbitrary(), Gen.Choose(1, 400).ToArbitrary(), (list, later) =>
        {
            var starts = list.ToList();
            var days = IpsMeasures.DaysToFirstCompetitiveJob(Start, starts, Today);
            var withLater = starts.Append((days is { } d ? Start.AddDays(d + later) : Today.AddDays(1), JobStartKind.OrdinaryJob)).ToList();
            return (days is null || days >= 0)
                && (days is null) == !starts.Any(s => s.Item2 == JobStartKind.OrdinaryJob && s.Item1 <= Today)
                && IpsMeasures.DaysToFirstCompetitiveJob(Start, withLater, Today) == days;
        });
    }

    [Fact]
    public void A_job_start_checks_its_hours_its_date_and_its_employer()
    {
        var ok = JobStart.Record(Guid.NewGuid(), Guid.NewGuid(), Start, Today, "  Gartneriet  ", 15.55m, JobStartKind.OrdinaryJob, Consultant, Now);
        Assert.Equal("Gartneriet", ok.Employer);
        Assert.Equal(15.6m, ok.HoursPerWeek);
        Assert.Equal("JobStart.HoursPerWeek.OutOfRange", Assert.Throws<DomainException>(() => JobStart.Record(Guid.NewGuid(), Guid.NewGuid(), Start, Today, "X", 0, JobStartKind.OrdinaryJob, Consultant, Now)).Code);
        Assert.Equal("JobStart.HoursPerWeek.OutOfRange", Assert.Throws<DomainException>(() => JobStart.Record(Guid.NewGuid(), Guid.NewGuid(), Start, Today, "X", 80.5m, JobStartKind.OrdinaryJob, Consultant, Now)).Code);
        Assert.Equal("JobStart.StartsOn.BeforeCourse", Assert.Throws<DomainException>(() => JobStart.Record(Guid.NewGuid(), Guid.NewGuid(), Start, Start.AddDays(-1), "X", 10, JobStartKind.OrdinaryJob, Consultant, Now)).Code);
        Assert.Equal("JobStart.Kind.Invalid", Assert.Throws<DomainException>(() => JobStart.Record(Guid.NewGuid(), Guid.NewGuid(), Start, Today, "X", 10, (JobStartKind)42, Consultant, Now)).Code);
        Assert.Equal("JobStart.InvalidCharacters", Assert.Throws<DomainException>(() => JobStart.Record(Guid.NewGuid(), Guid.NewGuid(), Start, Today, "X\u0000", 10, JobStartKind.OrdinaryJob, Consultant, Now)).Code);
    }

    [Fact]
    public void The_income_basis_history_has_the_latest_clarification_as_current_and_counts_days_from_the_first()
    {
        var first = IncomeBasisEntry.Record(Guid.NewGuid(), Guid.NewGuid(), Start, IncomeBasisKind.SicknessBenefit, Start.AddDays(-10), null, null, Consultant, Now);
        var second = IncomeBasisEntry.Record(Guid.NewGuid(), Guid.NewGuid(), Start, IncomeBasisKind.JobClarificationCourse, Start.AddDays(30), "Jobcenter Vejle", "Overgang", Consultant, Now);
        Assert.Equal(Start, first.ClarifiedOn); // known before the course: clarified on its first day
        Assert.Equal("IPS-konsulent", first.ClarifiedBy);
        Assert.Same(second, IncomeBasisEntry.Current([first, second], e => e.ClarifiedOn, e => e.RecordedAt));
        Assert.Equal(0, IncomeBasisEntry.DaysToClarification(Start, [second.ClarifiedOn, first.ClarifiedOn]));
        Assert.Null(IncomeBasisEntry.DaysToClarification(Start, []));
        Assert.Equal("IncomeBasis.ClarifiedOn.Future", Assert.Throws<DomainException>(() => IncomeBasisEntry.Record(Guid.NewGuid(), Guid.NewGuid(), Start, IncomeBasisKind.Pension, Today.AddDays(1), null, null, Consultant, Now)).Code);
    }

    [Fact]
    public void The_dashboard_counts_days_from_course_start_to_the_first_job_and_to_the_clarified_income_basis_and_suppresses_small_counts()
    {
        var from = Today.AddYears(-1).AddDays(1);
        var criteria = new DashboardCriteria(from, Today, Today, PeriodBasis.Active, null, null, null, new Dictionary<string, int>(), false);
        CourseFacts Course(int startOffset, int? jobAfter, int? clarifiedAfter)
        {
            var start = Today.AddDays(-startOffset);
            return new CourseFacts("ptsd-refugee", null, null, null, start, null, [new PhaseOn(start, CoursePhase.Treatment)], null, null, [], [], [], null, null,
                FirstCompetitiveJobOn: jobAfter is { } j ? start.AddDays(j) : null,
                IncomeBasisClarifiedOn: clarifiedAfter is { } c ? start.AddDays(c) : null);
        }

        var courses = Enumerable.Range(0, 6).Select(i => Course(200, 100 + i, 10)).Concat(Enumerable.Range(0, 5).Select(_ => Course(100, null, null))).ToList();
        var dashboard = DashboardFigures.Compute(courses, criteria);
        Assert.Equal(11m, dashboard.FirstCompetitiveJob!.Starts.Value);
        Assert.Equal(5m, dashboard.FirstCompetitiveJob.NotReached.Value);
        Assert.Equal(6m, dashboard.FirstCompetitiveJob.Reached.Value);
        Assert.Equal(102.5m, dashboard.FirstCompetitiveJob.MedianDays.Value);
        Assert.Equal(10m, dashboard.IncomeBasisClarified!.MedianDays.Value);

        var few = DashboardFigures.Compute(courses.Take(3), criteria);
        Assert.False(few.FirstCompetitiveJob!.MedianDays.IsShown);
    }
}
