namespace Samspil.Features.Meetings.Calendar;

/// <summary>A recipient: a bare e-mail address and, optionally, the name shown with it.</summary>
public sealed record MailRecipient(string Address, string? Name = null);

/// <summary>
/// An iCalendar text sent with a mail as <c>text/calendar; method=REQUEST|CANCEL; charset=utf-8</c>, which
/// makes Outlook, Gmail and Apple Mail show the invitation with accept/decline (or remove it, for CANCEL).
/// The method must match the METHOD inside the text.
/// </summary>
public sealed record CalendarAttachment(string Content, InvitationMethod Method);

/// <summary>A plain-text mail, optionally carrying a meeting invitation or cancellation.</summary>
public sealed record OutgoingMail(IReadOnlyList<MailRecipient> To, string Subject, string TextBody)
{
    public CalendarAttachment? Calendar { get; init; }

    /// <summary>
    /// A fixed Message-ID (without angle brackets), e.g. derived from an outbox message's id, so a mail
    /// sent again after a crash is recognisably the same mail; null = a new random id.
    /// </summary>
    public string? MessageId { get; init; }
}

public interface IMailSender
{
    /// <summary>Sends the mail, or throws <see cref="MailDeliveryException"/> (or <see cref="ArgumentException"/> for a bad address).</summary>
    Task SendAsync(OutgoingMail mail, CancellationToken ct);
}

/// <summary>
/// A mail that could not be delivered. Its message holds only the message id and the kind of failure,
/// never addresses or the server's reply text (which often quotes the address); the transport's own
/// exception is not kept for the same reason.
/// </summary>
public sealed class MailDeliveryException : Exception
{
    public MailDeliveryException()
    {
    }

    public MailDeliveryException(string message)
        : base(message)
    {
    }

    public MailDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MailDeliveryException(string messageId, string failure, int? smtpStatusCode)
        : base(smtpStatusCode is { } code
            ? $"Mail {messageId} could not be delivered: {failure} (SMTP {code})."
            : $"Mail {messageId} could not be delivered: {failure}.")
    {
        MessageId = messageId;
        Failure = failure;
        SmtpStatusCode = smtpStatusCode;
    }

    public string? MessageId { get; }

    /// <summary>The kind of failure: the transport exception's type name or an SMTP error code name.</summary>
    public string? Failure { get; }

    public int? SmtpStatusCode { get; }
}
