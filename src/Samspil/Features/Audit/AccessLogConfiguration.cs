using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samspil.Domain.Audit;

namespace Samspil.Features.Audit;

internal sealed class AccessLogEntryConfiguration : IEntityTypeConfiguration<AccessLogEntry>
{
    public void Configure(EntityTypeBuilder<AccessLogEntry> builder)
    {
        builder.ToTable("AccessLog");

        // The sequence orders the whole log (the append takes it after locking the citizen's chain head, so it
        // rises along each chain); the chain position is unique per citizen, so two writers can never fork a chain.
        builder.HasKey(e => e.Sequence);
        builder.Property(e => e.Sequence).ValueGeneratedNever();
        builder.Property(e => e.ChainPosition).HasDefaultValue(0L);
        builder.Property(e => e.UserName).HasMaxLength(200).IsRequired();
        builder.Property(e => e.Category).HasMaxLength(40);
        builder.Property(e => e.Purpose).HasMaxLength(100);
        builder.Property(e => e.ResourceType).HasMaxLength(50).IsRequired();
        builder.Property(e => e.LegalBasisCode).HasMaxLength(50);
        builder.Property(e => e.RequestId).HasMaxLength(100).IsRequired();
        builder.Property(e => e.PreviousHash).HasMaxLength(64).IsFixedLength().IsRequired();
        builder.Property(e => e.Hash).HasMaxLength(64).IsFixedLength().IsRequired();
        builder.HasIndex(e => new { e.CitizenId, e.Sequence });
        builder.HasIndex(e => new { e.CitizenId, e.ChainPosition }).IsUnique().HasFilter("\"ChainPosition\" > 0");
    }
}

/// <summary>
/// The legacy global chain's newest position (entries written before issue 16, chain position 0), so deleting its
/// last rows stays detectable. Frozen: appends no longer advance it (ADR 0015).
/// </summary>
public sealed class AccessLogHead
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public long Sequence { get; set; }

    public string Hash { get; set; } = Domain.Audit.AccessLogChain.Genesis;
}

internal sealed class AccessLogHeadConfiguration : IEntityTypeConfiguration<AccessLogHead>
{
    public void Configure(EntityTypeBuilder<AccessLogHead> builder)
    {
        builder.ToTable("AccessLogHead");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.Property(h => h.Hash).HasMaxLength(64).IsFixedLength().IsRequired();
        builder.HasData(new AccessLogHead());
    }
}

/// <summary>
/// The newest position and hash of one citizen's chain: deleting a chain's newest entries is detectable, and an append
/// locks this row only, so appends for different citizens do not wait for each other (ADR 0015).
/// </summary>
public sealed class AccessLogChainHead
{
    public Guid CitizenId { get; set; }

    public long Position { get; set; }

    public string Hash { get; set; } = Domain.Audit.AccessLogChain.Genesis;
}

internal sealed class AccessLogChainHeadConfiguration : IEntityTypeConfiguration<AccessLogChainHead>
{
    public void Configure(EntityTypeBuilder<AccessLogChainHead> builder)
    {
        builder.ToTable("AccessLogChainHeads");
        builder.HasKey(h => h.CitizenId);
        builder.Property(h => h.CitizenId).ValueGeneratedNever();
        builder.Property(h => h.Hash).HasMaxLength(64).IsFixedLength().IsRequired();
    }
}

/// <summary>One chain head recorded by a checkpoint (<see cref="AccessLogCheckpoint"/>).</summary>
public sealed class AccessLogCheckpointHeadRow
{
    public long CheckpointNumber { get; set; }

    public Guid CitizenId { get; set; }

    public long Position { get; set; }

    public string Hash { get; set; } = string.Empty;
}

internal sealed class AccessLogCheckpointConfiguration : IEntityTypeConfiguration<AccessLogCheckpoint>
{
    public void Configure(EntityTypeBuilder<AccessLogCheckpoint> builder)
    {
        builder.ToTable("AccessLogCheckpoints");
        builder.HasKey(c => c.Number);
        builder.Property(c => c.Number).ValueGeneratedNever();
        builder.Property(c => c.PreviousHash).HasMaxLength(64).IsFixedLength().IsRequired();
        builder.Property(c => c.Hash).HasMaxLength(64).IsFixedLength().IsRequired();
    }
}

internal sealed class AccessLogCheckpointHeadRowConfiguration : IEntityTypeConfiguration<AccessLogCheckpointHeadRow>
{
    public void Configure(EntityTypeBuilder<AccessLogCheckpointHeadRow> builder)
    {
        builder.ToTable("AccessLogCheckpointHeads");
        builder.HasKey(h => new { h.CheckpointNumber, h.CitizenId });
        builder.Property(h => h.Hash).HasMaxLength(64).IsFixedLength().IsRequired();
        builder.HasIndex(h => new { h.CitizenId, h.Position });
        builder.HasOne<AccessLogCheckpoint>().WithMany().HasForeignKey(h => h.CheckpointNumber).OnDelete(DeleteBehavior.Restrict);
    }
}
