using System.Collections.Frozen;
using System.Globalization;

namespace Samspil.Infrastructure.Localization;

/// <summary>
/// The languages Samspil speaks. Citizens, proxies and the anonymous pages (sign-in, activation, two-factor, errors) offer all five;
/// staff pages are Danish and English only. Every culture uses the Gregorian calendar and a 24-hour clock: Samspil's dates
/// are Danish appointments, and .NET's "ar" and "fa" would otherwise write them in the Um al-Qura and Persian calendars.
/// </summary>
public static class SamspilCultures
{
    public const string Danish = "da";

    /// <summary>Every language, in the order the chooser shows them.</summary>
    public static readonly IReadOnlyList<string> All = ["da", "en", "ar", "fa", "uk"];

    /// <summary>The languages of staff pages (professionals and administrators).</summary>
    public static readonly IReadOnlyList<string> Staff = ["da", "en"];

    private static readonly FrozenDictionary<string, CultureInfo> Cultures = All.ToFrozenDictionary(code => code, Create, StringComparer.Ordinal);

    /// <summary>Each language in its own name, for the chooser.</summary>
    public static string NativeName(string code) => code switch
    {
        "da" => "Dansk",
        "en" => "English",
        "ar" => "العربية",
        "fa" => "فارسی",
        "uk" => "Українська",
        _ => code,
    };

    public static bool IsSupported(string? code) => code is not null && Cultures.ContainsKey(code);

    public static bool IsRightToLeft(string code) => code is "ar" or "fa";

    /// <summary>"rtl" or "ltr", for the dir attribute.</summary>
    public static string Direction(string code) => IsRightToLeft(code) ? "rtl" : "ltr";

    /// <summary>The languages the user may choose: staff get Danish and English, everyone else all five.</summary>
    public static IReadOnlyList<string> For(bool staff) => staff ? Staff : All;

    /// <summary>The (read-only, Gregorian, 24-hour) culture for a supported code; Danish for anything else.</summary>
    public static CultureInfo Get(string? code) => code is not null && Cultures.TryGetValue(code, out var culture) ? culture : Cultures[Danish];

    /// <summary>The cultures for RequestLocalizationOptions; the middleware hands out these very instances (with their calendar).</summary>
    public static IList<CultureInfo> Supported() => All.Select(code => Cultures[code]).ToList();

    private static CultureInfo Create(string code)
    {
        var culture = (CultureInfo)CultureInfo.GetCultureInfo(code).Clone();
        var format = culture.DateTimeFormat;
        if (format.Calendar is not GregorianCalendar)
        {
            // A Gregorian calendar from the culture's own list keeps its (Gregorian) month and day names in the culture's language.
            format.Calendar = culture.OptionalCalendars.OfType<GregorianCalendar>()
                .OrderBy(c => c.CalendarType == GregorianCalendarTypes.Localized ? 0 : 1)
                .FirstOrDefault() ?? new GregorianCalendar();
        }

        // 24-hour times everywhere: a culture with a 12-hour clock (Arabic, English) gets the 24-hour one; the others keep their own
        // patterns and separators (Danish writes 14.30 with "t").
        if (format.ShortTimePattern.Contains('h', StringComparison.Ordinal) || format.ShortTimePattern.Contains('t', StringComparison.Ordinal))
        {
            format.ShortTimePattern = "HH:mm";
        }

        if (format.LongTimePattern.Contains('h', StringComparison.Ordinal) || format.LongTimePattern.Contains('t', StringComparison.Ordinal))
        {
            format.LongTimePattern = "HH:mm:ss";
        }
        return CultureInfo.ReadOnly(culture);
    }
}
