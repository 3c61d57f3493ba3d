using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samspil.Domain.Directory;
using Samspil.Domain.Meetings;
using Samspil.Domain.Network;

namespace Samspil.Features.Meetings;

internal sealed class MeetingCitizenNoticeConfiguration : IEntityTypeConfiguration<MeetingCitizenNotice>
{
    public void Configure(EntityTypeBuilder<MeetingCitizenNotice> builder)
    {
        builder.ToTable("MeetingCitizenNotices");
        builder.HasKey(n => n.MeetingId);
        builder.HasOne<Meeting>().WithOne().HasForeignKey<MeetingCitizenNotice>(n => n.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<NetworkMember>().WithMany().HasForeignKey(n => n.StandInMemberId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(n => n.SaidByName).HasMaxLength(200).IsRequired();
    }
}

internal sealed class MeetingInterpreterBookingConfiguration : IEntityTypeConfiguration<MeetingInterpreterBooking>
{
    public void Configure(EntityTypeBuilder<MeetingInterpreterBooking> builder)
    {
        builder.ToTable("MeetingInterpreterBookings");
        builder.HasKey(b => b.MeetingId);
        builder.HasOne<Meeting>().WithOne().HasForeignKey<MeetingInterpreterBooking>(b => b.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Professional>().WithMany().HasForeignKey(b => b.ProfessionalId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(b => b.ProfessionalId);
        builder.Property(b => b.Language).HasMaxLength(20).IsRequired();
    }
}

internal sealed class MeetingDecisionScopeConfiguration : IEntityTypeConfiguration<MeetingDecisionScope>
{
    public void Configure(EntityTypeBuilder<MeetingDecisionScope> builder)
    {
        builder.ToTable("MeetingDecisionScopes");
        builder.HasKey(s => s.MeetingId);
        builder.HasOne<Meeting>().WithOne().HasForeignKey<MeetingDecisionScope>(s => s.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.Sectors).HasMaxLength(200);
        builder.Ignore(s => s.SectorList);
    }
}
