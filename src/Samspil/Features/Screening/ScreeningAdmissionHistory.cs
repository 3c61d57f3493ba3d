using Samspil.Domain.Reporting;
using Samspil.Features.Access;
using Samspil.Features.Reporting;

namespace Samspil.Features.Screening;

/// <summary>
/// The dashboard's admissions before and after course start, from the stored screening admissions
/// (CSV imports and hospital notifications), matched by person key. Without a person-key secret
/// there is no link between admissions and citizens, and the figure reads "ingen data".
/// </summary>
public sealed class ScreeningAdmissionHistory(CitizenDataAccess access, PersonKeys personKeys) : IAdmissionHistory
{
    public async Task<IReadOnlyDictionary<Guid, AdmissionCounts>?> CountsAroundCourseStartAsync(IReadOnlyList<CourseStart> courses, CancellationToken cancellationToken)
    {
        if (!personKeys.Enabled)
        {
            return null;
        }

        var counts = await access.AdmissionCountsForStatisticsAsync(courses.Select(c => (c.CourseId, c.CitizenId, c.StartDate)).ToList(), personKeys.KeyOf, cancellationToken);
        return counts.ToDictionary(c => c.CourseId, c => new AdmissionCounts(c.AdmissionsBefore, c.AdmissionsAfter));
    }
}
