using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Samspil.IntegrationTests.Localisation;

/// <summary>
/// Issue 15: every citizen-facing text exists in Arabic, Farsi and Ukrainian, with the same placeholders as the Danish text and
/// not simply the Danish text; no translation has a key Danish does not have; every Danish key exists in English.
/// Citizen-facing keys are those whose prefix (before the first dot) is not in staff-prefixes.txt; identical texts that are
/// right (names, codes) are listed in allowed-identical.txt. See docs/localisation.md.
/// </summary>
public sealed partial class TranslationCompletenessTests
{
    public static readonly TheoryData<string> Languages = new("ar", "fa", "uk");

    private static readonly string Here = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../Localisation"));
    private static readonly string Resources = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/Samspil/Resources"));

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_citizen_facing_text_is_translated_with_the_same_placeholders(string language)
    {
        var danish = Texts("SharedResource.resx");
        var path = Path.Combine(Resources, $"SharedResource.{language}.resx");
        Assert.True(File.Exists(path), $"{Path.GetFileName(path)} is missing: the {language} translation has not been added.");
        var translated = Texts(Path.GetFileName(path));
        var staff = Lines("staff-prefixes.txt");
        var allowedIdentical = Lines("allowed-identical.txt");
        var citizenKeys = danish.Keys.Where(k => !staff.Contains(k.Split('.')[0])).Order(StringComparer.Ordinal).ToList();
        Assert.True(citizenKeys.Count > 300, $"only {citizenKeys.Count} citizen-facing keys: is staff-prefixes.txt right?");

        var problems = new List<string>();
        foreach (var key in citizenKeys)
        {
            if (!translated.TryGetValue(key, out var text) || string.IsNullOrWhiteSpace(text))
            {
                problems.Add($"{key}: missing or empty");
            }
            else if (!Placeholders(danish[key]).SetEquals(Placeholders(text)))
            {
                problems.Add($"{key}: placeholders {string.Join(" ", Placeholders(text).Order())} instead of {string.Join(" ", Placeholders(danish[key]).Order())}");
            }
            else if (string.Equals(text.Trim(), danish[key].Trim(), StringComparison.Ordinal) && danish[key].Any(char.IsLetter) && !allowedIdentical.Contains(key))
            {
                problems.Add($"{key}: still the Danish text \"{danish[key]}\" (list it in allowed-identical.txt if that is right)");
            }
        }

        problems.AddRange(translated.Keys.Where(k => !danish.ContainsKey(k)).Select(k => $"{k}: not a Danish key (renamed or removed?)"));
        Assert.True(problems.Count == 0, $"{language}: {problems.Count} problem(s):\n" + string.Join("\n", problems.Take(60)));
    }

    [Fact]
    public void Every_Danish_key_exists_in_English()
    {
        var english = Texts("SharedResource.en.resx");
        Assert.Empty(Texts("SharedResource.resx").Keys.Where(k => !english.ContainsKey(k)).Select(k => $"{k} only in Danish"));
    }

    [Fact]
    public void The_lists_name_only_prefixes_and_keys_that_exist()
    {
        var danish = Texts("SharedResource.resx");
        var prefixes = danish.Keys.Select(k => k.Split('.')[0]).ToHashSet(StringComparer.Ordinal);
        var unknownPrefixes = Lines("staff-prefixes.txt").Where(p => !prefixes.Contains(p)).ToList();
        var unknownKeys = Lines("allowed-identical.txt").Where(k => !danish.ContainsKey(k)).ToList();
        Assert.True(unknownPrefixes.Count == 0, "staff-prefixes.txt names prefixes no key has: " + string.Join(", ", unknownPrefixes));
        Assert.True(unknownKeys.Count == 0, "allowed-identical.txt names keys Danish does not have: " + string.Join(", ", unknownKeys));
    }

    private static Dictionary<string, string> Texts(string file) =>
        XDocument.Load(Path.Combine(Resources, file)).Root!.Elements("data")
            .GroupBy(d => (string)d.Attribute("name")!, StringComparer.Ordinal) // a duplicate name: the build keeps the first
            .ToDictionary(g => g.Key, g => (string?)g.First().Element("value") ?? string.Empty, StringComparer.Ordinal);

    /// <summary>The lines of a list in this folder, without comments ("#") and blank lines.</summary>
    private static HashSet<string> Lines(string file) =>
        File.ReadAllLines(Path.Combine(Here, file))
            .Select(l => (l.Contains('#', StringComparison.Ordinal) ? l[..l.IndexOf('#', StringComparison.Ordinal)] : l).Trim())
            .Where(l => l.Length > 0)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The composite-format placeholders of a text: {0}, {1:d}, {2,5} ("{{" is a literal brace, not a placeholder).</summary>
    private static HashSet<string> Placeholders(string text) =>
        Placeholder().Matches(text.Replace("{{", string.Empty, StringComparison.Ordinal).Replace("}}", string.Empty, StringComparison.Ordinal))
            .Select(m => m.Value).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\{\d+(?:,-?\d+)?(?::[^{}]*)?\}")]
    private static partial Regex Placeholder();
}
