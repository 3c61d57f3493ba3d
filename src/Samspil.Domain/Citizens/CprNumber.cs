using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Samspil.Domain.Citizens;

/// <summary>
/// A Danish personal identification number (CPR). Validated for format and for a real
/// calendar date using the century rule of the 7th digit. The modulus-11 check is
/// deliberately not applied: numbers issued since 2007 may fail it.
/// <see cref="ToString"/> never reveals the number, so it cannot leak into logs by accident;
/// use <see cref="Value"/> where the full number is genuinely needed.
/// </summary>
public sealed record CprNumber
{
    private CprNumber(string value, DateOnly birthDate)
    {
        Value = value;
        BirthDate = birthDate;
    }

    /// <summary>The ten digits, without a dash.</summary>
    public string Value { get; }

    public DateOnly BirthDate { get; }

    /// <summary>Formatted for display to an authorised person: DDMMYY-SSSS.</summary>
    public string Formatted => string.Concat(Value.AsSpan(0, 6), "-", Value.AsSpan(6));

    /// <summary>Masked form for places where a hint is useful: DDMMYY-XXXX.</summary>
    public string Masked => string.Concat(Value.AsSpan(0, 6), "-XXXX");

    public static CprNumber Parse(string input, DateOnly today) =>
        TryParse(input, today, out var cpr, out var error) ? cpr : throw new Common.DomainException(error!, "cpr");

    /// <summary>Parses "DDMMYYSSSS" or "DDMMYY-SSSS" (surrounding spaces allowed).</summary>
    /// <param name="error">A stable error code: Cpr.Required, Cpr.Format or Cpr.Date.</param>
    public static bool TryParse(string? input, DateOnly today, [NotNullWhen(true)] out CprNumber? cpr, out string? error)
    {
        cpr = null;
        var s = input?.Trim() ?? string.Empty;
        if (s.Length == 0)
        {
            error = "Cpr.Required";
            return false;
        }

        if (s.Length == 11 && s[6] == '-')
        {
            s = string.Concat(s.AsSpan(0, 6), s.AsSpan(7));
        }

        if (s.Length != 10 || !s.All(char.IsAsciiDigit))
        {
            error = "Cpr.Format";
            return false;
        }

        var day = int.Parse(s.AsSpan(0, 2), CultureInfo.InvariantCulture);
        var month = int.Parse(s.AsSpan(2, 2), CultureInfo.InvariantCulture);
        var yy = int.Parse(s.AsSpan(4, 2), CultureInfo.InvariantCulture);
        var year = Century(s[6] - '0', yy) + yy;
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            error = "Cpr.Date";
            return false;
        }

        var birthDate = new DateOnly(year, month, day);
        if (birthDate > today)
        {
            error = "Cpr.Date";
            return false;
        }

        cpr = new CprNumber(s, birthDate);
        error = null;
        return true;
    }

    /// <summary>Restores a number already validated when it was stored.</summary>
    public static CprNumber FromStored(string value)
    {
        var yy = int.Parse(value.AsSpan(4, 2), CultureInfo.InvariantCulture);
        var year = Century(value[6] - '0', yy) + yy;
        var birthDate = new DateOnly(
            year,
            int.Parse(value.AsSpan(2, 2), CultureInfo.InvariantCulture),
            int.Parse(value.AsSpan(0, 2), CultureInfo.InvariantCulture));
        return new CprNumber(value, birthDate);
    }

    /// <summary>The CPR office's century table for the 7th digit.</summary>
    private static int Century(int seventh, int yy) => seventh switch
    {
        0 or 1 or 2 or 3 => 1900,
        4 or 9 => yy <= 36 ? 2000 : 1900,
        _ => yy <= 57 ? 2000 : 1800,
    };

    public override string ToString() => "CPR(**********)";
}
