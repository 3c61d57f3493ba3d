using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests;

/// <summary>Issue 13, part 5: rough edges a newcomer meets in the first ten minutes with the demo.</summary>
public abstract partial class NewcomerEdgeTests(SamspilFactory factory)
{
    [Theory]
    [InlineData("da", "Ikke logget ind", "Ingen adgang", "Ikke fundet", "Metoden er ikke tilladt her")]
    [InlineData("en", "Not signed in", "Access denied", "Not found", "Method not allowed")]
    public async Task Problems_the_framework_answers_itself_have_titles_in_the_callers_language(string language, string unauthorized, string forbidden, string notFound, string methodNotAllowed)
    {
        using var anonymous = factory.CreateClient();
        using var preben = await factory.ClientForAsync("borger.preben");

        await AssertTitleAsync(anonymous, HttpMethod.Get, "/api/v1/courses", HttpStatusCode.Unauthorized, unauthorized);
        await AssertTitleAsync(preben, HttpMethod.Get, "/api/v1/organizations", HttpStatusCode.Forbidden, forbidden);
        await AssertTitleAsync(preben, HttpMethod.Get, "/api/v1/no-such-thing", HttpStatusCode.NotFound, notFound);
        await AssertTitleAsync(preben, HttpMethod.Put, "/api/v1/me/meetings", HttpStatusCode.MethodNotAllowed, methodNotAllowed);

        async Task AssertTitleAsync(HttpClient client, HttpMethod method, string path, HttpStatusCode status, string title)
        {
            using var request = new HttpRequestMessage(method, path);
            request.Headers.AcceptLanguage.ParseAdd(language);
            using var response = await client.SendAsync(request);
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(title, problem.GetProperty("title").GetString());
            Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        }
    }

    [Fact]
    public async Task A_title_a_handler_chose_is_kept()
    {
        using var client = await factory.ClientForAsync("behandler.odense");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/courses") { Content = JsonContent.Create(new { }) };
        request.Headers.AcceptLanguage.ParseAdd("da");
        var problem = await (await client.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Ugyldige oplysninger", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task The_consent_card_heading_does_not_say_Samtykke_twice()
    {
        var courseId = await PrebensCourseAsync();
        using var clinician = await factory.CookieClientAsync("behandler.odense");
        var html = await clinician.GetStringAsync($"/Courses/{courseId}");

        var heading = Text(HeadingOf(html, "consent-heading"));
        Assert.Equal("Samtykke Gælder nu", heading);
        Assert.DoesNotContain("Samtykke Samtykke", Text(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prebens_course_has_a_held_meeting_with_approved_minutes_and_upcoming_ones()
    {
        var courseId = await PrebensCourseAsync();
        using var clinician = await factory.ClientForAsync("behandler.odense");
        var meetings = (await clinician.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/meetings")).GetProperty("meetings").EnumerateArray().ToList();

        var held = Assert.Single(meetings, m => m.GetProperty("status").GetString() == "Held");
        Assert.NotEqual(JsonValueKind.Null, held.GetProperty("minutesApprovedAt").ValueKind);
        Assert.True(held.GetProperty("start").GetDateTimeOffset() < SamspilFactory.Now);
        // The next network meeting, and a short follow-up this week whose minutes Birgitte takes (her work queue, issue 21).
        var upcoming = meetings.Where(m => m.GetProperty("status").GetString() == "Scheduled").ToList();
        Assert.Equal(["Kort opfølgning om praktikstedet", "Opfølgende netværksmøde"], upcoming.Select(m => m.GetProperty("title").GetString()).Order(StringComparer.Ordinal));
        Assert.All(upcoming, m => Assert.True(m.GetProperty("start").GetDateTimeOffset() > SamspilFactory.Now));

        // Preben sees all three, and the minutes' summary written for him.
        using var preben = await factory.ClientForAsync("borger.preben");
        var his = (await preben.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/meetings")).GetProperty("meetings").EnumerateArray().ToList();
        Assert.Equal(3, his.Count);
        Assert.Contains(his, m => m.GetProperty("citizenSummary").GetString()?.Contains("Birgitte", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_role_whose_title_names_its_organisation_is_not_followed_by_the_organisation_again()
    {
        var courseId = await PrebensCourseAsync();
        using var api = await factory.ClientForAsync("behandler.odense");
        var meetings = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/meetings")).GetProperty("meetings");
        var held = meetings.EnumerateArray().First(m => m.GetProperty("status").GetString() == "Held").GetProperty("id").GetGuid();

        using var clinician = await factory.CookieClientAsync("behandler.odense");
        var meetingPage = Text(await clinician.GetStringAsync($"/Meetings/{held}"));
        Assert.Contains("Psykolog, Traumeklinikken Odense", meetingPage, StringComparison.Ordinal);
        Assert.Contains("Sagsbehandler, sygedagpenge og ressourceforløb, Jobcenter Odense", meetingPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Traumeklinikken Odense, Traumeklinikken Odense", meetingPage, StringComparison.Ordinal);

        var planPage = Text(await clinician.GetStringAsync($"/Courses/{courseId}/plan"));
        Assert.Contains("Psykolog, Traumeklinikken Odense", planPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Traumeklinikken Odense, Traumeklinikken Odense", planPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_citizens_Min_plan_is_the_current_menu_item_on_the_plan_it_leads_to()
    {
        using var preben = await factory.CookieClientAsync("borger.preben");
        using var redirect = await preben.GetAsync("/Me/Plan");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        var plan = redirect.Headers.Location!.OriginalString;
        Assert.Matches("^/Courses/[0-9a-f-]+/plan$", plan);

        var html = await preben.GetStringAsync(plan);
        Assert.Equal(["/Me/Plan"], CurrentMenuItems(html));

        // A professional on the same plan is in "Mine forløb".
        using var clinician = await factory.CookieClientAsync("behandler.odense");
        Assert.Equal(["/Courses"], CurrentMenuItems(await clinician.GetStringAsync(plan)));
    }

    [Fact]
    public async Task The_favicon_is_linked_served_and_asked_for_as_ico_too()
    {
        using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var login = await client.GetStringAsync("/Account/Login");
        Assert.Contains("<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\" />", login, StringComparison.Ordinal);

        using var svg = await client.GetAsync("/favicon.svg");
        Assert.Equal(HttpStatusCode.OK, svg.StatusCode);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<circle", await svg.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var ico = await client.GetAsync("/favicon.ico");
        Assert.Equal(HttpStatusCode.MovedPermanently, ico.StatusCode);
        Assert.Equal("/favicon.svg", ico.Headers.Location?.OriginalString);
    }

    private async Task<Guid> PrebensCourseAsync()
    {
        using var preben = await factory.ClientForAsync("borger.preben");
        return (await preben.GetFromJsonAsync<JsonElement>("/api/v1/courses"))[0].GetProperty("id").GetGuid();
    }

    private static string HeadingOf(string html, string id)
    {
        var match = Regex.Match(html, $"<h2 id=\"{id}\">(?<inner>.*?)</h2>", RegexOptions.Singleline, TimeSpan.FromSeconds(1));
        Assert.True(match.Success, $"no heading {id}");
        return match.Groups["inner"].Value;
    }

    private static List<string> CurrentMenuItems(string html)
    {
        var nav = Regex.Match(html, "<nav [^>]*aria-label=\"[^\"]*\">(?<inner>.*?)</nav>", RegexOptions.Singleline, TimeSpan.FromSeconds(1)).Groups["inner"].Value;
        return Regex.Matches(nav, "<a href=\"(?<href>[^\"]+)\" aria-current=\"page\"", RegexOptions.None, TimeSpan.FromSeconds(1)).Select(m => m.Groups["href"].Value).ToList();
    }

    /// <summary>The visible text: tags removed, entities decoded, whitespace collapsed.</summary>
    private static string Text(string html) =>
        Whitespace().Replace(WebUtility.HtmlDecode(Tags().Replace(html, " ")), " ").Trim();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}

public sealed class NewcomerEdgeTestsOnSqlite(SqliteFactory factory) : NewcomerEdgeTests(factory), IClassFixture<SqliteFactory>;

public sealed class NewcomerEdgeTestsOnPostgres(PostgresFactory factory) : NewcomerEdgeTests(factory), IClassFixture<PostgresFactory>;
