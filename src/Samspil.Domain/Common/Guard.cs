namespace Samspil.Domain.Common;

internal static class Guard
{
    public static string RequiredText(string? value, int maxLength, string code, string field)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new DomainException(code + ".Required", field);
        }

        if (trimmed.Length > maxLength)
        {
            throw new DomainException(code + ".TooLong", field);
        }

        return trimmed;
    }

    public static string? OptionalText(string? value, int maxLength, string code, string field)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        return trimmed.Length > maxLength ? throw new DomainException(code + ".TooLong", field) : trimmed;
    }
}
