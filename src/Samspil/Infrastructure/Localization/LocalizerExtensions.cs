using Microsoft.Extensions.Localization;

namespace Samspil.Infrastructure.Localization;

public static class LocalizerExtensions
{
    /// <summary>
    /// The message for an error code. Codes without their own text fall back to a generic text for
    /// their last part ("Organization.Street.InvalidCharacters" → "Problem.InvalidCharacters"),
    /// and finally to "Problem.InvalidValue".
    /// </summary>
    public static string Message(this IStringLocalizer localizer, string code)
    {
        var text = localizer[code];
        if (!text.ResourceNotFound)
        {
            return text.Value;
        }

        var generic = localizer["Problem." + code[(code.LastIndexOf('.') + 1)..]];
        return generic.ResourceNotFound ? localizer["Problem.InvalidValue"].Value : generic.Value;
    }

    /// <summary>Display name of an enum value, from the key "Enum.{Type}.{Value}".</summary>
    public static string Enum<T>(this IStringLocalizer localizer, T value)
        where T : struct, System.Enum => localizer[$"Enum.{typeof(T).Name}.{value}"].Value;

    /// <summary>The text for <paramref name="key"/> in <paramref name="culture"/>, whatever the current request's culture (e-mails).</summary>
    public static string In(this IStringLocalizer localizer, System.Globalization.CultureInfo culture, string key)
    {
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        try
        {
            System.Globalization.CultureInfo.CurrentUICulture = culture;
            return localizer[key].Value;
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = previous;
        }
    }
}
