using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samspil.Domain.Frames;
using Samspil.Domain.Glossary;

namespace Samspil.Features.Glossary;

/// <summary>JSON text for small lists that are read and written whole with their owner (as the meeting models' steps).</summary>
internal static class JsonList
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static PropertyBuilder<List<T>> AsJson<T>(this PropertyBuilder<List<T>> property) =>
        property.HasConversion(
                items => JsonSerializer.Serialize(items, Options),
                json => JsonSerializer.Deserialize<List<T>>(json, Options) ?? new List<T>(),
                new ValueComparer<List<T>>((a, b) => a!.SequenceEqual(b!), s => s.Aggregate(0, (h, x) => HashCode.Combine(h, x)), s => s.ToList()))
            .IsRequired();
}

internal sealed class GlossaryTermConfiguration : IEntityTypeConfiguration<GlossaryTerm>
{
    public void Configure(EntityTypeBuilder<GlossaryTerm> builder)
    {
        builder.ToTable("GlossaryTerms");
        builder.HasKey(t => t.Slug);
        builder.Property(t => t.Slug).HasMaxLength(60);
        builder.Property(t => t.Term).HasMaxLength(100).IsRequired();
        builder.Property(t => t.CodeIdentifier).HasMaxLength(100).IsRequired();
        builder.PrimitiveCollection(t => t.Synonyms);
        foreach (var name in new[] { nameof(GlossaryTerm.NameEn), nameof(GlossaryTerm.NameAr), nameof(GlossaryTerm.NameFa), nameof(GlossaryTerm.NameUk) })
        {
            builder.Property<string?>(name).HasMaxLength(100);
        }

        foreach (var name in new[] { nameof(GlossaryTerm.ExplanationDa), nameof(GlossaryTerm.ExplanationEn), nameof(GlossaryTerm.ExplanationAr), nameof(GlossaryTerm.ExplanationFa), nameof(GlossaryTerm.ExplanationUk) })
        {
            builder.Property<string?>(name).HasMaxLength(GlossaryTerm.MaxExplanationLength);
        }

        builder.Property(t => t.ExplanationDa).IsRequired();
        builder.Property(t => t.ExplanationEn).IsRequired();
        builder.Property(t => t.SectorMeanings).AsJson();
        builder.Property(t => t.Version).IsConcurrencyToken();
    }
}

internal sealed class ActorFrameConfiguration : IEntityTypeConfiguration<ActorFrame>
{
    public void Configure(EntityTypeBuilder<ActorFrame> builder)
    {
        builder.ToTable("ActorFrames");
        builder.HasKey(f => f.Kind);
        builder.Property(f => f.Kind).HasConversion<string>().HasMaxLength(40).ValueGeneratedNever();
        builder.Property(f => f.Laws).AsJson();
        builder.Property(f => f.Deadlines).AsJson();
        builder.Property(f => f.Methods).AsJson();
        builder.Property(f => f.Version).IsConcurrencyToken();
        builder.Ignore(f => f.IsEmpty);
    }
}
