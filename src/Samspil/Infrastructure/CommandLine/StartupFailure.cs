using Microsoft.Extensions.Options;

namespace Samspil.Infrastructure.CommandLine;

/// <summary>
/// A setting that fails its validation (a <c>.Validate(…)</c> or an <see cref="IValidateOptions{TOptions}"/>, whether when
/// it is first read or when the host starts) stops Samspil with the failures on standard error and exit code 2, instead of
/// .NET's unhandled-exception report (a stack trace and exit code 134) that leaves an operator to find the setting's name in
/// it. Operator output in English, like the commands' own output (docs/configuration.md).
/// </summary>
public static class StartupFailure
{
    /// <summary>The exit code for a setting that is missing or wrong (as create-admin uses for "no database").</summary>
    public const int ConfigurationExitCode = 2;

    private static int _registered;

    /// <summary>
    /// Reports an unhandled configuration failure as <see cref="Describe"/> does and exits; any other exception is left to
    /// .NET. Once per process (a test run starts the application many times in one process).
    /// </summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
        {
            AppDomain.CurrentDomain.UnhandledException += (_, e) =>
            {
                if (Failures(e.ExceptionObject as Exception) is { Count: > 0 } failures)
                {
                    Console.Error.WriteLine(Describe(failures));
                    Console.Error.Flush();
                    Environment.Exit(ConfigurationExitCode);
                }
            };
        }
    }

    /// <summary>The validation failures an exception carries (none if it is not, or does not only hold, option validation).</summary>
    public static IReadOnlyList<string> Failures(Exception? exception) => exception switch
    {
        OptionsValidationException validation => validation.Failures.ToList(),
        AggregateException aggregate when aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(i => i is OptionsValidationException) =>
            aggregate.InnerExceptions.SelectMany(i => ((OptionsValidationException)i).Failures).ToList(),
        _ => [],
    };

    public static string Describe(IEnumerable<string> failures) =>
        "Samspil cannot start: a setting is missing or wrong.\n"
        + string.Concat(failures.Distinct(StringComparer.Ordinal).Select(f => "  " + f + "\n"))
        + "Settings come from appsettings.json, environment variables (Database__ConnectionString) or the command line (--Database:ConnectionString=…); see docs/configuration.md.";
}
