namespace Samspil.Features.HospitalNotifications;

/// <summary>
/// <c>dotnet run --project src/Samspil -- import-hospital-notifications &lt;file-or-folder&gt;</c>: imports
/// one message file or every *.json in a folder into the configured database (which must exist and be
/// migrated; the command neither migrates nor seeds), leaves the files where they are, prints a summary
/// and exits 0, or 1 when a message was malformed, or 2 when the path does not exist.
/// </summary>
public static class HospitalNotificationCli
{
    public const string Command = "import-hospital-notifications";

    public static async Task<int> RunAsync(IServiceProvider services, string? path, TextWriter output, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(path) || (!File.Exists(path) && !System.IO.Directory.Exists(path)))
        {
            await output.WriteLineAsync($"Usage: {Command} <file-or-folder>. No such file or folder: {path}");
            return 2;
        }

        var summary = await services.GetRequiredService<HospitalNotificationImport>().ImportAsync(path!, InboundSource.Cli, move: false, cancellationToken);
        await output.WriteLineAsync("Hospital notifications imported: " + summary);
        return summary.Malformed > 0 ? 1 : 0;
    }
}
