using Hl7.Fhir.Model;
using Samspil.Domain.Common;
using Samspil.Domain.Conversations;
using Samspil.Features.Access;
using Samspil.Features.Conversations;
using Samspil.Infrastructure.ErrorHandling;

namespace Samspil.Features.Fhir;

/// <summary>
/// Communication = one message of a secure conversation (docs/fhir-mapping.md). Read and search go through the access
/// layer in the category "beskeder": only threads the caller takes part in and may read now; a read is logged but does
/// not move the caller's read marker. The thread is <c>topic</c> (a coding with the conversation's id, text = subject)
/// and the <c>inResponseTo</c> chain; attachments are <c>payload.contentAttachment</c> whose url is the existing download
/// endpoint. A partner system posts a message into an existing thread with POST: through <see cref="ConversationService.PostAsync"/>,
/// the path <c>/api/v1</c> uses (participation, consent on messages, notifications); a thread the caller may not write in is 404.
/// </summary>
public sealed class CommunicationHandler(CitizenDataAccess access, ConversationService conversations) : IFhirWritableHandler
{
    private static readonly string[] StatusCodes = ["completed"];

    public string ResourceType => "Communication";

    public bool SupportsCreate => true;

    public bool SupportsUpdate => false;

    public IReadOnlyList<FhirSearchParameterDefinition> SearchParameters { get; } =
    [
        new("patient", SearchParamType.Reference, "The citizen (Patient/{id}) whose course the conversation belongs to."),
        new("status", SearchParamType.Token, "completed (every stored message is sent)."),
        new("sent", SearchParamType.Date, "When the message was sent (eq, ne, gt, lt, ge, le; repeat for a range)."),
    ];

    public async Task<Resource?> ReadAsync(FhirRequestContext context, string id, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var messageId) || await access.ConversationOfMessageAsync(messageId, cancellationToken) is not { } conversationId
            || await access.ReadConversationForExportAsync(conversationId, cancellationToken) is not { } record)
        {
            return null;
        }

        var message = record.Conversation.Messages.SingleOrDefault(m => m.Id == messageId);
        return message is null ? null : ToFhir(context, record, message);
    }

    public async Task<FhirSearchResult> SearchAsync(FhirRequestContext context, FhirSearch search, CancellationToken cancellationToken)
    {
        var patient = search.ReferenceId("patient", "Patient");
        var statuses = FhirCommunicationCodes.Tokens(search, "status", StatusCodes);
        var dates = search.Dates("sent");
        var found = new List<Communication>();
        foreach (var item in await access.MyConversationsAsync(cancellationToken))
        {
            if (patient is { } citizenId && item.Course.Citizen.Id != citizenId)
            {
                continue;
            }

            if (await access.ReadConversationForExportAsync(item.Conversation.Id, cancellationToken) is not { } record)
            {
                continue;
            }

            found.AddRange(record.Conversation.Messages
                .Where(m => FhirCommunicationCodes.MatchesDates(dates, m.SentAt))
                .Select(m => ToFhir(context, record, m)));
        }

        _ = statuses; // every message is "completed": the token only refuses other codes.
        var ordered = FhirCommunicationCodes.WithIds(found, search)
            .OrderBy(c => c.Sent, StringComparer.Ordinal)
            .ThenBy(c => c.Id, StringComparer.Ordinal)
            .ToList<Resource>();
        return FhirSearchResult.Page(ordered, search);
    }

    public async Task<FhirWriteResult> CreateAsync(FhirRequestContext context, Resource resource, CancellationToken cancellationToken)
    {
        var communication = (Communication)resource;
        if (communication.Status is { } status && status != EventStatus.Completed && status != EventStatus.InProgress)
        {
            return FhirWriteResult.Invalid("Only a sent message (status completed) can be posted.", "Communication.status");
        }

        Guid? conversationId = null;
        var topic = communication.Topic?.Coding.Where(c => c.System == FhirCommunicationCodes.ConversationSystem).ToList() ?? [];
        if (topic.Count > 1 || (topic.Count == 1 && !Guid.TryParse(topic[0].Code, out _)))
        {
            return FhirWriteResult.Invalid("Communication.topic must carry one conversation id.", "Communication.topic");
        }

        if (topic.Count == 1 && Guid.TryParse(topic[0].Code, out var fromTopic))
        {
            conversationId = fromTopic;
        }

        if (communication.InResponseTo.Count > 1)
        {
            return FhirWriteResult.Invalid("Communication.inResponseTo takes one message.", "Communication.inResponseTo");
        }

        if (communication.InResponseTo.Count == 1)
        {
            var reference = communication.InResponseTo[0].Reference ?? string.Empty;
            var slash = reference.LastIndexOf('/');
            var type = slash > 0 ? reference[..slash] : string.Empty;
            if (!(type == "Communication" || type.EndsWith("/Communication", StringComparison.Ordinal)) || !Guid.TryParse(reference[(slash + 1)..], out var repliedTo))
            {
                return FhirWriteResult.Invalid("Communication.inResponseTo must refer to a Communication of this server.", "Communication.inResponseTo");
            }

            var thread = await access.ConversationOfMessageAsync(repliedTo, cancellationToken);
            if (thread is null)
            {
                return FhirWriteResult.NotFound();
            }

            if (conversationId is { } given && given != thread)
            {
                return FhirWriteResult.Invalid("Communication.topic and inResponseTo name different conversations.", "Communication.inResponseTo");
            }

            conversationId = thread;
        }

        if (conversationId is not { } target)
        {
            return FhirWriteResult.Invalid($"Name the conversation: Communication.topic.coding with system {FhirCommunicationCodes.ConversationSystem}, or inResponseTo a message of it.", "Communication.topic");
        }

        var texts = new List<string>();
        var uploads = new List<AttachmentUpload>();
        foreach (var payload in communication.Payload)
        {
            switch (payload.Content)
            {
                case FhirString { Value: { } text }:
                    texts.Add(text);
                    break;
                case Attachment { Data: { Length: > 0 } data } attachment:
                    uploads.Add(new AttachmentUpload(attachment.Title, data));
                    break;
                default:
                    return FhirWriteResult.Invalid("A payload is text (contentString) or a file with inline data (contentAttachment.data and title).", "Communication.payload");
            }
        }

        ConversationView? view;
        try
        {
            view = await conversations.PostAsync(target, new PostMessageRequest(texts.Count == 0 ? null : string.Join("\n\n", texts), communication.Language), uploads, cancellationToken);
        }
        catch (DomainException ex)
        {
            return FhirWriteResult.Invalid($"The message was refused: {ex.Code}.", ex.Field is { } field ? $"Communication.{field}" : null);
        }
        catch (InputValidationException)
        {
            return FhirWriteResult.Invalid("The message was refused.");
        }

        if (view?.Messages.Where(m => m.IsMine).MaxBy(m => m.Sequence) is not { } posted
            || await ReadAsync(context, posted.Id.ToString("D"), cancellationToken) is not { } created)
        {
            return FhirWriteResult.NotFound();
        }

        return FhirWriteResult.Created(created);
    }

    public static Communication ToFhir(FhirRequestContext context, ConversationRecord record, ConversationMessage message)
    {
        var (course, conversation) = record;
        var previous = conversation.Messages.Where(m => m.Sequence < message.Sequence).MaxBy(m => m.Sequence);
        var communication = new Communication
        {
            Id = message.Id.ToString("D"),
            Language = message.Language,
            Status = EventStatus.Completed,
            Category = [new CodeableConcept(FhirCommunicationCodes.CommunicationCategorySystem, "secure-message", "Sikker besked")],
            Subject = FhirCommunicationCodes.Patient(course.Citizen.Id),
            Topic = new CodeableConcept(FhirCommunicationCodes.ConversationSystem, conversation.Id.ToString("D")) { Text = conversation.Subject },
            Sent = FhirCommunicationCodes.Instant(message.SentAt),
            Sender = Party(course, message.AuthorKind, message.AuthorName),
        };
        if (previous is not null)
        {
            communication.InResponseTo.Add(new ResourceReference($"Communication/{previous.Id:D}"));
        }

        foreach (var participant in conversation.Participants.Where(p => p.UserId != message.AuthorUserId).OrderBy(p => p.AddedAt))
        {
            communication.Recipient.Add(Party(course, participant.Kind, participant.DisplayName));
        }

        if (message.Text is { Length: > 0 } text)
        {
            communication.Payload.Add(new Communication.PayloadComponent { Content = new FhirString(text) });
        }

        var site = context.BaseUrl[..^FhirEndpoints.Prefix.Length];
        foreach (var attachment in message.Attachments.OrderBy(a => a.Order))
        {
            communication.Payload.Add(new Communication.PayloadComponent
            {
                Content = new Attachment
                {
                    ContentType = attachment.ContentType,
                    Title = attachment.FileName,
                    Url = $"{site}/api/v1/conversations/{conversation.Id:D}/attachments/{attachment.Id:D}",
                },
            });
        }

        return communication;
    }

    private static ResourceReference Party(CourseRecord course, ParticipantKind kind, string name) => kind switch
    {
        ParticipantKind.Citizen => FhirCommunicationCodes.Patient(course.Citizen.Id, name),
        ParticipantKind.Proxy => new ResourceReference { Type = "RelatedPerson", Display = name },
        _ => new ResourceReference { Type = "Practitioner", Display = name },
    };
}
