using Samspil.Domain.Common;

namespace Samspil.Domain.Consents;

/// <summary>
/// A registered power of attorney (fuldmagt): a relative or other person may act for the citizen within
/// a scope of information categories, for a period, optionally also giving or limiting consent. Staff
/// register it with the signed document; it gives the proxy a login of their own, and the proxy's access
/// follows it: outside the period, outside the scope, or once ended, the proxy reads nothing.
/// </summary>
public sealed class PowerOfAttorney : ICitizenRecord
{
    public const int NameMaxLength = 200;
    public const int RelationMaxLength = 100;
    public const int ReferenceMaxLength = 200;

    private PowerOfAttorney()
    {
        ProxyName = string.Empty;
        Relation = string.Empty;
        RegisteredByName = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid CitizenId { get; private set; }

    public string ProxyName { get; private set; }

    /// <summary>How the proxy is related to the citizen, e.g. "søster", "værge".</summary>
    public string Relation { get; private set; }

    public string? Email { get; private set; }

    public string? Phone { get; private set; }

    /// <summary>The uploaded, signed document (kept with the consent documents), if one was uploaded.</summary>
    public Guid? DocumentId { get; private set; }

    /// <summary>Where the paper document is kept (journal number or similar), if it was not uploaded.</summary>
    public string? DocumentReference { get; private set; }

    public DateOnly ValidFrom { get; private set; }

    public DateOnly? ValidTo { get; private set; }

    public InformationCategory Categories { get; private set; }

    public bool MayConsent { get; private set; }

    /// <summary>The proxy's own login, created when the power of attorney is registered.</summary>
    public Guid? ProxyUserId { get; private set; }

    public DateTimeOffset RegisteredAt { get; private set; }

    public Guid RegisteredByUserId { get; private set; }

    public string RegisteredByName { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    public Guid? EndedByUserId { get; private set; }

    public static PowerOfAttorney Register(
        Guid citizenId,
        string? proxyName,
        string? relation,
        string? email,
        string? phone,
        Guid? documentId,
        string? documentReference,
        DateOnly validFrom,
        DateOnly? validTo,
        InformationCategory categories,
        bool mayConsent,
        Actor by,
        Moment now)
    {
        var name = Guard.RequiredText(proxyName, NameMaxLength, "PowerOfAttorney.ProxyName", "proxyName");
        var related = Guard.RequiredText(relation, RelationMaxLength, "PowerOfAttorney.Relation", "relation");
        var mail = Guard.OptionalText(email, 254, "PowerOfAttorney.Email", "email");
        if (mail is not null && (!mail.Contains('@', StringComparison.Ordinal) || mail.Any(char.IsWhiteSpace)))
        {
            throw new DomainException("PowerOfAttorney.Email.Invalid", "email");
        }

        var phoneNumber = Guard.OptionalText(phone, 40, "PowerOfAttorney.Phone", "phone");
        var reference = Guard.OptionalText(documentReference, ReferenceMaxLength, "PowerOfAttorney.DocumentReference", "documentReference");
        if (documentId is null && reference is null)
        {
            throw new DomainException("PowerOfAttorney.Document.Required", "document");
        }

        if (validTo is { } to && to < validFrom)
        {
            throw new DomainException("PowerOfAttorney.Period.Invalid", "validTo");
        }

        if (validTo is { } end && end < now.Today)
        {
            throw new DomainException("PowerOfAttorney.Period.Past", "validTo");
        }

        var scope = categories & InformationCategory.All;
        if (scope == InformationCategory.None || scope != categories)
        {
            throw new DomainException("PowerOfAttorney.Scope.Required", "categories");
        }

        return new PowerOfAttorney
        {
            Id = Guid.CreateVersion7(now.Utc),
            CitizenId = citizenId,
            ProxyName = name,
            Relation = related,
            Email = mail,
            Phone = phoneNumber,
            DocumentId = documentId,
            DocumentReference = reference,
            ValidFrom = validFrom,
            ValidTo = validTo,
            Categories = scope,
            MayConsent = mayConsent,
            RegisteredAt = now.Utc,
            RegisteredByUserId = by.UserId,
            RegisteredByName = by.DisplayName.Length > NameMaxLength ? by.DisplayName[..NameMaxLength] : by.DisplayName,
        };
    }

    public bool IsEnded => EndedAt is not null;

    /// <summary>In force on that day: registered for it and not ended.</summary>
    public bool IsInForceOn(DateOnly day) => !IsEnded && ValidFrom <= day && (ValidTo is not { } to || day <= to);

    public void LinkProxy(Guid userId) => ProxyUserId = userId;

    /// <summary>Ends it at once (revoked, or the citizen no longer wants it); the proxy's access ends with it.</summary>
    public void End(Actor by, Moment now)
    {
        if (IsEnded)
        {
            throw new DomainException("PowerOfAttorney.AlreadyEnded");
        }

        EndedAt = now.Utc;
        EndedByUserId = by.UserId;
    }

    /// <summary>The policy's view of it; null once ended.</summary>
    public ProxyMandate? Mandate() => IsEnded ? null : new ProxyMandate(CitizenId, Categories, ValidFrom, ValidTo, MayConsent);
}
