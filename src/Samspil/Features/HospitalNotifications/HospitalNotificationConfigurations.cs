using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samspil.Domain.Admissions;
using Samspil.Domain.Citizens;

namespace Samspil.Features.HospitalNotifications;

internal sealed class InboundMessageConfiguration : IEntityTypeConfiguration<InboundMessage>
{
    public void Configure(EntityTypeBuilder<InboundMessage> builder)
    {
        builder.ToTable("InboundMessages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.ReceivedByName).HasMaxLength(200).IsRequired();
        builder.Property(m => m.FileName).HasMaxLength(200);
        builder.Property(m => m.MessageId).HasMaxLength(100);
        builder.HasIndex(m => m.MessageId).IsUnique();
        builder.Property(m => m.BundleId).HasMaxLength(100);
        builder.Property(m => m.Raw).IsRequired();
        builder.Property(m => m.ErrorCode).HasMaxLength(100);
        builder.Property(m => m.ErrorDetail).HasMaxLength(1000);
        builder.Property(m => m.EventCode).HasMaxLength(20);
        builder.Property(m => m.Department).HasMaxLength(200);
        builder.Property(m => m.SenderSor).HasMaxLength(30);
        builder.Property(m => m.ReceiverSor).HasMaxLength(30);
        builder.Property(m => m.CprHint).HasMaxLength(20);
        builder.Property(m => m.Outcome).HasMaxLength(60);
        builder.Property(m => m.MatchedByName).HasMaxLength(200);
        builder.HasIndex(m => new { m.Status, m.ReceivedAt });
        builder.HasOne<Citizen>().WithMany().HasForeignKey(m => m.CitizenId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class HospitalEventConfiguration : IEntityTypeConfiguration<HospitalEvent>
{
    public void Configure(EntityTypeBuilder<HospitalEvent> builder)
    {
        builder.ToTable("HospitalEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.HasOne<Citizen>().WithMany().HasForeignKey(e => e.CitizenId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<InboundMessage>().WithMany().HasForeignKey(e => e.InboundMessageId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.MessageId).HasMaxLength(100).IsRequired();
        builder.Property(e => e.EpisodeIdentifier).HasMaxLength(300).IsRequired();
        builder.Property(e => e.Department).HasMaxLength(200).IsRequired();
        builder.Property(e => e.DepartmentSor).HasMaxLength(30);
        builder.Property(e => e.Hospital).HasMaxLength(200);
        builder.Property(e => e.StatusChangedByMessageId).HasMaxLength(100);
        builder.Ignore(e => e.IsActive);
        builder.HasIndex(e => new { e.CitizenId, e.Status });
        builder.HasIndex(e => e.MessageId);
    }
}
