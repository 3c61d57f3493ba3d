using Samspil.Domain.Common;

namespace Samspil.Domain.Plans;

/// <summary>
/// The shared plan of a course (fælles plan; FHIR CarePlan): one plan across sectors (R15) that starts
/// from the citizen's own words (R13), turns their wishes into shared goals with prioritised sub-goals
/// (R14) and actions with one responsible person each (K2, R18), and is evaluated with the citizen (R16).
/// <para>
/// Every change is a new <see cref="Version"/>; the caller stores the <see cref="PlanVersion"/> that
/// <see cref="Record"/> returns, so the whole history can be shown and compared. The version is also
/// the optimistic-concurrency token (ETag): a change made against an older version is refused.
/// </para>
/// </summary>
public sealed class CarePlan : ICitizenRecord
{
    public const int MaxProblems = 10;
    public const int MaxChallenges = 50;
    public const int MaxGoals = 30;
    public const int MaxSubGoals = 20;
    public const int MaxActions = 300;
    public const int MaxReviews = 200;
    public const int MaxRatings = 2000;

    private readonly List<PlanProblem> _problems = [];
    private readonly List<PlanChallenge> _challenges = [];
    private readonly List<PlanGoal> _goals = [];
    private readonly List<PlanAction> _actions = [];
    private readonly List<PlanReview> _reviews = [];
    private readonly List<GoalRating> _ratings = [];

    private CarePlan()
    {
        UpdatedByName = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid CourseId { get; private set; }

    public Guid CitizenId { get; private set; }

    /// <summary>1 when created; one more for every change. The concurrency token.</summary>
    public int Version { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public Guid UpdatedByUserId { get; private set; }

    public string UpdatedByName { get; private set; }

    /// <summary>The citizen's personal statement: what matters to them, in their own words and language.</summary>
    public string? CitizenStatement { get; private set; }

    /// <summary>Language of the citizen's own words (ISO 639 code, e.g. "da", "ar", "uk").</summary>
    public string? CitizenLanguage { get; private set; }

    public CitizenPartAuthor? CitizenPartAuthor { get; private set; }

    public string? CitizenPartWrittenByName { get; private set; }

    public IReadOnlyList<PlanProblem> Problems => _problems;

    public IReadOnlyList<PlanChallenge> Challenges => _challenges;

    public IReadOnlyList<PlanGoal> Goals => _goals;

    public IReadOnlyList<PlanAction> Actions => _actions;

    public IReadOnlyList<PlanReview> Reviews => _reviews;

    public IReadOnlyList<GoalRating> Ratings => _ratings;

    public IEnumerable<PlanGoal> OrderedGoals => _goals.OrderBy(g => g.Order);

    public IEnumerable<PlanProblem> OrderedProblems => _problems.OrderBy(p => p.Order);

    public static (CarePlan Plan, PlanVersion First) Create(Guid courseId, Guid citizenId, Actor by, Moment now)
    {
        var plan = new CarePlan
        {
            Id = Guid.CreateVersion7(now.Utc),
            CourseId = courseId,
            CitizenId = citizenId,
            CreatedAt = now.Utc,
        };
        return (plan, plan.Record(by, now, "Plan.Created"));
    }

    /// <summary>Refuses a change made against another version than the current one (lost-update protection).</summary>
    public void EnsureVersion(int? expected)
    {
        if (expected is { } version && version != Version)
        {
            throw new PlanVersionConflictException(version, Version);
        }
    }

    /// <summary>
    /// Closes a change: the version goes up and a snapshot of the plan as it now stands is returned
    /// for the history. <paramref name="change"/> is a short code for what changed ("Goal.Added").
    /// </summary>
    public PlanVersion Record(Actor by, Moment now, string change)
    {
        Version++;
        UpdatedAt = now.Utc;
        UpdatedByUserId = by.UserId;
        UpdatedByName = by.DisplayName;
        return PlanVersion.Of(this, change, by, now.Utc);
    }

    /// <summary>Sets the citizen's own part. Empty statement and no problems clears it.</summary>
    public void SetCitizenPart(string? statement, string? language, IReadOnlyList<string>? problems, CitizenPartAuthor author, Actor by, Moment now)
    {
        var text = Guard.OptionalText(statement, 4000, "Plan.Statement", "statement");
        var cleaned = new List<string>();
        foreach (var (problem, i) in (problems ?? []).Select((p, i) => (p, i)))
        {
            if (Guard.OptionalText(problem, 500, "Plan.Problem", $"problems[{i}]") is { } p)
            {
                cleaned.Add(p);
            }
        }

        if (cleaned.Count > MaxProblems)
        {
            throw new DomainException("Plan.Problem.TooMany", "problems");
        }

        var lang = language?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(lang))
        {
            lang = null;
        }
        else if (lang.Length is < 2 or > 3 || !lang.All(char.IsAsciiLetterLower))
        {
            throw new DomainException("Plan.Language.Invalid", "language");
        }

        CitizenStatement = text;
        CitizenLanguage = text is null && cleaned.Count == 0 ? null : lang;
        CitizenPartAuthor = text is null && cleaned.Count == 0 ? null : author;
        CitizenPartWrittenByName = text is null && cleaned.Count == 0 ? null : by.DisplayName;
        _problems.Clear();
        for (var i = 0; i < cleaned.Count; i++)
        {
            _problems.Add(PlanProblem.Create(Id, i, cleaned[i], now.Utc));
        }
    }

    public PlanChallenge AddChallenge(ChallengeArea area, string? text, Moment now)
    {
        EnsureDefined(area, "Plan.Challenge.AreaInvalid", "area");
        EnsureRoom(_challenges.Count, MaxChallenges, "Plan.Challenge.TooMany");
        var challenge = PlanChallenge.Create(Id, area, Guard.RequiredText(text, 1000, "Plan.Challenge.Text", "text"), now.Utc);
        _challenges.Add(challenge);
        return challenge;
    }

    public void UpdateChallenge(Guid challengeId, ChallengeArea area, string? text)
    {
        EnsureDefined(area, "Plan.Challenge.AreaInvalid", "area");
        FindChallenge(challengeId).Update(area, Guard.RequiredText(text, 1000, "Plan.Challenge.Text", "text"));
    }

    public void RemoveChallenge(Guid challengeId) => _challenges.Remove(FindChallenge(challengeId));

    /// <summary>Adds a shared goal last in priority, with its sub-goals in the given order.</summary>
    public PlanGoal AddGoal(string? title, string? citizenWish, IReadOnlyList<string>? subGoals, Moment now)
    {
        EnsureRoom(_goals.Count, MaxGoals, "Plan.Goal.TooMany");
        var goal = PlanGoal.Create(
            Id,
            _goals.Count,
            Guard.RequiredText(title, 300, "Plan.Goal.Title", "title"),
            Guard.OptionalText(citizenWish, 1000, "Plan.Goal.Wish", "citizenWish"),
            now.Utc);
        var texts = (subGoals ?? []).Select((s, i) => Guard.OptionalText(s, 300, "Plan.SubGoal.Text", $"subGoals[{i}]")).OfType<string>().ToList();
        EnsureRoom(texts.Count - 1, MaxSubGoals, "Plan.SubGoal.TooMany", "subGoals");
        foreach (var text in texts)
        {
            goal.AddSubGoal(text, now.Utc);
        }

        _goals.Add(goal);
        return goal;
    }

    public void UpdateGoal(Guid goalId, string? title, string? citizenWish, GoalStatus status)
    {
        EnsureDefined(status, "Plan.Goal.StatusInvalid", "status");
        FindGoal(goalId).Update(
            Guard.RequiredText(title, 300, "Plan.Goal.Title", "title"),
            Guard.OptionalText(citizenWish, 1000, "Plan.Goal.Wish", "citizenWish"),
            status);
    }

    /// <summary>Moves a goal to a position in the priority order (0 = first).</summary>
    public void MoveGoal(Guid goalId, int position)
    {
        var goal = FindGoal(goalId);
        if (position < 0 || position >= _goals.Count)
        {
            throw new DomainException("Plan.Goal.PositionInvalid", "position");
        }

        var ordered = OrderedGoals.Where(g => g != goal).ToList();
        ordered.Insert(position, goal);
        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].Order = i;
        }
    }

    public SubGoal AddSubGoal(Guid goalId, string? text, Moment now)
    {
        var goal = FindGoal(goalId);
        EnsureRoom(goal.SubGoals.Count, MaxSubGoals, "Plan.SubGoal.TooMany");
        return goal.AddSubGoal(Guard.RequiredText(text, 300, "Plan.SubGoal.Text", "text"), now.Utc);
    }

    public void UpdateSubGoal(Guid goalId, Guid subGoalId, string? text, bool done) =>
        FindGoal(goalId).FindSubGoal(subGoalId).Update(Guard.RequiredText(text, 300, "Plan.SubGoal.Text", "text"), done);

    public void RemoveSubGoal(Guid goalId, Guid subGoalId) => FindGoal(goalId).RemoveSubGoal(subGoalId);

    /// <summary>Sets the priority order of a goal's sub-goals; <paramref name="order"/> names every sub-goal once.</summary>
    public void ReorderSubGoals(Guid goalId, IReadOnlyList<Guid>? order) => FindGoal(goalId).Reorder(order ?? []);

    /// <summary>
    /// Adds an action with one responsible person: an active member of the course's network
    /// (<paramref name="activeMembers"/>) or the citizen.
    /// </summary>
    public PlanAction AddAction(Guid? goalId, string? text, ActionOwner owner, DateOnly? dueDate, IReadOnlySet<Guid> activeMembers, Moment now, Guid? offeringId = null, ActionVolume volume = default)
    {
        EnsureRoom(_actions.Count, MaxActions, "Plan.Action.TooMany");
        var (valid, due) = ValidateAction(goalId, owner, dueDate, activeMembers, null);
        var checkedVolume = volume.Validated();
        var action = PlanAction.Create(Id, goalId, Guard.RequiredText(text, 500, "Plan.Action.Text", "text"), valid, due, now.Utc, offeringId, checkedVolume);
        _actions.Add(action);
        return action;
    }

    /// <summary>Changes an action; like any PUT it replaces the whole action, so a volume left out is cleared.</summary>
    public void UpdateAction(Guid actionId, Guid? goalId, string? text, ActionOwner owner, DateOnly? dueDate, IReadOnlySet<Guid> activeMembers, Guid? offeringId = null, ActionVolume volume = default)
    {
        var action = FindAction(actionId);
        var (valid, due) = ValidateAction(goalId, owner, dueDate, activeMembers, action.Owner);
        var checkedVolume = volume.Validated();
        action.Update(goalId, Guard.RequiredText(text, 500, "Plan.Action.Text", "text"), valid, due, offeringId, checkedVolume);
    }

    /// <summary>
    /// Moves an action to a status; blocked needs a reason, which is kept until it is unblocked. Paused needs a reason
    /// and a resume date after today (a pause with no end is a cancellation or a block, not a pause).
    /// </summary>
    public void SetActionStatus(Guid actionId, ActionStatus status, string? blockedReason, Moment now, string? pausedReason = null, DateOnly? resumeOn = null)
    {
        EnsureDefined(status, "Plan.Action.StatusInvalid", "status");
        var action = FindAction(actionId);
        var reason = status == ActionStatus.Blocked ? Guard.RequiredText(blockedReason, 500, "Plan.Action.BlockedReason", "blockedReason") : null;
        string? paused = null;
        DateOnly? resume = null;
        if (status == ActionStatus.Paused)
        {
            paused = Guard.RequiredText(pausedReason, 500, "Plan.Action.PausedReason", "pausedReason");
            resume = resumeOn ?? throw new DomainException("Plan.Action.ResumeDate.Required", "resumeOn");
            if (resume <= now.Today)
            {
                throw new DomainException("Plan.Action.ResumeDate.NotFuture", "resumeOn");
            }
        }

        action.SetStatus(status, reason, now.Utc, paused, resume);
    }

    /// <summary>Records a joint evaluation, with the citizen's ratings of goals given at it.</summary>
    public PlanReview AddReview(DateOnly? date, string? whatWorked, string? whatChanges, string? participants, IReadOnlyList<(Guid GoalId, int Score)>? ratings, RatingSource source, Actor by, Moment now)
    {
        EnsureRoom(_reviews.Count, MaxReviews, "Plan.Review.TooMany");
        var day = EnsurePastDate(date, now, "Plan.Review.Date", "date");
        var worked = Guard.OptionalText(whatWorked, 2000, "Plan.Review.WhatWorked", "whatWorked");
        var changes = Guard.OptionalText(whatChanges, 2000, "Plan.Review.WhatChanges", "whatChanges");
        if (worked is null && changes is null)
        {
            throw new DomainException("Plan.Review.Empty", "whatWorked");
        }

        var who = Guard.RequiredText(participants, 500, "Plan.Review.Participants", "participants");
        var review = PlanReview.Create(Id, day, worked, changes, who, by, now.Utc);
        var given = ratings ?? [];
        if (given.Select(r => r.GoalId).Distinct().Count() != given.Count)
        {
            throw new DomainException("Plan.Rating.Duplicate", "ratings");
        }

        foreach (var (goalId, score) in given)
        {
            _ratings.Add(NewRating(goalId, day, score, source, review.Id, now));
        }

        _reviews.Add(review);
        return review;
    }

    /// <summary>The citizen rates how a goal is going (also between evaluations).</summary>
    public GoalRating RateGoal(Guid goalId, int score, DateOnly? date, RatingSource source, Moment now)
    {
        var rating = NewRating(goalId, EnsurePastDate(date, now, "Plan.Rating.Date", "date"), score, source, null, now);
        _ratings.Add(rating);
        return rating;
    }

    /// <summary>Progress of a goal as the share of its sub-goals done (0–1), or null when it has none.</summary>
    public static double? Progress(PlanGoal goal) =>
        goal.Status == GoalStatus.Achieved ? 1 : goal.SubGoals.Count == 0 ? null : goal.SubGoals.Count(s => s.Done) / (double)goal.SubGoals.Count;

    public PlanGoal FindGoal(Guid goalId) =>
        _goals.SingleOrDefault(g => g.Id == goalId) ?? throw new DomainException("Plan.Goal.NotFound", "goalId");

    public PlanAction FindAction(Guid actionId) =>
        _actions.SingleOrDefault(a => a.Id == actionId) ?? throw new DomainException("Plan.Action.NotFound", "actionId");

    private PlanChallenge FindChallenge(Guid challengeId) =>
        _challenges.SingleOrDefault(c => c.Id == challengeId) ?? throw new DomainException("Plan.Challenge.NotFound", "challengeId");

    private GoalRating NewRating(Guid goalId, DateOnly date, int score, RatingSource source, Guid? reviewId, Moment now)
    {
        EnsureRoom(_ratings.Count, MaxRatings, "Plan.Rating.TooMany");
        EnsureDefined(source, "Plan.Rating.SourceInvalid", "source");
        // A goal named in the address is "not found"; one named in a review's body is bad input.
        var goal = _goals.SingleOrDefault(g => g.Id == goalId)
            ?? throw (reviewId is null ? new DomainException("Plan.Goal.NotFound", "goalId") : new DomainException("Plan.Rating.GoalUnknown", "ratings"));
        if (goal.Status == GoalStatus.Dropped)
        {
            throw new DomainException("Plan.Rating.GoalDropped", "ratings");
        }

        if (score is < GoalRating.Lowest or > GoalRating.Highest)
        {
            throw new DomainException("Plan.Rating.ScoreInvalid", "score");
        }

        return GoalRating.Create(Id, goalId, date, score, source, reviewId, now.Utc);
    }

    private (ActionOwner Owner, DateOnly Due) ValidateAction(Guid? goalId, ActionOwner owner, DateOnly? dueDate, IReadOnlySet<Guid> activeMembers, ActionOwner? current)
    {
        if (goalId is { } id && _goals.All(g => g.Id != id))
        {
            throw new DomainException("Plan.Action.GoalUnknown", "goalId");
        }

        if (owner.IsCitizen == owner.MemberId.HasValue)
        {
            throw new DomainException("Plan.Action.Owner.Required", "owner");
        }

        // An owner who has since left the network may stay on an existing action; a new owner must be active.
        if (owner.MemberId is { } member && !activeMembers.Contains(member) && current != owner)
        {
            throw new DomainException("Plan.Action.Owner.NotInNetwork", "owner");
        }

        return (owner, dueDate ?? throw new DomainException("Plan.Action.DueDate.Required", "dueDate"));
    }

    /// <summary>An evaluation or rating is about what has happened: dated today or earlier.</summary>
    private static DateOnly EnsurePastDate(DateOnly? date, Moment now, string code, string field)
    {
        var day = date ?? throw new DomainException(code + ".Required", field);
        return day > now.Today ? throw new DomainException(code + ".InFuture", field) : day;
    }

    /// <summary>A full plan refuses more (409); a request that alone asks for too much names its field (400).</summary>
    private static void EnsureRoom(int count, int max, string code, string? field = null)
    {
        if (count >= max)
        {
            throw new DomainException(code, field);
        }
    }

    private static void EnsureDefined<T>(T value, string code, string field)
        where T : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            throw new DomainException(code, field);
        }
    }
}

/// <summary>The plan changed since the version the caller edited (HTTP 412 with both versions).</summary>
public sealed class PlanVersionConflictException(int expected, int current)
    : Exception($"The plan is at version {current}, not {expected}.")
{
    public int ExpectedVersion { get; } = expected;

    public int CurrentVersion { get; } = current;
}
