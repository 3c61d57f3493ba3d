using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samspil.Domain.Citizens;
using Samspil.Domain.Conversations;

namespace Samspil.Features.CareCommunications;

internal sealed class CareCommunicationEnvelopeConfiguration : IEntityTypeConfiguration<CareCommunicationEnvelope>
{
    public void Configure(EntityTypeBuilder<CareCommunicationEnvelope> builder)
    {
        builder.ToTable("CareCommunicationEnvelopes");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.ByName).HasMaxLength(200).IsRequired();
        builder.Property(e => e.FileName).HasMaxLength(200);
        builder.Property(e => e.MessageHeaderId).HasMaxLength(100);
        builder.HasIndex(e => new { e.Direction, e.MessageHeaderId }).IsUnique();
        builder.Property(e => e.RespondsTo).HasMaxLength(100);
        builder.HasIndex(e => e.RespondsTo);
        builder.Property(e => e.Raw).IsRequired();
        builder.Property(e => e.ErrorCode).HasMaxLength(100);
        builder.Property(e => e.ErrorDetail).HasMaxLength(1000);
        builder.Property(e => e.Category).HasMaxLength(60);
        builder.Property(e => e.Activity).HasMaxLength(40);
        builder.Property(e => e.PartyName).HasMaxLength(200);
        builder.Property(e => e.PartySor).HasMaxLength(30);
        builder.Property(e => e.PartyEan).HasMaxLength(30);
        builder.Property(e => e.CprHint).HasMaxLength(20);
        builder.Property(e => e.Outcome).HasMaxLength(60);
        builder.Property(e => e.DecidedByName).HasMaxLength(200);
        builder.HasIndex(e => new { e.Status, e.At });
        builder.HasOne<Citizen>().WithMany().HasForeignKey(e => e.CitizenId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ExternalMessageConfiguration : IEntityTypeConfiguration<ExternalMessage>
{
    public void Configure(EntityTypeBuilder<ExternalMessage> builder)
    {
        builder.ToTable("ExternalMessages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.HasOne<Conversation>().WithMany().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Citizen>().WithMany().HasForeignKey(m => m.CitizenId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CareCommunicationEnvelope>().WithMany().HasForeignKey(m => m.EnvelopeId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(m => m.PartyName).HasMaxLength(200).IsRequired();
        builder.Property(m => m.PartySor).HasMaxLength(30);
        builder.Property(m => m.PartyEan).HasMaxLength(30);
        builder.Property(m => m.Category).HasMaxLength(60).IsRequired();
        builder.Property(m => m.Topic).HasMaxLength(60);
        builder.Property(m => m.Text).HasMaxLength(ExternalMessage.MaxTextLength);
        builder.Property(m => m.AuthorName).HasMaxLength(200).IsRequired();
        builder.Property(m => m.AuthorRole).HasMaxLength(100);
        builder.Property(m => m.MessageHeaderId).HasMaxLength(100).IsRequired();
        builder.Property(m => m.Activity).HasMaxLength(40).IsRequired();
        builder.Property(m => m.InResponseTo).HasMaxLength(100);
        builder.PrimitiveCollection(m => m.AttachmentTitles);
        builder.HasIndex(m => m.ConversationId);
        builder.HasIndex(m => m.MessageHeaderId);
    }
}
