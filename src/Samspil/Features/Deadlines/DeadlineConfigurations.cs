using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samspil.Domain.Citizens;
using Samspil.Domain.Courses;
using Samspil.Domain.Deadlines;

namespace Samspil.Features.Deadlines;

internal sealed class CourseDeadlineConfiguration : IEntityTypeConfiguration<CourseDeadline>
{
    public void Configure(EntityTypeBuilder<CourseDeadline> builder)
    {
        builder.ToTable("CourseDeadlines");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.HasIndex(d => d.CourseId);
        builder.HasIndex(d => new { d.EndedOn, d.RemindDaysBefore }); // the reminder run
        builder.HasOne<Course>().WithMany().HasForeignKey(d => d.CourseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Citizen>().WithMany().HasForeignKey(d => d.CitizenId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(d => d.RemindKind).HasConversion<string>().HasMaxLength(40);
        builder.Property(d => d.Type).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.Unit).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.StartEvent).HasConversion<string>().HasMaxLength(40);
        builder.Property(d => d.Name).HasMaxLength(200).IsRequired();
        builder.Property(d => d.Description).HasMaxLength(1000);
        builder.Property(d => d.LegalReference).HasMaxLength(200).IsRequired();
        builder.Property(d => d.RunsFrom).HasMaxLength(200);
        builder.Property(d => d.Note).HasMaxLength(CourseDeadline.MaxNoteLength);
        builder.Property(d => d.RecordedByName).HasMaxLength(200).IsRequired();
        builder.Property(d => d.UpdatedByName).HasMaxLength(200).IsRequired();
        builder.Property(d => d.Version).IsConcurrencyToken();
        builder.Ignore(d => d.NextDue);
    }
}
