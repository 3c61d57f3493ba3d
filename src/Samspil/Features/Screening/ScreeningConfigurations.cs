using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samspil.Domain.Courses;
using Samspil.Domain.Screening;

namespace Samspil.Features.Screening;

internal sealed class AdmissionConfiguration : IEntityTypeConfiguration<Admission>
{
    public void Configure(EntityTypeBuilder<Admission> builder)
    {
        builder.ToTable("Admissions");
        builder.HasKey(a => a.Id);

        // Visible ASCII only (the CSV reader's rule); PostgreSQL stores it with COLLATE "C" so the
        // database's order is the engine's ordinal order (see PostgresSamspilDbContext).
        builder.Property(a => a.PersonKey).HasMaxLength(64).IsRequired();
        builder.Property(a => a.MunicipalityCode).HasMaxLength(3).IsRequired();
        builder.Property(a => a.RegionCode).HasMaxLength(4).IsRequired();
        builder.Property(a => a.Department).HasMaxLength(200).IsRequired();

        // The natural key: the same stay delivered again is the same row (re-imports do not double it).
        builder.HasIndex(a => new { a.PersonKey, a.Start, a.Department }).IsUnique();
        builder.HasIndex(a => a.ImportId);
    }
}

internal sealed class AdmissionImportConfiguration : IEntityTypeConfiguration<AdmissionImport>
{
    public void Configure(EntityTypeBuilder<AdmissionImport> builder)
    {
        builder.ToTable("AdmissionImports");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.FileName).HasMaxLength(200).IsRequired();
        builder.Property(i => i.ImportedByName).HasMaxLength(200).IsRequired();
        builder.Property(i => i.FailureCode).HasMaxLength(50);
        builder.HasIndex(i => i.StartedAt);
        builder.Ignore(i => i.Percent);
        builder.Ignore(i => i.IsFinished);
    }
}

internal sealed class AdmissionImportErrorConfiguration : IEntityTypeConfiguration<AdmissionImportError>
{
    public void Configure(EntityTypeBuilder<AdmissionImportError> builder)
    {
        builder.ToTable("AdmissionImportErrors");
        builder.HasKey(e => e.Id);
        builder.HasOne<AdmissionImport>().WithMany().HasForeignKey(e => e.ImportId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => new { e.ImportId, e.Row });
        builder.Property(e => e.Column).HasMaxLength(40);
        builder.Property(e => e.Message).HasMaxLength(500).IsRequired();
    }
}

internal sealed class AnalysisSummaryConfiguration : IEntityTypeConfiguration<AnalysisSummary>
{
    public void Configure(EntityTypeBuilder<AnalysisSummary> builder)
    {
        builder.ToTable("AnalysisSummaries");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.HasOne<Course>().WithMany().HasForeignKey(s => s.CourseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.CourseId, s.MeetingDate });
        builder.Property(s => s.Participants).HasMaxLength(AnalysisSummary.MaxParticipantsLength).IsRequired();
        builder.Property(s => s.WhyLastAdmission).HasMaxLength(AnalysisSummary.MaxAnswerLength);
        builder.Property(s => s.WhatCouldPreventNext).HasMaxLength(AnalysisSummary.MaxAnswerLength);
        builder.Property(s => s.WhatWouldHelpCitizen).HasMaxLength(AnalysisSummary.MaxAnswerLength);
        builder.Property(s => s.CreatedByName).HasMaxLength(200).IsRequired();
        builder.Property(s => s.UpdatedByName).HasMaxLength(200);
    }
}
