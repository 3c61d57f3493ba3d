using System.Globalization;
using System.Text;

namespace Samspil.Domain.Conversations;

/// <summary>An allowed kind of file: its media type and the file-name endings that belong to it (the first is used when a name has none).</summary>
public sealed record AttachmentType(string ContentType, IReadOnlyList<string> Extensions);

/// <summary>
/// The allow-list of attachment types, recognised by content ("magic bytes"): PDF, PNG, JPEG and
/// plain UTF-8 text. Everything else is refused — also Word files: a DOCX is a ZIP container that
/// cannot be told from any other ZIP (or a macro-enabled DOCM) without unpacking it, and it can carry
/// embedded objects and external links; a PDF does the same job (docs/adr/0010).
/// </summary>
public static class AttachmentTypes
{
    public static readonly AttachmentType Pdf = new("application/pdf", [".pdf"]);
    public static readonly AttachmentType Png = new("image/png", [".png"]);
    public static readonly AttachmentType Jpeg = new("image/jpeg", [".jpg", ".jpeg"]);
    public static readonly AttachmentType Text = new("text/plain", [".txt"]);

    public static readonly IReadOnlyList<AttachmentType> All = [Pdf, Png, Jpeg, Text];

    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The allowed type the content is, or null when it is none of them.</summary>
    public static AttachmentType? Detect(ReadOnlySpan<byte> content)
    {
        if (content.IsEmpty)
        {
            return null;
        }

        if (content.StartsWith(PdfMagic))
        {
            return Pdf;
        }

        if (content.StartsWith(PngMagic))
        {
            return Png;
        }

        if (content.StartsWith(JpegMagic))
        {
            return Jpeg;
        }

        return IsPlainText(content) ? Text : null;
    }

    /// <summary>
    /// A name safe to show and to offer as a download: no folders (so no path traversal), no control
    /// or direction-changing characters, none of the characters file systems forbid, at most 200
    /// characters, and ending as the content's type ends. Null when the name claims another type
    /// (e.g. a PDF named <c>.docx</c>, or text named <c>.pdf</c>): the file is not what it says.
    /// </summary>
    public static string? SafeFileName(string? fileName, AttachmentType type)
    {
        var name = (fileName ?? string.Empty).Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        var kept = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            var category = char.GetUnicodeCategory(c);
            if (!char.IsControl(c) && category is not (UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned)
                && "\"<>:|?*;".IndexOf(c, StringComparison.Ordinal) < 0)
            {
                kept.Append(c);
            }
        }

        name = kept.ToString().Trim().Trim('.').Trim();
        var extension = ExtensionOf(name);
        string stem;
        if (extension is null)
        {
            stem = name;
            extension = type.Extensions[0];
        }
        else if (type.Extensions.Contains(extension, StringComparer.Ordinal))
        {
            stem = name[..^extension.Length].TrimEnd();
        }
        else
        {
            return null;
        }

        if (stem.Length == 0)
        {
            stem = "vedhaeftning";
        }

        var room = 200 - extension.Length;
        if (stem.Length > room)
        {
            stem = stem[..room].TrimEnd();
        }

        return stem + extension;
    }

    /// <summary>A file-name ending such as ".pdf": a dot and one to five letters or digits, at least one a letter (so "møde 12.3" has none).</summary>
    private static string? ExtensionOf(string name)
    {
        var dot = name.LastIndexOf('.');
        if (dot <= 0)
        {
            return null;
        }

        var ending = name[(dot + 1)..];
        return ending.Length is >= 1 and <= 5 && ending.All(char.IsAsciiLetterOrDigit) && ending.Any(char.IsAsciiLetter)
            ? "." + ending.ToLowerInvariant()
            : null;
    }

    /// <summary>Valid UTF-8 with no control characters other than tab, line breaks and form feed (so no binary file passes).</summary>
    private static bool IsPlainText(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith(Utf8Bom))
        {
            content = content[Utf8Bom.Length..];
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r' or '\f'))
            {
                return false;
            }
        }

        return true;
    }
}
