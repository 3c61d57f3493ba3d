using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Audit;
using Samspil.Domain.Consents;
using Samspil.Infrastructure.ErrorHandling;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Audit;

/// <summary>What the grouped log shows: own reads or not, one person or organisation, a period, a page of groups.</summary>
public sealed record AccessLogGroupFilter(bool IncludeOwn, Guid? Person, Guid? Organization, DateOnly? From, DateOnly? To, int Skip = 0, int Take = 30);

/// <summary>
/// One person from one organisation on one day: "Birgitte fra Jobcenter Odense så din plan og dine
/// møder, 4. december". <see cref="NotOnConsent"/> marks reads the citizen did not consent to (a legal
/// basis, or the organisation's own records).
/// </summary>
public sealed record AccessLogGroupView(
    DateOnly Date,
    Guid UserId,
    string Who,
    Guid? OrganizationId,
    string? Organization,
    IReadOnlyList<AccessAction> Actions,
    IReadOnlyList<InformationCategory> Categories,
    IReadOnlyList<AccessLogBasisView> Bases,
    int Count,
    bool NotOnConsent,
    bool IsOwn);

/// <param name="ConsentId">The consent used, for a link to it on the citizen's consent page.</param>
/// <param name="LegalBasisTitle">The legal basis in words, with <paramref name="LawReference"/> (the law and section).</param>
public sealed record AccessLogBasisView(AccessBasisKind Kind, Guid? ConsentId, int? ConsentVersion, string? LegalBasisCode, string? LegalBasisTitle, string? LawReference)
{
    public bool NotOnConsent => Kind is AccessBasisKind.LegalBasis or AccessBasisKind.OwnRecords;
}

public sealed record AccessLogPartyView(Guid Id, string Name);

/// <param name="People">Everyone (but the reader) in the log for the period, for the filter.</param>
/// <param name="HiddenOwn">How many of the reader's own entries are left out.</param>
/// <param name="Truncated">The period held more entries than are grouped at once; choose a shorter period.</param>
public sealed record AccessLogGroupsView(
    IReadOnlyList<AccessLogGroupView> Groups,
    bool HasOlder,
    IReadOnlyList<AccessLogPartyView> People,
    IReadOnlyList<AccessLogPartyView> Organizations,
    int HiddenOwn,
    bool Truncated);

public sealed partial class AccessLogQueries
{
    /// <summary>The most entries grouped in one answer; a longer period is cut at the oldest end.</summary>
    public const int MaxGroupedEntries = 20_000;

    public const int MaxGroupTake = 500;

    /// <summary>
    /// The citizen's log grouped by person, organisation and day, newest first. The reader's own
    /// entries (the citizen, or the proxy reading) are left out unless asked for. Logged as a read of the log.
    /// </summary>
    public async Task<AccessLogGroupsView> GroupedAsync(AccessLogGroupFilter filter, CancellationToken cancellationToken)
    {
        var (citizenId, decision) = await consents.SelfAsync(cancellationToken);
        var readerId = user.UserId;
        var query = db.AccessLog.AsNoTracking().Where(e => e.CitizenId == citizenId);
        query = WithinPeriod(query, filter.From, filter.To);

        var rows = await query
            .OrderByDescending(e => e.Sequence)
            .Take(MaxGroupedEntries + 1)
            .Select(e => new { e.At, e.UserId, e.UserName, e.OrganizationId, e.Category, e.Action, e.Basis, e.ConsentId, e.ConsentVersion, e.LegalBasisCode })
            .ToListAsync(cancellationToken);
        var truncated = rows.Count > MaxGroupedEntries;
        if (truncated)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        bool Own(Guid userId, AccessBasisKind basis) => userId == readerId || basis == AccessBasisKind.Self;
        var others = rows.Where(r => !Own(r.UserId, r.Basis)).ToList();
        var organizationIds = rows.Select(r => r.OrganizationId).OfType<Guid>().Distinct().ToList();
        var organizations = await db.Organizations.AsNoTracking().Where(o => organizationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        var codes = rows.Select(r => r.LegalBasisCode).OfType<string>().Distinct().ToList();
        var legalBases = await db.LegalBases.AsNoTracking().Where(b => codes.Contains(b.Code)).ToDictionaryAsync(b => b.Code, b => (b.Title, b.LawReference), StringComparer.Ordinal, cancellationToken);

        var people = others.GroupBy(r => r.UserId).Select(g => new AccessLogPartyView(g.Key, g.First().UserName)).OrderBy(p => p.Name, StringComparer.CurrentCulture).ToList();
        var orgs = others.Select(r => r.OrganizationId).OfType<Guid>().Distinct()
            .Select(id => new AccessLogPartyView(id, organizations.GetValueOrDefault(id) ?? string.Empty))
            .OrderBy(o => o.Name, StringComparer.CurrentCulture).ToList();

        var shown = rows
            .Where(r => filter.IncludeOwn || !Own(r.UserId, r.Basis))
            .Where(r => filter.Person is not { } person || r.UserId == person)
            .Where(r => filter.Organization is not { } org || r.OrganizationId == org);
        var groups = shown
            .GroupBy(r => (Date: CopenhagenTime.DateOf(r.At), r.UserId, r.OrganizationId))
            .Select(g => new AccessLogGroupView(
                g.Key.Date,
                g.Key.UserId,
                g.First().UserName,
                g.Key.OrganizationId,
                g.Key.OrganizationId is { } o ? organizations.GetValueOrDefault(o) : null,
                g.Select(r => r.Action).Distinct().Order().ToList(),
                g.Select(r => r.Category).Distinct().Order().ToList(),
                g.Select(r => (r.Basis, r.ConsentId, r.ConsentVersion, r.LegalBasisCode)).Distinct()
                    .Select(b => new AccessLogBasisView(b.Basis, b.ConsentId, b.ConsentVersion, b.LegalBasisCode,
                        b.LegalBasisCode is { } c && legalBases.TryGetValue(c, out var lb) ? lb.Title : null,
                        b.LegalBasisCode is { } c2 && legalBases.TryGetValue(c2, out var lb2) ? lb2.LawReference : null))
                    .ToList(),
                g.Count(),
                g.Any(r => r.Basis is AccessBasisKind.LegalBasis or AccessBasisKind.OwnRecords),
                Own(g.Key.UserId, g.First().Basis)))
            .ToList();

        var skip = Math.Max(0, filter.Skip);
        var take = Math.Clamp(filter.Take, 1, MaxGroupTake);
        var page = groups.Skip(skip).Take(take).ToList();

        // Reading one's own log is itself a read of one's data.
        log.Record(citizenId, InformationCategory.StatusAndAppointments, AccessAction.Read, "AccessLog", null, decision);
        await log.CommitAsync(cancellationToken);
        return new AccessLogGroupsView(page, groups.Count > skip + take, people, orgs, rows.Count - others.Count, truncated);
    }
}
