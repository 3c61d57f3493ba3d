using System.Net.Mail;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Samspil.Features.Meetings.Calendar;

public interface ICalendarWriter
{
    /// <summary>The invitation as RFC 5545 text (CRLF line ends), ready to send as text/calendar.</summary>
    string Write(MeetingInvitation invitation);
}

/// <summary>
/// Writes meeting invitations as iCalendar (RFC 5545) with iTIP methods (RFC 5546).
/// Times are written in Europe/Copenhagen with the zone's VTIMEZONE, so every client shows the Danish
/// wall-clock time the meeting was planned in (and converts it for a reader elsewhere) and summer time
/// is never an hour off. The instant is always the invitation's: a time in the hour that is repeated
/// when summer time ends is ambiguous as wall-clock time, so it alone is written in UTC.
/// </summary>
public sealed class CalendarWriter(TimeProvider time) : ICalendarWriter
{
    public const string TimeZoneId = "Europe/Copenhagen";
    private const string ProductId = "-//Samspil//Samspil meetings//DA";
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);

    public string Write(MeetingInvitation invitation)
    {
        Validate(invitation);
        var now = time.GetUtcNow();
        var calendar = new Ical.Net.Calendar
        {
            ProductId = ProductId,
            Method = invitation.Method == InvitationMethod.Cancel ? CalendarMethods.Cancel : CalendarMethods.Request,
        };
        // One year back covers the meeting's own summer/winter rules without listing history.
        calendar.AddTimeZone(VTimeZone.FromDateTimeZone(TimeZoneId, Local(invitation.Start).AddYears(-1), includeHistoricalData: false));

        var meeting = new CalendarEvent
        {
            Uid = invitation.Uid,
            Sequence = invitation.Sequence,
            DtStamp = Utc(now),
            LastModified = Utc(now),
            DtStart = Wall(invitation.Start),
            DtEnd = Wall(invitation.End),
            Summary = invitation.Summary,
            Description = DescriptionWithLink(invitation),
            Status = invitation.Method == InvitationMethod.Cancel ? EventStatus.Cancelled : EventStatus.Confirmed,
            Transparency = TransparencyType.Opaque,
            Location = invitation.Location ?? invitation.VideoLink?.AbsoluteUri,
            Url = invitation.VideoLink,
            Organizer = new Organizer(MailTo(invitation.Organizer.Email)) { CommonName = CommonName(invitation.Organizer.Name) },
        };
        if (invitation.Created is { } created)
        {
            meeting.Created = Utc(created);
        }

        foreach (var attendee in invitation.Attendees)
        {
            meeting.Attendees.Add(new Attendee(MailTo(attendee.Email))
            {
                CommonName = CommonName(attendee.Name),
                Role = attendee.Role == AttendeeRole.Optional ? ParticipationRole.OptionalParticipant : ParticipationRole.RequiredParticipant,
                ParticipationStatus = EventParticipationStatus.NeedsAction,
                Rsvp = attendee.Rsvp && invitation.Method == InvitationMethod.Request,
            });
        }

        calendar.Events.Add(meeting);
        var text = new CalendarSerializer().SerializeToString(calendar) ?? throw new InvalidOperationException("The calendar could not be serialised.");
        return text.ReplaceLineEndings("\r\n");
    }

    private static void Validate(MeetingInvitation invitation)
    {
        if (invitation.Sequence < 0)
        {
            throw new ArgumentException("The sequence number must not be negative.", nameof(invitation));
        }

        if (invitation.End <= invitation.Start)
        {
            throw new ArgumentException("The meeting must end after it starts.", nameof(invitation));
        }

        if (string.IsNullOrWhiteSpace(invitation.Summary))
        {
            throw new ArgumentException("The meeting needs a summary.", nameof(invitation));
        }

        if (invitation.VideoLink is { } link && (!link.IsAbsoluteUri || (link.Scheme != Uri.UriSchemeHttps && link.Scheme != Uri.UriSchemeHttp)))
        {
            throw new ArgumentException("The video link must be an absolute http(s) address.", nameof(invitation));
        }

        // The messages name no address: they may end up in a log.
        if (!IsPlainAddress(invitation.Organizer.Email))
        {
            throw new ArgumentException("The organiser's e-mail address is not valid.", nameof(invitation));
        }

        if (invitation.Attendees.Any(a => !IsPlainAddress(a.Email)))
        {
            throw new ArgumentException("An attendee's e-mail address is not valid.", nameof(invitation));
        }
    }

    /// <summary>A bare address (no display name, comment or control characters) that can follow mailto:.</summary>
    internal static bool IsPlainAddress(string? email) =>
        !string.IsNullOrEmpty(email)
        && email.Length <= 254
        && !email.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c is '<' or '>' or '"' or ',' or ';' or ':' or '(' or ')')
        && MailAddress.TryCreate(email, out var parsed)
        && parsed.Address == email;

    private static string MailTo(string email) => "mailto:" + email;

    /// <summary>CN is a parameter value: no quotes or control characters, which could break the line.</summary>
    private static string CommonName(string name) =>
        new string(name.Select(c => char.IsControl(c) ? ' ' : c).Where(c => c != '"').ToArray()).Trim();

    private static string DescriptionWithLink(MeetingInvitation invitation) =>
        invitation.VideoLink is { } link
            ? (string.IsNullOrWhiteSpace(invitation.Description) ? string.Empty : invitation.Description.TrimEnd() + "\n\n") + "Video: " + link.AbsoluteUri
            : invitation.Description;

    /// <summary>
    /// Danish wall-clock time with TZID; but the hour repeated when summer time ends is ambiguous in that
    /// form (RFC 5545 reads it as the first of the two), so such an instant is written in UTC instead.
    /// </summary>
    private static CalDateTime Wall(DateTimeOffset instant) =>
        Zone.IsAmbiguousTime(instant)
            ? Utc(instant)
            : new CalDateTime(Local(instant), TimeZoneId, hasTime: true);

    private static DateTime Local(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, Zone).DateTime;
        return DateTime.SpecifyKind(new DateTime(local.Ticks - (local.Ticks % TimeSpan.TicksPerSecond)), DateTimeKind.Unspecified);
    }

    private static CalDateTime Utc(DateTimeOffset instant) =>
        new(new DateTime(instant.UtcDateTime.Ticks - (instant.UtcDateTime.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc), CalDateTime.UtcTzId, hasTime: true);
}
