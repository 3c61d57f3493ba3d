using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samspil.Domain.Citizens;
using Samspil.Domain.Consents;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.CitizenAccess;

internal sealed class PowerOfAttorneyConfiguration : IEntityTypeConfiguration<PowerOfAttorney>
{
    public void Configure(EntityTypeBuilder<PowerOfAttorney> builder)
    {
        builder.ToTable("PowersOfAttorney");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.ProxyName).HasMaxLength(PowerOfAttorney.NameMaxLength).IsRequired();
        builder.Property(p => p.Relation).HasMaxLength(PowerOfAttorney.RelationMaxLength).IsRequired();
        builder.Property(p => p.Email).HasMaxLength(254);
        builder.Property(p => p.Phone).HasMaxLength(40);
        builder.Property(p => p.DocumentReference).HasMaxLength(PowerOfAttorney.ReferenceMaxLength);
        builder.Property(p => p.RegisteredByName).HasMaxLength(PowerOfAttorney.NameMaxLength).IsRequired();

        // A set of flags, stored by name like a consent's ("StatusAndAppointments, PlanAndGoals").
        builder.Property(p => p.Categories).HasMaxLength(200);
        builder.HasOne<Citizen>().WithMany().HasForeignKey(p => p.CitizenId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ConsentDocument>().WithMany().HasForeignKey(p => p.DocumentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(p => p.ProxyUserId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(p => p.CitizenId);
        builder.HasIndex(p => p.ProxyUserId);
    }
}
