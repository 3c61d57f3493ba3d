using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samspil.Domain.Courses;
using Samspil.Domain.Reporting;

namespace Samspil.Features.Reporting;

internal sealed class WorkAttachmentConfiguration : IEntityTypeConfiguration<WorkAttachment>
{
    public void Configure(EntityTypeBuilder<WorkAttachment> builder)
    {
        builder.ToTable("WorkAttachments");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Id).ValueGeneratedNever();
        builder.HasOne<Course>().WithMany().HasForeignKey(w => w.CourseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(w => new { w.CourseId, w.Point }).IsUnique();
        builder.Property(w => w.RecordedByName).HasMaxLength(200).IsRequired();
    }
}
