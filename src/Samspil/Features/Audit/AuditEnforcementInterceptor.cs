using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Samspil.Domain.Audit;
using Samspil.Domain.Common;
using Samspil.Infrastructure.Persistence;

namespace Samspil.Features.Audit;

/// <summary>
/// Refuses to save a change to citizen data (any <see cref="ICitizenRecord"/>) unless the same save
/// appends to the access log. This is what makes "every write is logged" impossible to forget.
/// </summary>
internal sealed class AuditEnforcementInterceptor : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    private static void Check(DbContext? context)
    {
        if (context is not SamspilDbContext db || db.SystemSeeding)
        {
            return;
        }

        var entries = db.ChangeTracker.Entries().ToList();
        // A notice about no citizen (e.g. an agreement's review) is no citizen data.
        var citizenDataChanged = entries.Any(e => e.Entity is ICitizenRecord && e.Entity is not Domain.Notifications.Notification { CitizenId: null } && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted);
        if (citizenDataChanged && !db.AccessLogAppendFollows && !entries.Any(e => e.Entity is AccessLogEntry && e.State == EntityState.Added))
        {
            throw new InvalidOperationException("Citizen data was changed without an access-log entry. Record it with AccessLog.Record and save with AccessLog.CommitAsync.");
        }

        if (entries.Any(e => e.Entity is AccessLogEntry or AccessLogCheckpoint or AccessLogCheckpointHeadRow && e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("The access log is append-only.");
        }
    }
}
