using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Samspil.Domain.Directory;
using Samspil.Infrastructure.Persistence;

namespace Samspil.Features.Access;

/// <summary>
/// The organisation tree as the access policy needs it (id, parent, kind), kept in memory for the instance
/// (ADR 0016) instead of read from the database on every request. It is the only thing that decides access
/// and lives longer than a request: consents, network memberships, practitioner roles, powers of attorney
/// and sessions are still read fresh by every request.
/// <list type="bullet">
/// <item>A save on this instance that adds, changes or removes an <see cref="Organization"/> drops the snapshot
/// (<see cref="OrganizationDirectoryInterceptor"/>, once before the save and once after its commit);</item>
/// <item>a snapshot is never used when older than <see cref="MaxAge"/>, so a change made by another instance
/// (or straight in the database) is seen within that time.</item>
/// </list>
/// </summary>
public sealed class OrganizationDirectory(TimeProvider time)
{
    /// <summary>The longest a change made elsewhere can go unseen (ADR 0016).</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private Snapshot? current;
    private long generation;

    /// <summary>The current snapshot; loaded with <paramref name="db"/> (one query) when there is none or it is too old.</summary>
    public async Task<Snapshot> GetAsync(SamspilDbContext db, CancellationToken cancellationToken)
    {
        var snapshot = Volatile.Read(ref current);
        if (snapshot is not null && time.GetUtcNow() - snapshot.LoadedAt < MaxAge)
        {
            return snapshot;
        }

        // Concurrent requests may each load it once after a drop; only a load started after the last drop is kept.
        var started = Interlocked.Read(ref generation);
        var loadedAt = time.GetUtcNow();
        var rows = await db.Organizations.AsNoTracking()
            .Select(o => new OrganizationNode(o.Id, o.PartOfId, o.Kind))
            .ToListAsync(cancellationToken);
        var fresh = new Snapshot(rows, loadedAt);
        if (Interlocked.Read(ref generation) == started)
        {
            Interlocked.CompareExchange(ref current, fresh, snapshot);
        }

        return fresh;
    }

    /// <summary>Drops the snapshot: the next request loads the tree again.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref generation);
        Volatile.Write(ref current, null);
    }

    public sealed record OrganizationNode(Guid Id, Guid? PartOfId, OrganizationKind Kind);

    /// <summary>The tree at one moment: every organisation, its parent and its children.</summary>
    public sealed class Snapshot
    {
        public Snapshot(IReadOnlyList<OrganizationNode> organizations, DateTimeOffset loadedAt)
        {
            LoadedAt = loadedAt;
            ById = organizations.ToDictionary(o => o.Id);
            ChildrenOf = organizations.Where(o => o.PartOfId is not null).ToLookup(o => o.PartOfId!.Value, o => o.Id);
        }

        public DateTimeOffset LoadedAt { get; }

        public IReadOnlyDictionary<Guid, OrganizationNode> ById { get; }

        public ILookup<Guid, Guid> ChildrenOf { get; }

        public Guid? ParentOf(Guid id) => ById.TryGetValue(id, out var node) ? node.PartOfId : null;

        /// <summary>The units and every unit below them (units not in the directory are kept as given).</summary>
        public HashSet<Guid> WithUnitsBelow(IEnumerable<Guid> units)
        {
            var set = new HashSet<Guid>(units);
            var pending = new Stack<Guid>(set);
            while (pending.TryPop(out var unit))
            {
                foreach (var child in ChildrenOf[unit])
                {
                    if (set.Add(child))
                    {
                        pending.Push(child);
                    }
                }
            }

            return set;
        }
    }
}

/// <summary>
/// Drops the <see cref="OrganizationDirectory"/> when a save touches an organisation: before the save, after it,
/// and after the commit of the transaction it was part of, so a request that reloaded the tree in between does
/// not keep the old one.
/// </summary>
public sealed class OrganizationDirectoryInterceptor(OrganizationDirectory directory) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly object Marker = new();
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, object> touched = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        InvalidateIfTouched(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        InvalidateIfTouched(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        InvalidateIfMarked(eventData.Context, keep: true);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        InvalidateIfMarked(eventData.Context, keep: true);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => InvalidateIfMarked(eventData.Context, keep: false);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        InvalidateIfMarked(eventData.Context, keep: false);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) =>
        InvalidateIfMarked(eventData.Context, keep: false);

    public Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        InvalidateIfMarked(eventData.Context, keep: false);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) =>
        InvalidateIfMarked(eventData.Context, keep: false);

    public Task TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        InvalidateIfMarked(eventData.Context, keep: false);
        return Task.CompletedTask;
    }

    private void InvalidateIfTouched(DbContext? context)
    {
        if (context is not null && context.ChangeTracker.Entries<Organization>().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            directory.Invalidate();
            touched.AddOrUpdate(context, Marker);
        }
    }

    /// <summary>Once more after the save; and, when the save was inside a transaction, once more after its commit or rollback.</summary>
    private void InvalidateIfMarked(DbContext? context, bool keep)
    {
        if (context is null || !touched.TryGetValue(context, out _))
        {
            return;
        }

        directory.Invalidate();
        if (!keep || context.Database.CurrentTransaction is null)
        {
            touched.Remove(context);
        }
    }
}
