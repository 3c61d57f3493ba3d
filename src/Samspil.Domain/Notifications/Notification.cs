using Samspil.Domain.Common;
using Samspil.Domain.Consents;

namespace Samspil.Domain.Notifications;

/// <summary>What a notice is about; the text shown is chosen by kind and translated.</summary>
public enum NotificationKind
{
    /// <summary>Borger er indlagt (hospital notification STIN/STAA).</summary>
    Admitted = 0,

    /// <summary>Borger er på orlov fra indlæggelsen (STOR).</summary>
    OnLeave = 1,

    /// <summary>Borger er tilbage fra orlov (SLOR).</summary>
    BackFromLeave = 2,

    /// <summary>Borger er udskrevet (SLHJ).</summary>
    Discharged = 3,

    /// <summary>Udskrivning uden for dagtid eller i weekenden: to the coordinator with the contact list.</summary>
    DischargedOutsideDaytime = 4,

    /// <summary>Borger er død (MORS).</summary>
    Deceased = 5,

    /// <summary>Behandling er startet i regionen (R12): to the municipality's entry point and caseworker.</summary>
    TreatmentStarted = 6,

    /// <summary>Du har en ny besked i Samspil.</summary>
    NewMessage = 7,

    /// <summary>En handling i planen er overskredet.</summary>
    ActionOverdue = 8,

    /// <summary>Dagsorden skal deles senest …</summary>
    AgendaDue = 9,

    /// <summary>Referat skal godkendes senest …</summary>
    MinutesDue = 10,

    /// <summary>Et samtykke udløber snart.</summary>
    ConsentExpiring = 11,

    /// <summary>Et task force-møde skal holdes.</summary>
    TaskForceMeetingDue = 12,

    /// <summary>Ingen kontakt mellem region og kommune i N uger.</summary>
    NoContact = 13,

    /// <summary>An earlier notice was withdrawn (a cancelled hospital notification).</summary>
    Withdrawn = 14,

    /// <summary>En samarbejdsaftale skal genbesøges snart (to the parties' administrators; about no citizen).</summary>
    AgreementReviewDue = 15,

    /// <summary>Du har fået et spørgeskema at udfylde (to the citizen and their proxies; issue 19).</summary>
    QuestionnaireAssigned = 16,

    /// <summary>Spørgeskema om samarbejdet efter et netværksmøde eller ved forløbets afslutning (issue 19; to network members, never the citizen).</summary>
    CollaborationQuestionnaire = 17,

    /// <summary>En lovbestemt frist på forløbet nærmer sig eller er overskredet (issue 17 point 8; to the members of the rule's organisation kind).</summary>
    DeadlineDue = 18,
}

/// <summary>How a user wants notices beyond the in-app inbox (which always gets them).</summary>
public enum NotificationEmailMode
{
    /// <summary>Only in Samspil.</summary>
    None = 0,

    /// <summary>A content-free e-mail for each notice ("Du har en ny besked i Samspil").</summary>
    Immediate = 1,

    /// <summary>One content-free e-mail a day with the number of new notices.</summary>
    DailyDigest = 2,
}

/// <summary>
/// One notice in a user's inbox. It names the course and citizen it concerns and the information
/// category that had to permit telling the recipient; the inbox shows the citizen's name and the
/// detail only while the recipient may still read that category (a consent can be withdrawn after
/// the notice was sent), and logs that read.
/// </summary>
public sealed class Notification : ICitizenRecord
{
    private Notification()
    {
        DeduplicationKey = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid RecipientUserId { get; private set; }

    public NotificationKind Kind { get; private set; }

    public Guid? CourseId { get; private set; }

    public Guid? CitizenId { get; private set; }

    /// <summary>The category that permitted the notice (e.g. status for an admission, messages for a new message).</summary>
    public InformationCategory Category { get; private set; }

    /// <summary>A short detail shown with the kind's text, e.g. the ward the citizen is admitted to. Never in e-mail.</summary>
    public string? Detail { get; private set; }

    /// <summary>Where the notice leads in the UI (an application-relative path).</summary>
    public string? Link { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? ReadAt { get; private set; }

    /// <summary>Same event, same recipient, one notice: e.g. "hn:{messageId}" or "reminder:action:{id}:{date}".</summary>
    public string DeduplicationKey { get; private set; }

    public static Notification For(Guid recipientUserId, NotificationDraft draft, DateTimeOffset now) =>
        new()
        {
            Id = Guid.CreateVersion7(now),
            RecipientUserId = recipientUserId,
            Kind = draft.Kind,
            CourseId = draft.CourseId,
            CitizenId = draft.CitizenId,
            Category = draft.Category,
            Detail = Guard.OptionalText(draft.Detail, 200, "Notification.Detail", "detail"),
            Link = draft.Link,
            CreatedAt = now,
            DeduplicationKey = Guard.RequiredText(draft.DeduplicationKey, 200, "Notification.DeduplicationKey", "deduplicationKey"),
        };

    public void MarkRead(DateTimeOffset now) => ReadAt ??= now;
}

/// <summary>What to tell, before it is decided whom: the caller names the candidates, the access layer keeps those permitted.</summary>
public sealed record NotificationDraft(
    NotificationKind Kind,
    Guid? CourseId,
    Guid? CitizenId,
    InformationCategory Category,
    string? Detail,
    string? Link,
    string DeduplicationKey);

/// <summary>A user's choice of how notices reach them outside Samspil.</summary>
public sealed class NotificationPreference
{
    private NotificationPreference()
    {
    }

    public NotificationPreference(Guid userId, NotificationEmailMode emailMode)
    {
        UserId = userId;
        EmailMode = emailMode;
    }

    public Guid UserId { get; private set; }

    public NotificationEmailMode EmailMode { get; set; }

    /// <summary>The language of the user's e-mail ("da", "en"; for citizens and proxies also "ar", "fa", "uk"); null = not chosen (Danish, or the citizen's own language when supported).</summary>
    public string? Language { get; set; }

    /// <summary>When the last daily digest was sent, so a restart never sends two the same day.</summary>
    public DateTimeOffset? LastDigestAt { get; set; }
}
