using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Samspil.Infrastructure.Persistence;

namespace Samspil.Features.Conversations;

/// <summary>
/// One writer at a time per thread while a message is numbered and saved. On PostgreSQL a transaction
/// holds the thread's row lock (SELECT … FOR UPDATE) until the commit, across every instance (posts within one
/// instance first queue in memory, holding no connection); on SQLite,
/// which has one writer anyway, the post holds the writer's turn from reading the counter to the commit. A post that waits
/// for its turn then reads the counter the previous post left, so ordinary concurrency never conflicts.
/// </summary>
internal sealed class ThreadTurn : IAsyncDisposable
{
    /// <summary>
    /// Posts to one thread in this instance queue here first, without a database connection, so that a burst
    /// (120 at once) does not hold 120 connections waiting on the row lock and exhaust the pool.
    /// </summary>
    private static readonly ConcurrentDictionary<Guid, SemaphoreSlim> LocalTurns = new();

    private readonly SamspilDbContext _db;
    private IDbContextTransaction? _transaction;
    private SemaphoreSlim? _localTurn;
    private bool _holdsSqliteWriter;

    private ThreadTurn(SamspilDbContext db, IDbContextTransaction? transaction, SemaphoreSlim? localTurn, bool holdsSqliteWriter)
    {
        _db = db;
        _transaction = transaction;
        _localTurn = localTurn;
        _holdsSqliteWriter = holdsSqliteWriter;
    }

    public static async Task<ThreadTurn> TakeAsync(SamspilDbContext db, Guid conversationId, CancellationToken cancellationToken)
    {
        if (db is PostgresSamspilDbContext)
        {
            var localTurn = LocalTurns.GetOrAdd(conversationId, _ => new SemaphoreSlim(1, 1));
            await localTurn.WaitAsync(cancellationToken);
            IDbContextTransaction? transaction = null;
            try
            {
                // Inside a transaction someone else owns (an idempotent request), the lock lasts until that one commits.
                transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
                await db.Database.ExecuteSqlAsync($"SELECT 1 FROM \"Conversations\" WHERE \"Id\" = {conversationId} FOR UPDATE", cancellationToken);
            }
            catch
            {
                if (transaction is not null)
                {
                    await transaction.DisposeAsync();
                }

                localTurn.Release();
                throw;
            }

            return new ThreadTurn(db, transaction, localTurn, holdsSqliteWriter: false);
        }

        await db.EnterSqliteWriterAsync(cancellationToken);
        return new ThreadTurn(db, null, null, holdsSqliteWriter: true);
    }

    /// <summary>Commits the transaction holding the row lock (PostgreSQL); the caller has saved its changes in it.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (_transaction is not null)
        {
            await _transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>Ends the turn: rolls back what was not committed and lets the next writer in. Safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _transaction, null) is { } transaction)
        {
            await transaction.DisposeAsync();
        }

        Interlocked.Exchange(ref _localTurn, null)?.Release();
        if (_holdsSqliteWriter)
        {
            _holdsSqliteWriter = false;
            _db.ExitSqliteWriter();
        }
    }
}
