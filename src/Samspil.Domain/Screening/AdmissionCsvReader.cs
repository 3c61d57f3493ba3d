using System.Globalization;
using System.Text;

namespace Samspil.Domain.Screening;

/// <summary>A row of an admissions file: either an admission or the reason it was rejected.</summary>
public readonly record struct AdmissionCsvRow(long Row, AdmissionEvent? Admission, AdmissionCsvError? Error);

/// <summary>Everything read from an admissions file.</summary>
/// <param name="Admissions">The good rows, in file order.</param>
/// <param name="Errors">The rejected rows, in file order (at most the <c>maxErrors</c> first).</param>
/// <param name="ErrorCount">How many rows were rejected in all.</param>
public sealed record AdmissionCsvResult(IReadOnlyList<AdmissionEvent> Admissions, IReadOnlyList<AdmissionCsvError> Errors, long ErrorCount);

/// <summary>
/// Reads admissions from CSV. A bad row is reported and skipped; it never stops the good rows, and no
/// input makes the reader throw.
/// </summary>
/// <remarks>
/// <para><b>Format.</b> UTF-8 text (a byte-order mark is ignored). The first line is a header naming
/// the seven columns in any order, in English or Danish, case-insensitively:
/// <c>person_key</c>/<c>personnoegle</c>, <c>municipality_code</c>/<c>kommunekode</c>,
/// <c>region_code</c>/<c>regionskode</c>, <c>admission_start</c>/<c>indlaeggelse_start</c>,
/// <c>admission_end</c>/<c>indlaeggelse_slut</c>, <c>acute</c>/<c>akut</c>,
/// <c>department</c>/<c>afdeling</c> (æ and ø may be written as such). The separator is <c>;</c> when
/// the header contains one (Danish Excel), else <c>,</c>. Fields may be quoted with <c>"</c>, a quote
/// inside written as <c>""</c>. One line is one row: a line break inside a field is not supported,
/// which is also what lets a broken quote cost only its own row. Blank lines are skipped.</para>
/// <para><b>Values.</b> Person key: 1–64 visible ASCII characters (so ordinal and PostgreSQL "C"
/// order agree). Municipality: three digits (a leading zero of a four-digit form is dropped, "0461"
/// → "461"). Region: four digits. Acute: ja/nej, yes/no, true/false, 1/0. Department: up to
/// <see cref="MaxFieldLength"/> characters. Timestamps: ISO 8601 with an offset or <c>Z</c>
/// (<c>2026-03-29T01:30:00+01:00</c>), or Danish local time without one (<c>2026-03-29 01:30</c>,
/// <c>29-03-2026 01:30</c>, seconds optional); a local time that does not exist (the hour skipped in
/// March) or occurs twice (the hour repeated in October) is rejected rather than guessed. Years
/// 1900–2100. The discharge may equal the admission but not precede it.</para>
/// </remarks>
public static class AdmissionCsvReader
{
    /// <summary>The longest field accepted.</summary>
    public const int MaxFieldLength = 200;

    /// <summary>The longest row accepted; longer rows are skipped without being held in memory.</summary>
    public const int MaxRowLength = 4_000;

    private const int MaxFields = 32;

    private static readonly string[] ColumnNames = ["person_key", "municipality_code", "region_code", "admission_start", "admission_end", "acute", "department"];

    private static readonly Dictionary<string, int> HeaderAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["person_key"] = 0, ["personnoegle"] = 0, ["personnøgle"] = 0,
        ["municipality_code"] = 1, ["kommunekode"] = 1,
        ["region_code"] = 2, ["regionskode"] = 2,
        ["admission_start"] = 3, ["indlaeggelse_start"] = 3, ["indlæggelse_start"] = 3,
        ["admission_end"] = 4, ["indlaeggelse_slut"] = 4, ["indlæggelse_slut"] = 4,
        ["acute"] = 5, ["akut"] = 5,
        ["department"] = 6, ["afdeling"] = 6,
    };

    private static readonly string[] OffsetFormats =
    [
        "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mmK", "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
    ];

    private static readonly string[] LocalFormats =
    [
        "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "dd-MM-yyyy HH:mm", "dd-MM-yyyy HH:mm:ss", "dd.MM.yyyy HH:mm", "dd.MM.yyyy HH:mm:ss",
    ];

    /// <summary>Reads the whole file, keeping the good rows and the first <paramref name="maxErrors"/> errors.</summary>
    public static AdmissionCsvResult Read(TextReader reader, int maxErrors = 10_000)
    {
        var admissions = new List<AdmissionEvent>();
        var errors = new List<AdmissionCsvError>();
        long errorCount = 0;
        foreach (var row in ReadRows(reader))
        {
            if (row.Admission is { } admission)
            {
                admissions.Add(admission);
            }
            else if (row.Error is { } error)
            {
                errorCount++;
                if (errors.Count < maxErrors)
                {
                    errors.Add(error);
                }
            }
        }

        return new AdmissionCsvResult(admissions, errors, errorCount);
    }

    /// <summary>Streams the file row by row (for large imports and progress reporting).</summary>
    public static IEnumerable<AdmissionCsvRow> ReadRows(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Iterate(reader);

        static IEnumerable<AdmissionCsvRow> Iterate(TextReader reader)
        {
            var lines = new LineTokenizer(reader);
            int[]? columnOf = null;
            while (lines.Next(out var line))
            {
                if (line.IsBlank)
                {
                    continue;
                }

                if (columnOf is null)
                {
                    lines.Separator = line.Raw.Contains(';', StringComparison.Ordinal) ? ';' : ',';
                    line = lines.Resplit(line);
                    var header = ParseHeader(line, out columnOf);
                    if (header is not null)
                    {
                        yield return new AdmissionCsvRow(line.Number, null, header);
                        yield break;
                    }

                    continue;
                }

                yield return ParseRow(line, columnOf);
            }

            if (columnOf is null)
            {
                yield return new AdmissionCsvRow(1, null, Error(1, AdmissionCsvErrorCode.MissingHeader, null, "Filen er tom eller mangler overskriftslinjen med kolonnenavne."));
            }
        }
    }

    private static AdmissionCsvError? ParseHeader(Line line, out int[] columnOf)
    {
        var found = new int[ColumnNames.Length];
        Array.Fill(found, -1);
        columnOf = found;
        if (line.Problem is { } problem)
        {
            return Error(line.Number, AdmissionCsvErrorCode.MissingHeader, null, "Overskriftslinjen kan ikke læses: " + problem.Message);
        }

        for (var field = 0; field < line.Fields.Count; field++)
        {
            var name = line.Fields[field].Trim().TrimStart('\uFEFF');
            if (!HeaderAliases.TryGetValue(name, out var column))
            {
                return Error(line.Number, AdmissionCsvErrorCode.InvalidHeader, null, "Ukendt kolonne i overskriftslinjen: '" + Printable(name) + "'. Forventet: " + string.Join(", ", ColumnNames) + ".");
            }

            if (columnOf[column] >= 0)
            {
                return Error(line.Number, AdmissionCsvErrorCode.InvalidHeader, ColumnNames[column], "Kolonnen '" + ColumnNames[column] + "' står to gange i overskriftslinjen.");
            }

            columnOf[column] = field;
        }

        var missing = Enumerable.Range(0, ColumnNames.Length).Where(c => found[c] < 0).Select(c => ColumnNames[c]).ToList();
        return missing.Count == 0
            ? null
            : Error(line.Number, AdmissionCsvErrorCode.InvalidHeader, missing[0], "Overskriftslinjen mangler kolonnen/kolonnerne: " + string.Join(", ", missing) + ".");
    }

    private static AdmissionCsvRow ParseRow(Line line, int[] columnOf)
    {
        if (line.Problem is { } problem)
        {
            return new AdmissionCsvRow(line.Number, null, problem);
        }

        if (line.Fields.Count != ColumnNames.Length)
        {
            return Fail(line, AdmissionCsvErrorCode.WrongColumnCount, null, string.Create(CultureInfo.InvariantCulture, $"Rækken har {line.Fields.Count} felter; der skal være {ColumnNames.Length}."));
        }

        var values = new string[ColumnNames.Length];
        for (var column = 0; column < ColumnNames.Length; column++)
        {
            var value = line.Fields[columnOf[column]].Trim();
            if (value.Any(char.IsControl))
            {
                return Fail(line, AdmissionCsvErrorCode.ControlCharacter, ColumnNames[column], "Feltet indeholder et kontroltegn, som ikke er tilladt.");
            }

            if (value.Length == 0)
            {
                return Fail(line, AdmissionCsvErrorCode.MissingValue, ColumnNames[column], "Feltet er tomt, men skal udfyldes.");
            }

            values[column] = value;
        }

        var personKey = values[0];
        if (personKey.Length > 64 || personKey.Any(c => c is < '!' or > '~'))
        {
            return Fail(line, AdmissionCsvErrorCode.InvalidPersonKey, ColumnNames[0], "Personnøglen skal være 1–64 synlige ASCII-tegn (bogstaver a–z, tal og tegn, ingen mellemrum eller æøå).");
        }

        var municipality = values[1];
        if (municipality.Length == 4 && municipality[0] == '0')
        {
            municipality = municipality[1..];
        }

        if (municipality.Length != 3 || !municipality.All(char.IsAsciiDigit))
        {
            return Fail(line, AdmissionCsvErrorCode.InvalidMunicipalityCode, ColumnNames[1], "Kommunekoden skal være tre cifre, fx 461.");
        }

        if (values[2].Length != 4 || !values[2].All(char.IsAsciiDigit))
        {
            return Fail(line, AdmissionCsvErrorCode.InvalidRegionCode, ColumnNames[2], "Regionskoden skal være fire cifre, fx 1083.");
        }

        var start = ParseTimestamp(values[3], out var startError);
        if (startError is { } s)
        {
            return Fail(line, s.Code, ColumnNames[3], s.Message);
        }

        var end = ParseTimestamp(values[4], out var endError);
        if (endError is { } e)
        {
            return Fail(line, e.Code, ColumnNames[4], e.Message);
        }

        if (end < start)
        {
            return Fail(line, AdmissionCsvErrorCode.EndBeforeStart, ColumnNames[4], "Udskrivningstidspunktet ligger før indlæggelsestidspunktet.");
        }

        bool? acute = values[5].ToUpperInvariant() switch
        {
            "JA" or "J" or "YES" or "Y" or "TRUE" or "1" => true,
            "NEJ" or "N" or "NO" or "FALSE" or "0" => false,
            _ => null,
        };
        if (acute is null)
        {
            return Fail(line, AdmissionCsvErrorCode.InvalidAcute, ColumnNames[5], "Akut skal være ja eller nej.");
        }

        return new AdmissionCsvRow(line.Number, new AdmissionEvent(personKey, municipality, values[2], start, end, acute.Value, values[6]), null);
    }

    private static DateTimeOffset ParseTimestamp(string value, out (AdmissionCsvErrorCode Code, string Message)? error)
    {
        error = null;
        var hasOffset = value.EndsWith('Z') || value.EndsWith('z') || (value.Length > 16 && value.AsSpan(16).IndexOfAny('+', '-') >= 0);
        DateTimeOffset instant;
        if (hasOffset)
        {
            if (!DateTimeOffset.TryParseExact(value, OffsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant))
            {
                error = (AdmissionCsvErrorCode.InvalidTimestamp, "Tidspunktet kan ikke læses. Brug fx 2026-03-29T01:30:00+01:00 eller 2026-03-29 01:30 (dansk tid).");
                return default;
            }
        }
        else
        {
            if (!DateTime.TryParseExact(value, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                error = (AdmissionCsvErrorCode.InvalidTimestamp, "Tidspunktet kan ikke læses. Brug fx 2026-03-29T01:30:00+01:00 eller 2026-03-29 01:30 (dansk tid).");
                return default;
            }

            if (local.Year is < 1900 or > 2100)
            {
                error = (AdmissionCsvErrorCode.InvalidTimestamp, "Tidspunktet skal ligge mellem år 1900 og 2100.");
                return default;
            }

            if (CopenhagenClock.Zone.IsInvalidTime(local))
            {
                error = (AdmissionCsvErrorCode.NonexistentLocalTime, "Klokkeslættet findes ikke i dansk tid (timen springes over ved overgang til sommertid). Angiv tidspunktet med UTC-forskydning.");
                return default;
            }

            if (CopenhagenClock.Zone.IsAmbiguousTime(local))
            {
                error = (AdmissionCsvErrorCode.AmbiguousLocalTime, "Klokkeslættet forekommer to gange i dansk tid (overgang til vintertid). Angiv tidspunktet med UTC-forskydning, fx +02:00 eller +01:00.");
                return default;
            }

            instant = new DateTimeOffset(local, CopenhagenClock.Zone.GetUtcOffset(local));
        }

        instant = instant.ToUniversalTime();
        if (instant.Year is < 1900 or > 2100)
        {
            error = (AdmissionCsvErrorCode.InvalidTimestamp, "Tidspunktet skal ligge mellem år 1900 og 2100.");
            return default;
        }

        return instant;
    }

    private static AdmissionCsvRow Fail(Line line, AdmissionCsvErrorCode code, string? column, string message) =>
        new(line.Number, null, Error(line.Number, code, column, message));

    private static AdmissionCsvError Error(long row, AdmissionCsvErrorCode code, string? column, string message) =>
        new(row, code, column, column is null ? message : "Kolonne '" + column + "': " + message);

    /// <summary>A header name echoed back in an error, without control characters and not too long.</summary>
    private static string Printable(string value)
    {
        var cleaned = new string(value.Take(40).Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return value.Length > 40 ? cleaned + "…" : cleaned;
    }

    /// <summary>One physical line, split into fields, or the reason it could not be.</summary>
    private sealed record Line(long Number, string Raw, IReadOnlyList<string> Fields, AdmissionCsvError? Problem)
    {
        public bool IsBlank => Problem is null && string.IsNullOrWhiteSpace(Raw);
    }

    /// <summary>
    /// Splits a text into lines (LF, CRLF or CR) and lines into fields, never holding more than
    /// <see cref="MaxRowLength"/> characters of a line.
    /// </summary>
    private sealed class LineTokenizer(TextReader reader)
    {
        private readonly char[] _buffer = new char[8192];
        private readonly StringBuilder _line = new();
        private int _position;
        private int _length;
        private long _number;
        private bool _pendingCarriageReturn;

        public char Separator { get; set; } = ',';

        public bool Next(out Line line)
        {
            _line.Clear();
            var tooLong = false;
            var any = false;
            while (true)
            {
                if (_position == _length)
                {
                    _length = reader.Read(_buffer, 0, _buffer.Length);
                    _position = 0;
                    if (_length == 0)
                    {
                        break;
                    }
                }

                var c = _buffer[_position++];
                if (_pendingCarriageReturn)
                {
                    _pendingCarriageReturn = false;
                    if (c == '\n')
                    {
                        continue;
                    }
                }

                if (c is '\n' or '\r')
                {
                    _pendingCarriageReturn = c == '\r';
                    any = true;
                    break;
                }

                any = true;
                if (_line.Length < MaxRowLength)
                {
                    _line.Append(c);
                }
                else
                {
                    tooLong = true;
                }
            }

            if (!any)
            {
                line = null!;
                return false;
            }

            _number++;
            var raw = _line.ToString();
            line = tooLong
                ? new Line(_number, string.Empty, [], Error(_number, AdmissionCsvErrorCode.RowTooLong, null, string.Create(CultureInfo.InvariantCulture, $"Rækken er længere end {MaxRowLength} tegn.")))
                : Split(_number, raw);
            return true;
        }

        public Line Resplit(Line line) => line.Problem is null ? Split(line.Number, line.Raw) : line;

        private Line Split(long number, string raw)
        {
            var fields = new List<string>();
            var field = new StringBuilder();
            var i = 0;
            while (true)
            {
                field.Clear();
                var quoted = i < raw.Length && raw[i] == '"';
                if (quoted)
                {
                    i++;
                    var closed = false;
                    while (i < raw.Length)
                    {
                        if (raw[i] == '"')
                        {
                            if (i + 1 < raw.Length && raw[i + 1] == '"')
                            {
                                field.Append('"');
                                i += 2;
                                continue;
                            }

                            closed = true;
                            i++;
                            break;
                        }

                        field.Append(raw[i++]);
                    }

                    if (!closed || (i < raw.Length && raw[i] != Separator))
                    {
                        return Problem(number, raw, AdmissionCsvErrorCode.MalformedQuotes, "Et citationstegn (\") er ikke afsluttet korrekt på linjen.");
                    }
                }
                else
                {
                    while (i < raw.Length && raw[i] != Separator)
                    {
                        if (raw[i] == '"')
                        {
                            return Problem(number, raw, AdmissionCsvErrorCode.MalformedQuotes, "Et citationstegn (\") står midt i et felt; sæt hele feltet i citationstegn og skriv \"\" for et citationstegn.");
                        }

                        field.Append(raw[i++]);
                    }
                }

                if (field.Length > MaxFieldLength)
                {
                    return Problem(number, raw, AdmissionCsvErrorCode.FieldTooLong, string.Create(CultureInfo.InvariantCulture, $"Felt nr. {fields.Count + 1} er længere end {MaxFieldLength} tegn."));
                }

                if (fields.Count == MaxFields)
                {
                    return Problem(number, raw, AdmissionCsvErrorCode.WrongColumnCount, string.Create(CultureInfo.InvariantCulture, $"Rækken har mere end {MaxFields} felter."));
                }

                fields.Add(field.ToString());
                if (i >= raw.Length)
                {
                    return new Line(number, raw, fields, null);
                }

                i++; // the separator
            }
        }

        private static Line Problem(long number, string raw, AdmissionCsvErrorCode code, string message) =>
            new(number, raw, [], Error(number, code, null, message));
    }
}
