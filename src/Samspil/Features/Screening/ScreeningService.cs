using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Screening;
using Samspil.Features.Access;
using Samspil.Infrastructure.ErrorHandling;
using Samspil.Infrastructure.Persistence;

namespace Samspil.Features.Screening;

/// <summary>
/// The analysis committee's ranked lists: the pure engine (<see cref="ReadmissionScreening"/>,
/// <see cref="ScreeningRanking"/>) run over the stored admissions in person-key order, and each
/// listed person linked to their course when they are a Samspil citizen the user may read.
/// </summary>
public sealed class ScreeningService(
    SamspilDbContext db,
    CitizenDataAccess access,
    ScreeningAccess screeningAccess,
    ScreeningReportCache cache,
    PersonKeys personKeys)
{
    public const int MaxTop = 100;

    public async Task<RankingView> RankingAsync(ScreeningArea? area, string? code, int? top, CancellationToken cancellationToken)
    {
        await screeningAccess.EnsureMayViewListsAsync(cancellationToken);
        var chosenArea = area ?? ScreeningArea.Municipality;
        var size = top ?? ScreeningRanking.DefaultTop;
        var errors = new ValidationErrors();
        if (!Enum.IsDefined(chosenArea))
        {
            errors.Add("area", "Screening.Area.Invalid");
        }

        if (size is < 1 or > MaxTop)
        {
            errors.Add("top", "Screening.Top.Invalid");
        }

        code = string.IsNullOrWhiteSpace(code) ? null : code.Trim();
        if (code is not null && (code.Length != (chosenArea == ScreeningArea.Region ? 4 : 3) || !code.All(char.IsAsciiDigit)))
        {
            errors.Add("code", chosenArea == ScreeningArea.Region ? "Screening.Code.Region" : "Screening.Code.Municipality");
        }

        if (!errors.IsEmpty)
        {
            throw new InputValidationException(errors);
        }

        var (report, computedAt) = await cache.GetAsync(size, ct => ComputeAsync(size, ct), cancellationToken);
        var lists = chosenArea == ScreeningArea.Region ? report.ByRegion : report.ByMunicipality;
        var shown = code is null
            ? lists.ToList()
            : [new KeyValuePair<string, IReadOnlyList<RankedPerson>>(code, lists.TryGetValue(code, out var list) ? list : [])];

        var keys = shown.SelectMany(a => a.Value).Select(p => p.Person.PersonKey).Distinct(StringComparer.Ordinal).ToList();
        var latest = await LatestAdmissionsAsync(keys, cancellationToken);
        var links = personKeys.Enabled
            ? await access.LinkPersonKeysAsync(keys, personKeys.KeyOf, cancellationToken)
            : new Dictionary<string, ScreeningLink>(StringComparer.Ordinal);

        var areas = shown.Select(a => new RankedArea(a.Key, DanishAreaNames.Of(chosenArea, a.Key), a.Value.Select(p => Entry(p, latest, links)).ToList())).ToList();
        var s = report.Summary;
        return new RankingView(
            chosenArea,
            code,
            size,
            computedAt,
            personKeys.Enabled,
            new ScreeningTotals(s.Persons, s.Admissions, s.PersonsWithFourOrMoreIn12Months, s.PersonsWithAcuteReadmission, s.AcuteReadmissionsWithin30Days, s.ShortStays, s.DischargesOutsideDaytime),
            lists.Keys.ToList(),
            areas);
    }

    /// <summary>
    /// Streams every stored admission ordered by person key (ordinal: "C" collation on PostgreSQL,
    /// BINARY on SQLite) and start, one person in memory at a time, into the engine.
    /// </summary>
    public async Task<ScreeningReport> ComputeAsync(int top, CancellationToken cancellationToken)
    {
        var accumulator = new ScreeningAccumulator(top);
        var person = new List<AdmissionEvent>();
        string? previousKey = null;
        var rows = db.Admissions.AsNoTracking()
            .OrderBy(a => a.PersonKey).ThenBy(a => a.Start)
            .Select(a => new { a.PersonKey, a.MunicipalityCode, a.RegionCode, a.Start, a.End, a.Acute, a.Department })
            .AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            if (previousKey is not null && !string.Equals(previousKey, row.PersonKey, StringComparison.Ordinal))
            {
                if (string.CompareOrdinal(row.PersonKey, previousKey) < 0)
                {
                    throw new InvalidOperationException("The database did not return admissions in ordinal person-key order.");
                }

                accumulator.Add(ReadmissionScreening.ScreenPerson(person));
                person.Clear();
            }

            previousKey = row.PersonKey;
            person.Add(new AdmissionEvent(row.PersonKey, row.MunicipalityCode, row.RegionCode, row.Start, row.End, row.Acute, row.Department));
        }

        if (person.Count > 0)
        {
            accumulator.Add(ReadmissionScreening.ScreenPerson(person));
        }

        return accumulator.ToReport();
    }

    private async Task<Dictionary<string, (DateTimeOffset Start, DateTimeOffset End)>> LatestAdmissionsAsync(List<string> keys, CancellationToken cancellationToken)
    {
        var latest = new Dictionary<string, (DateTimeOffset Start, DateTimeOffset End)>(StringComparer.Ordinal);
        foreach (var chunk in keys.Chunk(500))
        {
            var rows = await db.Admissions.AsNoTracking().Where(a => chunk.Contains(a.PersonKey)).Select(a => new { a.PersonKey, a.Start, a.End }).ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                if (!latest.TryGetValue(row.PersonKey, out var current) || row.Start > current.Start || (row.Start == current.Start && row.End > current.End))
                {
                    latest[row.PersonKey] = (row.Start, row.End);
                }
            }
        }

        return latest;
    }

    private static RankedEntry Entry(RankedPerson ranked, Dictionary<string, (DateTimeOffset Start, DateTimeOffset End)> latest, IReadOnlyDictionary<string, ScreeningLink> links)
    {
        var p = ranked.Person;
        var last = latest.TryGetValue(p.PersonKey, out var l) ? l : ((DateTimeOffset, DateTimeOffset)?)null;
        var link = links.TryGetValue(p.PersonKey, out var found)
            ? new RankedCourseLink(found.CourseId, found.CitizenName, found.IsDemo, $"/Courses/{found.CourseId}", $"/Courses/{found.CourseId}/analysis-summaries")
            : null;
        return new RankedEntry(
            ranked.Rank,
            p.PersonKey,
            ShortKey(p.PersonKey),
            p.MunicipalityCode,
            p.RegionCode,
            p.Admissions,
            p.MaxAdmissionsIn12Months,
            p.FourOrMoreAdmissionsIn12Months,
            p.AcuteReadmissionsWithin30Days,
            p.ShortStays,
            p.DischargesOutsideDaytime,
            last?.Item1,
            last?.Item2,
            link);
    }

    /// <summary>The first eight characters, enough to tell people apart on one list and to read aloud.</summary>
    public static string ShortKey(string key) => key.Length <= 10 ? key : string.Concat(key.AsSpan(0, 8), "…");
}
