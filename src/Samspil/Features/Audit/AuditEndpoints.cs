using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Audit;
using Samspil.Domain.Consents;
using Samspil.Features.Consents;
using Samspil.Infrastructure.ErrorHandling;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Security;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Audit;

/// <summary>One line of "Hvem har set mine oplysninger".</summary>
public sealed record AccessLogView(
    long Sequence,
    DateTimeOffset At,
    string Who,
    string? Organization,
    InformationCategory Category,
    AccessAction Action,
    string ResourceType,
    AccessBasisKind Basis,
    string? LegalBasisCode,
    int? ConsentVersion);

public sealed record AccessLogFilter(InformationCategory? Category, AccessAction? Action, DateOnly? From, DateOnly? To, int Skip = 0, int Take = 100);

/// <summary>The access log as the citizen sees it, and its integrity check for administrators.</summary>
public sealed partial class AccessLogQueries(SamspilDbContext db, ConsentService consents, AccessLog log, CurrentUser user)
{
    /// <summary>The largest page the API gives, and the furthest it skips.</summary>
    public const int MaxTake = 500;

    public const int MaxSkip = 1_000_000;

    /// <summary>
    /// Entries from the start of <paramref name="from"/> to the end of <paramref name="to"/>, Copenhagen days. Dates beyond
    /// the plausible range bound nothing (and would overflow the day arithmetic), e.g. typed on the page.
    /// </summary>
    private static IQueryable<AccessLogEntry> WithinPeriod(IQueryable<AccessLogEntry> query, DateOnly? from, DateOnly? to)
    {
        if (from is { } f && f > InputLimits.MinDate)
        {
            var start = CopenhagenTime.StartOfDayUtc(f);
            query = query.Where(e => e.At >= start);
        }

        if (to is { } t && t < InputLimits.MaxDate)
        {
            var end = CopenhagenTime.StartOfDayUtc(t.AddDays(1));
            query = query.Where(e => e.At < end);
        }

        return query;
    }

    public async Task<IReadOnlyList<AccessLogView>> MineAsync(AccessLogFilter filter, CancellationToken cancellationToken)
    {
        var (citizenId, decision) = await consents.SelfAsync(cancellationToken);
        var query = db.AccessLog.AsNoTracking().Where(e => e.CitizenId == citizenId);
        if (filter.Category is { } category)
        {
            query = query.Where(e => e.Category == category);
        }

        if (filter.Action is { } action)
        {
            query = query.Where(e => e.Action == action);
        }

        query = WithinPeriod(query, filter.From, filter.To);

        var entries = await query.OrderByDescending(e => e.Sequence).Skip(Math.Max(0, filter.Skip)).Take(Math.Clamp(filter.Take, 1, 500)).ToListAsync(cancellationToken);
        var organizationIds = entries.Select(e => e.OrganizationId).OfType<Guid>().Distinct().ToList();
        var organizations = await db.Organizations.Where(o => organizationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);

        // Reading one's own log is itself a read of one's data.
        log.Record(citizenId, InformationCategory.StatusAndAppointments, AccessAction.Read, "AccessLog", null, decision);
        await log.CommitAsync(cancellationToken);

        return entries.Select(e => new AccessLogView(
            e.Sequence, e.At, e.UserName, e.OrganizationId is { } o ? organizations.GetValueOrDefault(o) : null,
            e.Category, e.Action, e.ResourceType, e.Basis, e.LegalBasisCode, e.ConsentVersion)).ToList();
    }

    /// <summary>Walks the whole chain. Streams the rows, so memory stays flat however long the log is.</summary>
    public async Task<ChainVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        var head = await db.AccessLogHead.AsNoTracking().SingleAsync(h => h.Id == AccessLogHead.SingletonId, cancellationToken);
        var verifier = new ChainVerifier();
        await foreach (var entry in db.AccessLog.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (!verifier.Accept(entry))
            {
                break;
            }
        }

        return verifier.Finish(head.Sequence, head.Hash);
    }
}

public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/me/access-log", async (AccessLogQueries queries, CancellationToken ct, InformationCategory? category = null, AccessAction? action = null, DateOnly? from = null, DateOnly? to = null, int skip = 0, int take = 100) =>
            {
                var errors = PageAndPeriodErrors(skip, take, AccessLogQueries.MaxTake, from, to);
                return errors.IsEmpty ? TypedResults.Ok(await queries.MineAsync(new AccessLogFilter(category, action, from, to, skip, take), ct)) : throw new InputValidationException(errors);
            })
            .WithTags("Audit")
            .WithName("MyAccessLog")
            .WithSummary("Who has read or changed my data, newest first (the citizen or their proxy).")
            .RequireAuthorization();
        app.MapGet("/api/v1/me/access-log/grouped", async (AccessLogQueries queries, CancellationToken ct, bool includeOwn = false, Guid? person = null, Guid? organization = null, DateOnly? from = null, DateOnly? to = null, int skip = 0, int take = 30) =>
            {
                var errors = PageAndPeriodErrors(skip, take, AccessLogQueries.MaxGroupTake, from, to);
                return errors.IsEmpty
                    ? TypedResults.Ok(await queries.GroupedAsync(new AccessLogGroupFilter(includeOwn, person, organization, from, to, skip, take), ct))
                    : throw new InputValidationException(errors);
            })
            .WithTags("Audit")
            .WithName("MyAccessLogGrouped")
            .WithSummary("My access log grouped by person, organisation and day, newest first; my own reads left out unless includeOwn; reads not on consent marked.")
            .RequireAuthorization();
        app.MapGet("/api/v1/admin/access-log/verify", async (AccessLogQueries queries, CancellationToken ct) => TypedResults.Ok(await queries.VerifyAsync(ct)))
            .WithTags("Audit")
            .WithName("VerifyAccessLog")
            .WithSummary("Checks the access log's hash chain; reports the first entry where it breaks.")
            .RequireAuthorization(SamspilPolicies.Administrator);
        return app;
    }

    /// <summary>Paging and a period out of range are mistakes to report, not to clamp silently.</summary>
    private static ValidationErrors PageAndPeriodErrors(int skip, int take, int maxTake, DateOnly? from, DateOnly? to)
    {
        var errors = new ValidationErrors();
        if (skip is < 0 or > AccessLogQueries.MaxSkip)
        {
            errors.Add("skip", "Paging.Skip.Invalid");
        }

        if (take < 1 || take > maxTake)
        {
            errors.Add("take", "Paging.Take.Invalid");
        }

        if (from is { } f && to is { } t && f > t)
        {
            errors.Add("to", "AccessLog.Period.Invalid");
        }

        return errors;
    }
}
