using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Audit;
using Samspil.Domain.Consents;
using Samspil.Domain.CrisisPlans;

namespace Samspil.Features.Access;

/// <summary>A course read for its crisis plan (category "helbred og behandling"), with the plan when one exists.</summary>
public sealed record CrisisPlanRecord(CourseRecord Course, CrisisPlan? Plan)
{
    public Guid CitizenId => Course.Citizen.Id;
}

/// <summary>
/// The crisis plan's reads and changes (docs/crisis-plan.md). Its early signs, admission wishes and night contacts
/// are health information, so it is read in <see cref="InformationCategory.HealthAndTreatment"/>: a consent or power
/// of attorney that opens only "plan og mål" does not open it.
/// </summary>
public sealed partial class CitizenDataAccess
{
    public const InformationCategory CrisisPlanCategory = InformationCategory.HealthAndTreatment;

    /// <summary>Reads a course's crisis plan; null (404) unless the user may read it. The read is logged before it is returned.</summary>
    public async Task<CrisisPlanRecord?> ReadCrisisPlanAsync(Guid courseId, CancellationToken cancellationToken)
    {
        var record = await FindCourseAsync(courseId, CrisisPlanCategory, AccessPurpose.Coordination, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var plan = await db.CrisisPlans.AsNoTracking().SingleOrDefaultAsync(p => p.CourseId == courseId, cancellationToken);
        log.Record(record.Citizen.Id, CrisisPlanCategory, AccessAction.Read, "CrisisPlan", plan?.Id ?? courseId, record.Decision);
        await log.CommitAsync(cancellationToken);
        return new CrisisPlanRecord(record, plan);
    }

    /// <summary>
    /// Finds a crisis plan to change and who changes it: the citizen, their proxy (whose power of attorney covers
    /// the category), or staff who may read it and may change the course (on its active network or from the
    /// organisation that recorded it). Null (404) otherwise; the caller records the change and commits.
    /// </summary>
    public async Task<(CrisisPlanRecord Record, CrisisPlanAuthor Author)?> FindCrisisPlanForChangeAsync(Guid courseId, CancellationToken cancellationToken)
    {
        var record = await FindCourseAsync(courseId, CrisisPlanCategory, AccessPurpose.Coordination, cancellationToken);
        if (record is null)
        {
            return null;
        }

        CrisisPlanAuthor author;
        if (record.Decision.BasisKind == AccessBasisKind.Self)
        {
            author = CrisisPlanAuthor.Citizen;
        }
        else if (record.Decision.BasisKind == AccessBasisKind.Proxy)
        {
            author = CrisisPlanAuthor.Proxy;
        }
        else if (await MayChangeAsync(record, cancellationToken))
        {
            author = CrisisPlanAuthor.Professional;
        }
        else
        {
            return null;
        }

        var plan = await db.CrisisPlans.SingleOrDefaultAsync(p => p.CourseId == courseId, cancellationToken);
        return (new CrisisPlanRecord(record, plan), author);
    }
}
