using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Citizens;
using Samspil.Domain.Courses;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Security;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Courses;

/// <summary>
/// The single query layer through which citizen data (citizens, courses and everything hanging off
/// a course) is read. Every list, detail, search and page starts from <see cref="Courses"/> or
/// <see cref="Citizens"/>, so what a user cannot see is filtered in the database and reads as
/// "not found" — never as "forbidden", which would reveal that the citizen exists.
/// <para>
/// Foundation rule (until consent lands): a professional sees the courses where they are a current
/// (or already agreed, future) network member, and an ended course if they were on its network when
/// it ended (read only, as an ended course refuses changes); an organisation administrator sees the
/// courses their organisation or any unit under it is responsible for; a citizen sees their own
/// courses; nobody else sees anything.
/// </para>
/// </summary>
public sealed class CitizenDataAccess(SamspilDbContext db, CurrentUser user, TimeProvider time)
{
    public CurrentUser User => user;

    /// <summary>Courses the current user may see.</summary>
    public IQueryable<Course> Courses()
    {
        if (!user.IsAuthenticated)
        {
            return db.Courses.Where(_ => false);
        }

        var today = CopenhagenTime.Today(time);
        var professionalId = user.IsProfessional ? user.ProfessionalId : null;
        var citizenId = user.IsCitizen ? user.CitizenId : null;
        var adminOrganizationId = user.IsAdministrator ? user.OrganizationId : null;

        // Organisation administrators see their organisation and every unit under it (Organization.partOf).
        var adminOrganizations = adminOrganizationId is { } root ? OrganizationTree(root) : [];

        var memberships = db.NetworkMembers
            .Where(m => professionalId != null
                && db.PractitionerRoles.Any(r => r.Id == m.PractitionerRoleId && r.ProfessionalId == professionalId));

        return db.Courses.Where(c =>
            (citizenId != null && c.CitizenId == citizenId)
            || memberships.Any(m => m.CourseId == c.Id
                && ((m.ActiveTo == null || m.ActiveTo > today)
                    || (c.EndDate != null && c.EndDate <= today && m.ActiveTo == c.EndDate)))
            || (adminOrganizationId != null
                && (adminOrganizations.Contains(c.RegionOrganizationId) || adminOrganizations.Contains(c.MunicipalityOrganizationId))));
    }

    /// <summary>The organisation and all units below it. The directory is small, so this is computed in memory.</summary>
    private List<Guid?> OrganizationTree(Guid root)
    {
        var parents = db.Organizations.Select(o => new { o.Id, o.PartOfId }).ToList();
        var tree = new HashSet<Guid> { root };
        for (var grown = true; grown;)
        {
            var children = parents.Where(o => o.PartOfId is { } parent && tree.Contains(parent) && !tree.Contains(o.Id)).Select(o => o.Id).ToList();
            tree.UnionWith(children);
            grown = children.Count > 0;
        }

        return tree.Select(id => (Guid?)id).ToList();
    }

    /// <summary>Citizens the current user may see: those with at least one visible course.</summary>
    public IQueryable<Citizen> Citizens()
    {
        var visibleCitizenIds = Courses().Select(c => c.CitizenId);
        return db.Citizens.Where(c => visibleCitizenIds.Contains(c.Id));
    }

    /// <summary>A visible course with its phase history and network loaded, or null (read as 404).</summary>
    public Task<Course?> FindCourseAsync(Guid courseId, CancellationToken cancellationToken) =>
        Courses()
            .Include(c => c.PhaseTransitions)
            .Include(c => c.Members)
            .AsSplitQuery()
            .SingleOrDefaultAsync(c => c.Id == courseId, cancellationToken);

    /// <summary>May the current user change this course (add members, change phase)? Citizens read only.</summary>
    public bool CanEdit => user.IsStaff;
}
