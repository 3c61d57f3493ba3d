using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Samspil.Infrastructure.Persistence;

/// <summary>
/// Checks the Database section before anything opens a connection: a known provider, and a connection string that the
/// provider's own parser accepts (an unknown key or a value of the wrong kind), so that a typo is reported as the setting
/// it is (<see cref="CommandLine.StartupFailure"/>) instead of as a crash somewhere in the first query. The parser's message
/// names the key, never the value, so a password in the string is not repeated.
/// </summary>
public sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        if (!options.IsPostgres && !options.IsSqlite)
        {
            return ValidateOptionsResult.Fail("Database:Provider must be 'Sqlite' or 'Postgres'.");
        }

        var provider = options.IsPostgres ? "PostgreSQL" : "SQLite";
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail($"Database:ConnectionString is empty; set a {provider} connection string.");
        }

        try
        {
            _ = options.IsPostgres
                ? new NpgsqlConnectionStringBuilder(options.ConnectionString).ConnectionString
                : new SqliteConnectionStringBuilder(options.ConnectionString).ConnectionString;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            // The outer message names the key ("Keyword not supported: 'max pol size'", "Couldn't set port"); the inner
            // exception, which may quote the value, is left out.
            return ValidateOptionsResult.Fail($"Database:ConnectionString is not a valid {provider} connection string: {e.Message}");
        }

        return ValidateOptionsResult.Success;
    }
}
