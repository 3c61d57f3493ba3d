using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Screening;
using Samspil.Infrastructure.Persistence;

namespace Samspil.Features.Screening;

/// <summary>What storing a batch of admissions did.</summary>
public readonly record struct AdmissionStoreCounts(int Inserted, int Updated, int Unchanged);

/// <summary>
/// Stores admissions for screening, keyed by (person key, start, department): a stay delivered again
/// is updated (e.g. a corrected discharge) or left alone when nothing changed, never doubled. Used by
/// the CSV import and, through <see cref="AddFromHospitalNotificationAsync"/>, by the hospital
/// notifications feature.
/// </summary>
public sealed class AdmissionStore(SamspilDbContext db, TimeProvider time, ScreeningReportCache cache)
{
    /// <summary>
    /// Stores one stay reported by a hospital notification (source <see cref="AdmissionSource.HospitalNotification"/>)
    /// and saves. Call it when the discharge is known; the same stay reported again is updated, not doubled.
    /// </summary>
    public async Task<AdmissionStoreCounts> AddFromHospitalNotificationAsync(AdmissionEvent admission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(admission);
        var counts = await StageAsync([admission], AdmissionSource.HospitalNotification, null, cancellationToken);
        await SaveAsync(cancellationToken);
        return counts;
    }

    /// <summary>
    /// Adds or updates a batch in the change tracker without saving, so the caller can save it together
    /// with its own changes (the import's progress) in one transaction. Rows repeated within the batch
    /// count once (the last wins).
    /// </summary>
    public async Task<AdmissionStoreCounts> StageAsync(IReadOnlyList<AdmissionEvent> admissions, AdmissionSource source, Guid? importId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(admissions);
        var now = time.GetUtcNow();
        var batch = new Dictionary<(string, long, string), AdmissionEvent>();
        var duplicatesInBatch = 0;
        foreach (var delivered in admissions)
        {
            var admission = Normalize(delivered);
            if (!batch.TryAdd(KeyOf(admission), admission))
            {
                duplicatesInBatch++;
                batch[KeyOf(admission)] = admission;
            }
        }

        var personKeys = batch.Keys.Select(k => k.Item1).Distinct(StringComparer.Ordinal).ToList();
        var stored = new Dictionary<(string, long, string), Admission>();
        foreach (var chunk in personKeys.Chunk(500))
        {
            foreach (var existing in await db.Admissions.Where(a => chunk.Contains(a.PersonKey)).ToListAsync(cancellationToken))
            {
                stored[(existing.PersonKey, existing.Start.UtcTicks, existing.Department)] = existing;
            }
        }

        int inserted = 0, updated = 0, unchanged = duplicatesInBatch;
        foreach (var (key, admission) in batch)
        {
            if (!stored.TryGetValue(key, out var existing))
            {
                db.Admissions.Add(Admission.From(admission, source, importId, now));
                inserted++;
            }
            else if (existing.DiffersFrom(admission))
            {
                existing.UpdateFrom(admission, source, importId, now);
                updated++;
            }
            else
            {
                unchanged++;
            }
        }

        return new AdmissionStoreCounts(inserted, updated, unchanged);
    }

    /// <summary>Saves staged admissions (and whatever else is tracked), lets go of them, and makes the lists be recomputed.</summary>
    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        foreach (var entry in db.ChangeTracker.Entries<Admission>().ToList())
        {
            entry.State = EntityState.Detached;
        }

        cache.Invalidate();
    }

    /// <summary>
    /// Times are kept to the whole millisecond, which both databases store exactly (SQLite's encoding
    /// keeps a tenth of a millisecond), so a stay read back matches the same stay delivered again.
    /// </summary>
    public static AdmissionEvent Normalize(AdmissionEvent admission) =>
        admission.Start.UtcTicks % TimeSpan.TicksPerMillisecond == 0 && admission.End.UtcTicks % TimeSpan.TicksPerMillisecond == 0
            ? admission
            : new AdmissionEvent(admission.PersonKey, admission.MunicipalityCode, admission.RegionCode, Truncate(admission.Start), Truncate(admission.End), admission.Acute, admission.Department);

    private static DateTimeOffset Truncate(DateTimeOffset instant) =>
        new(instant.UtcTicks - (instant.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    private static (string, long, string) KeyOf(AdmissionEvent admission) => (admission.PersonKey, admission.Start.UtcTicks, admission.Department);
}
