using Samspil.Domain.Reporting;

namespace Samspil.Features.Reporting;

/// <summary>
/// The dashboard's filters as typed (query string or form). Text, so a bad value becomes a clear
/// validation problem naming the field rather than a framework binding error.
/// </summary>
public sealed record DashboardQuery(string? Municipality = null, string? Organization = null, string? TargetGroup = null, string? From = null, string? To = null, string? Basis = null);

/// <summary>The filters as applied, with display names.</summary>
public sealed record DashboardFilterView(
    Guid? MunicipalityId,
    string? MunicipalityName,
    Guid? OrganizationId,
    string? OrganizationName,
    string? TargetGroup,
    string? TargetGroupName,
    DateOnly From,
    DateOnly To,
    DateOnly ReferenceDate,
    PeriodBasis Basis);

/// <summary>The model (network meetings) of a target group, with its display name.</summary>
public sealed record TargetGroupName(string Code, string Name);

/// <summary>
/// The dashboard as the API returns it. Every figure is a cell: <c>status</c> is Shown (with a
/// <c>value</c>), Suppressed (no value: fewer than 5 courses or citizens behind it) or NoData.
/// </summary>
public sealed record DashboardView(DashboardFilterView Filter, Dashboard Figures, IReadOnlyList<TargetGroupName> TargetGroups);

public sealed record FilterOption(string Value, string Name);

/// <summary>What the filters offer: municipalities, organisations and target groups.</summary>
public sealed record DashboardOptions(IReadOnlyList<FilterOption> Municipalities, IReadOnlyList<FilterOption> Organizations, IReadOnlyList<FilterOption> TargetGroups);

/// <summary>The work attachment recorded at one point.</summary>
public sealed record WorkAttachmentEntryView(WorkAttachmentPoint Point, WorkAttachmentStatus Status, DateTimeOffset RecordedAt, string RecordedBy);

/// <summary>A course's work attachment: what is recorded, and what may be recorded now.</summary>
public sealed record WorkAttachmentView(
    Guid CourseId,
    DateOnly? CourseEndDate,
    DateOnly? FollowUpOpensOn,
    bool FollowUpDue,
    WorkAttachmentEntryView? CourseEnd,
    WorkAttachmentEntryView? SixMonthsAfter,
    bool CanRecordAtEnd,
    bool CanRecordFollowUp);

public sealed record RecordWorkAttachmentRequest(WorkAttachmentPoint? Point, WorkAttachmentStatus? Status);

/// <summary>
/// One instrument's figures over time (issue 19, part 4): per quarter of the period and for the whole period, the
/// number of answers and the mean of each scale (the primary scale first; titles from the instrument's definition in
/// the reader's language). Means from fewer than 5 answers and counts of 1–4 are Suppressed, with no value.
/// </summary>
public sealed record ScoreSeries(string InstrumentKey, string Title, IReadOnlyList<ScaleHeading> Scales, IReadOnlyList<ScorePeriod> Quarters, ScorePeriod Period);

/// <summary>The citizens' experience of coherence (citizen-experience instruments) over time.</summary>
public sealed record ExperienceView(DashboardFilterView Filter, IReadOnlyList<ScoreSeries> Instruments);

/// <summary>A collaboration instrument's figures: over time, and per tie between two areas this period against the period before.</summary>
public sealed record CollaborationSeries(ScoreSeries OverTime, IReadOnlyList<TieFigures> Ties);

/// <summary>The collaboration between sectors; <see cref="PreviousFrom"/>–<see cref="PreviousTo"/> is the equally long period before, for the ties' trend.</summary>
public sealed record CollaborationView(DashboardFilterView Filter, DateOnly PreviousFrom, DateOnly PreviousTo, IReadOnlyList<CollaborationSeries> Instruments);

/// <summary>One IPS fidelity review: its date, total, the highest possible total (125) and its band in the reader's language.</summary>
public sealed record FidelityReviewView(DateOnly ReviewedOn, decimal? Total, decimal? Maximum, string? Band, string InstrumentKey, int InstrumentVersion);

/// <summary>An IPS team's fidelity reviews in the period, oldest first. Organisation data: not suppressed.</summary>
public sealed record FidelityTeamView(Guid OrganizationId, string Name, IReadOnlyList<FidelityReviewView> Reviews);

public sealed record FidelityView(DashboardFilterView Filter, IReadOnlyList<FidelityTeamView> Teams);
