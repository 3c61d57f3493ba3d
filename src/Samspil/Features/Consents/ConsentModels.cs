using Samspil.Domain.Consents;

namespace Samspil.Features.Consents;

/// <summary>A consent version as every network member may see it: that it exists, who it covers, which categories (R10).</summary>
public sealed record ConsentView(
    Guid Id,
    Guid SeriesId,
    int Version,
    Guid CitizenId,
    IReadOnlyList<ConsentRecipientView> Recipients,
    IReadOnlyList<InformationCategory> Categories,
    IReadOnlyList<AccessPurpose> Purposes,
    string Purpose,
    string? NotFor,
    DateOnly ValidFrom,
    DateOnly ValidTo,
    ConsentCondition Condition,
    DateOnly? ExcludeRecordsBefore,
    ConsentGivenBy GivenBy,
    string? GivenByName,
    ConsentMethod Method,
    string? WitnessName,
    bool HasDocument,
    ConsentStatus Status,
    bool InForce,
    bool ExpiresSoon,
    DateTimeOffset RecordedAt,
    string RecordedBy,
    DateTimeOffset? StatusChangedAt);

public sealed record ConsentRecipientView(ConsentRecipientKind Kind, Guid TargetId, string Name);

public sealed record ConsentRecipientInput(ConsentRecipientKind? Kind, Guid? TargetId);

/// <summary>Give a consent, or a new version of one (limit, widen, renew).</summary>
public sealed record ConsentRequest(
    IReadOnlyList<ConsentRecipientInput>? Recipients,
    IReadOnlyList<InformationCategory>? Categories,
    IReadOnlyList<AccessPurpose>? Purposes,
    string? Purpose,
    string? NotFor,
    DateOnly? ValidFrom,
    DateOnly? ValidTo,
    ConsentCondition? Condition,
    DateOnly? ExcludeRecordsBefore,
    ConsentGivenBy? GivenBy,
    string? GivenByName,
    Guid? WitnessProfessionalId,
    Guid? DocumentId);

/// <summary>An uploaded signed consent form as the service reads it (from a multipart API call or a web form).</summary>
public sealed record DocumentUpload(string? FileName, string? ContentType, Stream Content, long Length);

public sealed record DocumentUploaded(Guid DocumentId, string FileName, string Sha256);

/// <summary>A course whose network the professional is on without being allowed to read it: who, and what consent exists (R10).</summary>
public sealed record NetworkConsentOverview(Guid CourseId, string CitizenName, Courses.ConsentState ConsentState, IReadOnlyList<ConsentView> Consents);
