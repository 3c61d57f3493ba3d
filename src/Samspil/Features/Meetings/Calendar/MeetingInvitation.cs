namespace Samspil.Features.Meetings.Calendar;

/// <summary>iTIP method of an invitation (RFC 5546): a new or changed meeting, or its cancellation.</summary>
public enum InvitationMethod
{
    Request,
    Cancel,
}

public enum AttendeeRole
{
    Required,
    Optional,
}

/// <summary>The meeting's organiser as calendar clients show them.</summary>
public sealed record CalendarOrganizer(string Name, string Email);

/// <summary>An invited person. <paramref name="Rsvp"/> asks the calendar client for an accept/decline reply.</summary>
public sealed record CalendarAttendee(string Name, string Email, AttendeeRole Role = AttendeeRole.Required, bool Rsvp = true);

/// <summary>
/// One version of a meeting as sent to calendars. The meeting id gives a stable UID, so every update and
/// the cancellation replace the same entry in the recipient's calendar; <see cref="Sequence"/> must grow
/// with every change that is sent (use <see cref="Updated"/> and <see cref="Cancelled"/>).
/// Start and end are instants (any offset; written in Danish local time with a VTIMEZONE).
/// </summary>
public sealed record MeetingInvitation(
    Guid MeetingId,
    int Sequence,
    InvitationMethod Method,
    string Summary,
    string Description,
    DateTimeOffset Start,
    DateTimeOffset End,
    CalendarOrganizer Organizer,
    IReadOnlyList<CalendarAttendee> Attendees)
{
    /// <summary>The place, for meetings in person.</summary>
    public string? Location { get; init; }

    /// <summary>The link for video meetings; written as URL and into the description.</summary>
    public Uri? VideoLink { get; init; }

    /// <summary>When the meeting was first created (CREATED); left out when unknown.</summary>
    public DateTimeOffset? Created { get; init; }

    /// <summary>The iCalendar UID: the same for every version of the meeting.</summary>
    public string Uid => $"{MeetingId:D}@samspil";

    /// <summary>The next version after a change: same UID, SEQUENCE one higher, METHOD:REQUEST.</summary>
    public MeetingInvitation Updated() => this with { Sequence = Sequence + 1, Method = InvitationMethod.Request };

    /// <summary>The cancellation of this meeting: same UID, SEQUENCE one higher, METHOD:CANCEL.</summary>
    public MeetingInvitation Cancelled() => this with { Sequence = Sequence + 1, Method = InvitationMethod.Cancel };
}
