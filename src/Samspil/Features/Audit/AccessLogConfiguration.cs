using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samspil.Domain.Audit;

namespace Samspil.Features.Audit;

internal sealed class AccessLogEntryConfiguration : IEntityTypeConfiguration<AccessLogEntry>
{
    public void Configure(EntityTypeBuilder<AccessLogEntry> builder)
    {
        builder.ToTable("AccessLog");

        // The sequence is the chain position: a primary key, so two writers can never fork the chain.
        builder.HasKey(e => e.Sequence);
        builder.Property(e => e.Sequence).ValueGeneratedNever();
        builder.Property(e => e.UserName).HasMaxLength(200).IsRequired();
        builder.Property(e => e.Category).HasMaxLength(40);
        builder.Property(e => e.Purpose).HasMaxLength(100);
        builder.Property(e => e.ResourceType).HasMaxLength(50).IsRequired();
        builder.Property(e => e.LegalBasisCode).HasMaxLength(50);
        builder.Property(e => e.RequestId).HasMaxLength(100).IsRequired();
        builder.Property(e => e.PreviousHash).HasMaxLength(64).IsFixedLength().IsRequired();
        builder.Property(e => e.Hash).HasMaxLength(64).IsFixedLength().IsRequired();
        builder.HasIndex(e => new { e.CitizenId, e.Sequence });
    }
}

/// <summary>The newest position of the chain, so deleting the last rows is detectable.</summary>
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
