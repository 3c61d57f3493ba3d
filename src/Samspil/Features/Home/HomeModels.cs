using Samspil.Domain.Plans;

namespace Samspil.Features.Home;

/// <summary>The citizen home page's settings, from the <c>Citizen</c> configuration section.</summary>
public sealed class CitizenHomeOptions
{
    public const string Section = "Citizen";

    /// <summary>The number a citizen calls outside office hours (e.g. the region's medical helpline); nothing is shown when empty.</summary>
    public string? AfterHoursPhone { get; set; }

    /// <summary>Who answers <see cref="AfterHoursPhone"/>, as a proper name (e.g. "Lægevagten i Region Syddanmark").</summary>
    public string? AfterHoursLabel { get; set; }
}

/// <summary>
/// "Forside": what matters to the citizen (or the proxy acting for them) now — the next meeting, what
/// they are to do, new messages, how their goals go, and whom to call.
/// </summary>
/// <param name="ActingForName">For a proxy: the citizen's given name; null for the citizen themself.</param>
/// <param name="PlanCourseId">The course whose plan "Min plan" opens, when there is one.</param>
public sealed record CitizenHomeView(
    string? ActingForName,
    HomeMeetingView? NextMeeting,
    IReadOnlyList<HomeTaskView> Tasks,
    int UnreadMessages,
    IReadOnlyList<HomeMessageView> NewMessages,
    IReadOnlyList<HomeGoalView> Goals,
    IReadOnlyList<HomeContactView> Coordinators,
    IReadOnlyList<HomeContactView> EntryPoints,
    HomeContactView? AfterHours,
    Guid? PlanCourseId)
{
    /// <summary>"Hvor henvender jeg mig?": the entry point for the course's municipality and target group (issue 18), when known.</summary>
    public Samspil.Features.EntryPoints.EntryPointAnswer? EntryPoint { get; init; }
}

/// <param name="InterpreterBooked">An interpreter is among the meeting's participants.</param>
/// <param name="InterpreterNeeded">The citizen needs an interpreter (so a missing one is worth saying).</param>
public sealed record HomeMeetingView(
    Guid Id,
    Guid CourseId,
    string Title,
    DateTimeOffset Start,
    DateTimeOffset? End,
    string? Location,
    bool IsVideo,
    IReadOnlyList<HomePersonView> Participants,
    bool InterpreterBooked,
    bool InterpreterNeeded);

public sealed record HomePersonView(string Name, string? Organization, bool IsCitizen);

public sealed record HomeTaskView(Guid CourseId, Guid ActionId, string Text, DateOnly DueDate, ActionStatus Status, string? GoalTitle);

public sealed record HomeMessageView(Guid Id, string Subject, int UnreadCount, DateTimeOffset LastMessageAt, IReadOnlyList<string> Participants);

/// <param name="Progress">Share of steps done, 0–1, when the goal has steps.</param>
public sealed record HomeGoalView(Guid Id, Guid CourseId, string Title, GoalStatus Status, double? Progress, int StepsDone, int Steps, int? LatestScore);

/// <param name="Phone">As written; <see cref="TelHref"/> is the dialable link.</param>
public sealed record HomeContactView(string Name, string? Organization, string? Phone)
{
    /// <summary>A tel: link with only digits and a leading +, or null without a phone.</summary>
    public string? TelHref => Phone is { } p && p.Any(char.IsAsciiDigit)
        ? "tel:" + new string(p.Where((c, i) => char.IsAsciiDigit(c) || (c == '+' && i == 0)).ToArray())
        : null;
}
