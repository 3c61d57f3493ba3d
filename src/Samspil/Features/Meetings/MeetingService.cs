using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Samspil.Domain.Audit;
using Samspil.Domain.Common;
using Samspil.Domain.Consents;
using Samspil.Domain.Courses;
using Samspil.Domain.Meetings;
using Samspil.Domain.Network;
using Samspil.Domain.Plans;
using Samspil.Features.Access;
using Samspil.Features.Network;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Meetings;

/// <summary>
/// Use cases for meetings, shared by the API and the pages. Reads and changes go through
/// <see cref="CitizenDataAccess"/> in the category "møder og referater"; agreements also change the
/// shared plan ("plan og mål") in the same transaction.
/// </summary>
public sealed class MeetingService(
    SamspilDbContext db,
    CitizenDataAccess access,
    AccessActorProvider actors,
    TimeProvider time,
    IOptions<MeetingOptions> options,
    MeetingInvitations invitations,
    IStringLocalizer<SharedResource> localizer,
    Collaboration.CollaborationService collaboration,
    MeetingPeople people)
{
    private const InformationCategory Category = InformationCategory.MeetingsAndMinutes;

    private static bool English => Thread.CurrentThread.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public async Task<CourseMeetingsView?> CourseCalendarAsync(Guid courseId, CancellationToken cancellationToken)
    {
        if (await access.ReadCourseMeetingsAsync(courseId, cancellationToken) is not { } read)
        {
            return null;
        }

        var (record, meetings) = read;
        var templates = await db.MeetingTemplates.AsNoTracking().Where(t => t.Active).ToListAsync(cancellationToken);
        var canEdit = !record.Course.IsEnded(Today) && await access.MayChangeAsync(record, cancellationToken);
        return new CourseMeetingsView(
            courseId,
            record.Citizen.FullName,
            record.Course.IsDemo,
            meetings.OrderBy(m => m.Start?.UtcDateTime ?? CopenhagenTime.StartOfDayUtc(m.DueFrom ?? Today).UtcDateTime).Select(Summary).ToList(),
            templates.Select(t => new TemplateRef(t.Key, t.DisplayName(English), t.IsDefaultFor(record.Course.TargetGroupCode))).ToList(),
            canEdit);
    }

    public async Task<MeetingView?> GetAsync(Guid meetingId, CancellationToken cancellationToken)
    {
        if (await access.ReadMeetingAsync(meetingId, cancellationToken) is not { } read)
        {
            return null;
        }

        return await ToViewAsync(read.Record, read.Previous, cancellationToken);
    }

    public async Task<IReadOnlyList<MyMeetingView>> MyMeetingsAsync(CancellationToken cancellationToken)
    {
        if (access.User.ActsForCitizen)
        {
            return await CitizensMeetingsAsync(cancellationToken);
        }

        var now = time.GetUtcNow();
        var records = await access.MyMeetingsAsync(now.AddHours(-12), cancellationToken);
        var roles = await MyRolesAsync(cancellationToken);
        return records
            .Select(r => new MyMeetingView(
                r.Course.Course.Id,
                r.Course.Citizen.FullName,
                Summary(r.Meeting),
                r.Course.Course.Members.Any(m => IsMine(m, roles) && m.Role == CollaborationRole.Coordinator && m.IsActiveOn(Today)),
                IsInvited(r, roles)))
            .OrderBy(m => m.Meeting.Start ?? CopenhagenTime.StartOfDayUtc(m.Meeting.DueFrom ?? Today))
            .ToList();
    }

    /// <summary>The citizen's (or proxy's) own meetings: scheduled and held ones, with the plain summary once the minutes are approved.</summary>
    private async Task<IReadOnlyList<MyMeetingView>> CitizensMeetingsAsync(CancellationToken cancellationToken)
    {
        var citizenId = access.User.CitizenId;
        var courses = await access.ListCoursesAsync(q => q.Where(c => c.Citizen.Id == citizenId), Category, cancellationToken);
        var result = new List<MyMeetingView>();
        foreach (var course in courses)
        {
            if (await access.ReadCourseMeetingsAsync(course.Course.Id, cancellationToken) is { } read)
            {
                result.AddRange(read.Meetings
                    .Where(m => m.Status is MeetingStatus.Scheduled or MeetingStatus.Held)
                    .Select(m => new MyMeetingView(course.Course.Id, course.Citizen.FullName, Summary(m), false, m.Participants.Any(p => p.IsCitizen))));
            }
        }

        return result.OrderByDescending(m => m.Meeting.Start).ToList();
    }

    public async Task<Guid?> CreateAsync(Guid courseId, CreateMeetingRequest request, CancellationToken cancellationToken)
    {
        var record = await access.FindCourseForMeetingsChangeAsync(courseId, cancellationToken);
        if (record is null)
        {
            return null;
        }

        EnsureCourseOpen(record);
        var meeting = Meeting.Create(
            new NewMeeting(
                courseId,
                record.Citizen.Id,
                request.Kind ?? throw new DomainException("Meeting.Kind.Required", "kind"),
                request.Title,
                request.Format ?? MeetingFormat.InPerson,
                request.DueFrom,
                request.DueTo),
            Now);
        meeting.SetParticipants(DefaultParticipants(record), ActiveMembers(record));
        db.Meetings.Add(meeting);
        access.Log.Record(record.Citizen.Id, Category, AccessAction.Create, "Meeting", meeting.Id, record.Decision);
        await access.Log.CommitAsync(cancellationToken);
        return meeting.Id;
    }

    /// <summary>
    /// Proposes the template's meetings from the trigger date (default: today). Steps already proposed
    /// for this course from the same template are not proposed twice.
    /// </summary>
    public async Task<IReadOnlyList<Guid>?> ApplyTemplateAsync(Guid courseId, ApplyTemplateRequest request, CancellationToken cancellationToken)
    {
        var record = await access.FindCourseForMeetingsChangeAsync(courseId, cancellationToken);
        if (record is null)
        {
            return null;
        }

        EnsureCourseOpen(record);
        var key = request.TemplateKey?.Trim();
        var template = string.IsNullOrEmpty(key) || Guard.HasControlCharacters(key)
            ? null
            : await db.MeetingTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.Key == key && t.Active, cancellationToken);
        if (template is null)
        {
            throw new DomainException("Meeting.Template.Unknown", "templateKey");
        }

        var created = await ProposeAsync(record, template, request.TriggerDate ?? Today, cancellationToken);
        return [.. created, .. await FollowCourseAsync(courseId, [template.Key], cancellationToken)];
    }

    /// <summary>
    /// Meeting models that follow the course (issue 17 point 3): the course's target-group models and the models it has
    /// meetings from propose the meetings whose trigger has happened (a phase entered or left, the expected end of
    /// treatment, the course's end, an earlier meeting), and open proposals move when their trigger moves. Scheduled,
    /// held and cancelled meetings stay as they are; a step's meeting that was cancelled is not proposed again, nor is a
    /// meeting whose window has already passed. Called after every change that can move a trigger; it does nothing when
    /// the user may not change the course's meetings or the course has ended.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> FollowCourseAsync(Guid courseId, CancellationToken cancellationToken) =>
        await FollowCourseAsync(courseId, null, cancellationToken);

    private async Task<IReadOnlyList<Guid>> FollowCourseAsync(Guid courseId, IReadOnlyList<string>? onlyModels, CancellationToken cancellationToken)
    {
        if (await access.FindCourseModelMeetingsForChangeAsync(courseId, cancellationToken) is not { } found || found.Course.Course.IsEnded(Today))
        {
            return [];
        }

        var (record, meetings) = found;
        var course = record.Course;
        var timeline = CourseTimeline.Of(course, CopenhagenTime.DateOf);
        var templates = await db.MeetingTemplates.AsNoTracking().Where(t => t.Active).ToListAsync(cancellationToken);
        var followed = templates.Where(t => t.FollowsCourse && (onlyModels is null
            ? t.IsDefaultFor(course.TargetGroupCode) || meetings.Any(m => m.TemplateKey == t.Key)
            : onlyModels.Contains(t.Key)));
        var active = ActiveMembers(record);
        var created = new List<Guid>();
        var changed = false;
        foreach (var template in followed)
        {
            // A step's meetings, in the order they were proposed; a meeting of another kind came from a step since moved.
            List<Meeting> OfStep(int step) => meetings
                .Where(m => m.TemplateKey == template.Key && m.TemplateStep == step && m.Kind == template.Steps[step].Kind)
                .OrderBy(m => m.CreatedAt).ThenBy(m => m.DueFrom).ToList();

            var stepDates = new Dictionary<int, DateOnly>();
            for (var i = 0; i < template.Steps.Count; i++)
            {
                if (OfStep(i).FirstOrDefault(m => m.Status is MeetingStatus.Scheduled or MeetingStatus.Held && m.Start is not null) is { } took)
                {
                    stepDates[i] = CopenhagenTime.DateOf(took.Start!.Value);
                }
            }

            // The course follows the model from its first meeting from it (or from now): a model taken into use on a course
            // already under way proposes from then, not back at phase changes long past.
            var since = meetings.Where(m => m.TemplateKey == template.Key).Select(m => (DateTimeOffset?)m.CreatedAt).Min() is { } first ? CopenhagenTime.DateOf(first) : Today;
            foreach (var group in template.FollowCourse(timeline, stepDates, options.Value.TemplateHorizonDays, since).GroupBy(p => p.Step))
            {
                var existing = OfStep(group.Key);
                foreach (var proposal in group)
                {
                    if (proposal.Occurrence < existing.Count)
                    {
                        changed |= existing[proposal.Occurrence].MoveDueWindow(proposal.DueFrom, proposal.DueTo);
                        continue;
                    }

                    if (proposal.DueTo < Today)
                    {
                        continue;
                    }

                    var spec = proposal.Spec;
                    var meeting = Meeting.Create(
                        new NewMeeting(course.Id, record.Citizen.Id, spec.Kind, English ? spec.TitleEn : spec.TitleDa, spec.Format, proposal.DueFrom, proposal.DueTo, template.Key, proposal.Step),
                        Now);
                    meeting.SetParticipants(StepParticipants(record, spec), active);
                    db.Meetings.Add(meeting);
                    access.Log.Record(record.Citizen.Id, Category, AccessAction.Create, "Meeting", meeting.Id, record.Decision);
                    created.Add(meeting.Id);
                }
            }
        }

        if (changed || created.Count > 0)
        {
            if (changed)
            {
                access.Log.Record(record.Citizen.Id, Category, AccessAction.Update, "Meetings", course.Id, record.Decision);
            }

            await access.Log.CommitAsync(cancellationToken);
        }

        return created;
    }

    /// <summary>When treatment starts, the target group's default template proposes its meetings (R21, R22).</summary>
    public async Task ProposeOnTreatmentStartAsync(Guid courseId, CancellationToken cancellationToken)
    {
        var record = await access.FindCourseForMeetingsChangeAsync(courseId, cancellationToken);
        if (record is null)
        {
            return;
        }

        var code = record.Course.TargetGroupCode;
        var templates = await db.MeetingTemplates.AsNoTracking().Where(t => t.Active).ToListAsync(cancellationToken);
        foreach (var template in templates.Where(t => t.IsDefaultFor(code)))
        {
            await ProposeAsync(record, template, Today, cancellationToken);
        }

        await FollowCourseAsync(courseId, cancellationToken);
    }

    public Task<MeetingView?> DescribeAsync(Guid meetingId, DescribeMeetingRequest request, CancellationToken cancellationToken) =>
        ChangeAsync(meetingId, (m, _) => m.Describe(request.Title, request.Purpose), cancellationToken);

    /// <summary>Sets or moves the time and place, and sends the (updated) invitation to the participants.</summary>
    public Task<MeetingView?> ScheduleAsync(Guid meetingId, ScheduleMeetingRequest request, CancellationToken cancellationToken) =>
        ChangeAsync(
            meetingId,
            (m, _) => m.Schedule(request.Start, request.End, request.Format ?? m.Format, request.Location, request.VideoLink),
            cancellationToken,
            afterCommit: async (record, ct) =>
            {
                await people.BookInterpreterAsync(record, request.InterpreterId, ct); // issue 17: the interpreter is booked and invited too
                await invitations.SendAsync(record, MeetingInvitations.Kind.Request, ct);
            });

    public Task<MeetingView?> CancelAsync(Guid meetingId, CancelMeetingRequest request, CancellationToken cancellationToken)
    {
        var wasScheduled = false;
        return ChangeAsync(
            meetingId,
            (m, _) =>
            {
                wasScheduled = m.Status == MeetingStatus.Scheduled;
                m.Cancel(request.Reason);
            },
            cancellationToken,
            afterCommit: (record, ct) => wasScheduled ? invitations.SendAsync(record, MeetingInvitations.Kind.Cancel, ct) : Task.CompletedTask);
    }

    public Task<MeetingView?> SetParticipantsAsync(Guid meetingId, ParticipantsRequest request, CancellationToken cancellationToken) =>
        ChangeAsync(
            meetingId,
            (m, record) => m.SetParticipants(
                (request.Participants ?? []).Select(p => new ParticipantSpec(p.MemberId, p.IsCitizen, p.Role ?? MeetingRole.Participant, p.HasDecisionCompetence)).ToList(),
                ActiveMembers(record)),
            cancellationToken);

    public Task<MeetingView?> RecordAttendanceAsync(Guid meetingId, AttendanceRequest request, CancellationToken cancellationToken) =>
        ChangeAsync(
            meetingId,
            (m, _) => m.RecordAttendance(
                request.ParticipantId ?? throw new DomainException("Meeting.Participant.NotFound", "participantId"),
                request.Attendance ?? throw new DomainException("Meeting.Attendance.Invalid", "attendance"),
                request.ProxyName),
            cancellationToken);

    /// <summary>
    /// Adds an agenda point. Staff who may plan the course's meetings add accepted points; the citizen,
    /// a proxy and the other participants propose points that the coordinator accepts (R20).
    /// </summary>
    public async Task<MeetingView?> AddAgendaPointAsync(Guid meetingId, AgendaPointRequest request, CancellationToken cancellationToken)
    {
        if (await access.FindMeetingForChangeAsync(meetingId, cancellationToken) is { } editable)
        {
            editable.Meeting.AddAgendaPoint(request.Text, access.User.DisplayName, accepted: true, Now);
            return await CommitAsync(editable, cancellationToken);
        }

        db.ChangeTracker.Clear();
        var readable = await access.FindMeetingForProposalAsync(meetingId, cancellationToken);
        if (readable is null)
        {
            return null;
        }

        var basis = readable.Course.Decision.BasisKind;
        if (basis is not (AccessBasisKind.Self or AccessBasisKind.Proxy) && !IsInvited(readable, await MyRolesAsync(cancellationToken)))
        {
            throw new DomainException("Meeting.Agenda.Forbidden");
        }

        readable.Meeting.AddAgendaPoint(request.Text, access.User.DisplayName, accepted: false, Now);
        return await CommitAsync(readable, cancellationToken);
    }

    public Task<MeetingView?> AcceptAgendaPointAsync(Guid meetingId, Guid pointId, CancellationToken cancellationToken) =>
        ChangeAsync(meetingId, (m, _) => m.AcceptAgendaPoint(pointId), cancellationToken);

    public Task<MeetingView?> RemoveAgendaPointAsync(Guid meetingId, Guid pointId, CancellationToken cancellationToken) =>
        ChangeAsync(meetingId, (m, _) => m.RemoveAgendaPoint(pointId), cancellationToken);

    public Task<MeetingView?> ShareAgendaAsync(Guid meetingId, CancellationToken cancellationToken) =>
        ChangeAsync(
            meetingId,
            (m, _) => m.ShareAgenda(Now),
            cancellationToken,
            afterCommit: (record, ct) => invitations.NotifyAsync(record, "Meeting.Mail.AgendaShared", ct));

    public Task<MeetingView?> MarkHeldAsync(Guid meetingId, CancellationToken cancellationToken) =>
        ChangeAsync(meetingId, (m, _) => m.MarkHeld(Now), cancellationToken, afterCommit: collaboration.SendAfterMeetingAsync); // issue 19: the collaboration questionnaire

    public Task<MeetingView?> WriteMinutesAsync(Guid meetingId, MinutesRequest request, CancellationToken cancellationToken) =>
        ChangeAsync(meetingId, (m, _) => m.WriteMinutes(request.Minutes, request.CitizenSummary), cancellationToken);

    public Task<MeetingView?> ApproveMinutesAsync(Guid meetingId, CancellationToken cancellationToken) =>
        ChangeAsync(
            meetingId,
            (m, _) => m.ApproveMinutes(access.User.AsActor(), Now),
            cancellationToken,
            afterCommit: async (record, ct) =>
            {
                await invitations.NotifyAsync(record, "Meeting.Mail.MinutesShared", ct);
                await collaboration.SendAfterMeetingAsync(record, ct); // issue 19: sends nothing twice
            });

    /// <summary>
    /// Records an agreement and puts it in the shared plan as an action with the same owner and date
    /// (R25), in one transaction. Needs permission to change the plan as well as the meeting.
    /// </summary>
    public async Task<MeetingView?> AddAgreementAsync(Guid meetingId, AgreementRequest request, CancellationToken cancellationToken)
    {
        var record = await access.FindMeetingForChangeAsync(meetingId, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var planFound = await access.FindPlanForChangeAsync(record.Course.Course.Id, cancellationToken);
        if (planFound is not { Editor: PlanEditor.Staff } found)
        {
            throw new DomainException("Meeting.Agreement.PlanForbidden");
        }

        var now = Now;
        var actor = access.User.AsActor();
        var course = found.Record.Course;
        var plan = found.Record.Plan;
        if (plan is null)
        {
            (plan, var first) = CarePlan.Create(course.Course.Id, course.Citizen.Id, actor, now);
            db.CarePlans.Add(plan);
            db.PlanVersions.Add(first);
            access.Log.Record(course.Citizen.Id, InformationCategory.PlanAndGoals, AccessAction.Create, "CarePlan", plan.Id, course.Decision);
        }

        var text = Guard.RequiredText(request.Text, 500, "Meeting.Agreement.Text", "text");
        var owner = new ActionOwner(request.OwnerMemberId, request.OwnerIsCitizen);
        var action = plan.AddAction(null, text, owner, request.DueDate, ActiveMembers(record.Course), now);
        record.Meeting.AddAgreement(text, owner.MemberId, owner.IsCitizen, action.DueDate, action.Id, now);
        db.PlanVersions.Add(plan.Record(actor, now, "Action.FromMeeting"));
        access.Log.Record(course.Citizen.Id, InformationCategory.PlanAndGoals, AccessAction.Update, "CarePlan", plan.Id, course.Decision);
        return await CommitAsync(record, cancellationToken);
    }

    /// <summary>The invitation as an .ics file (the same as the one mailed), for the participants' own calendars.</summary>
    public async Task<string?> InvitationAsync(Guid meetingId, CancellationToken cancellationToken)
    {
        if (await access.ReadMeetingAsync(meetingId, cancellationToken) is not { } read || read.Record.Meeting.Start is null)
        {
            return null;
        }

        return await invitations.IcsAsync(read.Record, read.Record.Meeting.Status == MeetingStatus.Cancelled ? MeetingInvitations.Kind.Cancel : MeetingInvitations.Kind.Request, cancellationToken);
    }

    internal MeetingSummary Summary(Meeting m)
    {
        var o = options.Value;
        var agendaDeadline = m.AgendaDeadline(o.AgendaWorkingDaysBefore, CopenhagenTime.DateOf);
        var minutesDeadline = m.MinutesDeadline(o.MinutesWorkingDaysAfter, CopenhagenTime.DateOf);
        return new MeetingSummary(
            m.Id, m.CourseId, m.Kind, MeetingTitles.Display(localizer, m), m.Status, m.DueFrom, m.DueTo, m.Start, m.End, m.Format, m.Location,
            m.AgendaSharedAt, agendaDeadline,
            m.Status == MeetingStatus.Scheduled && m.AgendaSharedAt is null && agendaDeadline < Today,
            minutesDeadline,
            m.Status == MeetingStatus.Held && m.MinutesApprovedAt is null && minutesDeadline < Today,
            m.MinutesApprovedAt,
            m.Status == MeetingStatus.Proposed && m.DueTo < Today,
            m.MinutesApprovedAt is null ? null : m.CitizenSummary);
    }

    private DateOnly Today => CopenhagenTime.Today(time);

    private Moment Now => CopenhagenTime.Now(time);


    private IReadOnlySet<Guid> ActiveMembers(CourseRecord record) => record.Course.ActiveMemberIds(Today);

    /// <summary>A new meeting starts with the citizen and the active professionals, the tovholder as meeting leader.</summary>
    private List<ParticipantSpec> DefaultParticipants(CourseRecord record)
    {
        var active = ActiveMembers(record);
        var specs = new List<ParticipantSpec> { new(null, true, MeetingRole.Participant, false) };
        specs.AddRange(record.Course.Members
            .Where(m => active.Contains(m.Id) && m.Kind == MemberKind.Professional)
            .Select(m => new ParticipantSpec(m.Id, false, m.Role == CollaborationRole.Coordinator ? MeetingRole.MeetingLeader : MeetingRole.Participant, false)));
        return specs;
    }

    /// <summary>
    /// Who a template step invites: with participant roles, the citizen and the active members with one of
    /// those roles (the tovholder leads); without, the default (<see cref="DefaultParticipants"/>).
    /// </summary>
    private List<ParticipantSpec> StepParticipants(CourseRecord record, TemplateStep step)
    {
        if (step.ParticipantRoles is not { Count: > 0 } roles)
        {
            return DefaultParticipants(record);
        }

        var active = ActiveMembers(record);
        var specs = new List<ParticipantSpec> { new(null, true, MeetingRole.Participant, false) };
        specs.AddRange(record.Course.Members
            .Where(m => active.Contains(m.Id) && roles.Contains(m.Role))
            .Select(m => new ParticipantSpec(m.Id, false, m.Role == CollaborationRole.Coordinator ? MeetingRole.MeetingLeader : MeetingRole.Participant, false)));
        return specs;
    }

    private async Task<IReadOnlyList<Guid>> ProposeAsync(CourseRecord record, MeetingTemplate template, DateOnly trigger, CancellationToken cancellationToken)
    {
        var courseId = record.Course.Id;
        var existing = (await access.ReadCourseMeetingsAsync(courseId, cancellationToken))?.Meetings ?? [];
        var horizon = trigger.AddDays(options.Value.TemplateHorizonDays);
        var created = new List<Guid>();
        var active = ActiveMembers(record);
        foreach (var (step, spec, dueFrom, dueTo) in template.Proposals(trigger, horizon))
        {
            if (existing.Any(m => m.TemplateKey == template.Key && m.TemplateStep == step && m.DueFrom == dueFrom && m.Status != MeetingStatus.Cancelled))
            {
                continue;
            }

            var meeting = Meeting.Create(
                new NewMeeting(courseId, record.Citizen.Id, spec.Kind, English ? spec.TitleEn : spec.TitleDa, spec.Format, dueFrom, dueTo, template.Key, step),
                Now);
            meeting.SetParticipants(StepParticipants(record, spec), active);
            db.Meetings.Add(meeting);
            access.Log.Record(record.Citizen.Id, Category, AccessAction.Create, "Meeting", meeting.Id, record.Decision);
            created.Add(meeting.Id);
        }

        await access.Log.CommitAsync(cancellationToken);
        return created;
    }

    private async Task<MeetingView?> ChangeAsync(Guid meetingId, Action<Meeting, CourseRecord> change, CancellationToken cancellationToken, Func<MeetingRecord, CancellationToken, Task>? afterCommit = null)
    {
        var record = await access.FindMeetingForChangeAsync(meetingId, cancellationToken);
        if (record is null)
        {
            return null;
        }

        EnsureCourseOpen(record.Course);
        change(record.Meeting, record.Course);
        var view = await CommitAsync(record, cancellationToken);
        if (afterCommit is not null)
        {
            await afterCommit(record, cancellationToken);
        }

        if (record.Meeting.TemplateKey is not null)
        {
            // A model's later steps may follow this meeting (its date moved, it was held or cancelled).
            await FollowCourseAsync(record.Course.Course.Id, cancellationToken);
        }

        return view;
    }

    private async Task<MeetingView?> CommitAsync(MeetingRecord record, CancellationToken cancellationToken)
    {
        access.Log.Record(record.Course.Citizen.Id, Category, AccessAction.Update, "Meeting", record.Meeting.Id, record.Course.Decision);
        await access.Log.CommitAsync(cancellationToken);
        return await GetAsync(record.Meeting.Id, cancellationToken);
    }

    private void EnsureCourseOpen(CourseRecord record)
    {
        if (record.Course.IsEnded(Today))
        {
            throw new DomainException("Course.Ended");
        }
    }

    /// <summary>The signed-in professional's active roles, as the access layer knows them.</summary>
    private async Task<IReadOnlySet<Guid>> MyRolesAsync(CancellationToken cancellationToken) =>
        (await actors.GetAsync(cancellationToken)).PractitionerRoleIds;

    private static bool IsMine(NetworkMember member, IReadOnlySet<Guid> roles) =>
        member.PractitionerRoleId is { } role && roles.Contains(role);

    /// <summary>Is one of the user's network memberships among the meeting's participants?</summary>
    private static bool IsInvited(MeetingRecord record, IReadOnlySet<Guid> roles) =>
        record.Meeting.Participants.Any(p => p.MemberId is { } id && record.Course.Course.Members.Any(m => m.Id == id && IsMine(m, roles)));

    private async Task<MeetingView> ToViewAsync(MeetingRecord record, Meeting? previous, CancellationToken cancellationToken)
    {
        var (course, meeting) = record;
        var members = course.Course.Members;
        var roles = await MemberDirectory.RolesOfAsync(db, members, cancellationToken);
        var summary = Summary(meeting);
        var canEdit = meeting.Status != MeetingStatus.Cancelled && !course.Course.IsEnded(Today) && course.Decision.BasisKind is not (AccessBasisKind.Self or AccessBasisKind.Proxy) && await access.MayChangeAsync(course, cancellationToken);

        string NameOf(Guid? memberId, bool isCitizen) =>
            isCitizen ? course.Citizen.FullName
            : members.FirstOrDefault(m => m.Id == memberId) is { } member
                ? member.PractitionerRoleId is { } roleId && roles.TryGetValue(roleId, out var r) ? r.Professional.Name : member.PersonName ?? string.Empty
                : string.Empty;

        // The plan tells how each agreement's action stands (when the reader may see the plan).
        var plan = meeting.Agreements.Count > 0 || previous?.Agreements.Count > 0 ? await access.ReadPlanAsync(course.Course.Id, cancellationToken) : null;
        var statuses = plan?.Plan?.Actions.ToDictionary(a => a.Id, a => a.Status) ?? [];
        List<AgreementView> Agreements(Meeting m) => m.Agreements.OrderBy(a => a.Order)
            .Select(a => new AgreementView(a.Id, a.Text, NameOf(a.OwnerMemberId, a.OwnerIsCitizen), a.DueDate, a.PlanActionId, statuses.TryGetValue(a.PlanActionId, out var s) ? s : null, MeetingTitles.Display(localizer, m)))
            .ToList();
        var previousAgreements = previous is null ? [] : Agreements(previous);

        var participants = meeting.Participants
            .OrderByDescending(p => p.IsCitizen).ThenBy(p => p.Role == MeetingRole.Participant)
            .Select(p =>
            {
                var member = members.FirstOrDefault(m => m.Id == p.MemberId);
                var role = member?.PractitionerRoleId is { } roleId && roles.TryGetValue(roleId, out var r) ? r : null;
                return new MeetingParticipantView(
                    p.Id, p.MemberId, p.IsCitizen, NameOf(p.MemberId, p.IsCitizen), role?.Organization.Name, role?.Organization.Sector,
                    role?.Role.Title ?? member?.Relation, role?.Role.Mandate, p.Role, p.HasDecisionCompetence, p.Attendance, p.ProxyName);
            })
            .ToList();
        var active = ActiveMembers(course);
        var possible = new List<PossibleParticipant> { new(null, true, course.Citizen.FullName, null, false) };
        possible.AddRange(members.Where(m => active.Contains(m.Id)).Select(m => new PossibleParticipant(
            m.Id, false, NameOf(m.Id, false), m.PractitionerRoleId is { } roleId && roles.TryGetValue(roleId, out var r) ? r.Organization.Name : m.Relation, m.Role == CollaborationRole.Coordinator)));

        var canPropose = meeting.IsOpen && (canEdit || IsInvited(record, await MyRolesAsync(cancellationToken)) || course.Decision.BasisKind is AccessBasisKind.Self or AccessBasisKind.Proxy);

        return new MeetingView(
            meeting.Id, course.Course.Id, course.Citizen.FullName, course.Course.IsDemo, meeting.Kind, MeetingTitles.Display(localizer, meeting), meeting.Status,
            meeting.DueFrom, meeting.DueTo, meeting.Format, meeting.Location, meeting.VideoLink, meeting.Start, meeting.End, meeting.Sequence,
            meeting.Purpose, meeting.AgendaSharedAt, summary.AgendaDeadline, summary.AgendaLate,
            meeting.OrderedAgenda.Select((a, i) => new AgendaPointView(a.Id, i + 1, a.Text, a.ProposedByName, a.Accepted)).ToList(),
            participants,
            possible,
            meeting.HeldAt, meeting.Minutes, meeting.CitizenSummary, meeting.MinutesApprovedAt, meeting.MinutesApprovedByName,
            summary.MinutesDeadline, summary.MinutesLate,
            Agreements(meeting),
            previousAgreements,
            meeting.Status == MeetingStatus.Held && meeting.Minutes is null ? MinutesDraft(previous, previousAgreements) : null,
            meeting.CancelReason,
            canEdit,
            canPropose);
    }

    /// <summary>The minutes start with the previous meeting's agreements and how they stand (R25).</summary>
    private string? MinutesDraft(Meeting? previous, IReadOnlyList<AgreementView> agreements)
    {
        if (previous is null || agreements.Count == 0)
        {
            return null;
        }

        var text = new StringBuilder();
        text.Append(string.Format(CultureInfo.CurrentCulture, localizer["Meeting.Minutes.FollowUp"], previous.Title)).Append('\n');
        foreach (var a in agreements)
        {
            text.Append("- ").Append(a.Text).Append(" (").Append(a.OwnerName).Append(", ")
                .Append(a.ActionStatus is { } s ? localizer.Enum(s) : "?").Append(")\n");
        }

        return text.ToString();
    }
}
