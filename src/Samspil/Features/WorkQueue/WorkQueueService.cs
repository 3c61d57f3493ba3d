using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Samspil.Domain.Consents;
using Samspil.Domain.Meetings;
using Samspil.Domain.Plans;
using Samspil.Features.Access;
using Samspil.Features.Meetings;
using Samspil.Features.Plans;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.WorkQueue;

/// <summary>
/// "Arbejdsliste" (issue 21): what needs the signed-in professional now, across the courses they may read.
/// Every part is read through <see cref="CitizenDataAccess"/> in its own category and logged there, the same
/// reads as "Mine opgaver", "Mine møder" and "Mine beskeder"; nothing is queried here directly.
/// </summary>
public sealed class WorkQueueService(
    CitizenDataAccess access,
    AccessActorProvider actors,
    PlanService plans,
    TimeProvider time,
    IOptions<MeetingOptions> meetingOptions,
    IStringLocalizer<SharedResource> localizer)
{
    /// <summary>"This week" is the next seven days, today included: a Friday still sees Monday's meeting.</summary>
    public const int WeekDays = 7;

    /// <summary>How far back a hospital stay (admission or discharge) still needs attention.</summary>
    public const int HospitalDays = 7;

    /// <summary>A consent that ends within this many days needs renewing.</summary>
    public const int ConsentDays = 30;

    public async Task<WorkQueueView> GetAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = CopenhagenTime.Today(time);
        var items = new List<WorkQueueItem>();
        items.AddRange(await ActionsAsync(today, cancellationToken));
        items.AddRange(await MeetingsAsync(today, cancellationToken));
        items.AddRange(await ConsentsAsync(today, cancellationToken));
        items.AddRange(await MessagesAsync(cancellationToken));
        items.AddRange(await HospitalAsync(now, cancellationToken));

        var sections = Enum.GetValues<WorkQueueSection>()
            .Select(section =>
            {
                var inSection = items.Where(i => i.Section == section);
                var ordered = (section == WorkQueueSection.NewMessages || section == WorkQueueSection.HospitalStays
                    ? inSection.OrderByDescending(i => i.SortKey)
                    : inSection.OrderBy(i => i.SortKey)).ThenBy(i => i.CitizenName, StringComparer.CurrentCulture).ToList();
                return new WorkQueueSectionView(section, ordered.Count, ordered);
            })
            .ToList();
        return new WorkQueueView(today, items.Count, sections);
    }

    /// <summary>
    /// Marks one of the plan's actions done, with the plan version the user saw. Null (404) when there is no such
    /// action or the user may not change its plan; a version conflict throws <see cref="PlanVersionConflictException"/>.
    /// </summary>
    public async Task<(PlanView Plan, ActionView Action)?> TickOffAsync(Guid actionId, int? version, CancellationToken cancellationToken)
    {
        if (await access.CourseOfActionAsync(actionId, cancellationToken) is not { } courseId)
        {
            return null;
        }

        var plan = await plans.SetActionStatusAsync(courseId, actionId, version, new ActionStatusRequest(ActionStatus.Done, null), cancellationToken);
        return plan is null ? null : (plan, plan.Actions.Single(a => a.Id == actionId));
    }

    private async Task<IEnumerable<WorkQueueItem>> ActionsAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var weekEnd = today.AddDays(WeekDays);
        return (await plans.MyTasksAsync(cancellationToken))
            .Where(t => t.Action.DueDate < weekEnd)
            .Select(t =>
            {
                var overdue = t.Action.DueDate < today;
                return new WorkQueueItem(
                    overdue ? WorkQueueSection.OverdueActions : WorkQueueSection.ActionsThisWeek,
                    t.CourseId,
                    t.CitizenName,
                    InformationCategory.PlanAndGoals,
                    t.Action.Text,
                    t.Action.GoalTitle,
                    Label(overdue ? "WorkQueue.When.Overdue" : "WorkQueue.When.Due", overdue ? Date(t.Action.DueDate) : Day(t.Action.DueDate, today)),
                    CopenhagenTime.StartOfDayUtc(t.Action.DueDate),
                    $"/Courses/{t.CourseId}/plan#action-{t.Action.Id}",
                    t.Action.Id,
                    t.PlanVersion);
            });
    }

    /// <summary>Meetings this week the user takes part in (and whether they owe the agenda), and held meetings whose minutes they owe.</summary>
    private async Task<IEnumerable<WorkQueueItem>> MeetingsAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var roles = (await actors.GetAsync(cancellationToken)).PractitionerRoleIds;
        if (roles.Count == 0)
        {
            return [];
        }

        var o = meetingOptions.Value;
        var from = CopenhagenTime.StartOfDayUtc(today);
        var to = CopenhagenTime.StartOfDayUtc(today.AddDays(WeekDays));
        var items = new List<WorkQueueItem>();
        foreach (var (course, meeting) in await access.MyMeetingsAsync(from, cancellationToken))
        {
            var mine = course.Course.Members.Where(m => m.PractitionerRoleId is { } role && roles.Contains(role)).Select(m => m.Id).ToHashSet();
            var myRoles = meeting.Participants.Where(p => p.MemberId is { } id && mine.Contains(id)).Select(p => p.Role).ToHashSet();
            if (myRoles.Count == 0)
            {
                continue;
            }

            var title = MeetingTitles.Display(localizer, meeting);
            var link = $"/Meetings/{meeting.Id}";
            if (meeting.Status == MeetingStatus.Scheduled && meeting.Start is { } start && start >= from && start < to)
            {
                string? owed = null;
                if (myRoles.Contains(MeetingRole.MeetingLeader) && meeting.AgendaSharedAt is null && meeting.AgendaDeadline(o.AgendaWorkingDaysBefore, CopenhagenTime.DateOf) is { } agendaDue)
                {
                    owed = Label("WorkQueue.Meeting.AgendaOwed", Day(agendaDue, today));
                }

                items.Add(new WorkQueueItem(WorkQueueSection.Meetings, course.Course.Id, course.Citizen.FullName, InformationCategory.MeetingsAndMinutes, title, owed, Moment(start, today), start, link));
            }
            else if (meeting.Status == MeetingStatus.Held && meeting.MinutesApprovedAt is null
                     && (myRoles.Contains(MeetingRole.MinuteTaker) || myRoles.Contains(MeetingRole.MeetingLeader))
                     && meeting.MinutesDeadline(o.MinutesWorkingDaysAfter, CopenhagenTime.DateOf) is { } minutesDue)
            {
                var owed = localizer[meeting.Minutes is null ? "WorkQueue.Meeting.MinutesMissing" : "WorkQueue.Meeting.MinutesToApprove"].Value;
                var when = Label(minutesDue < today ? "WorkQueue.When.Overdue" : "WorkQueue.When.Due", minutesDue < today ? Date(minutesDue) : Day(minutesDue, today));
                items.Add(new WorkQueueItem(WorkQueueSection.Meetings, course.Course.Id, course.Citizen.FullName, InformationCategory.MeetingsAndMinutes, title, owed, when, CopenhagenTime.StartOfDayUtc(minutesDue), link + "#minutes"));
            }
        }

        return items;
    }

    private async Task<IEnumerable<WorkQueueItem>> ConsentsAsync(DateOnly today, CancellationToken cancellationToken)
    {
        return (await access.MyExpiringConsentsAsync(today, ConsentDays, cancellationToken))
            .SelectMany(c => c.Expiring.Select(k => new WorkQueueItem(
                WorkQueueSection.ExpiringConsents,
                c.Course.Course.Id,
                c.Course.Citizen.FullName,
                InformationCategory.StatusAndAppointments,
                localizer["WorkQueue.Consent.Title"],
                null,
                Label("WorkQueue.When.Expires", Day(k.ValidTo, today)),
                CopenhagenTime.StartOfDayUtc(k.ValidTo),
                $"/Courses/{c.Course.Course.Id}#consent-heading")));
    }

    private async Task<IEnumerable<WorkQueueItem>> MessagesAsync(CancellationToken cancellationToken)
    {
        var today = CopenhagenTime.Today(time);
        return (await access.MyConversationsAsync(cancellationToken))
            .Where(c => c.Unread > 0)
            .Select(c => new WorkQueueItem(
                WorkQueueSection.NewMessages,
                c.Course.Course.Id,
                c.Course.Citizen.FullName,
                InformationCategory.Messages,
                c.Conversation.Subject,
                string.Format(CultureInfo.CurrentCulture, localizer[c.Unread == 1 ? "WorkQueue.Messages.UnreadOne" : "WorkQueue.Messages.Unread"], c.Unread),
                Moment(c.Conversation.LastMessageAt, today),
                c.Conversation.LastMessageAt,
                $"/Conversations/{c.Conversation.Id}"));
    }

    /// <summary>Citizens on the user's networks who are admitted now, or were admitted or discharged in the last week (only events the user may read).</summary>
    private async Task<IEnumerable<WorkQueueItem>> HospitalAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = CopenhagenTime.Today(time);
        var since = now.AddDays(-HospitalDays);
        var items = new List<WorkQueueItem>();
        foreach (var timeline in await access.MyRecentHospitalStaysAsync(since, cancellationToken))
        {
            var latest = timeline.State.CurrentStayLatest ?? timeline.Events.Where(e => e.IsActive).MaxBy(e => e.OccurredAt);
            if (latest is null || (!timeline.State.Admitted && latest.OccurredAt < since))
            {
                continue;
            }

            var record = timeline.Record;
            items.Add(new WorkQueueItem(
                WorkQueueSection.HospitalStays,
                record.Course.Id,
                record.Citizen.FullName,
                InformationCategory.StatusAndAppointments,
                timeline.State.Admitted ? localizer["WorkQueue.Hospital.Admitted"] : localizer.Enum(latest.Kind),
                latest.Hospital is { } hospital ? $"{latest.Department}, {hospital}" : latest.Department,
                Label(timeline.State.Admitted ? "WorkQueue.When.Since" : "WorkQueue.When.At", timeline.State.Admitted ? Date(CopenhagenTime.DateOf(latest.StayStart)) : Moment(latest.OccurredAt, today)),
                latest.OccurredAt,
                $"/Courses/{record.Course.Id}#hospital-heading"));
        }

        return items;
    }

    /// <summary>"2. dec." in Danish, "2 Dec" in English: the current culture's short day and month.</summary>
    private string Date(DateOnly day) => day.ToString(localizer["WorkQueue.DateFormat"], CultureInfo.CurrentCulture);

    /// <summary>"i dag", "i morgen", "i går", or the date.</summary>
    private string Day(DateOnly day, DateOnly today) =>
        day == today ? localizer["WorkQueue.Day.Today"]
        : day == today.AddDays(1) ? localizer["WorkQueue.Day.Tomorrow"]
        : day == today.AddDays(-1) ? localizer["WorkQueue.Day.Yesterday"]
        : Date(day);

    /// <summary>"I morgen 10:00": the day in words or as a date, and the Copenhagen time.</summary>
    private string Moment(DateTimeOffset at, DateOnly today)
    {
        var local = CopenhagenTime.ToLocal(at);
        return Capitalise($"{Day(DateOnly.FromDateTime(local.DateTime), today)} {local.ToString("HH:mm", CultureInfo.InvariantCulture)}");
    }

    private string Label(string key, string value) => Capitalise(string.Format(CultureInfo.CurrentCulture, localizer[key], value));

    private static string Capitalise(string text) =>
        text.Length == 0 ? text : CultureInfo.CurrentCulture.TextInfo.ToUpper(text[0]) + text[1..];
}
