using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Samspil.Domain.Screening;

namespace Samspil.Domain.Tests.Screening;

public sealed class AdmissionCsvReaderTests
{
    private const string Header = "person_key,municipality_code,region_code,admission_start,admission_end,acute,department";

    private static AdmissionCsvResult Read(string text) => AdmissionCsvReader.Read(new StringReader(text));

    private static AdmissionCsvError SingleError(string row)
    {
        var result = Read(Header + "\n" + row + "\n");
        Assert.Empty(result.Admissions);
        var error = Assert.Single(result.Errors);
        Assert.Equal(2, error.Row);
        return error;
    }

    [Fact]
    public void A_good_file_gives_admissions_in_UTC()
    {
        var result = Read(Header + "\r\nP1,461,1083,2026-03-28T22:00:00+01:00,2026-03-29T10:00:00Z,ja,Medicinsk afd.\r\n");

        var admission = Assert.Single(result.Admissions);
        Assert.Empty(result.Errors);
        Assert.Equal(new DateTimeOffset(2026, 3, 28, 21, 0, 0, TimeSpan.Zero), admission.Start);
        Assert.Equal(TimeSpan.Zero, admission.Start.Offset);
        Assert.True(admission.Acute);
        Assert.Equal("Medicinsk afd.", admission.Department);
    }

    [Fact]
    public void A_Danish_Excel_file_with_semicolons_Danish_headers_and_local_times_is_read()
    {
        var text = "\uFEFFPersonnøgle;Kommunekode;Regionskode;Indlæggelse_start;Indlæggelse_slut;Akut;Afdeling\n" +
                   "P1;0461;1083;29-03-2026 01:30;29-03-2026 03:30;Nej;\"Afd; B\"\n";

        var admission = Assert.Single(Read(text).Admissions);

        Assert.Equal("461", admission.MunicipalityCode);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 0, 30, 0, TimeSpan.Zero), admission.Start);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero), admission.End); // 03:30 summer time
        Assert.False(admission.Acute);
        Assert.Equal("Afd; B", admission.Department);
    }

    [Fact]
    public void Columns_may_come_in_any_order()
    {
        var text = "department,acute,admission_end,admission_start,region_code,municipality_code,person_key\n" +
                   "X,no,2026-01-02 10:00,2026-01-01 10:00,1083,461,P1\n";

        var admission = Assert.Single(Read(text).Admissions);

        Assert.Equal(("P1", "461", "1083"), (admission.PersonKey, admission.MunicipalityCode, admission.RegionCode));
    }

    [Fact]
    public void Bad_rows_are_reported_with_their_row_number_and_good_rows_still_come_through()
    {
        var text = Header + "\n" +
                   "P1,461,1083,2026-01-01 10:00,2026-01-02 10:00,ja,A\n" +
                   "P2,461,1083,2026-01-05 10:00,2026-01-02 10:00,ja,A\n" +
                   "\n" +
                   "P3,461,1083,2026-01-01 10:00,2026-01-02 10:00,ja,A\n";

        var result = Read(text);

        Assert.Equal(["P1", "P3"], result.Admissions.Select(a => a.PersonKey));
        var error = Assert.Single(result.Errors);
        Assert.Equal((3L, AdmissionCsvErrorCode.EndBeforeStart, "admission_end"), (error.Row, error.Code, error.Column));
        Assert.Contains("før", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("P1,461,1083,2026-01-01 10:00,2026-01-02 10:00,ja", AdmissionCsvErrorCode.WrongColumnCount)]
    [InlineData("P1,461,1083,2026-01-01 10:00,2026-01-02 10:00,ja,A,extra", AdmissionCsvErrorCode.WrongColumnCount)]
    [InlineData(",461,1083,2026-01-01 10:00,2026-01-02 10:00,ja,A", AdmissionCsvErrorCode.MissingValue)]
    [InlineData("P 1,461,1083,2026-01-01 10:00,2026-01-02 10:00,ja,A", AdmissionCsvErrorCode.InvalidPersonKey)]
    [InlineData("Pø,461,1083,2026-01-01 10:00,2026-01-02 10:00,ja,A", AdmissionCsvErrorCode.InvalidPersonKey)]
    [InlineData("P1,46,1083,2026-01-01 10:00,2026-01-02 10:00,ja,A", AdmissionCsvErrorCode.InvalidMunicipalityCode)]
    [InlineData("P1,461,83,2026-01-01 10:00,2026-01-02 10:00,ja,A", AdmissionCsvErrorCode.InvalidRegionCode)]
    [InlineData("P1,461,1083,2026-13-01 10:00,2026-01-02 10:00,ja,A", AdmissionCsvErrorCode.InvalidTimestamp)]
    [InlineData("P1,461,1083,01/02/2026,2026-01-02 10:00,ja,A", AdmissionCsvErrorCode.InvalidTimestamp)]
    [InlineData("P1,461,1083,1850-01-01 10:00,2026-01-02 10:00,ja,A", AdmissionCsvErrorCode.InvalidTimestamp)]
    [InlineData("P1,461,1083,9999-12-31T23:59:59-14:00,9999-12-31T23:59:59-14:00,ja,A", AdmissionCsvErrorCode.InvalidTimestamp)]
    [InlineData("P1,461,1083,2026-03-29 02:30,2026-03-29 10:00,ja,A", AdmissionCsvErrorCode.NonexistentLocalTime)]
    [InlineData("P1,461,1083,2026-10-25 02:30,2026-10-26 10:00,ja,A", AdmissionCsvErrorCode.AmbiguousLocalTime)]
    [InlineData("P1,461,1083,2026-01-01 10:00,2026-01-02 10:00,måske,A", AdmissionCsvErrorCode.InvalidAcute)]
    [InlineData("P1,461,1083,2026-01-01 10:00,2026-01-02 10:00,ja,\"A", AdmissionCsvErrorCode.MalformedQuotes)]
    [InlineData("P1,461,1083,2026-01-01 10:00,2026-01-02 10:00,ja,A\"B", AdmissionCsvErrorCode.MalformedQuotes)]
    [InlineData("P1,461,1083,2026-01-01 10:00,2026-01-02 10:00,ja,\"A\"B", AdmissionCsvErrorCode.MalformedQuotes)]
    [InlineData("P1,461,1083,2026-01-01 10:00,2026-01-02 10:00,ja,A\u0000B", AdmissionCsvErrorCode.ControlCharacter)]
    [InlineData("P1,461,1083,2026-01-01 10:00,2026-01-02 10:00,ja,A\u001bB", AdmissionCsvErrorCode.ControlCharacter)]
    public void A_bad_row_gives_its_error_code(string row, AdmissionCsvErrorCode code)
    {
        Assert.Equal(code, SingleError(row).Code);
    }

    [Fact]
    public void The_repeated_October_hour_is_accepted_when_the_offset_says_which_one()
    {
        var result = Read(Header + "\nP1,461,1083,2026-10-25T02:30+02:00,2026-10-25T02:30+01:00,ja,A\n");

        var admission = Assert.Single(result.Admissions);
        Assert.Equal(TimeSpan.FromHours(1), admission.End - admission.Start);
    }

    [Fact]
    public void A_quoted_field_may_contain_separators_and_doubled_quotes()
    {
        var admission = Assert.Single(Read(Header + "\n\"P1\",461,1083,2026-01-01 10:00,2026-01-02 10:00,ja,\"Afd. \"\"Syd\"\", 2\"\n").Admissions);

        Assert.Equal("Afd. \"Syd\", 2", admission.Department);
    }

    [Fact]
    public void A_huge_field_and_a_huge_row_are_errors_not_memory_exhaustion()
    {
        var hugeField = "P1,461,1083,2026-01-01 10:00,2026-01-02 10:00,ja," + new string('x', AdmissionCsvReader.MaxFieldLength + 1);
        var hugeRow = "P1,461,1083,2026-01-01 10:00,2026-01-02 10:00,ja," + new string('x', 5_000_000);
        var good = "P2,461,1083,2026-01-01 10:00,2026-01-02 10:00,ja,A";

        var result = Read(string.Join("\n", Header, hugeField, hugeRow, good));

        Assert.Equal([AdmissionCsvErrorCode.FieldTooLong, AdmissionCsvErrorCode.RowTooLong], result.Errors.Select(e => e.Code));
        Assert.Equal([2L, 3L], result.Errors.Select(e => e.Row));
        Assert.Equal("P2", Assert.Single(result.Admissions).PersonKey);
    }

    [Fact]
    public void An_unclosed_quote_costs_only_its_own_row()
    {
        var result = Read(Header + "\nP1,461,1083,2026-01-01 10:00,2026-01-02 10:00,ja,\"A\nP2,461,1083,2026-01-01 10:00,2026-01-02 10:00,ja,B\n");

        Assert.Equal("P2", Assert.Single(result.Admissions).PersonKey);
        Assert.Equal(2, Assert.Single(result.Errors).Row);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    [InlineData("person_key,municipality_code\nP1,461\n")]
    [InlineData("person_key,person_key,region_code,admission_start,admission_end,acute,department\n")]
    [InlineData("hvem,hvor\n")]
    public void A_file_without_a_proper_header_gives_one_error_and_no_rows(string text)
    {
        var result = Read(text);

        Assert.Empty(result.Admissions);
        Assert.Contains(Assert.Single(result.Errors).Code, new[] { AdmissionCsvErrorCode.MissingHeader, AdmissionCsvErrorCode.InvalidHeader });
    }

    [Fact]
    public void Only_the_first_errors_are_kept_but_all_are_counted()
    {
        var text = Header + "\n" + string.Concat(Enumerable.Repeat("bad\n", 50));

        var result = AdmissionCsvReader.Read(new StringReader(text), maxErrors: 10);

        Assert.Equal(10, result.Errors.Count);
        Assert.Equal(50, result.ErrorCount);
    }

    [Property(MaxTest = 2_000)]
    public void Hostile_text_never_throws_and_never_loses_a_good_row(string[] junk)
    {
        var good = "P9,461,1083,2026-01-01 10:00,2026-01-02 10:00,ja,A";
        var lines = (junk ?? []).Select(j => (j ?? string.Empty).Replace("\n", "", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal)).ToList();
        var text = Header + "\n" + string.Join("\n", lines.Select(l => l + "\n" + good));

        var result = Read(text);

        Assert.Equal(lines.Count, result.Admissions.Count(a => a.PersonKey == "P9" && a.Department == "A"));
        Assert.All(result.Errors, e => Assert.InRange(e.Row, 2, lines.Count * 2 + 1));
    }

    [Property(MaxTest = 1_000, Arbitrary = [typeof(CsvArbitraries)])]
    public void Junk_made_of_separators_quotes_digits_and_control_characters_never_throws(string text)
    {
        var result = Read(Header + "\n" + text);

        Assert.Equal(result.Errors.Count, (int)result.ErrorCount);
    }

    public static class CsvArbitraries
    {
        public static Arbitrary<string> Text() =>
            Gen.ArrayOf(Gen.Elements(',', ';', '"', '\n', '\r', '\0', '\u001b', '1', '-', ':', 'T', 'Z', '+', ' ', 'ø', 'j', 'a'))
                .Select(chars => new string(chars))
                .ToArbitrary();
    }
}

public sealed class AdmissionCsvRoundTripTests
{
    [Property(MaxTest = 300, Arbitrary = [typeof(ScreeningArbitraries)])]
    public void Admissions_written_as_CSV_in_any_accepted_style_read_back_unchanged(Population population, bool semicolons, bool localTime)
    {
        var admissions = population.ByPerson.SelectMany(p => p).ToList();
        var separator = semicolons ? ';' : ',';
        var lines = new List<string> { string.Join(separator, "person_key", "municipality_code", "region_code", "admission_start", "admission_end", "acute", "department") };
        var expected = new List<AdmissionEvent>();
        foreach (var a in admissions)
        {
            // Local times are only unambiguous outside the repeated October hour; those rows use offsets.
            var start = Format(a.Start, localTime);
            var end = Format(a.End, localTime);
            lines.Add(string.Join(separator, a.PersonKey, a.MunicipalityCode, a.RegionCode, start, end, a.Acute ? "ja" : "nej", "\"" + a.Department + "\""));
            expected.Add(a);
        }

        var result = AdmissionCsvReader.Read(new StringReader(string.Join("\r\n", lines)));

        Assert.Empty(result.Errors);
        Assert.Equal(expected, result.Admissions);
    }

    private static string Format(DateTimeOffset instant, bool localTime)
    {
        var zone = CopenhagenClock.Zone;
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        return localTime && !zone.IsAmbiguousTime(local.DateTime)
            ? local.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)
            : instant.ToString("yyyy-MM-dd'T'HH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture);
    }
}
