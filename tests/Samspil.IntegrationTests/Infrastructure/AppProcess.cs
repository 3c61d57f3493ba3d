using System.Diagnostics;

namespace Samspil.IntegrationTests.Infrastructure;

/// <summary>Runs a program as an operator would, and the built Samspil executable in particular (Production environment, settings from the environment).</summary>
public static class AppProcess
{
    private static readonly DirectoryInfo Output = new(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));

    /// <summary>The repository's root (the processes' working directory).</summary>
    public static readonly string Root = Path.GetFullPath(Path.Combine(Output.FullName, "../../../../.."));

    private static readonly string App = Path.Combine(Root, "src/Samspil/bin", Output.Parent!.Name, Output.Name, "Samspil.dll");

    /// <summary>Runs Samspil with these settings (environment variables, e.g. Database__Provider) and arguments; gives up after 90 s.</summary>
    public static Task<(int Exit, string Stdout, string Stderr)> RunAsync(IReadOnlyDictionary<string, string> settings, params string[] args)
    {
        Assert.True(File.Exists(App), $"No build of the app at {App}");
        return RunProgramAsync(
            "dotnet",
            [App, .. args],
            new Dictionary<string, string>(settings) { ["ASPNETCORE_ENVIRONMENT"] = settings.GetValueOrDefault("ASPNETCORE_ENVIRONMENT", "Production") },
            TimeSpan.FromSeconds(90));
    }

    /// <summary>Runs a program in the repository's root with these environment variables; kills it and throws after the timeout.</summary>
    public static async Task<(int Exit, string Stdout, string Stderr)> RunProgramAsync(string program, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', start.ArgumentList)} did not finish within {timeout}.");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
