using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samspil.Domain.Citizens;
using Samspil.Domain.Courses;
using Samspil.Domain.Family;

namespace Samspil.Features.Family;

internal sealed class CourseChildConfiguration : IEntityTypeConfiguration<CourseChild>
{
    public void Configure(EntityTypeBuilder<CourseChild> builder)
    {
        builder.ToTable("CourseChildren");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Label).HasMaxLength(100);
        builder.Property(c => c.Note).HasMaxLength(1000);
        builder.Property(c => c.RecordedByName).HasMaxLength(200).IsRequired();
        builder.HasIndex(c => c.CourseId);
        builder.HasOne<Course>().WithMany().HasForeignKey(c => c.CourseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Citizen>().WithMany().HasForeignKey(c => c.CitizenId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RelativeLinkConfiguration : IEntityTypeConfiguration<RelativeLink>
{
    public void Configure(EntityTypeBuilder<RelativeLink> builder)
    {
        builder.ToTable("RelativeLinks");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.Property(l => l.Relation).HasMaxLength(100).IsRequired();
        builder.Property(l => l.CreatedByName).HasMaxLength(200).IsRequired();
        builder.HasIndex(l => new { l.CourseId, l.RelativeCourseId }).IsUnique(); // one link between two courses
        builder.HasIndex(l => l.RelativeCourseId);
        builder.HasOne<Course>().WithMany().HasForeignKey(l => l.CourseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Course>().WithMany().HasForeignKey(l => l.RelativeCourseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Citizen>().WithMany().HasForeignKey(l => l.CitizenId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Citizen>().WithMany().HasForeignKey(l => l.RelativeCitizenId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(l => l.IsMutual);
    }
}
