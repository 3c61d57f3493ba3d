using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Samspil.Domain.Audit;
using Samspil.Domain.Citizens;
using Samspil.Domain.Common;
using Samspil.Domain.Consents;
using Samspil.Domain.Conversations;
using Samspil.Domain.Notifications;
using Samspil.Features.Access;
using Samspil.Features.Conversations;
using Samspil.Features.Fhir;
using Samspil.Features.Notifications;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.CareCommunications;

/// <summary>A professional sends a message of a thread to a GP or hospital department.</summary>
public sealed record SendCareCommunicationRequest(string? Recipient, string? Category, string? Topic, string? Text);

/// <summary>An external party the thread may write to (its consent covers messages).</summary>
public sealed record CareCommunicationRecipientView(string Key, string Name, string Kind);

/// <summary>A CareCommunication shown in a thread.</summary>
public sealed record ExternalMessageView(
    Guid Id,
    CareCommunicationDirection Direction,
    string PartyName,
    string? PartySor,
    string Category,
    string? Topic,
    string? Text,
    string AuthorName,
    string? AuthorRole,
    DateTimeOffset SentAt,
    string Activity,
    string MessageHeaderId,
    string? InResponseTo,
    IReadOnlyList<string> AttachmentTitles,
    CareCommunicationStatus? DeliveryStatus)
{
    public static ExternalMessageView Of(ExternalMessage m, CareCommunicationStatus? status = null) => new(
        m.Id, m.Direction, m.PartyName, m.PartySor, m.Category, m.Topic, m.Text, m.AuthorName, m.AuthorRole, m.SentAt, m.Activity, m.MessageHeaderId, m.InResponseTo, m.AttachmentTitles, status);
}

/// <summary>What became of a received bundle; <see cref="Outcome"/> is what the sender is answered.</summary>
public sealed record CareCommunicationReceipt(Guid Id, string? MessageHeaderId, CareCommunicationStatus Status, bool Duplicate, string? ErrorCode, string? ErrorDetail, OperationOutcome Outcome);

/// <summary>A received message waiting for an administrator, or one that could not be read: metadata only, never the text.</summary>
public sealed record WaitingCareCommunicationView(
    Guid Id,
    DateTimeOffset ReceivedAt,
    CareCommunicationSource Source,
    CareCommunicationStatus Status,
    string? MessageHeaderId,
    string? Category,
    string? Activity,
    string? SenderName,
    string? SenderSor,
    string? CprHint,
    string? Reason,
    string? ErrorCode)
{
    public static WaitingCareCommunicationView Of(CareCommunicationEnvelope e) =>
        new(e.Id, e.At, e.Source, e.Status, e.MessageHeaderId, e.Category, e.Activity, e.PartyName, e.PartySor, e.CprHint, e.Outcome, e.ErrorCode);
}

public sealed record AssignCareCommunicationRequest(Guid? ConversationId);

/// <summary>
/// MedCom CareCommunication (version 5.0) in and out of course conversations: sending a thread's
/// message to a GP or hospital department named in settings, whose directory organisation the
/// citizen's consent covers for messages; receiving bundles (HTTP, drop folder), which land in the
/// thread they answer when the consent covers the sender, and otherwise wait for an administrator;
/// acknowledgements for every received message with a readable header. Raw bundles are always kept.
/// </summary>
public sealed partial class CareCommunicationService(
    SamspilDbContext db,
    CitizenDataAccess access,
    NotificationService notifications,
    CareCommunicationOutbox outbox,
    TimeProvider time,
    IOptions<CareCommunicationOptions> options,
    IOptions<ConversationOptions> conversationOptions,
    ILogger<CareCommunicationService> logger)
{
    private const InformationCategory Category = InformationCategory.Messages;

    private CareCommunicationOptions Options => options.Value;

    /// <summary>Sending is possible: switched on and somewhere to deliver to.</summary>
    public bool CanSend => Options.Enabled && outbox.Configured;

    /// <summary>The configured GPs and hospital departments the citizen's consent covers for this thread's course; empty when sending is off or the user is not staff.</summary>
    public async Task<IReadOnlyList<CareCommunicationRecipientView>> RecipientsAsync(Domain.Courses.Course course, CancellationToken cancellationToken)
    {
        if (!CanSend || !access.User.IsStaff || course.IsEnded(CopenhagenTime.Today(time)))
        {
            return [];
        }

        var covered = new List<CareCommunicationRecipientView>();
        foreach (var (party, organizationId) in await PartiesAsync(cancellationToken))
        {
            if ((await access.DecideForExternalPartyAsync(course, organizationId, cancellationToken)).Permitted)
            {
                covered.Add(new CareCommunicationRecipientView(Key(party)!, party.Name, party.Kind));
            }
        }

        return covered;
    }

    /// <summary>The thread's CareCommunications and, for staff, whom it may write to; null (404) unless the user may read the thread. Logged as a read.</summary>
    public async Task<CareCommunicationThreadView?> ThreadAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        if (await access.ReadConversationAsync(conversationId, cancellationToken) is not { } record)
        {
            return null;
        }

        var recipients = await RecipientsAsync(record.Course.Course, cancellationToken);
        return new CareCommunicationThreadView(conversationId, await ForThreadAsync(record, cancellationToken), recipients.Count > 0, recipients, CareCommunicationBundles.Categories);
    }

    /// <summary>The thread's CareCommunications, for a reader the conversation's rules have just let in.</summary>
    public async Task<IReadOnlyList<ExternalMessageView>> ForThreadAsync(ConversationRecord permitted, CancellationToken cancellationToken)
    {
        var messages = await access.ExternalMessagesAsync(permitted, cancellationToken);
        var envelopeIds = messages.Where(m => m.Direction == CareCommunicationDirection.Outgoing).Select(m => m.EnvelopeId).ToList();
        var statuses = envelopeIds.Count == 0
            ? []
            : await db.CareCommunicationEnvelopes.AsNoTracking().Where(e => envelopeIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Status, cancellationToken);
        return messages.Select(m => ExternalMessageView.Of(m, statuses.TryGetValue(m.EnvelopeId, out var s) ? s : null)).ToList();
    }

    /// <summary>
    /// Posts the text (and attachments) to the thread as the professional's message and sends it as a
    /// CareCommunication: a reply when the thread already exchanged messages with that party, else a new
    /// message. Null (404) when the user may not write in the thread or is not staff.
    /// </summary>
    public async Task<ExternalMessageView?> SendAsync(Guid conversationId, SendCareCommunicationRequest request, IReadOnlyList<AttachmentUpload> attachments, CancellationToken cancellationToken)
    {
        if (!access.User.IsStaff)
        {
            return null;
        }

        var record = await access.FindConversationForChangeAsync(conversationId, cancellationToken);
        if (record is null)
        {
            return null;
        }

        if (!CanSend)
        {
            throw new DomainException("CareCommunication.Disabled");
        }

        var course = record.Course;
        var now = CopenhagenTime.Now(time);
        if (course.Course.IsEnded(now.Today))
        {
            throw new DomainException("Conversation.CourseEnded");
        }

        var (party, organizationId) = (await PartiesAsync(cancellationToken)).FirstOrDefault(p => Key(p.Party) == request.Recipient?.Trim());
        if (party is null)
        {
            throw new DomainException("CareCommunication.Recipient.Unknown", "recipient");
        }

        if (!(await access.DecideForExternalPartyAsync(course.Course, organizationId, cancellationToken)).Permitted)
        {
            throw new DomainException("CareCommunication.Recipient.NoConsent", "recipient");
        }

        var category = request.Category?.Trim();
        if (category is null || !CareCommunicationBundles.Categories.Contains(category))
        {
            throw new DomainException("CareCommunication.Category.Invalid", "category");
        }

        var topic = Guard.OptionalText(request.Topic, 60, "CareCommunication.Topic", "topic");
        if (category == "other" && topic is null)
        {
            throw new DomainException("CareCommunication.Topic.Required", "topic");
        }

        if (string.IsNullOrWhiteSpace(request.Text))
        {
            throw new DomainException("CareCommunication.Text.Required", "text");
        }

        var limits = new AttachmentLimits(conversationOptions.Value.MaxAttachmentBytes, conversationOptions.Value.MaxAttachmentsPerMessage);
        var message = record.Conversation.Post(access.User.UserId, request.Text, "da", attachments, limits, now);
        db.ConversationMessages.Add(message);

        var earlier = (await access.ExternalMessagesAsync(record, cancellationToken))
            .Where(m => (party.Sor is not null && m.PartySor == party.Sor) || (party.Ean is not null && m.PartyEan == party.Ean))
            .OrderBy(m => m.SentAt).LastOrDefault();
        var headerId = Guid.NewGuid().ToString();
        var activity = earlier is null ? "new-message" : "reply-message";
        var outgoing = new OutgoingCareCommunication(
            headerId,
            "urn:uuid:" + Guid.NewGuid(),
            category,
            topic,
            activity,
            earlier?.MessageHeaderId,
            course.Citizen.Cpr.Value,
            course.Citizen.FamilyName,
            course.Citizen.GivenName,
            Options.Sender,
            party,
            access.User.DisplayName,
            null,
            now.Utc,
            [new OutgoingSegment(message.Text, null, null, null), .. message.Attachments.Select(a => new OutgoingSegment(null, a.FileName, a.ContentType, a.Content?.Bytes))]);
        var json = CareCommunicationBundles.Serialize(CareCommunicationBundles.Build(outgoing));
        var envelope = CareCommunicationEnvelope.Create(CareCommunicationDirection.Outgoing, CareCommunicationSource.Samspil, json, false, null, access.User.UserId, access.User.DisplayName, now.Utc);
        envelope.Describe(headerId, category, activity, party.Name, party.Sor, party.Ean);
        var external = ExternalMessage.Record(
            new ExternalMessageSpec(record.Conversation.Id, course.Citizen.Id, envelope.Id, CareCommunicationDirection.Outgoing, message.Id, party.Name, party.Sor, party.Ean, category, topic, message.Text,
                access.User.DisplayName, null, now.Utc, headerId, activity, earlier?.MessageHeaderId, message.Attachments.Select(a => a.FileName).ToList()),
            now.Utc);
        var (delivered, detail) = await outbox.DeliverAsync(headerId, json, cancellationToken);
        envelope.SentFor(course.Citizen.Id, record.Conversation.Id, delivered, detail);
        db.CareCommunicationEnvelopes.Add(envelope);
        db.ExternalMessages.Add(external);
        access.Log.Record(course.Citizen.Id, Category, AccessAction.Create, "ConversationMessage", message.Id, course.Decision);
        access.Log.Record(course.Citizen.Id, Category, AccessAction.Create, "ExternalMessage", external.Id, course.Decision);
        await access.Log.CommitAsync(cancellationToken);
        LogSent(logger, envelope.Id, activity, delivered);
        return ExternalMessageView.Of(external, envelope.Status);
    }

    /// <summary>
    /// Receives a bundle (as Samspil itself, a system scope): keeps the raw text, refuses what cannot be
    /// read with an OperationOutcome, answers a repeated MessageHeader id with the earlier result, places
    /// a message that answers a thread's message into that thread when the citizen's consent covers the
    /// sender, and otherwise lets it wait for an administrator. Every message with a readable header and
    /// sender is acknowledged through the outbox.
    /// </summary>
    public async Task<CareCommunicationReceipt> ReceiveAsync(string raw, bool truncated, CareCommunicationSource source, string? fileName, Guid byUserId, string byName, CancellationToken cancellationToken)
    {
        using var activity = Infrastructure.Telemetry.SamspilTelemetry.StartCareCommunication(source.ToString());
        var receipt = await ReceiveCoreAsync(raw, truncated, source, fileName, byUserId, byName, cancellationToken);
        Infrastructure.Telemetry.SamspilTelemetry.CareCommunicationReceived(activity, source.ToString(), receipt.Status.ToString(), receipt.Duplicate);
        return receipt;
    }

    private async Task<CareCommunicationReceipt> ReceiveCoreAsync(string raw, bool truncated, CareCommunicationSource source, string? fileName, Guid byUserId, string byName, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var envelope = CareCommunicationEnvelope.Create(CareCommunicationDirection.Incoming, source, raw.Replace("\0", string.Empty, StringComparison.Ordinal), truncated, fileName, byUserId, byName, now);
        if (truncated)
        {
            return await MalformedAsync(envelope, "CareCommunication.TooLarge", null, cancellationToken);
        }

        ParsedCareCommunication parsed;
        try
        {
            parsed = CareCommunicationParser.Parse(raw);
        }
        catch (CareCommunicationFormatException ex)
        {
            return await MalformedAsync(envelope, ex.Code, ex.Detail, cancellationToken);
        }

        var earlier = await db.CareCommunicationEnvelopes.SingleOrDefaultAsync(e => e.Direction == CareCommunicationDirection.Incoming && e.MessageHeaderId == parsed.MessageHeaderId, cancellationToken);
        if (earlier is not null)
        {
            earlier.CountDuplicate();
            await db.SaveChangesAsync(cancellationToken);
            await ResendAcknowledgementAsync(earlier.MessageHeaderId!, cancellationToken);
            return Receipt(earlier, duplicate: true);
        }

        envelope.Describe(parsed.MessageHeaderId, parsed.Category, parsed.Activity, parsed.Sender.Name, parsed.Sender.Sor, parsed.Sender.Ean);
        Guid? citizenId = null;
        string? hint = null;
        if (parsed.Cpr is not null && CprNumber.TryParse(parsed.Cpr, CopenhagenTime.Today(time), out var cpr, out _))
        {
            citizenId = await access.ExistingCitizenIdAsync(cpr, cancellationToken);
            hint = cpr.Masked;
        }

        var thread = await access.ExternalMessageForProcessingAsync(parsed.Chain, cancellationToken);
        if (citizenId is null)
        {
            envelope.Wait(hint, null, "UnknownCitizen");
        }
        else if (thread is null || thread.CitizenId != citizenId)
        {
            envelope.Wait(hint, citizenId, "NoThread");
        }
        else if (await PlaceAsync(envelope, parsed, thread.ConversationId, "Threaded", cancellationToken) is { } refused)
        {
            envelope.Wait(hint, citizenId, refused);
        }

        db.CareCommunicationEnvelopes.Add(envelope);
        if (envelope.Status == CareCommunicationStatus.Accepted)
        {
            await access.Log.CommitAsync(cancellationToken);
        }
        else
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        await AcknowledgeAsync(parsed.MessageHeaderId, parsed.Sender, parsed.SourceEndpoint, null, cancellationToken);
        LogReceived(logger, envelope.Id, envelope.Status.ToString(), envelope.Outcome ?? string.Empty);
        return Receipt(envelope, duplicate: false);
    }

    /// <summary>The waiting and unreadable received messages, newest first (metadata only).</summary>
    public async Task<IReadOnlyList<WaitingCareCommunicationView>> QueueAsync(CancellationToken cancellationToken) =>
        (await db.CareCommunicationEnvelopes.AsNoTracking()
            .Where(e => e.Direction == CareCommunicationDirection.Incoming && (e.Status == CareCommunicationStatus.Waiting || e.Status == CareCommunicationStatus.Malformed))
            .OrderByDescending(e => e.At)
            .Take(200)
            .ToListAsync(cancellationToken))
        .Select(WaitingCareCommunicationView.Of)
        .ToList();

    /// <summary>
    /// An administrator places a waiting message into a conversation (by its id): the conversation must be
    /// about the citizen the message names, its course open, and the citizen's consent must cover the
    /// sender. Runs as Samspil (system scope); who decided is kept. Null when there is no such waiting message.
    /// </summary>
    public async Task<WaitingCareCommunicationView?> AssignAsync(Guid envelopeId, Guid? conversationId, Guid byUserId, string byName, CancellationToken cancellationToken)
    {
        var envelope = await db.CareCommunicationEnvelopes.SingleOrDefaultAsync(e => e.Id == envelopeId && e.Direction == CareCommunicationDirection.Incoming && e.Status == CareCommunicationStatus.Waiting, cancellationToken);
        if (envelope is null)
        {
            return null;
        }

        if (conversationId is not { } target)
        {
            throw new DomainException("CareCommunication.Assign.ConversationRequired", "conversationId");
        }

        var parsed = CareCommunicationParser.Parse(envelope.Raw);
        if (await PlaceAsync(envelope, parsed, target, "Assigned", cancellationToken) is { } refused)
        {
            throw new DomainException("CareCommunication.Assign." + refused, "conversationId");
        }

        envelope.DecidedBy(byUserId, byName, time.GetUtcNow());
        await access.Log.CommitAsync(cancellationToken);
        return WaitingCareCommunicationView.Of(envelope);
    }

    /// <summary>An administrator rejects a waiting message; it is kept. Null when there is no such waiting message.</summary>
    public async Task<WaitingCareCommunicationView?> RejectAsync(Guid envelopeId, Guid byUserId, string byName, CancellationToken cancellationToken)
    {
        var envelope = await db.CareCommunicationEnvelopes.SingleOrDefaultAsync(e => e.Id == envelopeId && e.Direction == CareCommunicationDirection.Incoming && e.Status == CareCommunicationStatus.Waiting, cancellationToken);
        if (envelope is null)
        {
            return null;
        }

        envelope.Reject(byUserId, byName, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return WaitingCareCommunicationView.Of(envelope);
    }

    /// <summary>Places the message into the conversation, or says why not (a reason code). The caller commits.</summary>
    private async Task<string?> PlaceAsync(CareCommunicationEnvelope envelope, ParsedCareCommunication parsed, Guid conversationId, string outcome, CancellationToken cancellationToken)
    {
        var found = await access.ConversationForProcessingAsync(conversationId, cancellationToken);
        if (found is null)
        {
            return "NoConversation";
        }

        if (parsed.Cpr is null || found.Citizen.Cpr.Value != parsed.Cpr)
        {
            return "OtherCitizen";
        }

        if (found.Course.IsEnded(CopenhagenTime.Today(time)))
        {
            return "CourseEnded";
        }

        var (party, organizationId) = (await PartiesAsync(cancellationToken)).FirstOrDefault(p =>
            (p.Party.Sor is not null && p.Party.Sor == parsed.Sender.Sor) || (p.Party.Ean is not null && p.Party.Ean == parsed.Sender.Ean));
        if (party is null)
        {
            return "UnknownSender";
        }

        var decision = await access.DecideForExternalPartyAsync(found.Course, organizationId, cancellationToken);
        if (!decision.Permitted)
        {
            return "NoConsent";
        }

        var segments = parsed.NewSegments.ToList();
        var first = segments.FirstOrDefault(s => s.Text is not null) ?? segments[0];
        var external = ExternalMessage.Record(
            new ExternalMessageSpec(
                found.Conversation.Id,
                found.Citizen.Id,
                envelope.Id,
                CareCommunicationDirection.Incoming,
                null,
                parsed.Sender.Name ?? party.Name,
                parsed.Sender.Sor,
                parsed.Sender.Ean,
                parsed.Category,
                parsed.Topic,
                parsed.Text,
                first.AuthorName ?? parsed.Sender.Name ?? party.Name,
                first.AuthorRole,
                first.At ?? time.GetUtcNow(),
                parsed.MessageHeaderId,
                parsed.Activity,
                parsed.Chain.Count > 0 ? parsed.Chain[0] : null,
                segments.Where(s => s.AttachmentTitle is not null).Select(s => s.AttachmentTitle!).ToList()),
            time.GetUtcNow());
        db.ExternalMessages.Add(external);
        envelope.Accept(found.Citizen.Id, found.Conversation.Id, outcome);
        access.Log.Record(found.Citizen.Id, Category, AccessAction.Create, "ExternalMessage", external.Id, AccessDecision.ForSystem);
        await TellAsync(found, external, cancellationToken);
        return null;
    }

    /// <summary>A "new message" notice (no content) for each participant who may read the thread now.</summary>
    private async System.Threading.Tasks.Task TellAsync(ConversationForProcessing found, ExternalMessage message, CancellationToken cancellationToken)
    {
        var recipients = await access.WithConversationAccessAsync(found.Course, found.Conversation.Participants.Select(p => p.UserId), cancellationToken);
        if (recipients.Count == 0)
        {
            return;
        }

        var draft = new NotificationDraft(
            NotificationKind.NewMessage,
            found.Course.Id,
            found.Citizen.Id,
            Category,
            Detail: null,
            Link: $"/Conversations/{found.Conversation.Id}",
            DeduplicationKey: "care-communication:" + message.Id.ToString("N"));
        await notifications.NotifyAsync(draft, CitizenDataAccess.SubjectOf(found.Course), recipients.ToList(), cancellationToken);
    }

    private async Task<CareCommunicationReceipt> MalformedAsync(CareCommunicationEnvelope envelope, string code, string? detail, CancellationToken cancellationToken)
    {
        envelope.MarkMalformed(code, detail);
        db.CareCommunicationEnvelopes.Add(envelope);
        await db.SaveChangesAsync(cancellationToken);
        var (headerId, sender, endpoint) = envelope.RawTruncated ? (null, null, null) : CareCommunicationParser.Envelope(envelope.Raw);
        if (headerId is not null && sender is not null)
        {
            await AcknowledgeAsync(headerId, sender, endpoint, ErrorOutcome(code, detail), cancellationToken);
        }

        LogReceived(logger, envelope.Id, envelope.Status.ToString(), code);
        return Receipt(envelope, duplicate: false);
    }

    private async System.Threading.Tasks.Task AcknowledgeAsync(string respondsTo, CareCommunicationOrganization to, string? endpoint, OperationOutcome? error, CancellationToken cancellationToken)
    {
        if (!outbox.Configured)
        {
            return;
        }

        var now = time.GetUtcNow();
        var ackId = Guid.NewGuid().ToString();
        var party = new CareCommunicationParty { Name = to.Name ?? "-", Sor = to.Sor, Ean = to.Ean };
        var json = CareCommunicationBundles.Serialize(CareCommunicationBundles.Acknowledgement(respondsTo, ackId, Options.Sender, party, endpoint, error, now));
        var ack = CareCommunicationEnvelope.Create(CareCommunicationDirection.Outgoing, CareCommunicationSource.Samspil, json, false, null, Infrastructure.Security.CurrentUser.System.UserId, Infrastructure.Security.CurrentUser.System.DisplayName, now);
        ack.Describe(ackId, null, error is null ? "ok" : "fatal-error", party.Name, party.Sor, party.Ean);
        ack.AcknowledgementOf(respondsTo, error is null ? "ok" : "fatal-error");
        var (delivered, detail) = await outbox.DeliverAsync(ackId, json, cancellationToken);
        ack.Delivered(delivered, detail);
        db.CareCommunicationEnvelopes.Add(ack);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>MedCom: a repeated message is acknowledged again, with the same acknowledgement.</summary>
    private async System.Threading.Tasks.Task ResendAcknowledgementAsync(string respondsTo, CancellationToken cancellationToken)
    {
        var ack = await db.CareCommunicationEnvelopes.AsNoTracking()
            .Where(e => e.Status == CareCommunicationStatus.Acknowledgement && e.RespondsTo == respondsTo)
            .OrderByDescending(e => e.At)
            .FirstOrDefaultAsync(cancellationToken);
        if (ack?.MessageHeaderId is { } id && outbox.Configured)
        {
            await outbox.DeliverAsync(id, ack.Raw, cancellationToken);
        }
    }

    private static CareCommunicationReceipt Receipt(CareCommunicationEnvelope envelope, bool duplicate)
    {
        var outcome = envelope.Status == CareCommunicationStatus.Malformed
            ? ErrorOutcome(envelope.ErrorCode ?? "CareCommunication.Invalid", envelope.ErrorDetail)
            : FhirOutcome.Create(OperationOutcome.IssueType.Informational, duplicate ? $"Already received as {envelope.Id}." : $"Received as {envelope.Id}.", severity: OperationOutcome.IssueSeverity.Information);
        return new CareCommunicationReceipt(envelope.Id, envelope.MessageHeaderId, envelope.Status, duplicate, envelope.ErrorCode, envelope.ErrorDetail, outcome);
    }

    private static OperationOutcome ErrorOutcome(string code, string? detail)
    {
        var outcome = FhirOutcome.Create(code == "CareCommunication.TooLarge" ? OperationOutcome.IssueType.TooLong : OperationOutcome.IssueType.Structure, detail is null ? code : $"{code}: {detail}");
        outcome.Issue[0].Details = new CodeableConcept("urn:samspil:carecommunication", code);
        return outcome;
    }

    private static string? Key(CareCommunicationParty party) => party.Sor ?? party.Ean;

    /// <summary>The configured parties with a SOR or EAN and a directory organisation (by id, or by exact name).</summary>
    private async Task<IReadOnlyList<(CareCommunicationParty Party, Guid OrganizationId)>> PartiesAsync(CancellationToken cancellationToken)
    {
        var names = Options.Recipients.Where(r => r.OrganizationId is null && !string.IsNullOrWhiteSpace(r.OrganizationName)).Select(r => r.OrganizationName!).Distinct().ToList();
        var byName = names.Count == 0
            ? []
            : (await db.Organizations.AsNoTracking().Where(o => names.Contains(o.Name)).Select(o => new { o.Name, o.Id }).ToListAsync(cancellationToken))
                .GroupBy(o => o.Name).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single().Id);
        return Options.Recipients
            .Where(r => Key(r) is not null)
            .Select(r => (Party: r, Id: r.OrganizationId ?? (r.OrganizationName is { } name && byName.TryGetValue(name, out var id) ? id : (Guid?)null)))
            .Where(p => p.Id is not null)
            .Select(p => (p.Party, p.Id!.Value))
            .ToList();
    }

    [LoggerMessage(EventId = 6030, Level = LogLevel.Information, Message = "CareCommunication {EnvelopeId} sent as {Activity}; delivered: {Delivered}")]
    private static partial void LogSent(ILogger logger, Guid envelopeId, string activity, bool delivered);

    [LoggerMessage(EventId = 6031, Level = LogLevel.Information, Message = "CareCommunication {EnvelopeId} received: {Status} ({Outcome})")]
    private static partial void LogReceived(ILogger logger, Guid envelopeId, string status, string outcome);
}
