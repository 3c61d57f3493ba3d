using System.Globalization;
using System.Resources;

namespace Samspil.Features.CitizenAccess;

/// <summary>
/// The activation letter carries both languages whatever the reader's UI language, so its texts are
/// read from the shared resources in a named culture rather than the request's.
/// </summary>
public static class LetterText
{
    private static readonly ResourceManager Resources = new("Samspil.Resources.SharedResource", typeof(SharedResource).Assembly);

    public static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");

    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static string Da(string key) => Resources.GetString(key, Danish) ?? key;

    public static string En(string key) => Resources.GetString(key, English) ?? key;
}
