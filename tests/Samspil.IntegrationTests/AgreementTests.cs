using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samspil.Domain.Agreements;
using Samspil.Domain.Notifications;
using Samspil.Features.Agreements;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests;

/// <summary>
/// Collaboration agreements (samarbejdsaftaler, issue 18 point 6): who reads and who changes them, every change a
/// version with its document still readable, stale changes refused, hostile input answered with problem details, the
/// review reminder to the parties' administrators (once per version and review date, on the fake clock), and the
/// agreement a course runs under.
/// </summary>
public abstract class AgreementTests(SamspilFactory factory)
{
    private const string Tvaerindsats = "Tværindsats for flygtninge med traumer — Psykiatrien i Region Syddanmark og Odense Kommune (demo)";

    private DateOnly Today => Samspil.Infrastructure.Time.CopenhagenTime.Today(factory.Time);

    [Fact]
    public async Task Every_staff_member_reads_the_list_in_force_first_citizens_and_strangers_do_not()
    {
        using var professional = await factory.ClientForAsync("behandler.odense");
        var list = await professional.GetFromJsonAsync<JsonElement>("/api/v1/agreements", SamspilFactory.Json);
        var statuses = list.EnumerateArray().Select(a => a.GetProperty("status").GetString()).ToList();
        Assert.Equal("InForce", statuses[0]);
        Assert.Equal("Expired", statuses[^1]);
        Assert.Contains(list.EnumerateArray(), a => a.GetProperty("title").GetString() == Tvaerindsats && a.GetProperty("reviewDueSoon").GetBoolean());

        // Filters: a target group, and an organisation below a party (the clinic in Odense is part of the region's trauma psychiatry).
        var refugees = await professional.GetFromJsonAsync<JsonElement>("/api/v1/agreements?targetGroup=ptsd-refugee", SamspilFactory.Json);
        Assert.All(refugees.EnumerateArray(), a => Assert.Contains(a.GetProperty("targetGroups").EnumerateArray(), t => t.GetProperty("code").GetString() == "ptsd-refugee"));
        Assert.Contains(refugees.EnumerateArray(), a => a.GetProperty("title").GetString() == Tvaerindsats);
        var clinic = await TestData.OrganizationIdAsync(professional, "Traumeklinikken Odense");
        var byClinic = await professional.GetFromJsonAsync<JsonElement>($"/api/v1/agreements?organizationId={clinic}", SamspilFactory.Json);
        Assert.Contains(byClinic.EnumerateArray(), a => a.GetProperty("title").GetString() == Tvaerindsats);
        Assert.DoesNotContain(byClinic.EnumerateArray(), a => a.GetProperty("title").GetString()!.StartsWith("Hyppigt indlagte", StringComparison.Ordinal));

        // A manager reads too; the detail carries its version as the ETag, and the professional may not edit it.
        var id = refugees.EnumerateArray().First(a => a.GetProperty("title").GetString() == Tvaerindsats).GetProperty("id").GetGuid();
        using var manager = await factory.ClientForAsync("leder.odense");
        var detail = await manager.GetAsync($"/api/v1/agreements/{id}");
        Assert.Equal(HttpStatusCode.OK, detail.StatusCode);
        Assert.Equal("\"2\"", detail.Headers.ETag?.Tag);
        var body = await detail.Content.ReadFromJsonAsync<JsonElement>(SamspilFactory.Json);
        Assert.False(body.GetProperty("canEdit").GetBoolean());
        Assert.Equal(2, body.GetProperty("parties").GetArrayLength());
        Assert.Equal("Anders Demo-Skytte", body.GetProperty("parties")[0].GetProperty("contact").GetProperty("name").GetString());

        // Citizens and anonymous callers: no agreements (the API refuses; the pages send them away).
        using var citizen = await factory.ClientForAsync("borger.mariam");
        Assert.Equal(HttpStatusCode.Forbidden, (await citizen.GetAsync("/api/v1/agreements")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await citizen.GetAsync($"/api/v1/agreements/{id}")).StatusCode);
        using var anonymous = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/agreements")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await professional.GetAsync($"/api/v1/agreements/{Guid.NewGuid()}")).StatusCode);

        using var staffPage = await factory.CookieClientAsync("behandler.odense");
        var html = await staffPage.GetStringAsync("/Agreements");
        Assert.Contains(Tvaerindsats, html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"new-agreement\"", html, StringComparison.Ordinal);
        var filtered = await staffPage.GetStringAsync("/Agreements?targetGroup=frequent-admissions");
        Assert.Contains("Hyppigt indlagte", filtered, StringComparison.Ordinal);
        Assert.DoesNotContain(Tvaerindsats, filtered, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await staffPage.GetAsync("/Agreements?organization=ikke-et-id&targetGroup=" + new string('x', 500))).StatusCode);
        var detailHtml = await staffPage.GetStringAsync($"/Agreements/{id}");
        Assert.Contains("data-testid=\"agreement-versions\"", detailHtml, StringComparison.Ordinal);
        Assert.Contains("samarbejdsaftale-tvaerindsats-demo.pdf", detailHtml, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"earlier-version\"", await staffPage.GetStringAsync($"/Agreements/{id}?version=1"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await staffPage.GetAsync($"/Agreements/{id}?version=99")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await staffPage.GetAsync($"/Agreements/Edit/{id}")).StatusCode);
        using var citizenPage = await factory.CookieClientAsync("borger.mariam");
        var refused = await citizenPage.GetAsync("/Agreements");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/Account/AccessDenied", refused.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_of_a_party_creates_and_changes_it_every_change_is_a_version_and_a_stale_change_is_refused()
    {
        using var admin = await factory.ClientForAsync("admin.odense");
        var request = await RequestAsync(admin, "Odense Kommune", "Traumeklinikken Odense", title: "Aftale om job og behandling (test)");
        var created = await admin.PostAsJsonAsync("/api/v1/agreements", request, SamspilFactory.Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("\"1\"", created.Headers.ETag?.Tag);
        var agreement = await created.Content.ReadFromJsonAsync<JsonElement>(SamspilFactory.Json);
        var id = agreement.GetProperty("id").GetGuid();
        Assert.True(agreement.GetProperty("canEdit").GetBoolean());
        Assert.Equal("InForce", agreement.GetProperty("status").GetString());

        // A change needs the version read; the wrong version is refused with both versions, and nothing is written.
        request["purpose"] = "Ændret formål (test)";
        Assert.Equal(HttpStatusCode.PreconditionRequired, (await admin.PutAsJsonAsync($"/api/v1/agreements/{id}", request, SamspilFactory.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(admin, id, request, "\"1\"")).StatusCode);
        request["purpose"] = "Et andet formål, skrevet samtidig (test)";
        var stale = await PutAsync(admin, id, request, "\"1\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(2, (await stale.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("currentVersion").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, (await PutAsync(admin, id, request, "\"to\"")).StatusCode);

        // Documents: PDF only, recognised by content; each upload a version; earlier versions' documents stay readable.
        var firstPdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% version 1 of the agreement\n%%EOF\n");
        var secondPdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% version 2 of the agreement\n%%EOF\n");
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(admin, id, firstPdf, "aftale.pdf", "\"2\"")).StatusCode);
        var notPdf = await UploadAsync(admin, id, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2], "aftale.pdf", "\"3\"");
        Assert.Equal(HttpStatusCode.BadRequest, notPdf.StatusCode);
        Assert.Equal("application/problem+json", notPdf.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, (await UploadAsync(admin, id, firstPdf, "aftale.docx", "\"3\"")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await UploadAsync(admin, id, [], "tom.pdf", "\"3\"")).StatusCode);
        var second = await UploadAsync(admin, id, secondPdf, "aftale-v2.pdf", "\"3\"");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("aftale-v2.pdf", (await second.Content.ReadFromJsonAsync<JsonElement>(SamspilFactory.Json)).GetProperty("document").GetProperty("fileName").GetString());

        var versions = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/agreements/{id}/versions", SamspilFactory.Json);
        Assert.Equal([4, 3, 2, 1], versions.EnumerateArray().Select(v => v.GetProperty("number").GetInt32()));
        Assert.All(versions.EnumerateArray(), v => Assert.Equal("Ulla Demo-Carlsen", v.GetProperty("changedBy").GetString()));
        Assert.Equal("Ændret formål (test)", versions[1].GetProperty("purpose").GetString());
        var oldDocument = versions[1].GetProperty("document").GetProperty("url").GetString()!;
        using var reader = await factory.ClientForAsync("behandler.odense");
        var download = await reader.GetAsync(oldDocument);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(firstPdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/api/v1/agreements/{id}/documents/{Guid.NewGuid()}")).StatusCode);

        // Who may change it: not a professional, not an administrator of neither party; an administrator above a party may.
        Assert.Equal(HttpStatusCode.Forbidden, (await PutAsync(reader, id, request, "\"4\"")).StatusCode);
        using var regionAdmin = await factory.ClientForAsync("admin.region");
        var kolding = await RequestAsync(regionAdmin, "Kolding Kommune", "Traumeklinikken Vejle", title: "Kolding og Vejle (test)");
        var koldingCreated = await regionAdmin.PostAsJsonAsync("/api/v1/agreements", kolding, SamspilFactory.Json);
        Assert.Equal(HttpStatusCode.Created, koldingCreated.StatusCode);
        var koldingId = (await koldingCreated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var foreign = await PutAsync(admin, koldingId, kolding, "\"1\"");
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal("application/problem+json", foreign.Content.Headers.ContentType?.MediaType);
        var notMine = await admin.PostAsJsonAsync("/api/v1/agreements", kolding, SamspilFactory.Json);
        Assert.Equal(HttpStatusCode.BadRequest, notMine.StatusCode);
        Assert.True((await notMine.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("parties", out _));
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(regionAdmin, id, request, "\"4\"")).StatusCode); // the region is above the clinic

        // A draft is listed, marked; and it is no course's agreement.
        request["isDraft"] = true;
        Assert.Equal("Draft", (await (await PutAsync(regionAdmin, id, request, "\"5\"")).Content.ReadFromJsonAsync<JsonElement>(SamspilFactory.Json)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Hostile_and_bad_input_is_answered_with_problem_details_and_writes_nothing()
    {
        using var admin = await factory.ClientForAsync("admin.odense");
        var before = await factory.WithDbAsync(db => db.Set<CollaborationAgreement>().CountAsync());

        async Task ExpectAsync(string field, Action<Dictionary<string, object?>> spoil)
        {
            var request = await RequestAsync(admin, "Odense Kommune", "Traumeklinikken Odense");
            spoil(request);
            var response = await admin.PostAsJsonAsync("/api/v1/agreements", request, SamspilFactory.Json);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{field}: {problem}");
        }

        var odense = await TestData.OrganizationIdAsync(admin, "Odense Kommune");
        var jobcentre = await TestData.OrganizationIdAsync(admin, "Jobcenter Odense");
        await ExpectAsync("parties[1].organizationId", r => r["parties"] = new[] { Party(odense), Party(Guid.NewGuid()) });
        await ExpectAsync("parties", r => r["parties"] = new[] { Party(odense) });
        await ExpectAsync("parties", r => r["parties"] = new[] { Party(odense), Party(jobcentre) }); // one sector
        await ExpectAsync("parties[1].organizationId", r => r["parties"] = new[] { Party(odense), Party(odense) });
        await ExpectAsync("validTo", r => { r["validFrom"] = "2026-06-01"; r["validTo"] = "2026-05-31"; });
        await ExpectAsync("nextReviewOn", r => { r["validFrom"] = "2026-06-01"; r["nextReviewOn"] = "2026-01-01"; });
        await ExpectAsync("validFrom", r => r["validFrom"] = null);
        await ExpectAsync("title", r => r["title"] = new string('x', 201));
        await ExpectAsync("title", r => r["title"] = "Aftale\u0000med nul");
        await ExpectAsync("purpose", r => r["purpose"] = new string('y', 4001));
        await ExpectAsync("targetGroupCodes", r => r["targetGroupCodes"] = new[] { "no-such-group" });
        await ExpectAsync("targetGroupCodes", r => r["targetGroupCodes"] = Array.Empty<string>());
        await ExpectAsync("parties[0].decisionRights", r => r["parties"] = new[] { Party(odense, rights: " "), Party(jobcentre) });
        await ExpectAsync("parties[0].contactEmail", r => r["parties"] = new[] { Party(odense, email: "ikke en adresse"), Party(Guid.NewGuid()) });
        await ExpectAsync("parties[0].contactPractitionerRoleId", r => r["parties"] = new[] { Party(odense, role: Guid.NewGuid()), Party(jobcentre) });

        // Wrong types and malformed bodies are the client's fault too, never a 500.
        using var json = new StringContent("{\"title\": 12, \"parties\": \"alle\"", Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/api/v1/agreements", json)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/v1/agreements?organizationId=not-a-guid")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/v1/agreements?targetGroup=" + new string('a', 51))).StatusCode);
        using var notForm = new StringContent("x", Encoding.UTF8, "text/plain");
        notForm.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        using var upload = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/agreements/{Guid.NewGuid()}/document") { Content = notForm };
        upload.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await admin.SendAsync(upload)).StatusCode);

        Assert.Equal(before, await factory.WithDbAsync(db => db.Set<CollaborationAgreement>().CountAsync()));

        // The form shows the same faults beside their fields, in Danish.
        using var page = await factory.CookieClientAsync("admin.odense");
        var form = await page.GetStringAsync("/Agreements/Edit");
        var posted = await page.PostAsync("/Agreements/Edit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = SamspilFactory.AntiforgeryToken(form),
            ["Form.Title"] = "Formularaftale (test)",
            ["Form.Purpose"] = "Test af formularen",
            ["Form.TargetGroupCodes"] = "ptsd-veteran",
            ["Form.ValidFrom"] = "01-06-2026",
            ["Form.ValidTo"] = "31-05-2026",
            ["Form.PartyOrganizationIds[0]"] = odense.ToString(),
            ["Form.PartyDecisionRights[0]"] = "Beslutter kommunens indsats.",
            ["Form.PartyDecisionRights[1]"] = "Beslutter noget, men organisationen mangler.",
        }));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var html = await posted.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"form-errors\"", html, StringComparison.Ordinal);
        Assert.Contains("Slutdatoen ligger før startdatoen.", html, StringComparison.Ordinal);
        Assert.Contains("id=\"party-1-org-error\"", html, StringComparison.Ordinal); // beside the second row's organisation, not the first's
        Assert.Equal(before, await factory.WithDbAsync(db => db.Set<CollaborationAgreement>().CountAsync()));

        // …and a correct form saves version 1 and shows it.
        var saved = await page.PostAsync("/Agreements/Edit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = SamspilFactory.AntiforgeryToken(form),
            ["Form.Title"] = "Formularaftale (test)",
            ["Form.Purpose"] = "Test af formularen",
            ["Form.TargetGroupCodes"] = "ptsd-veteran",
            ["Form.ValidFrom"] = "01-06-2026",
            ["Form.NextReviewOn"] = "01-06-2027",
            ["Form.PartyOrganizationIds[0]"] = odense.ToString(),
            ["Form.PartyDecisionRights[0]"] = "Beslutter kommunens indsats.",
            ["Form.PartyOrganizationIds[1]"] = string.Empty, // an empty row between two parties, as a browser sends it
            ["Form.PartyDecisionRights[1]"] = string.Empty,
            ["Form.PartyContactNames[0]"] = string.Empty,
            ["Form.PartyContactNames[1]"] = string.Empty,
            ["Form.PartyOrganizationIds[2]"] = (await TestData.OrganizationIdAsync(admin, "Traumeklinikken Odense")).ToString(),
            ["Form.PartyDecisionRights[2]"] = "Beslutter behandlingen.",
            ["Form.PartyContactNames[2]"] = "Kari Demo-Test",
        }));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var shown = await page.GetStringAsync(saved.Headers.Location!.ToString());
        Assert.Contains("Kari Demo-Test", shown, StringComparison.Ordinal);
        Assert.Equal(before + 1, await factory.WithDbAsync(db => db.Set<CollaborationAgreement>().CountAsync()));
    }

    [Fact]
    public async Task The_parties_administrators_are_reminded_before_the_review_once_per_version_and_review_date()
    {
        using var admin = await factory.ClientForAsync("admin.odense");
        var request = await RequestAsync(admin, "Odense Kommune", "Traumeklinikken Odense", title: "Aftale der skal genbesøges (test)");
        request["nextReviewOn"] = Day(Today.AddDays(40));
        var created = await admin.PostAsJsonAsync("/api/v1/agreements", request, SamspilFactory.Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var link = $"/Agreements/{id:D}";

        // Forty days ahead: not yet (the default warning is 30 days).
        await RunAsync();
        Assert.Empty(await NoticesAsync(link));

        // Ten days later it is due: the administrators of Odense Kommune, of the clinic's trauma psychiatry and of the region.
        factory.Advance(TimeSpan.FromDays(10));
        await RunAsync();
        var notices = await NoticesAsync(link);
        var expected = new[] { "admin.odense", "admin.traume", "admin.region" };
        var recipients = await factory.WithDbAsync(db => db.Users.Where(u => expected.Contains(u.UserName!)).Select(u => u.Id).ToListAsync());
        Assert.Equal(recipients.Order(), notices.Select(n => n.RecipientUserId).Order());
        Assert.All(notices, n => Assert.Null(n.CitizenId));
        Assert.All(notices, n => Assert.StartsWith("Aftale der skal genbesøges (test) · ", n.Detail, StringComparison.Ordinal));

        // Running again changes nothing; a new version (or review date) reminds again, once.
        await RunAsync();
        Assert.Equal(3, (await NoticesAsync(link)).Count);
        using var fresh = await factory.ClientForAsync("admin.odense");
        request["purpose"] = "Revideret efter genbesøget (test)";
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(fresh, id, request, "\"1\"")).StatusCode);
        await RunAsync();
        await RunAsync();
        Assert.Equal(6, (await NoticesAsync(link)).Count);

        // The administrator sees it in the inbox, without any citizen.
        var inbox = await fresh.GetFromJsonAsync<JsonElement>("/api/v1/me/notifications", SamspilFactory.Json);
        var mine = inbox.GetProperty("items").EnumerateArray().First(i => i.GetProperty("link").GetString() == link);
        Assert.Equal("En samarbejdsaftale skal genbesøges snart", mine.GetProperty("text").GetString());
        Assert.True(mine.GetProperty("available").GetBoolean());
    }

    [Fact]
    public async Task A_course_shows_the_agreement_it_runs_under()
    {
        using var clinician = await factory.ClientForAsync("behandler.odense");
        var course = await TestData.CreateCourseAsync(clinician, givenName: "Aftalia");
        var courseId = course.GetProperty("id").GetGuid();
        var read = await clinician.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}", SamspilFactory.Json);
        var agreement = read.GetProperty("agreement");
        Assert.Equal(Tvaerindsats, agreement.GetProperty("title").GetString());
        Assert.StartsWith("/Agreements/", agreement.GetProperty("url").GetString(), StringComparison.Ordinal);

        using var page = await factory.CookieClientAsync("behandler.odense");
        var html = await page.GetStringAsync($"/Courses/{courseId}");
        Assert.Contains("data-testid=\"course-agreement\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"{agreement.GetProperty("url").GetString()}\"", html, StringComparison.Ordinal);

        // Another target group, with no agreement in force for it: nothing is claimed.
        var request = await TestData.CourseRequestAsync(clinician, givenName: "Uden");
        request["targetGroupCode"] = "complex-rehabilitation";
        var other = await (await clinician.PostAsJsonAsync("/api/v1/courses", request, SamspilFactory.Json)).Content.ReadFromJsonAsync<JsonElement>(SamspilFactory.Json);
        var otherRead = await clinician.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{other.GetProperty("id").GetGuid()}", SamspilFactory.Json);
        Assert.Equal(JsonValueKind.Null, otherRead.GetProperty("agreement").ValueKind);
    }

    private async Task RunAsync() => await AgreementReviewWorker.RunOnceAsync(factory.Services.GetRequiredService<IServiceScopeFactory>(), CancellationToken.None);

    private Task<List<Notification>> NoticesAsync(string link) =>
        factory.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.Kind == NotificationKind.AgreementReviewDue && n.Link == link).ToListAsync());

    private async Task<Dictionary<string, object?>> RequestAsync(HttpClient client, string first, string second, string title = "Testaftale") => new()
    {
        ["title"] = title,
        ["purpose"] = "Parterne samarbejder om forløbet (test).",
        ["targetGroupCodes"] = new[] { "ptsd-work" },
        ["parties"] = new[] { Party(await TestData.OrganizationIdAsync(client, first)), Party(await TestData.OrganizationIdAsync(client, second)) },
        ["validFrom"] = Day(Today.AddDays(-10)),
        ["validTo"] = Day(Today.AddDays(365)),
        ["nextReviewOn"] = Day(Today.AddDays(200)),
        ["isDraft"] = false,
    };

    private static object Party(Guid organizationId, string rights = "Beslutter egen indsats.", string? email = null, Guid? role = null) =>
        new { organizationId, decisionRights = rights, contactName = "Kontakt Demo-Test", contactEmail = email, contactPractitionerRoleId = role };

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<HttpResponseMessage> PutAsync(HttpClient client, Guid id, object body, string ifMatch)
    {
        using var message = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/agreements/{id}") { Content = JsonContent.Create(body, options: SamspilFactory.Json) };
        message.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await client.SendAsync(message);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid id, byte[] content, string fileName, string ifMatch)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", fileName);
        using var message = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/agreements/{id}/document") { Content = form };
        message.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await client.SendAsync(message);
    }
}

public sealed class AgreementTestsOnSqlite(SqliteFactory factory) : AgreementTests(factory), IClassFixture<SqliteFactory>;

public sealed class AgreementTestsOnPostgres(PostgresFactory factory) : AgreementTests(factory), IClassFixture<PostgresFactory>;
