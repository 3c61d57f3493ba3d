using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Samspil.Domain.Citizens;
using Samspil.Domain.Courses;
using Samspil.Domain.Directory;
using Samspil.Domain.Questionnaires;

namespace Samspil.Features.Questionnaires;

/// <summary>JSON text columns for the questionnaire values (replaced whole, never queried into), the same on both providers.</summary>
internal static class QuestionnaireJson
{
    public static readonly ValueConverter<QuestionnaireDefinition, string> Definition =
        new(d => d.ToJson(), json => QuestionnaireDefinition.FromJson(json));

    public static readonly ValueComparer<QuestionnaireDefinition> DefinitionComparer =
        new((a, b) => a!.ToJson() == b!.ToJson(), d => d.ToJson().GetHashCode(StringComparison.Ordinal), d => QuestionnaireDefinition.FromJson(d.ToJson()));

    public static readonly ValueConverter<IReadOnlyList<QuestionnaireAnswer>, string> Answers =
        new(a => QuestionnaireScoring.ToJson(a), json => QuestionnaireScoring.AnswersFromJson(json));

    public static readonly ValueComparer<IReadOnlyList<QuestionnaireAnswer>> AnswersComparer =
        new((a, b) => QuestionnaireScoring.ToJson(a!) == QuestionnaireScoring.ToJson(b!), a => QuestionnaireScoring.ToJson(a).GetHashCode(StringComparison.Ordinal), a => a.ToList());

    public static readonly ValueConverter<IReadOnlyList<ScaleScore>, string> Scores =
        new(s => QuestionnaireScoring.ToJson(s), json => QuestionnaireScoring.ScoresFromJson(json));

    public static readonly ValueComparer<IReadOnlyList<ScaleScore>> ScoresComparer =
        new((a, b) => QuestionnaireScoring.ToJson(a!) == QuestionnaireScoring.ToJson(b!), s => QuestionnaireScoring.ToJson(s).GetHashCode(StringComparison.Ordinal), s => s.ToList());
}

internal sealed class InstrumentConfiguration : IEntityTypeConfiguration<Instrument>
{
    public void Configure(EntityTypeBuilder<Instrument> builder)
    {
        builder.ToTable("Instruments");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Key).HasMaxLength(Instrument.MaxKeyLength).IsRequired();
        builder.HasIndex(i => new { i.Key, i.Version }).IsUnique();
        builder.Property(i => i.UpdatedByName).HasMaxLength(200).IsRequired();
        builder.Property(i => i.Definition).HasConversion(QuestionnaireJson.Definition, QuestionnaireJson.DefinitionComparer).IsRequired();
    }
}

internal sealed class QuestionnaireAssignmentConfiguration : IEntityTypeConfiguration<QuestionnaireAssignment>
{
    public void Configure(EntityTypeBuilder<QuestionnaireAssignment> builder)
    {
        builder.ToTable("QuestionnaireAssignments");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.HasOne<Course>().WithMany().HasForeignKey(a => a.CourseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Citizen>().WithMany().HasForeignKey(a => a.CitizenId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Instrument>().WithMany().HasForeignKey(a => a.InstrumentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.CourseId, a.Status });
        builder.HasIndex(a => new { a.RespondentUserId, a.Status });
        builder.Property(a => a.Message).HasMaxLength(QuestionnaireAssignment.MaxMessageLength);
        builder.Property(a => a.AssignedByName).HasMaxLength(200).IsRequired();
        builder.Property(a => a.Status).IsConcurrencyToken(); // two answers to one assignment: the second fails
    }
}

internal sealed class QuestionnaireResponseConfiguration : IEntityTypeConfiguration<QuestionnaireResponse>
{
    public void Configure(EntityTypeBuilder<QuestionnaireResponse> builder)
    {
        builder.ToTable("QuestionnaireResponses");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.HasOne<Course>().WithMany().HasForeignKey(r => r.CourseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Citizen>().WithMany().HasForeignKey(r => r.CitizenId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Instrument>().WithMany().HasForeignKey(r => r.InstrumentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<QuestionnaireAssignment>().WithMany().HasForeignKey(r => r.AssignmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.CourseId, r.InstrumentId, r.AuthoredAt });
        builder.HasIndex(r => r.AuthoredAt);
        builder.Property(r => r.Language).HasMaxLength(8).IsRequired();
        builder.Property(r => r.AuthorName).HasMaxLength(200).IsRequired();
        builder.Property(r => r.PrimaryScore).HasPrecision(9, 2);
        builder.Property(r => r.Answers).HasConversion(QuestionnaireJson.Answers, QuestionnaireJson.AnswersComparer).IsRequired();
        builder.Property(r => r.Scores).HasConversion(QuestionnaireJson.Scores, QuestionnaireJson.ScoresComparer).IsRequired();
    }
}

internal sealed class FidelityReviewConfiguration : IEntityTypeConfiguration<FidelityReview>
{
    public void Configure(EntityTypeBuilder<FidelityReview> builder)
    {
        builder.ToTable("FidelityReviews");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.HasOne<Organization>().WithMany().HasForeignKey(r => r.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Instrument>().WithMany().HasForeignKey(r => r.InstrumentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.OrganizationId, r.ReviewedOn });
        builder.Property(r => r.Reviewers).HasMaxLength(FidelityReview.MaxReviewersLength).IsRequired();
        builder.Property(r => r.CreatedByName).HasMaxLength(200).IsRequired();
        builder.Property(r => r.Total).HasPrecision(9, 2);
        builder.Property(r => r.Answers).HasConversion(QuestionnaireJson.Answers, QuestionnaireJson.AnswersComparer).IsRequired();
        builder.Property(r => r.Scores).HasConversion(QuestionnaireJson.Scores, QuestionnaireJson.ScoresComparer).IsRequired();
    }
}
