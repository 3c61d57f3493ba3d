using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Audit;
using Samspil.Domain.Consents;
using Samspil.Domain.Meetings;

namespace Samspil.Features.Access;

/// <summary>A meeting with who comes (issue 17 points 4-5): the citizen's word, the interpreter booked, the sectors on the agenda.</summary>
public sealed record MeetingPeopleRecord(MeetingRecord Record, MeetingCitizenNotice? Notice, MeetingInterpreterBooking? Interpreter, MeetingDecisionScope? Scope)
{
    /// <summary>The user acts for the citizen (the citizen or a proxy), rather than as staff.</summary>
    public bool ActsForCitizen => Record.Course.Decision.BasisKind is AccessBasisKind.Self or AccessBasisKind.Proxy;
}

/// <summary>
/// Reads and changes of who comes to a meeting (docs/meetings.md, "Who comes"), in the category
/// <see cref="InformationCategory.MeetingsAndMinutes"/> like the meeting itself: whoever may read the meeting may read them.
/// </summary>
public sealed partial class CitizenDataAccess
{
    /// <summary>
    /// A meeting with its people; null (404) unless the user may read the course's meetings. Tracked when
    /// <paramref name="forChange"/> (the caller then checks who may change what, records the change and commits);
    /// otherwise the read is logged.
    /// </summary>
    public async Task<MeetingPeopleRecord?> ReadMeetingPeopleAsync(Guid meetingId, bool forChange, CancellationToken cancellationToken)
    {
        var courseId = await CourseOfMeetingAsync(meetingId, cancellationToken);
        var record = courseId is { } id ? await FindCourseAsync(id, MeetingsCategory, AccessPurpose.Coordination, cancellationToken) : null;
        if (record is null)
        {
            return null;
        }

        var meeting = forChange ? await MeetingsQuery(tracked: true).SingleAsync(m => m.Id == meetingId, cancellationToken) : await UntrackedMeetingAsync(meetingId, cancellationToken);
        IQueryable<MeetingCitizenNotice> notices = forChange ? db.MeetingCitizenNotices : db.MeetingCitizenNotices.AsNoTracking();
        IQueryable<MeetingInterpreterBooking> bookings = forChange ? db.MeetingInterpreterBookings : db.MeetingInterpreterBookings.AsNoTracking();
        IQueryable<MeetingDecisionScope> scopes = forChange ? db.MeetingDecisionScopes : db.MeetingDecisionScopes.AsNoTracking();
        var people = new MeetingPeopleRecord(
            new MeetingRecord(record, meeting),
            await notices.SingleOrDefaultAsync(n => n.MeetingId == meetingId, cancellationToken),
            await bookings.SingleOrDefaultAsync(b => b.MeetingId == meetingId, cancellationToken),
            await scopes.SingleOrDefaultAsync(s => s.MeetingId == meetingId, cancellationToken));
        if (!forChange)
        {
            log.Record(record.Citizen.Id, MeetingsCategory, AccessAction.Read, "MeetingPeople", meetingId, record.Decision);
            await log.CommitAsync(cancellationToken);
        }

        return people;
    }

    /// <summary>The interpreter booked for a meeting the caller already holds (tracked, for rebooking), or null.</summary>
    public Task<MeetingInterpreterBooking?> InterpreterBookingAsync(MeetingRecord record, CancellationToken cancellationToken) =>
        db.MeetingInterpreterBookings.SingleOrDefaultAsync(b => b.MeetingId == record.Meeting.Id, cancellationToken);

    /// <summary>
    /// When the given interpreters are booked for other scheduled Samspil meetings. Like
    /// <see cref="SamspilBusyTimesAsync"/>, only times and places come back, so nothing is logged.
    /// </summary>
    public async Task<IReadOnlyList<(Guid ProfessionalId, DateTimeOffset Start, DateTimeOffset End, string? Place)>> InterpreterBusyTimesAsync(
        IReadOnlyCollection<Guid> professionalIds, Guid exceptMeetingId, DateTimeOffset windowStart, DateTimeOffset windowEnd, CancellationToken cancellationToken)
    {
        var ids = professionalIds.ToList();
        var rows = await (
                from booking in db.MeetingInterpreterBookings
                join meeting in db.Meetings on booking.MeetingId equals meeting.Id
                where meeting.Id != exceptMeetingId && meeting.Status == MeetingStatus.Scheduled
                    && meeting.Start < windowEnd && meeting.End > windowStart && ids.Contains(booking.ProfessionalId)
                select new { booking.ProfessionalId, meeting.Start, meeting.End, meeting.Location })
            .ToListAsync(cancellationToken);
        return rows.Select(r => (r.ProfessionalId, r.Start!.Value, r.End!.Value, (string?)r.Location)).ToList();
    }
}
