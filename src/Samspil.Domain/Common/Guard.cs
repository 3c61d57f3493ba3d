namespace Samspil.Domain.Common;

public static class Guard
{
    /// <summary>
    /// Control characters (other than tab and line breaks) have no place in text a person typed,
    /// and NUL cannot be stored in PostgreSQL at all.
    /// </summary>
    public static bool HasControlCharacters(string? value) =>
        value is not null && value.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r'));

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

        return HasControlCharacters(trimmed) ? throw new DomainException(code + ".InvalidCharacters", field) : trimmed;
    }

    public static string? OptionalText(string? value, int maxLength, string code, string field)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (trimmed.Length > maxLength)
        {
            throw new DomainException(code + ".TooLong", field);
        }

        return HasControlCharacters(trimmed) ? throw new DomainException(code + ".InvalidCharacters", field) : trimmed;
    }
}
