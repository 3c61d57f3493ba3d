using Samspil.Domain.Directory;
using Samspil.Domain.Glossary;

namespace Samspil.Features.Glossary;

/// <summary>A glossary term as the API gives it: every language, the forms that link, and each sector's meaning.</summary>
public sealed record GlossaryTermView(
    string Slug,
    string Term,
    IReadOnlyList<string> Synonyms,
    string CodeIdentifier,
    string? NameEn,
    string? NameAr,
    string? NameFa,
    string? NameUk,
    string ExplanationDa,
    string ExplanationEn,
    string? ExplanationAr,
    string? ExplanationFa,
    string? ExplanationUk,
    IReadOnlyList<SectorMeaning> SectorMeanings,
    int Version)
{
    public static GlossaryTermView From(GlossaryTerm t) => new(
        t.Slug, t.Term, t.Synonyms.ToList(), t.CodeIdentifier, t.NameEn, t.NameAr, t.NameFa, t.NameUk,
        t.ExplanationDa, t.ExplanationEn, t.ExplanationAr, t.ExplanationFa, t.ExplanationUk, t.SectorMeanings.ToList(), t.Version);

    /// <summary>The name in a UI language, falling back to the Danish term (<c>IsDanish</c> then tells the page to mark it lang="da").</summary>
    public (string Text, bool IsDanish) NameIn(string language) => (language switch
    {
        "en" => NameEn,
        "ar" => NameAr,
        "fa" => NameFa,
        "uk" => NameUk,
        _ => null,
    }) is { } name ? (name, false) : (Term, language != "da");

    public (string Text, bool IsDanish) ExplanationIn(string language) => (language switch
    {
        "en" => ExplanationEn,
        "ar" => ExplanationAr,
        "fa" => ExplanationFa,
        "uk" => ExplanationUk,
        _ => null,
    }) is { } text ? (text, false) : (ExplanationDa, language != "da");
}

/// <summary>POST (with slug) and PUT (slug from the route) body.</summary>
public sealed record GlossaryTermRequest(
    string? Slug,
    string? Term,
    IReadOnlyList<string?>? Synonyms,
    string? CodeIdentifier,
    string? ExplanationDa,
    string? ExplanationEn,
    string? ExplanationAr = null,
    string? ExplanationFa = null,
    string? ExplanationUk = null,
    string? NameEn = null,
    string? NameAr = null,
    string? NameFa = null,
    string? NameUk = null,
    IReadOnlyList<SectorMeaningRequest?>? SectorMeanings = null)
{
    public GlossaryTermContent ToContent() => new(
        Term, Synonyms, CodeIdentifier, ExplanationDa, ExplanationEn, ExplanationAr, ExplanationFa, ExplanationUk, NameEn, NameAr, NameFa, NameUk,
        SectorMeanings?.Select(m => m is null ? null : new SectorMeaningInput(m.Sector ?? (Sector)(-1), m.MeaningDa, m.MeaningEn, m.Basis)).ToList());
}

public sealed record SectorMeaningRequest(Sector? Sector, string? MeaningDa, string? MeaningEn, string? Basis);
