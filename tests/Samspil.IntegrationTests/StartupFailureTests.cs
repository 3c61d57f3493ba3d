using Samspil.Infrastructure.CommandLine;
using Samspil.Infrastructure.Persistence;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests;

/// <summary>
/// A wrong database setting, as an operator makes it (a misspelt key, a port that is not a number, an unknown provider):
/// Samspil names the setting and stops with exit code 2, without a stack trace and without repeating the password.
/// </summary>
public sealed class StartupFailureTests
{
    private const string Password = "hemmelig-Kode-42";

    [Theory]
    [InlineData("Postgres", "Host=localhost;Database=samspil;Username=samspil;Password=" + Password)]
    [InlineData("PostgreSQL", "Host=db.region.example;Port=5433;Database=samspil;Maximum Pool Size=20")]
    [InlineData("Sqlite", "Data Source=data/samspil.db")]
    [InlineData("sqlite", "Data Source=:memory:")]
    public void A_valid_provider_and_connection_string_pass(string provider, string connectionString) =>
        Assert.True(new DatabaseOptionsValidator().Validate(null, new DatabaseOptions { Provider = provider, ConnectionString = connectionString }).Succeeded);

    [Theory]
    [InlineData("Postgres", "Host=localhost;Max Pol Size=5;Password=" + Password, "not a valid PostgreSQL connection string")]
    [InlineData("Postgres", "Host=localhost;Port=abc;Password=" + Password, "not a valid PostgreSQL connection string")]
    [InlineData("Postgres", "Host=localhost;Password=" + Password + ";Timeout", "not a valid PostgreSQL connection string")]
    [InlineData("Sqlite", "Data Source=data/samspil.db;Colour=blue", "not a valid SQLite connection string")]
    [InlineData("Sqlite", "   ", "Database:ConnectionString is empty")]
    [InlineData("Oracle", "Data Source=x", "Database:Provider must be 'Sqlite' or 'Postgres'")]
    public void A_wrong_setting_is_named_without_the_password(string provider, string connectionString, string expected)
    {
        var result = new DatabaseOptionsValidator().Validate(null, new DatabaseOptions { Provider = provider, ConnectionString = connectionString });

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_built_app_with_a_misspelt_connection_string_key_stops_with_exit_code_2_and_one_readable_message()
    {
        var (exit, stdout, stderr) = await AppProcess.RunAsync(new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres",
            ["Database__ConnectionString"] = $"Host=127.0.0.1;Database=samspil;Max Pol Size=5;Password={Password}",
            ["Samspil__PublicBaseUrl"] = "https://samspil.rsyd.example",
        });

        Assert.True(exit == StartupFailure.ConfigurationExitCode, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.StartsWith("Samspil cannot start: a setting is missing or wrong.", stderr, StringComparison.Ordinal);
        Assert.Contains("Database:ConnectionString is not a valid PostgreSQL connection string", stderr, StringComparison.Ordinal);
        Assert.Contains("docs/configuration.md", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, stdout + stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal); // no stack trace
        Assert.DoesNotContain("Now listening", stdout, StringComparison.Ordinal);
    }
}
