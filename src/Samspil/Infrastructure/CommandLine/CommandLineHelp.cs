using Samspil.Features.Account;
using Samspil.Features.HospitalNotifications;

namespace Samspil.Infrastructure.CommandLine;

/// <summary>
/// <c>dotnet run --project src/Samspil -- --help</c> (or <c>-h</c>): prints how to start Samspil and every command it
/// understands, then exits 0 — before the host is built, so nothing starts and no database is opened.
/// Operator output in English, like the commands' own output.
/// </summary>
public static class CommandLineHelp
{
    public const string VerifyAccessLogCommand = "verify-access-log";

    /// <summary>Whether the arguments ask for help.</summary>
    public static bool IsRequested(IReadOnlyCollection<string> args) =>
        args.Contains("--help", StringComparer.Ordinal) || args.Contains("-h", StringComparer.Ordinal);

    public static string Text { get; } = string.Join(
        Environment.NewLine,
        "Samspil: cross-sector coordination for citizens with complex needs.",
        "",
        "Usage:",
        "  dotnet run --project src/Samspil [-- <command>] [--<Setting>=<value> ...]",
        "",
        "Commands:",
        "  (none)                                          start the web app; migrates the database and, in",
        "                                                  Development, seeds demo data (http://localhost:5000)",
        $"  {VerifyAccessLogCommand,-47} check the access log's hash chain; exit 0 if intact, 1 if not",
        $"  {HospitalNotificationCli.Command + " <file-or-folder>",-47} import MedCom hospital notifications (a .json",
        "                                                  file or a folder of them); exit 0, 1 if one was",
        "                                                  malformed, 2 if there is no such path",
        $"  {CreateAdministratorCommand.Command} --user-name <login> --name <name>  create the first administrator (no password) and print a",
        "    [--email <address>] (--organization <name>    one-time activation link; creates the organisation unless",
        "    --sector <sector> [--kind <kind>] |          one of that name exists. Exit 0, 1 if refused (bad input,",
        "    --organization-id <id>)                      user name taken), 2 if the database is missing or not",
        "                                                  migrated (docs/going-live.md)",
        "  -h, --help                                      show this help and exit",
        "",
        "Settings (docs/configuration.md) come from appsettings.json, environment variables",
        "(Database__Provider=Postgres) or arguments (--Database:Provider=Postgres).",
        "");
}
