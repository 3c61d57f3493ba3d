using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Samspil.Infrastructure.Persistence;

namespace Samspil.Features.Conversations;

/// <summary>
/// One writer at a time per thread while a message is numbered and saved. On PostgreSQL a transaction
/// holds the thread's row lock (SELECT … FOR UPDATE) until the commit, across every instance; on SQLite,
/// which has one writer anyway, the post holds the writer's turn from reading the counter to the commit. A post that waits
/// for its turn then reads the counter the previous post left, so ordinary concurrency never conflicts.
/// </summary>
internal sealed class ThreadTurn : IAsyncDisposable
{
    private readonly SamspilDbContext _db;
    private IDbContextTransaction? _transaction;
    private bool _holdsSqliteWriter;

    private ThreadTurn(SamspilDbContext db, IDbContextTransaction? transaction, bool holdsSqliteWriter)
    {
        _db = db;
        _transaction = transaction;
        _holdsSqliteWriter = holdsSqliteWriter;
    }

    public static async Task<ThreadTurn> TakeAsync(SamspilDbContext db, Guid conversationId, CancellationToken cancellationToken)
    {
        if (db is PostgresSamspilDbContext)
        {
            // Inside a transaction someone else owns (an idempotent request), the lock lasts until that one commits.
            var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
            try
            {
                await db.Database.ExecuteSqlAsync($"SELECT 1 FROM \"Conversations\" WHERE \"Id\" = {conversationId} FOR UPDATE", cancellationToken);
            }
            catch
            {
                if (transaction is not null)
                {
                    await transaction.DisposeAsync();
                }

                throw;
            }

            return new ThreadTurn(db, transaction, holdsSqliteWriter: false);
        }

        await db.EnterSqliteWriterAsync(cancellationToken);
        return new ThreadTurn(db, null, holdsSqliteWriter: true);
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

        if (_holdsSqliteWriter)
        {
            _holdsSqliteWriter = false;
            _db.ExitSqliteWriter();
        }
    }
}
