using Microsoft.Extensions.Localization;

namespace Samspil.Infrastructure.Localization;

public static class LocalizerExtensions
{
    /// <summary>The message for an error code, or a generic one if the code has no text yet.</summary>
    public static string Message(this IStringLocalizer localizer, string code)
    {
        var text = localizer[code];
        return text.ResourceNotFound ? localizer["Problem.InvalidValue"].Value : text.Value;
    }

    /// <summary>Display name of an enum value, from the key "Enum.{Type}.{Value}".</summary>
    public static string Enum<T>(this IStringLocalizer localizer, T value)
        where T : struct, System.Enum => localizer[$"Enum.{typeof(T).Name}.{value}"].Value;
}
