namespace Samspil.Domain.Consents;

/// <summary>
/// What a proxy's power of attorney lets them do for one citizen: which information categories they
/// may read, on which days (from and to inclusive, Copenhagen dates), and whether they may give or limit
/// consent on the citizen's behalf. Built from a registered <see cref="PowerOfAttorney"/> that has not been ended.
/// </summary>
public sealed record ProxyMandate(Guid CitizenId, InformationCategory Categories, DateOnly ValidFrom, DateOnly? ValidTo, bool MayConsent)
{
    public bool IsValidOn(DateOnly day) => ValidFrom <= day && (ValidTo is not { } to || day <= to);

    public bool Covers(InformationCategory category, DateOnly day) => (Categories & category) == category && IsValidOn(day);
}
