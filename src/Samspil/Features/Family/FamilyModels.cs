using Samspil.Domain.Family;

namespace Samspil.Features.Family;

/// <summary>The citizen's family as the caller may see it from one course (docs/family.md).</summary>
public sealed record FamilyView(
    Guid CourseId,
    Guid CitizenId,
    string CitizenName,
    IReadOnlyList<ChildView> Children,
    IReadOnlyList<RelativeLinkView> RelativeLinks,
    IReadOnlyList<BisidderView> Bisidders,
    bool CanEdit,
    bool CanConsent,
    bool CitizenMode);

public sealed record ChildView(Guid Id, string? Label, ChildAgeBand AgeBand, ChildAwareness Awareness, ChildSupport Support, ChildOfferingView? Offering, string? Note, DateTimeOffset RecordedAt, string RecordedByName);

public sealed record ChildOfferingView(Guid Id, string Name);

/// <summary>
/// A link to a relative who is a patient too, seen from this course. <see cref="RelativeCourseId"/> and
/// <see cref="RelativeName"/> are null until both citizens consent.
/// </summary>
public sealed record RelativeLinkView(Guid Id, string Relation, bool ThisSideConsented, bool OtherSideConsented, bool Mutual, Guid? RelativeCourseId, string? RelativeName);

/// <summary>A bisidder (support person) the citizen chose: a network member in the role Bisidder.</summary>
public sealed record BisidderView(Guid MemberId, string Name, string? Relation, bool Active);

/// <summary>A child: <see cref="AgeBand"/>, <see cref="Awareness"/> and <see cref="Support"/> are required; an offering by id.</summary>
public sealed record ChildRequest(string? Label, ChildAgeBand? AgeBand, ChildAwareness? Awareness, ChildSupport? Support, Guid? OfferingId, string? Note);

/// <summary>Links the course to the relative's own course; the citizen of this course consents by the request itself.</summary>
public sealed record RelativeLinkRequest(Guid? RelativeCourseId, string? Relation, bool CitizenConsents);

public sealed record RelativeConsentRequest(bool? Consents);
