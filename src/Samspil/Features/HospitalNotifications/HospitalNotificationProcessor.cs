using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Admissions;
using Samspil.Domain.Audit;
using Samspil.Domain.Citizens;
using Samspil.Domain.Consents;
using Samspil.Domain.Courses;
using Samspil.Domain.Network;
using Samspil.Domain.Notifications;
using Samspil.Domain.Screening;
using Samspil.Features.Access;
using Samspil.Features.Notifications;
using Samspil.Features.Screening;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Security;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.HospitalNotifications;

/// <summary>What became of a received message (also returned again for a duplicate).</summary>
public sealed record HospitalNotificationResult(
    Guid Id,
    string? MessageId,
    InboundMessageStatus Status,
    bool Duplicate,
    string? EventCode,
    string? Outcome,
    string? ErrorCode,
    string? ErrorDetail,
    DateTimeOffset ReceivedAt)
{
    public static HospitalNotificationResult Of(InboundMessage message, bool duplicate) =>
        new(message.Id, message.MessageId, message.Status, duplicate, message.EventCode, message.Outcome, message.ErrorCode, message.ErrorDetail, message.ReceivedAt);
}

/// <summary>
/// What the intake is told about a message it delivered or matched: the same for a message about a
/// Samspil citizen and one about an unknown CPR number (parked), so no answer reveals who is a citizen.
/// </summary>
public sealed record HospitalNotificationReceipt(Guid Id, string? MessageId, bool Duplicate, string? EventCode, DateTimeOffset ReceivedAt)
{
    public static HospitalNotificationReceipt Of(HospitalNotificationResult result) => new(result.Id, result.MessageId, result.Duplicate, result.EventCode, result.ReceivedAt);

    public static HospitalNotificationReceipt Of(InboundMessage message) => new(message.Id, message.MessageId, false, message.EventCode, message.ReceivedAt);
}

/// <summary>
/// Receives MedCom hospital notifications and applies them: stores the raw message (always, also when
/// it cannot be read), parses it, drops a repeat of a message id already received (answering with the
/// earlier result), parks a message about a CPR number Samspil does not know, and otherwise records the
/// event on the citizen, corrects (RE_) or withdraws (AN_) an earlier one, and tells the people around
/// the citizen's open courses whom the policy lets know the citizen's status. Runs as Samspil itself
/// (a system scope): its own writes are logged with the System basis, each notice under its recipient.
/// </summary>
public sealed partial class HospitalNotificationProcessor(
    SamspilDbContext db,
    CitizenDataAccess access,
    NotificationService notices,
    AdmissionStore admissions,
    PersonKeys personKeys,
    CurrentUser user,
    TimeProvider time,
    ILogger<HospitalNotificationProcessor> logger)
{
    private const InformationCategory Status = InformationCategory.StatusAndAppointments;

    public async Task<HospitalNotificationResult> ReceiveAsync(string raw, bool truncated, InboundSource source, string? fileName, Guid receivedBy, string receivedByName, CancellationToken cancellationToken)
    {
        using var activity = Infrastructure.Telemetry.SamspilTelemetry.StartHospitalNotification(source.ToString());
        var result = await ReceiveCoreAsync(raw, truncated, source, fileName, receivedBy, receivedByName, cancellationToken);
        Infrastructure.Telemetry.SamspilTelemetry.HospitalNotificationReceived(activity, source.ToString(), result.Status.ToString(), result.Duplicate, result.EventCode);
        return result;
    }

    private async Task<HospitalNotificationResult> ReceiveCoreAsync(string raw, bool truncated, InboundSource source, string? fileName, Guid receivedBy, string receivedByName, CancellationToken cancellationToken)
    {
        EnsureSystem();
        var now = time.GetUtcNow();
        var inbound = InboundMessage.Receive(Storable(raw), truncated, source, fileName, receivedBy, receivedByName, now);
        if (truncated)
        {
            return await MalformedAsync(inbound, "HospitalNotification.TooLarge", null, cancellationToken);
        }

        ParsedHospitalNotification parsed;
        try
        {
            parsed = HospitalNotificationParser.Parse(raw);
        }
        catch (HospitalNotificationFormatException ex)
        {
            return await MalformedAsync(inbound, ex.Code, ex.Detail, cancellationToken);
        }

        if (parsed.MessageId.Length > 100)
        {
            return await MalformedAsync(inbound, "HospitalNotification.MessageHeader.Id.TooLong", null, cancellationToken);
        }

        if (await DuplicateOfAsync(parsed.MessageId, now, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        if (!CprNumber.TryParse(parsed.Cpr, CopenhagenTime.Today(time), out var cpr, out _))
        {
            return await MalformedAsync(inbound, "HospitalNotification.Patient.Cpr.Invalid", null, cancellationToken);
        }

        var citizenId = await access.ExistingCitizenIdAsync(cpr, cancellationToken);
        if (citizenId is null)
        {
            var classification = HospitalNotificationCodes.Classify(parsed.ActivityCode, parsed.Deceased, deathStands: false)!;
            inbound.Describe(parsed, classification.DanishCode, parsed.OccurredAt(classification.Kind));
            inbound.Park(cpr.Masked);
            db.InboundMessages.Add(inbound);
            if (!await TrySaveNewAsync(cancellationToken))
            {
                return await DuplicateOfAsync(parsed.MessageId, now, cancellationToken) ?? throw new InvalidOperationException("A message that failed to save as new is not there either.");
            }

            LogParked(logger, inbound.Id);
            return HospitalNotificationResult.Of(inbound, duplicate: false);
        }

        db.InboundMessages.Add(inbound);
        return await ApplyAsync(inbound, parsed, citizenId.Value, cancellationToken);
    }

    /// <summary>
    /// An administrator matched a parked message to an existing citizen (found by CPR): its effects
    /// are applied now, as if it had arrived for that citizen. Null when the message is not parked.
    /// </summary>
    public async Task<HospitalNotificationResult?> ApplyParkedAsync(Guid inboundId, Guid citizenId, Guid matchedBy, string matchedByName, CancellationToken cancellationToken)
    {
        EnsureSystem();
        var inbound = await db.InboundMessages.SingleOrDefaultAsync(m => m.Id == inboundId && m.Status == InboundMessageStatus.Parked, cancellationToken);
        if (inbound is null)
        {
            return null;
        }

        var parsed = HospitalNotificationParser.Parse(inbound.Raw);
        inbound.MatchedBy(matchedBy, matchedByName, time.GetUtcNow());
        return await ApplyAsync(inbound, parsed, citizenId, cancellationToken);
    }

    private async Task<HospitalNotificationResult> ApplyAsync(InboundMessage inbound, ParsedHospitalNotification parsed, Guid citizenId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var events = await access.HospitalEventsForProcessingAsync(citizenId, cancellationToken);
        var stay = events.Where(e => e.EpisodeIdentifier == parsed.EpisodeIdentifier).ToList();
        var classification = HospitalNotificationCodes.Classify(parsed.ActivityCode, parsed.Deceased, stay.Any(e => e.IsActive && e.Kind == HospitalEventKind.Deceased))!;
        var occurredAt = parsed.OccurredAt(classification.Kind);
        inbound.Describe(parsed, classification.DanishCode, occurredAt);
        if (occurredAt is null && classification.Action != HospitalMessageAction.Cancellation)
        {
            return await MalformedAsync(inbound, "HospitalNotification.Event.Time.Missing", classification.DanishCode, cancellationToken);
        }

        HospitalEvent? added = null;
        var target = classification.Action == HospitalMessageAction.New ? null : TargetOf(events, parsed, classification.Kind);
        string outcome;
        if (classification.Action == HospitalMessageAction.Cancellation)
        {
            outcome = target is null ? "NothingToCancel" : "Cancelled";
            if (target is not null)
            {
                target.Withdraw(parsed.MessageId, now);
                (await db.InboundMessages.SingleOrDefaultAsync(m => m.Id == target.InboundMessageId, cancellationToken))?.Withdraw();
                access.Log.Record(citizenId, Status, AccessAction.Update, "HospitalEvent", target.Id, AccessDecision.ForSystem);
            }
        }
        else
        {
            if (target is not null)
            {
                target.Supersede(parsed.MessageId, now);
                (await db.InboundMessages.SingleOrDefaultAsync(m => m.Id == target.InboundMessageId, cancellationToken))?.Supersede();
                access.Log.Record(citizenId, Status, AccessAction.Update, "HospitalEvent", target.Id, AccessDecision.ForSystem);
            }

            added = HospitalEvent.Record(
                new NewHospitalEvent(citizenId, inbound.Id, parsed.MessageId, classification.Kind, parsed.StayClass, parsed.EpisodeIdentifier, occurredAt!.Value,
                    parsed.StayStart, parsed.StayEnd, parsed.Department, parsed.DepartmentSor, parsed.Sender),
                now,
                target?.Id);
            db.HospitalEvents.Add(added);
            access.Log.Record(citizenId, Status, AccessAction.Create, "HospitalEvent", added.Id, AccessDecision.ForSystem);
            outcome = classification.Action == HospitalMessageAction.New ? "Applied" : target is null ? "CorrectionWithoutTarget" : "Corrected";
        }

        inbound.Accept(citizenId, outcome);

        // The admission state changes with this event ("only while I am admitted" consents open or close)
        // before anyone is told: the access layer counts the unsaved event. The event, its log entries and
        // the notices are then saved in one transaction.
        access.Invalidate(citizenId);
        if (added is not null && target is null)
        {
            await TellAsync(citizenId, added, cancellationToken);
        }
        else if (target is not null && classification.Action == HospitalMessageAction.Cancellation)
        {
            await TellWithdrawnAsync(citizenId, target, ToldAbout(target, events), parsed.MessageId, cancellationToken);
        }

        var screened = added?.Kind == HospitalEventKind.Discharge && await StageForScreeningAsync(citizenId, added, cancellationToken);
        await access.Log.CommitAsync(cancellationToken);
        if (screened)
        {
            await admissions.SaveAsync(cancellationToken); // saved with the event above; this lets the staged rows go and refreshes the screening
        }

        LogApplied(logger, inbound.Id, classification.DanishCode, outcome);
        return HospitalNotificationResult.Of(inbound, duplicate: false);
    }

    /// <summary>
    /// A discharge completes a stay: it is staged for the pseudonymous readmission screening (issue 17), under the HMAC key
    /// of the citizen's CPR number (never the number), in the municipality responsible for the citizen's newest course
    /// and that municipality's region. A correction of the discharge updates the same stay (same key, start and department).
    /// MedCom's notification carries no priority, so a notified stay counts as acute (docs/screening.md). Nothing is staged
    /// when screening keys are not configured or no course names a municipality with a code.
    /// </summary>
    private async Task<bool> StageForScreeningAsync(Guid citizenId, HospitalEvent discharge, CancellationToken cancellationToken)
    {
        if (!personKeys.Enabled || await access.ScreeningResidenceForProcessingAsync(citizenId, cancellationToken) is not { MunicipalityCode: { } municipality } residence
            || DanishAreaNames.RegionCodeOf(municipality) is not { } region || personKeys.KeyOf(residence.Cpr) is not { } key)
        {
            return false;
        }

        var end = discharge.StayEnd ?? discharge.OccurredAt;
        var start = discharge.StayStart <= end ? discharge.StayStart : end;
        await admissions.StageAsync([new AdmissionEvent(key, municipality, region, start, end, acute: true, discharge.Department)], AdmissionSource.HospitalNotification, null, cancellationToken);
        return true;
    }

    /// <summary>
    /// The event a correction or cancellation is about: the one reported by the message its Provenance
    /// names, if that is an active event of the same kind; otherwise the latest active event of that kind
    /// in the same stay.
    /// </summary>
    private static HospitalEvent? TargetOf(IReadOnlyList<HospitalEvent> events, ParsedHospitalNotification parsed, HospitalEventKind kind)
    {
        var candidates = events.Where(e => e.IsActive && e.Kind == kind).ToList();
        return candidates.FirstOrDefault(e => parsed.ReferencedMessageId is { } referenced && e.MessageId == referenced)
            ?? candidates.Where(e => e.EpisodeIdentifier == parsed.EpisodeIdentifier).OrderBy(e => e.OccurredAt).ThenBy(e => e.ReceivedAt).LastOrDefault();
    }

    /// <summary>
    /// Tells the people around each open course of the citizen, one notice per person and message;
    /// the policy decides for each (status and appointments). A discharge outside daytime also flags
    /// the course's coordinators, with a link to the contact list.
    /// </summary>
    private async Task TellAsync(Guid citizenId, HospitalEvent e, CancellationToken cancellationToken)
    {
        var kind = e.Kind switch
        {
            HospitalEventKind.AcuteAmbulantStart or HospitalEventKind.Admission => NotificationKind.Admitted,
            HospitalEventKind.LeaveStart => NotificationKind.OnLeave,
            HospitalEventKind.LeaveEnd => NotificationKind.BackFromLeave,
            HospitalEventKind.Discharge => NotificationKind.Discharged,
            _ => NotificationKind.Deceased,
        };
        // One notice per person and message, also when they are on two of the citizen's courses.
        var told = (await CitizenOwnAccountsAsync(citizenId, cancellationToken)).ToHashSet();
        var flagged = new HashSet<Guid>();
        foreach (var course in await access.OpenCoursesForProcessingAsync(citizenId, cancellationToken))
        {
            // A hospital stay is the citizen's, not the course's: whoever registered the course is told only on
            // a citizen-level basis (the citizen's consent), like anyone else (ADR 0013).
            // The discharge closes the admitted period and belongs to it: "only while admitted" consents cover it (issue 17).
            var subject = AccessSubject.OfCitizen(citizenId) with { EndsAdmittedPeriod = e.Kind == HospitalEventKind.Discharge };
            var candidates = (await access.NetworkAccountsAsync(course, cancellationToken)).Where(id => !told.Contains(id)).ToList();
            var sent = await notices.NotifyAsync(
                new NotificationDraft(kind, course.Id, citizenId, Status, e.Department, $"/Courses/{course.Id}#hospital-heading", NoticeKey(e.MessageId)),
                subject,
                candidates,
                cancellationToken);
            told.UnionWith(sent.Select(n => n.RecipientUserId));

            if (e.Kind == HospitalEventKind.Discharge && AdmissionState.IsOutsideDaytime(e.OccurredAt))
            {
                var coordinators = (await CoordinatorAccountsAsync(course, cancellationToken)).Where(id => !flagged.Contains(id)).ToList();
                var flags = await notices.NotifyAsync(
                    new NotificationDraft(NotificationKind.DischargedOutsideDaytime, course.Id, citizenId, Status, e.Department, $"/Courses/{course.Id}#network-heading", OffHoursKey(e.MessageId)),
                    subject,
                    coordinators,
                    cancellationToken);
                flagged.UnionWith(flags.Select(n => n.RecipientUserId));
            }
        }
    }

    /// <summary>The messages people were told about for this event: its own, or, for a correction, the original's (corrections tell nobody).</summary>
    private static List<string> ToldAbout(HospitalEvent e, IReadOnlyList<HospitalEvent> events)
    {
        var messageIds = new List<string>();
        for (HospitalEvent? current = e; current is not null && messageIds.Count < 100; current = events.FirstOrDefault(x => x.Id == current.ReplacesEventId))
        {
            messageIds.Add(current.MessageId);
        }

        return messageIds;
    }

    /// <summary>A cancelled event: whoever was told about it is told that it was withdrawn (if they may still know).</summary>
    private async Task TellWithdrawnAsync(Guid citizenId, HospitalEvent withdrawn, IReadOnlyList<string> toldAbout, string cancellingMessageId, CancellationToken cancellationToken)
    {
        var told = new List<Guid>();
        foreach (var messageId in toldAbout)
        {
            told.AddRange(await access.NotifiedUsersAsync(NoticeKey(messageId), cancellationToken));
            told.AddRange(await access.NotifiedUsersAsync(OffHoursKey(messageId), cancellationToken));
        }

        told = told.Distinct().ToList();
        if (told.Count == 0)
        {
            return;
        }

        foreach (var course in await access.OpenCoursesForProcessingAsync(citizenId, cancellationToken))
        {
            var sent = await notices.NotifyAsync(
                new NotificationDraft(NotificationKind.Withdrawn, course.Id, citizenId, Status, withdrawn.Department, $"/Courses/{course.Id}#hospital-heading", NoticeKey(cancellingMessageId)),
                AccessSubject.OfCitizen(citizenId),
                told,
                cancellationToken);
            told = told.Except(sent.Select(n => n.RecipientUserId)).ToList();
        }
    }

    /// <summary>The citizen's own sign-in (not a proxy's): they are not told about their own admission.</summary>
    private async Task<IReadOnlyList<Guid>> CitizenOwnAccountsAsync(Guid citizenId, CancellationToken cancellationToken) =>
        await db.Users.Where(u => u.CitizenId == citizenId)
            .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == SamspilRoles.Citizen)))
            .Select(u => u.Id)
            .ToListAsync(cancellationToken);

    /// <summary>Accounts of the course's active coordinators (tovholdere).</summary>
    private async Task<IReadOnlyList<Guid>> CoordinatorAccountsAsync(Course course, CancellationToken cancellationToken)
    {
        var today = CopenhagenTime.Today(time);
        var roleIds = course.Members.Where(m => m.Role == CollaborationRole.Coordinator && m.IsActiveOn(today) && m.PractitionerRoleId is not null)
            .Select(m => m.PractitionerRoleId!.Value)
            .ToList();
        var professionalIds = await db.PractitionerRoles.Where(r => roleIds.Contains(r.Id) && r.Active).Select(r => r.ProfessionalId).ToListAsync(cancellationToken);
        return await db.Users.Where(u => u.ProfessionalId != null && professionalIds.Contains(u.ProfessionalId.Value)).Select(u => u.Id).ToListAsync(cancellationToken);
    }

    public static string NoticeKey(string messageId) => "hn:" + messageId;

    public static string OffHoursKey(string messageId) => "hn-offhours:" + messageId;

    private async Task<HospitalNotificationResult?> DuplicateOfAsync(string messageId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var earlier = await db.InboundMessages.SingleOrDefaultAsync(m => m.MessageId == messageId, cancellationToken);
        if (earlier is null)
        {
            return null;
        }

        earlier.CountDuplicate(now);
        await db.SaveChangesAsync(cancellationToken);
        LogDuplicate(logger, earlier.Id);
        return HospitalNotificationResult.Of(earlier, duplicate: true);
    }

    private async Task<HospitalNotificationResult> MalformedAsync(InboundMessage inbound, string code, string? detail, CancellationToken cancellationToken)
    {
        inbound.MarkMalformed(code, detail);
        if (db.Entry(inbound).State == EntityState.Detached)
        {
            db.InboundMessages.Add(inbound);
        }

        await db.SaveChangesAsync(cancellationToken);
        LogMalformed(logger, inbound.Id, code);
        return HospitalNotificationResult.Of(inbound, duplicate: false);
    }

    /// <summary>Saves a new message; false when another copy with the same message id won the race.</summary>
    private async Task<bool> TrySaveNewAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>Raw text as PostgreSQL can store it: a NUL character cannot be kept in a text column.</summary>
    private static string Storable(string raw) => raw.Contains('\0', StringComparison.Ordinal) ? raw.Replace('\0', '\uFFFD') : raw;

    private void EnsureSystem()
    {
        if (!user.IsSystem)
        {
            throw new InvalidOperationException("Hospital notifications are processed by Samspil itself (a system scope).");
        }
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Hospital notification {InboundId} applied as {EventCode}: {Outcome}")]
    private static partial void LogApplied(ILogger logger, Guid inboundId, string eventCode, string outcome);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Hospital notification {InboundId} parked: no citizen with its CPR number")]
    private static partial void LogParked(ILogger logger, Guid inboundId);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "Hospital notification {InboundId} is malformed: {ErrorCode}")]
    private static partial void LogMalformed(ILogger logger, Guid inboundId, string errorCode);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Information, Message = "Hospital notification repeated; answered with the result of {InboundId}")]
    private static partial void LogDuplicate(ILogger logger, Guid inboundId);
}
