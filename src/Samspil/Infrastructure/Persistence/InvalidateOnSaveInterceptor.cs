using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Samspil.Infrastructure.Persistence;

/// <summary>
/// Drops an in-memory snapshot (the offerings search index, the organisation directory) when a save touches what it
/// was built from: before the save, after it, and — when the save was part of a transaction — after that transaction's
/// commit or rollback, so a reader that rebuilt the snapshot in between does not keep the old one.
/// </summary>
public abstract class InvalidateOnSaveInterceptor : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly object Marker = new();
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, object> touched = [];

    /// <summary>Whether the pending changes touch what the snapshot was built from.</summary>
    protected abstract bool Touches(DbContext context);

    /// <summary>Drops the snapshot.</summary>
    protected abstract void Invalidate();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        InvalidateIfTouched(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        InvalidateIfTouched(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        InvalidateIfMarked(eventData.Context, keep: true);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        InvalidateIfMarked(eventData.Context, keep: true);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => InvalidateIfMarked(eventData.Context, keep: false);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        InvalidateIfMarked(eventData.Context, keep: false);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) =>
        InvalidateIfMarked(eventData.Context, keep: false);

    public Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        InvalidateIfMarked(eventData.Context, keep: false);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) =>
        InvalidateIfMarked(eventData.Context, keep: false);

    public Task TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        InvalidateIfMarked(eventData.Context, keep: false);
        return Task.CompletedTask;
    }

    /// <summary>Changes that add, modify or delete an entity of one of <paramref name="types"/>.</summary>
    protected static bool HasChangesTo(DbContext context, params Type[] types) =>
        context.ChangeTracker.Entries().Any(e =>
            e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
            && types.Any(t => t.IsInstanceOfType(e.Entity)));

    private void InvalidateIfTouched(DbContext? context)
    {
        if (context is not null && Touches(context))
        {
            Invalidate();
            touched.AddOrUpdate(context, Marker);
        }
    }

    /// <summary>Once more after the save; and, when the save was inside a transaction, once more after its commit or rollback.</summary>
    private void InvalidateIfMarked(DbContext? context, bool keep)
    {
        if (context is null || !touched.TryGetValue(context, out _))
        {
            return;
        }

        Invalidate();
        if (!keep || context.Database.CurrentTransaction is null)
        {
            touched.Remove(context);
        }
    }
}
