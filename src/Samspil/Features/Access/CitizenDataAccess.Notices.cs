using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Audit;
using Samspil.Domain.Consents;
using Samspil.Domain.Courses;
using Samspil.Domain.Directory;
using Samspil.Domain.Meetings;
using Samspil.Domain.Network;
using Samspil.Domain.Notifications;
using Samspil.Domain.Plans;
using Samspil.Features.Audit;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Security;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Access;

/// <summary>A notice in the signed-in user's inbox, with the citizen's name only while they may still read its category.</summary>
public sealed record InboxEntry(Notification Notice, bool Available, string? CitizenName);

/// <summary>One page of the inbox and the counts around it.</summary>
public sealed record InboxPage(IReadOnlyList<InboxEntry> Entries, int Total, int Unread);

/// <summary>Where a content-free mail to a user goes, and in which language if the user is a citizen.</summary>
public sealed record MailAddressee(Guid UserId, string? Address, string Name, string? CitizenLanguage);

/// <summary>A course with the date its reminder is counted from.</summary>
public sealed record CourseSince(Course Course, DateOnly Since);

/// <summary>
/// Notices: whom a notice about a citizen may reach (the same policy, decided for each recipient), the
/// recipient's inbox (read through the policy again, because consent may have been withdrawn since),
/// and the queries behind reminders and deliveries, which are Samspil's own processing.
/// </summary>
public sealed partial class CitizenDataAccess
{
    /// <summary>
    /// The candidates the policy lets read <paramref name="category"/> of the subject today, each with
    /// the basis that permits it. Everyone else is left out silently: a notice is never sent to someone
    /// without consent or legal basis.
    /// </summary>
    public async Task<IReadOnlyList<NoticeRecipient>> PermittedRecipientsAsync(
        AccessSubject subject,
        InformationCategory category,
        IReadOnlyCollection<Guid> candidateUserIds,
        CancellationToken cancellationToken)
    {
        var users = await actors.ForUsersAsync(candidateUserIds.Distinct().ToList(), cancellationToken);
        var facts = await FactsAsync(subject.CitizenId, cancellationToken);
        var today = CopenhagenTime.Today(time);
        var permitted = new List<NoticeRecipient>();
        foreach (var (userId, other) in users)
        {
            using var activity = Infrastructure.Telemetry.SamspilTelemetry.StartDecision(category, AccessPurpose.Coordination);
            var decision = Infrastructure.Telemetry.SamspilTelemetry.Decided(
                activity, AccessPolicy.Decide(new AccessRequest(other.Actor, subject, category, AccessPurpose.Coordination, today), facts), category, AccessPurpose.Coordination);
            if (decision.Permitted)
            {
                permitted.Add(new NoticeRecipient(userId, other.DisplayName, other.OrganizationId, decision));
            }
        }

        return permitted;
    }

    /// <summary>
    /// Accounts of the people around a course: professionals holding a role on its active network, the
    /// citizen and their proxies. Candidates only; <see cref="PermittedRecipientsAsync"/> decides.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> NetworkAccountsAsync(Course course, CancellationToken cancellationToken)
    {
        var today = CopenhagenTime.Today(time);
        var roleIds = await db.NetworkMembers
            .Where(m => m.CourseId == course.Id && m.PractitionerRoleId != null && m.ActiveFrom <= today && (m.ActiveTo == null || m.ActiveTo > today))
            .Select(m => m.PractitionerRoleId!.Value)
            .ToListAsync(cancellationToken);
        var professionalIds = await db.PractitionerRoles.Where(r => roleIds.Contains(r.Id) && r.Active).Select(r => r.ProfessionalId).ToListAsync(cancellationToken);
        return await db.Users
            .Where(u => (u.ProfessionalId != null && professionalIds.Contains(u.ProfessionalId.Value)) || u.CitizenId == course.CitizenId)
            .Select(u => u.Id)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Which of these users already have a notice with this key (so an event repeated tells nobody twice).</summary>
    public async Task<IReadOnlySet<Guid>> AlreadyNotifiedAsync(IReadOnlyCollection<Guid> userIds, string deduplicationKey, CancellationToken cancellationToken) =>
        (await db.Notifications
            .Where(n => userIds.Contains(n.RecipientUserId) && n.DeduplicationKey == deduplicationKey)
            .Select(n => n.RecipientUserId)
            .ToListAsync(cancellationToken))
        .ToHashSet();

    /// <summary>
    /// A page of the signed-in user's own notices, newest first. A notice about a citizen shows the
    /// citizen's name and the detail only if the user may read the notice's category for that citizen
    /// today; each such notice shown is logged as a read. The rest are neutral ("no longer available").
    /// </summary>
    /// <param name="logReads">False only when nothing of the notices leaves the server (issue 21: finding which of one's own notices make up a group to mark read).</param>
    public async Task<InboxPage> ReadInboxAsync(bool unreadOnly, int skip, int take, CancellationToken cancellationToken, bool logReads = true)
    {
        var me = user.UserId;
        var mine = db.Notifications.AsNoTracking().Where(n => n.RecipientUserId == me);
        var unread = await mine.CountAsync(n => n.ReadAt == null, cancellationToken);
        var selected = unreadOnly ? mine.Where(n => n.ReadAt == null) : mine;
        var total = unreadOnly ? unread : await selected.CountAsync(cancellationToken);
        var notices = await selected.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Skip(skip).Take(take).ToListAsync(cancellationToken);

        var courseIds = notices.Where(n => n.CourseId != null).Select(n => n.CourseId!.Value).Distinct().ToList();
        var citizenIds = notices.Where(n => n.CitizenId != null).Select(n => n.CitizenId!.Value).Distinct().ToList();
        var courses = await db.Courses.AsNoTracking().Where(c => courseIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var citizens = await db.Citizens.AsNoTracking().Where(c => citizenIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        await LoadFactsAsync(citizenIds, cancellationToken);

        var entries = new List<InboxEntry>();
        foreach (var notice in notices)
        {
            if (notice.CitizenId is not { } citizenId)
            {
                entries.Add(new InboxEntry(notice, true, null));
                continue;
            }

            // Notices about a hospital stay are about the citizen, not the course (ADR 0013).
            var subject = !IsAboutCitizen(notice.Kind) && notice.CourseId is { } courseId && courses.TryGetValue(courseId, out var course) && course.CitizenId == citizenId
                ? SubjectOf(course)
                : AccessSubject.OfCitizen(citizenId) with { EndsAdmittedPeriod = EndsAdmittedPeriod(notice.Kind) };
            var decision = await DecideAsync(subject, notice.Category, cancellationToken);
            if (decision.Permitted && citizens.TryGetValue(citizenId, out var citizen))
            {
                entries.Add(new InboxEntry(notice, true, (await ShownAsync(citizen, cancellationToken)).FullName));
                if (logReads)
                {
                    log.Record(citizenId, notice.Category, AccessAction.Read, "Notification", notice.Id, decision);
                }
            }
            else
            {
                entries.Add(new InboxEntry(notice, false, null));
            }
        }

        await log.CommitAsync(cancellationToken);
        return new InboxPage(entries, total, unread);
    }

    /// <summary>
    /// Notices about a hospital stay, which is the citizen's rather than one course's (ADR 0013). (A consent's
    /// expiry reaches only those who may see the consent; its notice carries nothing but the date.)
    /// </summary>
    public static bool IsAboutCitizen(NotificationKind kind) => kind is NotificationKind.Admitted or NotificationKind.OnLeave or NotificationKind.BackFromLeave
        or NotificationKind.Discharged or NotificationKind.DischargedOutsideDaytime or NotificationKind.Deceased or NotificationKind.Withdrawn;

    /// <summary>A discharge notice is the last event of the admitted period (see <see cref="AccessSubject.EndsAdmittedPeriod"/>).</summary>
    public static bool EndsAdmittedPeriod(NotificationKind kind) => kind is NotificationKind.Discharged or NotificationKind.DischargedOutsideDaytime;

    /// <summary>How many of the signed-in user's notices are unread. A count of one's own inbox reveals nothing about a citizen.</summary>
    public Task<int> UnreadNoticeCountAsync(CancellationToken cancellationToken)
    {
        var me = user.UserId;
        return db.Notifications.CountAsync(n => n.RecipientUserId == me && n.ReadAt == null, cancellationToken);
    }

    /// <summary>Is this notice the signed-in user's own?</summary>
    public Task<bool> IsMyNoticeAsync(Guid notificationId, CancellationToken cancellationToken)
    {
        var me = user.UserId;
        return db.Notifications.AnyAsync(n => n.Id == notificationId && n.RecipientUserId == me, cancellationToken);
    }

    /// <summary>
    /// Marks the signed-in user's notice (or, with null, all of them) read; returns how many changed.
    /// Read state is the recipient's own: it neither reveals nor changes anything about the citizen, so
    /// it is a direct update without an access-log entry (and so outside the audit interceptor, which
    /// guards changes to citizen records).
    /// </summary>
    public Task<int> MarkNoticesReadAsync(Guid? notificationId, CancellationToken cancellationToken)
    {
        var me = user.UserId;
        var now = time.GetUtcNow();
        return db.Notifications
            .Where(n => n.RecipientUserId == me && n.ReadAt == null && (notificationId == null || n.Id == notificationId))
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
    }

    /// <summary>Issue 21: marks these of the signed-in user's own notices read (a group of the inbox); returns how many changed.</summary>
    public Task<int> MarkNoticeGroupReadAsync(IReadOnlyCollection<Guid> notificationIds, CancellationToken cancellationToken)
    {
        if (notificationIds.Count == 0)
        {
            return Task.FromResult(0);
        }

        var me = user.UserId;
        var now = time.GetUtcNow();
        var ids = notificationIds.ToList();
        return db.Notifications
            .Where(n => n.RecipientUserId == me && n.ReadAt == null && ids.Contains(n.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
    }

    /// <summary>Samspil's delivery: whose notice this is (null when it no longer exists). Nothing else of the notice leaves the database.</summary>
    public async Task<Guid?> NoticeRecipientAsync(Guid notificationId, CancellationToken cancellationToken)
    {
        EnsureSystem();
        return await db.Notifications.Where(n => n.Id == notificationId).Select(n => (Guid?)n.RecipientUserId).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Samspil's delivery: the address for a content-free mail to a user — the account's own e-mail, else
    /// a professional's direct e-mail from the directory, else (for the citizen's own account, not a
    /// proxy's) the citizen's e-mail — and, for the citizen's own account, their preferred language.
    /// </summary>
    public async Task<MailAddressee?> MailAddresseeAsync(Guid userId, CancellationToken cancellationToken)
    {
        EnsureSystem();
        var account = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.ProfessionalId, u.CitizenId })
            .SingleOrDefaultAsync(cancellationToken);
        if (account is null)
        {
            return null;
        }

        var address = account.Email;
        if (string.IsNullOrWhiteSpace(address) && account.ProfessionalId is { } professionalId)
        {
            address = await db.PractitionerRoles.Where(r => r.ProfessionalId == professionalId && r.Active && r.DirectEmail != null)
                .OrderBy(r => r.Id).Select(r => r.DirectEmail).FirstOrDefaultAsync(cancellationToken);
        }

        // The citizen's own account (not a proxy's, whose address and language are their own).
        string? language = null;
        var ownCitizenAccount = account.CitizenId is not null && account.ProfessionalId is null && await db.UserRoles
            .Where(ur => ur.UserId == account.Id)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name)
            .AnyAsync(name => name == SamspilRoles.Citizen, cancellationToken);
        if (ownCitizenAccount)
        {
            var citizenId = account.CitizenId!.Value;
            var citizen = await db.Citizens.AsNoTracking().Where(c => c.Id == citizenId).Select(c => new { c.Email, c.PreferredLanguage }).SingleOrDefaultAsync(cancellationToken);
            language = citizen?.PreferredLanguage;
            if (string.IsNullOrWhiteSpace(address))
            {
                address = citizen?.Email;
            }
        }

        return new MailAddressee(account.Id, string.IsNullOrWhiteSpace(address) ? null : address.Trim(), account.DisplayName, language);
    }

    /// <summary>
    /// The recorded language of a citizen signing in to their own account (not a proxy's), for their default language after
    /// sign-in (issue 15). Part of the citizen's own sign-in; nothing else of the record is read. Static, with the context
    /// passed in: it runs while the request is being authenticated, before the signed-in user (<see cref="CurrentUser"/>,
    /// scoped) may be resolved.
    /// </summary>
    public static async Task<string?> OwnLanguageAtSignInAsync(SamspilDbContext db, Guid citizenId, CancellationToken cancellationToken) =>
        await db.Citizens.AsNoTracking().Where(c => c.Id == citizenId).Select(c => c.PreferredLanguage).SingleOrDefaultAsync(cancellationToken);

    /// <summary>Samspil's digest: the number of unread notices per user.</summary>
    public async Task<IReadOnlyDictionary<Guid, int>> UnreadCountsAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken)
    {
        EnsureSystem();
        var ids = userIds.ToList();
        return await db.Notifications.Where(n => ids.Contains(n.RecipientUserId) && n.ReadAt == null)
            .GroupBy(n => n.RecipientUserId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
    }

    /// <summary>Reminders: open plan actions past their due date, on courses not ended, with the course.</summary>
    public async Task<IReadOnlyList<(Course Course, PlanAction Action)>> OverdueActionsAsync(DateOnly today, CancellationToken cancellationToken)
    {
        EnsureSystem();
        var rows = await (
                from action in db.PlanActions.AsNoTracking()
                join plan in db.CarePlans on action.PlanId equals plan.Id
                join course in db.Courses.AsNoTracking() on plan.CourseId equals course.Id
                where (action.Status == ActionStatus.Planned || action.Status == ActionStatus.InProgress || action.Status == ActionStatus.Blocked)
                    && action.DueDate < today
                    && (course.EndDate == null || course.EndDate > today)
                select new { course, action })
            .ToListAsync(cancellationToken);
        return rows.Select(r => (r.course, r.action)).ToList();
    }

    /// <summary>
    /// Reminders: meetings that may be late with their agenda (scheduled, not yet begun, agenda not
    /// shared) or their minutes (held, minutes not approved), on courses not ended.
    /// </summary>
    public async Task<IReadOnlyList<(Course Course, Meeting Meeting)>> MeetingsAwaitingAgendaOrMinutesAsync(DateOnly today, CancellationToken cancellationToken)
    {
        EnsureSystem();
        var now = time.GetUtcNow();
        var rows = await (
                from meeting in db.Meetings.AsNoTracking()
                join course in db.Courses.AsNoTracking() on meeting.CourseId equals course.Id
                where ((meeting.Status == MeetingStatus.Scheduled && meeting.AgendaSharedAt == null && meeting.Start > now)
                        || (meeting.Status == MeetingStatus.Held && meeting.MinutesApprovedAt == null))
                    && (course.EndDate == null || course.EndDate > today)
                select new { course, meeting })
            .ToListAsync(cancellationToken);
        return rows.Select(r => (r.course, r.meeting)).ToList();
    }

    /// <summary>Reminders: consents in force that end within <paramref name="days"/> days, with the citizen's courses not ended.</summary>
    public async Task<IReadOnlyList<(Consent Consent, IReadOnlyList<Course> Courses)>> ExpiringConsentsAsync(DateOnly today, int days, CancellationToken cancellationToken)
    {
        EnsureSystem();
        var last = today.AddDays(days);
        var consents = await db.Consents.AsNoTracking()
            .Where(k => k.Status == ConsentStatus.Active && k.ValidFrom <= today && k.ValidTo >= today && k.ValidTo <= last)
            .ToListAsync(cancellationToken);
        var citizenIds = consents.Select(k => k.CitizenId).Distinct().ToList();
        var courses = (await db.Courses.AsNoTracking().Where(c => citizenIds.Contains(c.CitizenId) && (c.EndDate == null || c.EndDate > today)).ToListAsync(cancellationToken))
            .ToLookup(c => c.CitizenId);
        return consents.Select(k => (k, (IReadOnlyList<Course>)courses[k.CitizenId].ToList())).ToList();
    }

    /// <summary>
    /// Reminders: courses not ended in the given target groups without a task-force meeting scheduled
    /// ahead, each with the date the next one is counted from: the last held task-force meeting, or the
    /// course's start.
    /// </summary>
    public async Task<IReadOnlyList<CourseSince>> TaskForceCoursesAsync(IReadOnlyCollection<string> targetGroupCodes, DateOnly today, CancellationToken cancellationToken)
    {
        EnsureSystem();
        var codes = targetGroupCodes.ToList();
        var now = time.GetUtcNow();
        var courses = await db.Courses.AsNoTracking()
            .Where(c => codes.Contains(c.TargetGroupCode) && (c.EndDate == null || c.EndDate > today))
            .Where(c => !db.Meetings.Any(m => m.CourseId == c.Id && m.Kind == MeetingKind.TaskForce && m.Status == MeetingStatus.Scheduled && m.Start >= now))
            .ToListAsync(cancellationToken);
        var courseIds = courses.Select(c => c.Id).ToList();
        var held = (await db.Meetings.AsNoTracking()
                .Where(m => courseIds.Contains(m.CourseId) && m.Kind == MeetingKind.TaskForce && m.Status == MeetingStatus.Held && m.Start != null)
                .Select(m => new { m.CourseId, Start = m.Start!.Value })
                .ToListAsync(cancellationToken))
            .ToLookup(m => m.CourseId, m => CopenhagenTime.DateOf(m.Start));
        return courses.Select(c => new CourseSince(c, held[c.Id].DefaultIfEmpty(c.StartDate).Max())).ToList();
    }

    /// <summary>
    /// Reminders: courses not ended with both a region and a municipality responsible, each with the
    /// date of the last held meeting where professionals of both sectors took part (not absent), or the
    /// course's start. (Messages between the sectors may count as contact too once conversations exist.)
    /// </summary>
    public async Task<IReadOnlyList<CourseSince>> LastCrossSectorContactAsync(DateOnly today, CancellationToken cancellationToken)
    {
        EnsureSystem();
        var courses = await db.Courses.AsNoTracking()
            .Where(c => c.RegionOrganizationId != null && c.MunicipalityOrganizationId != null && (c.EndDate == null || c.EndDate > today))
            .ToListAsync(cancellationToken);
        var courseIds = courses.Select(c => c.Id).ToList();
        var rows = await (
                from meeting in db.Meetings
                from participant in meeting.Participants
                join member in db.NetworkMembers on participant.MemberId equals member.Id
                join role in db.PractitionerRoles on member.PractitionerRoleId equals role.Id
                join organization in db.Organizations on role.OrganizationId equals organization.Id
                where courseIds.Contains(meeting.CourseId) && meeting.Status == MeetingStatus.Held && meeting.Start != null
                    && participant.Attendance != Attendance.Absent
                select new { meeting.CourseId, MeetingId = meeting.Id, Start = meeting.Start!.Value, organization.Sector })
            .ToListAsync(cancellationToken);
        var contacts = rows.GroupBy(r => (r.CourseId, r.MeetingId, r.Start))
            .Where(g => g.Any(r => r.Sector == Sector.Region) && g.Any(r => r.Sector == Sector.Municipality))
            .ToLookup(g => g.Key.CourseId, g => CopenhagenTime.DateOf(g.Key.Start));
        return courses.Select(c => new CourseSince(c, contacts[c.Id].DefaultIfEmpty(c.StartDate).Max())).ToList();
    }

    /// <summary>
    /// Reminders: the accounts of the course's tovholder(s) — active professional network members with
    /// the collaboration role Coordinator — or, when it has none, of the active professional members from
    /// the organisation that recorded the course (or a unit under it). Candidates only.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> CoordinatorAccountsAsync(Course course, CancellationToken cancellationToken)
    {
        EnsureSystem();
        var today = CopenhagenTime.Today(time);
        var members = await db.NetworkMembers.AsNoTracking()
            .Where(m => m.CourseId == course.Id && m.PractitionerRoleId != null && m.ActiveFrom <= today && (m.ActiveTo == null || m.ActiveTo > today))
            .Join(db.PractitionerRoles.Where(r => r.Active), m => m.PractitionerRoleId, r => (Guid?)r.Id, (m, r) => new { m.Role, r.ProfessionalId, r.OrganizationId })
            .ToListAsync(cancellationToken);
        var chosen = members.Where(m => m.Role == CollaborationRole.Coordinator).Select(m => m.ProfessionalId).ToList();
        if (chosen.Count == 0 && course.RecordedByOrganizationId is { } recordedBy)
        {
            var parents = await db.Organizations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.PartOfId, cancellationToken);
            chosen = members.Where(m => IsUnder(m.OrganizationId, recordedBy, parents)).Select(m => m.ProfessionalId).ToList();
        }

        return await AccountsOfProfessionalsAsync(chosen, cancellationToken);
    }

    /// <summary>Reminders: the accounts of a network member (a professional's), or none.</summary>
    public async Task<IReadOnlyList<Guid>> MemberAccountsAsync(Guid memberId, CancellationToken cancellationToken)
    {
        EnsureSystem();
        var professionalIds = await db.NetworkMembers.Where(m => m.Id == memberId)
            .Join(db.PractitionerRoles, m => m.PractitionerRoleId, r => (Guid?)r.Id, (m, r) => r.ProfessionalId)
            .ToListAsync(cancellationToken);
        return await AccountsOfProfessionalsAsync(professionalIds, cancellationToken);
    }

    /// <summary>Reminders: the citizen's own account and their proxies' accounts.</summary>
    public async Task<IReadOnlyList<Guid>> CitizenAccountsAsync(Guid citizenId, CancellationToken cancellationToken)
    {
        EnsureSystem();
        return await db.Users.Where(u => u.CitizenId == citizenId).Select(u => u.Id).ToListAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<Guid>> AccountsOfProfessionalsAsync(IReadOnlyCollection<Guid> professionalIds, CancellationToken cancellationToken)
    {
        if (professionalIds.Count == 0)
        {
            return [];
        }

        var ids = professionalIds.Distinct().ToList();
        return await db.Users.Where(u => u.ProfessionalId != null && ids.Contains(u.ProfessionalId.Value)).Select(u => u.Id).ToListAsync(cancellationToken);
    }

    private static bool IsUnder(Guid organizationId, Guid root, IReadOnlyDictionary<Guid, Guid?> parents)
    {
        var seen = new HashSet<Guid>();
        for (Guid? current = organizationId; current is { } id && seen.Add(id); current = parents.GetValueOrDefault(id))
        {
            if (id == root)
            {
                return true;
            }
        }

        return false;
    }
}
