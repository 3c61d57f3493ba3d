using System.Net.Http.Json;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests;

/// <summary>No CPR number and no free text about a citizen reaches the logs, whatever the request.</summary>
public abstract class LoggingTests(SamspilFactory factory)
{
    [Fact]
    public async Task CPR_numbers_and_names_used_in_requests_never_appear_in_the_log()
    {
        using var client = await factory.ClientForAsync("behandler.odense");
        var cpr = TestData.NewCpr();
        const string name = "Loggetest-Unikt-Navn";
        var course = await TestData.CreateCourseAsync(client, cpr, name);
        var courseId = course.GetProperty("id").GetGuid();

        await client.PostAsJsonAsync("/api/v1/citizens/search", new { cpr });
        await client.GetAsync($"/api/v1/courses?q={cpr}");
        await client.GetAsync($"/api/v1/courses?q={name}");
        await client.PostAsJsonAsync("/api/v1/courses/search", new { query = $"{cpr[..6]}-{cpr[6..]}" });
        await client.PostAsJsonAsync("/api/v1/courses", await TestData.CourseRequestAsync(client, cpr, name), SamspilFactory.Json); // reuse
        await client.PostAsJsonAsync($"/api/v1/courses/{courseId}/phase", new { phase = "Treatment", note = "Fortroligt-notat-om-borgeren" });
        await client.PostAsync("/api/v1/courses", new StringContent("{\"citizen\":{\"cpr\":\"" + cpr + "\"", System.Text.Encoding.UTF8, "application/json")); // malformed, with CPR

        var dashed = $"{cpr[..6]}-{cpr[6..]}";
        Assert.NotEmpty(factory.Logs.Entries);
        Assert.DoesNotContain(factory.Logs.Entries, e => e.Contains(cpr, StringComparison.Ordinal) || e.Contains(dashed, StringComparison.Ordinal));
        Assert.DoesNotContain(factory.Logs.Entries, e => e.Contains(name, StringComparison.Ordinal));
        Assert.DoesNotContain(factory.Logs.Entries, e => e.Contains("Fortroligt-notat", StringComparison.Ordinal));
    }
}

public sealed class LoggingTestsOnSqlite(SqliteFactory factory) : LoggingTests(factory), IClassFixture<SqliteFactory>;

public sealed class LoggingTestsOnPostgres(PostgresFactory factory) : LoggingTests(factory), IClassFixture<PostgresFactory>;
