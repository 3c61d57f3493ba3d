using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samspil.Domain.Citizens;
using Samspil.Domain.Directory;

namespace Samspil.Infrastructure.Security;

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(200).IsRequired();
        builder.HasOne<Professional>().WithMany().HasForeignKey(u => u.ProfessionalId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organization>().WithMany().HasForeignKey(u => u.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Citizen>().WithMany().HasForeignKey(u => u.CitizenId).OnDelete(DeleteBehavior.Restrict);
    }
}
