using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Audit;
using Samspil.Domain.Common;
using Samspil.Domain.Consents;
using Samspil.Domain.Family;
using Samspil.Domain.Network;
using Samspil.Domain.Offerings;
using Samspil.Features.Access;
using Samspil.Features.Network;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Family;

/// <summary>
/// Use cases of the citizen's family on a course (issue 17 point 6, docs/family.md), shared by the API and the page.
/// Reads and changes go through <see cref="CitizenDataAccess"/> in the category "socialt og familie". Staff on the course
/// record children and make links; the citizen or proxy may give or take back their own consent to a link.
/// </summary>
public sealed class FamilyService(SamspilDbContext db, CitizenDataAccess access, TimeProvider time)
{
    private const InformationCategory Category = CitizenDataAccess.FamilyCategory;

    public async Task<FamilyView?> GetAsync(Guid courseId, CancellationToken cancellationToken)
    {
        var record = await access.ReadFamilyAsync(courseId, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var today = CopenhagenTime.Today(time);
        var course = record.Course.Course;
        var open = !course.IsEnded(today);
        var self = record.Course.Decision.BasisKind is AccessBasisKind.Self or AccessBasisKind.Proxy;
        var staff = open && !self && await access.MayChangeAsync(record.Course, cancellationToken);

        var offeringIds = record.Children.Where(c => c.OfferingId is not null).Select(c => c.OfferingId!.Value).Distinct().ToList();
        var offerings = await db.Offerings.AsNoTracking().Where(o => offeringIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        var children = record.Children
            .Select(c => new ChildView(c.Id, c.Label, c.AgeBand, c.Awareness, c.Support, c.OfferingId is { } oid && offerings.TryGetValue(oid, out var name) ? new ChildOfferingView(oid, name) : null, c.Note, c.RecordedAt, c.RecordedByName))
            .ToList();
        var links = record.Links.Select(l =>
        {
            var citizenSide = l.IsCitizenSide(courseId);
            var reveal = RelativeLinkPolicy.MayRevealOtherCourse(l);
            var otherCitizen = citizenSide ? l.RelativeCitizenId : l.CitizenId;
            return new RelativeLinkView(
                l.Id,
                l.Relation,
                (citizenSide ? l.CitizenConsentOn : l.RelativeConsentOn) is not null,
                (citizenSide ? l.RelativeConsentOn : l.CitizenConsentOn) is not null,
                l.IsMutual,
                reveal ? (citizenSide ? l.RelativeCourseId : l.CourseId) : null,
                reveal ? record.RelativeNames.GetValueOrDefault(otherCitizen) : null);
        }).ToList();

        var bisidderMembers = course.Members.Where(m => m.Role == CollaborationRole.Bisidder).ToList();
        var roles = await MemberDirectory.RolesOfAsync(db, bisidderMembers, cancellationToken);
        var bisidders = bisidderMembers
            .Select(m => new BisidderView(m.Id, m.PractitionerRoleId is { } roleId && roles.TryGetValue(roleId, out var r) ? r.Professional.Name : m.PersonName ?? string.Empty, m.Relation, m.IsActiveOn(today)))
            .OrderByDescending(b => b.Active)
            .ToList();
        return new FamilyView(course.Id, record.CitizenId, record.Course.Citizen.FullName, children, links, bisidders, staff, staff || (open && self), self);
    }

    public Task<FamilyView?> AddChildAsync(Guid courseId, ChildRequest request, CancellationToken cancellationToken) =>
        ChangeAsync(courseId, staffOnly: true, async (family, now) =>
        {
            if (family.Children.Count >= CourseChild.MaxPerCourse)
            {
                throw new DomainException("Family.Child.TooMany");
            }

            var child = CourseChild.Create(courseId, family.CitizenId, await DetailsOfAsync(request, cancellationToken), access.User.AsActor(), now.Utc);
            db.CourseChildren.Add(child);
            access.Log.Record(family.CitizenId, Category, AccessAction.Create, "CourseChild", child.Id, family.Course.Decision);
        }, cancellationToken);

    public Task<FamilyView?> UpdateChildAsync(Guid courseId, Guid childId, ChildRequest request, CancellationToken cancellationToken) =>
        ChangeAsync(courseId, staffOnly: true, async (family, now) =>
        {
            var child = family.Children.SingleOrDefault(c => c.Id == childId) ?? throw new DomainException("Family.Child.NotFound", "childId");
            child.Update(await DetailsOfAsync(request, cancellationToken), access.User.AsActor(), now.Utc);
            access.Log.Record(family.CitizenId, Category, AccessAction.Update, "CourseChild", child.Id, family.Course.Decision);
        }, cancellationToken);

    public Task<FamilyView?> RemoveChildAsync(Guid courseId, Guid childId, CancellationToken cancellationToken) =>
        ChangeAsync(courseId, staffOnly: true, (family, now) =>
        {
            var child = family.Children.SingleOrDefault(c => c.Id == childId) ?? throw new DomainException("Family.Child.NotFound", "childId");
            access.RemoveChild(child);
            access.Log.Record(family.CitizenId, Category, AccessAction.Delete, "CourseChild", child.Id, family.Course.Decision);
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>
    /// Links the course to the relative's own course. The citizen's consent is part of the request (refused without it);
    /// the relative's course must be one the caller may read in the family category, else it is "unknown" — the same
    /// answer as a course that does not exist.
    /// </summary>
    public Task<FamilyView?> AddLinkAsync(Guid courseId, RelativeLinkRequest request, CancellationToken cancellationToken) =>
        ChangeAsync(courseId, staffOnly: true, async (family, now) =>
        {
            if (!request.CitizenConsents)
            {
                throw new DomainException("Family.Link.ConsentRequired", "citizenConsents");
            }

            var relativeCourseId = request.RelativeCourseId ?? throw new DomainException("Family.Link.CourseUnknown", "relativeCourseId");
            var relative = relativeCourseId == courseId ? null : await access.FindRelativeCourseAsync(relativeCourseId, cancellationToken);
            if (relative is null)
            {
                throw new DomainException("Family.Link.CourseUnknown", "relativeCourseId");
            }

            if (await access.RelativeLinkExistsAsync(courseId, relativeCourseId, cancellationToken))
            {
                throw new DomainException("Family.Link.Exists");
            }

            var link = RelativeLink.Create(courseId, family.CitizenId, relativeCourseId, relative.Citizen.Id, request.Relation, access.User.AsActor(), now);
            db.RelativeLinks.Add(link);
            access.Log.Record(family.CitizenId, Category, AccessAction.Create, "RelativeLink", link.Id, family.Course.Decision);
            access.Log.Record(relative.Citizen.Id, Category, AccessAction.Create, "RelativeLink", link.Id, relative.Decision);
        }, cancellationToken);

    /// <summary>Gives or takes back the consent of this course's citizen to a link: staff who may change the course, the citizen or their proxy.</summary>
    public Task<FamilyView?> SetConsentAsync(Guid courseId, Guid linkId, RelativeConsentRequest request, CancellationToken cancellationToken) =>
        ChangeAsync(courseId, staffOnly: false, (family, now) =>
        {
            var consents = request.Consents ?? throw new DomainException("Relatives.Consent.Required", "consents");
            var link = family.Links.SingleOrDefault(l => l.Id == linkId) ?? throw new DomainException("Relatives.Link.NotFound", "linkId");
            link.SetConsent(courseId, consents, now.Today);
            access.Log.Record(family.CitizenId, Category, AccessAction.Update, "RelativeLink", link.Id, family.Course.Decision);
            return Task.CompletedTask;
        }, cancellationToken);

    private async Task<ChildDetails> DetailsOfAsync(ChildRequest request, CancellationToken cancellationToken)
    {
        var details = new ChildDetails(
            request.Label,
            request.AgeBand ?? throw new DomainException("Family.Child.AgeBand.Required", "ageBand"),
            request.Awareness ?? ChildAwareness.NotTalkedAbout,
            request.Support ?? ChildSupport.None,
            request.OfferingId,
            request.Note);
        if (details.OfferingId is { } id && !await db.Offerings.AnyAsync(o => o.Id == id && o.Status == OfferingStatus.Active, cancellationToken))
        {
            throw new DomainException("Family.Child.Offering.Unknown", "offeringId");
        }

        return details;
    }

    /// <summary>Runs a change: null (404) when the caller may not change the family; 403 when a citizen or proxy tries a staff change.</summary>
    private async Task<FamilyView?> ChangeAsync(Guid courseId, bool staffOnly, Func<FamilyRecord, Moment, Task> change, CancellationToken cancellationToken)
    {
        var found = await access.FindFamilyForChangeAsync(courseId, cancellationToken);
        if (found is null)
        {
            return null;
        }

        var (family, self) = found.Value;
        var now = CopenhagenTime.Now(time);
        if (family.Course.Course.IsEnded(now.Today))
        {
            throw new DomainException("Course.Ended");
        }

        if (staffOnly && self)
        {
            throw new DomainException("Relatives.Change.Forbidden");
        }

        await change(family, now);

        // Two links made between the same two courses at the same moment: the unique index keeps one, the other is a 409.
        await access.Log.CommitAsync(cancellationToken);
        return await GetAsync(courseId, cancellationToken);
    }
}
