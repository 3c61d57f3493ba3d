using System.Security.Cryptography;
using System.Text.Json;
using Samspil.Domain.Common;
using Samspil.Domain.Conversations;

namespace Samspil.Domain.Agreements;

/// <summary>Where an agreement stands on a given day: decided from its dates, except a draft, which is a choice.</summary>
public enum AgreementStatus
{
    /// <summary>Kladde: being written, binds no one.</summary>
    Draft = 0,

    /// <summary>Vedtaget, men ikke trådt i kraft endnu (valid from is in the future).</summary>
    Upcoming = 1,

    /// <summary>I kraft.</summary>
    InForce = 2,

    /// <summary>Udløbet (valid to has passed).</summary>
    Expired = 3,
}

/// <summary>
/// The content of an agreement as the parties wrote it: what every version stores. Parties name an organisation from the
/// directory, what that party may decide (in plain words) and whom to contact there — a directory role when there is one,
/// otherwise a name, title, phone and e-mail.
/// </summary>
public sealed record AgreementTerms(
    string Title,
    string Purpose,
    IReadOnlyList<string> TargetGroupCodes,
    IReadOnlyList<AgreementPartyTerms> Parties,
    DateOnly ValidFrom,
    DateOnly? ValidTo,
    DateOnly? NextReviewOn,
    bool IsDraft,
    Guid? DocumentId)
{
    public const int TitleMaxLength = 200;
    public const int PurposeMaxLength = 4000;
    public const int DecisionRightsMaxLength = 2000;
    public const int ContactNameMaxLength = 200;
    public const int ContactTitleMaxLength = 200;
    public const int ContactPhoneMaxLength = 30;
    public const int ContactEmailMaxLength = 200;
    public const int MaxParties = 12;
    public const int MaxTargetGroups = 20;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static AgreementTerms FromJson(string json) => JsonSerializer.Deserialize<AgreementTerms>(json, Json) ?? throw new DomainException("Agreement.Version.Unreadable");

    /// <summary>The backstop for what the service has already checked field by field: the rules no stored agreement may break.</summary>
    internal void Check()
    {
        Guard.RequiredText(Title, TitleMaxLength, "Agreement.Title", "title");
        Guard.RequiredText(Purpose, PurposeMaxLength, "Agreement.Purpose", "purpose");
        if (Parties.Select(p => p.OrganizationId).Distinct().Count() < 2)
        {
            throw new DomainException("Agreement.Parties.TooFew", "parties");
        }

        if (TargetGroupCodes.Count == 0)
        {
            throw new DomainException("Agreement.TargetGroups.Required", "targetGroupCodes");
        }

        if (ValidTo is { } to && to < ValidFrom)
        {
            throw new DomainException("Agreement.ValidTo.BeforeValidFrom", "validTo");
        }
    }
}

/// <summary>One party: the organisation, its decision rights, and its contact person (a directory role, or typed in).</summary>
public sealed record AgreementPartyTerms(
    Guid OrganizationId,
    string DecisionRights,
    Guid? ContactPractitionerRoleId,
    string? ContactName,
    string? ContactTitle,
    string? ContactPhone,
    string? ContactEmail);

/// <summary>
/// A collaboration agreement at management level (samarbejdsaftale, R37; seeds 001 and 004 K3): who the parties are, for
/// which target groups, who may decide what, whom to call, the signed document, when it runs and when the parties look
/// at it again. The current terms are kept on the agreement (so lists and the course page can find it); every change
/// also writes an <see cref="AgreementVersion"/> with the whole content, who and when, so earlier versions and their
/// documents stay readable. Not citizen data.
/// </summary>
public sealed class CollaborationAgreement
{
    private CollaborationAgreement()
    {
        TermsJson = string.Empty;
        Title = string.Empty;
        UpdatedByName = string.Empty;
    }

    public Guid Id { get; private set; }

    /// <summary>Counts changes; the first version is 1. The API's ETag and the concurrency token.</summary>
    public int Version { get; private set; }

    /// <summary>Kept as a column of its own for sorting; the same as in <see cref="Terms"/>.</summary>
    public string Title { get; private set; }

    public DateOnly ValidFrom { get; private set; }

    public DateOnly? ValidTo { get; private set; }

    public DateOnly? NextReviewOn { get; private set; }

    public bool IsDraft { get; private set; }

    /// <summary>The current terms as JSON (parties, target groups, contacts, document); read through <see cref="Terms"/>.</summary>
    public string TermsJson { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public Guid UpdatedByUserId { get; private set; }

    public string UpdatedByName { get; private set; }

    public bool IsDemo { get; private set; }

    public AgreementTerms Terms => AgreementTerms.FromJson(TermsJson);

    /// <summary>The agreement's status on <paramref name="today"/>.</summary>
    public AgreementStatus StatusOn(DateOnly today) => StatusOf(IsDraft, ValidFrom, ValidTo, today);

    public static AgreementStatus StatusOf(bool isDraft, DateOnly validFrom, DateOnly? validTo, DateOnly today) =>
        isDraft ? AgreementStatus.Draft
        : validTo is { } to && to < today ? AgreementStatus.Expired
        : validFrom > today ? AgreementStatus.Upcoming
        : AgreementStatus.InForce;

    /// <summary>Whether the next review is within <paramref name="days"/> days (or already past) for an agreement that still binds.</summary>
    public bool ReviewDue(DateOnly today, int days) =>
        NextReviewOn is { } review && StatusOn(today) is AgreementStatus.InForce or AgreementStatus.Upcoming && review.AddDays(-days) <= today;

    /// <summary>A new agreement, version 1; returns it with the version to store.</summary>
    public static (CollaborationAgreement Agreement, AgreementVersion Version) Create(Guid id, AgreementTerms terms, Actor by, DateTimeOffset now, bool isDemo = false)
    {
        var agreement = new CollaborationAgreement { Id = id, CreatedAt = now, IsDemo = isDemo };
        return (agreement, agreement.Apply(terms, by, now));
    }

    /// <summary>Changes the terms (the document included): a new version.</summary>
    public AgreementVersion Change(AgreementTerms terms, Actor by, DateTimeOffset now) => Apply(terms, by, now);

    private AgreementVersion Apply(AgreementTerms terms, Actor by, DateTimeOffset now)
    {
        terms.Check();
        Version++;
        Title = terms.Title;
        ValidFrom = terms.ValidFrom;
        ValidTo = terms.ValidTo;
        NextReviewOn = terms.NextReviewOn;
        IsDraft = terms.IsDraft;
        TermsJson = terms.ToJson();
        UpdatedAt = now;
        UpdatedByUserId = by.UserId;
        UpdatedByName = by.DisplayName;
        return new AgreementVersion(Guid.CreateVersion7(now), Id, Version, TermsJson, by, now);
    }
}

/// <summary>One version of an agreement: the whole content as it was, who saved it and when. Never changed afterwards.</summary>
public sealed class AgreementVersion
{
    private AgreementVersion()
    {
        TermsJson = string.Empty;
        ChangedByName = string.Empty;
    }

    internal AgreementVersion(Guid id, Guid agreementId, int number, string termsJson, Actor by, DateTimeOffset at)
    {
        Id = id;
        AgreementId = agreementId;
        Number = number;
        TermsJson = termsJson;
        ChangedByUserId = by.UserId;
        ChangedByName = by.DisplayName;
        ChangedAt = at;
    }

    public Guid Id { get; private set; }

    public Guid AgreementId { get; private set; }

    public int Number { get; private set; }

    public string TermsJson { get; private set; }

    public Guid ChangedByUserId { get; private set; }

    public string ChangedByName { get; private set; }

    public DateTimeOffset ChangedAt { get; private set; }

    public AgreementTerms Terms => AgreementTerms.FromJson(TermsJson);
}

/// <summary>
/// The agreement's document (usually the signed PDF). Checked as a message attachment is (ADR 0010): the type is what the
/// first bytes say, never the name or the browser's claim, and only PDF is taken; the name is made safe. Documents are
/// never replaced: a new document is a new row, so every version keeps its own.
/// </summary>
public sealed class AgreementDocument
{
    private AgreementDocument()
    {
        FileName = string.Empty;
        ContentType = string.Empty;
        Sha256 = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid AgreementId { get; private set; }

    public string FileName { get; private set; }

    public string ContentType { get; private set; }

    public long SizeBytes { get; private set; }

    public string Sha256 { get; private set; }

    public DateTimeOffset UploadedAt { get; private set; }

    public Guid UploadedByUserId { get; private set; }

    /// <summary>The bytes; loaded only for a download.</summary>
    public AgreementDocumentContent? Content { get; private set; }

    public static AgreementDocument Upload(Guid agreementId, string? fileName, byte[] bytes, long maxBytes, Actor by, DateTimeOffset now)
    {
        if (bytes.Length == 0)
        {
            throw new DomainException("Agreement.Document.Empty", "file");
        }

        if (bytes.Length > maxBytes)
        {
            throw new DomainException("Agreement.Document.TooLarge", "file");
        }

        if (AttachmentTypes.Detect(bytes) != AttachmentTypes.Pdf)
        {
            throw new DomainException("Agreement.Document.Type", "file");
        }

        var name = AttachmentTypes.SafeFileName(fileName, AttachmentTypes.Pdf) ?? throw new DomainException("Agreement.Document.TypeMismatch", "file");
        var id = Guid.CreateVersion7(now);
        return new AgreementDocument
        {
            Id = id,
            AgreementId = agreementId,
            FileName = name,
            ContentType = AttachmentTypes.Pdf.ContentType,
            SizeBytes = bytes.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            UploadedAt = now,
            UploadedByUserId = by.UserId,
            Content = new AgreementDocumentContent(id, bytes),
        };
    }
}

/// <summary>The stored bytes of an agreement's document.</summary>
public sealed class AgreementDocumentContent
{
    private AgreementDocumentContent()
    {
        Bytes = [];
    }

    internal AgreementDocumentContent(Guid documentId, byte[] bytes)
    {
        DocumentId = documentId;
        Bytes = bytes;
    }

    public Guid DocumentId { get; private set; }

    public byte[] Bytes { get; private set; }
}
