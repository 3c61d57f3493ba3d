using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Samspil.Domain.Common;
using Samspil.Domain.Plans;

namespace Samspil.Domain.Tests;

/// <summary>
/// The citizen's weekly load across sectors (issue 17) against a day-by-day oracle: an action counts in a week when any
/// of the week's seven days lies in its period and, if paused, on or after its resume date; done and cancelled never count.
/// Plus the plan rules for volume and pause, and that old plan versions (without the new fields) still read and diff.
/// </summary>
public sealed class WeeklyLoadTests
{
    private static readonly DateOnly Today = new(2026, 12, 9); // a Wednesday
    private static readonly Moment Now = new(new DateTimeOffset(2026, 12, 9, 9, 0, 0, TimeSpan.Zero), Today);
    private static readonly Actor Clinician = new(Guid.NewGuid(), "Behandler");
    private static readonly string[] Sectors = ["Region", "Municipality", "Citizen", "Other"];

    [Property(MaxTest = 300, Arbitrary = [typeof(LoadArbitraries)])]
    public void Each_week_holds_the_hours_of_the_actions_running_in_it_per_sector(LoadItem[] items)
    {
        var weeks = WeeklyLoad.Compute(items, Today, 8);
        Assert.Equal(8, weeks.Count);
        for (var w = 0; w < weeks.Count; w++)
        {
            var week = weeks[w];
            Assert.Equal(DayOfWeek.Monday, week.WeekStart.DayOfWeek);
            Assert.Equal(WeeklyLoad.WeekStartOf(Today).AddDays(7 * w), week.WeekStart);
            foreach (var sector in Sectors)
            {
                var expected = items.Where(i => i.Sector == sector && RunsIn(i, week.WeekStart)).Sum(i => i.HoursPerWeek);
                Assert.Equal(expected, week.BySector.GetValueOrDefault(sector));
                Assert.True(expected > 0 || !week.BySector.ContainsKey(sector), $"sector {sector} shown with no hours");
            }

            Assert.Equal(week.BySector.Values.Sum(), week.Total);
        }
    }

    [Property(MaxTest = 200, Arbitrary = [typeof(LoadArbitraries)])]
    public void Pausing_an_action_never_adds_load_and_resuming_it_later_never_adds_either(LoadItem item, byte resumeInDays)
    {
        var running = item with { Status = ActionStatus.InProgress, ResumeOn = null };
        var paused = running with { Status = ActionStatus.Paused, ResumeOn = Today.AddDays(resumeInDays + 1) };
        var later = paused with { ResumeOn = paused.ResumeOn!.Value.AddDays(7) };
        var a = WeeklyLoad.Compute([running], Today);
        var b = WeeklyLoad.Compute([paused], Today);
        var c = WeeklyLoad.Compute([later], Today);
        for (var w = 0; w < a.Count; w++)
        {
            Assert.True(b[w].Total <= a[w].Total);
            Assert.True(c[w].Total <= b[w].Total);
        }
    }

    [Fact]
    public void Louise_support_cut_from_32_to_20_hours_and_the_paused_job_centre_activity_show_in_the_weeks()
    {
        var items = new[]
        {
            new LoadItem("Municipality", 20, Today.AddDays(-21), Today.AddDays(90), ActionStatus.InProgress, null),
            new LoadItem("Municipality", 6, Today.AddDays(-21), null, ActionStatus.Paused, Today.AddDays(15)),
            new LoadItem("Region", 1.5m, null, null, ActionStatus.Planned, null),
            new LoadItem("Region", 3, null, null, ActionStatus.Done, null),
        };
        var weeks = WeeklyLoad.Compute(items, Today, 4);
        Assert.Equal([21.5m, 21.5m, 27.5m, 27.5m], weeks.Select(w => w.Total));
        Assert.Equal(20m, weeks[0].BySector["Municipality"]);
        Assert.Equal(1.5m, weeks[0].BySector["Region"]);
    }

    [Fact]
    public void A_pause_needs_a_reason_and_a_resume_date_after_today_and_is_cleared_when_the_action_moves_on()
    {
        var (plan, _) = CarePlan.Create(Guid.NewGuid(), Guid.NewGuid(), Clinician, Now);
        var action = plan.AddAction(null, "Jobcenter", ActionOwner.Citizen, Today.AddDays(-3), new HashSet<Guid>(), Now, volume: new ActionVolume(6, Today, null));
        Assert.Equal("Plan.Action.PausedReason.Required", Assert.Throws<DomainException>(() => plan.SetActionStatus(action.Id, ActionStatus.Paused, null, Now, " ", Today.AddDays(5))).Code);
        Assert.Equal("Plan.Action.ResumeDate.Required", Assert.Throws<DomainException>(() => plan.SetActionStatus(action.Id, ActionStatus.Paused, null, Now, "Bolig først", null)).Code);
        Assert.Equal("Plan.Action.ResumeDate.NotFuture", Assert.Throws<DomainException>(() => plan.SetActionStatus(action.Id, ActionStatus.Paused, null, Now, "Bolig først", Today)).Code);

        plan.SetActionStatus(action.Id, ActionStatus.Paused, null, Now, "Bolig først", Today.AddDays(5));
        Assert.Equal("Bolig først", action.PausedReason);
        Assert.Equal(Today.AddDays(5), action.ResumeOn);
        Assert.False(action.IsOverdue(Today)); // waiting by agreement is not overdue
        Assert.True(action.IsOpen);

        plan.SetActionStatus(action.Id, ActionStatus.InProgress, null, Now);
        Assert.Null(action.PausedReason);
        Assert.Null(action.ResumeOn);
        Assert.True(action.IsOverdue(Today));
    }

    [Theory]
    [InlineData("0", null, null, "Plan.Action.Hours.Invalid")]
    [InlineData("168.01", null, null, "Plan.Action.Hours.Invalid")]
    [InlineData("1.005", null, null, "Plan.Action.Hours.Invalid")]
    [InlineData("-4", null, null, "Plan.Action.Hours.Invalid")]
    [InlineData("10", "2026-12-10", "2026-12-09", "Plan.Action.Period.Invalid")]
    public void A_volume_out_of_bounds_is_refused_and_nothing_is_added(string hours, string? from, string? to, string code)
    {
        var (plan, _) = CarePlan.Create(Guid.NewGuid(), Guid.NewGuid(), Clinician, Now);
        var volume = new ActionVolume(decimal.Parse(hours, System.Globalization.CultureInfo.InvariantCulture), from is null ? null : DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), to is null ? null : DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(code, Assert.Throws<DomainException>(() => plan.AddAction(null, "Støtte", ActionOwner.Citizen, Today, new HashSet<Guid>(), Now, volume: volume)).Code);
        Assert.Empty(plan.Actions);
    }

    [Fact]
    public void A_version_stored_before_volume_and_pause_existed_still_reads_and_the_diff_shows_what_was_added()
    {
        var actionId = Guid.NewGuid();
        var old = $$"""{"statement":null,"language":null,"author":null,"problems":[],"challenges":[],"goals":[],"actions":[{"id":"{{actionId}}","goalId":null,"text":"Støtte","ownerMemberId":null,"ownerIsCitizen":true,"dueDate":"2026-12-01","status":"Planned","blockedReason":null}],"reviews":[],"ratings":[]}""";
        var before = PlanSnapshot.FromJson(old);
        Assert.Null(Assert.Single(before.Actions).HoursPerWeek);
        var after = before with { Actions = [before.Actions[0] with { HoursPerWeek = 20.50m, Status = ActionStatus.Paused, PausedReason = "Ferie", ResumeOn = Today.AddDays(7) }] };
        var changes = PlanDiff.Between(PlanSnapshot.FromJson(after.ToJson()), after);
        Assert.Empty(changes);
        var fields = PlanDiff.Between(before, after).Select(c => (c.Field, c.After)).ToList();
        Assert.Contains(("HoursPerWeek", "20.5"), fields);
        Assert.Contains(("PausedReason", "Ferie"), fields);
        Assert.Contains(("ResumeOn", "2026-12-16"), fields);
        Assert.Contains(("Status", "Paused"), fields);
    }

    /// <summary>Whether any day of the week starting <paramref name="monday"/> lies in the item's running days.</summary>
    private static bool RunsIn(LoadItem item, DateOnly monday)
    {
        if (item.Status is ActionStatus.Done or ActionStatus.Cancelled || item.HoursPerWeek <= 0)
        {
            return false;
        }

        for (var d = 0; d < 7; d++)
        {
            var day = monday.AddDays(d);
            var inPeriod = (item.From is null || day >= item.From) && (item.To is null || day <= item.To);
            var notPaused = item.Status != ActionStatus.Paused || (item.ResumeOn is { } r && day >= r);
            if (inPeriod && notPaused)
            {
                return true;
            }
        }

        return false;
    }
}

public static class LoadArbitraries
{
    private static readonly DateOnly Base = new(2026, 12, 9);

    public static Arbitrary<LoadItem> Item() =>
        (from sector in Gen.Elements("Region", "Municipality", "Citizen", "Other")
         from quarters in Gen.Choose(1, 160)
         from hasFrom in Gen.Elements(true, false)
         from fromOffset in Gen.Choose(-30, 70)
         from hasTo in Gen.Elements(true, false)
         from length in Gen.Choose(0, 60)
         from status in Gen.Elements(Enum.GetValues<ActionStatus>())
         from resume in Gen.Choose(1, 70)
         select new LoadItem(
             sector,
             quarters / 4m,
             hasFrom ? Base.AddDays(fromOffset) : null,
             hasTo ? Base.AddDays(fromOffset + length) : null,
             status,
             status == ActionStatus.Paused ? Base.AddDays(resume) : null)).ToArbitrary();

    public static Arbitrary<LoadItem[]> Items() => Gen.ArrayOf(Item().Generator).Select(a => a.Take(12).ToArray()).ToArbitrary();
}
