using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samspil.Domain.Notifications;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Notifications;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("Notifications");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.HasOne<AppUser>().WithMany().HasForeignKey(n => n.RecipientUserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(n => n.Detail).HasMaxLength(200);
        builder.Property(n => n.Link).HasMaxLength(300);
        builder.Property(n => n.DeduplicationKey).HasMaxLength(200).IsRequired();
        builder.HasIndex(n => new { n.RecipientUserId, n.DeduplicationKey }).IsUnique();
        builder.HasIndex(n => new { n.RecipientUserId, n.CreatedAt });
        builder.HasIndex(n => n.CourseId);
    }
}

internal sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<NotificationPreference> builder)
    {
        builder.ToTable("NotificationPreferences");
        builder.HasKey(p => p.UserId);
        builder.HasOne<AppUser>().WithOne().HasForeignKey<NotificationPreference>(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(p => p.Language).HasMaxLength(10);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("OutboxMessages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Topic).HasMaxLength(60).IsRequired();
        builder.Property(m => m.Payload).HasMaxLength(4000).IsRequired();
        builder.Property(m => m.DeduplicationKey).HasMaxLength(200).IsRequired();
        builder.HasIndex(m => m.DeduplicationKey).IsUnique();
        builder.Property(m => m.LastError).HasMaxLength(1000);
        builder.Property(m => m.LockedBy).HasMaxLength(100);
        builder.HasIndex(m => new { m.DeliveredAt, m.GaveUpAt, m.DueAt });
    }
}
