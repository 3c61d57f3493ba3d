using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Samspil.Features.Administration;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests;

/// <summary>
/// IPS fidelity reviews of teams (issue 19, docs/questionnaires-ips-fidelity.md): organisation data that the team's
/// tree and its administrators and managers see; recorded by the administrators and managers of the tree, with
/// every one of the 25 items rated 1–5; another tree's team is 404; hostile input is a problem, never a 500, and
/// writes nothing.
/// </summary>
public abstract class IpsFidelityTests(SamspilFactory factory)
{
    private const string Teams = "/api/v1/ips-fidelity/teams";

    [Fact]
    public async Task The_demo_team_shows_three_reviews_over_two_years_improving_from_below_IPS_to_good_fidelity()
    {
        using var admin = await factory.ClientForAsync("admin.odense");
        var jobcentre = await TestData.OrganizationIdAsync(admin, "Jobcenter Odense");
        var history = await admin.GetFromJsonAsync<JsonElement>($"{Teams}/{jobcentre}/reviews");
        var demo = history.GetProperty("reviews").EnumerateArray().Where(r => r.GetProperty("reviewers").GetString()!.StartsWith("Karen Demo-Holm", StringComparison.Ordinal)).ToList();

        Assert.Equal([70m, 91m, 109m], demo.Select(r => r.GetProperty("total").GetDecimal()));
        Assert.Equal(["Ikke IPS", "Rimelig troskab", "God troskab"], demo.Select(r => r.GetProperty("band").GetString()));
        Assert.True(DateOnly.Parse(demo[^1].GetProperty("reviewedOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture).DayNumber
            - DateOnly.Parse(demo[0].GetProperty("reviewedOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture).DayNumber > 600);
        var sections = demo[^1].GetProperty("sections").EnumerateArray().ToList();
        Assert.Equal(["staffing", "organization", "services"], sections.Select(s => s.GetProperty("key").GetString()));
        Assert.Equal(109m, sections.Sum(s => s.GetProperty("value").GetDecimal()));
        Assert.Equal([15, 40, 70], sections.Select(s => s.GetProperty("maximum").GetInt32()));
        Assert.Equal(125, demo[^1].GetProperty("maximum").GetInt32());

        // The team list, for the team's own IPS consultant too (read only); the history page draws the trend and the table.
        using var consultant = await factory.ClientForAsync("ips.odense");
        var team = (await consultant.GetFromJsonAsync<JsonElement>(Teams)).EnumerateArray().Single(t => t.GetProperty("organizationId").GetGuid() == jobcentre);
        Assert.False(team.GetProperty("canRecord").GetBoolean());
        Assert.True(team.GetProperty("reviewCount").GetInt32() >= 3);
        using var page = await factory.CookieClientAsync("admin.odense");
        var html = await page.GetStringAsync($"/Ips/Fidelity/{jobcentre}");
        Assert.Contains("data-testid=\"fidelity-chart\"", html, StringComparison.Ordinal);
        Assert.Contains("109 af 125", html, StringComparison.Ordinal);
        Assert.Contains("Rimelig troskab", html, StringComparison.Ordinal);
        Assert.Contains("Jobcenter Odense", await page.GetStringAsync("/Ips/Fidelity"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_records_a_review_whose_total_band_and_items_come_back_and_the_change_is_in_the_administration_log()
    {
        using var admin = await factory.ClientForAsync("admin.odense");
        var unit = await TestData.OrganizationIdAsync(admin, "Socialafdelingen, Odense Kommune");
        var ratings = Enumerable.Repeat(4, 25).ToArray();
        ratings[0] = 5; // 101: good fidelity
        var created = await admin.PostAsJsonAsync($"{Teams}/{unit}/reviews", Review(ratings, reviewers: "Anne Demo-Hansen, Jens Demo-Ravn"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var review = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(101m, review.GetProperty("total").GetDecimal());
        Assert.Equal("God troskab", review.GetProperty("band").GetString());
        Assert.Equal(25, review.GetProperty("items").GetArrayLength());
        Assert.Equal(5, review.GetProperty("items")[0].GetProperty("rating").GetInt32());
        Assert.Equal("Antal borgere pr. jobkonsulent", review.GetProperty("items")[0].GetProperty("title").GetString());

        var read = await admin.GetFromJsonAsync<JsonElement>(created.Headers.Location!.ToString());
        Assert.Equal("Anne Demo-Hansen, Jens Demo-Ravn", read.GetProperty("reviewers").GetString());
        Assert.Contains((await admin.GetFromJsonAsync<JsonElement>(Teams)).EnumerateArray(), t => t.GetProperty("organizationId").GetGuid() == unit && t.GetProperty("canRecord").GetBoolean());

        var logged = await factory.WithDbAsync(db => db.AdministrationLog.Where(e => e.OrganizationId == unit && e.Action == AdministrationAction.FidelityReviewRecorded).ToListAsync());
        var entry = Assert.Single(logged);
        Assert.Equal("Ulla Demo-Carlsen", entry.ActorName);
        Assert.Contains("101/125", entry.Details, StringComparison.Ordinal);

        // In English the item names and band are Samspil's English ones.
        using var english = new HttpRequestMessage(HttpMethod.Get, created.Headers.Location);
        english.Headers.AcceptLanguage.ParseAdd("en");
        var inEnglish = await (await admin.SendAsync(english)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Good fidelity", inEnglish.GetProperty("band").GetString());
    }

    [Fact]
    public async Task Missing_out_of_range_unknown_and_duplicate_items_a_future_date_and_overlong_reviewers_are_problems_and_write_nothing()
    {
        using var admin = await factory.ClientForAsync("admin.odense");
        var unit = await TestData.OrganizationIdAsync(admin, "Flygtninge- og veterankoordinator, Odense Kommune");
        var before = await factory.WithDbAsync(db => db.FidelityReviews.CountAsync());

        var missing = await Problem(await admin.PostAsJsonAsync($"{Teams}/{unit}/reviews", Review(Enumerable.Repeat(3, 24).ToArray())));
        Assert.True(missing.GetProperty("errors").TryGetProperty("services-14", out _));

        var ratings = Enumerable.Repeat(3, 25).ToArray();
        ratings[3] = 0;
        ratings[4] = 6;
        var range = await Problem(await admin.PostAsJsonAsync($"{Teams}/{unit}/reviews", Review(ratings)));
        Assert.True(range.GetProperty("errors").TryGetProperty("organization-1", out _));
        Assert.True(range.GetProperty("errors").TryGetProperty("organization-2", out _));

        var today = DateOnly.FromDateTime(SamspilFactory.Now.UtcDateTime);
        var future = await Problem(await admin.PostAsJsonAsync($"{Teams}/{unit}/reviews", Review(Enumerable.Repeat(3, 25).ToArray(), reviewedOn: today.AddDays(2))));
        Assert.True(future.GetProperty("errors").TryGetProperty("reviewedOn", out _));

        var longNames = await Problem(await admin.PostAsJsonAsync($"{Teams}/{unit}/reviews", Review(Enumerable.Repeat(3, 25).ToArray(), reviewers: new string('x', 501))));
        Assert.True(longNames.GetProperty("errors").TryGetProperty("reviewers", out _));
        await Problem(await admin.PostAsJsonAsync($"{Teams}/{unit}/reviews", Review(Enumerable.Repeat(3, 25).ToArray(), reviewers: "Anne\u0000Hansen")));
        await Problem(await admin.PostAsJsonAsync($"{Teams}/{unit}/reviews", Review(Enumerable.Repeat(3, 25).ToArray(), reviewers: "   ")));

        var unknown = new { answers = new object[] { new { linkId = "no-such-item", number = 3 } }, reviewedOn = today, reviewers = "A" };
        await Problem(await admin.PostAsJsonAsync($"{Teams}/{unit}/reviews", unknown));
        var twice = Answers(Enumerable.Repeat(3, 25).ToArray()).Append(new { linkId = "staffing-1", number = 4 }).ToArray();
        var duplicate = await Problem(await admin.PostAsJsonAsync($"{Teams}/{unit}/reviews", new { answers = twice, reviewedOn = today, reviewers = "A" }));
        Assert.True(duplicate.GetProperty("errors").TryGetProperty("staffing-1", out _));

        // Wrong JSON types and no body at all: 400, not 500.
        using var wrongType = new StringContent("{\"answers\":[{\"linkId\":\"staffing-1\",\"number\":\"three\"}],\"reviewedOn\":\"yesterday\",\"reviewers\":42}", System.Text.Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync($"{Teams}/{unit}/reviews", wrongType)).StatusCode);
        using var empty = new StringContent("null", System.Text.Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync($"{Teams}/{unit}/reviews", empty)).StatusCode);

        Assert.Equal(before, await factory.WithDbAsync(db => db.FidelityReviews.CountAsync()));
    }

    [Fact]
    public async Task Another_trees_team_is_404_a_reader_may_not_record_and_a_citizen_sees_nothing()
    {
        using var admin = await factory.ClientForAsync("admin.odense");
        var jobcentre = await TestData.OrganizationIdAsync(admin, "Jobcenter Odense");
        var demoReview = (await admin.GetFromJsonAsync<JsonElement>($"{Teams}/{jobcentre}/reviews")).GetProperty("reviews")[0].GetProperty("id").GetGuid();
        var kolding = await TestData.OrganizationIdAsync(admin, "Jobcenter Kolding");
        var valid = Review(Enumerable.Repeat(3, 25).ToArray());

        // Outside admin.odense's tree, and an unknown unit: 404 both ways.
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync($"{Teams}/{kolding}/reviews", valid)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"{Teams}/{kolding}/reviews")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync($"{Teams}/{Guid.NewGuid()}/reviews", valid)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"{Teams}/{jobcentre}/reviews/{Guid.NewGuid()}")).StatusCode);

        // A caseworker in Kolding and the region's administrator (another tree) do not see the Odense team.
        foreach (var outsider in new[] { "sagsbehandler.kolding", "admin.region", "leder.odense" })
        {
            using var client = await factory.ClientForAsync(outsider);
            Assert.DoesNotContain((await client.GetFromJsonAsync<JsonElement>(Teams)).EnumerateArray(), t => t.GetProperty("organizationId").GetGuid() == jobcentre);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{Teams}/{jobcentre}/reviews")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{Teams}/{jobcentre}/reviews/{demoReview}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync($"{Teams}/{jobcentre}/reviews", valid)).StatusCode);
        }

        // The team's own IPS consultant reads the reviews but may not record one: 403 with a problem.
        using var consultant = await factory.ClientForAsync("ips.odense");
        Assert.Equal(HttpStatusCode.OK, (await consultant.GetAsync($"{Teams}/{jobcentre}/reviews/{demoReview}")).StatusCode);
        var refused = await consultant.PostAsJsonAsync($"{Teams}/{jobcentre}/reviews", valid);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

        // A citizen is not let in at all.
        using var citizen = await factory.ClientForAsync("borger.louise");
        Assert.Equal(HttpStatusCode.Forbidden, (await citizen.GetAsync(Teams)).StatusCode);

        // The pages answer the same: another tree's team is 404; a reader cannot open the form.
        using var koldingPage = await factory.CookieClientAsync("sagsbehandler.kolding");
        Assert.Equal(HttpStatusCode.NotFound, (await koldingPage.GetAsync($"/Ips/Fidelity/{jobcentre}")).StatusCode);
        using var consultantPage = await factory.CookieClientAsync("ips.odense");
        Assert.Equal(HttpStatusCode.OK, (await consultantPage.GetAsync($"/Ips/Fidelity/{jobcentre}")).StatusCode);
        var form = await consultantPage.GetAsync($"/Ips/Fidelity/{jobcentre}/New");
        Assert.Contains("/Account/AccessDenied", form.Headers.Location?.ToString() ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_form_shows_every_missing_item_keeps_the_chosen_ratings_and_saves_when_complete()
    {
        using var page = await factory.CookieClientAsync("admin.odense");
        using var api = await factory.ClientForAsync("admin.odense");
        var unit = await TestData.OrganizationIdAsync(api, "Odense Kommune");
        var form = await page.GetStringAsync($"/Ips/Fidelity/{unit}/New");
        Assert.Equal(25, System.Text.RegularExpressions.Regex.Count(form, "name=\"Answers\\."));
        Assert.Contains("Bemanding", form, StringComparison.Ordinal);

        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = SamspilFactory.AntiforgeryToken(form),
            ["ReviewedOn"] = "02-11-2026",
            ["Reviewers"] = "Anne Demo-Hansen",
            ["Answers.staffing-1"] = "4",
            ["Answers.staffing-2"] = "7",
        };
        var refused = await page.PostAsync($"/Ips/Fidelity/{unit}/New", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Vurderingen skal være et helt tal fra 1 til 5.", html, StringComparison.Ordinal);
        Assert.True(System.Text.RegularExpressions.Regex.Count(html, "Vurdér punktet fra 1 til 5\\.") >= 23);
        Assert.Matches("<option value=\"4\" selected=\"selected\">", html);
        Assert.Equal(0, await factory.WithDbAsync(db => db.FidelityReviews.CountAsync(r => r.OrganizationId == unit)));

        foreach (var name in System.Text.RegularExpressions.Regex.Matches(form, "name=\"(Answers\\.[a-z0-9-]+)\"").Select(m => m.Groups[1].Value))
        {
            fields[name] = "3";
        }

        fields["__RequestVerificationToken"] = SamspilFactory.AntiforgeryToken(html);
        var saved = await page.PostAsync($"/Ips/Fidelity/{unit}/New", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/Ips/Fidelity/{unit}", saved.Headers.Location?.ToString());
        var review = await factory.WithDbAsync(db => db.FidelityReviews.SingleAsync(r => r.OrganizationId == unit));
        Assert.Equal(75m, review.Total);
        Assert.Equal(new DateOnly(2026, 11, 2), review.ReviewedOn);
    }

    [Fact]
    public async Task The_form_posted_as_rendered_is_refused_readably_never_a_500()
    {
        using var page = await factory.CookieClientAsync("admin.odense");
        var unit = await factory.WithDbAsync(db => db.FidelityReviews.Select(r => r.OrganizationId).FirstAsync()); // the demo's IPS team
        var form = await page.GetStringAsync($"/Ips/Fidelity/{unit}/New");
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", SamspilFactory.AntiforgeryToken(form)),
            new("ReviewedOn", System.Text.RegularExpressions.Regex.Match(form, "name=\"ReviewedOn\" type=\"date\" value=\"([^\"]*)\"").Groups[1].Value),
            new("Reviewers", string.Empty),
        };
        fields.AddRange(System.Text.RegularExpressions.Regex.Matches(form, "name=\"(Answers\\.[a-z0-9-]+)\"").Select(m => new KeyValuePair<string, string>(m.Groups[1].Value, string.Empty)));

        var refused = await page.PostAsync($"/Ips/Fidelity/{unit}/New", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Vurdér punktet fra 1 til 5.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // With the scale retired by an administrator the form says so on the team's page, never a 500.
        await factory.WithDbAsync(async db =>
        {
            foreach (var version in await db.Instruments.Where(i => i.Key == "ips-fidelity").ToListAsync())
            {
                version.Retire("test", SamspilFactory.Now);
            }

            return await db.SaveChangesAsync();
        });
        try
        {
            var retired = await page.PostAsync($"/Ips/Fidelity/{unit}/New", new FormUrlEncodedContent(fields));
            Assert.Equal(HttpStatusCode.Redirect, retired.StatusCode);
            Assert.Equal($"/Ips/Fidelity/{unit}", retired.Headers.Location?.ToString());
        }
        finally
        {
            await factory.WithDbAsync(async db =>
            {
                foreach (var version in await db.Instruments.Where(i => i.Key == "ips-fidelity").ToListAsync())
                {
                    version.Activate("test", SamspilFactory.Now);
                }

                return await db.SaveChangesAsync();
            });
        }
    }

    private static object[] Answers(int[] ratings) =>
    [
        .. ratings.Select((r, i) => (object)new { linkId = LinkId(i), number = r }),
    ];

    private static string LinkId(int index) => index switch
    {
        < 3 => $"staffing-{index + 1}",
        < 11 => $"organization-{index - 2}",
        _ => $"services-{index - 10}",
    };

    private static object Review(int[] ratings, DateOnly? reviewedOn = null, string reviewers = "Karen Test-Holm") => new
    {
        answers = Answers(ratings),
        reviewedOn = reviewedOn ?? new DateOnly(2026, 11, 1),
        reviewers,
    };

    private static async Task<JsonElement> Problem(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}

public sealed class IpsFidelityTestsOnSqlite(SqliteFactory factory) : IpsFidelityTests(factory), IClassFixture<SqliteFactory>;

public sealed class IpsFidelityTestsOnPostgres(PostgresFactory factory) : IpsFidelityTests(factory), IClassFixture<PostgresFactory>;
