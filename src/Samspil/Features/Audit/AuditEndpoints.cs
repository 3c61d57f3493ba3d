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

    /// <summary>The command line's one-line report of <see cref="VerifyAsync"/>.</summary>
    public static string Describe(ChainVerification result)
    {
        var checkpoint = result.LatestCheckpoint is { } number ? $"; newest checkpoint {number}, hash {result.LatestCheckpointHash}" : "; no checkpoint yet";
        if (result.Intact)
        {
            return $"Access log intact: {result.EntriesChecked} entries in {result.ChainsChecked} citizen chains and {result.CheckpointsChecked} checkpoints verified{checkpoint}.";
        }

        var where = string.Join(", ", new[]
        {
            result.BrokenAtSequence is { } sequence ? $"entry {sequence}" : null,
            result.BrokenChain is { } chain ? (chain == AccessLogCheckpoint.LegacyChain ? "the legacy chain" : $"the chain of citizen {chain}") : null,
            result.BrokenAtPosition is { } position ? $"position {position}" : null,
            result.BrokenCheckpoint is { } broken ? $"checkpoint {broken}" : null,
        }.OfType<string>());
        return $"Access log BROKEN at {where}: {result.Problem} ({result.EntriesChecked} entries verified before it).";
    }

    /// <summary>
    /// Checks the whole log (ADR 0015): the legacy global chain against its frozen head; every citizen's chain, streamed
    /// in (citizen, position) order with its head; that no head has lost all its entries; the checkpoints' own chain;
    /// and that every head a checkpoint recorded is still an entry of its chain. Memory stays flat however long the log
    /// is (one checkpoint's heads at a time). Stops at the first break.
    /// </summary>
    public async Task<ChainVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        // 1. Entries written before issue 16: one global chain, verified as before.
        var legacyHead = await db.AccessLogHead.AsNoTracking().SingleAsync(h => h.Id == AccessLogHead.SingletonId, cancellationToken);
        var legacy = new ChainVerifier();
        await foreach (var entry in db.AccessLog.AsNoTracking().Where(e => e.ChainPosition == 0).OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (!legacy.Accept(entry))
            {
                break;
            }
        }

        var legacyResult = legacy.Finish(legacyHead.Sequence, legacyHead.Hash);
        if (!legacyResult.Intact)
        {
            return legacyResult;
        }

        // 2. Every citizen's chain, its head alongside each entry.
        var chains = new CitizenChainsVerifier();
        var rows = from e in db.AccessLog.AsNoTracking().Where(e => e.ChainPosition > 0)
                   join h in db.AccessLogChainHeads.AsNoTracking() on e.CitizenId equals h.CitizenId into heads
                   from h in heads.DefaultIfEmpty()
                   orderby e.CitizenId, e.ChainPosition
                   select new { Entry = e, HeadPosition = h == null ? (long?)null : h.Position, HeadHash = h == null ? null : h.Hash };
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (!chains.Accept(row.Entry, row.HeadPosition, row.HeadHash))
            {
                break;
            }
        }

        var entries = legacyResult.EntriesChecked + chains.EntriesChecked;
        var chainResult = chains.Finish();
        if (!chainResult.Intact)
        {
            return chainResult with { EntriesChecked = entries };
        }

        // 3. A head whose chain has no entries left: the whole chain was deleted, its head kept.
        var emptied = await db.AccessLogChainHeads.AsNoTracking()
            .Where(h => h.Position > 0 && !db.AccessLog.Any(e => e.CitizenId == h.CitizenId && e.ChainPosition > 0))
            .Select(h => (Guid?)h.CitizenId)
            .FirstOrDefaultAsync(cancellationToken);
        if (emptied is { } emptiedChain)
        {
            return new ChainVerification(entries, null, "the chain's entries were deleted") { BrokenChain = emptiedChain, BrokenAtPosition = 1, ChainsChecked = chains.ChainsChecked };
        }

        // 4. The checkpoints' own chain, one checkpoint's heads at a time.
        var checkpoints = new CheckpointVerifier();
        var recorded = from c in db.AccessLogCheckpoints.AsNoTracking()
                       join h in db.AccessLogCheckpointHeads.AsNoTracking() on c.Number equals h.CheckpointNumber into heads
                       from h in heads.DefaultIfEmpty()
                       orderby c.Number
                       select new { Checkpoint = c, Head = h };
        AccessLogCheckpoint? current = null;
        var currentHeads = new List<CheckpointHead>();
        await foreach (var row in recorded.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (current is not null && current.Number != row.Checkpoint.Number)
            {
                if (!checkpoints.Accept(current, currentHeads))
                {
                    break;
                }

                currentHeads.Clear();
            }

            current = row.Checkpoint;
            if (row.Head is { } head)
            {
                currentHeads.Add(new CheckpointHead(head.CitizenId, head.Position, head.Hash));
            }
        }

        if (current is not null && checkpoints.Broken is null)
        {
            checkpoints.Accept(current, currentHeads);
        }

        var summary = new ChainVerification(entries, null, null)
        {
            ChainsChecked = chains.ChainsChecked,
            CheckpointsChecked = checkpoints.CheckpointsChecked,
            LatestCheckpoint = checkpoints.CheckpointsChecked == 0 ? null : checkpoints.CheckpointsChecked,
            LatestCheckpointHash = checkpoints.LatestHash,
        };
        if (checkpoints.Broken is { } brokenCheckpoint)
        {
            return brokenCheckpoint with { EntriesChecked = entries, ChainsChecked = chains.ChainsChecked };
        }

        // 5. Every head a checkpoint recorded must still be an entry (the chains above are intact, so it is a prefix of
        //    its chain now): a chain deleted with its head, or a tail cut back below a checkpoint, is caught here.
        var lost = await db.AccessLogCheckpointHeads.AsNoTracking()
            .Where(c => c.CitizenId != AccessLogCheckpoint.LegacyChain
                && !db.AccessLog.Any(e => e.CitizenId == c.CitizenId && e.ChainPosition == c.Position && e.Hash == c.Hash))
            .OrderBy(c => c.CheckpointNumber)
            .FirstOrDefaultAsync(cancellationToken);
        lost ??= await db.AccessLogCheckpointHeads.AsNoTracking()
            .Where(c => c.CitizenId == AccessLogCheckpoint.LegacyChain
                && !db.AccessLog.Any(e => e.ChainPosition == 0 && e.Sequence == c.Position && e.Hash == c.Hash))
            .OrderBy(c => c.CheckpointNumber)
            .FirstOrDefaultAsync(cancellationToken);
        if (lost is not null)
        {
            var legacyChain = lost.CitizenId == AccessLogCheckpoint.LegacyChain;
            return summary with
            {
                BrokenAtSequence = legacyChain ? lost.Position : null,
                Problem = "an entry recorded by a checkpoint is gone",
                BrokenChain = lost.CitizenId,
                BrokenAtPosition = legacyChain ? null : lost.Position,
                BrokenCheckpoint = lost.CheckpointNumber,
            };
        }

        return summary;
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
