using System.Text.RegularExpressions;
using Samspil.Domain.Common;

namespace Samspil.Domain.Conversations;

/// <summary>Who a participant is to the citizen: decides nothing about access, which is the policy's at every read.</summary>
public enum ParticipantKind
{
    /// <summary>A professional on the course's network.</summary>
    Professional = 0,

    /// <summary>The citizen themselves.</summary>
    Citizen = 1,

    /// <summary>A proxy holding the citizen's power of attorney (stedfortræder).</summary>
    Proxy = 2,
}

/// <summary>Someone taking part, as chosen when the thread was started or a participant was added.</summary>
public sealed record NewParticipant(Guid UserId, ParticipantKind Kind, string DisplayName, Guid? OrganizationId);

/// <summary>A file as received, before it is checked.</summary>
public sealed record AttachmentUpload(string? FileName, byte[] Content);

/// <summary>What a message may carry; the numbers come from configuration (<c>Conversations:*</c>).</summary>
public sealed record AttachmentLimits(long MaxBytes, int MaxPerMessage);

/// <summary>
/// A secure conversation (samtale) about one citizen's course, between chosen people: professionals
/// on the network, the citizen and their proxy (R27, "Samsnakk"; FHIR Communication thread). Messages
/// keep the language they were written in; there is no machine translation. Being a participant is
/// necessary but not sufficient to read: every read is decided again by the access policy in the
/// category "beskeder" and by whether the person is still on the network.
/// </summary>
public sealed partial class Conversation : ICitizenRecord
{
    public const int MaxSubjectLength = 200;
    public const int MaxTextLength = 4000;
    public const int MaxParticipants = 40;
    public const int MaxMessages = 5000;

    private readonly List<ConversationParticipant> _participants = [];
    private readonly List<ConversationMessage> _messages = [];

    private Conversation()
    {
        Subject = string.Empty;
        CreatedByName = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid CourseId { get; private set; }

    public Guid CitizenId { get; private set; }

    public string Subject { get; private set; }

    public Guid CreatedByUserId { get; private set; }

    public string CreatedByName { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset LastMessageAt { get; private set; }

    /// <summary>How many messages there are; also the last message's sequence number and the concurrency token.</summary>
    public int MessageCount { get; private set; }

    public IReadOnlyList<ConversationParticipant> Participants => _participants;

    public IReadOnlyList<ConversationMessage> Messages => _messages;

    /// <summary>Starts a thread: the creator takes part, with at least one other person.</summary>
    public static Conversation Start(Guid courseId, Guid citizenId, string? subject, NewParticipant creator, IReadOnlyCollection<NewParticipant> others, Moment now)
    {
        var conversation = new Conversation
        {
            Id = Guid.CreateVersion7(now.Utc),
            CourseId = courseId,
            CitizenId = citizenId,
            Subject = Guard.RequiredText(subject, MaxSubjectLength, "Conversation.Subject", "subject"),
            CreatedByUserId = creator.UserId,
            CreatedByName = creator.DisplayName,
            CreatedAt = now.Utc,
            LastMessageAt = now.Utc,
        };
        conversation._participants.Add(ConversationParticipant.Create(conversation.Id, creator, creator.DisplayName, now.Utc));
        if (!others.Any(o => o.UserId != creator.UserId))
        {
            throw new DomainException("Conversation.Participants.Required", "participants");
        }

        conversation.AddParticipants(others, creator.DisplayName, now);
        return conversation;
    }

    public ConversationParticipant? ParticipantOf(Guid userId) => _participants.FirstOrDefault(p => p.UserId == userId);

    /// <summary>Adds people; someone already taking part is left as they are. Returns those added.</summary>
    public IReadOnlyList<ConversationParticipant> AddParticipants(IEnumerable<NewParticipant> specs, string addedByName, Moment now)
    {
        var added = new List<ConversationParticipant>();
        foreach (var spec in specs.DistinctBy(s => s.UserId))
        {
            if (ParticipantOf(spec.UserId) is not null)
            {
                continue;
            }

            if (!Enum.IsDefined(spec.Kind))
            {
                throw new DomainException("Conversation.Participant.Invalid", "participants");
            }

            if (_participants.Count >= MaxParticipants)
            {
                throw new DomainException("Conversation.Participants.TooMany", "participants");
            }

            var participant = ConversationParticipant.Create(Id, spec, addedByName, now.Utc);
            _participants.Add(participant);
            added.Add(participant);
        }

        return added;
    }

    /// <summary>
    /// Posts a message by a participant: text (at most <see cref="MaxTextLength"/> characters), the
    /// language it is written in, and attachments checked by their content (<see cref="AttachmentTypes"/>).
    /// A message needs text or at least one attachment.
    /// </summary>
    public ConversationMessage Post(Guid authorUserId, string? text, string? language, IReadOnlyList<AttachmentUpload> attachments, AttachmentLimits limits, Moment now)
    {
        var author = ParticipantOf(authorUserId) ?? throw new DomainException("Conversation.Participant.NotFound");
        var body = Guard.OptionalText(text, MaxTextLength, "Conversation.Text", "text");
        if (body is null && attachments.Count == 0)
        {
            throw new DomainException("Conversation.Text.Required", "text");
        }

        var code = LanguageCode(language) ?? throw new DomainException("Conversation.Language.Format", "language");
        if (attachments.Count > limits.MaxPerMessage)
        {
            throw new DomainException("Conversation.Attachment.TooMany", "files");
        }

        if (MessageCount >= MaxMessages)
        {
            throw new DomainException("Conversation.Messages.TooMany");
        }

        var message = ConversationMessage.Create(Id, MessageCount + 1, author, body, code, now.Utc);
        foreach (var upload in attachments)
        {
            message.Attach(upload, limits.MaxBytes, now.Utc);
        }

        MessageCount++;
        LastMessageAt = now.Utc;
        _messages.Add(message);
        return message;
    }

    /// <summary>The participant has now seen every message; false when nothing changed.</summary>
    public bool MarkRead(Guid userId, DateTimeOffset now) => ParticipantOf(userId)?.MarkRead(MessageCount, now) == true;

    /// <summary>Who (other than the author) has read a message, by the read markers.</summary>
    public IEnumerable<ConversationParticipant> ReadBy(ConversationMessage message) =>
        _participants.Where(p => p.UserId != message.AuthorUserId && p.LastReadSequence >= message.Sequence);

    /// <summary>
    /// A language tag: ISO 639-1 (two letters) where the language has one, otherwise ISO 639-2/3,
    /// as on the citizen record. Null when it is not a language code.
    /// </summary>
    public static string? LanguageCode(string? value)
    {
        var code = value?.Trim().ToLowerInvariant();
        return code is not null && LanguagePattern().IsMatch(code) ? code : null;
    }

    [GeneratedRegex("^[a-z]{2,3}$")]
    private static partial Regex LanguagePattern();
}

/// <summary>One person taking part in a conversation, with how far they have read.</summary>
public sealed class ConversationParticipant : ICitizenRecord
{
    private ConversationParticipant()
    {
        DisplayName = string.Empty;
        AddedByName = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid ConversationId { get; private set; }

    /// <summary>The person's account: access is decided for this account at every read.</summary>
    public Guid UserId { get; private set; }

    public ParticipantKind Kind { get; private set; }

    /// <summary>The name when they were added, kept so the thread reads the same later.</summary>
    public string DisplayName { get; private set; }

    public Guid? OrganizationId { get; private set; }

    public DateTimeOffset AddedAt { get; private set; }

    public string AddedByName { get; private set; }

    /// <summary>The sequence number of the last message they have seen (0: none).</summary>
    public int LastReadSequence { get; private set; }

    public DateTimeOffset? LastReadAt { get; private set; }

    internal static ConversationParticipant Create(Guid conversationId, NewParticipant spec, string addedByName, DateTimeOffset now) =>
        new()
        {
            Id = Guid.CreateVersion7(now),
            ConversationId = conversationId,
            UserId = spec.UserId,
            Kind = spec.Kind,
            DisplayName = Guard.RequiredText(spec.DisplayName, 200, "Conversation.Participant.Name", "participants"),
            OrganizationId = spec.OrganizationId,
            AddedAt = now,
            AddedByName = addedByName,
        };

    internal bool MarkRead(int sequence, DateTimeOffset now)
    {
        if (sequence <= LastReadSequence)
        {
            return false;
        }

        LastReadSequence = sequence;
        LastReadAt = now;
        return true;
    }
}

/// <summary>One message: who wrote it, in which language, when, and its attachments.</summary>
public sealed class ConversationMessage : ICitizenRecord
{
    private readonly List<MessageAttachment> _attachments = [];

    private ConversationMessage()
    {
        AuthorName = string.Empty;
        Language = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid ConversationId { get; private set; }

    /// <summary>1, 2, 3 … within the conversation; read markers refer to it.</summary>
    public int Sequence { get; private set; }

    public Guid AuthorUserId { get; private set; }

    public string AuthorName { get; private set; }

    public ParticipantKind AuthorKind { get; private set; }

    /// <summary>The text as written; null for a message that only carries attachments.</summary>
    public string? Text { get; private set; }

    /// <summary>The language the text is written in (ISO 639-1 where there is one). Never translated.</summary>
    public string Language { get; private set; }

    public DateTimeOffset SentAt { get; private set; }

    public IReadOnlyList<MessageAttachment> Attachments => _attachments;

    internal static ConversationMessage Create(Guid conversationId, int sequence, ConversationParticipant author, string? text, string language, DateTimeOffset now) =>
        new()
        {
            Id = Guid.CreateVersion7(now),
            ConversationId = conversationId,
            Sequence = sequence,
            AuthorUserId = author.UserId,
            AuthorName = author.DisplayName,
            AuthorKind = author.Kind,
            Text = text,
            Language = language,
            SentAt = now,
        };

    internal void Attach(AttachmentUpload upload, long maxBytes, DateTimeOffset now) =>
        _attachments.Add(MessageAttachment.Create(Id, _attachments.Count + 1, upload, maxBytes, now));
}
