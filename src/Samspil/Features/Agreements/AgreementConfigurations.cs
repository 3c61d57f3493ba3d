using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samspil.Domain.Agreements;

namespace Samspil.Features.Agreements;

internal sealed class CollaborationAgreementConfiguration : IEntityTypeConfiguration<CollaborationAgreement>
{
    public void Configure(EntityTypeBuilder<CollaborationAgreement> builder)
    {
        builder.ToTable("CollaborationAgreements");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.Property(a => a.Title).HasMaxLength(AgreementTerms.TitleMaxLength).IsRequired();
        builder.Property(a => a.TermsJson).IsRequired();
        builder.Property(a => a.UpdatedByName).HasMaxLength(200).IsRequired();
        builder.Ignore(a => a.Terms);
        builder.HasIndex(a => a.NextReviewOn);
    }
}

internal sealed class AgreementVersionConfiguration : IEntityTypeConfiguration<AgreementVersion>
{
    public void Configure(EntityTypeBuilder<AgreementVersion> builder)
    {
        builder.ToTable("CollaborationAgreementVersions");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.TermsJson).IsRequired();
        builder.Property(v => v.ChangedByName).HasMaxLength(200).IsRequired();
        builder.Ignore(v => v.Terms);
        builder.HasIndex(v => new { v.AgreementId, v.Number }).IsUnique();
        builder.HasOne<CollaborationAgreement>().WithMany().HasForeignKey(v => v.AgreementId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AgreementDocumentConfiguration : IEntityTypeConfiguration<AgreementDocument>
{
    public void Configure(EntityTypeBuilder<AgreementDocument> builder)
    {
        builder.ToTable("CollaborationAgreementDocuments");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.FileName).HasMaxLength(200).IsRequired();
        builder.Property(d => d.ContentType).HasMaxLength(100).IsRequired();
        builder.Property(d => d.Sha256).HasMaxLength(64).IsRequired();
        builder.HasIndex(d => d.AgreementId);
        builder.HasOne<CollaborationAgreement>().WithMany().HasForeignKey(d => d.AgreementId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(d => d.Content).WithOne().HasForeignKey<AgreementDocumentContent>(c => c.DocumentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AgreementDocumentContentConfiguration : IEntityTypeConfiguration<AgreementDocumentContent>
{
    public void Configure(EntityTypeBuilder<AgreementDocumentContent> builder)
    {
        builder.ToTable("CollaborationAgreementDocumentContents");
        builder.HasKey(c => c.DocumentId);
        builder.Property(c => c.DocumentId).ValueGeneratedNever();
        builder.Property(c => c.Bytes).IsRequired();
    }
}
