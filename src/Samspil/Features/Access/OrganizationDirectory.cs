using Microsoft.EntityFrameworkCore;
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

/// <summary>Drops the <see cref="OrganizationDirectory"/> when a save touches an organisation (see <see cref="InvalidateOnSaveInterceptor"/>).</summary>
public sealed class OrganizationDirectoryInterceptor(OrganizationDirectory directory) : InvalidateOnSaveInterceptor
{
    protected override bool Touches(DbContext context) => HasChangesTo(context, typeof(Organization));

    protected override void Invalidate() => directory.Invalidate();
}
