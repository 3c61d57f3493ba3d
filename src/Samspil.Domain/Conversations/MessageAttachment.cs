using System.Security.Cryptography;
using Samspil.Domain.Common;

namespace Samspil.Domain.Conversations;

/// <summary>
/// A file attached to a message (vedhæftning). The type is what the content is, found from its first
/// bytes (<see cref="AttachmentTypes"/>), never what the sender's browser or file name claims; the
/// name is made safe to show and to offer as a download. The bytes live in
/// <see cref="AttachmentContent"/>, loaded only when someone downloads the file.
/// </summary>
public sealed class MessageAttachment : ICitizenRecord
{
    private MessageAttachment()
    {
        FileName = string.Empty;
        ContentType = string.Empty;
        Sha256 = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid MessageId { get; private set; }

    public int Order { get; private set; }

    public string FileName { get; private set; }

    /// <summary>The sniffed type: application/pdf, image/png, image/jpeg or text/plain.</summary>
    public string ContentType { get; private set; }

    public long SizeBytes { get; private set; }

    public string Sha256 { get; private set; }

    public DateTimeOffset UploadedAt { get; private set; }

    /// <summary>The bytes; not loaded with the thread.</summary>
    public AttachmentContent? Content { get; private set; }

    internal static MessageAttachment Create(Guid messageId, int order, AttachmentUpload upload, long maxBytes, DateTimeOffset now)
    {
        var bytes = upload.Content;
        if (bytes.Length == 0)
        {
            throw new DomainException("Conversation.Attachment.Empty", "files");
        }

        if (bytes.Length > maxBytes)
        {
            throw new DomainException("Conversation.Attachment.TooLarge", "files");
        }

        var type = AttachmentTypes.Detect(bytes) ?? throw new DomainException("Conversation.Attachment.Type", "files");
        var name = AttachmentTypes.SafeFileName(upload.FileName, type) ?? throw new DomainException("Conversation.Attachment.TypeMismatch", "files");
        var id = Guid.CreateVersion7(now);
        return new MessageAttachment
        {
            Id = id,
            MessageId = messageId,
            Order = order,
            FileName = name,
            ContentType = type.ContentType,
            SizeBytes = bytes.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            UploadedAt = now,
            Content = new AttachmentContent(id, bytes),
        };
    }
}

/// <summary>The stored bytes of an attachment (in the database, so every instance sees the same files and a backup holds them).</summary>
public sealed class AttachmentContent : ICitizenRecord
{
    private AttachmentContent()
    {
        Bytes = [];
    }

    internal AttachmentContent(Guid attachmentId, byte[] bytes)
    {
        AttachmentId = attachmentId;
        Bytes = bytes;
    }

    public Guid AttachmentId { get; private set; }

    public byte[] Bytes { get; private set; }
}
