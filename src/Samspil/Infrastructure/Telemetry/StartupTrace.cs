using System.Diagnostics;

namespace Samspil.Infrastructure.Telemetry;

/// <summary>
/// Start-up phase timings on standard error, when the environment variable <c>SAMSPIL_STARTUP_TRACE=1</c> is set
/// (docs/benchmarks.md, "Cold start"). Each line: the phase, the wall time since the previous mark and since the
/// process started, and the process's CPU time so far. Off, a mark costs a field read.
/// </summary>
public static class StartupTrace
{
    private static readonly bool Enabled = Environment.GetEnvironmentVariable("SAMSPIL_STARTUP_TRACE") == "1";
    private static long _last;

    public static void Mark(string phase)
    {
        if (!Enabled)
        {
            return;
        }

        using var process = Process.GetCurrentProcess();
        var now = (long)(DateTime.Now - process.StartTime).TotalMilliseconds;
        var cpu = process.TotalProcessorTime.TotalMilliseconds;
        Console.Error.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"startup {phase,-28} +{now - Interlocked.Exchange(ref _last, now),6} ms  at {now,6} ms  cpu {cpu,6:0} ms"));
    }
}
