using Samspil.Features.Access;

namespace Samspil.Features.Screening;

/// <summary>
/// Admission figures for other features (the steering group's dashboard): how often a course's citizen
/// was admitted in the year before the course started and in the year after. Goes through the access
/// layer, so only courses whose health information the user may read are counted, and each is logged.
/// </summary>
public sealed class AdmissionQueries(CitizenDataAccess access, PersonKeys personKeys)
{
    /// <summary>
    /// For each course among <paramref name="courseIds"/> the user may read in "helbred og behandling":
    /// admissions (by the citizen's person key) starting in the 365 days before the course's start date
    /// and in the 365 days from it. Courses the user may not read are not in the answer; nothing is
    /// returned when no person-key secret is configured.
    /// </summary>
    public Task<IReadOnlyList<CourseAdmissionCounts>> CountsAroundCourseStartAsync(IReadOnlyCollection<Guid> courseIds, CancellationToken cancellationToken) =>
        personKeys.Enabled
            ? access.AdmissionCountsAroundCourseStartAsync(courseIds, personKeys.KeyOf, cancellationToken)
            : Task.FromResult<IReadOnlyList<CourseAdmissionCounts>>([]);
}
