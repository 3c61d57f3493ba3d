using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Audit;
using Samspil.Domain.Consents;
using Samspil.Domain.Offerings;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests;

/// <summary>
/// "Min plan for svære tider" (issue 18, docs/crisis-plan.md): read in "helbred og behandling" through the access layer and
/// logged; written by the citizen, their proxy and staff who may change the course; everyone else gets 404; hostile input is
/// a problem, never a 500, and writes nothing; a stale version gets 412.
/// </summary>
public abstract class CrisisPlanTests(SamspilFactory factory)
{
    [Fact]
    public async Task A_clinician_writes_a_crisis_plan_whose_night_offering_shows_its_open_state_and_every_read_is_logged_as_health()
    {
        using var clinician = await factory.ClientForAsync("behandler.odense");
        var course = await TestData.CreateCourseAsync(clinician);
        var courseId = course.GetProperty("id").GetGuid();
        var memberId = course.GetProperty("network")[0].GetProperty("id").GetGuid();
        var (open, closed, _) = await OfferingsAsync();

        var empty = await clinician.GetAsync($"/api/v1/courses/{courseId}/crisis-plan");
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Equal("\"0\"", empty.Headers.ETag?.Tag);
        Assert.Equal(0, (await empty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("earlySigns").GetArrayLength());

        var saved = await PutAsync(clinician, courseId, "\"0\"", Plan(
            night: [new { kind = "Offering", offeringId = open, note = "Hvis jeg ikke kan sove" }, new { kind = "Offering", offeringId = closed }, new { kind = "Person", name = "Min søster Sara", phone = "+45 20 30 40 50" }],
            day: [new { kind = "NetworkMember", memberId }]));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal("\"1\"", saved.Headers.ETag?.Tag);
        var plan = await saved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["Jeg sover under fire timer", "Jeg holder op med at spise"], plan.GetProperty("earlySigns").EnumerateArray().Select(s => s.GetString()));
        var night = plan.GetProperty("nightContacts");
        Assert.True(night[0].GetProperty("openNow").GetBoolean());
        Assert.Equal("tel:70201201", night[0].GetProperty("telHref").GetString());
        Assert.False(night[1].GetProperty("openNow").GetBoolean());
        Assert.Equal("tel:+4520304050", night[2].GetProperty("telHref").GetString());
        Assert.Equal("Mette Demo-Lindberg", plan.GetProperty("dayContacts")[0].GetProperty("name").GetString());
        Assert.Equal("Professional", plan.GetProperty("updatedByKind").GetString());
        Assert.Equal("Mette Demo-Lindberg", plan.GetProperty("updatedByName").GetString());
        Assert.True(plan.GetProperty("canEdit").GetBoolean());

        var logged = await factory.WithDbAsync(db => db.AccessLog.Where(e => e.ResourceType == "CrisisPlan").Select(e => new { e.Category, e.Action }).ToListAsync());
        Assert.All(logged, e => Assert.Equal(InformationCategory.HealthAndTreatment, e.Category));
        Assert.Contains(logged, e => e.Action == AccessAction.Create);
        Assert.Contains(logged, e => e.Action == AccessAction.Read);
        Assert.Equal(1, await factory.WithDbAsync(db => db.CrisisPlanVersions.CountAsync(v => db.CrisisPlans.Any(p => p.Id == v.PlanId && p.CourseId == courseId))));
    }

    [Fact]
    public async Task A_stranger_gets_404_and_a_consent_must_cover_health_and_a_reader_off_the_network_cannot_write()
    {
        using var clinician = await factory.ClientForAsync("behandler.odense");
        var courseId = (await TestData.CreateCourseAsync(clinician)).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(clinician, courseId, "*", Plan())).StatusCode);

        using var stranger = await factory.ClientForAsync("koordinator.fredericia");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/courses/{courseId}/crisis-plan")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PutAsync(stranger, courseId, "*", Plan())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/courses/{Guid.NewGuid()}/crisis-plan")).StatusCode);

        // A consent that opens the plan but not health: the shared plan yes, the crisis plan no.
        using var kolding = await factory.ClientForAsync("sagsbehandler.kolding");
        var jobcentre = new { kind = "Organization", targetId = await TestData.OrganizationIdAsync(clinician, "Jobcenter Kolding") };
        await TestData.RegisterConsentAsync(clinician, courseId, ["StatusAndAppointments", "PlanAndGoals"], jobcentre);
        Assert.Equal(HttpStatusCode.OK, (await kolding.GetAsync($"/api/v1/courses/{courseId}/plan")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await kolding.GetAsync($"/api/v1/courses/{courseId}/crisis-plan")).StatusCode);

        // With health: read, but not write (not on the network, not the recording organisation).
        await TestData.RegisterConsentAsync(clinician, courseId, ["StatusAndAppointments", "HealthAndTreatment"], jobcentre);
        var read = await kolding.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/crisis-plan");
        Assert.Equal("Jeg sover under fire timer", read.GetProperty("earlySigns")[0].GetString());
        Assert.False(read.GetProperty("canEdit").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await PutAsync(kolding, courseId, "*", Plan(signs: ["Overskrevet"]))).StatusCode);
        Assert.Equal(1, (await clinician.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/crisis-plan")).GetProperty("version").GetInt32());

        // The pages answer the same: 404 for the stranger, the edit form 404 for a reader who may not write.
        using var strangerPage = await factory.CookieClientAsync("koordinator.fredericia");
        Assert.Equal(HttpStatusCode.NotFound, (await strangerPage.GetAsync($"/Courses/{courseId}/crisis-plan")).StatusCode);
        using var koldingPage = await factory.CookieClientAsync("sagsbehandler.kolding");
        Assert.Equal(HttpStatusCode.OK, (await koldingPage.GetAsync($"/Courses/{courseId}/crisis-plan")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await koldingPage.GetAsync($"/Courses/{courseId}/crisis-plan/edit")).StatusCode);
    }

    [Fact]
    public async Task The_citizen_and_the_proxy_both_write_and_a_stale_version_gets_412_with_the_current_plan()
    {
        using var citizen = await factory.ClientForAsync("borger.louise");
        using var proxy = await factory.ClientForAsync("paaroerende.louise");
        var courseId = (await citizen.GetFromJsonAsync<JsonElement>("/api/v1/courses"))[0].GetProperty("id").GetGuid();
        var start = await citizen.GetAsync($"/api/v1/courses/{courseId}/crisis-plan");
        var version = start.Headers.ETag!.Tag;

        var mine = await PutAsync(citizen, courseId, version, Plan(signs: ["Jeg trækker mig fra alle"]));
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        var plan = await mine.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Citizen", plan.GetProperty("updatedByKind").GetString());
        Assert.True(plan.GetProperty("citizenMode").GetBoolean());

        // The proxy edits from the version they read; the citizen, still on the old one, is refused with the current plan.
        var proxyRead = await proxy.GetAsync($"/api/v1/courses/{courseId}/crisis-plan");
        var byProxy = await PutAsync(proxy, courseId, proxyRead.Headers.ETag!.Tag, Plan(signs: ["Jeg trækker mig", "Jeg svarer ikke på telefonen"]));
        Assert.Equal(HttpStatusCode.OK, byProxy.StatusCode);
        Assert.Equal("Proxy", (await byProxy.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("updatedByKind").GetString());

        var stale = await PutAsync(citizen, courseId, mine.Headers.ETag!.Tag, Plan(signs: ["Tabt ændring"]));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var problem = await stale.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Jeg svarer ikke på telefonen", problem.GetProperty("current").GetProperty("earlySigns")[1].GetString());
        Assert.Contains("Søster til Louise (demo)", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Two saves from the same version at once: exactly one wins.
        var current = (await citizen.GetAsync($"/api/v1/courses/{courseId}/crisis-plan")).Headers.ETag!.Tag;
        var race = await Task.WhenAll(PutAsync(citizen, courseId, current, Plan(signs: ["A"])), PutAsync(proxy, courseId, current, Plan(signs: ["B"])));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], race.Select(r => r.StatusCode).OrderBy(s => (int)s));

        // The citizen's page shows the plan, with a call link; the proxy's writes are in the citizen's access log as changes.
        using var page = await factory.CookieClientAsync("borger.louise");
        var html = await page.GetStringAsync($"/Courses/{courseId}/crisis-plan");
        Assert.Contains("Min plan for svære tider", html, StringComparison.Ordinal);
        Assert.Matches("href=\"tel:(\\+|&#x2B;)4520304050\"", html); // Razor encodes the + in an attribute
        var changes = await factory.WithDbAsync(db => db.AccessLog.CountAsync(e => e.ResourceType == "CrisisPlan" && e.Action == AccessAction.Update && e.Category == InformationCategory.HealthAndTreatment));
        Assert.True(changes >= 2, $"{changes} logged changes");
    }

    [Fact]
    public async Task Hostile_input_is_a_problem_on_the_field_and_writes_nothing()
    {
        using var clinician = await factory.ClientForAsync("behandler.odense");
        var courseId = (await TestData.CreateCourseAsync(clinician)).GetProperty("id").GetGuid();
        var (_, _, inactive) = await OfferingsAsync();
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(clinician, courseId, "\"0\"", Plan())).StatusCode);

        object[] hostile =
        [
            Plan(signs: [new string('x', 501)]),
            Plan(signs: ["Nul\0tegn"]),
            Plan(signs: Enumerable.Range(0, 21).Select(i => $"Tegn {i}").ToArray()),
            Plan(night: [new { kind = "Offering", offeringId = Guid.NewGuid() }]),
            Plan(night: [new { kind = "Offering", offeringId = inactive }]),
            Plan(night: [new { kind = "NetworkMember", memberId = Guid.NewGuid() }]),
            Plan(night: [new { kind = "Person", name = "Sara", phone = "ring mig" }]),
            Plan(night: [new { kind = "Person", name = "Sara" }]),
            Plan(night: Enumerable.Range(0, 11).Select(i => (object)new { kind = "Person", name = $"P{i}", phone = "12345678" }).ToArray()),
            Plan(night: [new { kind = "Alien" }]),
            new { earlySigns = 5 },
            new { peopleToTell = new[] { new { name = new string('n', 201) } } },
        ];
        foreach (var body in hostile)
        {
            var response = await PutAsync(clinician, courseId, "\"1\"", body);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{JsonSerializer.Serialize(body)[..Math.Min(120, JsonSerializer.Serialize(body).Length)]}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        var unknown = await PutAsync(clinician, courseId, "\"1\"", Plan(night: [new { kind = "Offering", offeringId = Guid.NewGuid() }]));
        Assert.Contains("Tilbuddet findes ikke", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var missing = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/courses/{courseId}/crisis-plan") { Content = JsonContent.Create(Plan()) };
        Assert.Equal(HttpStatusCode.PreconditionRequired, (await clinician.SendAsync(missing)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PutAsync(clinician, courseId, "abc", Plan())).StatusCode);
        Assert.Equal(1, (await clinician.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/crisis-plan")).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task The_citizen_saves_the_form_and_a_bad_phone_number_comes_back_as_a_readable_message_beside_the_field()
    {
        using var page = await factory.CookieClientAsync("borger.abby");
        using var api = await factory.ClientForAsync("borger.abby");
        var courseId = (await api.GetFromJsonAsync<JsonElement>("/api/v1/courses"))[0].GetProperty("id").GetGuid();
        var (open, _, _) = await OfferingsAsync();
        var form = await page.GetStringAsync($"/Courses/{courseId}/crisis-plan/edit");
        Assert.Contains($"value=\"offering:{open}\"", form, StringComparison.Ordinal);
        var version = System.Text.RegularExpressions.Regex.Match(form, "name=\"version\" value=\"(\\d+)\"").Groups[1].Value;

        Dictionary<string, string> Fields(string phone) => new()
        {
            ["__RequestVerificationToken"] = SamspilFactory.AntiforgeryToken(form),
            ["version"] = version,
            ["earlySigns"] = "Jeg sover dårligt\r\nJeg bliver vred",
            ["whatHelps"] = "At gå en tur",
            ["whatIDo"] = string.Empty,
            ["doNotWant"] = "Ring ikke til min arbejdsgiver",
            ["nightContacts[0].choice"] = $"offering:{open}",
            ["nightContacts[0].name"] = string.Empty,
            ["nightContacts[0].phone"] = string.Empty,
            ["nightContacts[0].note"] = string.Empty,
            ["nightContacts[1].choice"] = string.Empty,
            ["nightContacts[1].name"] = "Min bror",
            ["nightContacts[1].phone"] = phone,
            ["nightContacts[1].note"] = string.Empty,
            ["dayContacts[0].choice"] = string.Empty,
            ["peopleToTell[0].name"] = "Min bror",
            ["peopleToTell[0].phone"] = string.Empty,
            ["peopleToTell[0].how"] = "Sms, ikke opkald",
        };

        var refused = await page.PostAsync($"/Courses/{courseId}/crisis-plan/edit", new FormUrlEncodedContent(Fields("ring mig op")));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var again = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Skriv telefonnummeret med tal", again, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", again, StringComparison.Ordinal);
        Assert.Contains("Min bror", again, StringComparison.Ordinal); // what was typed is kept

        var saved = await page.PostAsync($"/Courses/{courseId}/crisis-plan/edit", new FormUrlEncodedContent(Fields("22 33 44 55")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var plan = await api.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/crisis-plan");
        Assert.Equal(["Jeg sover dårligt", "Jeg bliver vred"], plan.GetProperty("earlySigns").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(2, plan.GetProperty("nightContacts").GetArrayLength());
        Assert.Equal("Sms, ikke opkald", plan.GetProperty("peopleToTell")[0].GetProperty("how").GetString());
        Assert.Equal("Citizen", plan.GetProperty("updatedByKind").GetString());
    }

    private static object Plan(string[]? signs = null, object[]? night = null, object[]? day = null) => new
    {
        earlySigns = signs ?? ["Jeg sover under fire timer", "Jeg holder op med at spise"],
        whatHelps = new[] { "At gå en tur med hunden" },
        whatIDo = new[] { "Jeg ringer til min søster" },
        dayContacts = day ?? [],
        nightContacts = night ?? [new { kind = "Person", name = "Min søster Sara", phone = "+45 20 30 40 50" }],
        doNotWant = new[] { "Jeg vil ikke indlægges på afsnit P3", "Ring ikke til min arbejdsgiver" },
        peopleToTell = new[] { new { name = "Min søster Sara", phone = "+45 20 30 40 50", how = "Ring, ikke sms" } },
    };

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, Guid courseId, string ifMatch, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/courses/{courseId}/crisis-plan") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }

    /// <summary>Three offerings of the test's own: a 24-hour line (open now), a crisis service with no hours (closed), an inactive one.</summary>
    private async Task<(Guid Open, Guid Closed, Guid Inactive)> OfferingsAsync()
    {
        return await factory.WithDbAsync(async db =>
        {
            var existing = await db.Offerings.Where(o => o.ExternalId != null && o.ExternalId.StartsWith("crisis-test-")).ToDictionaryAsync(o => o.ExternalId!, o => o.Id);
            if (existing.Count == 3)
            {
                return (existing["crisis-test-open"], existing["crisis-test-closed"], existing["crisis-test-inactive"]);
            }

            var organization = await db.Organizations.Select(o => o.Id).FirstAsync();
            var now = SamspilFactory.Now;
            var open = Offering.Create(Guid.NewGuid(), organization, new OfferingDetails("Døgnlinjen (test)", "Telefon hele døgnet.", Phone: "70 20 12 01", IsAfterHours: true, AlwaysOpen: true), now, "crisis-test-open");
            var closed = Offering.Create(Guid.NewGuid(), organization, new OfferingDetails("Krisecenter (test)", "Aldrig åbent i testen.", Phone: "70 20 12 02", IsCrisis: true), now, "crisis-test-closed");
            var inactive = Offering.Create(Guid.NewGuid(), organization, new OfferingDetails("Lukket tilbud (test)", "Nedlagt.", OfferingStatus.Inactive, Phone: "70 20 12 03", IsAfterHours: true), now, "crisis-test-inactive");
            db.Offerings.AddRange(open, closed, inactive);
            await db.SaveChangesAsync();
            return (open.Id, closed.Id, inactive.Id);
        });
    }
}

public sealed class CrisisPlanTestsOnSqlite(SqliteFactory factory) : CrisisPlanTests(factory), IClassFixture<SqliteFactory>;

public sealed class CrisisPlanTestsOnPostgres(PostgresFactory factory) : CrisisPlanTests(factory), IClassFixture<PostgresFactory>;
