using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Meetings;

namespace Samspil.Features.Access;

/// <summary>Meeting models that follow the course (issue 17 point 3): the course's meetings, tracked, for moving open proposals.</summary>
public sealed partial class CitizenDataAccess
{
    /// <summary>
    /// The course (which the user may change meetings of) with its meetings proposed by course models, tracked; null
    /// (nothing happens) otherwise. The caller records what it changes and commits.
    /// </summary>
    public async Task<(CourseRecord Course, IReadOnlyList<Meeting> Meetings)?> FindCourseModelMeetingsForChangeAsync(Guid courseId, CancellationToken cancellationToken)
    {
        var record = await FindCourseForMeetingsChangeAsync(courseId, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var meetings = await db.Meetings.Where(m => m.CourseId == courseId && m.TemplateKey != null).ToListAsync(cancellationToken);
        return (record, meetings);
    }
}
