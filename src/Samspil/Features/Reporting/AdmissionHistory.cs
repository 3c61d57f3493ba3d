using Samspil.Domain.Reporting;

namespace Samspil.Features.Reporting;

/// <summary>A course whose admissions around its start are asked for.</summary>
public sealed record CourseStart(Guid CourseId, Guid CitizenId, DateOnly StartDate);

/// <summary>
/// Admissions in the 12 months before and after each course's start, for the dashboard. The
/// hospital admissions store (screening, issue 7 parts 1–2) provides the real source; until it is
/// connected the dashboard shows "ingen data" rather than a made-up zero.
/// </summary>
public interface IAdmissionHistory
{
    /// <summary>Counts per course id, or null when there is no admission data at all.</summary>
    Task<IReadOnlyDictionary<Guid, AdmissionCounts>?> CountsAroundCourseStartAsync(IReadOnlyList<CourseStart> courses, CancellationToken cancellationToken);
}

/// <summary>No admission source connected: every admission figure reads "ingen data".</summary>
public sealed class NoAdmissionHistory : IAdmissionHistory
{
    public Task<IReadOnlyDictionary<Guid, AdmissionCounts>?> CountsAroundCourseStartAsync(IReadOnlyList<CourseStart> courses, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<Guid, AdmissionCounts>?>(null);
}
