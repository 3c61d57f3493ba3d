using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Samspil.Infrastructure.Persistence;

namespace Samspil.Features.Notifications;

/// <summary>
/// The in-process wake-up for the outbox worker: a commit that adds outbox messages sets it, so a
/// notice mail leaves within moments instead of at the next poll. Other instances find the message at
/// their next poll; losing a signal only delays a delivery until then.
/// </summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>Wakes the worker (again, if it was already woken and has not looked yet, this is a no-op).</summary>
    public void Notify()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: the worker will look once, which covers both commits.
        }
    }

    /// <summary>Waits for a signal or until <paramref name="timeout"/> has passed on <paramref name="time"/>.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var loser = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var woken = _wake.WaitAsync(loser.Token);
        var delay = Task.Delay(timeout, time, loser.Token);
        await Task.WhenAny(woken, delay);
        await loser.CancelAsync();
        try
        {
            await Task.WhenAll(woken, delay);
        }
        catch (OperationCanceledException)
        {
            // The loser was cancelled (or the worker is stopping, thrown below).
        }

        cancellationToken.ThrowIfCancellationRequested();
    }
}

/// <summary>
/// Sets <see cref="OutboxSignal"/> after a save that added outbox messages has been committed: at once
/// when the save had no explicit transaction, otherwise when that transaction commits (a worker woken
/// earlier would not yet see the rows).
/// </summary>
public sealed class OutboxWakeUpInterceptor(OutboxSignal signal) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly object Adding = new();
    private static readonly object AwaitingCommit = new();

    private readonly ConditionalWeakTable<DbContext, object> _pending = [];

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Note(DbContext? context)
    {
        if (context is SamspilDbContext db && db.ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added))
        {
            _pending.AddOrUpdate(db, Adding);
        }
    }

    private void Saved(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out _))
        {
            return;
        }

        if (context.Database.CurrentTransaction is null)
        {
            _pending.Remove(context);
            signal.Notify();
        }
        else
        {
            _pending.AddOrUpdate(context, AwaitingCommit);
        }
    }

    private void Committed(DbContext? context)
    {
        if (context is not null && _pending.TryGetValue(context, out var state) && ReferenceEquals(state, AwaitingCommit))
        {
            _pending.Remove(context);
            signal.Notify();
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _pending.Remove(context);
        }
    }
}
