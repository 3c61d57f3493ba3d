using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Samspil.Domain.Common;
using Samspil.Domain.Consents;
using Samspil.Domain.Deadlines;
using Samspil.Domain.Directory;
using Samspil.Domain.Frames;

namespace Samspil.Domain.Tests.Deadlines;

public sealed class DeadlineScheduleTests
{
    private static readonly DateOnly Today = new(2026, 3, 10);
    private static readonly Actor Caseworker = new(Guid.NewGuid(), "Sagsbehandler (test)");
    private static readonly Moment Now = new(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero), Today);

    private static readonly FrameDeadline FollowUp = new("Første opfølgningssamtale", null, DeadlineType.Within, 8, DeadlineUnit.Weeks, "første fraværsdag", "Lov om sygedagpenge", null, 14, null);
    private static readonly FrameDeadline Reassessment = new("Revurdering", null, DeadlineType.Within, 22, DeadlineUnit.Weeks, "første fraværsdag", "Lov om sygedagpenge", null, 28, null);
    private static readonly FrameDeadline DrivingBan = new("Revurdering af kørselsforbud", null, DeadlineType.Within, 6, DeadlineUnit.Months, "datoen for kørselsforbuddet", "Kørekortbekendtgørelsen", null, 30, null);
    private static readonly FrameDeadline EveryFourWeeks = new("Løbende opfølgning", null, DeadlineType.Every, 4, DeadlineUnit.Weeks, "første samtale", "Lov om sygedagpenge", null, 7, null);

    [Fact]
    public void The_sickness_benefit_follow_up_is_due_eight_weeks_after_the_first_day_of_absence_and_the_reassessment_at_week_22()
    {
        var absence = new DateOnly(2026, 1, 5);
        Assert.Equal(new DateOnly(2026, 3, 2), DeadlineSchedule.NextDue(DeadlineType.Within, 8, DeadlineUnit.Weeks, absence, null, null));
        Assert.Equal(new DateOnly(2026, 6, 8), DeadlineSchedule.NextDue(DeadlineType.Within, 22, DeadlineUnit.Weeks, absence, null, null));
    }

    [Fact]
    public void A_driving_ban_is_reviewed_after_half_a_year_by_the_calendar_and_a_month_end_stays_in_its_month()
    {
        Assert.Equal(new DateOnly(2026, 9, 14), DeadlineSchedule.Add(new DateOnly(2026, 3, 14), 6, DeadlineUnit.Months));
        Assert.Equal(new DateOnly(2026, 2, 28), DeadlineSchedule.Add(new DateOnly(2025, 8, 31), 6, DeadlineUnit.Months));
    }

    [Fact]
    public void A_deadline_started_on_a_course_is_overdue_after_its_due_date_and_done_once_marked()
    {
        var d = CourseDeadline.Start(Guid.NewGuid(), Guid.NewGuid(), OrganizationKind.JobCentre, FollowUp, Today.AddDays(-60), null, Caseworker, Now);
        Assert.Equal(Today.AddDays(-4), d.NextDue);
        Assert.Equal(DeadlineStatus.Overdue, d.StatusOn(Today));
        Assert.Equal(InformationCategory.WorkAndIncome, d.Category);
        Assert.Equal(OrganizationKind.JobCentre, d.RemindKind);

        d.MarkDone(Today, Caseworker, Now);
        Assert.Null(d.NextDue);
        Assert.Equal(DeadlineStatus.Done, d.StatusOn(Today));
        Assert.Equal("Deadline.AlreadyDone", Assert.Throws<DomainException>(() => d.MarkDone(Today, Caseworker, Now)).Code);
    }

    [Fact]
    public void A_driving_ban_review_is_health_and_reminds_the_kind_the_rule_names()
    {
        var rule = DrivingBan with { RemindKind = OrganizationKind.GpClinic };
        var d = CourseDeadline.Start(Guid.NewGuid(), Guid.NewGuid(), OrganizationKind.SomaticHospital, rule, Today, null, Caseworker, Now);
        Assert.Equal(InformationCategory.HealthAndTreatment, d.Category);
        Assert.Equal(OrganizationKind.GpClinic, d.RemindKind);
        Assert.Equal(DeadlineStatus.Upcoming, d.StatusOn(Today));
        Assert.Equal(DeadlineStatus.DueSoon, d.StatusOn(Today.AddMonths(6).AddDays(-30)));
    }

    [Theory]
    [InlineData(-3700)]
    [InlineData(400)]
    public void A_start_date_far_in_the_past_or_the_future_is_refused(int days)
    {
        var e = Assert.Throws<DomainException>(() => CourseDeadline.Start(Guid.NewGuid(), Guid.NewGuid(), OrganizationKind.JobCentre, Reassessment, Today.AddDays(days), null, Caseworker, Now));
        Assert.Equal("startsOn", e.Field);
    }

    [Fact]
    public void An_ongoing_duty_cannot_be_started_and_a_done_date_in_the_future_is_refused()
    {
        var ongoing = new FrameDeadline("Handleplan", null, DeadlineType.Ongoing, null, null, null, "Serviceloven § 141");
        Assert.Equal("Deadline.Ongoing", Assert.Throws<DomainException>(() => CourseDeadline.Start(Guid.NewGuid(), Guid.NewGuid(), OrganizationKind.SocialServices, ongoing, Today, null, Caseworker, Now)).Code);
        var d = CourseDeadline.Start(Guid.NewGuid(), Guid.NewGuid(), OrganizationKind.JobCentre, FollowUp, Today.AddDays(-10), null, Caseworker, Now);
        Assert.Equal("doneOn", Assert.Throws<DomainException>(() => d.MarkDone(Today.AddDays(1), Caseworker, Now)).Field);
        Assert.Equal("doneOn", Assert.Throws<DomainException>(() => d.MarkDone(Today.AddDays(-11), Caseworker, Now)).Field);
    }

    [Fact]
    public void A_recurring_follow_up_runs_on_from_the_day_it_was_done_until_it_is_ended()
    {
        var d = CourseDeadline.Start(Guid.NewGuid(), Guid.NewGuid(), OrganizationKind.JobCentre, EveryFourWeeks, Today.AddDays(-30), null, Caseworker, Now);
        Assert.Equal(Today.AddDays(-2), d.NextDue);
        d.MarkDone(Today.AddDays(-1), Caseworker, Now);
        Assert.Equal(Today.AddDays(27), d.NextDue);
        Assert.Equal(1, d.DoneCount);
        d.End(Today, Caseworker, Now);
        Assert.Null(d.NextDue);
        Assert.Equal("Deadline.AlreadyEnded", Assert.Throws<DomainException>(() => d.End(Today, Caseworker, Now)).Code);
    }

    [Property(MaxTest = 500)]
    public Property A_due_date_always_lies_after_its_start_by_exactly_the_interval()
    {
        var units = Gen.Elements(Enum.GetValues<DeadlineUnit>());
        return Prop.ForAll(Gen.Choose(-4000, 4000).ToArbitrary(), Gen.Choose(1, 3650).ToArbitrary(), units.ToArbitrary(), (offset, amount, unit) =>
        {
            var start = Today.AddDays(offset);
            var due = DeadlineSchedule.Add(start, amount, unit);
            var days = due.DayNumber - start.DayNumber;
            return unit switch
            {
                DeadlineUnit.Days => days == amount,
                DeadlineUnit.Weeks => days == amount * 7,
                // Calendar months: the same day of the month (or the month's last day), exactly that many months on.
                _ => due.Year * 12 + due.Month - (start.Year * 12 + start.Month) == amount
                    && due.Day == Math.Min(start.Day, DateTime.DaysInMonth(due.Year, due.Month))
                    && days >= amount * 28,
            };
        });
    }

    [Property(MaxTest = 500)]
    public Property The_status_is_overdue_exactly_when_the_due_date_has_passed_and_the_reminder_window_never_starts_after_the_due_date()
    {
        return Prop.ForAll(Gen.Choose(-400, 400).ToArbitrary(), Gen.Choose(0, 365).ToArbitrary(), (dueOffset, remind) =>
        {
            var due = Today.AddDays(dueOffset);
            var status = DeadlineSchedule.Status(due, remind, Today);
            var remindOn = DeadlineSchedule.RemindOn(due, remind)!.Value;
            return (status == DeadlineStatus.Overdue) == (due < Today)
                && (status == DeadlineStatus.DueSoon) == (due >= Today && remindOn <= Today)
                && remindOn <= due
                && DeadlineSchedule.Status(null, remind, Today) == DeadlineStatus.Done;
        });
    }

    [Property(MaxTest = 300)]
    public Property Marking_a_recurring_deadline_done_always_moves_its_next_due_date_past_the_day_it_was_done()
    {
        var units = Gen.Elements(Enum.GetValues<DeadlineUnit>());
        return Prop.ForAll(Gen.Choose(1, 365).ToArbitrary(), units.ToArbitrary(), Gen.Choose(0, 3000).ToArbitrary(), (amount, unit, back) =>
        {
            var start = Today.AddDays(-back);
            var doneOn = Today.AddDays(-(back / 2));
            var next = DeadlineSchedule.NextDue(DeadlineType.Every, amount, unit, start, doneOn, null);
            var within = DeadlineSchedule.NextDue(DeadlineType.Within, amount, unit, start, doneOn, null);
            var ended = DeadlineSchedule.NextDue(DeadlineType.Every, amount, unit, start, doneOn, Today);
            return next > doneOn && within is null && ended is null;
        });
    }
}
