using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Audit;
using Samspil.Domain.Citizens;
using Samspil.Domain.Consents;
using Samspil.Domain.Screening;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Access;

/// <summary>A ranked-list entry recognised as a Samspil citizen whose course the user may read.</summary>
public sealed record ScreeningLink(Guid CourseId, string CitizenName, bool IsDemo);

/// <summary>Admissions of a course's citizen in the 365 days before and after the course started.</summary>
public sealed record CourseAdmissionCounts(Guid CourseId, DateOnly StartDate, int AdmissionsBefore, int AdmissionsAfter);

/// <summary>
/// Screening's reads of citizen data, all in the category <see cref="InformationCategory.HealthAndTreatment"/>:
/// admissions are health information, and so is what the analysis committee writes about them.
/// The admissions table itself is pseudonymous; what joins a person key to a citizen is only done here.
/// </summary>
public sealed partial class CitizenDataAccess
{
    private const InformationCategory ScreeningCategory = InformationCategory.HealthAndTreatment;

    /// <summary>
    /// Which of <paramref name="personKeys"/> are citizens whose course the user may read, both their
    /// health information and the course's status (the link opens the course page). One course per key:
    /// an open course before an ended one, then the latest start. Only the links returned are logged, as
    /// reads of <c>ScreeningEntry</c>; a key of a citizen the user may not read is simply not in the
    /// answer, exactly like a key of someone who is no citizen of Samspil.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, ScreeningLink>> LinkPersonKeysAsync(
        IReadOnlyCollection<string> personKeys, Func<CprNumber, string?> keyOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(personKeys);
        ArgumentNullException.ThrowIfNull(keyOf);
        var wanted = personKeys.ToHashSet(StringComparer.Ordinal);
        if (wanted.Count == 0)
        {
            return new Dictionary<string, ScreeningLink>(StringComparer.Ordinal);
        }

        // The key is a keyed hash of the CPR number, so matching happens in memory over the candidates
        // (courses the user could possibly read); no key is stored next to a citizen.
        var light = await (await CandidatesAsync(cancellationToken))
            .Select(c => new { CourseId = c.Course.Id, CitizenId = c.Citizen.Id, c.Citizen.Cpr })
            .ToListAsync(cancellationToken);
        var keyOfCitizen = new Dictionary<Guid, string?>();
        var matches = new List<(Guid CourseId, string Key)>();
        foreach (var candidate in light)
        {
            if (!keyOfCitizen.TryGetValue(candidate.CitizenId, out var key))
            {
                key = keyOf(candidate.Cpr);
                keyOfCitizen[candidate.CitizenId] = key;
            }

            if (key is not null && wanted.Contains(key))
            {
                matches.Add((candidate.CourseId, key));
            }
        }

        var links = new Dictionary<string, ScreeningLink>(StringComparer.Ordinal);
        if (matches.Count == 0)
        {
            return links;
        }

        var courseIds = matches.Select(m => m.CourseId).Distinct().ToList();
        var candidates = await (await CandidatesAsync(cancellationToken)).Where(c => courseIds.Contains(c.Course.Id)).ToListAsync(cancellationToken);
        await LoadFactsAsync(candidates.Select(c => c.Citizen.Id), cancellationToken);
        var today = CopenhagenTime.Today(time);
        var chosen = new Dictionary<string, (CourseCandidate Candidate, AccessDecision Decision)>(StringComparer.Ordinal);
        foreach (var candidate in candidates.OrderBy(c => c.Course.IsEnded(today)).ThenByDescending(c => c.Course.StartDate).ThenBy(c => c.Course.Id))
        {
            var key = keyOfCitizen[candidate.Citizen.Id]!;
            if (chosen.ContainsKey(key))
            {
                continue;
            }

            var subject = SubjectOf(candidate.Course);
            var health = await DecideAsync(subject, ScreeningCategory, cancellationToken);
            if (health.Permitted && (await DecideAsync(subject, InformationCategory.StatusAndAppointments, cancellationToken)).Permitted)
            {
                chosen[key] = (candidate, health);
            }
        }

        foreach (var (key, (candidate, decision)) in chosen)
        {
            links[key] = new ScreeningLink(candidate.Course.Id, (await ShownAsync(candidate.Citizen, cancellationToken)).FullName, candidate.Citizen.IsDemo);
            log.Record(candidate.Citizen.Id, ScreeningCategory, AccessAction.Read, "ScreeningEntry", candidate.Course.Id, decision);
        }

        await log.CommitAsync(cancellationToken);
        return links;
    }

    /// <summary>
    /// For the courses among <paramref name="courseIds"/> whose health information the user may read:
    /// the citizen's admissions (by person key) starting in the 365 days before the course's start date
    /// and in the 365 days from it (Danish midnight of the start date). Courses the user may not read
    /// are left out; each one counted is logged as a read of <c>AdmissionCounts</c>. Empty when no
    /// person-key secret is configured.
    /// </summary>
    public async Task<IReadOnlyList<CourseAdmissionCounts>> AdmissionCountsAroundCourseStartAsync(
        IReadOnlyCollection<Guid> courseIds, Func<CprNumber, string?> keyOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(courseIds);
        ArgumentNullException.ThrowIfNull(keyOf);
        var ids = courseIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        var candidates = await (await CandidatesAsync(cancellationToken)).Where(c => ids.Contains(c.Course.Id)).ToListAsync(cancellationToken);
        await LoadFactsAsync(candidates.Select(c => c.Citizen.Id), cancellationToken);
        var permitted = new List<(CourseCandidate Candidate, AccessDecision Decision, string Key)>();
        foreach (var candidate in candidates)
        {
            var decision = await DecideAsync(SubjectOf(candidate.Course), ScreeningCategory, cancellationToken);
            if (decision.Permitted && keyOf(candidate.Citizen.Cpr) is { } key)
            {
                permitted.Add((candidate, decision, key));
            }
        }

        if (permitted.Count == 0)
        {
            return [];
        }

        var result = await CountAroundStartAsync(permitted.Select(p => (p.Candidate.Course.Id, p.Candidate.Course.StartDate, p.Key)).ToList(), cancellationToken);
        foreach (var (candidate, decision, _) in permitted)
        {
            log.Record(candidate.Citizen.Id, ScreeningCategory, AccessAction.Read, "AdmissionCounts", candidate.Course.Id, decision);
        }

        await log.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>
    /// Admissions around each course's start for the steering group's dashboard, whose caller has
    /// already limited the courses to the manager's scope. Only suppressed aggregates leave the
    /// dashboard, so, as for its other figures, no per-citizen read is logged (ADR 0010).
    /// </summary>
    public async Task<IReadOnlyList<CourseAdmissionCounts>> AdmissionCountsForStatisticsAsync(
        IReadOnlyCollection<(Guid CourseId, Guid CitizenId, DateOnly StartDate)> courses, Func<CprNumber, string?> keyOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(courses);
        ArgumentNullException.ThrowIfNull(keyOf);
        var citizenIds = courses.Select(c => c.CitizenId).Distinct().ToList();
        var cprs = await db.Citizens.AsNoTracking().Where(c => citizenIds.Contains(c.Id)).Select(c => new { c.Id, c.Cpr }).ToDictionaryAsync(c => c.Id, c => c.Cpr, cancellationToken);
        var keyed = courses
            .Select(c => (c.CourseId, c.StartDate, Key: cprs.TryGetValue(c.CitizenId, out var cpr) ? keyOf(cpr) : null))
            .Where(c => c.Key is not null)
            .Select(c => (c.CourseId, c.StartDate, c.Key!))
            .ToList();
        return await CountAroundStartAsync(keyed, cancellationToken);
    }

    private async Task<IReadOnlyList<CourseAdmissionCounts>> CountAroundStartAsync(IReadOnlyList<(Guid CourseId, DateOnly StartDate, string Key)> courses, CancellationToken cancellationToken)
    {
        var keys = courses.Select(c => c.Key).Distinct(StringComparer.Ordinal).ToList();
        var starts = (await db.Admissions.AsNoTracking().Where(a => keys.Contains(a.PersonKey)).Select(a => new { a.PersonKey, a.Start }).ToListAsync(cancellationToken))
            .ToLookup(a => a.PersonKey, a => a.Start, StringComparer.Ordinal);
        return courses.Select(c =>
            {
                var from = CopenhagenTime.StartOfDayUtc(c.StartDate);
                var before = starts[c.Key].Count(s => s >= from - ReadmissionScreening.RollingWindow && s < from);
                var after = starts[c.Key].Count(s => s >= from && s < from + ReadmissionScreening.RollingWindow);
                return new CourseAdmissionCounts(c.CourseId, c.StartDate, before, after);
            })
            .ToList();
    }

    /// <summary>
    /// A course's analysis-meeting summaries, newest meeting first; null (404) unless the user may read
    /// the course's health information. A summary dated before a consent's "hear me where I am now"
    /// cut-off is left out for that consent's recipients. Logged.
    /// </summary>
    public async Task<(CourseRecord Course, IReadOnlyList<AnalysisSummary> Summaries)?> ReadAnalysisSummariesAsync(Guid courseId, CancellationToken cancellationToken)
    {
        var record = await FindCourseAsync(courseId, ScreeningCategory, AccessPurpose.Coordination, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var summaries = await db.AnalysisSummaries.AsNoTracking().Where(s => s.CourseId == courseId).ToListAsync(cancellationToken);
        var visible = new List<AnalysisSummary>();
        foreach (var summary in summaries.OrderByDescending(s => s.MeetingDate).ThenByDescending(s => s.CreatedAt))
        {
            if ((await DecideAsync(SubjectOf(record.Course) with { RecordDate = summary.MeetingDate }, ScreeningCategory, cancellationToken)).Permitted)
            {
                visible.Add(summary);
            }
        }

        log.Record(record.Citizen.Id, ScreeningCategory, AccessAction.Read, "AnalysisSummaries", courseId, record.Decision);
        await log.CommitAsync(cancellationToken);
        return (record, visible);
    }

    /// <summary>
    /// A course whose analysis summaries the user may write: staff who may change the course and read
    /// its health information. The caller records the change and commits.
    /// </summary>
    public async Task<CourseRecord?> FindCourseForAnalysisChangeAsync(Guid courseId, CancellationToken cancellationToken)
    {
        var record = await FindCourseForChangeAsync(courseId, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var decision = await DecideAsync(SubjectOf(record.Course), ScreeningCategory, cancellationToken);
        return decision.Permitted ? record with { Decision = decision } : null;
    }

    /// <summary>One summary (tracked) of a course the user may write summaries for, if they may see it; else null.</summary>
    public async Task<(CourseRecord Course, AnalysisSummary Summary)?> FindAnalysisSummaryForChangeAsync(Guid courseId, Guid summaryId, CancellationToken cancellationToken)
    {
        var record = await FindCourseForAnalysisChangeAsync(courseId, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var summary = await db.AnalysisSummaries.SingleOrDefaultAsync(s => s.Id == summaryId && s.CourseId == courseId, cancellationToken);
        if (summary is null || !(await DecideAsync(SubjectOf(record.Course) with { RecordDate = summary.MeetingDate }, ScreeningCategory, cancellationToken)).Permitted)
        {
            return null;
        }

        return (record, summary);
    }

    /// <summary>Marks a summary found by <see cref="FindAnalysisSummaryForChangeAsync"/> for deletion; the caller logs and commits.</summary>
    public void RemoveAnalysisSummary(AnalysisSummary summary) => db.AnalysisSummaries.Remove(summary);
}
