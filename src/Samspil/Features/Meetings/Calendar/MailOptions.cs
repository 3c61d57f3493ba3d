namespace Samspil.Features.Meetings.Calendar;

public enum MailMode
{
    /// <summary>Each mail is written as an .eml file to <see cref="MailOptions.PickupDirectory"/> (development).</summary>
    Pickup,

    /// <summary>Mails go to the SMTP server in <see cref="MailOptions.Smtp"/>.</summary>
    Smtp,

    /// <summary>Mails are dropped; only their id is logged.</summary>
    Disabled,
}

public enum SmtpStartTls
{
    /// <summary>Plain connection (a local relay or development sink only).</summary>
    None,

    /// <summary>STARTTLS when the server offers it, plain otherwise (open to downgrade; avoid in production).</summary>
    Auto,

    /// <summary>STARTTLS, or no mail is sent.</summary>
    Required,
}

/// <summary>Configuration section <c>Mail</c>.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    public MailMode Mode { get; set; } = MailMode.Pickup;

    /// <summary>Folder for <see cref="MailMode.Pickup"/>; relative paths are resolved against the content root.</summary>
    public string PickupDirectory { get; set; } = "data/mail";

    public SmtpOptions Smtp { get; set; } = new();
}

/// <summary>Configuration section <c>Mail:Smtp</c>. The sender address is used in pickup mode too.</summary>
public sealed class SmtpOptions
{
    public string Host { get; set; } = string.Empty;

    public int Port { get; set; } = 587;

    public SmtpStartTls StartTls { get; set; } = SmtpStartTls.Required;

    /// <summary>Sign in with this user name (and <see cref="Password"/>) when set; otherwise no authentication.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string FromAddress { get; set; } = string.Empty;

    public string FromName { get; set; } = "Samspil";

    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>The first problem that makes these settings unusable for sending, or null.</summary>
    public string? Problem() =>
        string.IsNullOrWhiteSpace(Host) ? "Mail:Smtp:Host is required when Mail:Mode is Smtp."
        : Port is < 1 or > 65535 ? "Mail:Smtp:Port must be between 1 and 65535."
        : !CalendarWriter.IsPlainAddress(FromAddress) ? "Mail:Smtp:FromAddress must be a valid e-mail address when Mail:Mode is Smtp."
        : TimeoutSeconds is < 1 or > 600 ? "Mail:Smtp:TimeoutSeconds must be between 1 and 600."
        : null;
}
