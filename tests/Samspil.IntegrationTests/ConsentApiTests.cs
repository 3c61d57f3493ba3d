using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests;

public abstract class ConsentApiTests(SamspilFactory factory)
{
    [Fact]
    public async Task A_consent_without_recipients_categories_or_purpose_is_refused_field_by_field()
    {
        using var client = await factory.ClientForAsync("behandler.odense");
        var courseId = (await TestData.CreateCourseAsync(client)).GetProperty("id").GetGuid();
        var response = await client.PostAsJsonAsync($"/api/v1/courses/{courseId}/consents", new { recipients = Array.Empty<object>(), categories = Array.Empty<string>() });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("recipients", out _));
        Assert.True(errors.TryGetProperty("categories", out _));
        Assert.True(errors.TryGetProperty("purpose", out _));
    }

    [Fact]
    public async Task A_signed_form_must_really_be_a_PDF_or_image_and_a_registered_consent_must_have_one()
    {
        using var client = await factory.ClientForAsync("behandler.odense");
        var courseId = (await TestData.CreateCourseAsync(client)).GetProperty("id").GetGuid();

        using var fake = new MultipartFormDataContent();
        var text = new ByteArrayContent("not a pdf at all"u8.ToArray());
        text.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        fake.Add(text, "file", "samtykke.pdf");
        var refused = await client.PostAsync($"/api/v1/courses/{courseId}/consent-documents", fake);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        var withoutForm = await client.PostAsJsonAsync($"/api/v1/courses/{courseId}/consents", new
        {
            recipients = new[] { new { kind = "Organization", targetId = await TestData.OrganizationIdAsync(client, "Jobcenter Odense") } },
            categories = new[] { "StatusAndAppointments" },
            purpose = "Koordinering",
        });
        Assert.Equal(HttpStatusCode.BadRequest, withoutForm.StatusCode);
    }

    [Fact]
    public async Task Limiting_a_consent_makes_a_new_version_and_keeps_the_old_one()
    {
        using var client = await factory.ClientForAsync("behandler.odense");
        var courseId = (await TestData.CreateCourseAsync(client)).GetProperty("id").GetGuid();
        var jobcentre = await TestData.OrganizationIdAsync(client, "Jobcenter Odense");
        var gp = await TestData.OrganizationIdAsync(client, "Lægehuset Åløkken (demo)");
        var first = await TestData.RegisterConsentAsync(client, courseId, new { kind = "Organization", targetId = jobcentre }, new { kind = "Organization", targetId = gp });

        var revised = await client.PostAsJsonAsync($"/api/v1/consents/{first}/revisions", new
        {
            recipients = new[] { new { kind = "Organization", targetId = jobcentre } },
            categories = new[] { "StatusAndAppointments" },
            purpose = "Kun status til jobcentret",
        });
        Assert.Equal(HttpStatusCode.Created, revised.StatusCode);

        var consents = await client.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/consents");
        Assert.Equal(2, consents.GetArrayLength());
        var active = consents.EnumerateArray().Single(c => c.GetProperty("status").GetString() == "Active");
        Assert.Equal(2, active.GetProperty("version").GetInt32());
        Assert.Single(active.GetProperty("recipients").EnumerateArray());
        var old = consents.EnumerateArray().Single(c => c.GetProperty("status").GetString() == "Superseded");
        Assert.Equal(1, old.GetProperty("version").GetInt32());
        Assert.Equal(active.GetProperty("seriesId").GetGuid(), old.GetProperty("seriesId").GetGuid());

        // A superseded version can neither be revoked nor revised again.
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"/api/v1/consents/{first}/revoke", null)).StatusCode);
    }

    [Fact]
    public async Task The_citizen_gives_and_revokes_their_own_consent_signed_in()
    {
        using var abby = await factory.ClientForAsync("borger.abby");
        var mine = await abby.GetFromJsonAsync<JsonElement>("/api/v1/me/consents");
        var before = mine.GetArrayLength();

        using var staff = await factory.ClientForAsync("behandler.odense");
        var gp = await TestData.OrganizationIdAsync(staff, "Lægehuset ved Fjorden (demo)");
        var given = await abby.PostAsJsonAsync("/api/v1/me/consents", new
        {
            recipients = new[] { new { kind = "Organization", targetId = gp } },
            categories = new[] { "StatusAndAppointments", "HealthAndTreatment" },
            purpose = "Min læge må se, hvordan det går",
            notFor = "Ikke til forsikringsselskaber",
        });
        Assert.Equal(HttpStatusCode.Created, given.StatusCode);
        var id = (await given.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        mine = await abby.GetFromJsonAsync<JsonElement>("/api/v1/me/consents");
        Assert.Equal(before + 1, mine.GetArrayLength());
        var consent = mine.EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == id);
        Assert.Equal("CitizenOnline", consent.GetProperty("method").GetString());
        Assert.Equal("Lægehuset ved Fjorden (demo)", consent.GetProperty("recipients")[0].GetProperty("name").GetString());
        Assert.Equal("2027-11-22", consent.GetProperty("validTo").GetString()); // one year by default

        Assert.Equal(HttpStatusCode.NoContent, (await abby.PostAsync($"/api/v1/consents/{id}/revoke", null)).StatusCode);
        mine = await abby.GetFromJsonAsync<JsonElement>("/api/v1/me/consents");
        Assert.Equal("Revoked", mine.EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == id).GetProperty("status").GetString());

        // Another citizen cannot touch it; it reads as not found.
        using var preben = await factory.ClientForAsync("borger.preben");
        Assert.Equal(HttpStatusCode.NotFound, (await preben.PostAsync($"/api/v1/consents/{id}/revoke", null)).StatusCode);
    }

    [Fact]
    public async Task Hear_me_where_I_am_now_keeps_older_records_from_other_organisations_but_not_from_their_author()
    {
        using var coordinator = await factory.ClientForAsync("behandler.odense");
        var courseId = (await TestData.CreateCourseAsync(coordinator)).GetProperty("id").GetGuid();
        await coordinator.PostAsJsonAsync($"/api/v1/courses/{courseId}/phase", new { phase = "Treatment", note = "Gammel oplysning" });

        var consentId = await TestData.RegisterConsentAsync(coordinator, courseId, new { kind = "Organization", targetId = await TestData.OrganizationIdAsync(coordinator, "Jobcenter Odense") });
        var cutOff = await coordinator.PostAsJsonAsync($"/api/v1/consents/{consentId}/revisions", new
        {
            recipients = new[] { new { kind = "Organization", targetId = await TestData.OrganizationIdAsync(coordinator, "Jobcenter Odense") } },
            categories = new[] { "StatusAndAppointments" },
            purpose = "Hør mig, hvor jeg er nu",
            excludeRecordsBefore = "2026-11-23",
        });
        Assert.Equal(HttpStatusCode.Created, cutOff.StatusCode);

        using var jobcentre = await factory.ClientForAsync("sagsbehandler.odense");
        var seenByJobcentre = await jobcentre.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}", SamspilFactory.Json);
        Assert.Empty(seenByJobcentre.GetProperty("phaseHistory").EnumerateArray());
        Assert.Equal("Treatment", seenByJobcentre.GetProperty("phase").GetString());

        var seenByAuthor = await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}", SamspilFactory.Json);
        Assert.Equal(2, seenByAuthor.GetProperty("phaseHistory").GetArrayLength());
    }

    [Fact]
    public async Task The_job_centre_follows_up_on_sickness_benefit_on_the_legal_basis_not_for_coordination()
    {
        // A course the job centre is responsible for, recorded by the clinic, with no consent.
        using var clinic = await factory.ClientForAsync("behandler.odense");
        var courseId = (await TestData.CreateCourseAsync(clinic)).GetProperty("id").GetGuid();

        using var jobcentre = await factory.ClientForAsync("sagsbehandler.odense");
        Assert.Equal(HttpStatusCode.NotFound, (await jobcentre.GetAsync($"/api/v1/courses/{courseId}")).StatusCode);

        var followUp = await jobcentre.GetAsync($"/api/v1/courses/{courseId}?purpose=SicknessBenefitFollowUp");
        Assert.Equal(HttpStatusCode.OK, followUp.StatusCode);
        Assert.Equal("LegalBasis", (await followUp.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessBasis").GetString());
        var listed = await jobcentre.GetFromJsonAsync<JsonElement>("/api/v1/courses?purpose=SicknessBenefitFollowUp");
        Assert.Contains(courseId, listed.EnumerateArray().Select(c => c.GetProperty("id").GetGuid()));

        var bases = await jobcentre.GetFromJsonAsync<JsonElement>("/api/v1/legal-bases");
        Assert.Contains(bases.EnumerateArray(), b => b.GetProperty("code").GetString() == "rsl-12c" && b.GetProperty("lawReference").GetString() == "Retssikkerhedsloven § 12 c");

        var logged = await factory.WithDbAsync(db => db.AccessLog.Where(e => e.ResourceId == courseId && e.LegalBasisCode == "rsl-12c").CountAsync());
        Assert.True(logged >= 2);

        // Another municipality's job centre is not responsible, so the legal basis does not reach it.
        using var kolding = await factory.ClientForAsync("sagsbehandler.kolding");
        Assert.Equal(HttpStatusCode.NotFound, (await kolding.GetAsync($"/api/v1/courses/{courseId}?purpose=SicknessBenefitFollowUp")).StatusCode);
    }

    [Fact]
    public async Task The_signed_form_can_be_fetched_by_the_team_and_by_nobody_else()
    {
        using var client = await factory.ClientForAsync("behandler.odense");
        var courseId = (await TestData.CreateCourseAsync(client)).GetProperty("id").GetGuid();
        var consentId = await TestData.RegisterConsentAsync(client, courseId, new { kind = "Organization", targetId = await TestData.OrganizationIdAsync(client, "Jobcenter Odense") });

        var document = await client.GetAsync($"/api/v1/consents/{consentId}/document");
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        Assert.Equal("application/pdf", document.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TestData.Pdf, await document.Content.ReadAsByteArrayAsync());

        using var stranger = await factory.ClientForAsync("laege3");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/consents/{consentId}/document")).StatusCode);
    }

    [Fact]
    public async Task Consent_pages_and_routes_for_the_citizen_refuse_professionals_with_403()
    {
        using var client = await factory.ClientForAsync("behandler.odense");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/me/consents")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/me/access-log")).StatusCode);
    }

    [Fact]
    public async Task The_course_list_warns_about_missing_and_expiring_consent()
    {
        using var client = await factory.ClientForAsync("behandler.odense");
        var courseId = (await TestData.CreateCourseAsync(client)).GetProperty("id").GetGuid();
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/courses");
        Assert.Equal("Missing", list.EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == courseId).GetProperty("consentState").GetString());

        var consentId = await TestData.RegisterConsentAsync(client, courseId, new { kind = "Organization", targetId = await TestData.OrganizationIdAsync(client, "Jobcenter Odense") });
        list = await client.GetFromJsonAsync<JsonElement>("/api/v1/courses");
        Assert.Equal("Active", list.EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == courseId).GetProperty("consentState").GetString());

        await client.PostAsJsonAsync($"/api/v1/consents/{consentId}/revisions", new
        {
            recipients = new[] { new { kind = "Organization", targetId = await TestData.OrganizationIdAsync(client, "Jobcenter Odense") } },
            categories = new[] { "StatusAndAppointments" },
            purpose = "Kort samtykke",
            validTo = "2026-12-10",
        });
        list = await client.GetFromJsonAsync<JsonElement>("/api/v1/courses");
        Assert.Equal("Expiring", list.EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == courseId).GetProperty("consentState").GetString());
    }
}

public sealed class ConsentApiTestsOnSqlite(SqliteFactory factory) : ConsentApiTests(factory), IClassFixture<SqliteFactory>;

public sealed class ConsentApiTestsOnPostgres(PostgresFactory factory) : ConsentApiTests(factory), IClassFixture<PostgresFactory>;
