using Samspil.Domain.Reporting;

namespace Samspil.Features.Reporting;

/// <summary>A course whose admissions around its start are asked for.</summary>
public sealed record CourseStart(Guid CourseId, Guid CitizenId, DateOnly StartDate);

/// <summary>
/// Admissions in the 12 months before and after each course's start, for the dashboard; null when
/// there is no way to match admissions to citizens, so the dashboard shows "ingen data" rather than
/// a made-up zero. Implemented by the screening feature (<c>ScreeningAdmissionHistory</c>).
/// </summary>
public interface IAdmissionHistory
{
    /// <summary>Counts per course id, or null when there is no admission data at all.</summary>
    Task<IReadOnlyDictionary<Guid, AdmissionCounts>?> CountsAroundCourseStartAsync(IReadOnlyList<CourseStart> courses, CancellationToken cancellationToken);
}
