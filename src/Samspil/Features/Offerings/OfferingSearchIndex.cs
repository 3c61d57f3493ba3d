using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Directory;
using Samspil.Domain.Offerings;
using Samspil.Infrastructure.Persistence;

namespace Samspil.Features.Offerings;

/// <summary>
/// The active offerings, held in memory for search (public information, not citizen data): each with its searchable text
/// lower-cased, its codes, and its weekly hours as minute intervals per weekday, in both result orders. A search is then one
/// pass over at most all offerings with no database round trip but the page's own (100,000 offerings: docs/benchmarks.md).
/// A save that touches an offering or an organisation in this instance drops the snapshot (<see cref="OfferingSearchIndexInterceptor"/>),
/// so the next search sees it; changes made by another instance are picked up within <see cref="MaxAge"/> (rebuilt in the background,
/// the old snapshot answering meanwhile).
/// </summary>
public sealed class OfferingSearchIndex(IServiceScopeFactory scopes, TimeProvider time, ILogger<OfferingSearchIndex> logger)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(60);

    private readonly SemaphoreSlim building = new(1, 1);
    private Snapshot? current;
    private long generation;
    private int refreshing;

    /// <summary>Drops the snapshot: the next search rebuilds it from the database.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref generation);
        Volatile.Write(ref current, null);
    }

    public async Task<Snapshot> GetAsync(CancellationToken cancellationToken)
    {
        var snapshot = Volatile.Read(ref current);
        if (snapshot is not null)
        {
            if (time.GetUtcNow() - snapshot.BuiltAt > MaxAge && Interlocked.Exchange(ref refreshing, 1) == 0)
            {
                _ = Task.Run(RefreshAsync, CancellationToken.None);
            }

            return snapshot;
        }

        await building.WaitAsync(cancellationToken);
        try
        {
            return Volatile.Read(ref current) ?? await BuildAndPublishAsync(cancellationToken);
        }
        finally
        {
            building.Release();
        }
    }

    private async Task RefreshAsync()
    {
        try
        {
            await building.WaitAsync();
            try
            {
                await BuildAndPublishAsync(CancellationToken.None);
            }
            finally
            {
                building.Release();
            }
        }
        catch (Exception exception) when (exception is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            logger.LogWarning(exception, "Refreshing the offerings search index failed; the previous snapshot keeps answering");
        }
        finally
        {
            Volatile.Write(ref refreshing, 0);
        }
    }

    private async Task<Snapshot> BuildAndPublishAsync(CancellationToken cancellationToken)
    {
        var startedAt = Interlocked.Read(ref generation);
        var snapshot = await BuildAsync(cancellationToken);
        if (Interlocked.Read(ref generation) == startedAt)
        {
            Volatile.Write(ref current, snapshot); // a save during the build leaves it unpublished; the next search builds again
        }

        return snapshot;
    }

    private async Task<Snapshot> BuildAsync(CancellationToken cancellationToken)
    {
        var builtAt = time.GetUtcNow();
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SamspilDbContext>();
        var names = await db.Organizations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        var offerings = await db.Offerings.AsNoTracking().AsSplitQuery().Where(o => o.Status == OfferingStatus.Active).ToListAsync(cancellationToken);
        var entries = offerings.Select(o => new IndexedOffering(o, names.GetValueOrDefault(o.OrganizationId) ?? string.Empty)).ToArray();
        var byName = entries.OrderBy(e => e.Name, StringComparer.Ordinal).ThenBy(e => e.Id).ToArray();
        var urgent = byName.OrderByDescending(e => e.IsCrisis).ThenByDescending(e => e.IsAfterHours).ToArray(); // stable: by name within
        return new Snapshot(builtAt, urgent, byName);
    }

    public sealed record Snapshot(DateTimeOffset BuiltAt, IReadOnlyList<IndexedOffering> Urgent, IReadOnlyList<IndexedOffering> ByName);
}

/// <summary>One active offering as the search index holds it.</summary>
public sealed class IndexedOffering
{
    public IndexedOffering(Offering offering, string organizationName)
    {
        Id = offering.Id;
        Name = offering.Name;
        Text = string.Join('\n', offering.Name, offering.Description, organizationName).ToLowerInvariant();
        IsCrisis = offering.IsCrisis;
        IsAfterHours = offering.IsAfterHours;
        Needs = [.. offering.Needs];
        TargetGroups = [.. offering.TargetGroups];
        Municipalities = [.. offering.Municipalities];
        Languages = [.. offering.Languages];
        MinimumAge = offering.MinimumAge;
        MaximumAge = offering.MaximumAge;
        Hours = offering.Hours;
        Compiled = Hours.Compile();
    }

    public Guid Id { get; }

    public string Name { get; }

    /// <summary>Name, description and organisation name, lower-cased (invariant), for free-text search.</summary>
    public string Text { get; }

    public bool IsCrisis { get; }

    public bool IsAfterHours { get; }

    public string[] Needs { get; }

    public string[] TargetGroups { get; }

    public string[] Municipalities { get; }

    public string[] Languages { get; }

    public int? MinimumAge { get; }

    public int? MaximumAge { get; }

    public OpeningHours Hours { get; }

    /// <summary>The hours compiled for "open now" over many offerings at once.</summary>
    public CompiledOpeningHours Compiled { get; }
}

/// <summary>
/// Drops the offerings search index when a save touches an offering, its hours or an organisation (whose name is searched);
/// see <see cref="InvalidateOnSaveInterceptor"/>.
/// </summary>
public sealed class OfferingSearchIndexInterceptor(OfferingSearchIndex index) : InvalidateOnSaveInterceptor
{
    protected override bool Touches(DbContext context) =>
        HasChangesTo(context, typeof(Offering), typeof(OpeningPeriod), typeof(ScheduleException), typeof(Organization));

    protected override void Invalidate() => index.Invalidate();
}
