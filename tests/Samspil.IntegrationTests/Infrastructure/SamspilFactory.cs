using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Samspil.Infrastructure.Persistence;

namespace Samspil.IntegrationTests.Infrastructure;

/// <summary>
/// Starts the real application (real migrations, real demo data, real sign-in) on its own fresh
/// database. One subclass per provider; every integration test runs once on each.
/// </summary>
public abstract class SamspilFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string DemoPassword = "Samspil-demo-2026";

    /// <summary>The tests' "now": a Sunday morning in Denmark.</summary>
    public static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero).AddTicks(1_234_567); // sub-microsecond on purpose: databases store less

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);

    public FakeTimeProvider Time { get; } = new(Now);

    public LogCapture Logs { get; } = new();

    /// <summary>Where this test server's outgoing mail lands (.eml files), one folder per factory.</summary>
    public string MailDirectory { get; } = Path.Combine(Path.GetTempPath(), "samspil-test-mail", Guid.NewGuid().ToString("N"));

    public abstract string ProviderName { get; }

    protected abstract string ConnectionString { get; }

    public virtual Task InitializeAsync()
    {
        // Starting the server runs migrations and seeds the demo data.
        _ = Server;
        return Task.CompletedTask;
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeDatabaseAsync();

    protected abstract Task DisposeDatabaseAsync();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", ProviderName);
        builder.UseSetting("Database:ConnectionString", ConnectionString);
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("Demo:Password", DemoPassword);
        builder.UseSetting("Mail:Mode", "Pickup");
        builder.UseSetting("Mail:PickupDirectory", MailDirectory);

        // Background delivery and reminders stay off: tests drive OutboxProcessor and the jobs directly
        // (a test that wants the worker starts a second host with it on).
        builder.UseSetting("Notifications:Outbox:Enabled", "false");
        builder.UseSetting("Notifications:Reminders:Enabled", "false");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);

            // Fewer PBKDF2 rounds keep sign-in fast in tests; hashes still verify the same way.
            services.Configure<Microsoft.AspNetCore.Identity.PasswordHasherOptions>(o => o.IterationCount = 1_000);
        });
    }

    /// <summary>Moves the fake clock. Bearer tokens cached for an earlier "now" are dropped, since they may have expired.</summary>
    public void Advance(TimeSpan by)
    {
        Time.Advance(by);
        _tokens.Clear();
    }

    /// <summary>An API client signed in with a bearer token for a demo login.</summary>
    public async Task<HttpClient> ClientForAsync(string userName)
    {
        if (!_tokens.TryGetValue(userName, out var token))
        {
            using var anonymous = CreateClient();
            var response = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { username = userName, password = DemoPassword });
            response.EnsureSuccessStatusCode();
            token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
            _tokens[userName] = token;
        }

        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A client signed in through the login page with a cookie, as a browser is: for posting the Razor pages' forms.</summary>
    public async Task<HttpClient> CookieClientAsync(string userName)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var page = await client.GetStringAsync("/Account/Login");
        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Username"] = userName,
            ["Password"] = DemoPassword,
            ["__RequestVerificationToken"] = AntiforgeryToken(page),
        }));
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in {userName} with a cookie answered {(int)response.StatusCode}.");
        }

        return client;
    }

    /// <summary>The antiforgery token in a rendered form.</summary>
    public static string AntiforgeryToken(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

    /// <summary>Runs a query directly against this factory's database (for oracles and "nothing was written" checks).</summary>
    public async Task<T> WithDbAsync<T>(Func<SamspilDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<SamspilDbContext>());
    }
}

public sealed class SqliteFactory : SamspilFactory
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"samspil-test-{Guid.NewGuid():N}.db");

    public override string ProviderName => "Sqlite";

    protected override string ConnectionString => $"Data Source={_path}";

    protected override Task DisposeDatabaseAsync()
    {
        Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// Needs SAMSPIL_TEST_POSTGRES: a connection string to a server where the tests may create and drop
/// databases. ./test.sh starts a throwaway cluster and sets it.
/// </summary>
public sealed class PostgresFactory : SamspilFactory
{
    private readonly string _database = $"samspil_test_{Guid.NewGuid():N}";

    public override string ProviderName => "Postgres";

    protected override string ConnectionString => new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = _database }.ConnectionString;

    private static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("SAMSPIL_TEST_POSTGRES")
        ?? throw new InvalidOperationException("SAMSPIL_TEST_POSTGRES is not set. Run the suite with ./test.sh, which starts a throwaway PostgreSQL.");

    public override async Task InitializeAsync()
    {
        await using (var connection = new NpgsqlConnection(ServerConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        await base.InitializeAsync();
    }

    protected override async Task DisposeDatabaseAsync()
    {
        Dispose();
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqliteFactory>
{
    public const string Name = "SQLite";
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFactory>
{
    public const string Name = "PostgreSQL";
}
