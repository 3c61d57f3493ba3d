using Samspil.Domain.Agreements;
using Samspil.Domain.Directory;

namespace Samspil.Features.Agreements;

/// <summary>Configuration section <c>Agreements</c>.</summary>
public sealed class AgreementOptions
{
    public const string Section = "Agreements";

    /// <summary>The parties' administrators are reminded this many days before the next review (and once, if it has passed).</summary>
    public int ReviewReminderDays { get; set; } = 30;

    /// <summary>The largest document (PDF) an agreement takes.</summary>
    public long MaxDocumentBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>The largest request body for a document upload (the file and the form around it).</summary>
    public long MaxRequestBytes => MaxDocumentBytes + (256 * 1024);

    public string? Problem() =>
        ReviewReminderDays is < 1 or > 365 ? "Agreements:ReviewReminderDays must be between 1 and 365."
        : MaxDocumentBytes is < 1024 or > 100 * 1024 * 1024 ? "Agreements:MaxDocumentBytes must be between 1 KB and 100 MB."
        : null;
}

/// <param name="IsDraft">True keeps it a draft (kladde); false adopts it (in force from validFrom). Default false.</param>
public sealed record AgreementRequest(
    string? Title,
    string? Purpose,
    IReadOnlyList<string>? TargetGroupCodes,
    IReadOnlyList<AgreementPartyRequest>? Parties,
    DateOnly? ValidFrom,
    DateOnly? ValidTo,
    DateOnly? NextReviewOn,
    bool? IsDraft);

/// <param name="ContactPractitionerRoleId">The contact person's role in the directory, when they have one; otherwise name, title, phone and e-mail.</param>
public sealed record AgreementPartyRequest(
    Guid? OrganizationId,
    string? DecisionRights,
    Guid? ContactPractitionerRoleId,
    string? ContactName,
    string? ContactTitle,
    string? ContactPhone,
    string? ContactEmail);

public sealed record AgreementTargetGroupView(string Code, string Name);

public sealed record AgreementPartyRef(Guid OrganizationId, string Name, Sector Sector);

/// <summary>A contact person: from the directory (<see cref="PractitionerRoleId"/> set) or as typed into the agreement.</summary>
public sealed record AgreementContactView(string? Name, string? Title, string? Phone, string? Email, Guid? PractitionerRoleId);

public sealed record AgreementPartyView(Guid OrganizationId, string OrganizationName, Sector Sector, string DecisionRights, AgreementContactView? Contact);

public sealed record AgreementDocumentView(Guid Id, string FileName, string ContentType, long SizeBytes, DateTimeOffset UploadedAt, string Url);

public sealed record AgreementSummaryView(
    Guid Id,
    string Title,
    AgreementStatus Status,
    DateOnly ValidFrom,
    DateOnly? ValidTo,
    DateOnly? NextReviewOn,
    bool ReviewDueSoon,
    IReadOnlyList<AgreementTargetGroupView> TargetGroups,
    IReadOnlyList<AgreementPartyRef> Parties,
    int Version,
    bool IsDemo);

/// <param name="Version">The current version; send it back as If-Match (the ETag) to change the agreement.</param>
/// <param name="CanEdit">Whether the caller administers one of the parties (or an organisation above one).</param>
public sealed record AgreementView(
    Guid Id,
    string Title,
    string Purpose,
    AgreementStatus Status,
    DateOnly ValidFrom,
    DateOnly? ValidTo,
    DateOnly? NextReviewOn,
    bool ReviewDueSoon,
    IReadOnlyList<AgreementTargetGroupView> TargetGroups,
    IReadOnlyList<AgreementPartyView> Parties,
    AgreementDocumentView? Document,
    int Version,
    DateTimeOffset UpdatedAt,
    string UpdatedBy,
    bool CanEdit,
    bool IsDemo);

/// <summary>One version as it was saved: the whole content, its document, who and when.</summary>
public sealed record AgreementVersionView(
    int Number,
    DateTimeOffset ChangedAt,
    string ChangedBy,
    string Title,
    string Purpose,
    bool IsDraft,
    DateOnly ValidFrom,
    DateOnly? ValidTo,
    DateOnly? NextReviewOn,
    IReadOnlyList<AgreementTargetGroupView> TargetGroups,
    IReadOnlyList<AgreementPartyView> Parties,
    AgreementDocumentView? Document);

/// <summary>The agreement a course runs under (on the course page and in the course API).</summary>
public sealed record CourseAgreementRef(Guid Id, string Title, string Url);

public sealed record AgreementListFilter(string? TargetGroup, Guid? OrganizationId);

/// <summary>A change was made against an older version: 412 with both versions.</summary>
public sealed class AgreementVersionConflictException(int currentVersion) : Exception("The agreement has changed since it was read.")
{
    public int CurrentVersion { get; } = currentVersion;
}

/// <summary>The file of an agreement's document, for a download.</summary>
public sealed record AgreementFile(byte[] Content, string ContentType, string FileName);
