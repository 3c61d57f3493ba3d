using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Audit;
using Samspil.Domain.Consents;
using Samspil.Domain.Family;

namespace Samspil.Features.Access;

/// <summary>A course read for its family: the citizen's children and the relative links visible from this course.</summary>
public sealed record FamilyRecord(CourseRecord Course, IReadOnlyList<CourseChild> Children, IReadOnlyList<RelativeLink> Links, IReadOnlyDictionary<Guid, string> RelativeNames)
{
    public Guid CitizenId => Course.Citizen.Id;
}

/// <summary>
/// Children and relative links (issue 17 point 6, docs/family.md). They are family circumstances, so they are read in
/// <see cref="InformationCategory.SocialAndFamily"/>: a consent that opens health or the plan does not open them. A
/// relative link is shown from the relative's course only after the citizen consented, and the other course (its id and
/// the other citizen's name) only while both consent (<see cref="RelativeLinkPolicy"/>); the reveal is logged on both
/// citizens.
/// </summary>
public sealed partial class CitizenDataAccess
{
    public const InformationCategory FamilyCategory = InformationCategory.SocialAndFamily;

    /// <summary>Whether the course page may offer the family page: staff who may read the course's family (decided, not logged; nothing is shown).</summary>
    public async Task<bool> MayReadFamilyAsync(Guid courseId, CancellationToken cancellationToken) =>
        user.IsStaff && await FindCourseAsync(courseId, FamilyCategory, AccessPurpose.Coordination, cancellationToken) is not null;

    /// <summary>Reads a course's family; null (404) unless the user may read the course in the family category. Logged before it is returned.</summary>
    public async Task<FamilyRecord?> ReadFamilyAsync(Guid courseId, CancellationToken cancellationToken)
    {
        var record = await FindCourseAsync(courseId, FamilyCategory, AccessPurpose.Coordination, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var (children, links, names) = await FamilyOfAsync(courseId, cancellationToken);
        log.Record(record.Citizen.Id, FamilyCategory, AccessAction.Read, "Family", courseId, record.Decision);
        foreach (var link in links.Where(RelativeLinkPolicy.MayRevealOtherCourse))
        {
            var other = link.CourseId == courseId ? link.RelativeCitizenId : link.CitizenId;
            log.Record(other, FamilyCategory, AccessAction.Read, "RelativeLink", link.Id, record.Decision);
        }

        await log.CommitAsync(cancellationToken);
        return new FamilyRecord(record, children, links, names);
    }

    /// <summary>
    /// Finds a course's family to change: staff who may read it and may change the course, or the citizen or proxy
    /// (<paramref name="self"/>: only their own consent to a link). Tracked entities; the caller records and commits.
    /// </summary>
    public async Task<(FamilyRecord Record, bool Self)?> FindFamilyForChangeAsync(Guid courseId, CancellationToken cancellationToken)
    {
        var record = await FindCourseAsync(courseId, FamilyCategory, AccessPurpose.Coordination, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var self = record.Decision.BasisKind is AccessBasisKind.Self or AccessBasisKind.Proxy;
        if (!self && !await MayChangeAsync(record, cancellationToken))
        {
            return null;
        }

        var children = await db.CourseChildren.Where(c => c.CourseId == courseId).OrderBy(c => c.RecordedAt).ToListAsync(cancellationToken);
        var links = (await db.RelativeLinks.Where(l => l.CourseId == courseId || l.RelativeCourseId == courseId).ToListAsync(cancellationToken))
            .Where(l => RelativeLinkPolicy.IsVisibleFrom(l, courseId))
            .ToList();
        return (new FamilyRecord(record, children, links, new Dictionary<Guid, string>()), self);
    }

    /// <summary>The relative's course a new link names: only one the user may read in the family category (else null, the same as none).</summary>
    public Task<CourseRecord?> FindRelativeCourseAsync(Guid relativeCourseId, CancellationToken cancellationToken) =>
        FindCourseAsync(relativeCourseId, FamilyCategory, AccessPurpose.Coordination, cancellationToken);

    private async Task<(List<CourseChild> Children, List<RelativeLink> Links, Dictionary<Guid, string> Names)> FamilyOfAsync(Guid courseId, CancellationToken cancellationToken)
    {
        var children = await db.CourseChildren.AsNoTracking().Where(c => c.CourseId == courseId).OrderBy(c => c.RecordedAt).ThenBy(c => c.Id).ToListAsync(cancellationToken);
        var links = (await db.RelativeLinks.AsNoTracking().Where(l => l.CourseId == courseId || l.RelativeCourseId == courseId).OrderBy(l => l.CreatedAt).ToListAsync(cancellationToken))
            .Where(l => RelativeLinkPolicy.IsVisibleFrom(l, courseId))
            .ToList();
        var revealed = links.Where(RelativeLinkPolicy.MayRevealOtherCourse).Select(l => l.CourseId == courseId ? l.RelativeCitizenId : l.CitizenId).Distinct().ToList();
        // A citizen whose identity is withheld is not named through a relative link either.
        var names = (await db.Citizens.AsNoTracking().Where(c => revealed.Contains(c.Id)).ToListAsync(cancellationToken))
            .Where(c => !c.IdentityWithheld)
            .ToDictionary(c => c.Id, c => c.FullName);
        return (children, links, names);
    }

    /// <summary>Removes a child the caller found for change (through the family read above); the caller logs and commits.</summary>
    public void RemoveChild(Domain.Family.CourseChild child) => db.CourseChildren.Remove(child);

    /// <summary>Whether two courses are already linked as relatives, either way round (refusing a second link; reveals nothing else).</summary>
    public Task<bool> RelativeLinkExistsAsync(Guid courseId, Guid relativeCourseId, CancellationToken cancellationToken) =>
        db.RelativeLinks.AnyAsync(l => (l.CourseId == courseId && l.RelativeCourseId == relativeCourseId) || (l.CourseId == relativeCourseId && l.RelativeCourseId == courseId), cancellationToken);
}
