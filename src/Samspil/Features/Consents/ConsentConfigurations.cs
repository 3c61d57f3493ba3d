using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samspil.Domain.Citizens;
using Samspil.Domain.Directory;
using Samspil.Domain.Consents;

namespace Samspil.Features.Consents;

internal sealed class ConsentConfiguration : IEntityTypeConfiguration<Consent>
{
    public void Configure(EntityTypeBuilder<Consent> builder)
    {
        builder.ToTable("Consents");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.HasIndex(c => new { c.SeriesId, c.Version }).IsUnique();
        builder.HasIndex(c => new { c.CitizenId, c.Status });
        builder.Property(c => c.Categories).HasMaxLength(200);
        builder.Property(c => c.Purposes).HasMaxLength(100);
        builder.Property(c => c.Purpose).HasMaxLength(1000).IsRequired();
        builder.Property(c => c.NotFor).HasMaxLength(1000);
        builder.Property(c => c.GivenByName).HasMaxLength(200);
        builder.Property(c => c.RecordedByName).HasMaxLength(200).IsRequired();
        builder.HasOne<Citizen>().WithMany().HasForeignKey(c => c.CitizenId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Professional>().WithMany().HasForeignKey(c => c.WitnessProfessionalId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ConsentDocument>().WithMany().HasForeignKey(c => c.DocumentId).OnDelete(DeleteBehavior.Restrict);
        builder.OwnsMany(c => c.Recipients, recipients =>
        {
            recipients.ToTable("ConsentRecipients");
            recipients.WithOwner().HasForeignKey("ConsentId");
            recipients.Property<int>("Id");
            recipients.HasKey("Id");
            recipients.HasIndex(r => r.TargetId);
        });
        builder.Navigation(c => c.Recipients).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ConsentDocumentConfiguration : IEntityTypeConfiguration<ConsentDocument>
{
    public void Configure(EntityTypeBuilder<ConsentDocument> builder)
    {
        builder.ToTable("ConsentDocuments");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.FileName).HasMaxLength(200).IsRequired();
        builder.Property(d => d.ContentType).HasMaxLength(100).IsRequired();
        builder.Property(d => d.Sha256).HasMaxLength(64).IsRequired();
        builder.HasOne<Citizen>().WithMany().HasForeignKey(d => d.CitizenId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LegalBasisConfiguration : IEntityTypeConfiguration<LegalBasis>
{
    public void Configure(EntityTypeBuilder<LegalBasis> builder)
    {
        builder.ToTable("LegalBases");
        builder.HasKey(b => b.Code);
        builder.Property(b => b.Code).HasMaxLength(50);
        builder.Property(b => b.Title).HasMaxLength(300).IsRequired();
        builder.Property(b => b.LawReference).HasMaxLength(200).IsRequired();
        builder.Property(b => b.Categories).HasMaxLength(200);
        builder.Property(b => b.Purposes).HasMaxLength(100);
        builder.Property(b => b.RecipientKinds)
            .HasConversion(
                kinds => string.Join(',', kinds),
                text => text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<OrganizationKind>).ToList(),
                new ValueComparer<List<OrganizationKind>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, k) => HashCode.Combine(h, k)), v => v.ToList()))
            .HasMaxLength(500);
    }
}
