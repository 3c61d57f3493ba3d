using Microsoft.EntityFrameworkCore;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests;

/// <summary>
/// Each test class's database is a copy of the run's template, migrated and seeded once: the test
/// server's start-up finds the work done and only checks, which keeps a database per class cheap.
/// </summary>
public abstract class TestDatabaseTests(SamspilFactory factory)
{
    [Fact]
    public async Task A_test_class_database_is_a_copy_of_the_seeded_template_so_its_server_neither_migrates_nor_seeds()
    {
        // The demo data and every migration are there, and the demo logins sign in…
        Assert.Empty(await factory.WithDbAsync(db => db.Database.GetPendingMigrationsAsync()));
        Assert.True(await factory.WithDbAsync(db => db.Organizations.AnyAsync(o => o.Name == "Traumeklinikken Odense")));
        using var client = await factory.ClientForAsync("behandler.odense");
        Assert.True((await client.GetAsync("/api/v1/courses")).IsSuccessStatusCode);

        // …but this server wrote none of it: the template was seeded once for the whole run.
        Assert.Contains(factory.Logs.Entries, e => e.Contains("Database provider", StringComparison.Ordinal));
        Assert.DoesNotContain(factory.Logs.Entries, e => e.Contains("Seeded demo data", StringComparison.Ordinal));
        Assert.DoesNotContain(factory.Logs.Entries, e => e.Contains("Applying migration", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_second_factory_gets_a_database_of_its_own_and_removes_it_when_disposed()
    {
        IAsyncLifetime other = NewFactory();
        await other.InitializeAsync();
        var otherFactory = (SamspilFactory)other;
        try
        {
            using var clinician = await otherFactory.ClientForAsync("behandler.odense");
            var course = await TestData.CreateCourseAsync(clinician, givenName: "Eneste");
            var courseId = course.GetProperty("id").GetGuid();

            Assert.True(await otherFactory.WithDbAsync(db => db.Courses.AnyAsync(c => c.Id == courseId)));
            Assert.False(await factory.WithDbAsync(db => db.Courses.AnyAsync(c => c.Id == courseId)));
            Assert.NotEqual(factory.DatabaseName, otherFactory.DatabaseName);
            Assert.NotEqual(factory.MailDirectory, otherFactory.MailDirectory);
            Assert.True(await factory.DatabaseExistsAsync(otherFactory.DatabaseName));
        }
        finally
        {
            await other.DisposeAsync();
        }

        Assert.False(await factory.DatabaseExistsAsync(otherFactory.DatabaseName));
        Assert.True(await factory.DatabaseExistsAsync(factory.DatabaseName));
    }

    private SamspilFactory NewFactory() => factory is PostgresFactory ? new PostgresFactory() : new SqliteFactory();
}

public sealed class TestDatabaseTestsOnSqlite(SqliteFactory factory) : TestDatabaseTests(factory), IClassFixture<SqliteFactory>;

public sealed class TestDatabaseTestsOnPostgres(PostgresFactory factory) : TestDatabaseTests(factory), IClassFixture<PostgresFactory>;
