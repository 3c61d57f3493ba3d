using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samspil.Domain.Citizens;
using Samspil.Domain.Courses;
using Samspil.Domain.Work;

namespace Samspil.Features.Work;

internal sealed class IpsTrackConfiguration : IEntityTypeConfiguration<IpsTrack>
{
    public void Configure(EntityTypeBuilder<IpsTrack> builder)
    {
        builder.ToTable("IpsTracks");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.HasIndex(t => t.CourseId).IsUnique(); // one IPS track per course
        builder.HasIndex(t => t.ConsultantUserId); // the caseload
        builder.HasOne<Course>().WithMany().HasForeignKey(t => t.CourseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Citizen>().WithMany().HasForeignKey(t => t.CitizenId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(t => t.JobWishes).HasMaxLength(IpsTrack.MaxTextLength);
        builder.Property(t => t.JobSearchPlan).HasMaxLength(IpsTrack.MaxTextLength);
        builder.Property(t => t.FollowAlongSupport).HasMaxLength(IpsTrack.MaxTextLength);
        builder.Property(t => t.Accommodations).HasMaxLength(IpsTrack.MaxTextLength);
        builder.Property(t => t.ConsultantName).HasMaxLength(200);
        builder.Property(t => t.UpdatedByName).HasMaxLength(200).IsRequired();
    }
}

internal sealed class EmployerContactConfiguration : IEntityTypeConfiguration<EmployerContact>
{
    public void Configure(EntityTypeBuilder<EmployerContact> builder)
    {
        builder.ToTable("EmployerContacts");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.HasIndex(c => new { c.CourseId, c.On });
        builder.HasOne<Course>().WithMany().HasForeignKey(c => c.CourseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Citizen>().WithMany().HasForeignKey(c => c.CitizenId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.Employer).HasMaxLength(EmployerContact.MaxEmployerLength).IsRequired();
        builder.Property(c => c.Outcome).HasMaxLength(EmployerContact.MaxOutcomeLength);
        builder.Property(c => c.RecordedByName).HasMaxLength(200).IsRequired();
    }
}

internal sealed class JobStartConfiguration : IEntityTypeConfiguration<JobStart>
{
    public void Configure(EntityTypeBuilder<JobStart> builder)
    {
        builder.ToTable("JobStarts");
        builder.HasKey(j => j.Id);
        builder.Property(j => j.Id).ValueGeneratedNever();
        builder.HasIndex(j => new { j.CourseId, j.StartsOn });
        builder.HasOne<Course>().WithMany().HasForeignKey(j => j.CourseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Citizen>().WithMany().HasForeignKey(j => j.CitizenId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(j => j.Employer).HasMaxLength(JobStart.MaxEmployerLength).IsRequired();
        builder.Property(j => j.HoursPerWeek).HasPrecision(4, 1);
        builder.Property(j => j.RecordedByName).HasMaxLength(200).IsRequired();
    }
}

internal sealed class IncomeBasisEntryConfiguration : IEntityTypeConfiguration<IncomeBasisEntry>
{
    public void Configure(EntityTypeBuilder<IncomeBasisEntry> builder)
    {
        builder.ToTable("IncomeBasisEntries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.HasIndex(e => new { e.CourseId, e.ClarifiedOn });
        builder.HasOne<Course>().WithMany().HasForeignKey(e => e.CourseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Citizen>().WithMany().HasForeignKey(e => e.CitizenId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.ClarifiedBy).HasMaxLength(IncomeBasisEntry.MaxNameLength).IsRequired();
        builder.Property(e => e.Note).HasMaxLength(IncomeBasisEntry.MaxNoteLength);
        builder.Property(e => e.RecordedByName).HasMaxLength(200).IsRequired();
    }
}
