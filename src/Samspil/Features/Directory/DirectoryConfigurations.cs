using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samspil.Domain.Directory;

namespace Samspil.Features.Directory;

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> builder)
    {
        builder.ToTable("Organizations");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.Name).HasMaxLength(200).IsRequired();
        builder.Property(o => o.Street).HasMaxLength(200);
        builder.Property(o => o.PostalCode).HasMaxLength(10);
        builder.Property(o => o.City).HasMaxLength(100);
        builder.Property(o => o.PublicPhone).HasMaxLength(30);
        builder.Property(o => o.PublicEmail).HasMaxLength(200);
        builder.PrimitiveCollection(o => o.EntryPointFor);
        builder.Property(o => o.MunicipalityCode).HasMaxLength(4);
        builder.HasOne<Organization>().WithMany().HasForeignKey(o => o.PartOfId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(o => o.Name);
    }
}

internal sealed class ProfessionalConfiguration : IEntityTypeConfiguration<Professional>
{
    public void Configure(EntityTypeBuilder<Professional> builder)
    {
        builder.ToTable("Professionals");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Name).HasMaxLength(200).IsRequired();
        builder.Property(p => p.Profession).HasMaxLength(100).IsRequired();
        builder.HasMany(p => p.Roles).WithOne().HasForeignKey(r => r.ProfessionalId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Roles).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class PractitionerRoleConfiguration : IEntityTypeConfiguration<PractitionerRole>
{
    public void Configure(EntityTypeBuilder<PractitionerRole> builder)
    {
        builder.ToTable("PractitionerRoles");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Title).HasMaxLength(200).IsRequired();
        builder.Property(r => r.Mandate).HasMaxLength(1000).IsRequired();
        builder.Property(r => r.DirectPhone).HasMaxLength(30);
        builder.Property(r => r.DirectEmail).HasMaxLength(200);
        builder.HasOne<Organization>().WithMany().HasForeignKey(r => r.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TargetGroupConfiguration : IEntityTypeConfiguration<TargetGroup>
{
    public void Configure(EntityTypeBuilder<TargetGroup> builder)
    {
        builder.ToTable("TargetGroups");
        builder.HasKey(t => t.Code);
        builder.Property(t => t.Code).HasMaxLength(50);
        builder.Property(t => t.NameDa).HasMaxLength(200).IsRequired();
        builder.Property(t => t.NameEn).HasMaxLength(200).IsRequired();
        builder.Property(t => t.Description).HasMaxLength(2000);
    }
}
