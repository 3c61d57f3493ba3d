using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Samspil.Domain.Consents;
using Samspil.Domain.Courses;
using Samspil.Domain.Notifications;
using Samspil.Features.Access;
using Samspil.Features.Meetings;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Notifications;

/// <summary>
/// Reminders (issue 6, point 4), run periodically in a system scope: overdue plan actions, agendas and
/// minutes past their deadline, consents about to expire, task forces due a meeting, and courses where
/// region and municipality have not met for weeks. Finding the items is Samspil's own processing
/// (<see cref="AccessBasisKind.System"/>, not logged per read); every notice goes through
/// <see cref="NotificationService.NotifyAsync"/>, so the policy decides each recipient and each notice is
/// logged under them. A deduplication key per item and period makes each reminder fire once however
/// often the job runs, and on however many instances.
/// </summary>
public sealed partial class ReminderJob(
    SamspilDbContext db,
    CitizenDataAccess access,
    NotificationService notifications,
    TimeProvider time,
    IOptions<ReminderOptions> options,
    IOptions<MeetingOptions> meetingOptions,
    ILogger<ReminderJob> logger)
{
    private const int DetailTextLength = 150;

    /// <summary>Creates the reminders due now; returns how many notices of each kind were created.</summary>
    public async Task<IReadOnlyDictionary<NotificationKind, int>> RunAsync(CancellationToken cancellationToken)
    {
        if (!access.User.IsSystem)
        {
            throw new InvalidOperationException("Reminders run in a system scope.");
        }

        var today = CopenhagenTime.Today(time);
        var o = options.Value;
        var counts = new Dictionary<NotificationKind, int>();
        void Count(NotificationKind kind, int added) => counts[kind] = counts.GetValueOrDefault(kind) + added;

        foreach (var (course, action) in await access.OverdueActionsAsync(today, cancellationToken))
        {
            var candidates = action.OwnerIsCitizen ? await access.CitizenAccountsAsync(course.CitizenId, cancellationToken)
                : action.OwnerMemberId is { } memberId ? await access.MemberAccountsAsync(memberId, cancellationToken)
                : [];
            var link = action.OwnerIsCitizen ? "/Me/Plan" : Invariant($"/Courses/{course.Id}/plan#action-{action.Id}");
            Count(NotificationKind.ActionOverdue, await NotifyAsync(
                new NotificationDraft(NotificationKind.ActionOverdue, course.Id, course.CitizenId, InformationCategory.PlanAndGoals, Detail(action.Text, action.DueDate), link, Invariant($"reminder:action-overdue:{action.Id:N}:{action.DueDate:yyyy-MM-dd}")),
                course,
                candidates,
                cancellationToken));
        }

        var m = meetingOptions.Value;
        foreach (var (course, meeting) in await access.MeetingsAwaitingAgendaOrMinutesAsync(today, cancellationToken))
        {
            var agenda = meeting.Status == Domain.Meetings.MeetingStatus.Scheduled;
            var deadline = agenda ? meeting.AgendaDeadline(m.AgendaWorkingDaysBefore, CopenhagenTime.DateOf) : meeting.MinutesDeadline(m.MinutesWorkingDaysAfter, CopenhagenTime.DateOf);
            if (deadline is not { } due || due > today)
            {
                continue;
            }

            var kind = agenda ? NotificationKind.AgendaDue : NotificationKind.MinutesDue;
            var key = Invariant($"reminder:{(agenda ? "agenda" : "minutes")}:{meeting.Id:N}:{due:yyyy-MM-dd}");
            Count(kind, await NotifyAsync(
                new NotificationDraft(kind, course.Id, course.CitizenId, InformationCategory.MeetingsAndMinutes, Detail(meeting.Title, due), Invariant($"/Meetings/{meeting.Id}"), key),
                course,
                await access.CoordinatorAccountsAsync(course, cancellationToken),
                cancellationToken));
        }

        foreach (var (consent, courses) in await access.ExpiringConsentsAsync(today, o.ConsentExpiryWarningDays, cancellationToken))
        {
            var key = Invariant($"reminder:consent-expiring:{consent.Id:N}");
            var detail = CopenhagenTime.Format(consent.ValidTo);
            var first = courses.OrderBy(c => c.StartDate).FirstOrDefault();

            // A consent is the citizen's, not a course's (ADR 0013): whoever is told must be able to see it — on a
            // citizen-level basis, or because their organisation registered it (as on the course page).
            var recordedBy = await db.Users.Where(u => u.Id == consent.RecordedByUserId).Select(u => u.OrganizationId).SingleOrDefaultAsync(cancellationToken);
            var consentSubject = AccessSubject.OfCitizen(consent.CitizenId, recordedBy);
            Count(NotificationKind.ConsentExpiring, await NotifyAsync(
                new NotificationDraft(NotificationKind.ConsentExpiring, first?.Id, consent.CitizenId, InformationCategory.StatusAndAppointments, detail, "/Me/Consents", key),
                consentSubject,
                await access.CitizenAccountsAsync(consent.CitizenId, cancellationToken),
                cancellationToken));
            foreach (var course in courses)
            {
                Count(NotificationKind.ConsentExpiring, await NotifyAsync(
                    new NotificationDraft(NotificationKind.ConsentExpiring, course.Id, consent.CitizenId, InformationCategory.StatusAndAppointments, detail, Invariant($"/Courses/{course.Id}"), key),
                    consentSubject,
                    await access.CoordinatorAccountsAsync(course, cancellationToken),
                    cancellationToken));
            }
        }

        var taskForce = await db.MeetingTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.Key == o.TaskForceTemplateKey && t.Active, cancellationToken);
        var codes = taskForce?.DefaultForTargetGroups?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];
        IReadOnlyList<CourseSince> taskForces = codes.Length == 0 ? [] : await access.TaskForceCoursesAsync(codes, today, cancellationToken);
        foreach (var (course, since) in taskForces)
        {
            var due = since.AddDays(o.TaskForceIntervalDays);
            if (due > today)
            {
                continue;
            }

            Count(NotificationKind.TaskForceMeetingDue, await NotifyAsync(
                new NotificationDraft(NotificationKind.TaskForceMeetingDue, course.Id, course.CitizenId, InformationCategory.MeetingsAndMinutes, CopenhagenTime.Format(due), Invariant($"/Courses/{course.Id}/meetings"), Invariant($"reminder:taskforce:{course.Id:N}:{due:yyyy-MM-dd}")),
                course,
                await access.CoordinatorAccountsAsync(course, cancellationToken),
                cancellationToken));
        }

        var period = o.NoContactWeeks * 7;
        foreach (var (course, since) in await access.LastCrossSectorContactAsync(today, cancellationToken))
        {
            var silentDays = today.DayNumber - since.DayNumber;
            if (silentDays < period)
            {
                continue;
            }

            // Once per period of silence: after another N weeks without a meeting it comes again.
            var key = Invariant($"reminder:no-contact:{course.Id:N}:{since:yyyy-MM-dd}:{silentDays / period}");
            Count(NotificationKind.NoContact, await NotifyAsync(
                new NotificationDraft(NotificationKind.NoContact, course.Id, course.CitizenId, InformationCategory.MeetingsAndMinutes, CopenhagenTime.Format(since), Invariant($"/Courses/{course.Id}/meetings"), key),
                course,
                await access.CoordinatorAccountsAsync(course, cancellationToken),
                cancellationToken));
        }

        // Issue 17 point 8: a statutory deadline's reminder, once per due date, to the members of the rule's organisation kind
        // on the course's network (the coordinator when there is none), in the deadline's own category.
        foreach (var (course, deadline, due) in await access.DeadlinesToRemindAsync(today, cancellationToken))
        {
            var candidates = await access.KindMemberAccountsAsync(course, deadline.RemindKind, cancellationToken);
            if (candidates.Count == 0)
            {
                candidates = await access.CoordinatorAccountsAsync(course, cancellationToken);
            }

            Count(NotificationKind.DeadlineDue, await NotifyAsync(
                new NotificationDraft(NotificationKind.DeadlineDue, course.Id, course.CitizenId, deadline.Category, Detail(deadline.Name, due), Invariant($"/Courses/{course.Id}/deadlines#deadline-{deadline.Id}"), Invariant($"reminder:deadline:{deadline.Id:N}:{due:yyyy-MM-dd}")),
                course,
                candidates,
                cancellationToken));
        }

        LogRun(logger, counts.Values.Sum());
        return counts;
    }

    private Task<int> NotifyAsync(NotificationDraft draft, Course course, IReadOnlyCollection<Guid> candidates, CancellationToken cancellationToken) =>
        NotifyAsync(draft, CitizenDataAccess.SubjectOf(course), candidates, cancellationToken);

    private async Task<int> NotifyAsync(NotificationDraft draft, AccessSubject subject, IReadOnlyCollection<Guid> candidates, CancellationToken cancellationToken)
    {
        if (candidates.Count == 0)
        {
            return 0;
        }

        try
        {
            var added = await notifications.NotifyAsync(draft, subject, candidates, cancellationToken);
            await access.Log.CommitAsync(cancellationToken);
            return added.Count;
        }
        catch (DbUpdateException)
        {
            // Another instance created the same reminder a moment ago (same recipient and key): it exists once.
            db.ChangeTracker.Clear();
            LogRace(logger, draft.Kind);
            return 0;
        }
    }

    private static string Detail(string text, DateOnly date)
    {
        var trimmed = text.Length <= DetailTextLength ? text : text[..DetailTextLength] + "…";
        return trimmed + " · " + CopenhagenTime.Format(date);
    }


    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminders: {Count} notices created")]
    private static partial void LogRun(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder {Kind} was created by another instance at the same time")]
    private static partial void LogRace(ILogger logger, NotificationKind kind);
}
