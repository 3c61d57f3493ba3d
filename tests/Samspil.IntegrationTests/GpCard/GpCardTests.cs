using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests.GpCard;

/// <summary>
/// Issue 21, the GP's card ("Til lægen"): what the network asks of the GP, answered in place. The demo data
/// gives laege1 an open action, a question and a meeting on Martin's course; the second test makes its own
/// requests (as Martin's tovholder) so the two tests do not depend on each other's order.
/// </summary>
public abstract class GpCardTests(SamspilFactory factory)
{
    private const string Gp = "laege1";
    private const string Tovholder = "socialraadgiver.traume";

    [Fact]
    public async Task The_GP_sees_what_Martins_network_asks_with_course_asker_and_dates_and_only_a_GP_has_a_card()
    {
        using var gp = await factory.ClientForAsync(Gp);
        var card = await gp.GetFromJsonAsync<JsonElement>("/api/v1/me/gp-card", SamspilFactory.Json);
        var martin = MartinOf(card);

        var action = Assert.Single(martin.GetProperty("actions").EnumerateArray(), a => a.GetProperty("text").GetString()!.StartsWith("Sende medicinliste", StringComparison.Ordinal));
        Assert.Equal("Anders Demo-Skytte", action.GetProperty("askedBy").GetString());
        Assert.True(action.GetProperty("planVersion").GetInt32() > 0);
        var question = Assert.Single(martin.GetProperty("questions").EnumerateArray(), q => q.GetProperty("subject").GetString()!.StartsWith("Spørgsmål til egen læge", StringComparison.Ordinal));
        Assert.Equal("Anders Demo-Skytte", question.GetProperty("askedBy").GetString());
        Assert.Equal(1, question.GetProperty("unread").GetInt32());
        var meeting = Assert.Single(martin.GetProperty("meetings").EnumerateArray(), m => m.GetProperty("title").GetString() == "Netværksmøde om behandling og arbejde");
        Assert.True(meeting.GetProperty("start").GetDateTimeOffset() > SamspilFactory.Now);
        Assert.Equal(JsonValueKind.String, meeting.GetProperty("agendaDeadline").ValueKind);

        // Every course an item names is one the GP may open in that item's category.
        foreach (var course in card.GetProperty("courses").EnumerateArray())
        {
            var courseId = course.GetProperty("courseId").GetGuid();
            Assert.All(course.GetProperty("actions").EnumerateArray(), a => Assert.Equal(courseId, a.GetProperty("courseId").GetGuid()));
            Assert.Equal(HttpStatusCode.OK, (await gp.GetAsync($"/api/v1/courses/{courseId}/plan")).StatusCode);
        }

        // The reads are logged like the "Mine …" lists: the plan's actions, the question's message, the meetings.
        var gpUser = await factory.WithDbAsync(db => db.Users.Where(u => u.UserName == Gp).Select(u => u.Id).SingleAsync());
        var logged = await factory.WithDbAsync(db => db.AccessLog.Where(e => e.UserId == gpUser).Select(e => e.ResourceType).Distinct().ToListAsync());
        Assert.Contains("CarePlanActions", logged);
        Assert.Contains("ConversationMessage", logged);
        Assert.Contains("Meetings", logged);

        // The card reads the question without marking it read: it is still new in the thread.
        var mine = await gp.GetFromJsonAsync<JsonElement>("/api/v1/me/conversations", SamspilFactory.Json);
        Assert.True(mine.GetProperty("unreadCount").GetInt32() >= 1);

        // The page shows the same, with labelled Danish dates.
        using var browser = await factory.CookieClientAsync(Gp);
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync("/Work/Gp"));
        Assert.Contains("Det beder netværket dig om", page, StringComparison.Ordinal);
        Assert.Contains("Sende medicinliste og seneste epikrise til netværket (demo)", page, StringComparison.Ordinal);
        Assert.Matches(@"Frist: <span class=""ltr"">\d{2}-\d{2}-\d{4}</span>", page);
        Assert.Matches(@"Mødet: <span class=""ltr"">\d{2}-\d{2}-\d{4} \d{2}:\d{2}</span>", page);

        // Not a GP: no card (404, a problem in the API), whatever the role.
        foreach (var other in new[] { "behandler.odense", Tovholder, "borger.preben", "admin.region" })
        {
            using var api = await factory.ClientForAsync(other);
            var response = await api.GetAsync("/api/v1/me/gp-card");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        using var clinicianBrowser = await factory.CookieClientAsync("behandler.odense");
        Assert.Equal(HttpStatusCode.NotFound, (await clinicianBrowser.GetAsync("/Work/Gp")).StatusCode);
    }

    [Fact]
    public async Task The_GP_answers_in_place_through_the_existing_services_and_bad_or_foreign_input_gets_a_readable_answer()
    {
        using var gp = await factory.ClientForAsync(Gp);
        var courseId = MartinOf(await gp.GetFromJsonAsync<JsonElement>("/api/v1/me/gp-card", SamspilFactory.Json)).GetProperty("courseId").GetGuid();

        // Martin's tovholder asks three things of the GP through the ordinary API.
        using var tovholder = await factory.ClientForAsync(Tovholder);
        var threads = await tovholder.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/conversations", SamspilFactory.Json);
        var gpAccount = threads.GetProperty("possibleParticipants").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "Carsten Demo-Vinther").GetProperty("userId").GetGuid();
        var started = await tovholder.PostAsJsonAsync($"/api/v1/courses/{courseId}/conversations", new { subject = "Kortets spørgsmål (test)", participants = new[] { gpAccount }, text = "Fortsætter sygemeldingen?" });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var conversationId = (await started.Content.ReadFromJsonAsync<JsonElement>(SamspilFactory.Json)).GetProperty("id").GetGuid();

        var plan = await tovholder.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/plan", SamspilFactory.Json);
        var gpMember = plan.GetProperty("possibleOwners").EnumerateArray().Single(o => o.GetProperty("name").GetString() == "Carsten Demo-Vinther").GetProperty("memberId").GetGuid();
        using var addAction = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/courses/{courseId}/plan/actions")
        {
            Content = JsonContent.Create(new { text = "Kortets opgave (test)", ownerMemberId = gpMember, dueDate = "2026-12-01" }),
        };
        addAction.Headers.TryAddWithoutValidation("If-Match", $"\"{plan.GetProperty("version").GetInt32()}\"");
        Assert.Equal(HttpStatusCode.OK, (await tovholder.SendAsync(addAction)).StatusCode);

        var meetingId = await NewMeetingAsync(tovholder, courseId, "Kortets møde (test)");
        var closedId = await NewMeetingAsync(tovholder, courseId, "Aflyst møde (test)");
        Assert.Equal(HttpStatusCode.OK, (await tovholder.PostAsJsonAsync($"/api/v1/meetings/{closedId}/cancel", new { reason = "Test" })).StatusCode);

        var martin = MartinOf(await gp.GetFromJsonAsync<JsonElement>("/api/v1/me/gp-card", SamspilFactory.Json));
        var action = martin.GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("text").GetString() == "Kortets opgave (test)");
        Assert.Contains(martin.GetProperty("questions").EnumerateArray(), q => q.GetProperty("conversationId").GetGuid() == conversationId);
        Assert.Contains(martin.GetProperty("meetings").EnumerateArray(), m => m.GetProperty("meetingId").GetGuid() == meetingId);
        Assert.DoesNotContain(martin.GetProperty("meetings").EnumerateArray(), m => m.GetProperty("meetingId").GetGuid() == closedId);

        using var browser = await factory.CookieClientAsync(Gp);
        var token = SamspilFactory.AntiforgeryToken(await browser.GetStringAsync("/Work/Gp"));
        async Task<HttpResponseMessage> PostAsync(string handler, Dictionary<string, string> fields)
        {
            fields["__RequestVerificationToken"] = token;
            return await browser.PostAsync($"/Work/Gp?handler={handler}", new FormUrlEncodedContent(fields));
        }

        async Task<string> ReadableAsync(HttpResponseMessage response, bool onTheCard = true)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            Assert.Contains("data-testid=\"form-errors\"", html, StringComparison.Ordinal);
            if (onTheCard)
            {
                Assert.Contains("-error\">", html, StringComparison.Ordinal); // and next to the item it is about
            }

            return html;
        }

        // Empty, oversized, tampered: a readable message next to the field, what was typed is kept.
        Assert.Contains("Skriv en besked eller vedhæft en fil.", await ReadableAsync(await PostAsync("Reply", new() { ["conversationId"] = conversationId.ToString(), ["text"] = "  " })), StringComparison.Ordinal);
        var oversized = await ReadableAsync(await PostAsync("Reply", new() { ["conversationId"] = conversationId.ToString(), ["text"] = new string('x', 4001) }));
        Assert.Contains("Beskeden må højst være 4000 tegn.", oversized, StringComparison.Ordinal);
        Assert.Contains(new string('x', 4001) + "</textarea>", oversized, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", oversized, StringComparison.Ordinal);
        Assert.Contains("Planen er ændret, siden du åbnede siden.", await ReadableAsync(await PostAsync("Done", new() { ["courseId"] = courseId.ToString(), ["actionId"] = action.GetProperty("actionId").GetString()!, ["version"] = (action.GetProperty("planVersion").GetInt32() - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) })), StringComparison.Ordinal);
        var tampered = await PostAsync("Done", new() { ["courseId"] = "junk", ["actionId"] = "x", ["version"] = "many" });
        Assert.Equal(HttpStatusCode.OK, tampered.StatusCode);
        Assert.Contains("data-testid=\"form-errors\"", await tampered.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A written contribution to a meeting that is no longer open (the agenda closes with the meeting): refused, readably.
        Assert.Contains("Mødet er aflyst", await ReadableAsync(await PostAsync("Contribute", new() { ["meetingId"] = closedId.ToString(), ["text"] = "For sent" }), onTheCard: false), StringComparison.Ordinal);
        var late = await gp.PostAsJsonAsync($"/api/v1/meetings/{closedId}/agenda/points", new { text = "For sent" });
        Assert.True(late.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity, late.StatusCode.ToString());
        Assert.Equal("application/problem+json", late.Content.Headers.ContentType?.MediaType);

        // Foreign items (Preben's thread and meeting, which the GP is not part of) and made-up ids: not found.
        var prebenThread = await factory.WithDbAsync(db => db.Conversations.Where(c => c.Subject.StartsWith("Din næste samtale")).Select(c => c.Id).FirstAsync());
        var prebenMeeting = await factory.WithDbAsync(db => db.Meetings.Where(m => m.Title == "Opfølgende netværksmøde").Select(m => m.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync("Reply", new() { ["conversationId"] = prebenThread.ToString(), ["text"] = "Hej" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync("Reply", new() { ["conversationId"] = Guid.NewGuid().ToString(), ["text"] = "Hej" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync("Contribute", new() { ["meetingId"] = prebenMeeting.ToString(), ["text"] = "Hej" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync("Done", new() { ["courseId"] = Guid.NewGuid().ToString(), ["actionId"] = Guid.NewGuid().ToString(), ["version"] = "1" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await gp.PostAsJsonAsync($"/api/v1/conversations/{prebenThread}/messages", new { text = "Hej" })).StatusCode);

        // Answering in place: the reply is in the thread, the contribution on the agenda, the action done — and each leaves the card.
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync("Reply", new() { ["conversationId"] = conversationId.ToString(), ["text"] = "Ja, til næste kontrol." })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync("Contribute", new() { ["meetingId"] = meetingId.ToString(), ["text"] = "Lægen: sygemelding fortsætter." })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync("Done", new() { ["courseId"] = courseId.ToString(), ["actionId"] = action.GetProperty("actionId").GetString()!, ["version"] = action.GetProperty("planVersion").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture) })).StatusCode);

        var thread = await tovholder.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{conversationId}", SamspilFactory.Json);
        Assert.Equal("Ja, til næste kontrol.", thread.GetProperty("messages").EnumerateArray().Last().GetProperty("text").GetString());
        var meeting = await tovholder.GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{meetingId}", SamspilFactory.Json);
        Assert.Contains(meeting.GetProperty("agenda").EnumerateArray(), p => p.GetProperty("text").GetString() == "Lægen: sygemelding fortsætter.");
        var after = await tovholder.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/plan", SamspilFactory.Json);
        Assert.Equal("Done", after.GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("text").GetString() == "Kortets opgave (test)").GetProperty("status").GetString());

        martin = MartinOf(await gp.GetFromJsonAsync<JsonElement>("/api/v1/me/gp-card", SamspilFactory.Json));
        Assert.DoesNotContain(martin.GetProperty("actions").EnumerateArray(), a => a.GetProperty("text").GetString() == "Kortets opgave (test)");
        Assert.DoesNotContain(martin.GetProperty("questions").EnumerateArray(), q => q.GetProperty("conversationId").GetGuid() == conversationId);
        var contributed = martin.GetProperty("meetings").EnumerateArray().Single(m => m.GetProperty("meetingId").GetGuid() == meetingId);
        Assert.Contains("Lægen: sygemelding fortsætter.", contributed.GetProperty("myContributions").EnumerateArray().Select(c => c.GetString()));

        // The API's existing write endpoint does the same as the page: a second contribution lands on the agenda.
        Assert.Equal(HttpStatusCode.OK, (await gp.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/agenda/points", new { text = "Lægen: ny kontrol om fire uger." })).StatusCode);
    }

    private static JsonElement MartinOf(JsonElement card) =>
        Assert.Single(card.GetProperty("courses").EnumerateArray(), c => c.GetProperty("citizenName").GetString() == "Martin Demo-Kristensen");

    private static async Task<Guid> NewMeetingAsync(HttpClient client, Guid courseId, string title)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/courses/{courseId}/meetings", new { kind = "Network", title, format = "Video", dueFrom = "2026-12-07", dueTo = "2026-12-18" }, SamspilFactory.Json);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(SamspilFactory.Json)).GetProperty("id").GetGuid();
    }
}

public sealed class GpCardTestsOnSqlite(SqliteFactory factory) : GpCardTests(factory), IClassFixture<SqliteFactory>;

public sealed class GpCardTestsOnPostgres(PostgresFactory factory) : GpCardTests(factory), IClassFixture<PostgresFactory>;
