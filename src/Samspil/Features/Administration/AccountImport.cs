using System.Globalization;
using System.Text;
using Microsoft.Extensions.Localization;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Administration;

/// <summary>A problem with one row of an import: the spreadsheet row (the header is row 1; 0 = the file as a whole), the column, the message.</summary>
public sealed record ImportRowError(int Row, string Field, string Message);

/// <summary>What an import did: every account created (with its invitation), or nothing and the list of problems.</summary>
public sealed record AccountImportResult(bool Created, int Rows, IReadOnlyList<ImportRowError> Errors, IReadOnlyList<InvitedAccountView> Accounts);

/// <summary>
/// Staff accounts from a CSV file (columns name;email;title;profession;unit;roles;mandate;phone, or the
/// Danish navn;e-mail;titel;faggruppe;enhed;roller;mandat;telefon), separated by ';' (Danish Excel) or ',',
/// UTF-8 with or without BOM. Every row is checked first; when any row has a problem nothing is created
/// and the answer lists every problem by row and column, so the administrator corrects the file and
/// imports it again. Otherwise all accounts are created in one transaction and each gets an invitation.
/// </summary>
public sealed class AccountImport(AccountAdministration accounts, IStringLocalizer<SharedResource> localizer)
{
    public const int MaxRows = 500;

    public const int MaxBytes = 512 * 1024;

    private static readonly Dictionary<string, string> ColumnAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["name"] = "name", ["navn"] = "name",
        ["email"] = "email", ["e-mail"] = "email", ["mail"] = "email",
        ["title"] = "title", ["titel"] = "title", ["stilling"] = "title",
        ["profession"] = "profession", ["faggruppe"] = "profession", ["fag"] = "profession",
        ["unit"] = "unit", ["enhed"] = "unit", ["organisation"] = "unit", ["organization"] = "unit",
        ["roles"] = "roles", ["roller"] = "roles", ["rolle"] = "roles",
        ["mandate"] = "mandate", ["mandat"] = "mandate", ["kompetence"] = "mandate",
        ["phone"] = "phone", ["telefon"] = "phone", ["tlf"] = "phone",
    };

    private static readonly string[] RequiredColumns = ["name", "email", "title", "profession", "unit", "mandate"];

    private static readonly Dictionary<string, string> RoleAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["professional"] = SamspilRoles.Professional, ["fagperson"] = SamspilRoles.Professional, ["medarbejder"] = SamspilRoles.Professional,
        ["administrator"] = SamspilRoles.Administrator, ["admin"] = SamspilRoles.Administrator,
        ["manager"] = SamspilRoles.Manager, ["leder"] = SamspilRoles.Manager,
    };

    public async Task<AccountImportResult> ImportAsync(CurrentUser admin, byte[] content, CancellationToken cancellationToken)
    {
        if (content.Length > MaxBytes)
        {
            return Refused(0, FileError("Account.Import.TooLarge"));
        }

        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(content).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return Refused(0, FileError("Account.Import.Encoding"));
        }

        if (!TryParse(text, out var records))
        {
            return Refused(0, FileError("Account.Import.Malformed"));
        }

        if (records.Count == 0)
        {
            return Refused(0, FileError("Account.Import.Empty"));
        }

        var header = records[0].Fields.Select(f => ColumnAliases.GetValueOrDefault(f.Trim())).ToList();
        var missing = RequiredColumns.Where(c => !header.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            return Refused(0, [.. missing.Select(c => new ImportRowError(1, c, localizer["Account.Import.MissingColumn"]))]);
        }

        var rows = records.Skip(1).Where(r => r.Fields.Any(f => f.Trim().Length > 0)).ToList();
        if (rows.Count == 0)
        {
            return Refused(0, FileError("Account.Import.Empty"));
        }

        if (rows.Count > MaxRows)
        {
            return Refused(rows.Count, [new ImportRowError(0, string.Empty, string.Format(CultureInfo.CurrentCulture, localizer["Account.Import.TooManyRows"], MaxRows))]);
        }

        var tree = await accounts.TreeAsync(admin, cancellationToken);
        var errors = new List<ImportRowError>();
        var valid = new List<(int Row, AccountRequest Request)>();
        var emails = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var record in rows)
        {
            string Cell(string column)
            {
                var index = header.IndexOf(column);
                return index >= 0 && index < record.Fields.Count ? record.Fields[index].Trim() : string.Empty;
            }

            var rowErrors = new List<ImportRowError>();
            if (record.Fields.Count > header.Count)
            {
                rowErrors.Add(new ImportRowError(record.Line, string.Empty, localizer["Account.Import.TooManyFields"]));
            }

            var unitName = Cell("unit");
            var units = tree.Where(o => string.Equals(o.Name, unitName, StringComparison.OrdinalIgnoreCase) || string.Equals(o.Id.ToString(), unitName, StringComparison.OrdinalIgnoreCase)).ToList();
            if (unitName.Length > 0 && units.Count != 1)
            {
                rowErrors.Add(new ImportRowError(record.Line, "unit", localizer[units.Count == 0 ? "Account.Import.UnknownUnit" : "Account.Import.AmbiguousUnit"]));
            }

            var roleNames = Cell("roles").Split(['|', '+', ',', '/', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var roles = roleNames.Length == 0 ? [SamspilRoles.Professional] : roleNames.Select(r => RoleAliases.GetValueOrDefault(r)).ToList();
            if (roles.Any(r => r is null))
            {
                rowErrors.Add(new ImportRowError(record.Line, "roles", localizer["Account.Roles.Unknown"]));
            }

            var email = Cell("email");
            if (email.Length > 0 && emails.TryGetValue(email, out var firstRow))
            {
                rowErrors.Add(new ImportRowError(record.Line, "email", string.Format(CultureInfo.CurrentCulture, localizer["Account.Import.DuplicateEmail"], firstRow)));
            }
            else if (email.Length > 0)
            {
                emails[email] = record.Line;
            }

            var request = new AccountRequest(
                Cell("name"),
                email,
                Cell("profession"),
                roles.Where(r => r is not null).Select(r => r!).ToList(),
                [new AccountUnitRequest(null, units.Count == 1 ? units[0].Id : tree.Count > 0 ? tree[0].Id : (Guid?)null, Cell("title"), Cell("mandate"), Cell("phone"), null)]);
            var validation = await accounts.ValidateAsync(request, tree, existingUserId: null, existingUnitIds: new HashSet<Guid>(), cancellationToken);
            rowErrors.AddRange(validation.All
                .Where(e => !(e.Field == "roles" && rowErrors.Any(r => r.Field == "roles")))
                .Select(e => new ImportRowError(record.Line, ColumnOf(e.Field), localizer.Message(e.Code))));
            errors.AddRange(rowErrors);
            if (rowErrors.Count == 0)
            {
                valid.Add((record.Line, request));
            }
        }

        if (errors.Count > 0)
        {
            return Refused(rows.Count, errors);
        }

        var created = await accounts.ImportAsync(admin, valid, cancellationToken);
        return new AccountImportResult(true, rows.Count, [], created);
    }

    private List<ImportRowError> FileError(string key) => [new ImportRowError(0, string.Empty, localizer[key])];

    private static AccountImportResult Refused(int rows, List<ImportRowError> errors) => new(false, rows, errors, []);

    private static string ColumnOf(string field) => field switch
    {
        "displayName" => "name",
        "units" or "units[0].organizationId" => "unit",
        "units[0].title" => "title",
        "units[0].mandate" => "mandate",
        "units[0].directPhone" => "phone",
        _ => field,
    };

    private sealed record CsvRecord(int Line, List<string> Fields);

    /// <summary>RFC 4180 with either separator (chosen from the header line): quoted fields may hold separators, quotes ("") and line breaks.</summary>
    private static bool TryParse(string text, out List<CsvRecord> records)
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

            if (records.Count > MaxRows + 1)
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
