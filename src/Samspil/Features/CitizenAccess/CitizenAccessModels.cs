using Samspil.Domain.Consents;

namespace Samspil.Features.CitizenAccess;

/// <summary>Where a citizen's own login stands.</summary>
public enum CitizenLoginState
{
    /// <summary>No citizen login: "Giv borgeren adgang" creates one.</summary>
    None = 0,

    /// <summary>A login exists but nobody has chosen a password for it yet; a new letter replaces the old code.</summary>
    Invited = 1,

    /// <summary>The citizen has activated their login (or it is locked): no new letter.</summary>
    Active = 2,
}

/// <summary>What a printed activation letter holds. Never a CPR number.</summary>
public sealed record ActivationLetter(
    Guid UserId,
    string RecipientName,
    string CitizenName,
    bool ForProxy,
    string Code,
    string ActivationUrl,
    DateTimeOffset ExpiresAt);

public sealed record CitizenAccessView(Guid CitizenId, CitizenLoginState CitizenLogin, IReadOnlyList<PowerOfAttorneyView> PowersOfAttorney);

public sealed record PowerOfAttorneyView(
    Guid Id,
    Guid CitizenId,
    string ProxyName,
    string Relation,
    string? Email,
    string? Phone,
    Guid? DocumentId,
    string? DocumentReference,
    DateOnly ValidFrom,
    DateOnly? ValidTo,
    InformationCategory Categories,
    bool MayConsent,
    Guid? ProxyUserId,
    DateTimeOffset RegisteredAt,
    string RegisteredByName,
    DateTimeOffset? EndedAt,
    bool InForce)
{
    public static PowerOfAttorneyView From(PowerOfAttorney p, DateOnly today) => new(
        p.Id, p.CitizenId, p.ProxyName, p.Relation, p.Email, p.Phone, p.DocumentId, p.DocumentReference, p.ValidFrom, p.ValidTo,
        p.Categories, p.MayConsent, p.ProxyUserId, p.RegisteredAt, p.RegisteredByName, p.EndedAt, p.IsInForceOn(today));
}

/// <summary>
/// A power of attorney to register. Categories as a list of names (e.g. ["StatusAndAppointments","PlanAndGoals"]).
/// The signed document is either uploaded first (<see cref="DocumentId"/>) or named by a reference.
/// </summary>
public sealed record PowerOfAttorneyRequest(
    string? ProxyName,
    string? Relation,
    string? Email,
    string? Phone,
    Guid? DocumentId,
    string? DocumentReference,
    DateOnly? ValidFrom,
    DateOnly? ValidTo,
    IReadOnlyList<InformationCategory>? Categories,
    bool MayConsent);

public sealed record CitizenAccessGranted(Guid UserId, string Code, string ActivationUrl, DateTimeOffset ExpiresAt);

public sealed record PowerOfAttorneyRegistered(PowerOfAttorneyView PowerOfAttorney, Guid ProxyUserId, string Code, string ActivationUrl, DateTimeOffset ExpiresAt);
