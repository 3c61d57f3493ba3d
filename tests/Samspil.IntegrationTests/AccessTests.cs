using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samspil.Infrastructure.Security;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests;

/// <summary>
/// Lists, details and searches leak nothing: every demo login's view of the data is compared with an
/// oracle written here, independently of the policy service and the query layer.
/// </summary>
public abstract class AccessTests(SamspilFactory factory)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(SamspilFactory.Now.UtcDateTime);

    [Fact]
    public async Task Every_login_lists_exactly_the_courses_the_visibility_rule_allows()
    {
        var expected = await ExpectedVisibilityAsync();
        Assert.Contains(expected.Values, set => set.Count > 0);
        foreach (var (userName, visible) in expected)
        {
            using var client = await factory.ClientForAsync(userName);
            var listed = await client.GetFromJsonAsync<JsonElement>("/api/v1/courses?includeEnded=true", SamspilFactory.Json);
            var ids = listed.EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ToHashSet();
            Assert.True(visible.SetEquals(ids), $"{userName}: expected {visible.Count} courses, listed {ids.Count}");
        }
    }

    [Fact]
    public async Task A_course_outside_the_users_view_reads_as_404_in_detail_network_and_changes()
    {
        var expected = await ExpectedVisibilityAsync();
        var all = expected.Values.SelectMany(v => v).ToHashSet();
        using var client = await factory.ClientForAsync("laege1");
        var hidden = all.Except(expected["laege1"]).Take(5).ToList();
        Assert.NotEmpty(hidden);
        foreach (var id in hidden)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/courses/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/courses/{id}/network")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync($"/api/v1/courses/{id}/phase", new { phase = "AfterCare" })).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync($"/api/v1/courses/{id}/end", new { endDate = "2026-11-22" })).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Courses/{id}")).StatusCode);
        }

        // A course id that does not exist at all answers exactly the same.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/courses/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task Searching_for_a_hidden_citizen_by_CPR_or_name_finds_nothing()
    {
        var expected = await ExpectedVisibilityAsync();
        var hiddenCourse = expected.Values.SelectMany(v => v).Except(expected["laege2"]).First();
        var citizen = await factory.WithDbAsync(db => db.Courses.Where(c => c.Id == hiddenCourse)
            .Join(db.Citizens, c => c.CitizenId, z => z.Id, (c, z) => z).SingleAsync());

        using var client = await factory.ClientForAsync("laege2");
        var byCpr = await client.PostAsJsonAsync("/api/v1/citizens/search", new { cpr = citizen.Cpr.Formatted });
        Assert.Equal(HttpStatusCode.OK, byCpr.StatusCode);
        Assert.Empty((await byCpr.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray());

        var courseSearch = await client.PostAsJsonAsync("/api/v1/courses/search", new { query = citizen.Cpr.Value, includeEnded = true });
        Assert.DoesNotContain(citizen.Id, (await courseSearch.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(c => c.GetProperty("citizenId").GetGuid()));

        var byName = await client.GetFromJsonAsync<JsonElement>($"/api/v1/courses?includeEnded=true&q={Uri.EscapeDataString(citizen.FullName)}");
        Assert.DoesNotContain(citizen.Id, byName.EnumerateArray().Select(c => c.GetProperty("citizenId").GetGuid()));

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/citizens/{citizen.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_visible_citizen_is_found_by_exact_CPR_only()
    {
        using var client = await factory.ClientForAsync("behandler.odense");
        var created = await TestData.CreateCourseAsync(client);
        var cpr = created.GetProperty("citizen").GetProperty("cpr").GetString()!;

        var exact = await (await client.PostAsJsonAsync("/api/v1/citizens/search", new { cpr })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Single(exact.EnumerateArray());

        // A prefix is not a CPR number: refused like a malformed one on create, never a partial match.
        var prefix = await client.PostAsJsonAsync("/api/v1/citizens/search", new { cpr = cpr[..6] });
        Assert.Equal(HttpStatusCode.BadRequest, prefix.StatusCode);
    }

    [Fact]
    public async Task Being_on_the_network_is_not_enough_a_consent_opens_the_course_and_revoking_it_closes_it_at_once()
    {
        using var coordinator = await factory.ClientForAsync("behandler.odense");
        var course = await TestData.CreateCourseAsync(coordinator);
        var courseId = course.GetProperty("id").GetGuid();
        var roleId = await TestData.PractitionerRoleIdAsync(coordinator, "Henrik Demo-Bisgaard"); // caseworker, Kolding
        var added = await coordinator.PostAsJsonAsync($"/api/v1/courses/{courseId}/network", new
        {
            kind = "Professional",
            practitionerRoleId = roleId,
            role = "Other",
            activeFrom = "2026-11-20",
            citizenAgreement = new { agreedOn = "2026-11-20", method = "Phone" },
        });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);

        // On the network, but the trauma clinic's record may not cross to the municipality without consent.
        using var kolding = await factory.ClientForAsync("sagsbehandler.kolding");
        Assert.Equal(HttpStatusCode.NotFound, (await kolding.GetAsync($"/api/v1/courses/{courseId}")).StatusCode);

        // What a network member may know (R10): that the citizen has no consent yet — and nothing else.
        var overview = await kolding.GetFromJsonAsync<JsonElement>("/api/v1/courses/consent-overview", SamspilFactory.Json);
        var item = overview.EnumerateArray().Single(o => o.GetProperty("courseId").GetGuid() == courseId);
        Assert.Equal("Missing", item.GetProperty("consentState").GetString());
        Assert.Equal(["courseId", "citizenName", "consentState", "consents"], item.EnumerateObject().Select(p => p.Name).ToArray());

        // A consent for another organisation: the member sees that it exists and whom it covers, still not the course.
        _ = await TestData.RegisterConsentAsync(coordinator, courseId, new { kind = "Organization", targetId = await TestData.OrganizationIdAsync(coordinator, "Jobcenter Odense") });
        overview = await kolding.GetFromJsonAsync<JsonElement>("/api/v1/courses/consent-overview", SamspilFactory.Json);
        item = overview.EnumerateArray().Single(o => o.GetProperty("courseId").GetGuid() == courseId);
        Assert.Equal("Jobcenter Odense", item.GetProperty("consents")[0].GetProperty("recipients")[0].GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await kolding.GetAsync($"/api/v1/courses/{courseId}")).StatusCode);

        var consentId = await TestData.RegisterConsentAsync(coordinator, courseId, new { kind = "Organization", targetId = await TestData.OrganizationIdAsync(coordinator, "Jobcenter Kolding") });
        Assert.DoesNotContain(courseId, (await kolding.GetFromJsonAsync<JsonElement>("/api/v1/courses/consent-overview")).EnumerateArray().Select(o => o.GetProperty("courseId").GetGuid()));
        var seen = await kolding.GetAsync($"/api/v1/courses/{courseId}");
        Assert.Equal(HttpStatusCode.OK, seen.StatusCode);
        Assert.Equal("Consent", (await seen.Content.ReadFromJsonAsync<JsonElement>(SamspilFactory.Json)).GetProperty("accessBasis").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await coordinator.PostAsync($"/api/v1/consents/{consentId}/revoke", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await kolding.GetAsync($"/api/v1/courses/{courseId}")).StatusCode);
        var list = await kolding.GetFromJsonAsync<JsonElement>("/api/v1/courses?includeEnded=true");
        Assert.DoesNotContain(courseId, list.EnumerateArray().Select(c => c.GetProperty("id").GetGuid()));
    }

    [Fact]
    public async Task A_citizen_sees_their_own_course_and_cannot_change_it()
    {
        using var preben = await factory.ClientForAsync("borger.preben");
        var courses = await preben.GetFromJsonAsync<JsonElement>("/api/v1/courses?includeEnded=true");
        var own = Assert.Single(courses.EnumerateArray());
        Assert.StartsWith("Preben", own.GetProperty("citizenName").GetString(), StringComparison.Ordinal);

        var id = own.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Forbidden, (await preben.PostAsJsonAsync($"/api/v1/courses/{id}/phase", new { phase = "AfterCare" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await preben.PostAsJsonAsync("/api/v1/courses", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await preben.GetAsync("/api/v1/organizations")).StatusCode);
    }

    /// <summary>Every demo login's expected view, from the independent <see cref="VisibilityOracle"/>.</summary>
    private async Task<Dictionary<string, HashSet<Guid>>> ExpectedVisibilityAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Samspil.Infrastructure.Persistence.SamspilDbContext>();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var courses = await db.Courses.AsNoTracking().ToListAsync();
        var oracle = new VisibilityOracle(
            await db.Organizations.AsNoTracking().ToListAsync(),
            await db.PractitionerRoles.AsNoTracking().ToListAsync(),
            await db.Consents.AsNoTracking().ToListAsync(),
            Today);
        var result = new Dictionary<string, HashSet<Guid>>(StringComparer.Ordinal);
        foreach (var user in await db.Users.Where(u => u.IsDemo).AsNoTracking().ToListAsync())
        {
            if (await userManager.IsLockedOutAsync(user))
            {
                continue; // the lockout test locks one account on purpose
            }

            var roles = await userManager.GetRolesAsync(user);
            var subject = new OracleUser(
                user.UserName!,
                roles.Contains(SamspilRoles.Professional),
                roles.Contains(SamspilRoles.Professional) || roles.Contains(SamspilRoles.Administrator),
                user.ProfessionalId,
                user.OrganizationId,
                user.CitizenId,
                roles.Contains(SamspilRoles.Citizen) || roles.Contains(SamspilRoles.Proxy)); // a proxy with power of attorney acts for the citizen
            result[user.UserName!] = courses.Where(c => oracle.MaySee(subject, c)).Select(c => c.Id).ToHashSet();
        }

        return result;
    }
}

public sealed class AccessTestsOnSqlite(SqliteFactory factory) : AccessTests(factory), IClassFixture<SqliteFactory>;

public sealed class AccessTestsOnPostgres(PostgresFactory factory) : AccessTests(factory), IClassFixture<PostgresFactory>;
