using Samspil.Domain.Directory;
using Samspil.Domain.Network;
using Samspil.Domain.Plans;

namespace Samspil.Features.Plans;

/// <summary>
/// The shared plan of a course as the caller may see it. <see cref="Version"/> is 0 while the course
/// has no plan yet; it is the ETag that every change must send back in If-Match.
/// </summary>
public sealed record PlanView(
    Guid CourseId,
    Guid? PlanId,
    int Version,
    Guid CitizenId,
    string CitizenName,
    bool IsDemo,
    DateTimeOffset? UpdatedAt,
    string? UpdatedByName,
    CitizenPartView CitizenPart,
    IReadOnlyList<ChallengeView> Challenges,
    IReadOnlyList<GoalView> Goals,
    IReadOnlyList<ActionView> Actions,
    IReadOnlyList<ReviewView> Reviews,
    IReadOnlyList<OwnerView> PossibleOwners,
    PlanPermissions Permissions,
    IReadOnlyList<WeekLoadView>? WeeklyLoad = null);

/// <summary>
/// The citizen's load in one week (Monday <see cref="WeekStart"/>, ISO week number) across sectors: hours a week of the
/// actions that run that week (issue 17). <see cref="SectorHoursView.Sector"/> is a <see cref="Sector"/> name, "Citizen"
/// (the citizen's own actions) or "Other" (a relative, friend or peer).
/// </summary>
public sealed record WeekLoadView(DateOnly WeekStart, int IsoWeek, IReadOnlyList<SectorHoursView> Sectors, decimal Total);

public sealed record SectorHoursView(string Sector, decimal Hours);

/// <summary>What the caller may change: everything (staff on the course), or the citizen's own words and ratings.</summary>
public sealed record PlanPermissions(bool CanEdit, bool CanEditCitizenPart, bool CanRate);

/// <summary>The citizen's own part, marked with who wrote it down.</summary>
public sealed record CitizenPartView(string? Statement, string? Language, CitizenPartAuthor? Author, string? WrittenByName, IReadOnlyList<string> Problems);

public sealed record ChallengeView(Guid Id, ChallengeArea Area, string Text);

public sealed record GoalView(
    Guid Id,
    int Position,
    string Title,
    string? CitizenWish,
    GoalStatus Status,
    IReadOnlyList<SubGoalView> SubGoals,
    double? Progress,
    IReadOnlyList<RatingView> Ratings,
    int? LatestScore);

public sealed record SubGoalView(Guid Id, int Position, string Text, bool Done);

public sealed record ActionView(
    Guid Id,
    Guid? GoalId,
    string? GoalTitle,
    string Text,
    OwnerView Owner,
    DateOnly DueDate,
    ActionStatus Status,
    string? BlockedReason,
    bool IsOpen,
    bool IsOverdue,
    DateTimeOffset? CompletedAt,
    ActionOfferingView? Offering = null,
    decimal? HoursPerWeek = null,
    DateOnly? PeriodFrom = null,
    DateOnly? PeriodTo = null,
    string? PausedReason = null,
    DateOnly? ResumeOn = null);

/// <summary>The offering an action links to, with its open state now (issue 18); inactive offerings show as such.</summary>
public sealed record ActionOfferingView(Guid Id, string Name, bool Active, bool OpenNow, DateTime? OpenUntil);

/// <summary>The one person responsible for an action, with their sector and mandate (R18).</summary>
public sealed record OwnerView(
    Guid? MemberId,
    bool IsCitizen,
    string Name,
    string? Organization,
    Sector? Sector,
    string? Title,
    string? Mandate,
    CollaborationRole? Role,
    bool ActiveInNetwork);

public sealed record ReviewView(Guid Id, DateOnly Date, string? WhatWorked, string? WhatChanges, string Participants, string RecordedByName, IReadOnlyList<RatingView> Ratings);

public sealed record RatingView(Guid Id, Guid GoalId, DateOnly Date, int Score, RatingSource Source);

/// <summary>One of a professional's open actions across courses ("Mine opgaver"), with the plan version it was read at (to tick it off).</summary>
public sealed record MyTaskView(Guid CourseId, string CitizenName, ActionView Action, int PlanVersion);

public sealed record PlanVersionSummary(int Version, DateTimeOffset At, string ByName, string Change);

public sealed record PlanHistoryView(Guid CourseId, string CitizenName, int CurrentVersion, IReadOnlyList<PlanVersionSummary> Versions);

/// <summary>What changed between two versions, ready to show.</summary>
public sealed record PlanDiffView(int From, int To, IReadOnlyList<PlanChangeView> Changes);

public sealed record PlanChangeView(PlanSection Section, PlanChangeKind Kind, string Item, string? Field, string? Before, string? After);

public sealed record CitizenPartRequest(string? Statement, string? Language, IReadOnlyList<string>? Problems);

public sealed record ChallengeRequest(ChallengeArea? Area, string? Text);

public sealed record CreateGoalRequest(string? Title, string? CitizenWish, IReadOnlyList<string>? SubGoals);

public sealed record UpdateGoalRequest(string? Title, string? CitizenWish, GoalStatus? Status);

public sealed record MoveGoalRequest(int? Position);

public sealed record SubGoalRequest(string? Text, bool Done = false);

public sealed record ReorderSubGoalsRequest(IReadOnlyList<Guid>? Order);

/// <summary>An action: exactly one of <see cref="OwnerMemberId"/> (an active network member) or <see cref="OwnerIsCitizen"/>.</summary>
/// <remarks>
/// Volume (issue 17): <see cref="HoursPerWeek"/> (more than 0, at most 168, two decimals at most) over the period
/// <see cref="PeriodFrom"/>–<see cref="PeriodTo"/> (inclusive, either open). A PUT replaces the action: left out is cleared.
/// </remarks>
public sealed record ActionRequest(Guid? GoalId, string? Text, Guid? OwnerMemberId, bool OwnerIsCitizen, DateOnly? DueDate, Guid? OfferingId = null, decimal? HoursPerWeek = null, DateOnly? PeriodFrom = null, DateOnly? PeriodTo = null);

/// <summary>A new status; Blocked needs <see cref="BlockedReason"/>, Paused needs <see cref="PausedReason"/> and a <see cref="ResumeOn"/> after today.</summary>
public sealed record ActionStatusRequest(ActionStatus? Status, string? BlockedReason, string? PausedReason = null, DateOnly? ResumeOn = null);

public sealed record ReviewRequest(DateOnly? Date, string? WhatWorked, string? WhatChanges, string? Participants, IReadOnlyList<RatingInput>? Ratings);

public sealed record RatingInput(Guid GoalId, int Score);

public sealed record RateGoalRequest(int? Score, DateOnly? Date);
