namespace Samspil.Domain.Plans;

/// <summary>What a challenge is about (udfordring). Social stressors count as much as health (R21).</summary>
public enum ChallengeArea
{
    Health = 0,
    Work = 1,
    Income = 2,
    Housing = 3,
    ResidencePermit = 4,
    Family = 5,
    Social = 6,
    Other = 7,
}

/// <summary>Status of a shared goal. Goals are never deleted: a goal given up stays in the plan's history as dropped.</summary>
public enum GoalStatus
{
    Active = 0,
    Achieved = 1,
    Dropped = 2,
}

/// <summary>Status of an action (indsats; FHIR Task.status).</summary>
public enum ActionStatus
{
    Planned = 0,
    InProgress = 1,
    Done = 2,
    Cancelled = 3,
    Blocked = 4,

    /// <summary>On hold for a while, with a reason and the date it resumes (FHIR Task.status on-hold with statusReason).</summary>
    Paused = 5,
}

/// <summary>Who wrote the citizen's own part down (it is always the citizen's words, R13).</summary>
public enum CitizenPartAuthor
{
    Citizen = 0,
    Proxy = 1,
    Professional = 2,
}

/// <summary>Who gave a progress rating: the citizen, their proxy, or a professional writing down what the citizen said.</summary>
public enum RatingSource
{
    Citizen = 0,
    Proxy = 1,
    Professional = 2,
}
