using Samspil.Domain.Conversations;

namespace Samspil.Features.Conversations;

/// <summary>Limits for conversations, from the <c>Conversations</c> configuration section.</summary>
public sealed class ConversationOptions
{
    public const string Section = "Conversations";

    /// <summary>The largest attachment accepted, in bytes (default 10 MB).</summary>
    public long MaxAttachmentBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>How many files one message may carry (default 5).</summary>
    public int MaxAttachmentsPerMessage { get; set; } = 5;

    /// <summary>The largest request body a message with attachments may have: every file at its limit, plus room for the text.</summary>
    public long MaxRequestBytes => (MaxAttachmentBytes * MaxAttachmentsPerMessage) + (1024 * 1024);
}

/// <summary>Starts a thread on a course: a subject, the other participants (account ids from <c>possibleParticipants</c>), and optionally a first message.</summary>
public sealed record StartConversationRequest(string? Subject, IReadOnlyList<Guid>? Participants, string? Text, string? Language);

/// <summary>A message as JSON (attachments are sent as multipart/form-data with fields text, language and files).</summary>
public sealed record PostMessageRequest(string? Text, string? Language);

public sealed record AddParticipantsRequest(IReadOnlyList<Guid>? Participants);

/// <summary>Someone who may be chosen: on the network and covered for messages (or the citizen or proxy).</summary>
public sealed record PossibleParticipantView(Guid UserId, string Name, ParticipantKind Kind, string? Organization);

public sealed record ConversationSummaryView(
    Guid Id,
    Guid CourseId,
    string CitizenName,
    bool IsDemo,
    string Subject,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastMessageAt,
    int MessageCount,
    int UnreadCount,
    IReadOnlyList<string> Participants);

/// <summary>A course's threads for the reader, and whether and with whom they may start one.</summary>
public sealed record CourseConversationsView(
    Guid CourseId,
    string CitizenName,
    bool IsDemo,
    IReadOnlyList<ConversationSummaryView> Conversations,
    bool CanStart,
    IReadOnlyList<PossibleParticipantView> PossibleParticipants,
    string DefaultLanguage,
    bool CourseEnded);

/// <summary>"Mine beskeder": threads across courses, and the courses where a citizen or proxy may start one.</summary>
public sealed record MyConversationsView(IReadOnlyList<ConversationSummaryView> Conversations, int UnreadCount, IReadOnlyList<CourseLink> StartOn);

public sealed record CourseLink(Guid CourseId, string CitizenName);

/// <param name="HasAccess">Whether the participant may read the thread today (still on the network and covered by consent); someone without access keeps their place but sees nothing.</param>
public sealed record ParticipantView(Guid UserId, string Name, ParticipantKind Kind, string? Organization, bool HasAccess, DateTimeOffset? LastReadAt, bool IsMe);

public sealed record AttachmentView(Guid Id, string FileName, string ContentType, long SizeBytes, string DownloadUrl);

/// <param name="Language">The language the text is written in (ISO 639-1 where there is one); Samspil does not translate.</param>
/// <param name="ReadBy">Names of the other participants who have seen the message.</param>
public sealed record MessageView(
    Guid Id,
    int Sequence,
    Guid AuthorUserId,
    string AuthorName,
    ParticipantKind AuthorKind,
    string? Text,
    string Language,
    DateTimeOffset SentAt,
    bool IsMine,
    IReadOnlyList<string> ReadBy,
    IReadOnlyList<AttachmentView> Attachments);

public sealed record ConversationView(
    Guid Id,
    Guid CourseId,
    string CitizenName,
    bool IsDemo,
    string Subject,
    string CreatedByName,
    DateTimeOffset CreatedAt,
    IReadOnlyList<ParticipantView> Participants,
    IReadOnlyList<MessageView> Messages,
    IReadOnlyList<PossibleParticipantView> CanBeAdded,
    string DefaultLanguage,
    bool CanWrite,
    AttachmentRulesView AttachmentRules);

/// <summary>What an attachment may be, so a client can tell the user before uploading.</summary>
public sealed record AttachmentRulesView(long MaxBytes, int MaxPerMessage, IReadOnlyList<string> ContentTypes, IReadOnlyList<string> Extensions);

/// <summary>A downloaded attachment.</summary>
public sealed record AttachmentFile(byte[] Content, string ContentType, string FileName);
