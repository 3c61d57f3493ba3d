using FsCheck.Xunit;
using Samspil.Domain.Common;
using Samspil.Domain.Plans;

namespace Samspil.Domain.Tests;

public sealed class CarePlanTests
{
    private static readonly Actor Clinician = new(Guid.NewGuid(), "Behandler");
    private static readonly DateOnly Today = new(2026, 11, 22);
    private static readonly Moment Now = new(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero), Today);
    private static readonly Guid Member = Guid.NewGuid();
    private static readonly HashSet<Guid> Active = [Member];

    [Fact]
    public void A_new_plan_is_version_one_and_every_recorded_change_adds_a_version_with_a_snapshot()
    {
        var (plan, first) = CarePlan.Create(Guid.NewGuid(), Guid.NewGuid(), Clinician, Now);
        Assert.Equal(1, plan.Version);
        Assert.Equal(1, first.Version);
        Assert.Equal(PlanSnapshot.Empty.ToJson(), first.Snapshot);

        plan.AddGoal("Arbejde", "Køre bus igen", ["Sove", "Praktik"], Now);
        var second = plan.Record(Clinician, Now, "Goal.Added");

        Assert.Equal(2, plan.Version);
        Assert.Equal("Behandler", second.ByName);
        var goal = Assert.Single(second.Read().Goals);
        Assert.Equal(["Sove", "Praktik"], goal.SubGoals.Select(s => s.Text));
    }

    [Fact]
    public void A_change_against_an_older_version_is_refused()
    {
        var (plan, _) = CarePlan.Create(Guid.NewGuid(), Guid.NewGuid(), Clinician, Now);
        plan.AddChallenge(ChallengeArea.Housing, "Bolig", Now);
        plan.Record(Clinician, Now, "Challenge.Added");

        var conflict = Assert.Throws<PlanVersionConflictException>(() => plan.EnsureVersion(1));
        Assert.Equal(1, conflict.ExpectedVersion);
        Assert.Equal(2, conflict.CurrentVersion);
        plan.EnsureVersion(2);
        plan.EnsureVersion(null); // "*": whatever is current
    }

    [Fact]
    public void The_order_of_sub_goals_is_their_priority_and_a_reorder_must_name_each_once()
    {
        var (plan, _) = CarePlan.Create(Guid.NewGuid(), Guid.NewGuid(), Clinician, Now);
        var goal = plan.AddGoal("Arbejde", null, ["a", "b", "c"], Now);
        var ids = goal.OrderedSubGoals.Select(s => s.Id).ToArray();

        plan.ReorderSubGoals(goal.Id, [ids[2], ids[0], ids[1]]);
        Assert.Equal(["c", "a", "b"], goal.OrderedSubGoals.Select(s => s.Text));

        Assert.Equal("Plan.SubGoal.OrderInvalid", Assert.Throws<DomainException>(() => plan.ReorderSubGoals(goal.Id, [ids[0], ids[0], ids[1]])).Code);
        Assert.Equal("Plan.SubGoal.OrderInvalid", Assert.Throws<DomainException>(() => plan.ReorderSubGoals(goal.Id, [ids[0], ids[1]])).Code);
        Assert.Equal("Plan.SubGoal.OrderInvalid", Assert.Throws<DomainException>(() => plan.ReorderSubGoals(goal.Id, [ids[0], ids[1], Guid.NewGuid()])).Code);

        plan.RemoveSubGoal(goal.Id, ids[0]);
        Assert.Equal([0, 1], goal.OrderedSubGoals.Select(s => s.Order));
    }

    [Fact]
    public void Moving_a_goal_keeps_every_other_goal_in_its_relative_order()
    {
        var (plan, _) = CarePlan.Create(Guid.NewGuid(), Guid.NewGuid(), Clinician, Now);
        var goals = new[] { "A", "B", "C", "D" }.Select(t => plan.AddGoal(t, null, null, Now)).ToArray();

        plan.MoveGoal(goals[3].Id, 0);
        Assert.Equal(["D", "A", "B", "C"], plan.OrderedGoals.Select(g => g.Title));
        plan.MoveGoal(goals[0].Id, 3);
        Assert.Equal(["D", "B", "C", "A"], plan.OrderedGoals.Select(g => g.Title));
        Assert.Throws<DomainException>(() => plan.MoveGoal(goals[0].Id, 4));
    }

    [Fact]
    public void An_action_has_one_owner_who_is_active_in_the_network_or_the_citizen()
    {
        var (plan, _) = CarePlan.Create(Guid.NewGuid(), Guid.NewGuid(), Clinician, Now);
        DateOnly due = Today.AddDays(7);

        Assert.Equal("Plan.Action.Owner.Required", Assert.Throws<DomainException>(() => plan.AddAction(null, "x", new ActionOwner(null, false), due, Active, Now)).Code);
        Assert.Equal("Plan.Action.Owner.Required", Assert.Throws<DomainException>(() => plan.AddAction(null, "x", new ActionOwner(Member, true), due, Active, Now)).Code);
        Assert.Equal("Plan.Action.Owner.NotInNetwork", Assert.Throws<DomainException>(() => plan.AddAction(null, "x", ActionOwner.Member(Guid.NewGuid()), due, Active, Now)).Code);
        Assert.Equal("Plan.Action.DueDate.Required", Assert.Throws<DomainException>(() => plan.AddAction(null, "x", ActionOwner.Citizen, null, Active, Now)).Code);

        var action = plan.AddAction(null, "Søvnudredning", ActionOwner.Member(Member), due, Active, Now);

        // The owner left the network: the action keeps its owner, but cannot be given to someone who left.
        plan.UpdateAction(action.Id, null, "Søvnudredning, hurtigst muligt", ActionOwner.Member(Member), due, new HashSet<Guid>());
        Assert.Equal("Søvnudredning, hurtigst muligt", action.Text);
        var other = plan.AddAction(null, "Andet", ActionOwner.Citizen, due, Active, Now);
        Assert.Throws<DomainException>(() => plan.UpdateAction(other.Id, null, "Andet", ActionOwner.Member(Member), due, new HashSet<Guid>()));
    }

    [Fact]
    public void A_blocked_action_needs_a_reason_and_done_is_dated()
    {
        var (plan, _) = CarePlan.Create(Guid.NewGuid(), Guid.NewGuid(), Clinician, Now);
        var action = plan.AddAction(null, "Tolk", ActionOwner.Member(Member), Today.AddDays(-1), Active, Now);
        Assert.True(action.IsOverdue(Today));

        Assert.Equal("Plan.Action.BlockedReason.Required", Assert.Throws<DomainException>(() => plan.SetActionStatus(action.Id, ActionStatus.Blocked, "  ", Now)).Code);
        plan.SetActionStatus(action.Id, ActionStatus.Blocked, "Ingen tolk", Now);
        Assert.Equal("Ingen tolk", action.BlockedReason);
        Assert.True(action.IsOpen);

        plan.SetActionStatus(action.Id, ActionStatus.Done, "ignored", Now);
        Assert.Null(action.BlockedReason);
        Assert.Equal(Now.Utc, action.CompletedAt);
        Assert.False(action.IsOverdue(Today));
    }

    [Fact]
    public void Ratings_are_one_to_five_not_in_the_future_and_not_for_dropped_goals()
    {
        var (plan, _) = CarePlan.Create(Guid.NewGuid(), Guid.NewGuid(), Clinician, Now);
        var goal = plan.AddGoal("Arbejde", null, null, Now);

        Assert.Equal("Plan.Rating.ScoreInvalid", Assert.Throws<DomainException>(() => plan.RateGoal(goal.Id, 0, Today, RatingSource.Citizen, Now)).Code);
        Assert.Equal("Plan.Rating.ScoreInvalid", Assert.Throws<DomainException>(() => plan.RateGoal(goal.Id, 6, Today, RatingSource.Citizen, Now)).Code);
        Assert.Equal("Plan.Rating.Date.InFuture", Assert.Throws<DomainException>(() => plan.RateGoal(goal.Id, 3, Today.AddDays(1), RatingSource.Citizen, Now)).Code);
        plan.RateGoal(goal.Id, 3, Today, RatingSource.Citizen, Now);

        plan.UpdateGoal(goal.Id, "Arbejde", null, GoalStatus.Dropped);
        Assert.Equal("Plan.Rating.GoalDropped", Assert.Throws<DomainException>(() => plan.RateGoal(goal.Id, 3, Today, RatingSource.Citizen, Now)).Code);
    }

    [Fact]
    public void A_review_records_what_worked_who_took_part_and_one_rating_per_goal()
    {
        var (plan, _) = CarePlan.Create(Guid.NewGuid(), Guid.NewGuid(), Clinician, Now);
        var goal = plan.AddGoal("Arbejde", null, null, Now);

        Assert.Equal("Plan.Review.Empty", Assert.Throws<DomainException>(() => plan.AddReview(Today, null, " ", "Borger", null, RatingSource.Professional, Clinician, Now)).Code);
        Assert.Equal("Plan.Rating.Duplicate", Assert.Throws<DomainException>(() => plan.AddReview(Today, "Godt", null, "Borger", [(goal.Id, 3), (goal.Id, 4)], RatingSource.Professional, Clinician, Now)).Code);
        Assert.Empty(plan.Ratings); // a refused review leaves nothing behind

        var review = plan.AddReview(Today, "Godt", null, "Borger, psykolog", [(goal.Id, 4)], RatingSource.Professional, Clinician, Now);
        var rating = Assert.Single(plan.Ratings);
        Assert.Equal(review.Id, rating.ReviewId);
        Assert.Equal(4, rating.Score);
    }

    [Fact]
    public void The_citizens_own_part_is_marked_as_theirs_and_keeps_their_language()
    {
        var (plan, _) = CarePlan.Create(Guid.NewGuid(), Guid.NewGuid(), Clinician, Now);
        plan.SetCitizenPart("أريد أن أنام", "AR", ["  Søvn ", "", "Brev"], CitizenPartAuthor.Citizen, new Actor(Guid.NewGuid(), "Borger"), Now);

        Assert.Equal("ar", plan.CitizenLanguage);
        Assert.Equal(CitizenPartAuthor.Citizen, plan.CitizenPartAuthor);
        Assert.Equal(["Søvn", "Brev"], plan.OrderedProblems.Select(p => p.Text));
        Assert.Equal("Plan.Language.Invalid", Assert.Throws<DomainException>(() => plan.SetCitizenPart("x", "dansk", null, CitizenPartAuthor.Citizen, Clinician, Now)).Code);
        Assert.Equal("Plan.Statement.InvalidCharacters", Assert.Throws<DomainException>(() => plan.SetCitizenPart("x\u0007", "da", null, CitizenPartAuthor.Citizen, Clinician, Now)).Code);

        plan.SetCitizenPart(null, "da", [], CitizenPartAuthor.Professional, Clinician, Now);
        Assert.Null(plan.CitizenPartAuthor);
    }

    [Fact]
    public void The_diff_names_what_was_added_removed_and_changed_item_by_item()
    {
        var (plan, first) = CarePlan.Create(Guid.NewGuid(), Guid.NewGuid(), Clinician, Now);
        var goal = plan.AddGoal("Arbejde", null, ["a", "b"], Now);
        var challenge = plan.AddChallenge(ChallengeArea.Housing, "Bolig", Now);
        var before = plan.Record(Clinician, Now, "x").Read();

        plan.UpdateGoal(goal.Id, "Arbejde som chauffør", null, GoalStatus.Active);
        plan.RemoveChallenge(challenge.Id);
        var ids = goal.OrderedSubGoals.Select(s => s.Id).ToArray();
        plan.ReorderSubGoals(goal.Id, [ids[1], ids[0]]);
        plan.AddAction(goal.Id, "Ring", ActionOwner.Citizen, Today, Active, Now);
        var after = plan.Record(Clinician, Now, "y").Read();

        var changes = PlanDiff.Between(before, after);
        Assert.Contains(changes, c => c is { Section: PlanSection.Goals, Kind: PlanChangeKind.Changed, Field: "Title", Before: "Arbejde", After: "Arbejde som chauffør" });
        Assert.Contains(changes, c => c is { Section: PlanSection.Challenges, Kind: PlanChangeKind.Removed, Before: "Bolig" });
        Assert.Contains(changes, c => c is { Section: PlanSection.SubGoals, Field: "Position", Label: "b", Before: "2", After: "1" });
        Assert.Contains(changes, c => c is { Section: PlanSection.Actions, Kind: PlanChangeKind.Added, After: "Ring" });
        Assert.Empty(PlanDiff.Between(after, after));
        Assert.All(PlanDiff.Between(first.Read(), after), c => Assert.Equal(PlanChangeKind.Added, c.Kind));
    }

    /// <summary>
    /// Property: whatever sequence of changes, a snapshot survives its JSON round trip, the diff of a
    /// version with itself is empty, and sub-goal orders stay a permutation 0..n-1.
    /// </summary>
    [Property(MaxTest = 500)]
    public bool Random_edit_sequences_keep_the_plan_consistent(int[] codes)
    {
        var operations = codes.Select(c => (int)(((long)c % 7 + 7) % 7)).ToList();
        {
            var (plan, _) = CarePlan.Create(Guid.NewGuid(), Guid.NewGuid(), Clinician, Now);
            var random = new Random(operations.Count);
            foreach (var op in operations)
            {
                var goals = plan.OrderedGoals.ToList();
                switch (op)
                {
                    case 0 when goals.Count < CarePlan.MaxGoals:
                        plan.AddGoal("G" + random.Next(100), null, Enumerable.Range(0, random.Next(4)).Select(i => "s" + i).ToList(), Now);
                        break;
                    case 1 when goals.Count > 0:
                        plan.MoveGoal(goals[random.Next(goals.Count)].Id, random.Next(goals.Count));
                        break;
                    case 2 when goals.Count > 0 && goals[0].SubGoals.Count > 0:
                        plan.ReorderSubGoals(goals[0].Id, goals[0].SubGoals.Select(s => s.Id).OrderBy(_ => random.Next()).ToList());
                        break;
                    case 3 when goals.Count > 0 && goals[^1].SubGoals.Count > 0:
                        plan.RemoveSubGoal(goals[^1].Id, goals[^1].SubGoals[random.Next(goals[^1].SubGoals.Count)].Id);
                        break;
                    case 4 when plan.Actions.Count < CarePlan.MaxActions:
                        plan.AddAction(goals.Count > 0 ? goals[0].Id : null, "A", ActionOwner.Citizen, Today, Active, Now);
                        break;
                    case 5 when goals.Count > 0 && goals[0].SubGoals.Count < CarePlan.MaxSubGoals:
                        plan.AddSubGoal(goals[0].Id, "ny", Now);
                        break;
                    case 6 when plan.Challenges.Count < CarePlan.MaxChallenges:
                        plan.AddChallenge(ChallengeArea.Other, "C", Now);
                        break;
                    default:
                        break; // the operation does not apply to the plan as it stands
                }
            }

            var version = plan.Record(Clinician, Now, "z");
            var snapshot = version.Read();
            var orderOk = plan.Goals.All(g => g.SubGoals.Select(s => s.Order).Order().SequenceEqual(Enumerable.Range(0, g.SubGoals.Count)))
                && plan.Goals.Select(g => g.Order).Order().SequenceEqual(Enumerable.Range(0, plan.Goals.Count));
            return orderOk
                && PlanSnapshot.FromJson(snapshot.ToJson()).ToJson() == version.Snapshot
                && PlanDiff.Between(snapshot, snapshot).Count == 0
                && PlanDiff.Between(PlanSnapshot.Empty, snapshot).All(c => c.Kind == PlanChangeKind.Added);
        }
    }
}
