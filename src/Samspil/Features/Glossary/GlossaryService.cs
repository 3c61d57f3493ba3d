using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Common;
using Samspil.Domain.Glossary;
using Samspil.Infrastructure.Persistence;

namespace Samspil.Features.Glossary;

/// <summary>
/// The shared glossary (issue 18, point 4). Public knowledge, not citizen data: anyone may read it, administrators
/// change it. The term list is cached (it changes rarely and every plan, minutes and message page links against it);
/// an edit on this instance clears the cache at once, other instances within <see cref="GlossaryCache.Lifetime"/>.
/// </summary>
public sealed class GlossaryService(SamspilDbContext db, GlossaryCache cache, TimeProvider time)
{
    public const int MaxQueryLength = 200;

    public async Task<GlossarySnapshot> SnapshotAsync(CancellationToken cancellationToken)
    {
        if (cache.Current(time) is { } cached)
        {
            return cached;
        }

        var generation = cache.Generation;
        var terms = await db.Set<GlossaryTerm>().AsNoTracking().ToListAsync(cancellationToken);
        var views = terms.Select(GlossaryTermView.From).OrderBy(t => t.Term, StringComparer.Create(CultureInfo.GetCultureInfo("da-DK"), true)).ToList();
        var snapshot = new GlossarySnapshot(views, new TermLinker(terms.Select(t => (t.Slug, t.LinkForms()))));
        cache.Set(snapshot, time, generation);
        return snapshot;
    }

    /// <summary>Terms whose name, synonyms or explanation (any language) or sector meaning contain <paramref name="query"/>; all terms without one.</summary>
    public async Task<IReadOnlyList<GlossaryTermView>> SearchAsync(string? query, CancellationToken cancellationToken)
    {
        var snapshot = await SnapshotAsync(cancellationToken);
        var q = query?.Trim();
        if (string.IsNullOrEmpty(q))
        {
            return snapshot.Terms;
        }

        if (q.Length > MaxQueryLength || Guard.HasControlCharacters(q))
        {
            throw new DomainException("Glossary.Query.Invalid", "q");
        }

        var compare = CultureInfo.InvariantCulture.CompareInfo;
        bool Has(string? text) => text is not null && compare.IndexOf(text, q, CompareOptions.IgnoreCase) >= 0;
        static int Rank(GlossaryTermView t, Func<string?, bool> has) =>
            has(t.Term) || t.Synonyms.Any(s => has(s)) || has(t.NameEn) || has(t.NameAr) || has(t.NameFa) || has(t.NameUk) ? 0 : 1;

        return snapshot.Terms
            .Where(t => Has(t.Term) || t.Synonyms.Any(Has) || Has(t.NameEn) || Has(t.NameAr) || Has(t.NameFa) || Has(t.NameUk)
                || Has(t.ExplanationDa) || Has(t.ExplanationEn) || Has(t.ExplanationAr) || Has(t.ExplanationFa) || Has(t.ExplanationUk)
                || Has(t.CodeIdentifier) || t.SectorMeanings.Any(m => Has(m.MeaningDa) || Has(m.MeaningEn) || Has(m.Basis)))
            .OrderBy(t => Rank(t, Has))
            .ToList();
    }

    public async Task<GlossaryTermView?> FindAsync(string slug, CancellationToken cancellationToken) =>
        (await SnapshotAsync(cancellationToken)).Terms.FirstOrDefault(t => string.Equals(t.Slug, slug, StringComparison.Ordinal));

    public async Task<GlossaryTermView> CreateAsync(GlossaryTermRequest request, CancellationToken cancellationToken)
    {
        var term = GlossaryTerm.Create(request.Slug, request.ToContent());
        if (await db.Set<GlossaryTerm>().AnyAsync(t => t.Slug == term.Slug, cancellationToken))
        {
            throw new DomainException("GlossaryAdmin.Slug.Exists", "slug");
        }

        db.Add(term);
        await db.SaveChangesAsync(cancellationToken);
        cache.Clear();
        return GlossaryTermView.From(term);
    }

    public async Task<GlossaryTermView?> UpdateAsync(string slug, GlossaryTermRequest request, CancellationToken cancellationToken)
    {
        if (!IsPlausibleSlug(slug) || await db.Set<GlossaryTerm>().SingleOrDefaultAsync(t => t.Slug == slug, cancellationToken) is not { } term)
        {
            return null;
        }

        term.Update(request.ToContent());
        await db.SaveChangesAsync(cancellationToken);
        cache.Clear();
        return GlossaryTermView.From(term);
    }

    public static bool IsPlausibleSlug(string? slug) => !string.IsNullOrWhiteSpace(slug) && slug.Length <= 60 && !Guard.HasControlCharacters(slug);
}

public sealed record GlossarySnapshot(IReadOnlyList<GlossaryTermView> Terms, TermLinker Linker);

/// <summary>The term list and its linker, shared by every request of this instance.</summary>
public sealed class GlossaryCache
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private volatile Entry? _entry;

    public GlossarySnapshot? Current(TimeProvider time) =>
        _entry is { } e && e.Until > time.GetUtcNow() ? e.Snapshot : null;

    private int _generation;

    /// <summary>Changes on every <see cref="Clear"/>, so that a list read before an edit is not cached after it.</summary>
    public int Generation => Volatile.Read(ref _generation);

    public void Set(GlossarySnapshot snapshot, TimeProvider time, int generation)
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

    private sealed record Entry(GlossarySnapshot Snapshot, DateTimeOffset Until);
}
