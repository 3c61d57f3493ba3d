using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Audit;
using Samspil.Domain.Consents;
using Samspil.Domain.Work;

namespace Samspil.Features.Access;

/// <summary>A course read for its IPS track: the track (null until someone starts it), employer contacts and job starts.</summary>
public sealed record IpsRecord(CourseRecord Course, IpsTrack? Track, IReadOnlyList<EmployerContact> Contacts, IReadOnlyList<JobStart> JobStarts);

/// <summary>A course read for its income basis (forsørgelsesgrundlag): every clarification, the latest first.</summary>
public sealed record IncomeBasisRecord(CourseRecord Course, IReadOnlyList<IncomeBasisEntry> History);

/// <summary>Who changes a course's work information: staff who may change the course, or the citizen (or proxy) writing their job wishes.</summary>
public enum WorkEditor
{
    Staff = 0,
    Citizen = 1,
    Proxy = 2,
}

/// <summary>One open case on an IPS consultant's caseload (read in work and income, logged).</summary>
public sealed record IpsCase(CourseRecord Course, IpsTrack Track, DateOnly? LastEmployerContact, DateOnly? FirstCompetitiveJob);

/// <summary>The dashboard's work facts of one course: the first competitive job and the first clarification of the income basis.</summary>
public sealed record WorkFacts(DateOnly? FirstCompetitiveJobOn, DateOnly? IncomeBasisClarifiedOn);

/// <summary>
/// The IPS track and the income basis (issue 17 points 1–2, docs/work.md): read in <see cref="InformationCategory.WorkAndIncome"/>
/// and logged; changed by staff who may change the course, and the job wishes also by the citizen or their proxy.
/// </summary>
public sealed partial class CitizenDataAccess
{
    /// <summary>Reads a course's IPS track; null (404) unless the user may read its work and income information. Logged.</summary>
    public async Task<IpsRecord?> ReadIpsAsync(Guid courseId, CancellationToken cancellationToken)
    {
        var record = await FindCourseAsync(courseId, WorkCategory, AccessPurpose.Coordination, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var track = await db.IpsTracks.AsNoTracking().SingleOrDefaultAsync(t => t.CourseId == courseId, cancellationToken);
        var contacts = await db.EmployerContacts.AsNoTracking().Where(c => c.CourseId == courseId).OrderByDescending(c => c.On).ThenByDescending(c => c.RecordedAt).ToListAsync(cancellationToken);
        var starts = await db.JobStarts.AsNoTracking().Where(j => j.CourseId == courseId).OrderByDescending(j => j.StartsOn).ThenByDescending(j => j.RecordedAt).ToListAsync(cancellationToken);
        log.Record(record.Citizen.Id, WorkCategory, AccessAction.Read, "IpsTrack", track?.Id ?? courseId, record.Decision);
        await log.CommitAsync(cancellationToken);
        return new IpsRecord(record, track, contacts, starts);
    }

    /// <summary>Reads a course's income basis and its history; null (404) unless the user may read work and income. Logged.</summary>
    public async Task<IncomeBasisRecord?> ReadIncomeBasisAsync(Guid courseId, CancellationToken cancellationToken)
    {
        var record = await FindCourseAsync(courseId, WorkCategory, AccessPurpose.Coordination, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var history = await IncomeBasisHistoryAsync(courseId, cancellationToken);
        log.Record(record.Citizen.Id, WorkCategory, AccessAction.Read, "IncomeBasis", courseId, record.Decision);
        await log.CommitAsync(cancellationToken);
        return new IncomeBasisRecord(record, history);
    }

    /// <summary>
    /// A course whose work information the user may change, and as whom: the citizen or their proxy (whose power of
    /// attorney covers work and income), or staff who may read it and may change the course (on its active network or
    /// from the recording organisation). Null (404) otherwise. The caller records the change and commits.
    /// </summary>
    public async Task<(CourseRecord Record, WorkEditor Editor)?> FindWorkForChangeAsync(Guid courseId, CancellationToken cancellationToken)
    {
        var record = await FindCourseAsync(courseId, WorkCategory, AccessPurpose.Coordination, cancellationToken);
        if (record is null)
        {
            return null;
        }

        return record.Decision.BasisKind switch
        {
            AccessBasisKind.Self => (record, WorkEditor.Citizen),
            AccessBasisKind.Proxy => (record, WorkEditor.Proxy),
            _ when await MayChangeAsync(record, cancellationToken) => (record, WorkEditor.Staff),
            _ => null,
        };
    }

    /// <summary>The course's IPS track, tracked for change (null when none has been started).</summary>
    public async Task<IpsTrack?> IpsTrackForChangeAsync(Guid courseId, CancellationToken cancellationToken) =>
        await db.IpsTracks.SingleOrDefaultAsync(t => t.CourseId == courseId, cancellationToken);

    /// <summary>
    /// The signed-in staff member's IPS caseload: the open tracks (not closed, course not ended) they hold as consultant on
    /// courses whose work information they may still read. Each case shown is logged as a read.
    /// </summary>
    public async Task<IReadOnlyList<IpsCase>> IpsCaseloadAsync(CancellationToken cancellationToken)
    {
        if (!user.IsStaff)
        {
            return [];
        }

        var today = Infrastructure.Time.CopenhagenTime.Today(time);
        var tracks = await db.IpsTracks.AsNoTracking()
            .Where(t => t.ConsultantUserId == user.UserId && t.ClosedOn == null)
            .Join(db.Courses.Where(c => c.EndDate == null || c.EndDate >= today), t => t.CourseId, c => c.Id, (t, _) => t)
            .ToListAsync(cancellationToken);
        var ids = tracks.Select(t => t.CourseId).ToList();
        var lastContacts = (await db.EmployerContacts.AsNoTracking().Where(c => ids.Contains(c.CourseId)).Select(c => new { c.CourseId, c.On }).ToListAsync(cancellationToken))
            .GroupBy(c => c.CourseId).ToDictionary(g => g.Key, g => g.Max(c => c.On));
        var starts = (await db.JobStarts.AsNoTracking().Where(j => ids.Contains(j.CourseId)).Select(j => new { j.CourseId, j.StartsOn, j.Kind }).ToListAsync(cancellationToken))
            .ToLookup(j => j.CourseId, j => (j.StartsOn, j.Kind));

        var cases = new List<IpsCase>();
        foreach (var track in tracks)
        {
            if (await FindCourseAsync(track.CourseId, WorkCategory, AccessPurpose.Coordination, cancellationToken) is { } record)
            {
                cases.Add(new IpsCase(record, track, lastContacts.TryGetValue(track.CourseId, out var last) ? last : null, IpsMeasures.FirstCompetitiveJobOn(starts[track.CourseId], today)));
                log.Record(record.Citizen.Id, WorkCategory, AccessAction.Read, "IpsCaseload", track.Id, record.Decision);
            }
        }

        await log.CommitAsync(cancellationToken);
        return cases;
    }

    /// <summary>
    /// The work facts of courses the reporting service already holds (from <see cref="ReportingFactsAsync"/>), for the
    /// dashboard's suppressed aggregates: dates only, not logged (ADR 0009). Only for those who see steering figures.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, WorkFacts>> ReportingWorkFactsAsync(IReadOnlyCollection<Guid> courseIds, DateOnly asOf, CancellationToken cancellationToken)
    {
        if (!user.SeesSteeringFigures || courseIds.Count == 0)
        {
            return new Dictionary<Guid, WorkFacts>();
        }

        var ids = courseIds.ToList();
        var starts = (await db.JobStarts.AsNoTracking().Where(j => ids.Contains(j.CourseId)).Select(j => new { j.CourseId, j.StartsOn, j.Kind }).ToListAsync(cancellationToken))
            .ToLookup(j => j.CourseId, j => (j.StartsOn, j.Kind));
        var clarified = (await db.IncomeBasisEntries.AsNoTracking().Where(e => ids.Contains(e.CourseId)).Select(e => new { e.CourseId, e.ClarifiedOn }).ToListAsync(cancellationToken))
            .GroupBy(e => e.CourseId).ToDictionary(g => g.Key, g => g.Min(e => e.ClarifiedOn));
        return ids.Distinct().ToDictionary(
            id => id,
            id => new WorkFacts(IpsMeasures.FirstCompetitiveJobOn(starts[id], asOf), clarified.TryGetValue(id, out var on) ? on : null));
    }

    private async Task<IReadOnlyList<IncomeBasisEntry>> IncomeBasisHistoryAsync(Guid courseId, CancellationToken cancellationToken) =>
        await db.IncomeBasisEntries.AsNoTracking().Where(e => e.CourseId == courseId).OrderByDescending(e => e.ClarifiedOn).ThenByDescending(e => e.RecordedAt).ToListAsync(cancellationToken);
}
