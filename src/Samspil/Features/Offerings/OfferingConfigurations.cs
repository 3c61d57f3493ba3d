using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samspil.Domain.Directory;
using Samspil.Domain.Offerings;

namespace Samspil.Features.Offerings;

internal sealed class OfferingConfiguration : IEntityTypeConfiguration<Offering>
{
    public void Configure(EntityTypeBuilder<Offering> builder)
    {
        builder.ToTable("Offerings");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.HasOne<Organization>().WithMany().HasForeignKey(o => o.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(o => o.ExternalId).HasMaxLength(200);
        builder.Property(o => o.Name).HasMaxLength(200).IsRequired();
        builder.Property(o => o.Description).HasMaxLength(4000).IsRequired();
        builder.Property(o => o.Eligibility).HasMaxLength(2000);
        builder.Property(o => o.ReferralBy).HasMaxLength(200);
        builder.Property(o => o.CostDescription).HasMaxLength(500);
        builder.Property(o => o.Street).HasMaxLength(200);
        builder.Property(o => o.PostalCode).HasMaxLength(10);
        builder.Property(o => o.City).HasMaxLength(100);
        builder.Property(o => o.Latitude).HasPrecision(9, 6);
        builder.Property(o => o.Longitude).HasPrecision(9, 6);
        builder.Property(o => o.Phone).HasMaxLength(30);
        builder.Property(o => o.Email).HasMaxLength(200);
        builder.Property(o => o.Url).HasMaxLength(500);
        builder.Property(o => o.HoursNote).HasMaxLength(1000);
        builder.PrimitiveCollection(o => o.TargetGroups);
        builder.PrimitiveCollection(o => o.Needs);
        builder.PrimitiveCollection(o => o.Languages);
        builder.PrimitiveCollection(o => o.Municipalities);
        builder.Ignore(o => o.Hours);
        builder.HasIndex(o => new { o.OrganizationId, o.ExternalId }).IsUnique();
        builder.HasIndex(o => o.Name);
        builder.OwnsMany(o => o.Periods, period =>
        {
            period.ToTable("OfferingOpeningPeriods");
            period.WithOwner().HasForeignKey("OfferingId");
            period.Property<int>("Id");
            period.HasKey("Id");
            period.HasIndex(nameof(OpeningPeriod.Day), nameof(OpeningPeriod.Opens));
        });
        builder.Navigation(o => o.Periods).UsePropertyAccessMode(PropertyAccessMode.Field).HasField("periods");
        builder.OwnsMany(o => o.Exceptions, exception =>
        {
            exception.ToTable("OfferingScheduleExceptions");
            exception.WithOwner().HasForeignKey("OfferingId");
            exception.Property<int>("Id");
            exception.HasKey("Id");
            exception.Property(e => e.Note).HasMaxLength(200);
            exception.HasIndex(nameof(ScheduleException.Date));
        });
        builder.Navigation(o => o.Exceptions).UsePropertyAccessMode(PropertyAccessMode.Field).HasField("exceptions");
    }
}
