using System.Security.Cryptography;
using Samspil.Domain.Common;

namespace Samspil.Domain.Consents;

/// <summary>A signed consent form, uploaded and kept as evidence. Only PDF and images, at most 5 MB.</summary>
public sealed class ConsentDocument : ICitizenRecord
{
    public const int MaxBytes = 5 * 1024 * 1024;

    public static readonly IReadOnlyDictionary<string, byte[]> AllowedTypes = new Dictionary<string, byte[]>(StringComparer.Ordinal)
    {
        ["application/pdf"] = "%PDF"u8.ToArray(),
        ["image/png"] = [0x89, 0x50, 0x4E, 0x47],
        ["image/jpeg"] = [0xFF, 0xD8, 0xFF],
    };

    private ConsentDocument()
    {
        FileName = string.Empty;
        ContentType = string.Empty;
        Sha256 = string.Empty;
        Content = [];
    }

    public Guid Id { get; private set; }

    public Guid CitizenId { get; private set; }

    public string FileName { get; private set; }

    public string ContentType { get; private set; }

    public string Sha256 { get; private set; }

    public byte[] Content { get; private set; }

    public DateTimeOffset UploadedAt { get; private set; }

    public Guid UploadedByUserId { get; private set; }

    /// <summary>Checks size and type by the file's own first bytes, not by what the browser claims.</summary>
    public static ConsentDocument Upload(Guid citizenId, string? fileName, string? contentType, byte[] content, Actor by, Moment now)
    {
        if (content.Length == 0 || content.Length > MaxBytes)
        {
            throw new DomainException("Consent.Document.Size", "document");
        }

        var type = contentType?.Split(';')[0].Trim().ToLowerInvariant() ?? string.Empty;
        if (!AllowedTypes.TryGetValue(type, out var magic) || !content.AsSpan().StartsWith(magic))
        {
            throw new DomainException("Consent.Document.Type", "document");
        }

        var name = Path.GetFileName(fileName ?? "samtykke");
        return new ConsentDocument
        {
            Id = Guid.CreateVersion7(now.Utc),
            CitizenId = citizenId,
            FileName = Guard.RequiredText(name, 200, "Consent.Document.FileName", "document"),
            ContentType = type,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
            Content = content,
            UploadedAt = now.Utc,
            UploadedByUserId = by.UserId,
        };
    }
}
