using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Samspil.Domain.Notifications;
using Samspil.Features.Access;
using Samspil.Features.Meetings.Calendar;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Persistence;

namespace Samspil.Features.Notifications;

/// <summary>How a claimed outbox message ended, when nothing went wrong.</summary>
public enum DeliveryOutcome
{
    Sent = 0,

    /// <summary>The notice no longer exists (the account was deleted).</summary>
    NoticeGone = 1,

    /// <summary>The recipient has since chosen not to get this kind of mail.</summary>
    EmailNotWanted = 2,

    /// <summary>The recipient has no e-mail address; they read the notice in Samspil.</summary>
    NoAddress = 3,

    /// <summary>The staff invitation was used, replaced or has expired before its mail went out.</summary>
    InvitationClosed = 4,
}

/// <summary>The outbox payload of <see cref="OutboxTopics.DigestMail"/>: whose digest, for which day, how many unread notices.</summary>
public sealed record DigestMailPayload(Guid UserId, DateOnly Date, int Unread);

/// <summary>
/// Turns one outbox message into one mail, in a system scope. Every mail is content-free: it says that
/// there is something in Samspil (or how many unread notices there are) and links to the inbox. No
/// citizen's name, no notice detail, no course: e-mail is not a secure channel. The language is the
/// recipient's chosen one, else a citizen's own language when Samspil has it, else Danish.
/// </summary>
public sealed class OutboxDeliveries(
    SamspilDbContext db,
    CitizenDataAccess access,
    IStringLocalizer<SharedResource> localizer,
    IOptions<NotificationOptions> notificationOptions,
    IOptions<MailOptions> mailOptions,
    Administration.AccountInvitationMail invitationMail)
{
    private static readonly IReadOnlyList<string> MailLanguages = Samspil.Infrastructure.Localization.SamspilCultures.All;

    /// <summary>The Message-ID of the mail for an outbox message: the same on every attempt, so a repeat is recognisable.</summary>
    public static string MessageIdFor(Guid outboxMessageId, string? fromAddress)
    {
        var domain = CalendarWriter.IsPlainAddress(fromAddress) ? fromAddress![(fromAddress!.IndexOf('@', StringComparison.Ordinal) + 1)..] : "samspil.localhost";
        return string.Create(CultureInfo.InvariantCulture, $"outbox-{outboxMessageId:N}@{domain}");
    }

    public async Task<DeliveryOutcome> DeliverAsync(OutboxMessage message, IMailSender mail, CancellationToken cancellationToken)
    {
        switch (message.Topic)
        {
            case OutboxTopics.NoticeMail:
            {
                var payload = Read<NoticeMailPayload>(message);
                if (await access.NoticeRecipientAsync(payload.NotificationId, cancellationToken) is not { } userId)
                {
                    return DeliveryOutcome.NoticeGone;
                }

                return await SendAsync(message, userId, NotificationEmailMode.Immediate, "Notification.Mail.Subject", culture => Text("Notification.Mail.Body", culture), mail, cancellationToken);
            }

            case OutboxTopics.DigestMail:
            {
                var payload = Read<DigestMailPayload>(message);
                return await SendAsync(
                    message,
                    payload.UserId,
                    NotificationEmailMode.DailyDigest,
                    "Notification.Digest.Subject",
                    culture => string.Format(culture, Text(payload.Unread == 1 ? "Notification.Digest.BodyOne" : "Notification.Digest.Body", culture), payload.Unread),
                    mail,
                    cancellationToken);
            }

            case OutboxTopics.AccountInvitationMail:
                return await invitationMail.DeliverAsync(message, mail, cancellationToken);

            default:
                throw new OutboxPayloadException($"Unknown outbox topic '{message.Topic}'.");
        }
    }

    private async Task<DeliveryOutcome> SendAsync(OutboxMessage message, Guid userId, NotificationEmailMode requiredMode, string subjectKey, Func<CultureInfo, string> body, IMailSender mail, CancellationToken cancellationToken)
    {
        var preference = await db.NotificationPreferences.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        if ((preference?.EmailMode ?? NotificationService.DefaultEmailMode) != requiredMode)
        {
            return DeliveryOutcome.EmailNotWanted;
        }

        var addressee = await access.MailAddresseeAsync(userId, cancellationToken);
        if (addressee?.Address is not { } address || !CalendarWriter.IsPlainAddress(address))
        {
            return DeliveryOutcome.NoAddress;
        }

        var culture = Samspil.Infrastructure.Localization.SamspilCultures.Get(Language(preference?.Language, addressee.CitizenLanguage));
        var text = body(culture) + "\n\n" + Text("Notification.Mail.Link", culture) + "\n" + notificationOptions.Value.InboxUrl + "\n";

        // The address only, no name: the mail names nobody.
        await mail.SendAsync(
            new OutgoingMail([new MailRecipient(address)], Text(subjectKey, culture), text) { MessageId = MessageIdFor(message.Id, mailOptions.Value.Smtp.FromAddress) },
            cancellationToken);
        return DeliveryOutcome.Sent;
    }

    /// <summary>The recipient's chosen language, else a citizen's own language if Samspil has texts in it, else Danish.</summary>
    internal static string Language(string? chosen, string? citizenLanguage) =>
        MailLanguages.Contains(chosen, StringComparer.Ordinal) ? chosen!
        : MailLanguages.Contains(citizenLanguage, StringComparer.Ordinal) ? citizenLanguage!
        : "da";

    private string Text(string key, CultureInfo culture) => localizer.In(culture, key);

    private static T Read<T>(OutboxMessage message)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(message.Payload) ?? throw new OutboxPayloadException($"The payload of a '{message.Topic}' message is empty.");
        }
        catch (JsonException)
        {
            throw new OutboxPayloadException($"The payload of a '{message.Topic}' message cannot be read.");
        }
    }
}
