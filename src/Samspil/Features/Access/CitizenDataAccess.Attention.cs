using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Audit;
using Samspil.Domain.Consents;
using Samspil.Domain.Meetings;
using Samspil.Domain.Plans;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Access;

/// <summary>
/// What in a listed course asks for the reader's attention, each part only where the reader may read its category:
/// open plan actions past their due date (plan), the next scheduled meeting (meetings), and the reader's own unread notices
/// about the course (their own inbox, which reveals nothing about the citizen).
/// </summary>
public sealed record CourseAttentionFacts(int OverdueActions, DateTimeOffset? NextMeeting, int UnreadNotices);

public sealed partial class CitizenDataAccess
{
    /// <summary>
    /// Issue 21: the "needs attention" facts for courses already listed (read and logged by <see cref="ListCoursesAsync"/>),
    /// set-based: one query per kind of fact for all the courses, never one per course. Each course whose plan or meetings
    /// are read for it is logged as a read of that category.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, CourseAttentionFacts>> CourseAttentionAsync(IReadOnlyList<CourseRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return new Dictionary<Guid, CourseAttentionFacts>();
        }

        await LoadFactsAsync(records.Select(r => r.Citizen.Id), cancellationToken);
        var planReaders = new List<(CourseRecord Record, AccessDecision Decision)>();
        var meetingReaders = new List<(CourseRecord Record, AccessDecision Decision)>();
        foreach (var record in records)
        {
            var subject = SubjectOf(record.Course);
            var plan = await DecideAsync(subject, InformationCategory.PlanAndGoals, cancellationToken);
            if (plan.Permitted)
            {
                planReaders.Add((record, plan));
            }

            var meetings = await DecideAsync(subject, InformationCategory.MeetingsAndMinutes, cancellationToken);
            if (meetings.Permitted)
            {
                meetingReaders.Add((record, meetings));
            }
        }

        var today = CopenhagenTime.Today(time);
        var now = time.GetUtcNow();
        var planCourseIds = planReaders.Select(r => r.Record.Course.Id).ToList();
        var overdue = planCourseIds.Count == 0
            ? new Dictionary<Guid, int>()
            : await (
                    from action in db.PlanActions
                    join plan in db.CarePlans on action.PlanId equals plan.Id
                    where planCourseIds.Contains(plan.CourseId)
                        && (action.Status == ActionStatus.Planned || action.Status == ActionStatus.InProgress || action.Status == ActionStatus.Blocked)
                        && action.DueDate < today
                    group action by plan.CourseId into g
                    select new { CourseId = g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.CourseId, g => g.Count, cancellationToken);

        var meetingCourseIds = meetingReaders.Select(r => r.Record.Course.Id).ToList();
        // The earliest upcoming start per course, chosen in memory: SQLite cannot order or aggregate DateTimeOffset.
        var next = meetingCourseIds.Count == 0
            ? new Dictionary<Guid, DateTimeOffset>()
            : (await db.Meetings.AsNoTracking()
                    .Where(m => meetingCourseIds.Contains(m.CourseId) && m.Status == MeetingStatus.Scheduled && m.Start != null)
                    .Select(m => new { m.CourseId, Start = m.Start!.Value })
                    .ToListAsync(cancellationToken))
                .Where(m => m.Start >= now)
                .GroupBy(m => m.CourseId)
                .ToDictionary(g => g.Key, g => g.Min(m => m.Start));

        var me = user.UserId;
        var courseIds = records.Select(r => r.Course.Id).ToList();
        var unread = await db.Notifications
            .Where(n => n.RecipientUserId == me && n.ReadAt == null && n.CourseId != null && courseIds.Contains(n.CourseId.Value))
            .GroupBy(n => n.CourseId!.Value)
            .Select(g => new { CourseId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.CourseId, g => g.Count, cancellationToken);

        foreach (var (record, decision) in planReaders.Where(r => overdue.ContainsKey(r.Record.Course.Id)))
        {
            log.Record(record.Citizen.Id, InformationCategory.PlanAndGoals, AccessAction.Read, "PlanAttention", record.Course.Id, decision);
        }

        foreach (var (record, decision) in meetingReaders.Where(r => next.ContainsKey(r.Record.Course.Id)))
        {
            log.Record(record.Citizen.Id, InformationCategory.MeetingsAndMinutes, AccessAction.Read, "NextMeeting", record.Course.Id, decision);
        }

        await log.CommitAsync(cancellationToken);
        return records.ToDictionary(
            r => r.Course.Id,
            r => new CourseAttentionFacts(
                overdue.GetValueOrDefault(r.Course.Id),
                next.TryGetValue(r.Course.Id, out var start) ? start : null,
                unread.GetValueOrDefault(r.Course.Id)));
    }
}
