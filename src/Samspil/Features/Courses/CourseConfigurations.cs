using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samspil.Domain.Citizens;
using Samspil.Domain.Courses;
using Samspil.Domain.Directory;
using Samspil.Domain.Network;

namespace Samspil.Features.Courses;

internal sealed class CitizenConfiguration : IEntityTypeConfiguration<Citizen>
{
    public void Configure(EntityTypeBuilder<Citizen> builder)
    {
        builder.ToTable("Citizens");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.GivenName).HasMaxLength(100).IsRequired();
        builder.Property(c => c.FamilyName).HasMaxLength(100).IsRequired();
        builder.Property(c => c.Cpr)
            .HasConversion(cpr => cpr.Value, value => CprNumber.FromStored(value))
            .HasMaxLength(10)
            .IsRequired();
        builder.HasIndex(c => c.Cpr).IsUnique();
        builder.Property(c => c.PreferredLanguage).HasMaxLength(3).IsRequired();
        builder.Property(c => c.InterpreterLanguage).HasMaxLength(3);
        builder.Property(c => c.Phone).HasMaxLength(30);
        builder.Property(c => c.Email).HasMaxLength(200);
        builder.Property(c => c.Address).HasMaxLength(300);
        builder.Ignore(c => c.FullName);
        builder.Ignore(c => c.IdentityWithheld);

        // The version is the ETag of a correction: an UPDATE made against an older version touches no row and fails.
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasOne<Organization>().WithMany().HasForeignKey(c => c.RecordedByOrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CourseConfiguration : IEntityTypeConfiguration<Course>
{
    public void Configure(EntityTypeBuilder<Course> builder)
    {
        builder.ToTable("Courses");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.TargetGroupCode).HasMaxLength(50).IsRequired();
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasOne<Citizen>().WithMany().HasForeignKey(c => c.CitizenId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<TargetGroup>().WithMany().HasForeignKey(c => c.TargetGroupCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organization>().WithMany().HasForeignKey(c => c.RegionOrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organization>().WithMany().HasForeignKey(c => c.MunicipalityOrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organization>().WithMany().HasForeignKey(c => c.RecordedByOrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.PhaseTransitions).WithOne().HasForeignKey(t => t.CourseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Members).WithOne().HasForeignKey(m => m.CourseId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.PhaseTransitions).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(c => c.Members).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class PhaseTransitionConfiguration : IEntityTypeConfiguration<PhaseTransition>
{
    public void Configure(EntityTypeBuilder<PhaseTransition> builder)
    {
        builder.ToTable("PhaseTransitions");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.ChangedByName).HasMaxLength(200).IsRequired();
        builder.Property(t => t.Note).HasMaxLength(1000);
        builder.HasIndex(t => new { t.CourseId, t.At });
    }
}

internal sealed class NetworkMemberConfiguration : IEntityTypeConfiguration<NetworkMember>
{
    public void Configure(EntityTypeBuilder<NetworkMember> builder)
    {
        builder.ToTable("NetworkMembers");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.PersonName).HasMaxLength(200);
        builder.Property(m => m.Relation).HasMaxLength(100);
        builder.Property(m => m.Phone).HasMaxLength(30);
        builder.Property(m => m.Email).HasMaxLength(200);
        builder.Property(m => m.RoleNote).HasMaxLength(200);
        builder.Property(m => m.EndReason).HasMaxLength(500);
        builder.Property(m => m.AgreementNote).HasMaxLength(1000);
        builder.Property(m => m.AgreementRecordedByName).HasMaxLength(200).IsRequired();
        builder.HasOne<PractitionerRole>().WithMany().HasForeignKey(m => m.PractitionerRoleId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<NetworkMember>().WithMany().HasForeignKey(m => m.PreviousMembershipId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => new { m.PractitionerRoleId, m.ActiveTo });
    }
}

internal sealed class MasterDataChangeConfiguration : IEntityTypeConfiguration<Samspil.Domain.MasterData.MasterDataChange>
{
    public void Configure(EntityTypeBuilder<Samspil.Domain.MasterData.MasterDataChange> builder)
    {
        builder.ToTable("MasterDataChanges");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Field).HasMaxLength(60).IsRequired();
        builder.Property(c => c.OldValue).HasMaxLength(300);
        builder.Property(c => c.NewValue).HasMaxLength(300);
        builder.Property(c => c.ChangedByName).HasMaxLength(200).IsRequired();
        builder.HasOne<Citizen>().WithMany().HasForeignKey(c => c.CitizenId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.Entity, c.EntityId, c.ChangedAt });
        builder.HasIndex(c => c.CitizenId);
    }
}
