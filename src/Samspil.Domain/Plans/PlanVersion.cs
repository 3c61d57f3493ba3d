using System.Text.Json;
using System.Text.Json.Serialization;
using Samspil.Domain.Common;

namespace Samspil.Domain.Plans;

/// <summary>One version of a plan: who changed it, when, what kind of change, and the whole plan as it then stood.</summary>
public sealed class PlanVersion : ICitizenRecord
{
    private PlanVersion()
    {
        ByName = string.Empty;
        Change = string.Empty;
        Snapshot = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid PlanId { get; private set; }

    public Guid CitizenId { get; private set; }

    public int Version { get; private set; }

    public DateTimeOffset At { get; private set; }

    public Guid ByUserId { get; private set; }

    public string ByName { get; private set; }

    /// <summary>A short code for the change ("Goal.Added"), shown translated.</summary>
    public string Change { get; private set; }

    /// <summary>The plan after the change, as JSON (<see cref="PlanSnapshot"/>).</summary>
    public string Snapshot { get; private set; }

    public PlanSnapshot Read() => PlanSnapshot.FromJson(Snapshot);

    internal static PlanVersion Of(CarePlan plan, string change, Actor by, DateTimeOffset at) =>
        new()
        {
            Id = Guid.CreateVersion7(at),
            PlanId = plan.Id,
            CitizenId = plan.CitizenId,
            Version = plan.Version,
            At = at,
            ByUserId = by.UserId,
            ByName = by.DisplayName,
            Change = change,
            Snapshot = PlanSnapshot.Of(plan).ToJson(),
        };
}

/// <summary>The content of a plan at one version: what the history stores and the diff compares.</summary>
public sealed record PlanSnapshot(
    string? Statement,
    string? Language,
    CitizenPartAuthor? Author,
    IReadOnlyList<string> Problems,
    IReadOnlyList<ChallengeSnapshot> Challenges,
    IReadOnlyList<GoalSnapshot> Goals,
    IReadOnlyList<ActionSnapshot> Actions,
    IReadOnlyList<ReviewSnapshot> Reviews,
    IReadOnlyList<RatingSnapshot> Ratings)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static PlanSnapshot Empty { get; } = new(null, null, null, [], [], [], [], [], []);

    public static PlanSnapshot Of(CarePlan plan) =>
        new(
            plan.CitizenStatement,
            plan.CitizenLanguage,
            plan.CitizenPartAuthor,
            plan.OrderedProblems.Select(p => p.Text).ToList(),
            plan.Challenges.Select(c => new ChallengeSnapshot(c.Id, c.Area, c.Text)).ToList(),
            plan.OrderedGoals.Select(g => new GoalSnapshot(
                g.Id, g.Title, g.CitizenWish, g.Status,
                g.OrderedSubGoals.Select(s => new SubGoalSnapshot(s.Id, s.Text, s.Done)).ToList())).ToList(),
            plan.Actions.OrderBy(a => a.CreatedAt).ThenBy(a => a.Id)
                .Select(a => new ActionSnapshot(a.Id, a.GoalId, a.Text, a.OwnerMemberId, a.OwnerIsCitizen, a.DueDate, a.Status, a.BlockedReason, a.HoursPerWeek, a.PeriodFrom, a.PeriodTo, a.PausedReason, a.ResumeOn)).ToList(),
            plan.Reviews.OrderBy(r => r.Date).ThenBy(r => r.RecordedAt)
                .Select(r => new ReviewSnapshot(r.Id, r.Date, r.WhatWorked, r.WhatChanges, r.Participants)).ToList(),
            plan.Ratings.OrderBy(r => r.Date).ThenBy(r => r.RecordedAt)
                .Select(r => new RatingSnapshot(r.Id, r.GoalId, r.Date, r.Score, r.Source)).ToList());

    public static PlanSnapshot FromJson(string json) =>
        JsonSerializer.Deserialize<PlanSnapshot>(json, Json) ?? throw new InvalidOperationException("Empty plan snapshot.");

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}

public sealed record ChallengeSnapshot(Guid Id, ChallengeArea Area, string Text);

public sealed record GoalSnapshot(Guid Id, string Title, string? CitizenWish, GoalStatus Status, IReadOnlyList<SubGoalSnapshot> SubGoals);

public sealed record SubGoalSnapshot(Guid Id, string Text, bool Done);

/// <summary>An action as a version stored it; the volume and pause fields (issue 17) are absent, so null, in versions stored before them.</summary>
public sealed record ActionSnapshot(
    Guid Id,
    Guid? GoalId,
    string Text,
    Guid? OwnerMemberId,
    bool OwnerIsCitizen,
    DateOnly DueDate,
    ActionStatus Status,
    string? BlockedReason,
    decimal? HoursPerWeek = null,
    DateOnly? PeriodFrom = null,
    DateOnly? PeriodTo = null,
    string? PausedReason = null,
    DateOnly? ResumeOn = null);

public sealed record ReviewSnapshot(Guid Id, DateOnly Date, string? WhatWorked, string? WhatChanges, string Participants);

public sealed record RatingSnapshot(Guid Id, Guid GoalId, DateOnly Date, int Score, RatingSource Source);
