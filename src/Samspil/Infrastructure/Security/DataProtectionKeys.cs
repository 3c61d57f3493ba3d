using Microsoft.AspNetCore.DataProtection;

namespace Samspil.Infrastructure.Security;

/// <summary>
/// <c>DataProtection:KeysDirectory</c>: where the keys that protect sign-in cookies, bearer and refresh tokens,
/// antiforgery tokens and the identity provider's state are kept. Without it the framework's default applies
/// (the user profile, or memory only), and a restart or a second instance signs everybody out.
/// </summary>
public static class DataProtectionKeys
{
    public const string KeysDirectorySetting = "DataProtection:KeysDirectory";

    /// <summary>The application name under which keys are shared: every instance must use the same one.</summary>
    public const string ApplicationName = "Samspil";

    public static IServiceCollection AddSamspilDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration[KeysDirectorySetting] is { Length: > 0 } directory)
        {
            services.AddDataProtection()
                .SetApplicationName(ApplicationName)
                .PersistKeysToFileSystem(new DirectoryInfo(directory));
        }

        return services;
    }
}
