using Samspil.Domain.Common;

namespace Samspil.Domain.MasterData;

/// <summary>Which kind of master data a change is to.</summary>
public enum MasterDataEntity
{
    Citizen = 0,
    Course = 1,
}

/// <summary>One field's old and new value, before it is stored as a <see cref="MasterDataChange"/>.</summary>
public sealed record FieldChange(string Field, string? OldValue, string? NewValue);

/// <summary>
/// One corrected field of a citizen's or a course's master data: what it was, what it became, who
/// changed it and when (ADR 0014). Old and new values are the citizen's personal data, so the row is
/// a citizen record: read and written only through the access layer, and never without a log entry.
/// </summary>
public sealed class MasterDataChange : ICitizenRecord
{
    private MasterDataChange()
    {
        Field = string.Empty;
        ChangedByName = string.Empty;
    }

    public Guid Id { get; private set; }

    public MasterDataEntity Entity { get; private set; }

    public Guid EntityId { get; private set; }

    public Guid CitizenId { get; private set; }

    public string Field { get; private set; }

    public string? OldValue { get; private set; }

    public string? NewValue { get; private set; }

    /// <summary>The entity's version after the change: the changes of one edit share it.</summary>
    public int Version { get; private set; }

    public Guid ChangedByUserId { get; private set; }

    public string ChangedByName { get; private set; }

    public DateTimeOffset ChangedAt { get; private set; }

    /// <summary>The day the change takes effect (Copenhagen time): a move of municipality is dated.</summary>
    public DateOnly EffectiveOn { get; private set; }

    public static MasterDataChange Record(MasterDataEntity entity, Guid entityId, Guid citizenId, int version, FieldChange change, Actor by, Moment now) => new()
    {
        Id = Guid.CreateVersion7(now.Utc),
        Entity = entity,
        EntityId = entityId,
        CitizenId = citizenId,
        Field = change.Field,
        OldValue = change.OldValue,
        NewValue = change.NewValue,
        Version = version,
        ChangedByUserId = by.UserId,
        ChangedByName = by.DisplayName,
        ChangedAt = now.Utc,
        EffectiveOn = now.Today,
    };

    /// <summary>The fields whose value differs between two snapshots, in the snapshots' order.</summary>
    public static IReadOnlyList<FieldChange> Between(IReadOnlyList<(string Field, string? Value)> before, IReadOnlyList<(string Field, string? Value)> after) =>
        before.Zip(after)
            .Where(p => !string.Equals(p.First.Value, p.Second.Value, StringComparison.Ordinal))
            .Select(p => new FieldChange(p.First.Field, p.First.Value, p.Second.Value))
            .ToList();
}
