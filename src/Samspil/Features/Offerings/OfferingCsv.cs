using System.Globalization;
using System.Text;
using Samspil.Domain.Common;
using Samspil.Domain.Offerings;

namespace Samspil.Features.Offerings;

/// <summary>
/// Offerings as a spreadsheet: one row per offering, UTF-8 with BOM, ';'-separated (Danish Excel opens it as columns;
/// import also takes ','). Lists of codes are comma-separated in their cell; opening hours read
/// "MO,TU,WE,TH,FR 08:00-16:00; SA 10:00-12:00"; exceptions are one per line in their cell:
/// "2026-12-24 closed Juleaften" or "2026-12-31 10:00-14:00 Nytårsaften". A text cell that would start a formula
/// (=, +, -, @) is written with a leading apostrophe, which import removes. See docs/offerings-hsds.md.
/// </summary>
public static class OfferingCsv
{
    public static readonly string[] Columns =
    [
        "organization_id", "organization_name", "external_id", "name", "description", "status", "needs", "target_groups",
        "minimum_age", "maximum_age", "eligibility", "access", "referral_by", "languages", "interpreter", "free", "cost",
        "street", "postal_code", "city", "latitude", "longitude", "municipalities", "phone", "email", "url",
        "after_hours", "crisis", "always_open", "closed_on_public_holidays", "opening_hours", "exceptions", "hours_note",
    ];

    private static readonly string[] Required = ["external_id", "name", "description"];

    public static byte[] Write(IReadOnlyList<Offering> offerings, IReadOnlyDictionary<Guid, string> organizationNames)
    {
        var text = new StringBuilder();
        text.AppendJoin(';', Columns).Append("\r\n");
        var ordered = offerings
            .Select(o => (Offering: o, Key: o.ExternalId ?? o.Id.ToString()))
            .OrderBy(o => o.Offering.OrganizationId.ToString(), StringComparer.Ordinal)
            .ThenBy(o => o.Key, StringComparer.Ordinal);
        foreach (var (o, key) in ordered)
        {
            string[] cells =
            [
                o.OrganizationId.ToString(), Safe(organizationNames.GetValueOrDefault(o.OrganizationId)), Safe(key), Safe(o.Name), Safe(o.Description),
                o.Status == OfferingStatus.Active ? "active" : "inactive", string.Join(',', o.Needs), Safe(string.Join(',', o.TargetGroups)),
                Number(o.MinimumAge), Number(o.MaximumAge), Safe(o.Eligibility), AccessCode(o.Access), Safe(o.ReferralBy), string.Join(',', o.Languages),
                Bool(o.InterpreterAvailable), Bool(o.IsFree), Safe(o.CostDescription),
                Safe(o.Street), Safe(o.PostalCode), Safe(o.City), Coordinate(o.Latitude), Coordinate(o.Longitude), string.Join(',', o.Municipalities),
                Safe(o.Phone), Safe(o.Email), Safe(o.Url),
                Bool(o.IsAfterHours), Bool(o.IsCrisis), Bool(o.AlwaysOpen), Bool(o.ClosedOnPublicHolidays),
                Hours(o), Safe(Exceptions(o)), Safe(o.HoursNote),
            ];
            text.AppendJoin(';', cells.Select(Quote)).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Coordinate(decimal? value) => value is null ? string.Empty : ((double)value.Value).ToString(CultureInfo.InvariantCulture);

    private static string Bool(bool value) => value ? "true" : "false";

    private static string AccessCode(OfferingAccess access) => access switch
    {
        OfferingAccess.Referral => HsdsTaxonomies.Referral,
        OfferingAccess.SelfReferralOrReferral => HsdsTaxonomies.SelfReferralOrReferral,
        _ => HsdsTaxonomies.SelfReferral,
    };

    /// <summary>Spreadsheet formula injection: a cell starting with = + - @ gets a leading apostrophe.</summary>
    private static string Safe(string? value) => value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' ? "'" + value : value ?? string.Empty;

    private static string Unsafe(string value) => value.Length > 1 && value[0] == '\'' && value[1] is '=' or '+' or '-' or '@' ? value[1..] : value;

    private static string Quote(string value) =>
        value.IndexOfAny([';', ',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static string Hours(Offering o) => o.AlwaysOpen
        ? string.Empty
        : string.Join("; ", HsdsWriter.Schedules(o, string.Empty).Where(s => s.Freq is not null).Select(s => $"{s.Byday} {s.OpensAt}-{s.ClosesAt}"));

    private static string Exceptions(Offering o) => string.Join('\n', o.Exceptions.OrderBy(e => e.Date).ThenBy(e => e.Opens).ThenBy(e => e.Closes).Select(e =>
    {
        var when = e.Closed ? "closed" : $"{Hsds.Time(e.Opens!.Value)}-{Hsds.Time(e.Closes!.Value)}";
        return e.Note is null ? $"{Hsds.Date(e.Date)} {when}" : $"{Hsds.Date(e.Date)} {when} {e.Note}";
    }));

    /// <summary>The rows of a CSV file, or a file-level problem (row, field, resource key).</summary>
    public static (List<OfferingImportRow>? Rows, (int Row, string Field, string Code)? Error) Read(string text, int maxRows)
    {
        if (!TryParse(text, maxRows, out var records))
        {
            return (null, (0, string.Empty, "OfferingImport.Malformed"));
        }

        if (records.Count < 2)
        {
            return (null, (0, string.Empty, "OfferingImport.Empty"));
        }

        var header = records[0].Fields.Select(f => f.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToList();
        if (Required.FirstOrDefault(c => !header.Contains(c)) is { } missing)
        {
            return (null, (1, missing, "OfferingImport.MissingColumn"));
        }

        if (!header.Contains("organization_id") && !header.Contains("organization_name"))
        {
            return (null, (1, "organization_id", "OfferingImport.MissingColumn"));
        }

        var data = records.Skip(1).Where(r => r.Fields.Any(f => f.Trim().Length > 0)).ToList();
        if (data.Count > maxRows)
        {
            return (null, (0, string.Empty, "OfferingImport.TooManyRows"));
        }

        return (data.Select(r => Row(r, header)).ToList(), null);
    }

    private static OfferingImportRow Row(CsvRecord record, List<string> header)
    {
        string? Cell(string column)
        {
            var index = header.IndexOf(column);
            var value = index >= 0 && index < record.Fields.Count ? Unsafe(record.Fields[index].Trim()) : string.Empty;
            return value.Length == 0 ? null : value;
        }

        var externalId = Cell("external_id");
        var row = new OfferingImportRow(record.Line, externalId ?? string.Empty)
        {
            ExternalId = externalId,
            OrganizationId = Cell("organization_id"),
            OrganizationName = Cell("organization_name"),
        };
        if (record.Fields.Count > header.Count)
        {
            row.Errors.Add((string.Empty, "OfferingImport.TooManyFields"));
        }

        bool Flag(string column, bool fallback)
        {
            switch (Cell(column)?.ToLowerInvariant())
            {
                case null:
                    return fallback;
                case "true" or "ja" or "yes" or "1" or "x":
                    return true;
                case "false" or "nej" or "no" or "0":
                    return false;
                default:
                    row.Errors.Add((column, "OfferingImport.Boolean"));
                    return fallback;
            }
        }

        int? Integer(string column)
        {
            var value = Cell(column);
            if (value is null)
            {
                return null;
            }

            if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
            {
                return number;
            }

            row.Errors.Add((column, "OfferingImport.Number"));
            return null;
        }

        decimal? Decimal(string column)
        {
            var value = Cell(column);
            if (value is null)
            {
                return null;
            }

            if (!value.Contains('.', StringComparison.Ordinal))
            {
                value = value.Replace(',', '.'); // Danish Excel's decimal comma
            }

            if (decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                return number;
            }

            row.Errors.Add((column, "OfferingImport.Number"));
            return null;
        }

        static List<string> Codes(string? value) => [.. (value ?? string.Empty).Split([',', '|'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

        var status = Cell("status")?.ToLowerInvariant() switch
        {
            null or "active" or "aktiv" => OfferingStatus.Active,
            "inactive" or "inaktiv" => OfferingStatus.Inactive,
            _ => Fail(row, "status", "OfferingImport.Status", OfferingStatus.Active),
        };
        var access = Cell("access")?.ToLowerInvariant() switch
        {
            null or HsdsTaxonomies.SelfReferral => OfferingAccess.SelfReferral,
            HsdsTaxonomies.Referral => OfferingAccess.Referral,
            HsdsTaxonomies.SelfReferralOrReferral => OfferingAccess.SelfReferralOrReferral,
            _ => Fail(row, "access", "OfferingImport.Access", OfferingAccess.SelfReferral),
        };

        var languages = new List<string>();
        foreach (var code in Codes(Cell("languages")))
        {
            if (Languages.Normalise(code) is { } language)
            {
                languages.Add(language);
            }
            else
            {
                row.Errors.Add(("languages", "OfferingImport.Language"));
            }
        }

        var municipalities = new List<string>();
        foreach (var value in Codes(Cell("municipalities")))
        {
            if (Municipalities.Code(value, value) is { } code)
            {
                municipalities.Add(code);
            }
            else
            {
                row.Errors.Add(("municipalities", "OfferingImport.Municipality"));
            }
        }

        row.Details = new OfferingDetails(
            Name: Cell("name"),
            Description: Cell("description"),
            Status: status,
            TargetGroups: Codes(Cell("target_groups")),
            Needs: Codes(Cell("needs")),
            MinimumAge: Integer("minimum_age"),
            MaximumAge: Integer("maximum_age"),
            Eligibility: Cell("eligibility"),
            Access: access,
            ReferralBy: Cell("referral_by"),
            Languages: languages,
            InterpreterAvailable: Flag("interpreter", false),
            IsFree: Flag("free", true),
            CostDescription: Cell("cost"),
            Street: Cell("street"),
            PostalCode: Cell("postal_code"),
            City: Cell("city"),
            Latitude: Decimal("latitude"),
            Longitude: Decimal("longitude"),
            Municipalities: municipalities,
            Phone: Cell("phone"),
            Email: Cell("email"),
            Url: Cell("url"),
            IsAfterHours: Flag("after_hours", false),
            IsCrisis: Flag("crisis", false),
            AlwaysOpen: Flag("always_open", false),
            ClosedOnPublicHolidays: Flag("closed_on_public_holidays", true),
            HoursNote: Cell("hours_note"),
            Periods: Periods(Cell("opening_hours"), row),
            Exceptions: ExceptionList(Cell("exceptions"), row));
        return row;
    }

    private static T Fail<T>(OfferingImportRow row, string field, string code, T fallback)
    {
        row.Errors.Add((field, code));
        return fallback;
    }

    /// <summary>"MO,TU 08:00-16:00; SA 10:00-12:00".</summary>
    private static List<OpeningPeriod> Periods(string? cell, OfferingImportRow row)
    {
        var result = new List<OpeningPeriod>();
        foreach (var part in (cell ?? string.Empty).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var pieces = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var days = pieces.Length == 2 ? pieces[0].Split(',').Select(d => Array.IndexOf(Hsds.DayCodes, d.Trim().ToUpperInvariant())).ToList() : [];
            var times = pieces.Length == 2 ? pieces[1].Split('-') : [];
            if (days.Count == 0 || days.Any(d => d < 0) || times.Length != 2 || Times.Parse(times[0]) is not { } opens || Times.Parse(times[1]) is not { } closes)
            {
                row.Errors.Add(("opening_hours", "OfferingImport.HoursFormat"));
                return [];
            }

            result.AddRange(days.Select(d => OpeningPeriod.Create((DayOfWeek)d, opens, closes)));
        }

        return result;
    }

    /// <summary>One per line: "2026-12-24 closed [note]" or "2026-12-31 10:00-14:00 [note]".</summary>
    private static List<ScheduleException> ExceptionList(string? cell, OfferingImportRow row)
    {
        var result = new List<ScheduleException>();
        foreach (var line in (cell ?? string.Empty).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var pieces = line.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
            if (pieces.Length < 2 || !DateOnly.TryParseExact(pieces[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                row.Errors.Add(("exceptions", "OfferingImport.ExceptionFormat"));
                return [];
            }

            var note = pieces.Length == 3 ? pieces[2] : null;
            var times = pieces[1].Split('-');
            try
            {
                if (pieces[1].ToLowerInvariant() is "closed" or "lukket")
                {
                    result.Add(ScheduleException.ClosedOn(date, note));
                }
                else if (times.Length == 2 && Times.Parse(times[0]) is { } opens && Times.Parse(times[1]) is { } closes)
                {
                    result.Add(ScheduleException.OpenOn(date, opens, closes, note));
                }
                else
                {
                    row.Errors.Add(("exceptions", "OfferingImport.ExceptionFormat"));
                    return [];
                }
            }
            catch (DomainException)
            {
                row.Errors.Add(("exceptions", "OfferingImport.Note"));
                return [];
            }
        }

        return result;
    }

    private sealed record CsvRecord(int Line, List<string> Fields);

    /// <summary>RFC 4180 with either separator (chosen from the header line); quoted fields may hold separators, quotes ("") and line breaks.</summary>
    private static bool TryParse(string text, int maxRows, out List<CsvRecord> records)
    {
        records = [];
        var firstLine = text.Split('\n', 2)[0];
        var separator = firstLine.Count(c => c == ';') >= firstLine.Count(c => c == ',') ? ';' : ',';
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        var fieldStarted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    continue;
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }

                    field.Append(c);
                }

                continue;
            }

            if (c == '"' && !fieldStarted)
            {
                quoted = true;
                fieldStarted = true;
            }
            else if (c == separator)
            {
                fields.Add(field.ToString());
                field.Clear();
                fieldStarted = false;
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                continue;
            }
            else if (c == '\n')
            {
                fields.Add(field.ToString());
                records.Add(new CsvRecord(recordLine, fields));
                fields = [];
                field.Clear();
                fieldStarted = false;
                line++;
                recordLine = line;
            }
            else
            {
                field.Append(c);
                fieldStarted = true;
            }

            if (records.Count > maxRows + 1)
            {
                return true; // enough to say there are too many
            }
        }

        if (quoted)
        {
            return false;
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add(new CsvRecord(recordLine, fields));
        }

        return true;
    }
}
