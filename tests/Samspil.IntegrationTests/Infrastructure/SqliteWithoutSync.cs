using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Samspil.IntegrationTests.Infrastructure;

/// <summary>
/// Test databases need no durability, as the PostgreSQL cluster of ./test.sh runs with fsync off: every
/// connection the application opens to a test's SQLite file skips fsync (<c>synchronous=OFF</c>). The journal
/// mode is left alone (EF Core creates the file in WAL mode, as in production), so locking and concurrency are
/// what production has. Every read of citizen data commits an access-log entry, and each commit fsynced the
/// write-ahead log (4 ms per fsync on the shared build machine under load): see docs/benchmarks.md, issue 21. The browser tests compile this same file (a linked item).
/// </summary>
public sealed class SqliteWithoutSync : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous = OFF;";

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
