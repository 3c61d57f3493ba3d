using MailKit.Net.Smtp;
using MailKit.Security;

namespace Samspil.Features.Meetings.Calendar;

/// <summary>
/// Sends over SMTP with MailKit: one connection per mail (meeting mail is rare, and a fresh connection
/// never inherits a broken one). Logs the message id and counts only.
/// </summary>
public sealed class SmtpMailSender(SmtpOptions options, TimeProvider time, ILogger<SmtpMailSender> logger) : IMailSender
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken ct)
    {
        var message = MailMessageFactory.Create(mail, options.FromAddress, options.FromName, time);
        var messageId = message.MessageId ?? string.Empty;
        var security = options.StartTls switch
        {
            SmtpStartTls.None => SecureSocketOptions.None,
            SmtpStartTls.Auto => SecureSocketOptions.StartTlsWhenAvailable,
            _ => SecureSocketOptions.StartTls,
        };

        using var client = new SmtpClient { Timeout = options.TimeoutSeconds * 1000 };
        try
        {
            await client.ConnectAsync(options.Host, options.Port, security, ct);
            if (!string.IsNullOrEmpty(options.UserName))
            {
                await client.AuthenticateAsync(options.UserName, options.Password ?? string.Empty, ct);
            }

            await client.SendAsync(message, ct);
            await client.DisconnectAsync(quit: true, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The server's reply text and MailKit's messages may quote addresses: keep only type and code.
            var (failure, code) = e is SmtpCommandException command
                ? ($"{command.ErrorCode}", (int?)(int)command.StatusCode)
                : (e.GetType().Name, null);
            logger.LogWarning("Mail {MessageId} to {RecipientCount} recipients was not sent over SMTP: {Failure} {SmtpStatus}", messageId, mail.To.Count, failure, code);
            throw new MailDeliveryException(messageId, failure, code);
        }

        logger.LogInformation("Mail {MessageId} sent over SMTP to {RecipientCount} recipients (calendar: {CalendarMethod})", messageId, mail.To.Count, mail.Calendar?.Method.ToString() ?? "none");
    }
}
