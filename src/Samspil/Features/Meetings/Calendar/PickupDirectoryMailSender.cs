using System.Globalization;

namespace Samspil.Features.Meetings.Calendar;

/// <summary>
/// Development: writes each mail as an .eml file (open it in any mail program, or import the .ics)
/// instead of sending it. The files hold personal data; the folder is for a developer's machine only.
/// </summary>
public sealed class PickupDirectoryMailSender(string directory, string fromAddress, string fromName, TimeProvider time, ILogger<PickupDirectoryMailSender> logger) : IMailSender
{
    public string Directory { get; } = Path.GetFullPath(directory);

    public async Task SendAsync(OutgoingMail mail, CancellationToken ct)
    {
        var message = MailMessageFactory.Create(mail, fromAddress, fromName, time);
        System.IO.Directory.CreateDirectory(Directory);
        // A mail with a fixed Message-ID (an outbox delivery) has one file, overwritten when it is sent
        // again after a crash, as a receiving server drops a repeated Message-ID.
        var fileName = mail.MessageId is { } id
            ? FileNameFor(id)
            : string.Create(CultureInfo.InvariantCulture, $"{time.GetUtcNow():yyyyMMdd'T'HHmmssfff'Z'}-{Guid.NewGuid():N}.eml");
        var path = Path.Combine(Directory, fileName);
        var partial = path + "." + Guid.NewGuid().ToString("N") + ".partial";

        // Written aside and moved in, so a watcher never opens half a mail.
        await using (var stream = File.Create(partial))
        {
            await message.WriteToAsync(stream, ct);
        }

        File.Move(partial, path, overwrite: true);
        logger.LogInformation("Mail {MessageId} to {RecipientCount} recipients written to the pickup directory as {FileName}", message.MessageId, mail.To.Count, fileName);
    }

    /// <summary>The pickup file of a mail with a fixed Message-ID: the id with anything but letters, digits, '.', '-' and '@' replaced.</summary>
    public static string FileNameFor(string messageId) =>
        "msg-" + new string(messageId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '@' ? c : '_').ToArray()) + ".eml";
}

/// <summary>Mail turned off (Mail:Mode = Disabled): nothing is sent, the mail's id is logged.</summary>
public sealed class DisabledMailSender(ILogger<DisabledMailSender> logger) : IMailSender
{
    public Task SendAsync(OutgoingMail mail, CancellationToken ct)
    {
        logger.LogInformation("Mail to {RecipientCount} recipients not sent: mail is disabled", mail.To.Count);
        return Task.CompletedTask;
    }
}
