using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Samspil.Infrastructure.Persistence;

// Used only by `dotnet ef` (scripts/add-migration.sh, scripts/check-migrations.sh): each provider's
// context is built without starting the app or touching a database, so migrations are scaffolded
// for both providers from the same model (ADR 0002, ADR 0012).

/// <summary>Builds the SQLite context for <c>dotnet ef</c>; no database is opened.</summary>
public sealed class SqliteDesignTimeContextFactory : IDesignTimeDbContextFactory<SqliteSamspilDbContext>
{
    public SqliteSamspilDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteSamspilDbContext>().UseSqlite("Data Source=:memory:").Options);
}

/// <summary>Builds the PostgreSQL context for <c>dotnet ef</c>; the connection string is never used to connect.</summary>
public sealed class PostgresDesignTimeContextFactory : IDesignTimeDbContextFactory<PostgresSamspilDbContext>
{
    public PostgresSamspilDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresSamspilDbContext>().UseNpgsql("Host=localhost").Options);
}
