using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests;

/// <summary>
/// The work queue ("Arbejdsliste", issue 21): what needs a professional now, across their courses, with labelled
/// dates and one link to act; and ticking an action off in place, from the API and from the pages.
/// The factory's clock stands at Sunday 22 November 2026.
/// </summary>
public abstract class WorkQueueTests(SamspilFactory factory)
{
    private const string User = "socialraadgiver.traume";

    [Fact]
    public async Task The_queue_lists_my_overdue_and_coming_actions_and_my_meetings_with_labelled_dates_and_logs_the_reads()
    {
        using var client = await factory.ClientForAsync(User);
        var (courseId, memberId) = await NewCourseAsync(client);
        await AddActionAsync(client, courseId, "0", "Send epikrise til egen læge", memberId, "2026-11-10");
        await AddActionAsync(client, courseId, "2", "Ansøg om tolk", memberId, "2026-11-23");
        await AddActionAsync(client, courseId, "3", "Evaluer praktikken", memberId, "2026-12-20");
        var created = await client.PostAsJsonAsync($"/api/v1/courses/{courseId}/meetings", new { kind = "Network", title = "Netværksmøde om praktik", format = "InPerson" });
        var meetingId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await OkAsync(client.PutAsJsonAsync($"/api/v1/meetings/{meetingId}/participants", new { participants = new[] { new { memberId, role = "MeetingLeader", hasDecisionCompetence = true } } }));
        var tomorrowAtTen = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero); // 10:00 in Copenhagen
        await OkAsync(client.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/schedule", new { start = tomorrowAtTen, end = tomorrowAtTen.AddHours(1), format = "InPerson", location = "Jobcentret, lokale 1" }));

        var queue = await client.GetFromJsonAsync<JsonElement>("/api/v1/me/work-queue", SamspilFactory.Json);
        var overdue = Items(queue, "OverdueActions", courseId);
        var item = Assert.Single(overdue);
        Assert.Equal("Send epikrise til egen læge", item.GetProperty("title").GetString());
        Assert.Equal("Forfalden 10. nov.", item.GetProperty("when").GetString());
        var actionId = item.GetProperty("actionId").GetGuid();
        Assert.Equal($"/Courses/{courseId}/plan#action-{actionId}", item.GetProperty("link").GetString());
        Assert.Equal("Testa Demo-Testesen", item.GetProperty("citizenName").GetString());

        var week = Assert.Single(Items(queue, "ActionsThisWeek", courseId));
        Assert.Equal("Ansøg om tolk", week.GetProperty("title").GetString());
        Assert.Equal("Frist i morgen", week.GetProperty("when").GetString());
        Assert.DoesNotContain(Items(queue, "ActionsThisWeek", courseId).Concat(overdue), i => i.GetProperty("title").GetString() == "Evaluer praktikken");

        var meeting = Assert.Single(Items(queue, "Meetings", courseId));
        Assert.Equal("I morgen 10:00", meeting.GetProperty("when").GetString());
        Assert.Equal($"/Meetings/{meetingId}", meeting.GetProperty("link").GetString());
        Assert.StartsWith("Du deler dagsordenen senest", meeting.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var section = queue.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("section").GetString() == "OverdueActions");
        Assert.Equal(section.GetProperty("items").GetArrayLength(), section.GetProperty("count").GetInt32());

        // The reads went through the access layer, in the category each part belongs to.
        var logged = await factory.WithDbAsync(db => db.AccessLog.Where(e => e.ResourceId == courseId || e.ResourceType == "CarePlanActions").Select(e => e.ResourceType).ToListAsync());
        Assert.Contains("Meetings", logged);
        Assert.Contains("CarePlanActions", logged);

        // In English, the same dates read in English.
        using var english = await factory.ClientForAsync(User);
        english.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var inEnglish = await english.GetFromJsonAsync<JsonElement>("/api/v1/me/work-queue", SamspilFactory.Json);
        Assert.Equal("Overdue since 10 Nov", Assert.Single(Items(inEnglish, "OverdueActions", courseId)).GetProperty("when").GetString());
    }

    [Fact]
    public async Task An_action_is_ticked_off_through_the_api_and_stale_foreign_and_garbage_requests_are_refused_with_problems()
    {
        using var client = await factory.ClientForAsync(User);
        var (courseId, memberId) = await NewCourseAsync(client);
        await AddActionAsync(client, courseId, "0", "Ring til arbejdsgiveren", memberId, "2026-11-20");
        var item = Assert.Single(Items(await client.GetFromJsonAsync<JsonElement>("/api/v1/me/work-queue", SamspilFactory.Json), "OverdueActions", courseId));
        var actionId = item.GetProperty("actionId").GetGuid();
        var version = item.GetProperty("planVersion").GetInt32();

        // Someone else changes the plan first: the version the queue showed is stale.
        await AddActionAsync(client, courseId, version.ToString(System.Globalization.CultureInfo.InvariantCulture), "Noget andet", memberId, "2026-12-24");
        var stale = await TickOffAsync(client, actionId, $"\"{version}\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        Assert.Contains("ændret af en anden", (await stale.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.PreconditionRequired, (await TickOffAsync(client, actionId, null)).StatusCode);
        var garbageVersion = await TickOffAsync(client, actionId, "\"tre\"");
        Assert.Equal(HttpStatusCode.BadRequest, garbageVersion.StatusCode);
        Assert.Equal("application/problem+json", garbageVersion.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await TickOffAsync(client, Guid.NewGuid(), "\"1\"")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/api/v1/me/work-queue/actions/not-a-guid/done", null)).StatusCode);

        // Another organisation's professional may not change (or learn of) the action: 404, and nothing changes.
        using var foreign = await factory.ClientForAsync("behandler.vejle");
        Assert.Equal(HttpStatusCode.NotFound, (await TickOffAsync(foreign, actionId, "*")).StatusCode);

        var done = await TickOffAsync(client, actionId, $"\"{version + 1}\"");
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var result = await done.Content.ReadFromJsonAsync<JsonElement>(SamspilFactory.Json);
        Assert.Equal("Done", result.GetProperty("action").GetProperty("status").GetString());
        Assert.Equal($"\"{version + 2}\"", done.Headers.ETag?.Tag);
        Assert.Empty(Items(await client.GetFromJsonAsync<JsonElement>("/api/v1/me/work-queue", SamspilFactory.Json), "OverdueActions", courseId));
        var plan = await client.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/plan", SamspilFactory.Json);
        Assert.Equal("Done", plan.GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("id").GetGuid() == actionId).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Staff_land_on_the_work_queue_and_tick_off_in_place_from_it_and_from_my_tasks()
    {
        using var api = await factory.ClientForAsync(User);
        var (courseId, memberId) = await NewCourseAsync(api);
        await AddActionAsync(api, courseId, "0", "Book tolk til samtalen", memberId, "2026-11-19");
        await AddActionAsync(api, courseId, "2", "Skriv status til lægen", memberId, "2026-11-18");

        using var browser = await factory.CookieClientAsync(User);
        Assert.Equal("/Work", (await browser.GetAsync("/")).Headers.Location?.OriginalString);
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync("/Work"));
        Assert.Contains("<h1>Arbejdsliste</h1>", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/Courses\"", page, StringComparison.Ordinal);
        Assert.Contains("Forfalden 19. nov.", page, StringComparison.Ordinal);

        var queue = await api.GetFromJsonAsync<JsonElement>("/api/v1/me/work-queue", SamspilFactory.Json);
        var first = Items(queue, "OverdueActions", courseId).Single(i => i.GetProperty("title").GetString() == "Book tolk til samtalen");
        var second = Items(queue, "OverdueActions", courseId).Single(i => i.GetProperty("title").GetString() == "Skriv status til lægen");
        var version = first.GetProperty("planVersion").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);

        // From the work queue: done, and told so on the queue.
        var ticked = await PostTickOffAsync(browser, page, first.GetProperty("actionId").GetString()!, version, "/Work");
        Assert.Equal("/Work", ticked.Headers.Location?.OriginalString);
        var after = WebUtility.HtmlDecode(await browser.GetStringAsync("/Work"));
        Assert.Contains("\"Book tolk til samtalen\" er markeret som udført.", after, StringComparison.Ordinal);
        Assert.DoesNotContain(">Book tolk til samtalen<", after, StringComparison.Ordinal);

        // From "Mine opgaver", with the version the queue showed before: stale, told in words, nothing lost.
        var tasks = WebUtility.HtmlDecode(await browser.GetStringAsync("/Me/Tasks"));
        Assert.Contains("data-testid=\"tick-off\"", tasks, StringComparison.Ordinal);
        var stale = await PostTickOffAsync(browser, tasks, second.GetProperty("actionId").GetString()!, version, "/Me/Tasks");
        Assert.Equal("/Me/Tasks", stale.Headers.Location?.OriginalString);
        Assert.Contains("Handlingen er ændret af en anden", WebUtility.HtmlDecode(await browser.GetStringAsync("/Me/Tasks")), StringComparison.Ordinal);

        // Garbage is a readable message; an open redirect goes to "Mine opgaver"; someone else's action is 404.
        var garbage = await PostTickOffAsync(browser, tasks, "ikke-et-id", "x", "https://evil.example/");
        Assert.Equal("/Me/Tasks", garbage.Headers.Location?.OriginalString);
        Assert.Contains("Handlingen kunne ikke findes.", WebUtility.HtmlDecode(await browser.GetStringAsync("/Me/Tasks")), StringComparison.Ordinal);
        using var foreign = await factory.CookieClientAsync("behandler.vejle");
        var foreignPage = await foreign.GetStringAsync("/Me/Tasks");
        Assert.Equal(HttpStatusCode.NotFound, (await PostTickOffAsync(foreign, foreignPage, second.GetProperty("actionId").GetString()!, version, "/Work")).StatusCode);
        var plan = await api.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/plan", SamspilFactory.Json);
        Assert.Equal("Planned", plan.GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("text").GetString() == "Skriv status til lægen").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Citizens_and_proxies_have_no_work_queue()
    {
        foreach (var user in new[] { "borger.preben", "paaroerende.louise" })
        {
            using var client = await factory.ClientForAsync(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/me/work-queue")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync($"/api/v1/me/work-queue/actions/{Guid.NewGuid()}/done", null)).StatusCode);
            using var browser = await factory.CookieClientAsync(user);
            Assert.NotEqual(HttpStatusCode.OK, (await browser.GetAsync("/Work")).StatusCode);
        }
    }

    [Fact]
    public async Task An_administrator_without_a_network_sees_the_empty_queue()
    {
        using var browser = await factory.CookieClientAsync("admin.odense");
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync("/Work"));
        Assert.Contains("data-testid=\"work-queue-empty\"", page, StringComparison.Ordinal);
        Assert.Contains("Intet venter på dig lige nu", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_demo_caseworker_opens_her_queue_on_an_overdue_action_she_may_tick_off_and_a_meeting_this_week()
    {
        using var client = await factory.ClientForAsync("sagsbehandler.odense");
        var queue = await client.GetFromJsonAsync<JsonElement>("/api/v1/me/work-queue", SamspilFactory.Json);
        var sections = queue.GetProperty("sections").EnumerateArray().ToDictionary(s => s.GetProperty("section").GetString()!, s => s.GetProperty("items").EnumerateArray().ToList());
        var action = sections["OverdueActions"].Single(i => i.GetProperty("title").GetString() == "Sende praktikaftalen til underskrift");
        Assert.Equal("Preben Demo-Nielsen", action.GetProperty("citizenName").GetString());
        Assert.Contains(sections["Meetings"], i => i.GetProperty("title").GetString() == "Kort opfølgning om praktikstedet");

        var done = await TickOffAsync(client, action.GetProperty("actionId").GetGuid(), $"\"{action.GetProperty("planVersion").GetInt32()}\"");
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
    }

    private static IEnumerable<JsonElement> Items(JsonElement queue, string section, Guid courseId) =>
        queue.GetProperty("sections").EnumerateArray()
            .Single(s => s.GetProperty("section").GetString() == section)
            .GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("courseId").GetGuid() == courseId)
            .ToList();

    private static async Task<(Guid CourseId, Guid MemberId)> NewCourseAsync(HttpClient client)
    {
        var course = await TestData.CreateCourseAsync(client, givenName: "Testa");
        return (course.GetProperty("id").GetGuid(), course.GetProperty("network")[0].GetProperty("id").GetGuid());
    }

    private static async Task AddActionAsync(HttpClient client, Guid courseId, string version, string text, Guid ownerMemberId, string dueDate)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/courses/{courseId}/plan/actions") { Content = JsonContent.Create(new { text, ownerMemberId, dueDate }) };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static Task<HttpResponseMessage> TickOffAsync(HttpClient client, Guid actionId, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/me/work-queue/actions/{actionId}/done");
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request);
    }

    private static Task<HttpResponseMessage> PostTickOffAsync(HttpClient browser, string page, string actionId, string version, string returnUrl) =>
        browser.PostAsync("/Me/Tasks/TickOff", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["actionId"] = actionId,
            ["version"] = version,
            ["returnUrl"] = returnUrl,
            ["__RequestVerificationToken"] = SamspilFactory.AntiforgeryToken(page),
        }));

    private static async Task OkAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}

public sealed class WorkQueueTestsOnSqlite(SqliteFactory factory) : WorkQueueTests(factory), IClassFixture<SqliteFactory>;

public sealed class WorkQueueTestsOnPostgres(PostgresFactory factory) : WorkQueueTests(factory), IClassFixture<PostgresFactory>;
