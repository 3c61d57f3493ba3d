using System.Globalization;

namespace Samspil.Features.Notifications;

/// <summary>Configuration section <c>Notifications</c>: what every notice mail and digest links to.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>The address people open Samspil at (<c>Samspil:PublicBaseUrl</c>; this older name still works when that is not set); notice mails link to its inbox (<c>/Me/Notifications</c>).</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5000";

    /// <summary>The local (Copenhagen) hour from which the daily digest is sent, 0–23.</summary>
    public int DigestHour { get; set; } = 7;

    public string InboxUrl => PublicBaseUrl.TrimEnd('/') + "/Me/Notifications";
}

/// <summary>Configuration section <c>Notifications:Outbox</c>: the delivery worker.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Notifications:Outbox";

    /// <summary>Run the background worker in this instance. Tests that drive <see cref="OutboxProcessor"/> directly turn it off.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the worker looks for due messages when nothing wakes it (a commit with new messages wakes it at once).</summary>
    public double PollSeconds { get; set; } = 5;

    /// <summary>How many messages one claim takes.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>How long a claim holds its messages; a crashed instance's messages are taken over after this.</summary>
    public int LeaseSeconds { get; set; } = 120;

    /// <summary>Attempts before a message is given up (and shown to administrators).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The first retry waits about this long; each further retry twice as long (with jitter).</summary>
    public int BackoffBaseSeconds { get; set; } = 30;

    /// <summary>No retry waits longer than this.</summary>
    public int BackoffMaxSeconds { get; set; } = 3600;

    /// <summary>This instance's name in <c>LockedBy</c>; default machine name, process id and a random suffix.</summary>
    public string? InstanceId { get; set; }

    /// <summary>The id this instance claims with (at most 100 characters; the random part first, so it survives truncation).</summary>
    public string ResolveInstanceId()
    {
        var id = string.IsNullOrWhiteSpace(InstanceId)
            ? string.Create(CultureInfo.InvariantCulture, $"{Guid.NewGuid():N}:{Environment.ProcessId}:{Environment.MachineName}")
            : InstanceId.Trim();
        return id.Length <= 100 ? id : id[..100];
    }

    /// <summary>The first problem with these settings, or null.</summary>
    public string? Problem() =>
        PollSeconds is < 0.05 or > 3600 ? "Notifications:Outbox:PollSeconds must be between 0.05 and 3600."
        : BatchSize is < 1 or > 500 ? "Notifications:Outbox:BatchSize must be between 1 and 500."
        : LeaseSeconds is < 10 or > 86400 ? "Notifications:Outbox:LeaseSeconds must be between 10 and 86400."
        : MaxAttempts is < 1 or > 100 ? "Notifications:Outbox:MaxAttempts must be between 1 and 100."
        : BackoffBaseSeconds < 1 || BackoffMaxSeconds < BackoffBaseSeconds ? "Notifications:Outbox:BackoffBaseSeconds must be at least 1 and at most BackoffMaxSeconds."
        : null;
}

/// <summary>Configuration section <c>Notifications:Reminders</c>: the periodic reminder and digest job.</summary>
public sealed class ReminderOptions
{
    public const string Section = "Notifications:Reminders";

    /// <summary>Run the periodic job (reminders and daily digests) in this instance.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Minutes between runs. Each reminder is deduplicated per item and period, so runs can be frequent.</summary>
    public int IntervalMinutes { get; set; } = 60;

    /// <summary>Warn the citizen and the coordinator this many days before a consent runs out.</summary>
    public int ConsentExpiryWarningDays { get; set; } = 30;

    /// <summary>An active course with no held meeting with both region and municipality for this many weeks gets a reminder.</summary>
    public int NoContactWeeks { get; set; } = 6;

    /// <summary>Task forces meet at least this often (R26: every third month).</summary>
    public int TaskForceIntervalDays { get; set; } = 90;

    /// <summary>The meeting template whose target groups have task forces.</summary>
    public string TaskForceTemplateKey { get; set; } = "taskforce";

    public string? Problem() =>
        IntervalMinutes is < 1 or > 1440 ? "Notifications:Reminders:IntervalMinutes must be between 1 and 1440."
        : ConsentExpiryWarningDays is < 1 or > 365 ? "Notifications:Reminders:ConsentExpiryWarningDays must be between 1 and 365."
        : NoContactWeeks is < 1 or > 52 ? "Notifications:Reminders:NoContactWeeks must be between 1 and 52."
        : TaskForceIntervalDays is < 7 or > 365 ? "Notifications:Reminders:TaskForceIntervalDays must be between 7 and 365."
        : null;
}
