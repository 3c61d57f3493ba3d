using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Audit;
using Samspil.Domain.Consents;
using Samspil.Features.Fhir;
using Samspil.Domain.Common;

namespace Samspil.Features.Audit;

/// <summary>An access-log entry with the name of the organisation the reader worked for, for the FHIR AuditEvent.</summary>
public sealed record AccessLogEntryView(AccessLogEntry Entry, string? OrganizationName);

/// <summary>
/// Issue 20: the access log as FHIR AuditEvents, under the same rules as the rest of the audit feature: a citizen (or a
/// proxy whose power of attorney is valid) reads their own entries, exactly as "Hvem har set mine oplysninger"; an
/// administrator (the role that may check the log's chain) reads every entry; anyone else reads none. A citizen's or
/// proxy's read is logged as a read of their log (as <see cref="MineAsync"/> does); an administrator's read is logged
/// once per citizen whose entries were returned.
/// </summary>
public sealed partial class AccessLogQueries
{
    /// <summary>One page of the entries the reader may see, newest first, with how many match in all.</summary>
    public async Task<(IReadOnlyList<AccessLogEntryView> Entries, int Total)> ForFhirAsync(
        Guid? citizenId, long? sequence, IReadOnlyList<FhirDateBound> dates, IReadOnlyList<AccessAction> actions, int skip, int take, CancellationToken cancellationToken)
    {
        var query = db.AccessLog.AsNoTracking();
        AccessDecision? selfDecision = null;
        Guid? self = null;
        if (user.ActsForCitizen)
        {
            try
            {
                (var own, selfDecision) = await consents.SelfAsync(cancellationToken);
                self = own;
            }
            catch (DomainException)
            {
                return ([], 0);
            }

            if (citizenId is { } asked && asked != self)
            {
                return ([], 0);
            }

            query = query.Where(e => e.CitizenId == self);
        }
        else if (!user.IsAdministrator)
        {
            return ([], 0);
        }
        else if (citizenId is { } asked)
        {
            query = query.Where(e => e.CitizenId == asked);
        }

        if (sequence is { } s)
        {
            query = query.Where(e => e.Sequence == s);
        }

        if (actions.Count > 0)
        {
            query = query.Where(e => actions.Contains(e.Action));
        }

        foreach (var bound in dates)
        {
            var (start, end) = (bound.Start, bound.End);
            query = bound.Prefix switch
            {
                "eq" => query.Where(e => e.At >= start && e.At < end),
                "ge" => query.Where(e => e.At >= start),
                "gt" or "sa" => query.Where(e => e.At >= end),
                "le" => query.Where(e => e.At < end),
                "lt" or "eb" => query.Where(e => e.At < start),
                "ne" => query.Where(e => e.At < start || e.At >= end),
                _ => query.Where(e => false),
            };
        }

        var total = await query.CountAsync(cancellationToken);
        var entries = await query.OrderByDescending(e => e.Sequence).Skip(skip).Take(take).ToListAsync(cancellationToken);
        var organizationIds = entries.Select(e => e.OrganizationId).OfType<Guid>().Distinct().ToList();
        var organizations = await db.Organizations.AsNoTracking().Where(o => organizationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);

        // Reading the log is itself a read of the citizen's data.
        if (self is { } me && selfDecision is not null)
        {
            log.Record(me, InformationCategory.StatusAndAppointments, AccessAction.Read, "AccessLog", null, selfDecision);
        }
        else
        {
            foreach (var citizen in entries.Select(e => e.CitizenId).Distinct())
            {
                log.Record(citizen, InformationCategory.StatusAndAppointments, AccessAction.Read, "AccessLog", null, AccessDecision.By(AccessBasisKind.LegalBasis));
            }
        }

        await log.CommitAsync(cancellationToken);
        return (entries.Select(e => new AccessLogEntryView(e, e.OrganizationId is { } o ? organizations.GetValueOrDefault(o) : null)).ToList(), total);
    }
}
