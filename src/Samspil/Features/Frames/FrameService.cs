using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Directory;
using Samspil.Domain.Frames;
using Samspil.Infrastructure.Persistence;

namespace Samspil.Features.Frames;

/// <summary>
/// Each actor's frame (issue 18, point 5; R6): reference data, not citizen data. Staff read it, administrators change it.
/// The frames and the organisations' kinds are cached briefly for the network, meeting and directory pages.
/// </summary>
public sealed class FrameService(SamspilDbContext db, FrameCache cache, TimeProvider time)
{
    public async Task<IReadOnlyList<FrameView>> FramesAsync(CancellationToken cancellationToken) =>
        (await SnapshotAsync(cancellationToken)).Frames.Values.OrderBy(f => f.Kind.ToString(), StringComparer.Ordinal).ToList();

    public async Task<FrameView?> FrameAsync(OrganizationKind kind, CancellationToken cancellationToken) =>
        (await SnapshotAsync(cancellationToken)).Frames.GetValueOrDefault(kind);

    /// <summary>The frame of an organisation's kind, by id or, failing that, by name (a name shared by organisations of different kinds gives none).</summary>
    public async Task<FrameView?> FrameForOrganizationAsync(Guid? organizationId, string? organizationName, CancellationToken cancellationToken)
    {
        var snapshot = await SnapshotAsync(cancellationToken);
        OrganizationKind? kind = organizationId is { } id && snapshot.KindById.TryGetValue(id, out var k) ? k
            : organizationName is { } name && snapshot.KindByName.TryGetValue(name, out var byName) ? byName : null;
        return kind is { } found ? snapshot.Frames.GetValueOrDefault(found) : null;
    }

    /// <summary>Creates or replaces the frame of <paramref name="kind"/>.</summary>
    public async Task<(FrameView View, bool Created)> SaveAsync(OrganizationKind kind, FrameRequest request, CancellationToken cancellationToken)
    {
        var frame = await db.Set<ActorFrame>().SingleOrDefaultAsync(f => f.Kind == kind, cancellationToken);
        var created = frame is null;
        if (frame is null)
        {
            frame = ActorFrame.Create(kind, request.ToContent());
            db.Add(frame);
        }
        else
        {
            frame.Update(request.ToContent());
        }

        await db.SaveChangesAsync(cancellationToken);
        cache.Clear();
        return (FrameView.From(frame), created);
    }

    private async Task<FrameSnapshot> SnapshotAsync(CancellationToken cancellationToken)
    {
        if (cache.Current(time) is { } cached)
        {
            return cached;
        }

        var generation = cache.Generation;
        var frames = (await db.Set<ActorFrame>().AsNoTracking().ToListAsync(cancellationToken)).ToDictionary(f => f.Kind, FrameView.From);
        var organizations = await db.Organizations.AsNoTracking().Select(o => new { o.Id, o.Name, o.Kind }).ToListAsync(cancellationToken);
        var byName = organizations.GroupBy(o => o.Name, StringComparer.Ordinal)
            .Where(g => g.Select(o => o.Kind).Distinct().Count() == 1)
            .ToDictionary(g => g.Key, g => g.First().Kind, StringComparer.Ordinal);
        var snapshot = new FrameSnapshot(frames, organizations.ToDictionary(o => o.Id, o => o.Kind), byName);
        cache.Set(snapshot, time, generation);
        return snapshot;
    }
}

public sealed record FrameSnapshot(
    IReadOnlyDictionary<OrganizationKind, FrameView> Frames,
    IReadOnlyDictionary<Guid, OrganizationKind> KindById,
    IReadOnlyDictionary<string, OrganizationKind> KindByName);

/// <summary>Frames and organisation kinds for one minute (organisations change elsewhere); a frame edit clears it at once.</summary>
public sealed class FrameCache
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private volatile Entry? _entry;
    private int _generation;

    public int Generation => Volatile.Read(ref _generation);

    public FrameSnapshot? Current(TimeProvider time) => _entry is { } e && e.Until > time.GetUtcNow() ? e.Snapshot : null;

    public void Set(FrameSnapshot snapshot, TimeProvider time, int generation)
    {
        if (generation == Generation)
        {
            _entry = new Entry(snapshot, time.GetUtcNow() + Lifetime);
        }
    }

    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        _entry = null;
    }

    private sealed record Entry(FrameSnapshot Snapshot, DateTimeOffset Until);
}
