using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Samspil.Features.Demo;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests;

/// <summary>What a newcomer sees when Samspil starts on an empty database, the first time and after (issue 13, part 5).</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task The_demo_login_list_is_the_same_on_the_first_start_that_seeds_and_on_a_later_start()
    {
        var path = Path.Combine(Path.GetTempPath(), $"samspil-startup-{Guid.NewGuid():N}.db");
        try
        {
            await using (var host = Host($"Data Source={path}", seed: false, new LogCapture()))
            {
                _ = host.Server; // migrates the empty database; no demo data yet
                var first = await SeedAsync(host);
                var later = await SeedAsync(host);

                Assert.Equal(first, later);
                Assert.True(first.Count > 20, $"only {first.Count} logins listed");
                Assert.Contains(first, l => l.Contains("behandler.odense", StringComparison.Ordinal) && l.EndsWith("Traumeklinikken Odense", StringComparison.Ordinal));
                Assert.Contains(first, l => l.Contains("borger.preben", StringComparison.Ordinal) && l.EndsWith("Preben Demo-Nielsen", StringComparison.Ordinal));
                Assert.Equal(first.OrderBy(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], StringComparer.Ordinal).ThenBy(l => l.Trim(), StringComparer.Ordinal), first);
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    [Fact]
    [Trait("Database", "PostgreSQL")]
    public async Task The_first_start_on_PostgreSQL_creates_the_database_without_logging_an_error()
    {
        var server = Environment.GetEnvironmentVariable("SAMSPIL_TEST_POSTGRES")
            ?? throw new InvalidOperationException("SAMSPIL_TEST_POSTGRES is not set. Run the suite with ./test.sh, which starts a throwaway PostgreSQL.");
        var name = $"samspil_first_{Guid.NewGuid():N}";
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        var logs = new LogCapture();
        try
        {
            Assert.False(await ExistsAsync(server, name));
            await using (var host = Host(connectionString, seed: false, logs, "Postgres"))
            {
                _ = host.Server;
            }

            Assert.True(await ExistsAsync(server, name));
            Assert.DoesNotContain(logs.Entries, e => e.StartsWith("Error ", StringComparison.Ordinal) || e.StartsWith("Critical ", StringComparison.Ordinal));
            Assert.Contains(logs.Entries, e => e.Contains("Created PostgreSQL database", StringComparison.Ordinal) && e.Contains(name, StringComparison.Ordinal));
        }
        finally
        {
            PostgresFactory.ClearPools(connectionString);
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static async Task<List<string>> SeedAsync(WebApplicationFactory<Program> host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return [.. await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(CancellationToken.None)];
    }

    private static async Task<bool> ExistsAsync(string server, string name)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = @name)", connection);
        query.Parameters.AddWithValue("name", name);
        return (bool)(await query.ExecuteScalarAsync())!;
    }

    private static WebApplicationFactory<Program> Host(string connectionString, bool seed, LogCapture logs, string provider = "Sqlite") =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", provider);
            builder.UseSetting("Database:ConnectionString", connectionString);
            builder.UseSetting("Demo:Seed", seed ? "true" : "false");
            builder.UseSetting("Demo:Password", SamspilFactory.DemoPassword);
            builder.UseSetting("Mail:Mode", "Pickup");
            builder.UseSetting("Mail:PickupDirectory", Path.Combine(Path.GetTempPath(), "samspil-test-mail", Guid.NewGuid().ToString("N")));
            builder.UseSetting("Notifications:Outbox:Enabled", "false");
            builder.UseSetting("Notifications:Reminders:Enabled", "false");
            builder.ConfigureLogging(logging => logging.AddProvider(logs));
            builder.ConfigureTestServices(services =>
                services.Configure<Microsoft.AspNetCore.Identity.PasswordHasherOptions>(o => o.IterationCount = 1_000));
        });
}
