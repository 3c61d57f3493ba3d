using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Samspil.Features.Account;
using Samspil.Features.Meetings.Calendar;
using Samspil.Features.Notifications;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Administration;

/// <summary>The outbox payload of <see cref="OutboxTopics.AccountInvitationMail"/>: the invitation and its code, protected.</summary>
public sealed record AccountInvitationMailPayload(Guid InvitationId, string ProtectedCode);

/// <summary>
/// The e-mail with a staff invitation's activation link, sent through the outbox. The database keeps only
/// the hash of an invitation code (<see cref="StaffInvitation"/>); the outbox payload carries the code
/// encrypted with the application's data-protection keys, so that the worker can write the link but a
/// reader of the database cannot use it. An invitation that has been used, replaced or has expired by the
/// time the worker gets to it is not mailed.
/// </summary>
public sealed class AccountInvitationMail(
    SamspilDbContext db,
    IDataProtectionProvider protection,
    IOptions<WebSecurityOptions> web,
    IOptions<MailOptions> mailOptions,
    IStringLocalizer<SharedResource> localizer,
    TimeProvider time)
{
    private const string Purpose = "Samspil.AccountInvitationMail.v1";

    public OutboxMessage Queue(StaffInvitation invitation, string code, DateTimeOffset now) =>
        OutboxMessage.Create(
            OutboxTopics.AccountInvitationMail,
            JsonSerializer.Serialize(new AccountInvitationMailPayload(invitation.Id, protection.CreateProtector(Purpose).Protect(code))),
            "account-invitation:" + invitation.Id.ToString("N"),
            now);

    public async Task<DeliveryOutcome> DeliverAsync(OutboxMessage message, IMailSender mail, CancellationToken cancellationToken)
    {
        AccountInvitationMailPayload payload;
        string code;
        try
        {
            payload = JsonSerializer.Deserialize<AccountInvitationMailPayload>(message.Payload)
                ?? throw new OutboxPayloadException("The payload of an account invitation mail is empty.");
            code = protection.CreateProtector(Purpose).Unprotect(payload.ProtectedCode);
        }
        catch (Exception ex) when (ex is JsonException or CryptographicException or ArgumentNullException)
        {
            throw new OutboxPayloadException("The payload of an account invitation mail cannot be read.");
        }

        var invitation = await db.StaffInvitations.AsNoTracking().SingleOrDefaultAsync(i => i.Id == payload.InvitationId, cancellationToken);
        if (invitation is null || !invitation.IsOpen(time.GetUtcNow()) || invitation.CodeHash != StaffInvitation.HashOf(code))
        {
            return DeliveryOutcome.InvitationClosed;
        }

        var user = await db.Users.AsNoTracking().Where(u => u.Id == invitation.UserId).Select(u => new { u.Email, u.OrganizationId }).SingleOrDefaultAsync(cancellationToken);
        if (user?.Email is not { } address || !CalendarWriter.IsPlainAddress(address))
        {
            return DeliveryOutcome.NoAddress;
        }

        var organization = user.OrganizationId is { } organizationId
            ? await db.Organizations.AsNoTracking().Where(o => o.Id == organizationId).Select(o => o.Name).SingleOrDefaultAsync(cancellationToken)
            : null;
        var language = await db.NotificationPreferences.AsNoTracking().Where(p => p.UserId == invitation.UserId).Select(p => p.Language).SingleOrDefaultAsync(cancellationToken);
        var culture = CultureInfo.GetCultureInfo(OutboxDeliveries.Language(language, null));
        var link = web.Value.LinkTo("/Account/Activate?code=" + Uri.EscapeDataString(code));
        var expires = invitation.ExpiresAt.ToOffset(TimeSpan.FromHours(1)).ToString("d", culture);
        var body = string.Format(culture, Text("Account.InvitationMail.Body", culture), organization ?? "Samspil", expires) + "\n\n" + link + "\n\n" + Text("Account.InvitationMail.Footer", culture) + "\n";
        await mail.SendAsync(
            new OutgoingMail([new MailRecipient(address)], Text("Account.InvitationMail.Subject", culture), body) { MessageId = OutboxDeliveries.MessageIdFor(message.Id, mailOptions.Value.Smtp.FromAddress) },
            cancellationToken);
        return DeliveryOutcome.Sent;
    }

    private string Text(string key, CultureInfo culture) => localizer.In(culture, key);
}
