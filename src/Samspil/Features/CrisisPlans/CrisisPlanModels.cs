using Samspil.Domain.CrisisPlans;

namespace Samspil.Features.CrisisPlans;

/// <summary>
/// A crisis plan as the API and pages show it; version 0 while none has been saved. The contacts are resolved:
/// a network member or offering with its current name and phone, an offering with whether it is open right now.
/// </summary>
/// <param name="CanEdit">The reader may change it (the citizen, their proxy, or staff who may change the course).</param>
/// <param name="CitizenMode">The reader is the citizen or their proxy.</param>
public sealed record CrisisPlanView(
    Guid CourseId,
    Guid? PlanId,
    int Version,
    string CitizenName,
    bool IsDemo,
    DateTimeOffset? UpdatedAt,
    string? UpdatedByName,
    CrisisPlanAuthor? UpdatedByKind,
    IReadOnlyList<string> EarlySigns,
    IReadOnlyList<string> WhatHelps,
    IReadOnlyList<string> WhatIDo,
    IReadOnlyList<CrisisContactView> DayContacts,
    IReadOnlyList<CrisisContactView> NightContacts,
    IReadOnlyList<string> DoNotWant,
    IReadOnlyList<PersonToTell> PeopleToTell,
    bool CanEdit,
    bool CitizenMode)
{
    public bool IsEmpty => EarlySigns.Count + WhatHelps.Count + WhatIDo.Count + DayContacts.Count + NightContacts.Count + DoNotWant.Count + PeopleToTell.Count == 0;
}

/// <param name="OpenNow">For an offering: open at this moment (Copenhagen time, exceptions and public holidays counted); null for others.</param>
/// <param name="Available">False when the member has left the network or the offering is no longer active.</param>
public sealed record CrisisContactView(
    CrisisContactKind Kind,
    Guid? MemberId,
    Guid? OfferingId,
    string Name,
    string? Organization,
    string? Phone,
    string? Note,
    bool? OpenNow,
    bool AlwaysOpen,
    bool IsAfterHours,
    bool IsCrisis,
    string? HoursNote,
    bool Available)
{
    /// <summary>A tel: link with only digits and a leading +, or null without a phone.</summary>
    public string? TelHref => CrisisPhone.TelHref(Phone);
}

/// <summary>What the edit form offers to pick a contact from.</summary>
public sealed record CrisisPlanOptions(IReadOnlyList<CrisisContactOption> Members, IReadOnlyList<CrisisContactOption> Offerings);

public sealed record CrisisContactOption(Guid Id, string Label, bool? OpenNow);

public static class CrisisPhone
{
    public static string? TelHref(string? phone) => phone is { } p && p.Any(char.IsAsciiDigit)
        ? "tel:" + new string(p.Where((c, i) => char.IsAsciiDigit(c) || (c == '+' && i == 0)).ToArray())
        : null;
}
