using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samspil.Domain.Citizens;
using Samspil.Domain.Courses;
using Samspil.Domain.CrisisPlans;

namespace Samspil.Features.CrisisPlans;

internal sealed class CrisisPlanConfiguration : IEntityTypeConfiguration<CrisisPlan>
{
    public void Configure(EntityTypeBuilder<CrisisPlan> builder)
    {
        builder.ToTable("CrisisPlans");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.HasIndex(p => p.CourseId).IsUnique(); // one crisis plan per course
        builder.HasOne<Course>().WithMany().HasForeignKey(p => p.CourseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Citizen>().WithMany().HasForeignKey(p => p.CitizenId).OnDelete(DeleteBehavior.Restrict);

        // The version is the ETag: an UPDATE made against an older version touches no row and fails.
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Property(p => p.UpdatedByName).HasMaxLength(200).IsRequired();

        // The content is replaced as a whole on every save and never queried into: one JSON text column on both providers.
        builder.Property(p => p.Content)
            .HasConversion(c => c.ToJson(), json => CrisisPlanContent.FromJson(json), new ValueComparer<CrisisPlanContent>((a, b) => a!.ToJson() == b!.ToJson(), c => c.ToJson().GetHashCode(StringComparison.Ordinal), c => CrisisPlanContent.FromJson(c.ToJson())))
            .IsRequired();
    }
}

internal sealed class CrisisPlanVersionConfiguration : IEntityTypeConfiguration<CrisisPlanVersion>
{
    public void Configure(EntityTypeBuilder<CrisisPlanVersion> builder)
    {
        builder.ToTable("CrisisPlanVersions");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.HasOne<CrisisPlan>().WithMany().HasForeignKey(v => v.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(v => new { v.PlanId, v.Version }).IsUnique(); // a version number is taken once, even under races
        builder.Property(v => v.ByName).HasMaxLength(200).IsRequired();
        builder.Property(v => v.Snapshot).IsRequired();
    }
}
