using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Samspil.Features.Account;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Time;

namespace Samspil.Infrastructure.Security;

/// <summary><c>Authentication:Cleanup</c>: how long spent sign-in records are kept, and how often they are deleted.</summary>
public sealed class SignInRecordCleanupOptions
{
    public const string Section = "Authentication:Cleanup";

    /// <summary>Run the clean-up in this instance (several instances may all run it; the deletes do not conflict).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Hours between runs (and the first run at start).</summary>
    public int IntervalHours { get; set; } = 6;

    /// <summary>
    /// Days a refresh token is kept after it expired or was revoked, and a staff invitation after it expired
    /// (used, replaced or not), so that an investigation can still see recent ones.
    /// </summary>
    public int RetentionDays { get; set; } = 30;

    public string? Problem() =>
        IntervalHours is < 1 or > 168 ? "Authentication:Cleanup:IntervalHours must be between 1 and 168."
        : RetentionDays is < 1 or > 3650 ? "Authentication:Cleanup:RetentionDays must be between 1 and 3650."
        : null;
}

public sealed record SignInRecordCleanupResult(int RefreshTokens, int StaffInvitations);

/// <summary>
/// Deletes refresh tokens that expired or were revoked, and staff invitations that expired, more than
/// <see cref="SignInRecordCleanupOptions.RetentionDays"/> ago. Neither can be used any more: a used refresh
/// token is kept until it expires (its reuse ends the family), and an expired invitation is refused.
/// </summary>
public sealed partial class SignInRecordCleanup(SamspilDbContext db, TimeProvider time, IOptions<SignInRecordCleanupOptions> options, ILogger<SignInRecordCleanup> logger)
{
    public async Task<SignInRecordCleanupResult> RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - TimeSpan.FromDays(options.Value.RetentionDays);
        var tokens = await db.RefreshTokens
            .Where(r => r.ExpiresAt < cutoff || (r.RevokedAt != null && r.RevokedAt < cutoff))
            .ExecuteDeleteAsync(cancellationToken);
        var invitations = await db.StaffInvitations
            .Where(i => i.ExpiresAt < cutoff)
            .ExecuteDeleteAsync(cancellationToken);
        if (tokens + invitations > 0)
        {
            LogDeleted(logger, tokens, invitations, options.Value.RetentionDays);
        }

        return new SignInRecordCleanupResult(tokens, invitations);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {RefreshTokens} refresh token(s) and {StaffInvitations} staff invitation(s) spent more than {RetentionDays} days ago")]
    private static partial void LogDeleted(ILogger logger, int refreshTokens, int staffInvitations, int retentionDays);
}

/// <summary>Runs <see cref="SignInRecordCleanup"/> at start and every <see cref="SignInRecordCleanupOptions.IntervalHours"/>.</summary>
public sealed partial class SignInRecordCleanupWorker(
    IServiceScopeFactory scopes, IOptions<SignInRecordCleanupOptions> options, TimeProvider time, ILogger<SignInRecordCleanupWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        await PeriodicRun.LoopAsync(async ct =>
            {
                await using var scope = scopes.CreateSystemScope();
                await scope.ServiceProvider.GetRequiredService<SignInRecordCleanup>().RunAsync(ct);
            }, TimeSpan.FromHours(options.Value.IntervalHours), time, failure => LogRunFailed(logger, failure), stoppingToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Clean-up of spent sign-in records failed ({Failure}); trying again at the next interval")]
    private static partial void LogRunFailed(ILogger logger, string failure);
}

public static class SignInRecordCleanupRegistration
{
    public static IServiceCollection AddSignInRecordCleanup(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SignInRecordCleanupOptions>()
            .Bind(configuration.GetSection(SignInRecordCleanupOptions.Section))
            .Validate(o => o.Problem() is null, "Authentication:Cleanup settings are out of range (see docs/configuration.md).")
            .ValidateOnStart();
        services.AddScoped<SignInRecordCleanup>();
        services.AddHostedService<SignInRecordCleanupWorker>();
        return services;
    }
}
