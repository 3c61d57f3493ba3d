using Samspil.Domain.Consents;
using Samspil.Domain.Directory;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Access;

/// <summary>
/// What the reader may do with one course (issue 21). Pages render a button only when its flag is set, and the handlers
/// behind the buttons enforce the same rules (<see cref="CitizenDataAccess.FindCourseForChangeAsync"/>,
/// <see cref="CitizenDataAccess.FindCourseForSteeringAsync"/>, the health-category read of the analysis summaries), so a
/// visible button never leads to a 404.
/// </summary>
/// <param name="Change">Work on the course: plan, meetings, analysis summaries (on its active network or its recording organisation).</param>
/// <param name="Steer">Steer the course: phase, end, consents, network and master data. A GP contributes but does not steer.</param>
/// <param name="ReadAnalysis">Read the analysis summaries (health information).</param>
public sealed record CoursePermissions(bool Change, bool Steer, bool ReadAnalysis);

public sealed partial class CitizenDataAccess
{
    /// <summary>The reader's permissions on a course already read (see <see cref="CoursePermissions"/>). Decided in memory; nothing is logged.</summary>
    public async Task<CoursePermissions> PermissionsAsync(CourseRecord record, CancellationToken cancellationToken)
    {
        var open = !record.Course.IsEnded(CopenhagenTime.Today(time));
        var change = open && await MayChangeAsync(record, cancellationToken);
        var steer = change && await MaySteerAsync(record, cancellationToken);
        var analysis = user.IsStaff && (await DecideAsync(SubjectOf(record.Course), ScreeningCategory, AccessPurpose.Coordination, cancellationToken)).Permitted;
        return new CoursePermissions(change, steer, analysis);
    }

    /// <summary>
    /// The steering rule: the change rule, and not a GP. A GP contributes to the course — the plan, messages, input to
    /// a meeting — without attending or steering it (BRIEF: who uses it), so the phase, the end, the consents, the
    /// network and the master data are for the municipality's and the region's professionals on the network.
    /// </summary>
    public async Task<bool> MaySteerAsync(CourseRecord record, CancellationToken cancellationToken)
    {
        if (!await MayChangeAsync(record, cancellationToken))
        {
            return false;
        }

        var actor = await actors.GetAsync(cancellationToken);
        return !(actor.OrganizationKinds.Count > 0 && actor.OrganizationKinds.All(k => k == OrganizationKind.GpClinic));
    }

    /// <summary>A course the user may steer (<see cref="MaySteerAsync"/>); null (404) otherwise. The caller records the change and commits.</summary>
    public async Task<CourseRecord?> FindCourseForSteeringAsync(Guid courseId, CancellationToken cancellationToken)
    {
        var record = await FindCourseForChangeAsync(courseId, cancellationToken);
        return record is not null && await MaySteerAsync(record, cancellationToken) ? record : null;
    }
}
