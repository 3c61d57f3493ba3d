using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Samspil.Domain.Meetings;
using Samspil.Features.Access;
using Samspil.Features.Meetings.Calendar;
using Samspil.Features.Network;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Meetings;

/// <summary>
/// Invitations (iCalendar REQUEST/CANCEL over e-mail) and content-free notices to a meeting's
/// participants. E-mail is not a secure channel, so nothing about the citizen travels in it: the
/// summary is the meeting's title (e.g. "Netværksmøde 1"), the description a link to Samspil.
/// Mail is sent after the change is saved; a failed delivery is logged and never undoes the change.
/// </summary>
public sealed partial class MeetingInvitations(
    SamspilDbContext db,
    ICalendarWriter writer,
    IMailSender mail,
    IOptions<WebSecurityOptions> web,
    TimeProvider time,
    IOptions<MailOptions> mailOptions,
    IStringLocalizer<SharedResource> localizer,
    ILogger<MeetingInvitations> logger,
    MeetingPeople people)
{
    public enum Kind
    {
        Request = 0,
        Cancel = 1,
    }

    /// <summary>Sends the invitation (or its cancellation) to every participant with an e-mail address. A meeting already over gets none.</summary>
    public async Task SendAsync(MeetingRecord record, Kind kind, CancellationToken cancellationToken)
    {
        if (record.Meeting.End is not { } end || (kind == Kind.Request && end < time.GetUtcNow()))
        {
            return;
        }

        var attendees = await AttendeesAsync(record, cancellationToken);
        foreach (var (culture, recipients) in ByLanguage(record, attendees))
        {
            using var _ = new CultureScope(culture);
            var invitation = await InvitationAsync(record, kind, cancellationToken);
            if (invitation is null || invitation.Attendees.Count == 0)
            {
                return;
            }

            var subject = localizer[kind == Kind.Cancel ? "Meeting.Mail.CancelledSubject" : "Meeting.Mail.InvitationSubject"].Value;
            await DeliverAsync(
                record,
                new OutgoingMail(recipients.Select(a => new MailRecipient(a.Email, a.Name)).ToList(), subject, invitation.Description)
                {
                    Calendar = new CalendarAttachment(writer.Write(invitation), kind == Kind.Cancel ? InvitationMethod.Cancel : InvitationMethod.Request),
                },
                cancellationToken);
        }
    }

    /// <summary>
    /// The recipients by the language they read: the citizen their recorded language when Samspil speaks it, everyone else the
    /// language of the person who made the change. Each group gets its own copy (the same invitation, with every attendee).
    /// </summary>
    private static IEnumerable<(CultureInfo Culture, List<CalendarAttendee> Recipients)> ByLanguage(MeetingRecord record, IReadOnlyList<CalendarAttendee> attendees)
    {
        var citizen = record.Course.Citizen;
        var sender = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var citizenLanguage = SamspilCultures.IsSupported(citizen.PreferredLanguage) ? citizen.PreferredLanguage : sender;
        return attendees
            .GroupBy(a => citizen.Email is { } email && string.Equals(a.Email, email, StringComparison.OrdinalIgnoreCase) ? citizenLanguage : sender, StringComparer.Ordinal)
            .Select(g => (SamspilCultures.Get(g.Key), g.ToList()));
    }

    /// <summary>Renders texts in another language for a while (a mail to a recipient who reads another language than the sender).</summary>
    private sealed class CultureScope : IDisposable
    {
        private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
        private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

        public CultureScope(CultureInfo culture)
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
        }

        public void Dispose()
        {
            CultureInfo.CurrentCulture = _culture;
            CultureInfo.CurrentUICulture = _uiCulture;
        }
    }

    /// <summary>A notice without content ("there is an agenda in Samspil") to the participants.</summary>
    public async Task NotifyAsync(MeetingRecord record, string messageKey, CancellationToken cancellationToken)
    {
        var attendees = await AttendeesAsync(record, cancellationToken);
        if (attendees.Count == 0)
        {
            return;
        }

        foreach (var (culture, recipients) in ByLanguage(record, attendees))
        {
            using var _ = new CultureScope(culture);
            var body = localizer[messageKey].Value + "\n\n" + LinkTo(record.Meeting);
            await DeliverAsync(record, new OutgoingMail(recipients.Select(a => new MailRecipient(a.Email, a.Name)).ToList(), localizer["Meeting.Mail.NoticeSubject"], body), cancellationToken);
        }
    }

    /// <summary>The invitation as iCalendar text, as it was (or would be) mailed.</summary>
    public async Task<string?> IcsAsync(MeetingRecord record, Kind kind, CancellationToken cancellationToken) =>
        await InvitationAsync(record, kind, cancellationToken, requireAttendees: false) is { } invitation ? writer.Write(invitation) : null;

    private async Task<MeetingInvitation?> InvitationAsync(MeetingRecord record, Kind kind, CancellationToken cancellationToken, bool requireAttendees = true)
    {
        var meeting = record.Meeting;
        if (meeting.Start is not { } start || meeting.End is not { } end)
        {
            return null;
        }

        var attendees = await AttendeesAsync(record, cancellationToken);
        if (requireAttendees && attendees.Count == 0)
        {
            return null;
        }

        var from = mailOptions.Value.Smtp.FromAddress;
        var organizer = new CalendarOrganizer(mailOptions.Value.Smtp.FromName, CalendarWriter.IsPlainAddress(from) ? from! : MailMessageFactory.FallbackFromAddress);
        return new MeetingInvitation(
            meeting.Id,
            meeting.Sequence,
            kind == Kind.Cancel ? InvitationMethod.Cancel : InvitationMethod.Request,
            "Samspil: " + MeetingTitles.Display(localizer, meeting),
            localizer["Meeting.Mail.Description"].Value + "\n" + LinkTo(meeting),
            start,
            end,
            organizer,
            attendees)
        {
            Location = meeting.Location,
            VideoLink = meeting.VideoLink is { } link && Uri.TryCreate(link, UriKind.Absolute, out var uri) ? uri : null,
            Created = meeting.CreatedAt,
        };
    }

    /// <summary>Participants with a usable address: professionals' direct e-mail from the directory, the citizen's own.</summary>
    private async Task<List<CalendarAttendee>> AttendeesAsync(MeetingRecord record, CancellationToken cancellationToken)
    {
        var members = record.Course.Course.Members;
        var roles = await MemberDirectory.RolesOfAsync(db, members, cancellationToken);
        var attendees = new List<CalendarAttendee>();
        foreach (var participant in record.Meeting.Participants)
        {
            (string Name, string? Email) who = participant.IsCitizen
                ? (record.Course.Citizen.FullName, record.Course.Citizen.Email)
                : members.FirstOrDefault(m => m.Id == participant.MemberId) is { } member
                    ? member.PractitionerRoleId is { } roleId && roles.TryGetValue(roleId, out var role) ? (role.Professional.Name, role.Role.DirectEmail) : (member.PersonName ?? string.Empty, member.Email)
                    : (string.Empty, null);
            if (CalendarWriter.IsPlainAddress(who.Email))
            {
                attendees.Add(new CalendarAttendee(who.Name, who.Email!, participant.Role == MeetingRole.Participant ? AttendeeRole.Optional : AttendeeRole.Required));
            }
        }

        // Issue 17: the interpreter booked for the citizen is invited like everyone else.
        if (await people.InterpreterContactAsync(record, cancellationToken) is { } interpreter && CalendarWriter.IsPlainAddress(interpreter.Email))
        {
            attendees.Add(new CalendarAttendee(interpreter.Name, interpreter.Email!, AttendeeRole.Required));
        }

        return attendees.DistinctBy(a => a.Email, StringComparer.OrdinalIgnoreCase).ToList();
    }

    private async Task DeliverAsync(MeetingRecord record, OutgoingMail message, CancellationToken cancellationToken)
    {
        try
        {
            await mail.SendAsync(message, cancellationToken);
        }
        catch (Exception ex) when (ex is MailDeliveryException or ArgumentException or IOException)
        {
            // The meeting is saved; the notice can be sent again from the page. Only identifiers are logged.
            LogDeliveryFailed(logger, record.Meeting.Id, ex.GetType().Name);
        }
    }

    // Only from the configured public address: the request's Host header is the caller's to choose.
    private string LinkTo(Meeting meeting) => web.Value.LinkTo(string.Create(CultureInfo.InvariantCulture, $"/Meetings/{meeting.Id}"));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail for meeting {MeetingId} was not delivered ({Failure})")]
    private static partial void LogDeliveryFailed(ILogger logger, Guid meetingId, string failure);
}
