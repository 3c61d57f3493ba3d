using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests;

public abstract class NetworkApiTests(SamspilFactory factory)
{
    [Fact]
    public async Task A_relative_chosen_by_the_citizen_joins_with_the_agreement_recorded()
    {
        using var client = await factory.ClientForAsync("behandler.odense");
        var courseId = (await TestData.CreateCourseAsync(client)).GetProperty("id").GetGuid();

        var response = await client.PostAsJsonAsync($"/api/v1/courses/{courseId}/network", new
        {
            kind = "Relative",
            personName = "Samira Demo-Datter",
            relation = "datter",
            phone = "+45 30 00 00 01",
            role = "Proxy",
            activeFrom = "2026-11-10",
            citizenAgreement = new { agreedOn = "2026-11-10", method = "Written", note = "Underskrevet ved samtale" },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var member = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Samira Demo-Datter", member.GetProperty("name").GetString());
        Assert.Equal("Proxy", member.GetProperty("role").GetString());
        Assert.True(member.GetProperty("isActive").GetBoolean());
        Assert.Equal("Written", member.GetProperty("agreement").GetProperty("method").GetString());
        Assert.Equal("Underskrevet ved samtale", member.GetProperty("agreement").GetProperty("note").GetString());

        var network = await client.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/network");
        Assert.Equal(2, network.GetArrayLength());
    }

    [Fact]
    public async Task A_professional_joins_with_their_organisation_mandate_and_direct_contact()
    {
        using var client = await factory.ClientForAsync("behandler.odense");
        var courseId = (await TestData.CreateCourseAsync(client)).GetProperty("id").GetGuid();
        var roleId = await TestData.PractitionerRoleIdAsync(client, "Kim Demo-Laursen"); // IPS, Odense

        var member = await (await client.PostAsJsonAsync($"/api/v1/courses/{courseId}/network", new
        {
            kind = "Professional",
            practitionerRoleId = roleId,
            role = "IpsConsultant",
            citizenAgreement = new { agreedOn = "2026-11-22", method = "InPerson" },
        })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("Jobcenter Odense", member.GetProperty("organization").GetProperty("name").GetString());
        Assert.Equal("Municipality", member.GetProperty("organization").GetProperty("sector").GetString());
        Assert.Contains("jobsøgning", member.GetProperty("mandate").GetString(), StringComparison.Ordinal);
        Assert.Equal("72 01 01 02", member.GetProperty("phone").GetString());
        Assert.Equal("2026-11-22", member.GetProperty("activeFrom").GetString());
    }

    [Fact]
    public async Task The_network_rules_are_enforced_with_clear_problems()
    {
        using var client = await factory.ClientForAsync("behandler.odense");
        var courseId = (await TestData.CreateCourseAsync(client)).GetProperty("id").GetGuid();
        var selfRole = await TestData.PractitionerRoleIdAsync(client, "Mette Demo-Lindberg");
        var agreement = new { agreedOn = "2026-11-22", method = "InPerson" };

        var duplicate = await client.PostAsJsonAsync($"/api/v1/courses/{courseId}/network", new { kind = "Professional", practitionerRoleId = selfRole, role = "Other", citizenAgreement = agreement });
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Equal("Fagpersonen er allerede aktiv i netværket.", await DetailAsync(duplicate));

        var secondCoordinator = await client.PostAsJsonAsync($"/api/v1/courses/{courseId}/network", new { kind = "Friend", personName = "Ven", role = "Coordinator", citizenAgreement = agreement });
        Assert.Equal(HttpStatusCode.BadRequest, secondCoordinator.StatusCode);
        Assert.Contains("tovholder", await DetailAsync(secondCoordinator), StringComparison.Ordinal);

        var noAgreement = await client.PostAsJsonAsync($"/api/v1/courses/{courseId}/network", new { kind = "Friend", personName = "Ven", role = "Other" });
        Assert.Equal(HttpStatusCode.BadRequest, noAgreement.StatusCode);
        Assert.True((await noAgreement.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("citizenAgreement", out _));

        var future = await client.PostAsJsonAsync($"/api/v1/courses/{courseId}/network", new { kind = "Friend", personName = "Ven", role = "Other", citizenAgreement = new { agreedOn = "2026-12-24", method = "Phone" } });
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);

        var unknownRole = await client.PostAsJsonAsync($"/api/v1/courses/{courseId}/network", new { kind = "Professional", practitionerRoleId = Guid.NewGuid(), role = "Other", citizenAgreement = agreement });
        Assert.Equal(HttpStatusCode.BadRequest, unknownRole.StatusCode);

        var unknownMember = await client.PostAsJsonAsync($"/api/v1/courses/{courseId}/network/{Guid.NewGuid()}/end", new { endDate = "2026-11-22" });
        Assert.Equal(HttpStatusCode.NotFound, unknownMember.StatusCode);

        var network = await client.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/network");
        Assert.Equal(1, network.GetArrayLength());
    }

    [Fact]
    public async Task Given_a_member_who_left_When_they_rejoin_Then_the_history_shows_both_periods()
    {
        using var client = await factory.ClientForAsync("behandler.odense");
        var courseId = (await TestData.CreateCourseAsync(client)).GetProperty("id").GetGuid();
        var added = await (await client.PostAsJsonAsync($"/api/v1/courses/{courseId}/network", new
        {
            kind = "Volunteer",
            personName = "Mentor Demo",
            role = "Other",
            activeFrom = "2026-11-01",
            citizenAgreement = new { agreedOn = "2026-11-01", method = "InPerson" },
        })).Content.ReadFromJsonAsync<JsonElement>();
        var memberId = added.GetProperty("id").GetGuid();

        var ended = await client.PostAsJsonAsync($"/api/v1/courses/{courseId}/network/{memberId}/end", new { endDate = "2026-11-15", reason = "Pause" });
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.False((await ended.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("isActive").GetBoolean());

        var again = await client.PostAsJsonAsync($"/api/v1/courses/{courseId}/network/{memberId}/end", new { endDate = "2026-11-16" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var rejoined = await client.PostAsJsonAsync($"/api/v1/courses/{courseId}/network/{memberId}/rejoin", new { activeFrom = "2026-11-20", citizenAgreement = new { agreedOn = "2026-11-20", method = "Phone" } });
        Assert.Equal(HttpStatusCode.Created, rejoined.StatusCode);
        Assert.Equal(memberId, (await rejoined.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("previousMembershipId").GetGuid());

        var periods = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/network")).EnumerateArray()
            .Where(m => m.GetProperty("name").GetString() == "Mentor Demo").ToList();
        Assert.Equal(2, periods.Count);
        Assert.Single(periods, p => p.GetProperty("isActive").GetBoolean());
        Assert.Single(periods, p => p.GetProperty("activeTo").GetString() == "2026-11-15" && p.GetProperty("endReason").GetString() == "Pause");
    }

    private static async Task<string?> DetailAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
}

public sealed class NetworkApiTestsOnSqlite(SqliteFactory factory) : NetworkApiTests(factory), IClassFixture<SqliteFactory>;

public sealed class NetworkApiTestsOnPostgres(PostgresFactory factory) : NetworkApiTests(factory), IClassFixture<PostgresFactory>;
