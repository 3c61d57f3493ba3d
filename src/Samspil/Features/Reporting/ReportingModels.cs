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
