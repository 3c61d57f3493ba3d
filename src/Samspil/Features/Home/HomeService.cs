using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Samspil.Domain.Directory;
using Samspil.Domain.Meetings;
using Samspil.Domain.Network;
using Samspil.Domain.Plans;
using Samspil.Features.Consents;
using Samspil.Features.Conversations;
using Samspil.Features.Courses;
using Samspil.Features.Meetings;
using Samspil.Features.Plans;
using Samspil.Infrastructure.Persistence;

namespace Samspil.Features.Home;

/// <summary>
/// Builds the citizen's home page from the same services the citizen's own pages use (the course,
/// its plan, "Mine møder", "Mine beskeder"), so every read goes through the access policy and is
/// logged exactly as there. Only organisations' public contact details are read directly: they are
/// reference data, not the citizen's.
/// </summary>
public sealed class HomeService(
    ConsentService consents,
    CourseService courses,
    PlanService plans,
    MeetingService meetings,
    ConversationService conversations,
    ActingFor actingFor,
    SamspilDbContext db,
    TimeProvider time,
    IOptions<CitizenHomeOptions> options,
    Samspil.Features.EntryPoints.EntryPointService entryPointService)
{
    public async Task<CitizenHomeView> GetAsync(CancellationToken cancellationToken)
    {
        // The citizen, or a proxy with a valid power of attorney; anyone else is refused (403).
        await consents.SelfAsync(cancellationToken);

        var coordinators = new List<HomeContactView>();
        var entryPoints = new List<HomeContactView>();
        var tasks = new List<HomeTaskView>();
        var goals = new List<HomeGoalView>();
        var interpreterNeeded = false;
        Guid? planCourseId = null;
        var details = new Dictionary<Guid, CourseDetail>();
        (Guid Organization, string TargetGroup)? entryPointCourse = null;
        foreach (var summary in await courses.ListAsync(new CourseListFilter(null, null, null, IncludeEnded: false), cancellationToken))
        {
            if (await courses.GetAsync(summary.Id, cancellationToken) is not { } course)
            {
                continue;
            }

            details[course.Id] = course;
            interpreterNeeded |= course.Citizen.InterpreterNeeded == true;
            coordinators.AddRange(course.Network
                .Where(m => m.IsActive && m.Role == CollaborationRole.Coordinator)
                .Select(m => new HomeContactView(m.Name, m.Organization?.Name, m.Phone)));
            entryPoints.AddRange(await EntryPointsAsync(course, cancellationToken));
            entryPointCourse ??= course.MunicipalityOrganization is { } responsibleUnit ? (responsibleUnit.Id, course.TargetGroup.Code) : null;

            if (await plans.GetAsync(course.Id, cancellationToken) is { } plan)
            {
                planCourseId ??= course.Id;
                tasks.AddRange(plan.Actions
                    .Where(a => a.Owner.IsCitizen && a.IsOpen)
                    .Select(a => new HomeTaskView(course.Id, a.Id, a.Text, a.DueDate, a.Status, a.GoalTitle)));
                goals.AddRange(plan.Goals
                    .Where(g => g.Status != GoalStatus.Dropped)
                    .Select(g => new HomeGoalView(g.Id, course.Id, g.Title, g.Status, g.Progress, g.SubGoals.Count(s => s.Done), g.SubGoals.Count, g.LatestScore)));
            }
        }

        var mine = await conversations.MyConversationsAsync(cancellationToken);
        var unread = mine.Conversations
            .Where(c => c.UnreadCount > 0)
            .OrderByDescending(c => c.LastMessageAt)
            .Select(c => new HomeMessageView(c.Id, c.Subject, c.UnreadCount, c.LastMessageAt, c.Participants))
            .ToList();

        var settings = options.Value;
        var afterHours = string.IsNullOrWhiteSpace(settings.AfterHoursPhone)
            ? null
            : new HomeContactView(settings.AfterHoursLabel ?? settings.AfterHoursPhone, null, settings.AfterHoursPhone);

        return new CitizenHomeView(
            await actingFor.ProxyForAsync(cancellationToken),
            await NextMeetingAsync(interpreterNeeded, cancellationToken),
            tasks.OrderBy(t => t.DueDate).ToList(),
            mine.UnreadCount,
            unread,
            goals,
            coordinators.DistinctBy(c => (c.Name, c.Organization)).ToList(),
            entryPoints.DistinctBy(c => c.Name).ToList(),
            afterHours,
            planCourseId)
        {
            EntryPoint = await EntryPointBoxAsync(entryPointCourse, cancellationToken),
        };
    }

    /// <summary>
    /// "Hvor henvender jeg mig?" (issue 18): the entry point for the first current course's target group in its responsible
    /// municipal organisation's effective municipality; null without a responsible municipality, or when its code is unset.
    /// The course was read above through the access layer; the entry point itself is public information.
    /// </summary>
    private async Task<Samspil.Features.EntryPoints.EntryPointAnswer?> EntryPointBoxAsync((Guid Organization, string TargetGroup)? course, CancellationToken cancellationToken)
    {
        if (course is not { } c)
        {
            return null;
        }

        var tree = (await db.Organizations.AsNoTracking().Select(o => new { o.Id, o.PartOfId, o.MunicipalityCode }).ToListAsync(cancellationToken))
            .ToDictionary(o => o.Id, o => (o.PartOfId, o.MunicipalityCode));
        if (Organization.EffectiveMunicipality(c.Organization, tree) is not { } municipality
            || !await db.TargetGroups.AnyAsync(t => t.Code == c.TargetGroup && t.Active, cancellationToken))
        {
            return null;
        }

        return await entryPointService.FindAsync(municipality, c.TargetGroup, cancellationToken);
    }

    /// <summary>The first scheduled meeting from now on, read as the meeting page reads it (logged).</summary>
    private async Task<HomeMeetingView?> NextMeetingAsync(bool interpreterNeeded, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var next = (await meetings.MyMeetingsAsync(cancellationToken))
            .Where(m => m.Meeting.Status == MeetingStatus.Scheduled && m.Meeting.Start is { } start && (m.Meeting.End ?? start) >= now)
            .OrderBy(m => m.Meeting.Start)
            .FirstOrDefault();
        if (next is null || await meetings.GetAsync(next.Meeting.Id, cancellationToken) is not { Start: { } begins } meeting)
        {
            return null;
        }

        var interpreterServices = await db.Organizations.AsNoTracking()
            .Where(o => o.Kind == OrganizationKind.InterpreterService)
            .Select(o => o.Name)
            .ToListAsync(cancellationToken);
        var booked = meeting.Participants.Any(p => p.Organization is { } org && interpreterServices.Contains(org));
        return new HomeMeetingView(
            meeting.Id,
            meeting.CourseId,
            meeting.Title,
            begins,
            meeting.End,
            meeting.Location,
            meeting.Format == MeetingFormat.Video,
            meeting.Participants.Select(p => new HomePersonView(p.Name, p.Organization, p.IsCitizen)).ToList(),
            booked,
            interpreterNeeded);
    }

    /// <summary>The municipality's entry point for the course's target group (R4): units in the course's municipality, with their public phone.</summary>
    private async Task<IReadOnlyList<HomeContactView>> EntryPointsAsync(CourseDetail course, CancellationToken cancellationToken)
    {
        // The course's municipal unit, or else the municipal units on its network (a course the region leads).
        var units = course.Network.Where(m => m.IsActive && m.Organization is { Sector: Sector.Municipality }).Select(m => m.Organization!.Id).ToList();
        if (course.MunicipalityOrganization is { } responsible)
        {
            units = [responsible.Id];
        }

        if (units.Count == 0)
        {
            return [];
        }

        var organizations = await db.Organizations.AsNoTracking()
            .Where(o => o.Sector == Sector.Municipality)
            .Select(o => new { o.Id, o.PartOfId, o.Name, o.PublicPhone, o.EntryPointFor })
            .ToListAsync(cancellationToken);
        var parentOf = organizations.ToDictionary(o => o.Id, o => o.PartOfId);
        Guid RootOf(Guid id)
        {
            var root = id;
            for (var steps = 0; parentOf.GetValueOrDefault(root) is { } parent && steps < 50; steps++)
            {
                root = parent;
            }

            return root;
        }

        var roots = units.Select(RootOf).ToHashSet();
        bool InMunicipality(Guid id) => roots.Contains(RootOf(id));

        return organizations
            .Where(o => o.EntryPointFor.Contains(course.TargetGroup.Code) && InMunicipality(o.Id))
            .Select(o => new HomeContactView(o.Name, null, o.PublicPhone))
            .ToList();
    }
}
