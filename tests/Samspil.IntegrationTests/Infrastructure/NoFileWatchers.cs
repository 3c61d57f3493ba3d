using System.Runtime.CompilerServices;

namespace Samspil.IntegrationTests.Infrastructure;

/// <summary>
/// Keeps the test hosts off inotify. Each host the tests start (hundreds in a run, dozens alive at once) would otherwise
/// open a Linux inotify instance per watched folder: for reloading appsettings*.json and for the web root that
/// <c>asp-append-version</c> watches. The default limit is 128 instances per user, shared with everything else the
/// user runs, and a CI run that hit it failed a test with "The configured user limit (128) on the number of inotify
/// instances has been reached". A test host never needs to see its configuration change on disk, and the web root is
/// polled instead of watched. Linked into the browser tests too.
/// </summary>
internal static class NoFileWatchers
{
    [ModuleInitializer]
    internal static void Apply()
    {
        // Read by WebApplication.CreateBuilder (host configuration from DOTNET_ variables): no reloadOnChange for appsettings*.json.
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");

        // Read by every PhysicalFileProvider (the web root among them): poll instead of a FileSystemWatcher.
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }
}
