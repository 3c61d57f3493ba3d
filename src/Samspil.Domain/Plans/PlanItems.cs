using Samspil.Domain.Common;

namespace Samspil.Domain.Plans;

/// <summary>One of the practical problems that matter most to the citizen, in their words; the order is their priority (R13).</summary>
public sealed class PlanProblem : ICitizenRecord
{
    private PlanProblem()
    {
        Text = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid PlanId { get; private set; }

    public int Order { get; internal set; }

    public string Text { get; private set; }

    internal static PlanProblem Create(Guid planId, int order, string text, DateTimeOffset now) =>
        new() { Id = Guid.CreateVersion7(now), PlanId = planId, Order = order, Text = text };
}

/// <summary>What is hard now (udfordring), including social stressors such as income, housing and residence permit.</summary>
public sealed class PlanChallenge : ICitizenRecord
{
    private PlanChallenge()
    {
        Text = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid PlanId { get; private set; }

    public ChallengeArea Area { get; private set; }

    public string Text { get; private set; }

    internal static PlanChallenge Create(Guid planId, ChallengeArea area, string text, DateTimeOffset now) =>
        new() { Id = Guid.CreateVersion7(now), PlanId = planId, Area = area, Text = text };

    internal void Update(ChallengeArea area, string text)
    {
        Area = area;
        Text = text;
    }
}

/// <summary>A shared goal (FHIR Goal) derived from the citizen's wishes, with sub-goals whose order is the priority (R14).</summary>
public sealed class PlanGoal : ICitizenRecord
{
    private readonly List<SubGoal> _subGoals = [];

    private PlanGoal()
    {
        Title = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid PlanId { get; private set; }

    public int Order { get; internal set; }

    public string Title { get; private set; }

    /// <summary>The citizen's wish the goal comes from, in their words.</summary>
    public string? CitizenWish { get; private set; }

    public GoalStatus Status { get; private set; }

    public IReadOnlyList<SubGoal> SubGoals => _subGoals;

    /// <summary>Sub-goals in priority order.</summary>
    public IEnumerable<SubGoal> OrderedSubGoals => _subGoals.OrderBy(s => s.Order);

    internal static PlanGoal Create(Guid planId, int order, string title, string? wish, DateTimeOffset now) =>
        new() { Id = Guid.CreateVersion7(now), PlanId = planId, Order = order, Title = title, CitizenWish = wish, Status = GoalStatus.Active };

    internal void Update(string title, string? wish, GoalStatus status)
    {
        Title = title;
        CitizenWish = wish;
        Status = status;
    }

    internal SubGoal AddSubGoal(string text, DateTimeOffset now)
    {
        var sub = SubGoal.Create(Id, _subGoals.Count, text, now);
        _subGoals.Add(sub);
        return sub;
    }

    internal SubGoal FindSubGoal(Guid subGoalId) =>
        _subGoals.SingleOrDefault(s => s.Id == subGoalId) ?? throw new DomainException("Plan.SubGoal.NotFound", "subGoalId");

    internal void RemoveSubGoal(Guid subGoalId)
    {
        _subGoals.Remove(FindSubGoal(subGoalId));
        Renumber();
    }

    /// <summary>Puts the sub-goals in the given order; the list must name each sub-goal exactly once.</summary>
    internal void Reorder(IReadOnlyList<Guid> order)
    {
        if (order.Count != _subGoals.Count || order.Distinct().Count() != order.Count || order.Any(id => _subGoals.All(s => s.Id != id)))
        {
            throw new DomainException("Plan.SubGoal.OrderInvalid", "order");
        }

        for (var i = 0; i < order.Count; i++)
        {
            _subGoals.Single(s => s.Id == order[i]).Order = i;
        }
    }

    private void Renumber()
    {
        var i = 0;
        foreach (var sub in _subGoals.OrderBy(s => s.Order).ToList())
        {
            sub.Order = i++;
        }
    }
}

/// <summary>A step towards a goal (delmål).</summary>
public sealed class SubGoal : ICitizenRecord
{
    private SubGoal()
    {
        Text = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid GoalId { get; private set; }

    public int Order { get; internal set; }

    public string Text { get; private set; }

    public bool Done { get; private set; }

    internal static SubGoal Create(Guid goalId, int order, string text, DateTimeOffset now) =>
        new() { Id = Guid.CreateVersion7(now), GoalId = goalId, Order = order, Text = text };

    internal void Update(string text, bool done)
    {
        Text = text;
        Done = done;
    }
}

/// <summary>Who is responsible for an action: exactly one active network member, or the citizen themself.</summary>
public readonly record struct ActionOwner(Guid? MemberId, bool IsCitizen)
{
    public static ActionOwner Member(Guid memberId) => new(memberId, false);

    public static ActionOwner Citizen => new(null, true);
}

/// <summary>
/// The volume of an action: hours a week over a period (from–to, both inclusive, either open). All empty is "not given";
/// an action without hours still has its period, but only actions with hours add to the citizen's weekly load.
/// </summary>
public readonly record struct ActionVolume(decimal? HoursPerWeek, DateOnly? From, DateOnly? To)
{
    /// <summary>A week has 168 hours; more than that is a typing error, not a plan.</summary>
    public const decimal MaxHoursPerWeek = 168m;

    /// <summary>Checks hours (more than 0, at most 168, in quarter hours at most two decimals) and that the period does not end before it starts.</summary>
    public ActionVolume Validated()
    {
        if (HoursPerWeek is { } hours && (hours <= 0 || hours > MaxHoursPerWeek || decimal.Round(hours, 2) != hours))
        {
            throw new DomainException("Plan.Action.Hours.Invalid", "hoursPerWeek");
        }

        if (From is { } from && To is { } to && to < from)
        {
            throw new DomainException("Plan.Action.Period.Invalid", "periodTo");
        }

        return this;
    }
}

/// <summary>An action (indsats; FHIR Task): what, one responsible person, by when, and how it stands (K2, R18).</summary>
public sealed class PlanAction : ICitizenRecord
{
    private PlanAction()
    {
        Text = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid PlanId { get; private set; }

    public Guid? GoalId { get; private set; }

    public string Text { get; private set; }

    /// <summary>The network member responsible; null when the citizen is.</summary>
    public Guid? OwnerMemberId { get; private set; }

    public bool OwnerIsCitizen { get; private set; }

    public DateOnly DueDate { get; private set; }

    public ActionStatus Status { get; private set; }

    public string? BlockedReason { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>An offering (tilbud) the action uses, e.g. the acute reception to call at night; offerings are public information.</summary>
    public Guid? OfferingId { get; private set; }

    /// <summary>How many hours a week the action asks of the citizen (issue 17: concurrent interventions add up).</summary>
    public decimal? HoursPerWeek { get; private set; }

    /// <summary>First day of the action's period; null when it runs from whenever it starts.</summary>
    public DateOnly? PeriodFrom { get; private set; }

    /// <summary>Last day of the action's period (inclusive); null when open-ended.</summary>
    public DateOnly? PeriodTo { get; private set; }

    /// <summary>Why the action is on hold; kept only while it is paused.</summary>
    public string? PausedReason { get; private set; }

    /// <summary>The day a paused action resumes; kept only while it is paused.</summary>
    public DateOnly? ResumeOn { get; private set; }

    public ActionOwner Owner => new(OwnerMemberId, OwnerIsCitizen);

    public ActionVolume Volume => new(HoursPerWeek, PeriodFrom, PeriodTo);

    /// <summary>Planned, in progress, blocked or paused: still something somebody has to do.</summary>
    public bool IsOpen => Status is ActionStatus.Planned or ActionStatus.InProgress or ActionStatus.Blocked or ActionStatus.Paused;

    /// <summary>A paused action is not overdue: it waits for its resume date by agreement.</summary>
    public bool IsOverdue(DateOnly today) => IsOpen && Status != ActionStatus.Paused && DueDate < today;

    internal static PlanAction Create(Guid planId, Guid? goalId, string text, ActionOwner owner, DateOnly due, DateTimeOffset now, Guid? offeringId = null, ActionVolume volume = default) =>
        new()
        {
            HoursPerWeek = volume.HoursPerWeek,
            PeriodFrom = volume.From,
            PeriodTo = volume.To,
            Id = Guid.CreateVersion7(now),
            PlanId = planId,
            GoalId = goalId,
            Text = text,
            OwnerMemberId = owner.MemberId,
            OwnerIsCitizen = owner.IsCitizen,
            DueDate = due,
            Status = ActionStatus.Planned,
            CreatedAt = now,
            OfferingId = offeringId,
        };

    internal void Update(Guid? goalId, string text, ActionOwner owner, DateOnly due, Guid? offeringId = null, ActionVolume volume = default)
    {
        HoursPerWeek = volume.HoursPerWeek;
        PeriodFrom = volume.From;
        PeriodTo = volume.To;
        OfferingId = offeringId;
        GoalId = goalId;
        Text = text;
        OwnerMemberId = owner.MemberId;
        OwnerIsCitizen = owner.IsCitizen;
        DueDate = due;
    }

    internal void SetStatus(ActionStatus status, string? blockedReason, DateTimeOffset now, string? pausedReason = null, DateOnly? resumeOn = null)
    {
        Status = status;
        BlockedReason = status == ActionStatus.Blocked ? blockedReason : null;
        PausedReason = status == ActionStatus.Paused ? pausedReason : null;
        ResumeOn = status == ActionStatus.Paused ? resumeOn : null;
        CompletedAt = status == ActionStatus.Done ? now : null;
    }

    internal void Unlink() => GoalId = null;
}

/// <summary>A joint evaluation of the plan (R16): when, what worked, what changes, who took part.</summary>
public sealed class PlanReview : ICitizenRecord
{
    private PlanReview()
    {
        Participants = string.Empty;
        RecordedByName = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid PlanId { get; private set; }

    public DateOnly Date { get; private set; }

    public string? WhatWorked { get; private set; }

    public string? WhatChanges { get; private set; }

    public string Participants { get; private set; }

    public string RecordedByName { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    internal static PlanReview Create(Guid planId, DateOnly date, string? worked, string? changes, string participants, Actor by, DateTimeOffset now) =>
        new()
        {
            Id = Guid.CreateVersion7(now),
            PlanId = planId,
            Date = date,
            WhatWorked = worked,
            WhatChanges = changes,
            Participants = participants,
            RecordedByName = by.DisplayName,
            RecordedAt = now,
        };
}

/// <summary>The citizen's own rating of how a goal is going, on a scale from 1 (not at all) to 5 (very well) (R16).</summary>
public sealed class GoalRating : ICitizenRecord
{
    public const int Lowest = 1;
    public const int Highest = 5;

    private GoalRating()
    {
    }

    public Guid Id { get; private set; }

    public Guid PlanId { get; private set; }

    public Guid GoalId { get; private set; }

    public DateOnly Date { get; private set; }

    public int Score { get; private set; }

    public RatingSource Source { get; private set; }

    public Guid? ReviewId { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    internal static GoalRating Create(Guid planId, Guid goalId, DateOnly date, int score, RatingSource source, Guid? reviewId, DateTimeOffset now) =>
        new() { Id = Guid.CreateVersion7(now), PlanId = planId, GoalId = goalId, Date = date, Score = score, Source = source, ReviewId = reviewId, RecordedAt = now };
}
