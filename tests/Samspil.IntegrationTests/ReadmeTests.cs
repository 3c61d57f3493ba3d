using System.Text.RegularExpressions;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests;

/// <summary>
/// Keeps the README and docs/ honest for a newcomer: every path a shell example names exists, every
/// relative link resolves, and the short commands the README shows actually run (the migrations check
/// and the app's <c>--help</c>, both against the build these tests run from, so no extra build).
/// </summary>
public sealed partial class ReadmeTests
{
    // tests/Samspil.IntegrationTests/bin/<Configuration>/<tfm>/ → the repository root.
    private static readonly DirectoryInfo Output = new(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
    private static readonly string Root = Path.GetFullPath(Path.Combine(Output.FullName, "../../../../.."));
    private static readonly string Configuration = Output.Parent!.Name;
    private static readonly string TargetFramework = Output.Name;

    /// <summary>README.md and every page under docs/, decision records included (their links must resolve too).</summary>
    private static IEnumerable<string> MarkdownFiles() => Docs(SearchOption.AllDirectories);

    /// <summary>README.md and the pages directly in docs/: the current instructions. Decision records are
    /// history and may show commands that have since been replaced (ADR 0003's scaffolder).</summary>
    private static IEnumerable<string> CurrentDocs() => Docs(SearchOption.TopDirectoryOnly);

    private static IEnumerable<string> Docs(SearchOption depth) =>
        new[] { Path.Combine(Root, "README.md") }
            .Concat(Directory.EnumerateFiles(Path.Combine(Root, "docs"), "*.md", depth).Order(StringComparer.Ordinal));

    [Fact]
    public void The_README_shows_the_run_and_test_commands_in_shell_blocks()
    {
        var commands = ShellCommands(Path.Combine(Root, "README.md")).Select(c => c.Command).ToList();
        Assert.Contains("dotnet run --project src/Samspil", commands);
        Assert.Contains("./test.sh", commands);
        Assert.Contains(commands, c => c.StartsWith("dotnet run --project src/Samspil -- --help", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_path_a_shell_example_names_exists()
    {
        var missing = new List<string>();
        foreach (var file in CurrentDocs())
        {
            foreach (var (command, line) in ShellCommands(file))
            {
                var where = $"{Path.GetRelativePath(Root, file)}:{line}: {command}";
                var words = Words(command);
                for (var i = 0; i < words.Count; i++)
                {
                    var word = words[i];
                    if (i > 0 && words[i - 1] == "--project")
                    {
                        var project = Path.Combine(Root, word);
                        if (!Directory.Exists(project) || !Directory.EnumerateFiles(project, "*.csproj").Any())
                        {
                            missing.Add($"{where} → project {word}");
                        }
                    }
                    else if (RepositoryPath().IsMatch(word) && !word.Contains('<', StringComparison.Ordinal) && !word.Contains('$', StringComparison.Ordinal))
                    {
                        var path = Path.Combine(Root, word.TrimEnd('/'));
                        if (!File.Exists(path) && !Directory.Exists(path))
                        {
                            missing.Add($"{where} → {word}");
                        }
                    }
                }
            }
        }

        Assert.Empty(missing);
    }

    [Fact]
    public void Every_script_the_README_runs_is_executable()
    {
        var scripts = ShellCommands(Path.Combine(Root, "README.md"))
            .SelectMany(c => Words(c.Command))
            .Where(w => w.EndsWith(".sh", StringComparison.Ordinal) && RepositoryPath().IsMatch(w) && File.Exists(Path.Combine(Root, w)))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Assert.NotEmpty(scripts);
        if (OperatingSystem.IsWindows())
        {
            return; // no execute bit to check
        }

        var notExecutable = new List<string>();
        foreach (var script in scripts)
        {
            if ((File.GetUnixFileMode(Path.Combine(Root, script)) & UnixFileMode.UserExecute) == 0)
            {
                notExecutable.Add(script);
            }
        }

        Assert.Empty(notExecutable);
    }

    [Fact]
    public void Every_relative_link_in_the_README_and_docs_resolves()
    {
        var broken = new List<string>();
        var links = 0;
        foreach (var file in MarkdownFiles())
        {
            var lines = File.ReadAllLines(file);
            var inCode = false;
            for (var n = 0; n < lines.Length; n++)
            {
                if (lines[n].TrimStart().StartsWith("```", StringComparison.Ordinal))
                {
                    inCode = !inCode;
                    continue;
                }

                if (inCode)
                {
                    continue;
                }

                foreach (Match link in MarkdownLink().Matches(lines[n]))
                {
                    var target = link.Groups["target"].Value;
                    if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    links++;
                    var hash = target.IndexOf('#', StringComparison.Ordinal);
                    var path = Uri.UnescapeDataString(hash < 0 ? target : target[..hash]);
                    var resolved = path.Length == 0 ? file : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, path));
                    if (!File.Exists(resolved) && !Directory.Exists(resolved))
                    {
                        broken.Add($"{Path.GetRelativePath(Root, file)}:{n + 1}: {target}");
                    }
                    else if (hash >= 0 && resolved.EndsWith(".md", StringComparison.Ordinal) && !Anchors(resolved).Contains(target[(hash + 1)..]))
                    {
                        broken.Add($"{Path.GetRelativePath(Root, file)}:{n + 1}: {target} (no such heading)");
                    }
                }
            }
        }

        Assert.True(links > 20, $"Only {links} relative links found; is the link pattern still right?");
        Assert.Empty(broken);
    }

    [Fact]
    public async Task The_app_help_lists_every_command_and_starts_nothing()
    {
        var app = Path.Combine(Root, "src/Samspil/bin", Configuration, TargetFramework, "Samspil.dll");
        Assert.True(File.Exists(app), $"No build of the app at {app}");
        var database = Path.Combine(Path.GetTempPath(), $"samspil-help-{Guid.NewGuid():N}.db");

        foreach (var flag in new[] { "--help", "-h" })
        {
            var (exitCode, output) = await RunAsync("dotnet", [app, flag], TimeSpan.FromSeconds(60), ("Database__ConnectionString", $"Data Source={database}"));
            Assert.Equal(0, exitCode);
            Assert.Contains("verify-access-log", output, StringComparison.Ordinal);
            Assert.Contains("import-hospital-notifications <file-or-folder>", output, StringComparison.Ordinal);
            Assert.Contains("--help", output, StringComparison.Ordinal);
            Assert.DoesNotContain("Now listening", output, StringComparison.Ordinal);
        }

        Assert.False(File.Exists(database), "--help opened the database");

        // Every command the README and docs pass to the app is one the help lists.
        var documented = CurrentDocs().SelectMany(ShellCommands)
            .Select(c => AppCommand().Match(c.Command))
            .Where(m => m.Success)
            .Select(m => m.Groups["command"].Value)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Assert.Contains("verify-access-log", documented);
        var (_, help) = await RunAsync("dotnet", [app, "--help"], TimeSpan.FromSeconds(60));
        Assert.All(documented, command => Assert.Contains(command, help, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_migrations_check_the_README_names_passes_on_the_existing_build()
    {
        var (exitCode, output) = await RunAsync(
            Path.Combine(Root, "scripts/check-migrations.sh"), ["--no-build", "--configuration", Configuration], TimeSpan.FromMinutes(3));
        Assert.True(exitCode == 0, output);
        Assert.Contains("== Sqlite", output, StringComparison.Ordinal);
        Assert.Contains("== Postgres", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("## Hospital notifications (`Samspil.Domain/Admissions`, `Features/HospitalNotifications`)", "hospital-notifications-samspildomainadmissions-featureshospitalnotifications")]
    [InlineData("### MedCom HospitalNotification (sygehusadvis) — implemented, inbound", "medcom-hospitalnotification-sygehusadvis--implemented-inbound")]
    [InlineData("## Citizen data: consent-governed access", "citizen-data-consent-governed-access")]
    [InlineData("## Styringsdata (steering data)", "styringsdata-steering-data")]
    public void Headings_get_the_anchors_GitHub_gives_them(string heading, string anchor) =>
        Assert.Equal(anchor, Slug(heading.TrimStart('#').Trim()));

    /// <summary>The anchors GitHub gives a Markdown file's headings (repeats get -1, -2, …).</summary>
    private static HashSet<string> Anchors(string file)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var inCode = false;
        foreach (var line in File.ReadLines(file))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inCode = !inCode;
            }
            else if (!inCode && Heading().Match(line) is { Success: true } heading)
            {
                var slug = Slug(heading.Groups["text"].Value);
                var unique = slug;
                for (var i = 1; !anchors.Add(unique); i++)
                {
                    unique = $"{slug}-{i}";
                }
            }
        }

        return anchors;
    }

    private static string Slug(string heading) =>
        string.Concat(heading.Trim().ToLowerInvariant()
            .Where(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_')
            .Select(c => c == ' ' ? '-' : c));

    /// <summary>The commands in a file's <c>```sh</c> blocks: continuation lines joined, comments and prompts dropped.</summary>
    private static IEnumerable<(string Command, int Line)> ShellCommands(string file)
    {
        var lines = File.ReadAllLines(file);
        var inShell = false;
        var pending = "";
        var start = 0;
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n];
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inShell = !inShell && line.Trim() is "```sh" or "```bash";
                pending = "";
                continue;
            }

            if (!inShell)
            {
                continue;
            }

            var text = StripComment(line).Trim();
            if (pending.Length == 0)
            {
                start = n + 1;
            }

            if (text.EndsWith('\\'))
            {
                pending += text[..^1].Trim() + " ";
                continue;
            }

            var command = (pending + text).Trim();
            pending = "";
            if (command.Length > 0)
            {
                yield return (command, start);
            }
        }
    }

    /// <summary>Drops a <c>#</c> comment that starts a line or follows a blank outside quotes.</summary>
    private static string StripComment(string line)
    {
        char? quote = null;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote is { } q)
            {
                if (c == q)
                {
                    quote = null;
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == '#' && (i == 0 || char.IsWhiteSpace(line[i - 1])))
            {
                return line[..i];
            }
        }

        return line;
    }

    private static List<string> Words(string command) =>
        ShellWord().Matches(command).Select(m => m.Value.Trim('\'', '"')).ToList();

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, string[] args, TimeSpan timeout, params (string Name, string Value)[] environment)
    {
        var (exit, stdout, stderr) = await AppProcess.RunProgramAsync(program, args, environment.ToDictionary(e => e.Name, e => e.Value), timeout);
        return (exit, stdout + stderr);
    }

    [GeneratedRegex(@"(?<!!)\[[^\]]*\]\((?<target>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"^#{1,6}\s+(?<text>.+?)\s*#*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^(\./)?(scripts|bench|src|tests|docs)/\S*$|^\./[\w.-]+\.sh$")]
    private static partial Regex RepositoryPath();

    [GeneratedRegex(@"""[^""]*""|'[^']*'|\S+")]
    private static partial Regex ShellWord();

    [GeneratedRegex(@"^dotnet run --project src/Samspil(?: --no-build)? -- (?<command>[a-z][a-z-]+)")]
    private static partial Regex AppCommand();
}
