using Samspil.Domain.Consents;

namespace Samspil.Features.WorkQueue;

/// <summary>The work queue's sections, in the order the page shows them.</summary>
public enum WorkQueueSection
{
    OverdueActions = 0,
    ActionsThisWeek = 1,
    Meetings = 2,
    ExpiringConsents = 3,
    NewMessages = 4,
    HospitalStays = 5,
}

/// <summary>
/// One thing that needs the user: which course (and citizen, named only as the policy shows them), what,
/// a labelled date in the reader's language (<see cref="When"/>), and the one place to act (<see cref="Link"/>).
/// <see cref="Category"/> is the information category the item was read in. An action carries its id and
/// the plan version it was read at, so it can be ticked off in place.
/// </summary>
public sealed record WorkQueueItem(
    WorkQueueSection Section,
    Guid CourseId,
    string CitizenName,
    InformationCategory Category,
    string Title,
    string? Detail,
    string When,
    DateTimeOffset SortKey,
    string Link,
    Guid? ActionId = null,
    int? PlanVersion = null);

public sealed record WorkQueueSectionView(WorkQueueSection Section, int Count, IReadOnlyList<WorkQueueItem> Items);

/// <summary>What needs the signed-in professional now, section by section (empty sections included, with count 0).</summary>
public sealed record WorkQueueView(DateOnly Today, int Total, IReadOnlyList<WorkQueueSectionView> Sections);

/// <summary>An action ticked off: the plan's new version (also the ETag) and the action as it is now.</summary>
public sealed record TickOffResult(Guid CourseId, int PlanVersion, Plans.ActionView Action);
