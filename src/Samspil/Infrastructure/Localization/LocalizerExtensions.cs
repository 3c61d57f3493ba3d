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
}
