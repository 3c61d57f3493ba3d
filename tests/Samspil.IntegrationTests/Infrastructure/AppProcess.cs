using System.Diagnostics;

namespace Samspil.IntegrationTests.Infrastructure;

/// <summary>The built Samspil executable run as an operator runs it (Production environment, settings from the environment).</summary>
public static class AppProcess
{
    private static readonly DirectoryInfo Output = new(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));

    /// <summary>The repository's root (the process's working directory).</summary>
    public static readonly string Root = Path.GetFullPath(Path.Combine(Output.FullName, "../../../../.."));

    private static readonly string App = Path.Combine(Root, "src/Samspil/bin", Output.Parent!.Name, Output.Name, "Samspil.dll");

    /// <summary>Runs Samspil with these settings (environment variables, e.g. Database__Provider) and arguments; gives up after 90 s.</summary>
    public static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(IReadOnlyDictionary<string, string> settings, params string[] args)
    {
        Assert.True(File.Exists(App), $"No build of the app at {App}");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(App);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"Samspil {string.Join(' ', args)} did not finish within 90 s.");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
