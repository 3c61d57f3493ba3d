using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Audit;
using Samspil.Domain.Common;
using Samspil.Domain.Consents;
using Samspil.Domain.Directory;
using Samspil.Domain.Meetings;
using Samspil.Features.Access;
using Samspil.Features.Network;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Meetings;

/// <summary>A network member the citizen may name as coming for them.</summary>
public sealed record StandInOption(Guid MemberId, string Name, string? Relation);

/// <summary>Who comes to a meeting: the citizen's word, the interpreter booked, and the sectors no one can decide for (R18, R24, R38).</summary>
public sealed record MeetingPeopleView(
    Guid MeetingId,
    Guid CourseId,
    string Title,
    MeetingStatus Status,
    MeetingFormat Format,
    DateTimeOffset? Start,
    DateTimeOffset? End,
    string? Location,
    CitizenIntent Intent,
    Guid? StandInMemberId,
    string? StandInName,
    DateTimeOffset? SaidAt,
    string? SaidByName,
    bool InterpreterNeeded,
    string? InterpreterLanguage,
    Guid? InterpreterId,
    string? InterpreterName,
    IReadOnlyList<Sector> AgendaSectors,
    IReadOnlyList<Sector> SectorsWithoutDecider,
    IReadOnlyList<StandInOption> StandInOptions,
    bool CanSay,
    bool CanSetSectors);

/// <summary>The citizen (or proxy, or staff for them) says in advance whether they come, by video, or who comes for them.</summary>
public sealed record CitizenNoticeRequest(CitizenIntent? Intent, Guid? StandInMemberId);

/// <summary>The sectors the agenda needs decisions from.</summary>
public sealed record AgendaSectorsRequest(IReadOnlyList<Sector>? Sectors);

/// <summary>
/// Who comes to a meeting (issue 17 points 4-5): books the interpreter the citizen needs when a meeting is scheduled,
/// keeps the citizen's word on coming, and the sectors on the agenda with the warning when no participant can decide
/// for one of them. Reads through <see cref="CitizenDataAccess.ReadMeetingPeopleAsync"/>.
/// </summary>
public sealed class MeetingPeople(SamspilDbContext db, CitizenDataAccess access, TimeProvider time, IStringLocalizer<SharedResource> localizer)
{
    private const InformationCategory Category = InformationCategory.MeetingsAndMinutes;

    public async Task<MeetingPeopleView?> GetAsync(Guid meetingId, CancellationToken cancellationToken) =>
        await access.ReadMeetingPeopleAsync(meetingId, forChange: false, cancellationToken) is { } people ? await ViewAsync(people, cancellationToken) : null;

    /// <summary>
    /// Records the citizen's word on a meeting. The citizen and their proxy say it themselves; staff who may plan the
    /// course's meetings may write it down for them. A member who comes instead is added to the participants.
    /// </summary>
    public async Task<MeetingPeopleView?> SayAsync(Guid meetingId, CitizenNoticeRequest request, CancellationToken cancellationToken)
    {
        var people = await access.ReadMeetingPeopleAsync(meetingId, forChange: true, cancellationToken);
        if (people is null)
        {
            return null;
        }

        var (course, meeting) = people.Record;
        if (!people.ActsForCitizen && !await MayPlanAsync(people, cancellationToken))
        {
            throw new DomainException("MeetingPeople.Notice.Forbidden");
        }

        EnsureCourseOpen(course);
        var active = course.Course.ActiveMemberIds(Today);
        var notice = people.Notice;
        if (notice is null)
        {
            notice = MeetingCitizenNotice.For(meeting.Id, course.Citizen.Id);
            db.MeetingCitizenNotices.Add(notice);
        }

        var intent = request.Intent ?? throw new DomainException("MeetingPeople.Intent.Invalid", "intent");
        notice.Say(meeting, intent, request.StandInMemberId, active, access.User.AsActor(), time.GetUtcNow());
        if (notice.StandInMemberId is { } standIn && meeting.Participants.All(p => p.MemberId != standIn))
        {
            var specs = meeting.Participants.Select(p => new ParticipantSpec(p.MemberId, p.IsCitizen, p.Role, p.HasDecisionCompetence)).ToList();
            specs.Add(new ParticipantSpec(standIn, false, MeetingRole.Participant, false));
            meeting.SetParticipants(specs, active);
        }

        access.Log.Record(course.Citizen.Id, Category, AccessAction.Update, "MeetingCitizenNotice", meeting.Id, course.Decision);
        await access.Log.CommitAsync(cancellationToken);
        return await GetAsync(meetingId, cancellationToken);
    }

    /// <summary>Staff who plan the meeting set the sectors its agenda needs decisions from.</summary>
    public async Task<MeetingPeopleView?> SetAgendaSectorsAsync(Guid meetingId, AgendaSectorsRequest request, CancellationToken cancellationToken)
    {
        var people = await access.ReadMeetingPeopleAsync(meetingId, forChange: true, cancellationToken);
        if (people is null)
        {
            return null;
        }

        if (people.ActsForCitizen || !await MayPlanAsync(people, cancellationToken))
        {
            throw new DomainException("MeetingPeople.Sectors.Forbidden");
        }

        var (course, meeting) = people.Record;
        EnsureCourseOpen(course);
        var sectors = request.Sectors ?? [];
        if (sectors.Count > Enum.GetValues<Sector>().Length * 2 || sectors.Any(s => !Enum.IsDefined(s)))
        {
            throw new DomainException("MeetingPeople.Sector.Invalid", "sectors");
        }

        var scope = people.Scope;
        if (scope is null)
        {
            scope = MeetingDecisionScope.For(meeting);
            db.MeetingDecisionScopes.Add(scope);
        }

        scope.Set(sectors);
        access.Log.Record(course.Citizen.Id, Category, AccessAction.Update, "MeetingDecisionScope", meeting.Id, course.Decision);
        await access.Log.CommitAsync(cancellationToken);
        return await GetAsync(meetingId, cancellationToken);
    }

    /// <summary>
    /// After a meeting is scheduled or moved: books an interpreter for the citizen's language who is within working
    /// hours and not booked for another Samspil meeting at the time — the one chosen in "Find en tid" when given and
    /// free, else the one already booked when still free, else the first free by name. When none is free, the booking
    /// is removed and the meeting page says so. Nothing happens when the citizen needs no interpreter.
    /// </summary>
    public async Task BookInterpreterAsync(MeetingRecord record, Guid? preferred, CancellationToken cancellationToken)
    {
        var (course, meeting) = record;
        var existing = await access.InterpreterBookingAsync(record, cancellationToken);
        var language = course.Citizen.InterpreterNeeded ? course.Citizen.InterpreterLanguage : null;
        if (meeting.Status != MeetingStatus.Scheduled || meeting.Start is not { } start || meeting.End is not { } end || language is null)
        {
            if (existing is not null && language is null)
            {
                db.Remove(existing);
                access.Log.Record(course.Citizen.Id, Category, AccessAction.Update, "MeetingInterpreterBooking", meeting.Id, course.Decision);
                await access.Log.CommitAsync(cancellationToken);
            }

            return;
        }

        var all = await db.ProfessionalAvailability.AsNoTracking().Where(a => a.InterpreterLanguages != null).ToListAsync(cancellationToken);
        var candidates = all.Where(a => a.Interprets(language)).ToList();
        var ids = candidates.Select(c => c.ProfessionalId).ToList();
        var names = await db.Professionals.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        var busy = (await access.SamspilBusyTimesAsync(ids, meeting.Id, start, end, cancellationToken))
            .Concat(await access.InterpreterBusyTimesAsync(ids, meeting.Id, start, end, cancellationToken))
            .Select(b => b.ProfessionalId)
            .ToHashSet();
        var localStart = CopenhagenTime.ToLocal(start);
        var localEnd = CopenhagenTime.ToLocal(end);
        var free = candidates
            .Where(c => !busy.Contains(c.ProfessionalId) && c.Days.Contains(localStart.DayOfWeek) && localStart.Date == localEnd.Date
                && TimeOnly.FromDateTime(localStart.DateTime) >= c.WorkStart && TimeOnly.FromDateTime(localEnd.DateTime) <= c.WorkEnd)
            .Select(c => c.ProfessionalId)
            .OrderBy(id => id == preferred ? 0 : id == existing?.ProfessionalId ? 1 : 2)
            .ThenBy(id => names.GetValueOrDefault(id, string.Empty), StringComparer.Ordinal)
            .ToList();
        if (existing is not null && free.FirstOrDefault() == existing.ProfessionalId && existing.Language == language)
        {
            return;
        }

        if (existing is not null && free.Count > 0)
        {
            existing.Rebook(free[0], language, time.GetUtcNow());
        }
        else if (existing is not null)
        {
            db.Remove(existing);
        }
        else if (free.Count > 0)
        {
            db.MeetingInterpreterBookings.Add(MeetingInterpreterBooking.Book(meeting, free[0], language, time.GetUtcNow()));
        }

        access.Log.Record(course.Citizen.Id, Category, AccessAction.Update, "MeetingInterpreterBooking", meeting.Id, course.Decision);
        await access.Log.CommitAsync(cancellationToken);
    }

    /// <summary>The booked interpreter as an invitation attendee: name and the first direct e-mail of their roles.</summary>
    public async Task<(string Name, string? Email)?> InterpreterContactAsync(MeetingRecord record, CancellationToken cancellationToken)
    {
        if (await access.InterpreterBookingAsync(record, cancellationToken) is not { } booking)
        {
            return null;
        }

        var name = await db.Professionals.Where(p => p.Id == booking.ProfessionalId).Select(p => p.Name).SingleOrDefaultAsync(cancellationToken) ?? string.Empty;
        var email = await db.PractitionerRoles.Where(r => r.ProfessionalId == booking.ProfessionalId && r.DirectEmail != null).OrderBy(r => r.Id).Select(r => r.DirectEmail).FirstOrDefaultAsync(cancellationToken);
        return (name, email);
    }

    private DateOnly Today => CopenhagenTime.Today(time);

    private async Task<bool> MayPlanAsync(MeetingPeopleRecord people, CancellationToken cancellationToken) =>
        !people.ActsForCitizen && await access.MayChangeAsync(people.Record.Course, cancellationToken);

    private void EnsureCourseOpen(CourseRecord record)
    {
        if (record.Course.IsEnded(Today))
        {
            throw new DomainException("Course.Ended");
        }
    }

    private async Task<MeetingPeopleView> ViewAsync(MeetingPeopleRecord people, CancellationToken cancellationToken)
    {
        var (course, meeting) = people.Record;
        var members = course.Course.Members;
        var roles = await MemberDirectory.RolesOfAsync(db, members, cancellationToken);
        string NameOf(Guid memberId) =>
            members.FirstOrDefault(m => m.Id == memberId) is { } member
                ? member.PractitionerRoleId is { } roleId && roles.TryGetValue(roleId, out var r) ? r.Professional.Name : member.PersonName ?? string.Empty
                : string.Empty;

        var active = course.Course.ActiveMemberIds(Today);
        var options = members.Where(m => active.Contains(m.Id))
            .Select(m => new StandInOption(m.Id, NameOf(m.Id), m.PractitionerRoleId is { } roleId && roles.TryGetValue(roleId, out var r) ? RoleLabel.Format(r.Role.Title, r.Organization.Name) : m.Relation))
            .OrderBy(o => o.Name, StringComparer.CurrentCulture)
            .ToList();

        var candidates = meeting.Participants.Select(p =>
        {
            var member = members.FirstOrDefault(m => m.Id == p.MemberId);
            var sector = member?.PractitionerRoleId is { } roleId && roles.TryGetValue(roleId, out var r) ? r.Organization.Sector : (Sector?)null;
            return new DeciderCandidate(sector, p.HasDecisionCompetence, p.Attendance == Attendance.Absent);
        });
        var agendaSectors = people.Scope?.SectorList ?? [];
        var interpreterName = people.Interpreter is { } booking
            ? await db.Professionals.Where(p => p.Id == booking.ProfessionalId).Select(p => p.Name).SingleOrDefaultAsync(cancellationToken)
            : null;
        var open = meeting.IsOpen && !course.Course.IsEnded(Today);
        var mayPlan = open && !people.ActsForCitizen && await access.MayChangeAsync(course, cancellationToken);
        return new MeetingPeopleView(
            meeting.Id,
            course.Course.Id,
            MeetingTitles.Display(localizer, meeting),
            meeting.Status,
            meeting.Format,
            meeting.Start,
            meeting.End,
            meeting.Location,
            people.Notice?.Intent ?? CitizenIntent.NotSaid,
            people.Notice?.StandInMemberId,
            people.Notice?.StandInMemberId is { } standIn ? NameOf(standIn) : null,
            people.Notice?.SaidAt,
            people.Notice?.SaidByName,
            course.Citizen.InterpreterNeeded,
            course.Citizen.InterpreterLanguage,
            people.Interpreter?.ProfessionalId,
            interpreterName,
            agendaSectors,
            DeciderCheck.SectorsWithoutDecider(agendaSectors, candidates),
            options,
            open && (people.ActsForCitizen || mayPlan),
            mayPlan);
    }
}
