using Samspil.Domain.Common;

namespace Samspil.Domain.Consents;

public enum ConsentRecipientKind
{
    /// <summary>A named professional, wherever they work.</summary>
    Professional = 0,

    /// <summary>A role at an organisation (whoever holds it).</summary>
    PractitionerRole = 1,

    /// <summary>A whole organisation, including its units.</summary>
    Organization = 2,
}

/// <summary>Who a consent lets information reach.</summary>
public sealed record ConsentRecipient(ConsentRecipientKind Kind, Guid TargetId);

public enum ConsentCondition
{
    None = 0,

    /// <summary>"Only while I am admitted" (R10, K5).</summary>
    OnlyWhileAdmitted = 1,
}

public enum ConsentGivenBy
{
    Citizen = 0,

    /// <summary>A proxy holding the citizen's power of attorney.</summary>
    Proxy = 1,
}

public enum ConsentMethod
{
    /// <summary>A signed form, uploaded and witnessed by a named professional.</summary>
    SignedFormWitnessed = 0,

    /// <summary>Given by the citizen (or proxy) signed in to Samspil.</summary>
    CitizenOnline = 1,
}

public enum ConsentStatus
{
    Active = 0,

    /// <summary>Replaced by a newer version (e.g. limited or renewed).</summary>
    Superseded = 1,

    /// <summary>Withdrawn by the citizen; takes effect at once.</summary>
    Revoked = 2,
}

/// <summary>What a new consent or a new version of one says.</summary>
public sealed record ConsentTerms(
    IReadOnlyList<ConsentRecipient> Recipients,
    InformationCategory Categories,
    AccessPurpose Purposes,
    string? Purpose,
    string? NotFor,
    DateOnly ValidFrom,
    DateOnly? ValidTo,
    ConsentCondition Condition,
    DateOnly? ExcludeRecordsBefore);

/// <summary>How and by whom a consent (version) was given.</summary>
public sealed record ConsentGiving(
    ConsentGivenBy GivenBy,
    string? GivenByName,
    ConsentMethod Method,
    Guid? WitnessProfessionalId,
    Guid? DocumentId);

/// <summary>
/// One version of a citizen's written consent (FHIR Consent). Versions of the same consent share a
/// <see cref="SeriesId"/>; only the newest can be active. Nothing is ever deleted.
/// </summary>
public sealed class Consent : ICitizenRecord
{
    public const int DefaultValidityDays = 365;

    private readonly List<ConsentRecipient> _recipients = [];

    private Consent()
    {
        Purpose = string.Empty;
        RecordedByName = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid SeriesId { get; private set; }

    public int Version { get; private set; }

    public Guid CitizenId { get; private set; }

    public IReadOnlyList<ConsentRecipient> Recipients => _recipients;

    public InformationCategory Categories { get; private set; }

    public AccessPurpose Purposes { get; private set; }

    /// <summary>What the information is for, in the citizen's words (R10).</summary>
    public string Purpose { get; private set; }

    /// <summary>What it must not be used for (R10).</summary>
    public string? NotFor { get; private set; }

    public DateOnly ValidFrom { get; private set; }

    public DateOnly ValidTo { get; private set; }

    public ConsentCondition Condition { get; private set; }

    /// <summary>"Hear me where I am now" (R11): records dated before this are not shared.</summary>
    public DateOnly? ExcludeRecordsBefore { get; private set; }

    public ConsentGivenBy GivenBy { get; private set; }

    public string? GivenByName { get; private set; }

    public ConsentMethod Method { get; private set; }

    public Guid? WitnessProfessionalId { get; private set; }

    public Guid? DocumentId { get; private set; }

    public ConsentStatus Status { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public Guid RecordedByUserId { get; private set; }

    public string RecordedByName { get; private set; }

    public DateTimeOffset? StatusChangedAt { get; private set; }

    public Guid? StatusChangedByUserId { get; private set; }

    /// <summary>In force on a day: active, not revoked, within its validity period.</summary>
    public bool IsInForceOn(DateOnly day) => Status == ConsentStatus.Active && ValidFrom <= day && day <= ValidTo;

    public bool ExpiresWithin(DateOnly today, int days) => IsInForceOn(today) && ValidTo <= today.AddDays(days);

    public static Consent Give(Guid citizenId, ConsentTerms terms, ConsentGiving giving, Actor recordedBy, Moment now) =>
        Create(Guid.CreateVersion7(now.Utc), 1, citizenId, terms, giving, recordedBy, now);

    /// <summary>A new version with new terms (limit, widen or renew); this version is superseded.</summary>
    public Consent Revise(ConsentTerms terms, ConsentGiving giving, Actor recordedBy, Moment now)
    {
        EnsureActive();
        var next = Create(SeriesId, Version + 1, CitizenId, terms, giving, recordedBy, now);
        Status = ConsentStatus.Superseded;
        StatusChangedAt = now.Utc;
        StatusChangedByUserId = recordedBy.UserId;
        return next;
    }

    /// <summary>Withdraws the consent. Effective immediately for every read that follows.</summary>
    public void Revoke(Actor by, Moment now)
    {
        EnsureActive();
        Status = ConsentStatus.Revoked;
        StatusChangedAt = now.Utc;
        StatusChangedByUserId = by.UserId;
    }

    private void EnsureActive()
    {
        if (Status != ConsentStatus.Active)
        {
            throw new DomainException("Consent.NotActive");
        }
    }

    private static Consent Create(Guid seriesId, int version, Guid citizenId, ConsentTerms terms, ConsentGiving giving, Actor recordedBy, Moment now)
    {
        var recipients = (terms.Recipients ?? []).Distinct().ToList();
        if (recipients.Count == 0)
        {
            throw new DomainException("Consent.Recipients.Required", "recipients");
        }

        if (recipients.Any(r => !Enum.IsDefined(r.Kind) || r.TargetId == Guid.Empty))
        {
            throw new DomainException("Consent.Recipients.Invalid", "recipients");
        }

        if ((terms.Categories & InformationCategory.All) == InformationCategory.None || (terms.Categories & ~InformationCategory.All) != 0)
        {
            throw new DomainException("Consent.Categories.Required", "categories");
        }

        var purposes = terms.Purposes == AccessPurpose.None ? AccessPurpose.Coordination : terms.Purposes;
        if ((purposes & ~(AccessPurpose.Coordination | AccessPurpose.SicknessBenefitFollowUp)) != 0)
        {
            throw new DomainException("Consent.Purposes.Invalid", "purposes");
        }

        var validTo = terms.ValidTo ?? terms.ValidFrom.AddDays(DefaultValidityDays);
        if (validTo < terms.ValidFrom)
        {
            throw new DomainException("Consent.ValidTo.BeforeValidFrom", "validTo");
        }

        if (validTo > terms.ValidFrom.AddYears(5))
        {
            throw new DomainException("Consent.ValidTo.TooLong", "validTo");
        }

        if (!Enum.IsDefined(terms.Condition))
        {
            throw new DomainException("Consent.Condition.Invalid", "condition");
        }

        if (!Enum.IsDefined(giving.GivenBy) || !Enum.IsDefined(giving.Method))
        {
            throw new DomainException("Consent.Giving.Invalid", "method");
        }

        if (giving.Method == ConsentMethod.SignedFormWitnessed && (giving.WitnessProfessionalId is null || giving.DocumentId is null))
        {
            throw new DomainException("Consent.SignedForm.WitnessAndDocumentRequired", "document");
        }

        var consent = new Consent
        {
            Id = Guid.CreateVersion7(now.Utc),
            SeriesId = seriesId,
            Version = version,
            CitizenId = citizenId,
            Categories = terms.Categories,
            Purposes = purposes,
            Purpose = Guard.RequiredText(terms.Purpose, 1000, "Consent.Purpose", "purpose"),
            NotFor = Guard.OptionalText(terms.NotFor, 1000, "Consent.NotFor", "notFor"),
            ValidFrom = terms.ValidFrom,
            ValidTo = validTo,
            Condition = terms.Condition,
            ExcludeRecordsBefore = terms.ExcludeRecordsBefore,
            GivenBy = giving.GivenBy,
            GivenByName = Guard.OptionalText(giving.GivenByName, 200, "Consent.GivenByName", "givenByName"),
            Method = giving.Method,
            WitnessProfessionalId = giving.WitnessProfessionalId,
            DocumentId = giving.DocumentId,
            Status = ConsentStatus.Active,
            RecordedAt = now.Utc,
            RecordedByUserId = recordedBy.UserId,
            RecordedByName = recordedBy.DisplayName,
        };
        if (giving.GivenBy == ConsentGivenBy.Proxy && consent.GivenByName is null)
        {
            throw new DomainException("Consent.Proxy.NameRequired", "givenByName");
        }

        consent._recipients.AddRange(recipients);
        return consent;
    }
}
