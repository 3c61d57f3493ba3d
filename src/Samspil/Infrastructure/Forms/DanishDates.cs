using System.Globalization;
using System.Text;
using Samspil.Infrastructure.Time;

namespace Samspil.Infrastructure.Forms;

/// <summary>
/// Dates and times as a Dane types them in a form: 24-12-2026, 24.12.2026, 24/12-2026 and the ISO form
/// 2026-12-24 (what browsers and older tests send); times as 9:30, 09:30 or 09.30. Digits typed on an Arabic
/// or Persian keyboard count as the same digits. The JSON API does not use this: it stays ISO 8601.
/// </summary>
public static class DanishDates
{
    /// <summary>Longer text is not a date; refused before any parsing.</summary>
    public const int MaxLength = 40;

    public const string DateFormat = "dd-MM-yyyy";

    public const string TimeFormat = "HH:mm";

    private static readonly string[] DateFormats = ["d-M-yyyy", "d.M.yyyy", "d/M-yyyy", "d/M/yyyy", "ddMMyyyy", "yyyy-M-d"];

    private static readonly string[] TimeFormats = ["H:mm", "H.mm", "H,mm", "H:mm:ss", "HHmm"];

    public static string Format(DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);

    public static string Format(TimeOnly time) => time.ToString(TimeFormat, CultureInfo.InvariantCulture);

    /// <summary>A typed date as ISO 8601 for a service or the API that reads ISO; text that is no date is passed on as it is.</summary>
    public static string? ToIso(string? text) => TryParseDate(text, out var date) ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : text;

    public static bool TryParseDate(string? text, out DateOnly date)
    {
        date = default;
        var value = Normalize(text);
        return value is not null && DateOnly.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    public static bool TryParseTime(string? text, out TimeOnly time)
    {
        time = default;
        var value = Normalize(text);
        return value is not null && TimeOnly.TryParseExact(value, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
    }

    /// <summary>A date with an optional time ("24-12-2026 10:00", "2026-12-24T10:00"); a bare date is midnight.</summary>
    public static bool TryParseDateTime(string? text, out DateTime value)
    {
        value = default;
        var normalized = Normalize(text);
        if (normalized is null)
        {
            return false;
        }

        var parts = normalized.Split([' ', 'T'], 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (!TryParseDate(parts[0], out var date))
        {
            return false;
        }

        var time = TimeOnly.MinValue;
        if (parts.Length == 2 && !TryParseTime(parts[1], out time))
        {
            return false;
        }

        value = date.ToDateTime(time, DateTimeKind.Unspecified);
        return true;
    }

    /// <summary>An instant: ISO 8601 with an offset as it is, otherwise Danish wall-clock time (Europe/Copenhagen).</summary>
    public static bool TryParseDateTimeOffset(string? text, out DateTimeOffset value)
    {
        value = default;
        var normalized = Normalize(text);
        if (normalized is null)
        {
            return false;
        }

        if (normalized.Length > 10 && (normalized.EndsWith('Z') || normalized.LastIndexOfAny(['+', '-']) > 10)
            && DateTimeOffset.TryParse(normalized, CultureInfo.InvariantCulture, DateTimeStyles.None, out value))
        {
            return true;
        }

        if (!TryParseDateTime(normalized, out var local) || CopenhagenTime.ToUtc(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local)) is not { } utc)
        {
            return false;
        }

        value = utc;
        return true;
    }

    /// <summary>Trimmed text with Arabic-Indic and Persian digits as ASCII digits; null when empty or too long.</summary>
    private static string? Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxLength)
        {
            return null;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Trim())
        {
            builder.Append(c switch
            {
                >= '\u0660' and <= '\u0669' => (char)('0' + (c - '\u0660')),
                >= '\u06F0' and <= '\u06F9' => (char)('0' + (c - '\u06F0')),
                _ => c,
            });
        }

        return builder.ToString();
    }
}
