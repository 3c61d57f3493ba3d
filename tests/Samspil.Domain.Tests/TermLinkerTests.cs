using System.Text.Encodings.Web;
using System.Text.Unicode;
using Samspil.Domain.Glossary;

namespace Samspil.Domain.Tests;

/// <summary>Glossary terms are linked where they first appear, the rest of the text stays encoded (issue 18, point 4).</summary>
public sealed class TermLinkerTests
{
    // As the web host encodes: Danish, Arabic, Farsi and Ukrainian letters as themselves, HTML's own characters encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(new TextEncoderSettings(UnicodeRanges.All));

    private static readonly TermLinker Linker = new(
    [
        ("forloeb", ["Forløb", "forløbet"]),
        ("ressourceforloeb", ["Ressourceforløb"]),
        ("maal", ["Mål", "målet"]),
        ("ips", ["IPS", "IPS-metoden"]),
        ("plan", ["Plan", "fælles plan"]),
    ]);

    private static string Link(string text, ISet<string>? linked = null) => Linker.Link(text, linked, Encoder);

    [Fact]
    public void The_first_occurrence_of_a_term_is_linked_and_later_ones_are_not()
    {
        Assert.Equal(
            "Vi taler om <a href=\"/Ordliste#forloeb\" class=\"term-link\">forløbet</a>. Forløb slutter.",
            Link("Vi taler om forløbet. Forløb slutter."));
    }

    [Fact]
    public void Matching_ignores_case_and_keeps_the_text_as_written()
    {
        Assert.Equal("<a href=\"/Ordliste#maal\" class=\"term-link\">MÅLET</a> er nået", Link("MÅLET er nået"));
    }

    [Fact]
    public void A_term_inside_a_longer_word_is_not_linked_because_æøå_are_letters()
    {
        // "mål" inside "målrettet", "forløb" inside "ressourceforløb" and "behandlingsforløbet".
        Assert.Equal("målrettet behandlingsforløbet", Link("målrettet behandlingsforløbet"));
        Assert.Equal("<a href=\"/Ordliste#ressourceforloeb\" class=\"term-link\">ressourceforløb</a> og <a href=\"/Ordliste#forloeb\" class=\"term-link\">forløb</a>",
            Link("ressourceforløb og forløb"));
        Assert.Equal("åmål", Link("åmål"));
        Assert.Equal("målø", Link("målø"));
    }

    [Fact]
    public void The_longest_form_wins_where_several_start_at_the_same_place()
    {
        Assert.Equal("Brug <a href=\"/Ordliste#ips\" class=\"term-link\">IPS-metoden</a>, ikke bare IPS.", Link("Brug IPS-metoden, ikke bare IPS."));
        Assert.Equal("Den <a href=\"/Ordliste#plan\" class=\"term-link\">fælles plan</a>", Link("Den fælles plan"));
    }

    [Fact]
    public void Several_texts_on_one_page_link_each_term_once()
    {
        var linked = new HashSet<string>(StringComparer.Ordinal);
        Assert.Contains("term-link", Link("Første mål", linked), StringComparison.Ordinal);
        Assert.Equal("Andet mål", Link("Andet mål", linked));
        Assert.Equal(["maal"], linked);
    }

    [Fact]
    public void Hostile_text_stays_encoded_and_a_term_inside_markup_gives_no_markup_of_its_own()
    {
        var html = Link("<script>alert('mål')</script><img src=x onerror=alert(1)> \"forløb\" & <a href=\"javascript:x\">plan</a>");
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<a href=\"javascript", html, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("&lt;script&gt;alert(&#x27;<a href=\"/Ordliste#maal\" class=\"term-link\">mål</a>&#x27;)&lt;/script&gt;&lt;img", html, StringComparison.Ordinal);
        Assert.Contains("&quot;<a href=\"/Ordliste#forloeb\" class=\"term-link\">forløb</a>&quot; &amp; &lt;a href=", html, StringComparison.Ordinal);

        // Every tag left in the output is one of the linker's own.
        var tags = System.Text.RegularExpressions.Regex.Matches(html, "<[^>]*>").Select(m => m.Value).Distinct().ToList();
        Assert.All(tags, t => Assert.Matches("^(<a href=\"/Ordliste#[a-z0-9-]+\" class=\"term-link\">|</a>)$", t));
    }

    [Fact]
    public void Text_without_terms_empty_text_and_an_empty_glossary_are_just_encoded()
    {
        Assert.Equal("Intet her &lt;b&gt;", Link("Intet her <b>"));
        Assert.Equal(string.Empty, Link(string.Empty));
        Assert.Equal(string.Empty, Linker.Link(null, null, Encoder));
        Assert.Equal("mål &amp; plan", TermLinker.Empty.Link("mål & plan", null, Encoder));
    }

    [Fact]
    public void Regex_characters_in_a_term_are_taken_literally()
    {
        var linker = new TermLinker([("c-sharp", ["C#", "a.b"])]);
        Assert.Equal("axb", linker.Link("axb", null, Encoder));
        Assert.Equal("<a href=\"/Ordliste#c-sharp\" class=\"term-link\">a.b</a>", linker.Link("a.b", null, Encoder));
    }

    [Fact]
    public void A_very_long_text_is_linked_quickly()
    {
        var text = string.Concat(Enumerable.Repeat("ordet forløbsplan og målrettet arbejde ", 2000)) + "IPS";
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var html = Link(text);
        Assert.EndsWith("<a href=\"/Ordliste#ips\" class=\"term-link\">IPS</a>", html, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), watch.Elapsed.ToString());
    }
}
