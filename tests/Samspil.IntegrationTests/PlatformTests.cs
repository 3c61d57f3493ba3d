using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Directory;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests;

public abstract class PlatformTests(SamspilFactory factory)
{
    [Fact]
    public async Task Health_checks_the_database_and_reports_healthy()
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_committed_migrations_match_the_model_and_are_all_applied()
    {
        var (pendingModel, pendingMigrations, applied) = await factory.WithDbAsync(async db =>
            (db.Database.HasPendingModelChanges(), (await db.Database.GetPendingMigrationsAsync()).ToList(), (await db.Database.GetAppliedMigrationsAsync()).ToList()));
        Assert.False(pendingModel, "The model has changes without a migration: run the migration scaffolder.");
        Assert.Empty(pendingMigrations);
        Assert.NotEmpty(applied);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_v1_api_and_the_reference_page_is_served()
    {
        using var client = factory.CreateClient();
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/courses", paths);
        Assert.Contains("/api/v1/courses/{courseId}/network", paths);
        Assert.Contains("/api/v1/auth/token", paths);

        var reference = await client.GetAsync("/api/docs/");
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
    }

    [Fact]
    public async Task The_demo_data_set_has_the_organisations_and_citizens_the_issue_asks_for()
    {
        var (citizens, municipalities, entryPoints, gps, traumaSites, volunteers, demoCpr) = await factory.WithDbAsync(async db =>
        {
            var organizations = await db.Organizations.ToListAsync();
            return (
                await db.Citizens.CountAsync(c => c.IsDemo),
                organizations.Count(o => o.Kind == OrganizationKind.Municipality),
                organizations.Count(o => o.EntryPointFor.Count > 0),
                organizations.Count(o => o.Kind == OrganizationKind.GpClinic),
                organizations.Count(o => o.Kind == OrganizationKind.TraumaClinic && o.PartOfId != null && organizations.Any(p => p.Id == o.PartOfId && p.Kind == OrganizationKind.TraumaClinic)),
                organizations.Count(o => o.Sector == Sector.Volunteer),
                (await db.Citizens.Select(c => c.Cpr).ToListAsync()).All(c => c.BirthDate.Year == 1858));
        });

        Assert.True(citizens >= 30, $"{citizens} demo citizens");
        Assert.Equal(5, municipalities);
        Assert.Equal(10, entryPoints); // issue 18: the coordinator (PTSD groups) and the social services (the other groups) in each municipality
        Assert.Equal(4, gps);
        Assert.Equal(2, traumaSites);
        Assert.Equal(4, volunteers); // issue 18: a crisis line, a relatives' association and a refugee network besides Trekanten
        Assert.True(demoCpr, "every demo CPR number is in the documented test-only range (born 1858)");
    }

    [Fact]
    public async Task Demo_courses_are_spread_over_every_target_group_and_phase()
    {
        var (groups, phases) = await factory.WithDbAsync(async db => (
            await db.Courses.Select(c => c.TargetGroupCode).Distinct().CountAsync(),
            await db.Courses.Select(c => c.Phase).Distinct().CountAsync()));
        Assert.Equal(5, groups);
        Assert.Equal(5, phases);
    }

    [Fact]
    public async Task Web_pages_send_an_anonymous_visitor_to_the_Danish_sign_in_page()
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = true });
        var response = await client.GetAsync("/Courses");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal("/Account/Login", response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("Log ind", html, StringComparison.Ordinal);
        Assert.Contains("lang=\"da\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_page_is_a_readable_Danish_not_found_page()
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync("/Account/Login/does-not-exist");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Siden findes ikke", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

public sealed class PlatformTestsOnSqlite(SqliteFactory factory) : PlatformTests(factory), IClassFixture<SqliteFactory>;

public sealed class PlatformTestsOnPostgres(PostgresFactory factory) : PlatformTests(factory), IClassFixture<PostgresFactory>;
