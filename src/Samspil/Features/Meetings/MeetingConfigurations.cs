using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samspil.Domain.Courses;
using Samspil.Domain.Meetings;
using Samspil.Domain.Network;

namespace Samspil.Features.Meetings;

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> builder)
    {
        builder.ToTable("Meetings");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.HasOne<Course>().WithMany().HasForeignKey(m => m.CourseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.CourseId, m.Start });
        builder.Property(m => m.Version).IsConcurrencyToken();
        builder.Property(m => m.Title).HasMaxLength(200).IsRequired();
        builder.Property(m => m.TemplateKey).HasMaxLength(50);
        builder.Property(m => m.Location).HasMaxLength(300);
        builder.Property(m => m.VideoLink).HasMaxLength(500);
        builder.Property(m => m.Purpose).HasMaxLength(2000);
        builder.Property(m => m.Minutes).HasMaxLength(20000);
        builder.Property(m => m.CitizenSummary).HasMaxLength(4000);
        builder.Property(m => m.MinutesApprovedByName).HasMaxLength(200);
        builder.Property(m => m.CancelReason).HasMaxLength(500);
        builder.HasMany(m => m.Agenda).WithOne().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(m => m.Participants).WithOne().HasForeignKey(p => p.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(m => m.Agreements).WithOne().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
        foreach (var navigation in new[] { nameof(Meeting.Agenda), nameof(Meeting.Participants), nameof(Meeting.Agreements) })
        {
            builder.Navigation(navigation).UsePropertyAccessMode(PropertyAccessMode.Field);
        }

        builder.Ignore(m => m.IsOpen);
        builder.Ignore(m => m.OrderedAgenda);
    }
}

internal sealed class AgendaPointConfiguration : IEntityTypeConfiguration<AgendaPoint>
{
    public void Configure(EntityTypeBuilder<AgendaPoint> builder)
    {
        builder.ToTable("MeetingAgendaPoints");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Text).HasMaxLength(500).IsRequired();
        builder.Property(a => a.ProposedByName).HasMaxLength(200).IsRequired();
    }
}

internal sealed class MeetingParticipantConfiguration : IEntityTypeConfiguration<MeetingParticipant>
{
    public void Configure(EntityTypeBuilder<MeetingParticipant> builder)
    {
        builder.ToTable("MeetingParticipants");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.HasOne<NetworkMember>().WithMany().HasForeignKey(p => p.MemberId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(p => p.ProxyName).HasMaxLength(200);
    }
}

internal sealed class MeetingAgreementConfiguration : IEntityTypeConfiguration<MeetingAgreement>
{
    public void Configure(EntityTypeBuilder<MeetingAgreement> builder)
    {
        builder.ToTable("MeetingAgreements");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Text).HasMaxLength(500).IsRequired();
        builder.HasOne<Domain.Plans.PlanAction>().WithMany().HasForeignKey(a => a.PlanActionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MeetingTemplateConfiguration : IEntityTypeConfiguration<MeetingTemplate>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public void Configure(EntityTypeBuilder<MeetingTemplate> builder)
    {
        builder.ToTable("MeetingTemplates");
        builder.HasKey(t => t.Key);
        builder.Property(t => t.Key).HasMaxLength(50);
        builder.Property(t => t.NameDa).HasMaxLength(200).IsRequired();
        builder.Property(t => t.NameEn).HasMaxLength(200).IsRequired();
        builder.Property(t => t.DefaultForTargetGroups).HasMaxLength(500);
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.Ignore(t => t.DefaultTargetGroupCodes);

        // The steps are the template's content, read and written whole: stored as JSON text.
        builder.Property(t => t.Steps)
            .HasConversion(
                steps => JsonSerializer.Serialize(steps, Json),
                json => JsonSerializer.Deserialize<List<TemplateStep>>(json, Json) ?? new List<TemplateStep>(),
                new ValueComparer<IReadOnlyList<TemplateStep>>((a, b) => a!.SequenceEqual(b!), s => s.Aggregate(0, (h, x) => HashCode.Combine(h, x)), s => s.ToList()))
            .IsRequired();
    }
}

internal sealed class ProfessionalAvailabilityConfiguration : IEntityTypeConfiguration<ProfessionalAvailability>
{
    public void Configure(EntityTypeBuilder<ProfessionalAvailability> builder)
    {
        builder.ToTable("ProfessionalAvailability");
        builder.HasKey(a => a.ProfessionalId);
        builder.HasOne<Domain.Directory.Professional>().WithOne().HasForeignKey<ProfessionalAvailability>(a => a.ProfessionalId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(a => a.WorkDays).HasMaxLength(7).IsRequired();
        builder.Property(a => a.InterpreterLanguages).HasMaxLength(200);
        builder.Property(a => a.CalendarFeedUrl).HasMaxLength(1000);
        builder.Property(a => a.CalendarIcs).HasMaxLength(ProfessionalAvailability.MaxIcsLength);
        builder.Ignore(a => a.Days);
    }
}

internal sealed class MeetingPreferencesConfiguration : IEntityTypeConfiguration<MeetingPreferences>
{
    public void Configure(EntityTypeBuilder<MeetingPreferences> builder)
    {
        builder.ToTable("MeetingPreferences");
        builder.HasKey(p => p.CourseId);
        builder.HasOne<Course>().WithOne().HasForeignKey<MeetingPreferences>(p => p.CourseId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(p => p.AvoidPlaces).HasMaxLength(1000);
        builder.Ignore(p => p.PlacesToAvoid);
    }
}
