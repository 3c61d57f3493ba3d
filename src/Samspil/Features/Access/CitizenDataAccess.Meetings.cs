using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Audit;
using Samspil.Domain.Consents;
using Samspil.Domain.Meetings;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Access;

/// <summary>A meeting read with the course it belongs to.</summary>
public sealed record MeetingRecord(CourseRecord Course, Meeting Meeting);

/// <summary>Meetings' reads, all in the category <see cref="InformationCategory.MeetingsAndMinutes"/>.</summary>
public sealed partial class CitizenDataAccess
{
    private readonly Dictionary<Guid, Guid?> _courseOfMeeting = [];
    private readonly Dictionary<Guid, Meeting> _meetingsRead = [];
    private bool _meetingsReadWatched;

    private const InformationCategory MeetingsCategory = InformationCategory.MeetingsAndMinutes;

    /// <summary>A course's meetings (the course calendar); null (404) unless the user may read its meetings. Logged.</summary>
    public async Task<(CourseRecord Course, IReadOnlyList<Meeting> Meetings)?> ReadCourseMeetingsAsync(Guid courseId, CancellationToken cancellationToken)
    {
        var record = await FindCourseAsync(courseId, MeetingsCategory, AccessPurpose.Coordination, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var meetings = await MeetingsQuery(tracked: false).Where(m => m.CourseId == courseId).ToListAsync(cancellationToken);
        log.Record(record.Citizen.Id, MeetingsCategory, AccessAction.Read, "Meetings", courseId, record.Decision);
        await log.CommitAsync(cancellationToken);
        return (record, meetings);
    }

    /// <summary>
    /// One meeting, and the course's previous held meeting (whose agreements the minutes start with);
    /// null (404) unless the user may read the course's meetings. Logged.
    /// </summary>
    public async Task<(MeetingRecord Record, Meeting? Previous)?> ReadMeetingAsync(Guid meetingId, CancellationToken cancellationToken)
    {
        var courseId = await CourseOfMeetingAsync(meetingId, cancellationToken);
        var record = courseId is { } id ? await FindCourseAsync(id, MeetingsCategory, AccessPurpose.Coordination, cancellationToken) : null;
        if (record is null)
        {
            return null;
        }

        var meeting = await UntrackedMeetingAsync(meetingId, cancellationToken);
        var previous = await PreviousHeldAsync(meeting, tracked: false, cancellationToken);
        log.Record(record.Citizen.Id, MeetingsCategory, AccessAction.Read, "Meeting", meetingId, record.Decision);
        await log.CommitAsync(cancellationToken);
        return (new MeetingRecord(record, meeting), previous);
    }

    /// <summary>A course whose meetings the user may plan: staff who may change the course and read its meetings.</summary>
    public async Task<CourseRecord?> FindCourseForMeetingsChangeAsync(Guid courseId, CancellationToken cancellationToken)
    {
        var record = await FindCourseForChangeAsync(courseId, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var decision = await DecideAsync(SubjectOf(record.Course), MeetingsCategory, cancellationToken);
        return decision.Permitted ? record with { Decision = decision } : null;
    }

    /// <summary>A meeting (tracked) that the user may change, with its course. The caller records the change and commits.</summary>
    public async Task<MeetingRecord?> FindMeetingForChangeAsync(Guid meetingId, CancellationToken cancellationToken)
    {
        var courseId = await CourseOfMeetingAsync(meetingId, cancellationToken);
        var record = courseId is { } id ? await FindCourseForMeetingsChangeAsync(id, cancellationToken) : null;
        return record is null ? null : new MeetingRecord(record, await MeetingsQuery(tracked: true).SingleAsync(m => m.Id == meetingId, cancellationToken));
    }

    /// <summary>A meeting (tracked) the user may read, for proposing an agenda point; the service decides whether they may propose.</summary>
    public async Task<MeetingRecord?> FindMeetingForProposalAsync(Guid meetingId, CancellationToken cancellationToken)
    {
        var courseId = await CourseOfMeetingAsync(meetingId, cancellationToken);
        var record = courseId is { } id ? await FindCourseAsync(id, MeetingsCategory, AccessPurpose.Coordination, cancellationToken) : null;
        return record is null ? null : new MeetingRecord(record, await MeetingsQuery(tracked: true).SingleAsync(m => m.Id == meetingId, cancellationToken));
    }

    /// <summary>The previous held meeting of the same course, for the minutes' follow-up.</summary>
    public Task<Meeting?> PreviousHeldAsync(Meeting meeting, bool tracked, CancellationToken cancellationToken)
    {
        var before = meeting.Start ?? meeting.CreatedAt;
        return MeetingsQuery(tracked)
            .Where(m => m.CourseId == meeting.CourseId && m.Id != meeting.Id && m.Status == MeetingStatus.Held && m.Start < before)
            .OrderByDescending(m => m.Start)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// "Mine møder": upcoming and recent meetings on courses where the user is on the active network
    /// and may read meetings. Each course is logged as read.
    /// </summary>
    public async Task<IReadOnlyList<MeetingRecord>> MyMeetingsAsync(DateTimeOffset from, CancellationToken cancellationToken)
    {
        var actor = await actors.GetAsync(cancellationToken);
        var roles = actor.PractitionerRoleIds.ToList();
        if (roles.Count == 0)
        {
            return [];
        }

        var today = CopenhagenTime.Today(time);
        var candidates = await OnActiveNetworkOf(await CandidatesAsync(cancellationToken), roles, today)
            .Where(c => db.Meetings.Any(m => m.CourseId == c.Course.Id && (m.Status == MeetingStatus.Proposed || m.Start >= from || (m.Status == MeetingStatus.Held && m.MinutesApprovedAt == null))))
            .ToListAsync(cancellationToken);
        await LoadFactsAsync(candidates.Select(c => c.Citizen.Id), cancellationToken);
        var result = new List<MeetingRecord>();
        foreach (var candidate in candidates)
        {
            var decision = await DecideAsync(SubjectOf(candidate.Course), MeetingsCategory, cancellationToken);
            if (!decision.Permitted)
            {
                continue;
            }

            await db.Entry(candidate.Course).Collection(c => c.Members).LoadAsync(cancellationToken);
            var course = new CourseRecord(candidate.Course, await ShownAsync(candidate.Citizen, cancellationToken), decision);
            var courseId = candidate.Course.Id;
            foreach (var meeting in await MeetingsQuery(tracked: false)
                         .Where(m => m.CourseId == courseId && (m.Status == MeetingStatus.Proposed || m.Start >= from || (m.Status == MeetingStatus.Held && m.MinutesApprovedAt == null)))
                         .ToListAsync(cancellationToken))
            {
                result.Add(new MeetingRecord(course, meeting));
            }

            log.Record(candidate.Citizen.Id, MeetingsCategory, AccessAction.Read, "Meetings", courseId, decision);
        }

        await log.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>
    /// When the given professionals are already in Samspil meetings (scheduled, not this one), for
    /// finding a free time. Only times and places come back — no meeting, course or citizen — so
    /// nothing about any citizen is revealed, and nothing is logged.
    /// </summary>
    public async Task<IReadOnlyList<(Guid ProfessionalId, DateTimeOffset Start, DateTimeOffset End, string? Place)>> SamspilBusyTimesAsync(
        IReadOnlyCollection<Guid> professionalIds, Guid exceptMeetingId, DateTimeOffset windowStart, DateTimeOffset windowEnd, CancellationToken cancellationToken)
    {
        var ids = professionalIds.ToList();
        var rows = await (
                from meeting in db.Meetings
                from participant in meeting.Participants
                join member in db.NetworkMembers on participant.MemberId equals member.Id
                join role in db.PractitionerRoles on member.PractitionerRoleId equals role.Id
                where meeting.Id != exceptMeetingId && meeting.Status == MeetingStatus.Scheduled
                    && meeting.Start < windowEnd && meeting.End > windowStart && ids.Contains(role.ProfessionalId)
                select new { role.ProfessionalId, meeting.Start, meeting.End, meeting.Location })
            .ToListAsync(cancellationToken);
        return rows.Select(r => (r.ProfessionalId, r.Start!.Value, r.End!.Value, (string?)r.Location)).ToList();
    }

    /// <summary>The citizen's meeting wishes for a course (tracked, for change), or null when none are recorded.</summary>
    public Task<MeetingPreferences?> PreferencesAsync(Guid courseId, CancellationToken cancellationToken) =>
        db.MeetingPreferences.SingleOrDefaultAsync(p => p.CourseId == courseId, cancellationToken);

    /// <summary>Which course a meeting belongs to (to decide access on it); null when there is no such meeting.</summary>
    private async Task<Guid?> CourseOfMeetingAsync(Guid meetingId, CancellationToken cancellationToken)
    {
        if (!_courseOfMeeting.TryGetValue(meetingId, out var courseId))
        {
            courseId = await db.Meetings.Where(m => m.Id == meetingId).Select(m => (Guid?)m.CourseId).SingleOrDefaultAsync(cancellationToken);
            _courseOfMeeting[meetingId] = courseId; // a meeting never moves to another course
        }

        return courseId;
    }

    /// <summary>A meeting with its agenda, participants and agreements, untracked: read once per request (the meeting page reads it for two services).</summary>
    private async Task<Meeting> UntrackedMeetingAsync(Guid meetingId, CancellationToken cancellationToken)
    {
        if (!_meetingsRead.TryGetValue(meetingId, out var meeting))
        {
            meeting = await MeetingsQuery(tracked: false).SingleAsync(m => m.Id == meetingId, cancellationToken);
            if (!_meetingsReadWatched)
            {
                _meetingsReadWatched = true;
                // A save in this request that changes more than the access log (a change, then the page read again)
                // may have changed it: read it afresh after one. (On SQLite the log's own append is a save.)
                db.SavingChanges += (_, _) =>
                {
                    if (db.ChangeTracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                        && e.Entity is not Samspil.Domain.Audit.AccessLogEntry and not Samspil.Features.Audit.AccessLogChainHead and not Samspil.Features.Audit.AccessLogHead))
                    {
                        _meetingsRead.Clear();
                    }
                };
            }

            _meetingsRead[meetingId] = meeting;
        }

        return meeting;
    }

    private IQueryable<Meeting> MeetingsQuery(bool tracked)
    {
        var query = db.Meetings.Include(m => m.Agenda).Include(m => m.Participants).Include(m => m.Agreements).AsSplitQuery();
        return tracked ? query : query.AsNoTracking();
    }
}
