namespace Samspil.Features.EntryPoints;

/// <summary>What the entry-point page lets a visitor choose from: every municipality and every active target group.</summary>
public sealed record EntryPointChoices(IReadOnlyList<EntryPointOption> Municipalities, IReadOnlyList<EntryPointOption> TargetGroups);

public sealed record EntryPointOption(string Code, string Name);

/// <summary>
/// "Hvor henvender jeg mig?": the municipality's single entry point (R4) for a target group, and the after-hours and
/// crisis offerings that serve the municipality, evaluated at <paramref name="At"/>.
/// </summary>
/// <param name="EntryPoints">Empty when the municipality has named no entry point for the group.</param>
/// <param name="UrgentHelp">After-hours and crisis offerings for the municipality (or the whole country), open ones first.</param>
public sealed record EntryPointAnswer(
    string MunicipalityCode,
    string MunicipalityName,
    string TargetGroupCode,
    string TargetGroupName,
    IReadOnlyList<EntryPointUnitView> EntryPoints,
    IReadOnlyList<UrgentHelpView> UrgentHelp,
    DateTimeOffset At);

/// <summary>An entry-point unit: its public contact, and its opening hours when it has an offering for the target group.</summary>
/// <param name="Hours">Null when the unit has no active offering for the group: then only the contact is known.</param>
public sealed record EntryPointUnitView(
    Guid OrganizationId,
    string Name,
    string? Street,
    string? PostalCode,
    string? City,
    string? MapUrl,
    string? Phone,
    string? TelHref,
    string? Email,
    OpenStateView? Hours);

/// <summary>Opening hours of an offering and whether it is open at the time asked.</summary>
/// <param name="NextChange">When it next opens (if closed) or closes (if open), within the coming week; null for always open or none.</param>
public sealed record OpenStateView(
    Guid OfferingId,
    string OfferingName,
    bool AlwaysOpen,
    bool ClosedOnPublicHolidays,
    IReadOnlyList<WeeklyHoursView> Week,
    string? Note,
    bool OpenNow,
    DateTimeOffset? NextChange);

/// <summary>One weekly opening period in Danish local time; closes before opens means past midnight.</summary>
public sealed record WeeklyHoursView(DayOfWeek Day, TimeOnly Opens, TimeOnly Closes);

/// <summary>An after-hours or crisis offering (a 24-hour line, an acute psychiatric reception).</summary>
public sealed record UrgentHelpView(
    Guid OfferingId,
    string Name,
    string OrganizationName,
    string? Phone,
    string? TelHref,
    bool IsCrisis,
    OpenStateView Hours);
