using Samspil.Domain.MasterData;

namespace Samspil.Features.MasterData;

/// <summary>A complete correction of a citizen's own record (PUT: every field as it should be; null clears an optional one).</summary>
public sealed record CitizenCorrectionRequest(
    string? GivenName,
    string? FamilyName,
    string? PreferredLanguage,
    bool? InterpreterNeeded,
    string? InterpreterLanguage,
    string? Phone,
    string? Email,
    string? Address);

/// <summary>A complete correction of a course's master data.</summary>
public sealed record CourseCorrectionRequest(
    string? TargetGroupCode,
    Guid? RegionOrganizationId,
    Guid? MunicipalityOrganizationId,
    DateOnly? ExpectedTreatmentEndDate);

public sealed record CourseMasterDataView(
    Guid CourseId,
    Guid CitizenId,
    string TargetGroupCode,
    Guid? RegionOrganizationId,
    Guid? MunicipalityOrganizationId,
    DateOnly? ExpectedTreatmentEndDate,
    int Version);

/// <summary>One corrected field: what it was, what it became, who changed it, when and from which day.</summary>
public sealed record MasterDataChangeView(
    MasterDataEntity Entity,
    string Field,
    string? OldValue,
    string? NewValue,
    int Version,
    string ChangedBy,
    DateTimeOffset ChangedAt,
    DateOnly EffectiveOn)
{
    public static MasterDataChangeView Of(MasterDataChange c) =>
        new(c.Entity, c.Field, c.OldValue, c.NewValue, c.Version, c.ChangedByName, c.ChangedAt, c.EffectiveOn);
}

/// <summary>A correction made against an older version than the stored one (answered with 412).</summary>
public sealed class MasterDataVersionConflictException(int currentVersion) : Exception("The master data changed since it was read.")
{
    public int CurrentVersion { get; } = currentVersion;
}
