using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Samspil.Domain.Citizens;
using Samspil.Domain.Common;

namespace Samspil.Domain.Tests;

public sealed class CprNumberTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    [Theory]
    [InlineData("0101701234", 1970, 1, 1)]
    [InlineData("010170-1234", 1970, 1, 1)]
    [InlineData(" 311299-3999 ", 1999, 12, 31)]
    [InlineData("290200-4000", 2000, 2, 29)] // 7th digit 4, year 00 → 2000, a leap year
    [InlineData("010137-4000", 1937, 1, 1)] // 7th digit 4, year 37 → 1900s
    [InlineData("010158-5000", 1858, 1, 1)] // 7th digit 5–8, year ≥ 58 → 1800s (the demo range)
    [InlineData("010110-9000", 2010, 1, 1)] // 7th digit 9, year ≤ 36 → 2000s
    public void Given_a_well_formed_number_When_parsed_Then_the_birth_date_follows_the_century_rule(string input, int year, int month, int day)
    {
        Assert.True(CprNumber.TryParse(input, Today, out var cpr, out var error), error);
        Assert.Equal(new DateOnly(year, month, day), cpr.BirthDate);
        Assert.Equal(10, cpr.Value.Length);
    }

    [Theory]
    [InlineData(null, "Cpr.Required")]
    [InlineData("", "Cpr.Required")]
    [InlineData("   ", "Cpr.Required")]
    [InlineData("12345", "Cpr.Format")]
    [InlineData("01017012345", "Cpr.Format")]
    [InlineData("0101 701234", "Cpr.Format")]
    [InlineData("01-01701234", "Cpr.Format")]
    [InlineData("O101701234", "Cpr.Format")]
    [InlineData("０１０１７０１２３４", "Cpr.Format")] // full-width digits are not ASCII digits
    [InlineData("3202701234", "Cpr.Date")]
    [InlineData("2902011234", "Cpr.Date")] // 1901 is not a leap year
    [InlineData("0013701234", "Cpr.Date")]
    [InlineData("0001701234", "Cpr.Date")]
    [InlineData("0101305000", "Cpr.Date")] // 2030: in the future
    public void Given_a_malformed_number_When_parsed_Then_it_is_rejected_with_a_reason(string? input, string expected)
    {
        Assert.False(CprNumber.TryParse(input, Today, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void A_number_that_fails_modulus_11_is_still_valid_because_such_numbers_are_issued_since_2007()
    {
        Assert.True(CprNumber.TryParse("0101701235", Today, out _, out _));
    }

    [Fact]
    public void ToString_never_reveals_the_number_so_it_cannot_leak_into_logs()
    {
        var cpr = CprNumber.Parse("010170-1234", Today);
        Assert.DoesNotContain("0101", cpr.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("1234", cpr.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("1234", $"{cpr}", StringComparison.Ordinal);
        Assert.Equal("010170-1234", cpr.Formatted);
        Assert.Equal("010170-XXXX", cpr.Masked);
    }

    [Fact]
    public void Parse_throws_a_domain_error_naming_the_field()
    {
        var ex = Assert.Throws<DomainException>(() => CprNumber.Parse("99", Today));
        Assert.Equal("Cpr.Format", ex.Code);
        Assert.Equal("cpr", ex.Field);
    }

    [Property(MaxTest = 2000)]
    public Property Every_real_past_date_with_any_serial_round_trips_through_parse_and_storage()
    {
        var dates = Gen.Choose(0, 200 * 365).Select(offset => new DateOnly(1858, 1, 1).AddDays(offset)).Where(d => d <= Today);
        var serials = Gen.Choose(0, 9999);
        return Prop.ForAll(dates.ToArbitrary(), serials.ToArbitrary(), (date, serial) =>
        {
            var seventh = SeventhDigitFor(date.Year, serial);
            if (seventh is null)
            {
                return true; // this serial cannot encode that century
            }

            var text = $"{date:ddMMyy}{seventh}{serial % 1000:000}";
            return CprNumber.TryParse(text, Today, out var cpr, out _)
                && cpr.BirthDate == date
                && CprNumber.FromStored(cpr.Value) == cpr;
        });
    }

    [Property(MaxTest = 2000)]
    public Property Any_string_that_is_not_ten_digits_is_rejected(string? input)
    {
        var digits = (input ?? string.Empty).Trim().Replace("-", string.Empty, StringComparison.Ordinal);
        var tenDigits = digits.Length == 10 && digits.All(char.IsAsciiDigit);
        return (!tenDigits).Implies(() => !CprNumber.TryParse(input, Today, out _, out _));
    }

    private static int? SeventhDigitFor(int year, int serial)
    {
        var yy = year % 100;
        int[] candidates = year switch
        {
            >= 1858 and <= 1899 => [5, 6, 7, 8],
            >= 1900 and <= 1936 => [0, 1, 2, 3],
            >= 1937 and <= 1999 => [0, 1, 2, 3, 4, 9],
            >= 2000 and <= 2036 => [4, 9, 5, 6, 7, 8],
            >= 2037 and <= 2057 => [5, 6, 7, 8],
            _ => [],
        };
        return candidates.Length == 0 || (year >= 1858 && year <= 1899 && yy < 58) ? null : candidates[serial % candidates.Length];
    }
}
