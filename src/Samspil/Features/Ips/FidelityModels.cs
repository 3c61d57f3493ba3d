namespace Samspil.Features.Ips;

/// <summary>An IPS team (an organisation unit with fidelity reviews) and its latest result.</summary>
public sealed record FidelityTeamView(
    Guid OrganizationId,
    string Name,
    int ReviewCount,
    FidelityLatestView? Latest,
    bool CanRecord);

/// <summary>The newest review of a team: when, the total out of 125 and its band.</summary>
public sealed record FidelityLatestView(Guid ReviewId, DateOnly ReviewedOn, decimal? Total, int? BandIndex, string? Band);

/// <summary>A unit the user may record a first (or next) review for.</summary>
public sealed record FidelityUnitView(Guid OrganizationId, string Name, int Depth);

/// <summary>One section's subtotal (staffing 3–15, organisation 8–40, services 14–70).</summary>
public sealed record FidelitySectionView(string Key, string Title, decimal? Value, int Minimum, int Maximum);

/// <summary>One item's rating in a review.</summary>
public sealed record FidelityItemView(string LinkId, string Section, string Title, string? Description, int? Rating);

/// <summary>
/// One review: the date of the fidelity visit, the reviewers, the total (25–125) with its band, and the section
/// subtotals; <see cref="Items"/> only when one review is read.
/// </summary>
public sealed record FidelityReviewView(
    Guid Id,
    Guid OrganizationId,
    DateOnly ReviewedOn,
    string Reviewers,
    decimal? Total,
    int Maximum,
    int? BandIndex,
    string? Band,
    IReadOnlyList<FidelitySectionView> Sections,
    IReadOnlyList<FidelityItemView>? Items,
    string InstrumentKey,
    int InstrumentVersion,
    string CreatedByName,
    DateTimeOffset CreatedAt);

/// <summary>A team's history, oldest review first.</summary>
public sealed record FidelityHistoryView(Guid OrganizationId, string Name, bool CanRecord, IReadOnlyList<FidelityReviewView> Reviews);

/// <summary>One item's rating as submitted (the same shape as a questionnaire answer: linkId and number).</summary>
public sealed record FidelityAnswerRequest(string? LinkId, int? Number);

/// <summary>A new review: every item's rating 1–5, the date of the visit (not in the future) and the reviewers' names.</summary>
public sealed record FidelityReviewRequest(IReadOnlyList<FidelityAnswerRequest?>? Answers, DateOnly? ReviewedOn, string? Reviewers);

/// <summary>The form the new-review page shows: the instrument's sections and items in the reader's language.</summary>
public sealed record FidelityFormView(Guid OrganizationId, string Name, string Title, string? Copyright, IReadOnlyList<FidelityFormSection> Sections, string MinLabel, string MaxLabel);

public sealed record FidelityFormSection(string Key, string Title, IReadOnlyList<FidelityItemView> Items);
