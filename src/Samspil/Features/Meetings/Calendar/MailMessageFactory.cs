using MimeKit;
using MimeKit.Utils;

namespace Samspil.Features.Meetings.Calendar;

/// <summary>Builds the MIME message both senders deliver, so the pickup files show exactly what SMTP would send.</summary>
internal static class MailMessageFactory
{
    internal const string FallbackFromAddress = "samspil@localhost";

    /// <summary>
    /// Plain text alone, or, with an invitation, the layout Google Calendar sends and Outlook, Gmail and
    /// Apple Mail all recognise: multipart/mixed [ multipart/alternative [ text/plain, text/calendar;
    /// method=… ], invite.ics as application/ics attachment ].
    /// </summary>
    public static MimeMessage Create(OutgoingMail mail, string fromAddress, string fromName, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(mail);
        if (mail.To.Count == 0)
        {
            throw new ArgumentException("A mail needs at least one recipient.", nameof(mail));
        }

        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(fromName, fromAddress));
        foreach (var recipient in mail.To)
        {
            // The message names no address: it may end up in a log.
            if (!CalendarWriter.IsPlainAddress(recipient.Address))
            {
                throw new ArgumentException("A recipient's e-mail address is not valid.", nameof(mail));
            }

            message.To.Add(new MailboxAddress(recipient.Name ?? string.Empty, recipient.Address));
        }

        var domain = fromAddress[(fromAddress.IndexOf('@', StringComparison.Ordinal) + 1)..];
        message.MessageId = mail.MessageId ?? MimeUtils.GenerateMessageId(domain);
        message.Date = time.GetUtcNow();
        // A subject is one line: a line break from user text must not start a header of its own.
        message.Subject = new string(mail.Subject.Select(c => char.IsControl(c) ? ' ' : c).ToArray());

        var text = new TextPart("plain") { Text = mail.TextBody };
        text.ContentType.Charset = "utf-8";
        if (mail.Calendar is not { } calendar)
        {
            message.Body = text;
            return message;
        }

        var method = calendar.Method == InvitationMethod.Cancel ? "CANCEL" : "REQUEST";
        var inline = new TextPart("calendar") { Text = calendar.Content, ContentTransferEncoding = ContentEncoding.Base64 };
        inline.ContentType.Charset = "utf-8";
        inline.ContentType.Parameters.Add("method", method);

        var attachment = new MimePart("application", "ics")
        {
            Content = new MimeContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(calendar.Content))),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = calendar.Method == InvitationMethod.Cancel ? "cancel.ics" : "invite.ics",
        };

        var alternative = new MultipartAlternative { text, inline };
        message.Body = new Multipart("mixed") { alternative, attachment };
        return message;
    }
}
