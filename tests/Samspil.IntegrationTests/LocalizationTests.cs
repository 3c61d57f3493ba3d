using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Samspil.IntegrationTests;

/// <summary>Every text the code asks for by a literal key exists in Danish and in English, so no page shows a raw key.</summary>
public sealed partial class LocalizationTests
{
    [Fact]
    public void Every_literal_resource_key_in_the_code_has_a_Danish_and_an_English_text()
    {
        var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/Samspil"));
        var danish = Keys(Path.Combine(root, "Resources/SharedResource.resx"));
        var english = Keys(Path.Combine(root, "Resources/SharedResource.en.resx"));
        var used = Directory.EnumerateFiles(root, "*.cs*", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/Migrations/", StringComparison.Ordinal))
            .SelectMany(f => LiteralKey().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetRelativePath(root, f), Key: m.Groups["key"].Value)))
            .Distinct()
            .ToList();

        Assert.True(used.Count > 300, $"only {used.Count} keys found: the pattern no longer matches the code");
        Assert.Empty(used.Where(u => !danish.Contains(u.Key)).Select(u => $"{u.File}: {u.Key} (da)"));
        Assert.Empty(used.Where(u => !english.Contains(u.Key)).Select(u => $"{u.File}: {u.Key} (en)"));
        Assert.Empty(danish.Except(english).Select(k => $"{k} only in Danish"));
    }

    private static HashSet<string> Keys(string path) =>
        XDocument.Load(path).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);

    /// <summary>L["Key"], localizer["Key"], localizer.Message("Key") with a literal key that ends in a letter (not a prefix to be completed).</summary>
    [GeneratedRegex(@"\b(?:L|localizer|Localizer)(?:\[|\.Message\()""(?<key>[A-Z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)*)""[\])]")]
    private static partial Regex LiteralKey();
}
