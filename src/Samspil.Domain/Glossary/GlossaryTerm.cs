using System.Text.RegularExpressions;
using Samspil.Domain.Common;
using Samspil.Domain.Directory;

namespace Samspil.Domain.Glossary;

/// <summary>
/// A word of the shared glossary (R7): the Danish term, the forms that link to it in free text, the English code
/// identifier, a plain-language explanation in Danish and English (and optionally in the citizen languages Arabic,
/// Farsi and Ukrainian), and what each sector means by it and under which law or method. Public knowledge, not citizen data.
/// </summary>
public sealed partial class GlossaryTerm
{
    public const int MaxSynonyms = 20;
    public const int MaxExplanationLength = 2000;

    private GlossaryTerm()
    {
        Slug = string.Empty;
        Term = string.Empty;
        CodeIdentifier = string.Empty;
        ExplanationDa = string.Empty;
        ExplanationEn = string.Empty;
    }

    /// <summary>The anchor on /Ordliste and the key in the API: lower-case letters, digits and hyphens.</summary>
    public string Slug { get; private set; }

    /// <summary>The Danish term, e.g. "Ressourceforløb".</summary>
    public string Term { get; private set; }

    /// <summary>Other forms that link to the term in free text (inflections, synonyms), e.g. "forløbet".</summary>
    public List<string> Synonyms { get; private set; } = [];

    /// <summary>The identifier the code uses for the concept, e.g. "Course".</summary>
    public string CodeIdentifier { get; private set; }

    public string? NameEn { get; private set; }

    public string? NameAr { get; private set; }

    public string? NameFa { get; private set; }

    public string? NameUk { get; private set; }

    public string ExplanationDa { get; private set; }

    public string ExplanationEn { get; private set; }

    public string? ExplanationAr { get; private set; }

    public string? ExplanationFa { get; private set; }

    public string? ExplanationUk { get; private set; }

    public List<SectorMeaning> SectorMeanings { get; private set; } = [];

    public int Version { get; private set; } = 1;

    public static GlossaryTerm Create(string? slug, GlossaryTermContent content)
    {
        var trimmed = slug?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            throw new DomainException("Glossary.Slug.Required", "slug");
        }

        if (trimmed.Length > 60 || !SlugPattern().IsMatch(trimmed))
        {
            throw new DomainException("GlossaryAdmin.Slug.Format", "slug");
        }

        var term = new GlossaryTerm { Slug = trimmed };
        term.Update(content);
        term.Version = 1;
        return term;
    }

    public void Update(GlossaryTermContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var name = Guard.RequiredText(content.Term, 100, "Glossary.Term", "term");
        var code = Guard.RequiredText(content.CodeIdentifier, 100, "Glossary.CodeIdentifier", "codeIdentifier");
        var synonyms = new List<string>();
        foreach (var synonym in content.Synonyms ?? [])
        {
            if (Guard.OptionalText(synonym, 100, "Glossary.Synonyms", "synonyms") is { } s
                && !synonyms.Contains(s, StringComparer.OrdinalIgnoreCase)
                && !string.Equals(s, name, StringComparison.OrdinalIgnoreCase))
            {
                synonyms.Add(s);
            }
        }

        if (synonyms.Count > MaxSynonyms)
        {
            throw new DomainException("GlossaryAdmin.Synonyms.TooMany", "synonyms");
        }

        var meanings = new List<SectorMeaning>();
        var given = content.SectorMeanings ?? [];
        for (var i = 0; i < given.Count; i++)
        {
            var field = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"sectorMeanings[{i}]");
            if (given[i] is not { } m)
            {
                throw new DomainException("Glossary.SectorMeaning.Required", field);
            }

            if (!Enum.IsDefined(m.Sector))
            {
                throw new DomainException("Glossary.SectorMeaning.Sector", field + ".sector");
            }

            if (meanings.Any(x => x.Sector == m.Sector))
            {
                throw new DomainException("GlossaryAdmin.SectorMeaning.Duplicate", field + ".sector");
            }

            meanings.Add(new SectorMeaning(
                m.Sector,
                Guard.RequiredText(m.MeaningDa, MaxExplanationLength, "Glossary.SectorMeaning.MeaningDa", field + ".meaningDa"),
                Guard.RequiredText(m.MeaningEn, MaxExplanationLength, "Glossary.SectorMeaning.MeaningEn", field + ".meaningEn"),
                Guard.OptionalText(m.Basis, 300, "Glossary.SectorMeaning.Basis", field + ".basis")));
        }

        Term = name;
        CodeIdentifier = code;
        Synonyms = synonyms;
        NameEn = Guard.OptionalText(content.NameEn, 100, "Glossary.Name", "nameEn");
        NameAr = Guard.OptionalText(content.NameAr, 100, "Glossary.Name", "nameAr");
        NameFa = Guard.OptionalText(content.NameFa, 100, "Glossary.Name", "nameFa");
        NameUk = Guard.OptionalText(content.NameUk, 100, "Glossary.Name", "nameUk");
        ExplanationDa = Guard.RequiredText(content.ExplanationDa, MaxExplanationLength, "Glossary.ExplanationDa", "explanationDa");
        ExplanationEn = Guard.RequiredText(content.ExplanationEn, MaxExplanationLength, "Glossary.ExplanationEn", "explanationEn");
        ExplanationAr = Guard.OptionalText(content.ExplanationAr, MaxExplanationLength, "Glossary.Explanation", "explanationAr");
        ExplanationFa = Guard.OptionalText(content.ExplanationFa, MaxExplanationLength, "Glossary.Explanation", "explanationFa");
        ExplanationUk = Guard.OptionalText(content.ExplanationUk, MaxExplanationLength, "Glossary.Explanation", "explanationUk");
        SectorMeanings = meanings;
        Version++;
    }

    /// <summary>The name in a language, or null where there is none (the Danish term is then shown, marked as Danish).</summary>
    public string? NameIn(string language) => language switch
    {
        "da" => Term,
        "en" => NameEn,
        "ar" => NameAr,
        "fa" => NameFa,
        "uk" => NameUk,
        _ => null,
    };

    /// <summary>The explanation in a language, or null where there is none (the Danish one is then shown, marked as Danish).</summary>
    public string? ExplanationIn(string language) => language switch
    {
        "da" => ExplanationDa,
        "en" => ExplanationEn,
        "ar" => ExplanationAr,
        "fa" => ExplanationFa,
        "uk" => ExplanationUk,
        _ => null,
    };

    /// <summary>The term and its synonyms: the forms that are linked in free text.</summary>
    public IEnumerable<string> LinkForms() => Synonyms.Prepend(Term);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();
}

/// <summary>What one sector means by a term, and the law or method behind it (e.g. "LAB § 68 a", "IPS").</summary>
public sealed record SectorMeaning(Sector Sector, string MeaningDa, string MeaningEn, string? Basis);

/// <summary>Everything about a term but its slug, as a request gives it.</summary>
public sealed record GlossaryTermContent(
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
    IReadOnlyList<SectorMeaningInput?>? SectorMeanings = null);

public sealed record SectorMeaningInput(Sector Sector, string? MeaningDa, string? MeaningEn, string? Basis);
