using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Samspil.Features.Administration;
using Samspil.Features.Questionnaires;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests.Questionnaires;

/// <summary>
/// Issue 19: administrators list, view, import (new key or new version), export, retire/activate instruments and
/// load a language's texts; other staff read; citizens do not; every refusal is a problem listing the problems,
/// never a 500; every change is in the administration log.
/// </summary>
public abstract class QuestionnaireAdministrationTests(SamspilFactory factory)
{
    [Fact]
    public async Task An_administrator_exports_imports_a_new_version_retires_activates_and_every_change_is_logged()
    {
        using var admin = await factory.ClientForAsync("admin.region");
        var list = await admin.GetFromJsonAsync<JsonElement>("/api/v1/questionnaires", SamspilFactory.Json);
        var who5 = list.EnumerateArray().First(i => i.GetProperty("key").GetString() == "who-5");
        Assert.True(who5.GetProperty("shipped").GetBoolean());
        Assert.Equal(["da", "en"], who5.GetProperty("languages").EnumerateArray().Select(l => l.GetString()));
        var id = who5.GetProperty("id").GetGuid();

        var domain = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/questionnaires/{id}", SamspilFactory.Json);
        Assert.Equal(50m, domain.GetProperty("definition").GetProperty("scoring").GetProperty("scales")[0].GetProperty("cutOff").GetProperty("value").GetDecimal());

        var fhir = await admin.GetAsync($"/api/v1/questionnaires/{id}/fhir");
        Assert.Equal(HttpStatusCode.OK, fhir.StatusCode);
        Assert.Equal("application/fhir+json", fhir.Content.Headers.ContentType?.MediaType);
        var exported = JsonNode.Parse(await fhir.Content.ReadAsStringAsync())!;
        Assert.Equal("https://samspil.dk/fhir/Questionnaire/who-5", exported["url"]!.GetValue<string>());

        // The same key without a version: the next free version, the old one stays active (nothing retired automatically).
        exported.AsObject().Remove("version");
        exported.AsObject().Remove("id");
        var created = await PostFhirAsync(admin, "/api/v1/questionnaires", exported.ToJsonString());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var version2 = await created.Content.ReadFromJsonAsync<JsonElement>(SamspilFactory.Json);
        Assert.Equal(2, version2.GetProperty("version").GetInt32());
        Assert.False(version2.GetProperty("shipped").GetBoolean());
        var id2 = version2.GetProperty("id").GetGuid();
        Assert.Equal(domain.GetProperty("definition").GetRawText(), version2.GetProperty("definition").GetRawText());
        Assert.Equal("Active", await StatusAsync(admin, id));

        // The same key and version again: refused, nothing written.
        exported["version"] = "2";
        var again = await PostFhirAsync(admin, "/api/v1/questionnaires", exported.ToJsonString());
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.True((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("version", out _));

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/questionnaires/{id}/retire", null)).StatusCode);
        Assert.Equal("Retired", await StatusAsync(admin, id));
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/questionnaires/{id}/activate", null)).StatusCode);
        Assert.Equal("Active", await StatusAsync(admin, id));

        // The test clock stands still, so the entries share a time: compared as a set.
        var log = await factory.WithDbAsync(db => db.AdministrationLog.Where(e => e.TargetName.StartsWith("who-5 v")).Select(e => new { e.Action, e.TargetName }).ToListAsync());
        Assert.Equal(
            new[] { (AdministrationAction.InstrumentActivated, "who-5 v1"), (AdministrationAction.InstrumentImported, "who-5 v2"), (AdministrationAction.InstrumentRetired, "who-5 v1") },
            log.Select(e => (e.Action, e.TargetName)).OrderBy(e => e.Action.ToString(), StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_licensed_translation_is_loaded_into_a_version_and_the_refusals_are_problems()
    {
        using var admin = await factory.ClientForAsync("admin.region");
        var id = await ImportTestInstrumentAsync(admin, "test-translated");

        var translation = TestQuestionnaire("test-translated", "ar", "استبيان", "كيف حالك؟", "جيد");
        var loaded = await PostFhirAsync(admin, $"/api/v1/questionnaires/{id}/languages", translation);
        Assert.Equal(HttpStatusCode.OK, loaded.StatusCode);
        var view = await loaded.Content.ReadFromJsonAsync<JsonElement>(SamspilFactory.Json);
        Assert.Equal(["da", "ar"], view.GetProperty("definition").GetProperty("languages").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal("كيف حالك؟", view.GetProperty("definition").GetProperty("items")[0].GetProperty("text").GetProperty("texts").GetProperty("ar").GetString());
        Assert.Equal("Hvordan har du det?", view.GetProperty("definition").GetProperty("items")[0].GetProperty("text").GetProperty("texts").GetProperty("da").GetString());

        // Items that do not match the version's: refused with the place named.
        var wrong = TestQuestionnaire("test-translated", "fa", "پرسشنامه", "حال شما؟", "خوب").Replace("\"linkId\":\"q1\"", "\"linkId\":\"other\"", StringComparison.Ordinal);
        var refused = await PostFhirAsync(admin, $"/api/v1/questionnaires/{id}/languages", wrong);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("item[0]", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await PostFhirAsync(admin, $"/api/v1/questionnaires/{Guid.NewGuid()}/languages", translation)).StatusCode);
    }

    [Fact]
    public async Task Hostile_input_gets_problem_details_and_unknown_ids_404_never_a_500()
    {
        using var admin = await factory.ClientForAsync("admin.region");
        var before = await factory.WithDbAsync(db => db.Instruments.CountAsync());

        var malformed = await PostFhirAsync(admin, "/api/v1/questionnaires", "{\"resourceType\":\"Questionnaire\",");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);

        var unsupported = await PostFhirAsync(admin, "/api/v1/questionnaires",
            """{"resourceType":"Questionnaire","status":"active","url":"https://samspil.dk/fhir/Questionnaire/test-bad","title":"T\u0000","item":[{"linkId":"1","type":"attachment","text":"Upload"},{"linkId":"1","type":"display","text":"x"}]}""");
        Assert.Equal(HttpStatusCode.BadRequest, unsupported.StatusCode);
        var errors = (await unsupported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("item[0].type", out _));
        Assert.True(errors.TryGetProperty("item[1].linkId", out _));
        Assert.True(errors.TryGetProperty("title", out _));

        var tooLarge = await PostFhirAsync(admin, "/api/v1/questionnaires", "{\"resourceType\":\"Questionnaire\",\"title\":\"" + new string('x', QuestionnaireFhir.MaxJsonBytes) + "\"}");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);

        using var notUtf8 = new ByteArrayContent([0x7b, 0xff, 0xfe, 0x7d]);
        notUtf8.Headers.ContentType = new MediaTypeHeaderValue("application/fhir+json");
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/api/v1/questionnaires", notUtf8)).StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await admin.PostAsync("/api/v1/questionnaires", new StringContent("<Questionnaire/>", Encoding.UTF8, "application/xml"))).StatusCode);

        var badKey = await PostFhirAsync(admin, "/api/v1/questionnaires?key=" + Uri.EscapeDataString("../../etc"), TestQuestionnaire("test-key", "da", "T", "Q", "A"));
        Assert.Equal(HttpStatusCode.BadRequest, badKey.StatusCode);

        foreach (var path in new[] { $"/api/v1/questionnaires/{Guid.NewGuid()}", "/api/v1/questionnaires/not-a-guid", $"/api/v1/questionnaires/{Guid.NewGuid()}/fhir", "/api/v1/questionnaires/%E2%80%AE%20x/fhir" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(path)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/v1/questionnaires/{Guid.NewGuid()}/retire", null)).StatusCode);
        Assert.Equal(before, await factory.WithDbAsync(db => db.Instruments.CountAsync()));
    }

    [Fact]
    public async Task Staff_read_instruments_only_administrators_change_them_and_citizens_see_none()
    {
        using var admin = await factory.ClientForAsync("admin.region");
        var id = await ImportTestInstrumentAsync(admin, "test-access");

        using var clinician = await factory.ClientForAsync("behandler.odense");
        Assert.Equal(HttpStatusCode.OK, (await clinician.GetAsync("/api/v1/questionnaires")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await clinician.GetAsync($"/api/v1/questionnaires/{id}/fhir")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostFhirAsync(clinician, "/api/v1/questionnaires", TestQuestionnaire("test-mine", "da", "T", "Q", "A"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await clinician.PostAsync($"/api/v1/questionnaires/{id}/retire", null)).StatusCode);

        using var citizen = await factory.ClientForAsync("borger.preben");
        Assert.Equal(HttpStatusCode.Forbidden, (await citizen.GetAsync("/api/v1/questionnaires")).StatusCode);
        Assert.Equal("Active", await StatusAsync(admin, id));
    }

    [Fact]
    public async Task The_administration_pages_list_show_import_and_refuse_a_bad_file_readably()
    {
        using var browser = await factory.CookieClientAsync("admin.region");
        var listPage = await browser.GetStringAsync("/Admin/Questionnaires");
        Assert.Contains("WHO-5 Trivselsindeks", listPage, StringComparison.Ordinal);

        var imported = await UploadAsync(browser, "/Admin/Questionnaires?handler=Import", listPage, TestQuestionnaire("test-page", "da", "Sideskema", "Hvordan har du det?", "Godt"));
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        var view = await browser.GetStringAsync(imported.Headers.Location!.OriginalString);
        Assert.Contains("Sideskema", view, StringComparison.Ordinal);
        Assert.Contains("Hvordan har du det?", view, StringComparison.Ordinal);

        var export = await browser.GetAsync(imported.Headers.Location!.OriginalString + "?handler=Fhir");
        Assert.Equal("application/fhir+json", export.Content.Headers.ContentType?.MediaType);
        Assert.Equal("test-page", QuestionnaireFhir.Import(await export.Content.ReadAsStringAsync()).Key);

        var refused = await UploadAsync(browser, "/Admin/Questionnaires?handler=Import", listPage, """{"resourceType":"Questionnaire","status":"active","title":"T","item":[{"linkId":"1","type":"boolean"}]}""");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("item[0].type:", html, StringComparison.Ordinal);

        using var clinician = await factory.CookieClientAsync("behandler.odense");
        Assert.NotEqual(HttpStatusCode.OK, (await clinician.GetAsync("/Admin/Questionnaires")).StatusCode);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient browser, string url, string pageWithForm, string json)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(SamspilFactory.AntiforgeryToken(pageWithForm)), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(json)), "file", "questionnaire.json" },
        };
        return await browser.PostAsync(url, form);
    }

    private static async Task<Guid> ImportTestInstrumentAsync(HttpClient admin, string key)
    {
        var created = await PostFhirAsync(admin, "/api/v1/questionnaires", TestQuestionnaire(key, "da", "Testskema", "Hvordan har du det?", "Godt"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<string?> StatusAsync(HttpClient client, Guid id) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/questionnaires/{id}", SamspilFactory.Json)).GetProperty("status").GetString();

    private static Task<HttpResponseMessage> PostFhirAsync(HttpClient client, string url, string json) =>
        client.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/fhir+json"));

    /// <summary>A small questionnaire in one language: a title, one choice item with one option.</summary>
    private static string TestQuestionnaire(string key, string language, string title, string question, string option) =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["resourceType"] = "Questionnaire",
            ["url"] = QuestionnaireFhir.CanonicalUrl(key),
            ["status"] = "active",
            ["language"] = language,
            ["title"] = title,
            ["item"] = new[] { new { linkId = "q1", type = "choice", text = question, required = true, answerOption = new[] { new { valueCoding = new { code = "a", display = option } } } } },
        });
}

public sealed class QuestionnaireAdministrationTestsOnSqlite(SqliteFactory factory) : QuestionnaireAdministrationTests(factory), IClassFixture<SqliteFactory>;

public sealed class QuestionnaireAdministrationTestsOnPostgres(PostgresFactory factory) : QuestionnaireAdministrationTests(factory), IClassFixture<PostgresFactory>;
