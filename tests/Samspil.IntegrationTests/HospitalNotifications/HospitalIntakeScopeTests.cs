using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests.HospitalNotifications;

/// <summary>
/// Issue 12, finding 1: only the integration account and the administrators of the receiving region see,
/// post and link hospital notifications; the CPR number given when linking must be the message's own; no
/// answer tells whether a CPR number belongs to a Samspil citizen.
/// </summary>
public abstract class HospitalIntakeScopeTests(SamspilFactory factory)
{
    [Fact]
    public async Task A_municipality_administrator_cannot_read_the_raw_text_of_a_malformed_message_naming_a_citizen()
    {
        var cpr = TestData.NewCpr();
        using var integration = await factory.ClientForAsync("integration.region");
        var response = await HospitalScenario.PostRawAsync(integration, new HospitalScenario(cpr).Message("Malformed_UnknownActivity"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("inboundMessageId").GetGuid();

        using var odense = await factory.ClientForAsync("admin.odense");
        Assert.Equal(HttpStatusCode.NotFound, (await odense.GetAsync($"/api/v1/hospital-notifications/{id}/raw")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await odense.GetAsync($"/api/v1/hospital-notifications/{id}")).StatusCode);
        Assert.DoesNotContain(id.ToString(), await odense.GetStringAsync("/api/v1/hospital-notifications"), StringComparison.Ordinal);
        using (var browser = await factory.CookieClientAsync("admin.odense"))
        {
            Assert.DoesNotContain(id.ToString(), await browser.GetStringAsync("/HospitalNotifications"), StringComparison.Ordinal);
        }

        // The region's administrator, who must inspect it, can.
        using var region = await factory.ClientForAsync("admin.region");
        Assert.Contains(cpr, await region.GetStringAsync($"/api/v1/hospital-notifications/{id}/raw"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_municipality_administrator_cannot_post_an_admission_and_gets_the_same_answer_for_a_citizen_and_an_unknown_cpr()
    {
        // A Vejle citizen admin.odense cannot see.
        var vejleCpr = TestData.NewCpr();
        using var vejle = await factory.ClientForAsync("koordinator.vejle");
        var request = await TestData.CourseRequestAsync(vejle, vejleCpr);
        request["regionOrganizationId"] = null;
        request["municipalityOrganizationId"] = await TestData.OrganizationIdAsync(vejle, "Jobcenter Vejle");
        var created = await vejle.PostAsJsonAsync("/api/v1/courses", request, SamspilFactory.Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var citizenId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("citizen").GetProperty("id").GetGuid();

        using var odense = await factory.ClientForAsync("admin.odense");
        var known = await new HospitalScenario(vejleCpr).PostAsync(odense, "STIN");
        var unknown = await new HospitalScenario(TestData.NewCpr()).PostAsync(odense, "STIN");

        Assert.Equal(HttpStatusCode.NotFound, known.StatusCode);
        Assert.Equal(unknown.StatusCode, known.StatusCode);
        Assert.Equal(WithoutTrace(await unknown.Content.ReadFromJsonAsync<JsonElement>()), WithoutTrace(await known.Content.ReadFromJsonAsync<JsonElement>()));
        Assert.Equal(0, await factory.WithDbAsync(db => db.HospitalEvents.CountAsync(e => e.CitizenId == citizenId)));

        // The integration account's receipt has the same shape for a citizen (applied) and an unknown number (parked).
        using var integration = await factory.ClientForAsync("integration.region");
        var applied = await (await new HospitalScenario(vejleCpr).PostAsync(integration, "STIN")).Content.ReadFromJsonAsync<JsonElement>();
        var parked = await (await new HospitalScenario(TestData.NewCpr()).PostAsync(integration, "STIN")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(Shape(parked), Shape(applied));
        Assert.Equal(1, await factory.WithDbAsync(db => db.HospitalEvents.CountAsync(e => e.CitizenId == citizenId)));
    }

    [Fact]
    public async Task The_regions_administrator_cannot_link_a_parked_message_to_another_person_than_it_names()
    {
        // The wrong-person link step of Linking_needs_the_receiving_region_..., on its own: nothing is written to the other citizen.
        using var integration = await factory.ClientForAsync("integration.region");
        var strangerCpr = TestData.NewCpr();
        var stranger = (await (await new HospitalScenario(strangerCpr).PostAsync(integration, "STIN")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var otherCpr = TestData.NewCpr();
        using var vejle = await factory.ClientForAsync("koordinator.vejle");
        var created = await vejle.PostAsJsonAsync("/api/v1/courses", await TestData.CourseRequestAsync(vejle, otherCpr), SamspilFactory.Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var otherId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("citizen").GetProperty("id").GetGuid();

        using var region = await factory.ClientForAsync("admin.region");
        var wrong = await region.PostAsJsonAsync($"/api/v1/hospital-notifications/{stranger}/match", new { cpr = otherCpr });
        Assert.Equal(0, await factory.WithDbAsync(db => db.HospitalEvents.CountAsync(e => e.CitizenId == otherId)));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
    }

    [Fact]
    public async Task Linking_needs_the_receiving_region_and_the_messages_own_cpr_and_never_tells_whether_a_cpr_is_a_citizens()
    {
        using var integration = await factory.ClientForAsync("integration.region");
        var strangerCpr = TestData.NewCpr();
        var laterCpr = TestData.NewCpr();
        var stranger = (await (await new HospitalScenario(strangerCpr).PostAsync(integration, "STIN")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var later = (await (await new HospitalScenario(laterCpr).PostAsync(integration, "STIN")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        // A citizen of another course (Vejle), whom a wrong link would hand a psychiatric admission.
        var otherCpr = TestData.NewCpr();
        using var vejle = await factory.ClientForAsync("koordinator.vejle");
        var request = await TestData.CourseRequestAsync(vejle, otherCpr);
        var created = await vejle.PostAsJsonAsync("/api/v1/courses", request, SamspilFactory.Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var otherId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("citizen").GetProperty("id").GetGuid();

        // A municipality's administrator sees no parked message and links none, with any number.
        using var odense = await factory.ClientForAsync("admin.odense");
        var waiting = await odense.GetStringAsync("/api/v1/hospital-notifications?status=Parked");
        Assert.DoesNotContain(stranger.ToString(), waiting, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await odense.PostAsJsonAsync($"/api/v1/hospital-notifications/{stranger}/match", new { cpr = otherCpr })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await odense.PostAsJsonAsync($"/api/v1/hospital-notifications/{stranger}/match", new { cpr = strangerCpr })).StatusCode);

        // The region's administrator cannot link it to another person than the message names.
        using var region = await factory.ClientForAsync("admin.region");
        var wrong = await region.PostAsJsonAsync($"/api/v1/hospital-notifications/{stranger}/match", new { cpr = otherCpr });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal("application/problem+json", wrong.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await factory.WithDbAsync(db => db.HospitalEvents.CountAsync(e => e.CitizenId == otherId)));

        // With the message's own number the answer is the same whether or not a citizen has it.
        using var mette = await factory.ClientForAsync("behandler.odense");
        await TestData.CreateCourseAsync(mette, laterCpr);
        var unknownAnswer = await region.PostAsJsonAsync($"/api/v1/hospital-notifications/{stranger}/match", new { cpr = strangerCpr });
        var knownAnswer = await region.PostAsJsonAsync($"/api/v1/hospital-notifications/{later}/match", new { cpr = laterCpr });
        Assert.Equal(HttpStatusCode.OK, unknownAnswer.StatusCode);
        Assert.Equal(unknownAnswer.StatusCode, knownAnswer.StatusCode);
        Assert.Equal(Shape(await unknownAnswer.Content.ReadFromJsonAsync<JsonElement>()), Shape(await knownAnswer.Content.ReadFromJsonAsync<JsonElement>()));
        var statuses = await factory.WithDbAsync(db => db.InboundMessages.Where(m => m.Id == stranger || m.Id == later).ToDictionaryAsync(m => m.Id, m => m.Status.ToString()));
        Assert.Equal("Parked", statuses[stranger]);
        Assert.Equal("Accepted", statuses[later]);
    }

    /// <summary>A problem's members except the per-request trace and request ids.</summary>
    private static string WithoutTrace(JsonElement problem) =>
        string.Join(",", problem.EnumerateObject().Where(p => p.Name is not ("traceId" or "requestId")).Select(p => p.Name + "=" + p.Value.GetRawText()).Order(StringComparer.Ordinal));

    /// <summary>The property names of an answer, with the kind of each value: what must not differ.</summary>
    private static string Shape(JsonElement body) =>
        string.Join(",", body.EnumerateObject().Select(p => p.Name + ":" + (p.Value.ValueKind == JsonValueKind.Null ? "?" : p.Value.ValueKind.ToString())).Order(StringComparer.Ordinal));
}

[Collection(SqliteCollection.Name)]
public sealed class HospitalIntakeScopeTestsOnSqlite(SqliteFactory factory) : HospitalIntakeScopeTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class HospitalIntakeScopeTestsOnPostgres(PostgresFactory factory) : HospitalIntakeScopeTests(factory);
