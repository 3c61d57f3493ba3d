using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Samspil.Domain.Audit;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Security;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Audit;

/// <summary><c>AccessLog:Checkpoints</c>: how often the chain heads are sealed into a checkpoint (ADR 0015).</summary>
public sealed class AccessLogCheckpointOptions
{
    public const string Section = "AccessLog:Checkpoints";

    /// <summary>Write checkpoints in this instance (several instances may all do it; a clash is retried at the next interval).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Minutes between checkpoints (and the first one at start). What is appended after the newest checkpoint is protected by the chain heads only.</summary>
    public int IntervalMinutes { get; set; } = 5;

    public string? Problem() => IntervalMinutes is < 1 or > 1440 ? "AccessLog:Checkpoints:IntervalMinutes must be between 1 and 1440." : null;
}

/// <summary>
/// Writes the next checkpoint: every chain head that moved since that chain's last checkpoint (and the legacy global
/// chain's head, once), chained to the previous checkpoint. Reads the heads without locking them, so appends go on.
/// </summary>
public sealed partial class AccessLogCheckpoints(SamspilDbContext db, TimeProvider time, ILogger<AccessLogCheckpoints> logger)
{
    /// <returns>The checkpoint written, or null when no head moved.</returns>
    public async Task<AccessLogCheckpoint?> WriteAsync(CancellationToken cancellationToken)
    {
        var postgres = db is PostgresSamspilDbContext;
        if (!postgres)
        {
            await db.EnterSqliteWriterAsync(cancellationToken);
        }

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var moved = await db.AccessLogChainHeads.AsNoTracking()
                .Where(h => h.Position > 0 && !db.AccessLogCheckpointHeads.Any(c => c.CitizenId == h.CitizenId && c.Position == h.Position && c.Hash == h.Hash))
                .Select(h => new CheckpointHead(h.CitizenId, h.Position, h.Hash))
                .ToListAsync(cancellationToken);
            var legacy = await db.AccessLogHead.AsNoTracking().SingleAsync(h => h.Id == AccessLogHead.SingletonId, cancellationToken);
            if (legacy.Sequence > 0
                && !await db.AccessLogCheckpointHeads.AnyAsync(c => c.CitizenId == AccessLogCheckpoint.LegacyChain && c.Position == legacy.Sequence && c.Hash == legacy.Hash, cancellationToken))
            {
                moved.Add(new CheckpointHead(AccessLogCheckpoint.LegacyChain, legacy.Sequence, legacy.Hash));
            }

            if (moved.Count == 0)
            {
                return null;
            }

            var previous = await db.AccessLogCheckpoints.AsNoTracking().OrderByDescending(c => c.Number).Select(c => new { c.Number, c.Hash }).FirstOrDefaultAsync(cancellationToken);
            var checkpoint = AccessLogCheckpoint.Create((previous?.Number ?? 0) + 1, time.GetUtcNow(), previous?.Hash ?? AccessLogChain.Genesis, moved);
            db.AccessLogCheckpoints.Add(checkpoint);
            db.AccessLogCheckpointHeads.AddRange(moved.Select(h => new AccessLogCheckpointHeadRow { CheckpointNumber = checkpoint.Number, CitizenId = h.CitizenId, Position = h.Position, Hash = h.Hash }));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            LogWritten(logger, checkpoint.Number, moved.Count, checkpoint.Hash);
            return checkpoint;
        }
        finally
        {
            if (!postgres)
            {
                db.ExitSqliteWriter();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Access-log checkpoint {Number} written over {Heads} chain head(s); hash {Hash}")]
    private static partial void LogWritten(ILogger logger, long number, int heads, string hash);
}

/// <summary>Runs <see cref="AccessLogCheckpoints"/> at start and every <see cref="AccessLogCheckpointOptions.IntervalMinutes"/>.</summary>
public sealed partial class AccessLogCheckpointWorker(
    IServiceScopeFactory scopes, IOptions<AccessLogCheckpointOptions> options, TimeProvider time, ILogger<AccessLogCheckpointWorker> logger) : BackgroundService
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
                await scope.ServiceProvider.GetRequiredService<AccessLogCheckpoints>().WriteAsync(ct);
            }, TimeSpan.FromMinutes(options.Value.IntervalMinutes), time, failure => LogRunFailed(logger, failure), stoppingToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Access-log checkpoint failed ({Failure}); trying again at the next interval")]
    private static partial void LogRunFailed(ILogger logger, string failure);
}

public static class AccessLogRegistration
{
    /// <summary>The access log, its queries and verification, and the checkpoint job.</summary>
    public static IServiceCollection AddAccessLog(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<AccessLog>();
        services.AddScoped<AccessLogQueries>();
        services.AddOptions<AccessLogCheckpointOptions>()
            .Bind(configuration.GetSection(AccessLogCheckpointOptions.Section))
            .Validate(o => o.Problem() is null, "AccessLog:Checkpoints settings are out of range (see docs/configuration.md).")
            .ValidateOnStart();
        services.AddScoped<AccessLogCheckpoints>();
        services.AddHostedService<AccessLogCheckpointWorker>();
        return services;
    }
}
