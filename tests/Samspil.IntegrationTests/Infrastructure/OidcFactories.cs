using Microsoft.AspNetCore.Hosting;

namespace Samspil.IntegrationTests.Infrastructure;

/// <summary>A Samspil test server (SQLite) whose login page offers the providers of a <see cref="TestIdentityProvider"/>.</summary>
public sealed class OidcSqliteFactory : SqliteFactory
{
    public TestIdentityProvider IdentityProvider { get; } = new();

    public override async Task InitializeAsync()
    {
        await IdentityProvider.StartAsync();
        await base.InitializeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        IdentityProvider.ConfigureSamspil(builder);
    }

    protected override async Task DisposeDatabaseAsync()
    {
        await base.DisposeDatabaseAsync();
        await IdentityProvider.DisposeAsync();
    }
}

/// <summary>The same on PostgreSQL.</summary>
public sealed class OidcPostgresFactory : PostgresFactory
{
    public TestIdentityProvider IdentityProvider { get; } = new();

    public override async Task InitializeAsync()
    {
        await IdentityProvider.StartAsync();
        await base.InitializeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        IdentityProvider.ConfigureSamspil(builder);
    }

    protected override async Task DisposeDatabaseAsync()
    {
        await base.DisposeDatabaseAsync();
        await IdentityProvider.DisposeAsync();
    }
}
