using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Samspil.Infrastructure.Persistence;

namespace Samspil.IntegrationTests.Infrastructure;

/// <summary>
/// Starts the real application (real migrations, real demo data, real sign-in) on its own database.
/// One subclass per provider; every integration test runs once on each. Each test class gets its own
/// factory (<c>IClassFixture&lt;SqliteFactory&gt;</c> / <c>IClassFixture&lt;PostgresFactory&gt;</c>), so classes
/// run in parallel and share no state. The database is cheap: the first factory of a test run
/// migrates and seeds a template once (a file on SQLite, a database on PostgreSQL); every factory then
/// starts from a copy of it, and the application's start-up finds the work done (migrations applied,
/// demo data present) and only checks.
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

    /// <summary>This factory's database: a file path on SQLite, a database name on PostgreSQL.</summary>
    public abstract string DatabaseName { get; }

    /// <summary>Whether a database of this factory's provider exists (for clean-up checks).</summary>
    public abstract Task<bool> DatabaseExistsAsync(string name);

    protected abstract string ConnectionString { get; }

    public virtual async Task InitializeAsync()
    {
        await CreateDatabaseAsync();

        // Starting the server runs migrations and seeds the demo data (on a copy of the template: only checks).
        _ = Server;
    }

    /// <summary>Creates this factory's database, normally as a copy of the run's migrated and seeded template.</summary>
    protected abstract Task CreateDatabaseAsync();

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

        // The demo logins sign in with a password alone; TwoFactorTests turn two-factor sign-in on.
        builder.UseSetting("Authentication:RequireTwoFactorForStaff", "false");

        // Background delivery and reminders stay off: tests drive OutboxProcessor and the jobs directly
        // (a test that wants the worker starts a second host with it on).
        builder.UseSetting("Notifications:Outbox:Enabled", "false");
        builder.UseSetting("Notifications:Reminders:Enabled", "false");
        builder.UseSetting("Authentication:Cleanup:Enabled", "false");
        builder.UseSetting("AccessLog:Checkpoints:Enabled", "false"); // tests write checkpoints when they mean to
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);

            // Fewer PBKDF2 rounds keep sign-in fast in tests; hashes still verify the same way.
            services.Configure<Microsoft.AspNetCore.Identity.PasswordHasherOptions>(o => o.IterationCount = 1_000);

            // No fsync on SQLite (PostgreSQL runs with fsync off in ./test.sh); see SqliteWithoutSync.
            services.ConfigureDbContext<SqliteSamspilDbContext>(o => o.AddInterceptors(SqliteWithoutSync.Instance));
        });
    }

    /// <summary>Moves the fake clock. Bearer tokens cached for an earlier "now" are dropped, since they may have expired.</summary>
    public void Advance(TimeSpan by)
    {
        Time.Advance(by);
        _tokens.Clear();
    }

    /// <summary>
    /// Drops the cached bearer tokens. A test that ends a demo login's sessions (logout, lockout, a role change)
    /// calls it, so that the next <see cref="ClientForAsync"/> signs in again instead of handing out a dead token.
    /// </summary>
    public void ForgetSignIns() => _tokens.Clear();

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

public class SqliteFactory : SamspilFactory
{
    /// <summary>The run's migrated and seeded template file, built by the first factory that needs it.</summary>
    private static readonly Lazy<Task<string>> Template = new(BuildTemplateAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string _path;
    private readonly bool _isTemplate;

    public SqliteFactory()
        : this(Path.Combine(Path.GetTempPath(), $"samspil-test-{Guid.NewGuid():N}.db"), isTemplate: false)
    {
    }

    private SqliteFactory(string path, bool isTemplate)
    {
        _path = path;
        _isTemplate = isTemplate;
    }

    public override string ProviderName => "Sqlite";

    public override string DatabaseName => _path;

    public override Task<bool> DatabaseExistsAsync(string name) => Task.FromResult(File.Exists(name));

    protected override string ConnectionString => $"Data Source={_path}";

    protected override async Task CreateDatabaseAsync()
    {
        if (!_isTemplate)
        {
            File.Copy(await Template.Value, _path);
        }
    }

    protected override Task DisposeDatabaseAsync()
    {
        Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        DeleteFiles(_path);
        return Task.CompletedTask;
    }

    private static void DeleteFiles(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }

    private static async Task<string> BuildTemplateAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"samspil-test-template-{Guid.NewGuid():N}.db");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteFiles(path);
        var builder = new SqliteFactory(path, isTemplate: true);
        try
        {
            await builder.InitializeAsync();
        }
        finally
        {
            builder.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }

        // One self-contained file: whatever is still in the write-ahead log goes into the database first.
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await checkpoint.ExecuteNonQueryAsync();
        }

        return path;
    }
}

/// <summary>
/// Needs SAMSPIL_TEST_POSTGRES: a connection string to a server where the tests may create and drop
/// databases. ./test.sh starts a throwaway cluster and sets it. Each factory's database is created
/// with <c>CREATE DATABASE … TEMPLATE</c> from the run's migrated and seeded template database.
/// </summary>
public class PostgresFactory : SamspilFactory
{
    private static readonly Lazy<Task<string>> Template = new(BuildTemplateAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>One copy at a time: PostgreSQL refuses to copy a template while another session uses it.</summary>
    private static readonly SemaphoreSlim Copying = new(1, 1);

    private readonly string _database;
    private readonly bool _isTemplate;

    public PostgresFactory()
        : this($"samspil_test_{Guid.NewGuid():N}", isTemplate: false)
    {
    }

    private PostgresFactory(string database, bool isTemplate)
    {
        _database = database;
        _isTemplate = isTemplate;
    }

    public override string ProviderName => "Postgres";

    public override string DatabaseName => _database;

    public override async Task<bool> DatabaseExistsAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = @name)", connection);
        query.Parameters.AddWithValue("name", name);
        return (bool)(await query.ExecuteScalarAsync())!;
    }

    protected override string ConnectionString => new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = _database }.ConnectionString;

    private static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("SAMSPIL_TEST_POSTGRES")
        ?? throw new InvalidOperationException("SAMSPIL_TEST_POSTGRES is not set. Run the suite with ./test.sh, which starts a throwaway PostgreSQL.");

    protected override async Task CreateDatabaseAsync()
    {
        if (_isTemplate)
        {
            await ExecuteAsync($"CREATE DATABASE \"{_database}\"");
            return;
        }

        var template = await Template.Value;
        await Copying.WaitAsync();
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await ExecuteAsync($"CREATE DATABASE \"{_database}\" TEMPLATE \"{template}\"");
                    return;
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 20)
                {
                    // Another session (autovacuum) is in the template for a moment.
                    await Task.Delay(250);
                }
            }
        }
        finally
        {
            Copying.Release();
        }
    }

    protected override async Task DisposeDatabaseAsync()
    {
        Dispose();
        ClearPools(ConnectionString);
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)");
    }

    /// <summary>
    /// Closes the idle pooled connections to a database: the application's pool is keyed by the connection string
    /// with its pool settings added (PersistenceServiceCollectionExtensions.TunePostgresConnectionString).
    /// </summary>
    public static void ClearPools(string connectionString)
    {
        NpgsqlConnection.ClearPool(new NpgsqlConnection(connectionString));
        NpgsqlConnection.ClearPool(new NpgsqlConnection(Samspil.Infrastructure.Persistence.PersistenceServiceCollectionExtensions.TunePostgresConnectionString(connectionString)));
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> BuildTemplateAsync()
    {
        var name = $"samspil_template_{Guid.NewGuid():N}";
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").Wait(TimeSpan.FromSeconds(10));
            }
            catch (AggregateException)
            {
                // The server may already be gone (./test.sh stops its throwaway cluster); nothing to tidy then.
            }
        };

        var builder = new PostgresFactory(name, isTemplate: true);
        try
        {
            await builder.InitializeAsync();
        }
        finally
        {
            builder.Dispose();
            ClearPools(builder.ConnectionString);
        }

        // Fresh statistics now, so autovacuum has no reason to visit the template while it is copied.
        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(builder.ConnectionString) { Pooling = false }.ConnectionString))
        {
            await connection.OpenAsync();
            await using var analyze = new NpgsqlCommand("VACUUM ANALYZE", connection);
            await analyze.ExecuteNonQueryAsync();
        }

        return name;
    }
}

/// <summary>
/// One factory shared by every class in the collection. Kept so that tests written against it still
/// build and run; new test classes take <c>IClassFixture&lt;SqliteFactory&gt;</c> instead (a database of
/// their own, run in parallel).
/// </summary>
[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqliteFactory>
{
    public const string Name = "SQLite";
}

/// <summary>See <see cref="SqliteCollection"/>: kept for compatibility; new classes take <c>IClassFixture&lt;PostgresFactory&gt;</c>.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFactory>
{
    public const string Name = "PostgreSQL";
}
