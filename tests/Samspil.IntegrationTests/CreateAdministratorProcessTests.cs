using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Security;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests;

/// <summary>
/// <c>create-admin</c> as an operator runs it: the built Samspil executable in the Production environment, on a database
/// that has just been migrated and holds nothing else (no roles, no organisations), and on no database at all.
/// </summary>
public sealed class CreateAdministratorProcessTests
{
    [Fact]
    public async Task On_an_empty_migrated_production_database_the_command_creates_the_first_administrator_and_prints_the_link()
    {
        var path = Path.Combine(Path.GetTempPath(), $"samspil-create-admin-{Guid.NewGuid():N}.db");
        try
        {
            var options = new DbContextOptionsBuilder<SqliteSamspilDbContext>().UseSqlite($"Data Source={path}").Options;
            await using (var db = new SqliteSamspilDbContext(options))
            {
                await db.Database.MigrateAsync();
                Assert.False(await db.Organizations.AnyAsync());
                Assert.False(await db.Roles.AnyAsync());
            }

            var (exit, stdout, stderr) = await RunAsync(
                path,
                "create-admin", "--organization", "Region Syddanmark", "--sector", "Region", "--user-name", "admin.rsd", "--name", "Rikke Førstevalg", "--email", "rikke@rsyd.example");

            Assert.True(exit == 0, stdout + stderr);
            Assert.Contains("https://samspil.rsyd.example/Account/Activate?code=", stdout, StringComparison.Ordinal);
            Assert.Contains("Administrator account 'admin.rsd' created", stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("Now listening", stdout, StringComparison.Ordinal);
            await using (var db = new SqliteSamspilDbContext(options))
            {
                var organization = await db.Organizations.SingleAsync();
                var user = await db.Users.SingleAsync();
                Assert.Equal(("Region Syddanmark", organization.Id), (organization.Name, user.OrganizationId!.Value));
                var role = await db.Roles.SingleAsync(r => r.Name == SamspilRoles.Administrator);
                Assert.True(await db.UserRoles.AnyAsync(r => r.UserId == user.Id && r.RoleId == role.Id));
                Assert.Equal(user.Id, (await db.StaffInvitations.SingleAsync()).UserId);
                Assert.False(await db.Citizens.AnyAsync()); // no demo data, whatever the environment
            }

            // The same name again is refused, on stderr.
            var again = await RunAsync(path, "create-admin", "--organization", "Region Syddanmark", "--user-name", "admin.rsd", "--name", "Rikke");
            Assert.Equal(1, again.Exit);
            Assert.Contains("already taken", again.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    [Fact]
    public async Task Without_a_database_the_command_refuses_with_exit_code_2_and_creates_no_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"samspil-missing-{Guid.NewGuid():N}.db");

        var (exit, stdout, stderr) = await RunAsync(path, "create-admin", "--organization", "Region Syddanmark", "--sector", "Region", "--user-name", "admin.rsd", "--name", "Rikke");

        Assert.Equal(2, exit);
        Assert.Contains($"create-admin: there is no database at {path}", stderr, StringComparison.Ordinal);
        Assert.Contains("start Samspil once", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Activate?code=", stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    private static Task<(int Exit, string Stdout, string Stderr)> RunAsync(string databasePath, params string[] args) =>
        AppProcess.RunAsync(
            new Dictionary<string, string>
            {
                ["Database__Provider"] = "Sqlite",
                ["Database__ConnectionString"] = $"Data Source={databasePath}",
                ["Samspil__PublicBaseUrl"] = "https://samspil.rsyd.example",
            },
            args);
}
