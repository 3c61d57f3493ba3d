using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Courses;
using Samspil.Domain.Directory;
using Samspil.Domain.Meetings;
using Samspil.Domain.Network;
using Samspil.Domain.Plans;
using Samspil.Features.Access;
using Samspil.Features.Conversations;
using Samspil.Features.Meetings;
using Samspil.Features.Network;
using Samspil.Features.Plans;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.GpCard;

/// <summary>
/// The GP's card (issue 21, BRIEF "who uses it": the GP has little time and contributes without
/// attending meetings). It is built only from the access layer's "Mine …" reads — open actions the
/// GP owns (plan og mål), threads the GP takes part in (beskeder), meetings on the GP's networks
/// (møder og referater) — so each item is decided in its own category and logged like those lists.
/// Writes go through the existing services (the same ones the API's endpoints call).
/// </summary>
public sealed class GpCardService(
    SamspilDbContext db,
    CitizenDataAccess access,
    AccessActorProvider actors,
    PlanService plans,
    ConversationService conversations,
    MeetingService meetings,
    TimeProvider time)
{
    private DateOnly Today => CopenhagenTime.Today(time);

    /// <summary>Is the signed-in user a GP: a professional with a role in an organisation of the general-practice sector?</summary>
    public async Task<bool> IsGpAsync(CancellationToken cancellationToken)
    {
        var user = access.User;
        if (!user.IsProfessional)
        {
            return false;
        }

        var professionalId = user.ProfessionalId;
        return await db.PractitionerRoles
            .Where(r => r.ProfessionalId == professionalId)
            .Join(db.Organizations, r => r.OrganizationId, o => o.Id, (r, o) => o.Sector)
            .AnyAsync(s => s == Sector.GeneralPractice, cancellationToken);
    }

    /// <summary>The card; null (404) for anyone who is not a GP.</summary>
    public async Task<GpCardView?> GetAsync(CancellationToken cancellationToken)
    {
        if (!await IsGpAsync(cancellationToken))
        {
            return null;
        }

        var courses = new Dictionary<Guid, (CourseRecord Record, List<GpActionItem> Actions, List<GpQuestionItem> Questions, List<GpMeetingItem> Meetings)>();
        (CourseRecord Record, List<GpActionItem> Actions, List<GpQuestionItem> Questions, List<GpMeetingItem> Meetings) CourseOf(CourseRecord record)
        {
            if (!courses.TryGetValue(record.Course.Id, out var entry))
            {
                entry = (record, [], [], []);
                courses[record.Course.Id] = entry;
            }

            return entry;
        }

        var today = Today;
        var records = new List<CourseRecord>();

        // (a) Open actions the GP owns.
        foreach (var (record, mine) in await access.PlansWithMyOpenActionsAsync(cancellationToken))
        {
            if (record.Plan is not { } plan)
            {
                continue;
            }

            records.Add(record.Course);
            var goals = plan.Goals.ToDictionary(g => g.Id, g => g.Title);
            foreach (var action in plan.Actions.Where(a => a.IsOpen && a.OwnerMemberId is { } owner && mine.Contains(owner)).OrderBy(a => a.DueDate))
            {
                CourseOf(record.Course).Actions.Add(new GpActionItem(
                    record.Course.Course.Id, action.Id, plan.Version, action.Text,
                    action.GoalId is { } goalId && goals.TryGetValue(goalId, out var title) ? title : null,
                    action.Status, action.DueDate, action.IsOverdue(today), action.CreatedAt, null));
            }
        }

        // (b) Questions: threads whose latest message someone else wrote.
        var threads = await access.MyConversationsAsync(cancellationToken);
        var latest = await access.LatestMessagesByOthersAsync(threads, cancellationToken);
        foreach (var thread in threads)
        {
            if (latest.TryGetValue(thread.Conversation.Id, out var message))
            {
                records.Add(thread.Course);
                CourseOf(thread.Course).Questions.Add(new GpQuestionItem(
                    thread.Course.Course.Id, thread.Conversation.Id, thread.Conversation.Subject, message.AuthorName, message.SentAt, message.Text, thread.Unread));
            }
        }

        // (c) Upcoming meetings the GP is invited to.
        var now = time.GetUtcNow();
        var roles = (await actors.GetAsync(cancellationToken)).PractitionerRoleIds;
        var me = access.User.DisplayName;
        var leaders = new Dictionary<Guid, Guid>();
        foreach (var meeting in await access.MyMeetingsAsync(now, cancellationToken))
        {
            var m = meeting.Meeting;
            var members = meeting.Course.Course.Members;
            var invited = m.Participants.Any(p => p.MemberId is { } id && members.Any(x => x.Id == id && x.PractitionerRoleId is { } role && roles.Contains(role)));
            if (!invited || !m.IsOpen || (m.Start is { } start && start < now))
            {
                continue;
            }

            records.Add(meeting.Course);
            var summary = meetings.Summary(m);
            if (m.Participants.FirstOrDefault(p => p.Role == MeetingRole.MeetingLeader)?.MemberId is { } leader)
            {
                leaders[m.Id] = leader;
            }

            CourseOf(meeting.Course).Meetings.Add(new GpMeetingItem(
                meeting.Course.Course.Id, m.Id, summary.Title, m.Status, m.Start, m.DueFrom, m.DueTo, summary.AgendaDeadline,
                null,
                m.OrderedAgenda.Where(a => a.ProposedByName == me).Select(a => a.Text).ToList()));
        }

        // Who asks: the meeting's leader, or else the course's tovholder (directory data, not citizen data).
        var names = await NamesAsync(records.SelectMany(r => r.Course.Members).DistinctBy(m => m.Id).ToList(), cancellationToken);
        string? Coordinator(Course course) =>
            course.Members.FirstOrDefault(m => m.Role == CollaborationRole.Coordinator && m.IsActiveOn(today)) is { } c && names.TryGetValue(c.Id, out var n) ? n : null;

        return new GpCardView(courses.Values
            .Select(c => new GpCourseView(
                c.Record.Course.Id,
                c.Record.Citizen.FullName,
                c.Record.Citizen.IdentityWithheld,
                c.Actions.Select(a => a with { AskedBy = Coordinator(c.Record.Course) }).ToList(),
                c.Questions.OrderByDescending(q => q.AskedAt).ToList(),
                c.Meetings
                    .Select(m => m with { AskedBy = leaders.TryGetValue(m.MeetingId, out var leader) && names.TryGetValue(leader, out var n) ? n : Coordinator(c.Record.Course) })
                    .OrderBy(m => m.Start ?? CopenhagenTime.StartOfDayUtc(m.DueFrom ?? today))
                    .ToList()))
            .OrderBy(c => c.CitizenName, StringComparer.CurrentCulture)
            .ToList());
    }

    /// <summary>Ticks an action off (status "done") through the plan service, against the plan version the card showed.</summary>
    public Task<PlanView?> TickOffAsync(Guid courseId, Guid actionId, int version, CancellationToken cancellationToken) =>
        CleanOnErrorAsync(() => plans.SetActionStatusAsync(courseId, actionId, version, new ActionStatusRequest(ActionStatus.Done, null), cancellationToken));

    /// <summary>Answers in the thread through the conversation service: it lands there like any reply.</summary>
    public Task<ConversationView?> ReplyAsync(Guid conversationId, string? text, CancellationToken cancellationToken) =>
        CleanOnErrorAsync(() => conversations.PostAsync(conversationId, new PostMessageRequest(text, null), [], cancellationToken));

    /// <summary>Written input to a meeting as an agenda point through the meeting service (a proposal unless the GP may plan the meeting).</summary>
    public Task<MeetingView?> ContributeAsync(Guid meetingId, string? text, CancellationToken cancellationToken) =>
        CleanOnErrorAsync(() => meetings.AddAgendaPointAsync(meetingId, new AgendaPointRequest(text), cancellationToken));

    /// <summary>A refused write leaves nothing half-changed behind for the card that is shown again with the message.</summary>
    private async Task<T> CleanOnErrorAsync<T>(Func<Task<T>> write)
    {
        try
        {
            return await write();
        }
        catch
        {
            db.ChangeTracker.Clear();
            throw;
        }
    }

    private async Task<Dictionary<Guid, string>> NamesAsync(IReadOnlyList<NetworkMember> members, CancellationToken cancellationToken)
    {
        var roles = await MemberDirectory.RolesOfAsync(db, members, cancellationToken);
        var names = new Dictionary<Guid, string>();
        foreach (var member in members)
        {
            if (member.PractitionerRoleId is { } roleId && roles.TryGetValue(roleId, out var role))
            {
                names[member.Id] = role.Professional.Name;
            }
            else if (member.PersonName is { } name)
            {
                names[member.Id] = name;
            }
        }

        return names;
    }
}
