using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Samspil.Features.Meetings.Calendar;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests.Calendar;

/// <summary>Invitations by e-mail: a real SMTP conversation on loopback, the pickup folder, and the choice between them.</summary>
public sealed class MailSenderTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.Zero));
    private readonly LogCapture _logs = new();
    private readonly ILoggerFactory _loggers;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "samspil-mail-" + Guid.NewGuid().ToString("N"));

    public MailSenderTests() => _loggers = LoggerFactory.Create(b => b.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));

    public void Dispose()
    {
        _loggers.Dispose();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private (OutgoingMail Mail, string Ics) InvitationMail(InvitationMethod method = InvitationMethod.Request)
    {
        var invitation = CalendarWriterTests.Invitation();
        if (method == InvitationMethod.Cancel)
        {
            invitation = invitation.Cancelled();
        }

        var ics = new CalendarWriter(_time).Write(invitation);
        var mail = new OutgoingMail(
            invitation.Attendees.Select(a => new MailRecipient(a.Email, a.Name)).ToList(),
            "Invitation: Netværksmøde 1 – tirsdag 14. april kl. 10.00",
            "Du er inviteret til netværksmøde.\nMed venlig hilsen\nTraumeklinikken")
        {
            Calendar = new CalendarAttachment(ics, method),
        };
        return (mail, ics);
    }

    private SmtpMailSender SmtpSender(int port) => new(
        new SmtpOptions { Host = "127.0.0.1", Port = port, StartTls = SmtpStartTls.None, FromAddress = "noreply@samspil.example.dk", FromName = "Samspil", TimeoutSeconds = 10 },
        _time,
        _loggers.CreateLogger<SmtpMailSender>());

    private static string[] Addresses(OutgoingMail mail) => [.. mail.To.Select(t => t.Address)];

    private static void AssertIsInvitation(MimeMessage message, OutgoingMail mail, string ics, string method)
    {
        Assert.Equal(mail.Subject, message.Subject);
        Assert.Equal(Addresses(mail), message.To.Mailboxes.Select(m => m.Address));
        Assert.Equal("Søren Sagsbehandler", message.To.Mailboxes.First().Name);
        Assert.Equal(mail.TextBody.ReplaceLineEndings("\n"), message.TextBody!.ReplaceLineEndings("\n").TrimEnd('\n'));

        var calendarPart = Assert.Single(message.BodyParts.OfType<TextPart>(), p => p.ContentType.IsMimeType("text", "calendar"));
        Assert.Equal(method, calendarPart.ContentType.Parameters["method"]);
        Assert.Equal("utf-8", calendarPart.ContentType.Charset, ignoreCase: true);
        // TextPart.Text reads lines as LF; the bytes sent must keep RFC 5545's CRLF.
        Assert.Equal(ics, Decoded(calendarPart));
        var mixed = Assert.IsType<Multipart>(message.Body);
        Assert.Equal("mixed", mixed.ContentType.MediaSubtype);
        Assert.IsType<MultipartAlternative>(mixed[0]);

        var attachment = Assert.Single(message.Attachments.OfType<MimePart>());
        Assert.Equal("application/ics", attachment.ContentType.MimeType);
        Assert.Equal(ics, Decoded(attachment));

        var parsed = Ical.Net.Calendar.Load(calendarPart.Text)!;
        Assert.Equal(method, parsed.Method);
        Assert.Equal(CalendarWriterTests.Invitation().Uid, parsed.Events.Single().Uid);
    }

    private static string Decoded(MimePart part)
    {
        using var content = new MemoryStream();
        part.Content!.DecodeTo(content);
        return Encoding.UTF8.GetString(content.ToArray());
    }

    private void AssertLogsNameNoAddressOrContent(OutgoingMail mail)
    {
        Assert.NotEmpty(_logs.Entries);
        foreach (var entry in _logs.Entries)
        {
            Assert.All(mail.To, to => Assert.DoesNotContain(to.Address.Split('@')[0], entry, StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain("example.dk>", entry, StringComparison.Ordinal);
            Assert.DoesNotContain("Netværksmøde", entry, StringComparison.Ordinal);
            Assert.DoesNotContain("Sagsbehandler", entry, StringComparison.Ordinal);
            Assert.DoesNotContain(mail.TextBody[..10], entry, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Given_an_SMTP_server_on_loopback_When_an_invitation_is_sent_Then_it_receives_the_envelope_subject_and_the_text_calendar_REQUEST_part()
    {
        await using var server = new LoopbackSmtpServer();
        var (mail, ics) = InvitationMail();

        await SmtpSender(server.Port).SendAsync(mail, CancellationToken.None);

        var received = Assert.Single(server.Received);
        Assert.Equal("noreply@samspil.example.dk", received.From);
        Assert.Equal(Addresses(mail), received.Recipients);
        Assert.Contains(server.Commands, c => c.StartsWith("EHLO ", StringComparison.Ordinal));
        Assert.Equal("QUIT", server.Commands.Last());
        Assert.Matches(@"(?im)^Content-Type: text/calendar;.*\bmethod=REQUEST\b", Unfolded(received.Data));

        var message = MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(received.Data)));
        AssertIsInvitation(message, mail, ics, "REQUEST");
        Assert.Equal("noreply@samspil.example.dk", message.From.Mailboxes.Single().Address);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.Zero), message.Date);
        AssertLogsNameNoAddressOrContent(mail);
    }

    [Fact]
    public async Task A_cancellation_is_sent_as_text_calendar_with_method_CANCEL()
    {
        await using var server = new LoopbackSmtpServer();
        var (mail, ics) = InvitationMail(InvitationMethod.Cancel);

        await SmtpSender(server.Port).SendAsync(mail, CancellationToken.None);

        var message = MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(Assert.Single(server.Received).Data)));
        AssertIsInvitation(message, mail, ics, "CANCEL");
        Assert.Contains("STATUS:CANCELLED", ics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plain_mail_without_calendar_is_a_single_text_part()
    {
        await using var server = new LoopbackSmtpServer();
        var mail = new OutgoingMail([new MailRecipient("a@example.dk")], "Påmindelse", "Dagsordenen mangler.");

        await SmtpSender(server.Port).SendAsync(mail, CancellationToken.None);

        var message = MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(Assert.Single(server.Received).Data)));
        var body = Assert.IsType<TextPart>(message.Body);
        Assert.True(body.IsPlain);
        Assert.Equal("Dagsordenen mangler.", body.Text.TrimEnd());
        Assert.Equal("Påmindelse", message.Subject);
    }

    [Fact]
    public async Task A_rejected_recipient_gives_a_MailDeliveryException_and_log_without_the_address_or_the_server_reply()
    {
        await using var server = new LoopbackSmtpServer();
        server.RejectRecipients.Add("louise@example.dk");
        var (mail, _) = InvitationMail();

        var error = await Assert.ThrowsAsync<MailDeliveryException>(() => SmtpSender(server.Port).SendAsync(mail, CancellationToken.None));

        Assert.Equal(550, error.SmtpStatusCode);
        Assert.Null(error.InnerException);
        Assert.DoesNotContain("louise", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("User unknown", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.Received);
        AssertLogsNameNoAddressOrContent(mail);
        Assert.Contains(_logs.Entries, e => e.StartsWith("Warning", StringComparison.Ordinal) && e.Contains(error.MessageId!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task No_server_listening_gives_a_MailDeliveryException()
    {
        int port;
        await using (var server = new LoopbackSmtpServer())
        {
            port = server.Port;
        }

        var error = await Assert.ThrowsAsync<MailDeliveryException>(() => SmtpSender(port).SendAsync(InvitationMail().Mail, CancellationToken.None));

        Assert.Null(error.SmtpStatusCode);
    }

    [Fact]
    public async Task StartTls_required_refuses_a_server_that_does_not_offer_it()
    {
        await using var server = new LoopbackSmtpServer();
        var sender = new SmtpMailSender(
            new SmtpOptions { Host = "127.0.0.1", Port = server.Port, StartTls = SmtpStartTls.Required, FromAddress = "noreply@samspil.example.dk", TimeoutSeconds = 10 },
            _time,
            _loggers.CreateLogger<SmtpMailSender>());

        await Assert.ThrowsAsync<MailDeliveryException>(() => sender.SendAsync(InvitationMail().Mail, CancellationToken.None));

        Assert.Empty(server.Received);
        Assert.DoesNotContain(server.Commands, c => c.StartsWith("MAIL", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task The_pickup_sender_writes_each_mail_as_an_eml_file_a_mail_program_can_open()
    {
        var sender = new PickupDirectoryMailSender(_folder, "noreply@samspil.example.dk", "Samspil", _time, _loggers.CreateLogger<PickupDirectoryMailSender>());
        var (mail, ics) = InvitationMail();

        await sender.SendAsync(mail, CancellationToken.None);
        await sender.SendAsync(mail, CancellationToken.None);

        var files = Directory.GetFiles(_folder);
        Assert.Equal(2, files.Length);
        Assert.All(files, f => Assert.EndsWith(".eml", f, StringComparison.Ordinal));
        var message = await MimeMessage.LoadAsync(files[0]);
        AssertIsInvitation(message, mail, ics, "REQUEST");
        AssertLogsNameNoAddressOrContent(mail);
    }

    [Fact]
    public async Task An_invalid_recipient_address_is_refused_before_anything_is_sent()
    {
        await using var server = new LoopbackSmtpServer();
        var mail = new OutgoingMail([new MailRecipient("a@example.dk\r\nRCPT TO:<evil@example.com>")], "x", "y");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => SmtpSender(server.Port).SendAsync(mail, CancellationToken.None));

        Assert.DoesNotContain("evil", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.Commands);
    }

    [Fact]
    public async Task A_line_break_in_the_subject_cannot_add_a_header()
    {
        await using var server = new LoopbackSmtpServer();
        var mail = new OutgoingMail([new MailRecipient("a@example.dk")], "Møde\r\nBcc: evil@example.com", "Tekst");

        await SmtpSender(server.Port).SendAsync(mail, CancellationToken.None);

        var received = Assert.Single(server.Received);
        Assert.Equal(["a@example.dk"], received.Recipients);
        var message = MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(received.Data)));
        Assert.Empty(message.Bcc);
        Assert.DoesNotContain(message.Headers, h => h.Field.Equals("Bcc", StringComparison.OrdinalIgnoreCase));
        Assert.StartsWith("Møde", message.Subject, StringComparison.Ordinal);
    }

    private ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(_logs));
        services.AddSingleton<IHostEnvironment>(new TestEnvironment(_folder));
        services.AddSamspilMail(configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Without_settings_mail_goes_to_data_mail_under_the_content_root()
    {
        using var services = Services([]);

        var sender = Assert.IsType<PickupDirectoryMailSender>(services.GetRequiredService<IMailSender>());

        Assert.Equal(Path.Combine(_folder, "data", "mail"), sender.Directory);
        Assert.IsType<CalendarWriter>(services.GetRequiredService<ICalendarWriter>());
        Assert.NotNull(services.GetRequiredService<BusyTimeReader>());
    }

    [Theory]
    [InlineData("Smtp", typeof(SmtpMailSender))]
    [InlineData("smtp", typeof(SmtpMailSender))]
    [InlineData("Disabled", typeof(DisabledMailSender))]
    [InlineData("Pickup", typeof(PickupDirectoryMailSender))]
    public void Mail_Mode_chooses_the_sender(string mode, Type expected)
    {
        using var services = Services(new()
        {
            ["Mail:Mode"] = mode,
            ["Mail:Smtp:Host"] = "smtp.example.dk",
            ["Mail:Smtp:FromAddress"] = "noreply@samspil.example.dk",
        });

        Assert.IsType(expected, services.GetRequiredService<IMailSender>());
    }

    [Fact]
    public void Smtp_mode_without_a_host_fails_validation()
    {
        using var services = Services(new() { ["Mail:Mode"] = "Smtp" });

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<MailOptions>>().Value);
    }

    [Fact]
    public void An_unknown_Mail_Mode_fails_at_start_up()
    {
        using var services = Services(new() { ["Mail:Mode"] = "Carrier-pigeon" });

        Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IOptions<MailOptions>>().Value);
    }

    [Fact]
    public async Task Disabled_mail_sends_nothing_and_logs_no_address()
    {
        using var services = Services(new() { ["Mail:Mode"] = "Disabled" });
        var (mail, _) = InvitationMail();

        await services.GetRequiredService<IMailSender>().SendAsync(mail, CancellationToken.None);

        Assert.False(Directory.Exists(Path.Combine(_folder, "data", "mail")));
        AssertLogsNameNoAddressOrContent(mail);
    }

    private static string Unfolded(string headers) => headers.Replace("\r\n\t", " ", StringComparison.Ordinal).Replace("\r\n ", " ", StringComparison.Ordinal);

    private sealed class TestEnvironment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Development;

        public string ApplicationName { get; set; } = "Samspil";

        public string ContentRootPath { get; set; } = root;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
