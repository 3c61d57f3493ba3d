using System.Globalization;
using System.Text;

namespace Samspil.Domain.Meetings;

/// <summary>
/// Matches a meeting place against the places a citizen avoids (R24) the way a person reads them: case, whitespace,
/// punctuation and accents do not matter, and the Danish letters match their usual spellings without them
/// (å = aa, æ = ae, ø = oe). An avoided place matches a location that contains it as whole words, so
/// "Jobcenter Vejle" is avoided at "jobcenter vejle, Vestergade 3" but "Vejle" is not avoided at "Vejlevej".
/// </summary>
public static class PlaceNames
{
    /// <summary>
    /// The place as lower-case words of letters and digits separated by single spaces, with å, æ, ø (and their
    /// capitals) spelt aa, ae, oe and other accents dropped. Normalising twice gives the same text.
    /// </summary>
    public static string Normalise(string? place)
    {
        if (string.IsNullOrEmpty(place))
        {
            return string.Empty;
        }

        string decomposed;
        try
        {
            decomposed = place.Normalize(NormalizationForm.FormD);
        }
        catch (ArgumentException)
        {
            // Ill-formed text (a lone surrogate): read it as it is; what is not a letter or digit separates words.
            decomposed = place;
        }

        var text = new StringBuilder(decomposed.Length + 8);
        var space = false;
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                // å decomposes to a + ring: the ring makes it "aa" as in older spellings (Aabenraa, Aalborg).
                if (c == '\u030A' && text.Length > 0 && text[^1] == 'a')
                {
                    text.Append('a');
                }

                continue;
            }

            var lower = char.ToLowerInvariant(c);
            string? letters = lower switch
            {
                'æ' => "ae",
                'ø' => "oe",
                'ß' => "ss",
                _ => null,
            };
            if (letters is null && !char.IsLetterOrDigit(lower))
            {
                space = text.Length > 0;
                continue;
            }

            if (space)
            {
                text.Append(' ');
                space = false;
            }

            if (letters is null)
            {
                text.Append(lower);
            }
            else
            {
                text.Append(letters);
            }
        }

        return text.ToString();
    }

    /// <summary>True when the normalised <paramref name="avoided"/> occurs in the normalised <paramref name="location"/> as whole words.</summary>
    public static bool Matches(string? location, string? avoided)
    {
        var place = Normalise(location);
        var avoid = Normalise(avoided);
        if (avoid.Length == 0 || place.Length < avoid.Length)
        {
            return false;
        }

        var at = 0;
        while ((at = place.IndexOf(avoid, at, StringComparison.Ordinal)) >= 0)
        {
            var end = at + avoid.Length;
            if ((at == 0 || place[at - 1] == ' ') && (end == place.Length || place[end] == ' '))
            {
                return true;
            }

            at++;
        }

        return false;
    }

    /// <summary>The first of <paramref name="avoided"/> that <paramref name="location"/> matches, or null.</summary>
    public static string? FirstAvoided(string? location, IEnumerable<string> avoided) =>
        avoided.FirstOrDefault(a => Matches(location, a));
}
