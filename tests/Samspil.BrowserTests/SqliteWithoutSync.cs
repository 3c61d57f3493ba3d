using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Samspil.BrowserTests;

/// <summary>
/// Test databases need no durability, as the PostgreSQL cluster of ./test.sh runs with fsync off: every
/// connection the application opens to a test's SQLite file skips fsync (<c>synchronous=OFF</c>) and keeps the
/// rollback journal in memory instead of creating and deleting a file per transaction. Locking is unchanged
/// (still a rollback journal, not WAL), so concurrency tests see what production sees. Every read of citizen
/// data commits an access-log entry, and each commit cost about three fsyncs (4 ms each on the shared build
/// machine under load): see docs/benchmarks.md, issue 21. The integration tests have the same class.
/// </summary>
public sealed class SqliteWithoutSync : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous = OFF; PRAGMA journal_mode = MEMORY;";

    public static SqliteWithoutSync Instance { get; } = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
