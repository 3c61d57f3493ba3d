using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;

namespace Samspil.Domain.Glossary;

/// <summary>
/// Links glossary terms in free text at render time (the stored text is never changed): HTML-encodes the
/// whole text and wraps the first occurrence of each term in <c>&lt;a href="/Ordliste#slug" class="term-link"&gt;</c>.
/// A match is a whole word (letters, including æ, ø and å, and digits count as word characters), case-insensitive,
/// the longest form first ("ressourceforløb" before "forløb"). Build one per version of the term list and reuse it.
/// </summary>
public sealed class TermLinker
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(200);

    private readonly Regex? _pattern;
    private readonly Dictionary<string, string> _slugByForm = new(StringComparer.OrdinalIgnoreCase);

    public TermLinker(IEnumerable<(string Slug, IEnumerable<string> Forms)> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        foreach (var (slug, forms) in terms)
        {
            foreach (var form in forms)
            {
                var trimmed = form.Trim();
                if (trimmed.Length > 0)
                {
                    _slugByForm.TryAdd(trimmed, slug);
                }
            }
        }

        if (_slugByForm.Count > 0)
        {
            var alternatives = _slugByForm.Keys.OrderByDescending(f => f.Length).ThenBy(f => f, StringComparer.Ordinal).Select(Regex.Escape);
            _pattern = new Regex(
                @"(?<![\p{L}\p{M}\p{N}_])(?:" + string.Join('|', alternatives) + @")(?![\p{L}\p{M}\p{N}_])",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
                MatchTimeout);
        }
    }

    public static TermLinker Empty { get; } = new([]);

    /// <summary>
    /// The encoded text with the first occurrence of each term not yet in <paramref name="linked"/> linked; the
    /// slugs linked are added to it, so several texts on one page link each term once.
    /// </summary>
    public string Link(string? text, ISet<string>? linked = null, HtmlEncoder? encoder = null)
    {
        encoder ??= HtmlEncoder.Default;
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (_pattern is null)
        {
            return encoder.Encode(text);
        }

        linked ??= new HashSet<string>(StringComparer.Ordinal);
        var result = new StringBuilder(text.Length + 64);
        var position = 0;
        try
        {
            for (var match = _pattern.Match(text); match.Success; match = match.NextMatch())
            {
                if (!_slugByForm.TryGetValue(match.Value, out var slug) || !linked.Add(slug))
                {
                    continue;
                }

                result.Append(encoder.Encode(text[position..match.Index]));
                result.Append("<a href=\"/Ordliste#").Append(encoder.Encode(slug)).Append("\" class=\"term-link\">");
                result.Append(encoder.Encode(match.Value)).Append("</a>");
                position = match.Index + match.Length;
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // Pathological text: show it plain rather than not at all.
            return encoder.Encode(text);
        }

        result.Append(encoder.Encode(text[position..]));
        return result.ToString();
    }
}
