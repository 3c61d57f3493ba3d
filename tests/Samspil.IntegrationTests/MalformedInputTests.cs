using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests;

/// <summary>
/// The seven causes of 500s found from outside (issue 12, finding 6), each answered as the client's mistake,
/// and search and paging validated like the create routes.
/// </summary>
public abstract class MalformedInputTests(SamspilFactory factory)
{
    [Theory]
    [InlineData("/api/v1/courses/search")]
    [InlineData("/api/v1/citizens/search")]
    [InlineData("/api/v1/courses")]
    public async Task A_JSON_body_in_an_unsupported_charset_is_415_problem_details(string path)
    {
        using var client = await factory.ClientForAsync("behandler.odense");
        using var content = new ByteArrayContent("{}"u8.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=ebcdic");
        var response = await client.PostAsync(path, content);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_broken_multipart_body_on_a_message_is_400()
    {
        using var clinician = await factory.ClientForAsync("behandler.odense");
        var thread = await ThreadAsync(clinician);
        using var content = new ByteArrayContent(Encoding.ASCII.GetBytes("--b0undary\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nhej"));
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=b0undary");
        var response = await clinician.PostAsync($"/api/v1/conversations/{thread}/messages", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("0001-01-01")]
    public async Task A_trigger_date_at_the_limits_is_400_and_proposes_nothing(string triggerDate)
    {
        using var client = await factory.ClientForAsync("behandler.odense");
        var courseId = (await TestData.CreateCourseAsync(client)).GetProperty("id").GetGuid();
        var before = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/meetings")).GetProperty("meetings").GetArrayLength();
        var response = await client.PostAsJsonAsync($"/api/v1/courses/{courseId}/meetings/from-template", new { triggerDate });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var meetings = await client.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/meetings");
        Assert.Equal(before, meetings.GetProperty("meetings").GetArrayLength()); // only what the course model proposed when assessment started (issue 17)
    }

    [Theory]
    [InlineData("to=9999-12-31", HttpStatusCode.BadRequest)]
    [InlineData("from=0001-01-01", HttpStatusCode.BadRequest)]
    [InlineData("take=0", HttpStatusCode.BadRequest)]
    [InlineData("take=501", HttpStatusCode.BadRequest)]
    [InlineData("skip=-1", HttpStatusCode.BadRequest)]
    [InlineData("from=2026-11-20&to=2026-11-01", HttpStatusCode.BadRequest)]
    [InlineData("from=2026-01-01&to=2199-12-31&skip=0&take=500", HttpStatusCode.OK)]
    public async Task The_access_log_refuses_dates_at_the_limits_and_paging_out_of_range(string query, HttpStatusCode expected)
    {
        using var citizen = await factory.ClientForAsync("borger.preben");
        var response = await citizen.GetAsync($"/api/v1/me/access-log?{query}");
        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.BadRequest)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task A_null_inside_the_participants_or_ratings_list_is_400()
    {
        using var client = await factory.ClientForAsync("behandler.odense");
        var courseId = (await TestData.CreateCourseAsync(client)).GetProperty("id").GetGuid();
        var created = await client.PostAsJsonAsync($"/api/v1/courses/{courseId}/meetings", new { kind = "Acute", title = "Akut møde", format = "InPerson" });
        var meetingId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        using var participants = new StringContent("{\"participants\":[null]}", Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PutAsync($"/api/v1/meetings/{meetingId}/participants", participants)).StatusCode);

        using var review = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/courses/{courseId}/plan/reviews")
        {
            Content = new StringContent("{\"date\":\"2026-11-20\",\"whatWorked\":\"Samtalerne\",\"ratings\":[null]}", Encoding.UTF8, "application/json"),
        };
        review.Headers.TryAddWithoutValidation("If-Match", "*");
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(review)).StatusCode);
    }

    [Theory]
    [InlineData("/\\evil.example", "/")]
    [InlineData("//evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("/Courses", "/Courses")]
    public async Task The_language_switch_only_goes_back_to_a_local_page(string returnUrl, string expectedLocation)
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var token = SamspilFactory.AntiforgeryToken(await client.GetStringAsync("/Account/Login")); // the language form carries a token
        var response = await client.PostAsync($"/culture?culture=en&returnUrl={Uri.EscapeDataString(returnUrl)}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expectedLocation, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Search_routes_validate_their_input_like_the_create_routes()
    {
        using var client = await factory.ClientForAsync("behandler.odense");

        // A malformed CPR number, a CPR-shaped text with an impossible date, and a 10 MB query are 400, not an empty list.
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/v1/citizens/search", new { cpr = "12345" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/v1/citizens/search", new { cpr = "321358-1234" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/v1/courses/search", new { query = "321358-1234" })).StatusCode);
        var huge = await client.PostAsJsonAsync("/api/v1/courses/search", new { query = new string('a', 10 * 1024 * 1024) });
        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        Assert.True((await huge.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("query", out _));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/courses?q=" + new string('a', 300))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/courses?q=%00")).StatusCode);

        // An ordinary search still answers.
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/courses/search", new { query = "Demo" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/citizens/search", new { cpr = TestData.NewCpr() })).StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/me/notifications?page=0")]
    [InlineData("/api/v1/me/notifications?pageSize=101")]
    [InlineData("/api/v1/me/access-log?take=100000")]
    public async Task Paging_out_of_range_is_400(string path)
    {
        using var citizen = await factory.ClientForAsync("borger.preben");
        Assert.Equal(HttpStatusCode.BadRequest, (await citizen.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task Screening_ranking_refuses_a_top_out_of_range()
    {
        using var admin = await factory.ClientForAsync("admin.odense");
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/v1/screening/ranking?area=Municipality&code=461&top=0")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/v1/screening/ranking?area=Municipality&code=461&top=100000")).StatusCode);
    }

    /// <summary>A new thread between the clinician and a participant offered on Preben's course.</summary>
    private async Task<Guid> ThreadAsync(HttpClient clinician)
    {
        using var preben = await factory.ClientForAsync("borger.preben");
        var courseId = (await preben.GetFromJsonAsync<JsonElement>("/api/v1/courses"))[0].GetProperty("id").GetGuid();
        var offered = (await clinician.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/conversations")).GetProperty("possibleParticipants")[0].GetProperty("userId").GetGuid();
        var response = await clinician.PostAsJsonAsync($"/api/v1/courses/{courseId}/conversations", new { subject = "Emne", participants = new[] { offered }, text = "Hej" });
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Starting a thread answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class MalformedInputTestsOnSqlite(SqliteFactory factory) : MalformedInputTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class MalformedInputTestsOnPostgres(PostgresFactory factory) : MalformedInputTests(factory);
