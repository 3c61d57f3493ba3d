using Ical.Net;
using Ical.Net.CalendarComponents;
using Microsoft.Extensions.Time.Testing;
using Samspil.Features.Meetings.Calendar;

namespace Samspil.IntegrationTests.Calendar;

/// <summary>Invitations written by Samspil, read back with Ical.Net's own parser as a calendar client would.</summary>
public sealed class CalendarWriterTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 15, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Now);

    internal static MeetingInvitation Invitation(DateTimeOffset? start = null) => new(
        MeetingId: Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff"),
        Sequence: 0,
        Method: InvitationMethod.Request,
        Summary: "Netværksmøde 1: Louise, plan og indkomstgrundlag",
        Description: "Dagsorden:\n1. Status; mål, delmål\n2. Næste skridt",
        Start: start ?? new DateTimeOffset(2026, 4, 14, 8, 0, 0, TimeSpan.Zero),
        End: (start ?? new DateTimeOffset(2026, 4, 14, 8, 0, 0, TimeSpan.Zero)).AddMinutes(90),
        Organizer: new CalendarOrganizer("Birgitte Behandler", "behandler@traume.example.dk"),
        Attendees:
        [
            new CalendarAttendee("Søren Sagsbehandler", "sagsbehandler@jobcenter.example.dk"),
            new CalendarAttendee("Louise Demo-Hansen", "louise@example.dk", AttendeeRole.Required, Rsvp: true),
            new CalendarAttendee("Tolk, arabisk", "tolk@example.dk", AttendeeRole.Optional, Rsvp: false),
        ])
    {
        Location = "Traumeklinikken Odense, lokale 2",
        Created = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero),
    };

    private static CalendarEvent SingleEvent(Ical.Net.Calendar calendar) => Assert.Single(calendar.Events);

    [Fact]
    public void Given_an_invitation_When_written_Then_Ical_Net_reads_back_method_uid_sequence_times_organizer_and_attendees()
    {
        var invitation = Invitation();

        var text = new CalendarWriter(_time).Write(invitation);
        var calendar = Ical.Net.Calendar.Load(text)!;

        Assert.Equal("REQUEST", calendar.Method);
        var meeting = SingleEvent(calendar);
        Assert.Equal("6f9619ff-8b86-d011-b42d-00c04fc964ff@samspil", meeting.Uid);
        Assert.Equal(0, meeting.Sequence);
        Assert.Equal("CONFIRMED", meeting.Status);
        Assert.Equal(invitation.Summary, meeting.Summary);
        Assert.Equal(invitation.Description, meeting.Description);
        Assert.Equal(invitation.Location, meeting.Location);
        Assert.Equal(new DateTime(2026, 4, 14, 8, 0, 0, DateTimeKind.Utc), meeting.DtStart!.AsUtc);
        Assert.Equal(new DateTime(2026, 4, 14, 9, 30, 0, DateTimeKind.Utc), meeting.DtEnd!.AsUtc);
        Assert.Equal(new DateTime(2026, 3, 2, 9, 15, 0, DateTimeKind.Utc), meeting.DtStamp!.AsUtc);
        Assert.Equal(new DateTime(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc), meeting.Created!.AsUtc);

        Assert.Equal("Birgitte Behandler", meeting.Organizer!.CommonName);
        Assert.Equal("mailto:behandler@traume.example.dk", meeting.Organizer.Value!.OriginalString);
        Assert.Collection(
            meeting.Attendees,
            a =>
            {
                Assert.Equal("Søren Sagsbehandler", a.CommonName);
                Assert.Equal("mailto:sagsbehandler@jobcenter.example.dk", a.Value!.OriginalString);
                Assert.Equal("REQ-PARTICIPANT", a.Role);
                Assert.True(a.Rsvp);
                Assert.Equal("NEEDS-ACTION", a.ParticipationStatus);
            },
            a => Assert.Equal("Louise Demo-Hansen", a.CommonName),
            a =>
            {
                Assert.Equal("OPT-PARTICIPANT", a.Role);
                Assert.False(a.Rsvp);
            });
    }

    [Fact]
    public void Times_are_written_as_Danish_wall_clock_with_the_zone_definition_so_clients_show_local_time()
    {
        var text = new CalendarWriter(_time).Write(Invitation());

        // 08:00Z in April is 10:00 summer time in Copenhagen.
        Assert.Contains("DTSTART;TZID=Europe/Copenhagen:20260414T100000\r\n", text, StringComparison.Ordinal);
        Assert.Contains("DTEND;TZID=Europe/Copenhagen:20260414T113000\r\n", text, StringComparison.Ordinal);
        Assert.Contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Copenhagen", text, StringComparison.Ordinal);
        Assert.Contains("TZOFFSETTO:+0200", text, StringComparison.Ordinal);
        Assert.Contains("TZOFFSETTO:+0100", text, StringComparison.Ordinal);
        Assert.StartsWith("BEGIN:VCALENDAR\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", text.Replace("\r\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2026, 3, 30, 7, 0)] // Monday after the spring change: 09:00 CEST
    [InlineData(2026, 10, 26, 8, 0)] // Monday after the autumn change: 09:00 CET
    [InlineData(2026, 3, 29, 0, 30)] // 01:30 CET, half an hour before the clocks jump
    [InlineData(2026, 10, 25, 0, 30)] // 02:30 CEST, the first of the two 02:30s
    [InlineData(2026, 10, 25, 1, 30)] // 02:30 CET, the second
    public void Around_summer_time_changes_the_written_time_is_the_same_instant(int year, int month, int day, int hour, int minute)
    {
        var start = new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.Zero);

        var meeting = SingleEvent(Ical.Net.Calendar.Load(new CalendarWriter(_time).Write(Invitation(start)))!);

        Assert.Equal(start.UtcDateTime, meeting.DtStart!.AsUtc);
        Assert.Equal(start.AddMinutes(90).UtcDateTime, meeting.DtEnd!.AsUtc);
    }

    [Fact]
    public void Given_a_sent_invitation_When_the_meeting_changes_Then_the_update_keeps_the_UID_and_increments_SEQUENCE()
    {
        var writer = new CalendarWriter(_time);
        var first = Invitation();
        var firstEvent = SingleEvent(Ical.Net.Calendar.Load(writer.Write(first))!);

        _time.Advance(TimeSpan.FromDays(1));
        var moved = first.Updated() with { Start = first.Start.AddDays(1), End = first.End.AddDays(1) };
        var movedAgain = moved.Updated() with { Location = "Jobcenter Odense" };
        var second = Ical.Net.Calendar.Load(writer.Write(moved))!;
        var third = Ical.Net.Calendar.Load(writer.Write(movedAgain))!;

        Assert.Equal("REQUEST", second.Method);
        Assert.Equal(firstEvent.Uid, SingleEvent(second).Uid);
        Assert.Equal(firstEvent.Uid, SingleEvent(third).Uid);
        Assert.Equal(1, SingleEvent(second).Sequence);
        Assert.Equal(2, SingleEvent(third).Sequence);
        Assert.Equal(new DateTime(2026, 4, 15, 8, 0, 0, DateTimeKind.Utc), SingleEvent(second).DtStart!.AsUtc);
        Assert.True(SingleEvent(second).DtStamp!.AsUtc > firstEvent.DtStamp!.AsUtc);
    }

    [Fact]
    public void Given_a_sent_invitation_When_cancelled_Then_METHOD_is_CANCEL_STATUS_is_CANCELLED_with_the_same_UID_and_a_higher_SEQUENCE()
    {
        var writer = new CalendarWriter(_time);
        var invitation = Invitation().Updated();

        var calendar = Ical.Net.Calendar.Load(writer.Write(invitation.Cancelled()))!;

        Assert.Equal("CANCEL", calendar.Method);
        var meeting = SingleEvent(calendar);
        Assert.Equal(invitation.Uid, meeting.Uid);
        Assert.Equal(2, meeting.Sequence);
        Assert.Equal("CANCELLED", meeting.Status);
        Assert.Equal(3, meeting.Attendees.Count);
        Assert.All(meeting.Attendees, a => Assert.False(a.Rsvp));
    }

    [Fact]
    public void A_video_meeting_carries_its_link_as_URL_location_and_in_the_description()
    {
        var link = new Uri("https://video.example.dk/room/42?pin=1234");
        var invitation = Invitation() with { Location = null, VideoLink = link };

        var meeting = SingleEvent(Ical.Net.Calendar.Load(new CalendarWriter(_time).Write(invitation))!);

        Assert.Equal(link, meeting.Url);
        Assert.Equal(link.AbsoluteUri, meeting.Location);
        Assert.EndsWith("Video: " + link.AbsoluteUri, meeting.Description, StringComparison.Ordinal);
        Assert.StartsWith(invitation.Description, meeting.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_with_quotes_line_breaks_and_separators_cannot_break_out_of_their_property()
    {
        var invitation = Invitation() with
        {
            Summary = "Møde\r\nATTENDEE:mailto:evil@example.com",
            Organizer = new CalendarOrganizer("Ann \"Boss\"; ROLE=CHAIR:\r\nX-EVIL:1", "ann@example.dk"),
            Attendees = [new CalendarAttendee("Bo,\nATTENDEE:mailto:evil@example.com", "bo@example.dk")],
        };

        var text = new CalendarWriter(_time).Write(invitation);
        var meeting = SingleEvent(Ical.Net.Calendar.Load(text)!);

        Assert.Single(meeting.Attendees);
        Assert.Equal("mailto:bo@example.dk", meeting.Attendees[0].Value!.OriginalString);
        Assert.Equal("mailto:ann@example.dk", meeting.Organizer!.Value!.OriginalString);
        Assert.Null(meeting.Properties.FirstOrDefault(p => p.Name == "X-EVIL"));
        Assert.Equal(invitation.Summary.ReplaceLineEndings("\n"), meeting.Summary!.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("not an address")]
    [InlineData("a@b.dk\r\nBcc: x@y.dk")]
    [InlineData("Name <a@b.dk>")]
    [InlineData("a@b.dk:x")]
    [InlineData("")]
    public void An_invalid_attendee_address_is_refused_without_repeating_it(string email)
    {
        var invitation = Invitation() with { Attendees = [new CalendarAttendee("X", email)] };

        var error = Assert.Throws<ArgumentException>(() => new CalendarWriter(_time).Write(invitation));

        if (email.Length > 0)
        {
            Assert.DoesNotContain(email, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_meeting_that_ends_before_it_starts_is_refused()
    {
        var invitation = Invitation() with { End = Invitation().Start.AddMinutes(-1) };

        Assert.Throws<ArgumentException>(() => new CalendarWriter(_time).Write(invitation));
    }
}
