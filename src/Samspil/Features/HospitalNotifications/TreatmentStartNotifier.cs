using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Consents;
using Samspil.Domain.Courses;
using Samspil.Domain.Directory;
using Samspil.Domain.Notifications;
using Samspil.Features.Access;
using Samspil.Features.Notifications;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.HospitalNotifications;

/// <summary>
/// R12: when treatment starts in the region, the municipality is told — its entry point for the
/// course's target group (the staff of the unit marked as entry point in the course's municipality)
/// and the citizen's caseworker (the municipal professionals on the course's active network). Each is
/// told only if the policy lets them read the course's status (consent or legal basis). When at least
/// one was told, the course records when the municipality first knew, so the delay can be shown.
/// </summary>
public sealed class TreatmentStartNotifier(SamspilDbContext db, NotificationService notices, TimeProvider time)
{
    /// <summary>Adds the notices (not saved: the caller commits with the phase change). Returns how many were told.</summary>
    public async Task<int> NotifyAsync(Course course, CancellationToken cancellationToken)
    {
        if (course.TreatmentStartedAt is null)
        {
            return 0;
        }

        var candidates = (await EntryPointAccountsAsync(course, cancellationToken))
            .Concat(await MunicipalMemberAccountsAsync(course, cancellationToken))
            .Distinct()
            .ToList();
        var clinic = course.RegionOrganizationId is { } regionId
            ? await db.Organizations.Where(o => o.Id == regionId).Select(o => o.Name).SingleOrDefaultAsync(cancellationToken)
            : null;
        var sent = await notices.NotifyAsync(
            new NotificationDraft(NotificationKind.TreatmentStarted, course.Id, course.CitizenId, InformationCategory.StatusAndAppointments, clinic, $"/Courses/{course.Id}", "treatment-start:" + course.Id.ToString("N")),
            CitizenDataAccess.SubjectOf(course),
            candidates,
            cancellationToken);
        if (sent.Count > 0)
        {
            course.RecordMunicipalityTold(time.GetUtcNow());
        }

        return sent.Count;
    }

    /// <summary>Staff of the units in the course's municipality that are the entry point for its target group (R4).</summary>
    private async Task<IReadOnlyList<Guid>> EntryPointAccountsAsync(Course course, CancellationToken cancellationToken)
    {
        if (course.MunicipalityOrganizationId is not { } municipalityUnit)
        {
            return [];
        }

        var organizations = await db.Organizations.AsNoTracking().Select(o => new { o.Id, o.PartOfId, o.Sector, o.EntryPointFor }).ToListAsync(cancellationToken);
        var parentOf = organizations.ToDictionary(o => o.Id, o => o.PartOfId);

        // The municipality is the top of the unit's tree.
        var root = municipalityUnit;
        for (var steps = 0; parentOf.GetValueOrDefault(root) is { } parent && steps < 50; steps++)
        {
            root = parent;
        }

        bool InMunicipality(Guid id)
        {
            for (Guid? current = id; current is { } c; current = parentOf.GetValueOrDefault(c))
            {
                if (c == root)
                {
                    return true;
                }
            }

            return false;
        }

        var entryPoints = organizations
            .Where(o => o.Sector == Sector.Municipality && o.EntryPointFor.Contains(course.TargetGroupCode) && InMunicipality(o.Id))
            .Select(o => o.Id)
            .ToList();
        if (entryPoints.Count == 0)
        {
            return [];
        }

        var professionalIds = await db.PractitionerRoles.Where(r => r.Active && entryPoints.Contains(r.OrganizationId)).Select(r => r.ProfessionalId).ToListAsync(cancellationToken);
        return await db.Users.Where(u => u.ProfessionalId != null && professionalIds.Contains(u.ProfessionalId.Value)).Select(u => u.Id).ToListAsync(cancellationToken);
    }

    /// <summary>The municipal professionals on the course's active network: the caseworker, IPS consultant, coordinator.</summary>
    private async Task<IReadOnlyList<Guid>> MunicipalMemberAccountsAsync(Course course, CancellationToken cancellationToken)
    {
        var today = CopenhagenTime.Today(time);
        var roleIds = course.Members.Where(m => m.IsActiveOn(today) && m.PractitionerRoleId is not null).Select(m => m.PractitionerRoleId!.Value).ToList();
        var professionalIds = await db.PractitionerRoles
            .Where(r => r.Active && roleIds.Contains(r.Id))
            .Join(db.Organizations, r => r.OrganizationId, o => o.Id, (r, o) => new { r.ProfessionalId, o.Sector })
            .Where(x => x.Sector == Sector.Municipality)
            .Select(x => x.ProfessionalId)
            .ToListAsync(cancellationToken);
        return await db.Users.Where(u => u.ProfessionalId != null && professionalIds.Contains(u.ProfessionalId.Value)).Select(u => u.Id).ToListAsync(cancellationToken);
    }
}
