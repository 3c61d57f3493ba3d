using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Common;
using Samspil.Domain.Consents;
using Samspil.Domain.Questionnaires;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests;

/// <summary>
/// Issue 19, part 4: the steering group's questionnaire figures. The test's own instruments (chosen by purpose, not
/// key) get answers written straight to the database on one Odense course, dated in 2025 (and 2024 for the period
/// before), which no other data in the demo touches.
/// </summary>
public abstract class QuestionnaireReportingTests(SamspilFactory factory) : IAsyncLifetime
{
    private const string Year = "from=2025-01-01&to=2025-12-31";
    private const string ExperienceKey = "test-experience";
    private const string CollaborationKey = "test-collaboration";
    private static readonly Actor Author = new(Guid.NewGuid(), "Test");

    private Guid _odense;
    private Guid _kolding;
    private Guid _team;
    private Guid _clinic;
    private Guid _odenseJobs; // the demo courses' municipality side is the job centre, a unit below the municipality
    private Guid _koldingJobs;
    private string _targetGroup = string.Empty;

    public async Task InitializeAsync()
    {
        using (var admin = await factory.ClientForAsync("admin.odense"))
        {
            _odense = await TestData.OrganizationIdAsync(admin, "Odense Kommune");
            _kolding = await TestData.OrganizationIdAsync(admin, "Kolding Kommune");
            _clinic = await TestData.OrganizationIdAsync(admin, "Traumeklinikken Odense");
            _odenseJobs = await TestData.OrganizationIdAsync(admin, "Jobcenter Odense");
            _koldingJobs = await TestData.OrganizationIdAsync(admin, "Jobcenter Kolding");
        }

        if (await factory.WithDbAsync(db => db.Instruments.AnyAsync(i => i.Key == ExperienceKey)))
        {
            await LoadIdsAsync();
            return;
        }

        await factory.WithDbAsync(async db =>
        {
            db.SystemSeeding = true; // test data written straight to the database, as the demo seeder does
            var odense = _odenseJobs;
            var course = await db.Courses.Where(c => c.MunicipalityOrganizationId == odense).OrderBy(c => c.Id).Select(c => new { c.Id, c.CitizenId, c.TargetGroupCode }).FirstAsync();
            var kolding = _koldingJobs;
            var koldingCourse = await db.Courses.Where(c => c.MunicipalityOrganizationId == kolding).OrderBy(c => c.Id).Select(c => new { c.Id, c.CitizenId }).FirstAsync();
            var team = odense;
            var created = new DateTimeOffset(2024, 1, 1, 8, 0, 0, TimeSpan.Zero);
            var experience = Instrument.Create(ExperienceKey, 1, InstrumentPurpose.CitizenExperience, InformationCategory.HealthAndTreatment, ExperienceDefinition(), false, "Test", created);
            var collaboration = Instrument.Create(CollaborationKey, 1, InstrumentPurpose.Collaboration, InformationCategory.MeetingsAndMinutes, CollaborationDefinition(), false, "Test", created);
            var fidelity = Instrument.Create("test-ips-fidelity", 1, InstrumentPurpose.IpsFidelity, InformationCategory.None, FidelityDefinition(), false, "Test", created);
            db.AddRange(experience, collaboration, fidelity);

            QuestionnaireResponse Experience(DateTimeOffset at, int coherence, int work, int heard) =>
                QuestionnaireResponse.Complete(experience, course.Id, course.CitizenId, null, [new("c", Number: coherence), new("w", Number: work), new("h", Number: heard)], ResponseMode.Self, "da", Author, at);

            // Q1 2025: five answers (totals 4, 4, 4, 4, 3). Q2: four answers, hidden. One more in Q3, marked wrong: not counted.
            var q1 = new DateTimeOffset(2025, 2, 10, 10, 0, 0, TimeSpan.Zero);
            db.AddRange(Experience(q1, 5, 4, 3), Experience(q1, 4, 4, 4), Experience(q1, 3, 4, 5), Experience(q1, 5, 2, 5), Experience(q1, 2, 3, 4));
            var q2 = new DateTimeOffset(2025, 5, 10, 10, 0, 0, TimeSpan.Zero);
            db.AddRange(Experience(q2, 1, 1, 1), Experience(q2, 1, 1, 1), Experience(q2, 1, 1, 1), Experience(q2, 1, 1, 1));
            var wrong = Experience(new DateTimeOffset(2025, 8, 10, 10, 0, 0, TimeSpan.Zero), 5, 5, 5);
            wrong.MarkEnteredInError();
            db.Add(wrong);
            // A Kolding course's answers are outside Odense's scope.
            db.AddRange(Enumerable.Range(0, 5).Select(_ => QuestionnaireResponse.Complete(experience, koldingCourse.Id, koldingCourse.CitizenId, null, [new("c", Number: 1), new("w", Number: 1), new("h", Number: 1)], ResponseMode.Self, "da", Author, q1)));

            QuestionnaireResponse Collaboration(DateTimeOffset at, CollaborationArea from, CollaborationArea about, int score) =>
                QuestionnaireResponse.Complete(collaboration, course.Id, course.CitizenId, null, [new("a", Number: score), new("b", Number: score)], ResponseMode.Self, "da", Author, at, from, about);

            // Psychiatry–Employment in 2025: three answers one way, two the other (4, 4, 5, 3, 4: mean 4.0); in 2024 five at 3.
            var meeting = new DateTimeOffset(2025, 3, 3, 12, 0, 0, TimeSpan.Zero);
            db.AddRange(
                Collaboration(meeting, CollaborationArea.Psychiatry, CollaborationArea.Employment, 4),
                Collaboration(meeting, CollaborationArea.Psychiatry, CollaborationArea.Employment, 4),
                Collaboration(meeting, CollaborationArea.Psychiatry, CollaborationArea.Employment, 5),
                Collaboration(meeting, CollaborationArea.Employment, CollaborationArea.Psychiatry, 3),
                Collaboration(meeting, CollaborationArea.Employment, CollaborationArea.Psychiatry, 4));
            var before = new DateTimeOffset(2024, 6, 3, 12, 0, 0, TimeSpan.Zero);
            db.AddRange(Enumerable.Range(0, 5).Select(i => Collaboration(before, i % 2 == 0 ? CollaborationArea.Psychiatry : CollaborationArea.Employment, i % 2 == 0 ? CollaborationArea.Employment : CollaborationArea.Psychiatry, 3)));
            // Psychiatry–Social services: four answers, hidden.
            db.AddRange(Enumerable.Range(0, 4).Select(_ => Collaboration(meeting, CollaborationArea.SocialServices, CollaborationArea.Psychiatry, 2)));

            // The demo's IPS team (Jobcenter Odense) has reviews of its own; this class counts only its own.
            db.FidelityReviews.RemoveRange(await db.FidelityReviews.ToListAsync());
            FidelityReview Review(Guid organization, DateOnly on, int each) =>
                FidelityReview.Record(fidelity, organization, on, "Test reviewers", Enumerable.Range(1, 25).Select(i => new QuestionnaireAnswer($"i{i}", Number: each)), Author, created);
            db.AddRange(Review(team, new DateOnly(2025, 3, 1), 3), Review(team, new DateOnly(2025, 9, 1), 4), Review(_kolding, new DateOnly(2025, 4, 1), 5));
            await db.SaveChangesAsync();
            return 0;
        });
        await LoadIdsAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_citizens_experience_is_a_mean_per_quarter_and_scale_hidden_below_five_answers()
    {
        using var admin = await factory.ClientForAsync("admin.odense");
        var before = await factory.WithDbAsync(db => db.AccessLog.CountAsync());

        var response = await admin.GetAsync($"/api/v1/reports/experience?{Year}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var series = Series(await response.Content.ReadFromJsonAsync<JsonElement>(), ExperienceKey);
        Assert.Equal("Test oplevelse", series.GetProperty("title").GetString());
        Assert.Equal(["total", "coherence", "work", "heard"], series.GetProperty("scales").EnumerateArray().Select(s => s.GetProperty("key").GetString()));
        Assert.Equal("Sammenhæng", series.GetProperty("scales")[1].GetProperty("title").GetString());

        var quarters = series.GetProperty("quarters").EnumerateArray().ToList();
        Assert.Equal(["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"], quarters.Select(q => q.GetProperty("key").GetString()));
        Assert.Equal(5, Value(quarters[0].GetProperty("answers")));
        Assert.Equal(3.8m, Mean(quarters[0], "total"));
        Assert.Equal(3.8m, Mean(quarters[0], "coherence"));
        Assert.Equal(3.4m, Mean(quarters[0], "work"));
        Assert.Equal(4.2m, Mean(quarters[0], "heard"));

        // Four answers: the count is "<5" and every mean is hidden, with no value at all.
        AssertHidden(quarters[1].GetProperty("answers"));
        foreach (var scale in quarters[1].GetProperty("scales").EnumerateArray())
        {
            AssertHidden(scale.GetProperty("mean"));
        }

        // The answer marked wrong and the Kolding course's answers do not count; the whole year has the nine.
        Assert.Equal(0, Value(quarters[2].GetProperty("answers")));
        var year = series.GetProperty("period");
        Assert.Equal(9, Value(year.GetProperty("answers")));
        Assert.Equal(Math.Round(19m / 9 + (4m / 9), 1), Mean(year, "total")); // (4+4+4+4+3 + 4×1) / 9
        Assert.Equal(before, await factory.WithDbAsync(db => db.AccessLog.CountAsync()));
    }

    [Fact]
    public async Task Collaboration_per_tie_is_unordered_with_its_trend_and_hidden_below_five_answers()
    {
        using var admin = await factory.ClientForAsync("admin.odense");
        var body = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/reports/collaboration?{Year}");
        Assert.Equal("2024-01-02", body.GetProperty("previousFrom").GetString());
        Assert.Equal("2024-12-31", body.GetProperty("previousTo").GetString());
        var series = body.GetProperty("instruments").EnumerateArray().Single(s => s.GetProperty("overTime").GetProperty("instrumentKey").GetString() == CollaborationKey);
        var ties = series.GetProperty("ties").EnumerateArray().ToList();

        // Psychiatry→Employment and Employment→Psychiatry are one tie, Psychiatry first.
        var work = Assert.Single(ties, t => Areas(t) is ("Psychiatry", "Employment") or ("Employment", "Psychiatry"));
        Assert.Equal(("Psychiatry", "Employment"), Areas(work));
        Assert.Equal(5, Value(work.GetProperty("answers")));
        Assert.Equal(4.0m, work.GetProperty("mean").GetProperty("value").GetDecimal());
        Assert.Equal(3.0m, work.GetProperty("previousMean").GetProperty("value").GetDecimal());
        Assert.Equal(1.0m, work.GetProperty("change").GetProperty("value").GetDecimal());
        Assert.Equal("Better", work.GetProperty("trend").GetString());

        var social = Assert.Single(ties, t => Areas(t) == ("Psychiatry", "SocialServices"));
        AssertHidden(social.GetProperty("answers"));
        AssertHidden(social.GetProperty("mean"));
        AssertHidden(social.GetProperty("change"));
        Assert.Equal("Unknown", social.GetProperty("trend").GetString());

        // Over time: nine answers in Q1 (mean (20 + 8) / 9), none after.
        var q1 = series.GetProperty("overTime").GetProperty("quarters")[0];
        Assert.Equal(9, Value(q1.GetProperty("answers")));
        Assert.Equal(Math.Round(28m / 9, 1), Mean(q1, "total"));

        // A fifth Psychiatry–Social services answer (in the other direction) shows the tie.
        await AddCollaborationAsync(CollaborationArea.Psychiatry, CollaborationArea.SocialServices, 2, new DateTimeOffset(2025, 12, 30, 12, 0, 0, TimeSpan.Zero));
        var after = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/reports/collaboration?{Year}");
        var shown = after.GetProperty("instruments").EnumerateArray().Single(s => s.GetProperty("overTime").GetProperty("instrumentKey").GetString() == CollaborationKey)
            .GetProperty("ties").EnumerateArray().Single(t => Areas(t) == ("Psychiatry", "SocialServices"));
        Assert.Equal(5, Value(shown.GetProperty("answers")));
        Assert.Equal(2.0m, shown.GetProperty("mean").GetProperty("value").GetDecimal());
    }

    [Fact]
    public async Task The_dashboard_filters_select_the_answers_and_other_municipalities_see_none()
    {
        using var admin = await factory.ClientForAsync("admin.odense");
        Assert.Equal(9, await YearAnswersAsync(admin, $"municipality={_odense}&targetGroup={_targetGroup}"));
        Assert.Equal(0, await YearAnswersAsync(admin, $"municipality={_kolding}"));
        var other = await factory.WithDbAsync(db => db.TargetGroups.Where(t => t.Code != _targetGroup).Select(t => t.Code).FirstAsync());
        Assert.Equal(0, await YearAnswersAsync(admin, $"targetGroup={other}"));

        // The period: the first quarter alone has one quarter and its five answers.
        var q1 = Series(await admin.GetFromJsonAsync<JsonElement>("/api/v1/reports/experience?from=2025-01-01&to=2025-03-31"), ExperienceKey);
        Assert.Single(q1.GetProperty("quarters").EnumerateArray());
        Assert.Equal(5, Value(q1.GetProperty("period").GetProperty("answers")));

        // The Odense trauma clinic's manager sees what the trauma clinic's administrator sees for her clinic, no more.
        using var manager = await factory.ClientForAsync("leder.odense");
        using var clinicAdmin = await factory.ClientForAsync("admin.traume");
        Assert.Equal(await YearAnswersAsync(clinicAdmin, $"organization={_clinic}"), await YearAnswersAsync(manager, string.Empty));
    }

    [Fact]
    public async Task IPS_fidelity_history_shows_each_teams_reviews_with_total_and_band_in_scope_only()
    {
        using var admin = await factory.ClientForAsync("admin.odense");
        var body = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/reports/fidelity?{Year}");
        var team = Assert.Single(body.GetProperty("teams").EnumerateArray());
        Assert.Equal(_team, team.GetProperty("organizationId").GetGuid());
        var reviews = team.GetProperty("reviews").EnumerateArray().ToList();
        Assert.Equal(["2025-03-01", "2025-09-01"], reviews.Select(r => r.GetProperty("reviewedOn").GetString()));
        Assert.Equal([75m, 100m], reviews.Select(r => r.GetProperty("total").GetDecimal()));
        Assert.All(reviews, r => Assert.Equal(125m, r.GetProperty("maximum").GetDecimal()));
        Assert.Equal(["Rimelig", "God"], reviews.Select(r => r.GetProperty("band").GetString()));

        // The period filter applies; the municipality filter too (Kolding's team is never Odense's).
        var spring = await admin.GetFromJsonAsync<JsonElement>("/api/v1/reports/fidelity?from=2025-01-01&to=2025-06-30");
        Assert.Single(spring.GetProperty("teams")[0].GetProperty("reviews").EnumerateArray());
        Assert.Empty((await admin.GetFromJsonAsync<JsonElement>($"/api/v1/reports/fidelity?{Year}&municipality={_kolding}")).GetProperty("teams").EnumerateArray());

        // The trauma clinic's manager: the job centre's team is outside her tree.
        using var manager = await factory.ClientForAsync("leder.odense");
        Assert.Empty((await manager.GetFromJsonAsync<JsonElement>($"/api/v1/reports/fidelity?{Year}")).GetProperty("teams").EnumerateArray());
    }

    [Fact]
    public async Task Only_the_dashboards_audience_gets_the_figures_and_the_page_shows_them()
    {
        foreach (var login in new[] { "behandler.odense", "borger.preben" })
        {
            using var other = await factory.ClientForAsync(login);
            foreach (var part in new[] { "experience", "collaboration", "fidelity" })
            {
                Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/api/v1/reports/{part}")).StatusCode);
            }
        }

        using var anonymous = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/reports/collaboration")).StatusCode);

        using var browser = await factory.CookieClientAsync("admin.odense");
        var html = await (await browser.GetAsync($"/Reports?{Year}")).Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"tie-Psychiatry-Employment\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"matrix-Employment-Psychiatry\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"chart-experience-test-experience\"", html, StringComparison.Ordinal);
        Assert.Contains("75 af 125", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("from=2025-02-30", "from")]
    [InlineData("to=%00%01", "to")]
    [InlineData("from=2026-06-01&to=2026-01-01", "to")]
    [InlineData("from=2000-01-01&to=2026-01-01", "from")]
    [InlineData("municipality=00000000-0000-0000-0000-000000000001", "municipality")]
    [InlineData("organization=' OR 1=1 --", "organization")]
    [InlineData("targetGroup=%3Cscript%3E", "targetGroup")]
    [InlineData("basis=7", "basis")]
    public async Task Hostile_filters_get_a_problem_naming_the_field(string query, string field)
    {
        using var admin = await factory.ClientForAsync("admin.odense");
        foreach (var part in new[] { "experience", "collaboration", "fidelity" })
        {
            var response = await admin.GetAsync($"/api/v1/reports/{part}?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{part} {query}: {problem}");
        }

        var longValue = new string('x', 5000);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync($"/api/v1/reports/collaboration?targetGroup={longValue}")).StatusCode);
    }

    private async Task<long> YearAnswersAsync(HttpClient client, string filter) =>
        Value(Series(await client.GetFromJsonAsync<JsonElement>($"/api/v1/reports/experience?{Year}&{filter}"), ExperienceKey).GetProperty("period").GetProperty("answers"));

    private async Task AddCollaborationAsync(CollaborationArea from, CollaborationArea about, int score, DateTimeOffset at) =>
        await factory.WithDbAsync(async db =>
        {
            db.SystemSeeding = true;
            var instrument = await db.Instruments.SingleAsync(i => i.Key == CollaborationKey);
            var odense = _odenseJobs;
            var course = await db.Courses.Where(c => c.MunicipalityOrganizationId == odense).OrderBy(c => c.Id).Select(c => new { c.Id, c.CitizenId }).FirstAsync();
            db.Add(QuestionnaireResponse.Complete(instrument, course.Id, course.CitizenId, null, [new("a", Number: score), new("b", Number: score)], ResponseMode.Self, "da", Author, at, from, about));
            return await db.SaveChangesAsync();
        });

    private async Task LoadIdsAsync()
    {
        (_team, _targetGroup) = await factory.WithDbAsync(async db =>
        {
            var instrument = await db.Instruments.Where(i => i.Key == ExperienceKey).Select(i => i.Id).SingleAsync();
            var courseId = await db.QuestionnaireResponses.Where(r => r.InstrumentId == instrument).Select(r => r.CourseId).FirstAsync();
            var odense = _odenseJobs;
            var course = await db.Courses.Where(c => c.Id == courseId && c.MunicipalityOrganizationId == odense).Select(c => c.TargetGroupCode).FirstOrDefaultAsync()
                ?? await db.Courses.Where(c => c.MunicipalityOrganizationId == odense).OrderBy(c => c.Id).Select(c => c.TargetGroupCode).FirstAsync();
            var kolding = _kolding;
            var team = await db.FidelityReviews.Where(r => r.OrganizationId != kolding).Select(r => r.OrganizationId).FirstAsync();
            return (team, course);
        });
    }

    private static JsonElement Series(JsonElement body, string key) =>
        body.GetProperty("instruments").EnumerateArray().Single(s => s.GetProperty("instrumentKey").GetString() == key);

    private static (string?, string?) Areas(JsonElement tie) => (tie.GetProperty("areaA").GetString(), tie.GetProperty("areaB").GetString());

    private static long Value(JsonElement cell)
    {
        Assert.Equal("Shown", cell.GetProperty("status").GetString());
        return cell.GetProperty("value").GetInt64();
    }

    private static decimal Mean(JsonElement period, string scale)
    {
        var cell = period.GetProperty("scales").EnumerateArray().Single(s => s.GetProperty("key").GetString() == scale).GetProperty("mean");
        Assert.Equal("Shown", cell.GetProperty("status").GetString());
        return cell.GetProperty("value").GetDecimal();
    }

    private static void AssertHidden(JsonElement cell)
    {
        Assert.Equal("Suppressed", cell.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, cell.GetProperty("value").ValueKind);
    }

    private static LocalizedText L(string da, string en) => LocalizedText.Of(da, en);

    private static QuestionItem Scale(string linkId, string da) => new(linkId, QuestionItemType.Scale, L(da, da), Required: true, MinValue: 1, MaxValue: 5);

    private static QuestionnaireDefinition ExperienceDefinition() => new(
        L("Test oplevelse", "Test experience"),
        null,
        ["da", "en"],
        [Scale("c", "Ved de, hvad de andre gør?"), Scale("w", "Ved du, hvad der skal ske med arbejde?"), Scale("h", "Bliver du hørt?")],
        new ScoringRules(
        [
            new ScaleRule("total", L("Samlet", "Total"), ["c", "w", "h"], ScoreMethod.Mean, Decimals: 2, Primary: true),
            new ScaleRule("coherence", L("Sammenhæng", "Coherence"), ["c"]),
            new ScaleRule("work", L("Afklaring om arbejde", "Clarity about work"), ["w"]),
            new ScaleRule("heard", L("At blive hørt", "Being heard"), ["h"]),
        ]));

    private static QuestionnaireDefinition CollaborationDefinition() => new(
        L("Test samarbejde", "Test collaboration"),
        null,
        ["da", "en"],
        [Scale("a", "Fælles mål"), Scale("b", "Gensidig respekt")],
        new ScoringRules([new ScaleRule("total", L("Samlet", "Total"), ["a", "b"], ScoreMethod.Mean, Decimals: 2, Primary: true)]));

    private static QuestionnaireDefinition FidelityDefinition() => new(
        L("Test IPS-troskab", "Test IPS fidelity"),
        null,
        ["da", "en"],
        [.. Enumerable.Range(1, 25).Select(i => Scale($"i{i}", $"Punkt {i}"))],
        new ScoringRules(
        [
            new ScaleRule(
                "total",
                L("Samlet", "Total"),
                [.. Enumerable.Range(1, 25).Select(i => $"i{i}")],
                Bands:
                [
                    new ScoreBand(25, 73, L("Ikke IPS", "Not IPS"), L("Under 74.", "Below 74.")),
                    new ScoreBand(74, 99, L("Rimelig", "Fair"), L("74–99.", "74–99.")),
                    new ScoreBand(100, 125, L("God", "Good"), L("100 eller mere.", "100 or more.")),
                ],
                Primary: true),
        ]));
}

public sealed class QuestionnaireReportingTestsOnSqlite(SqliteFactory factory) : QuestionnaireReportingTests(factory), IClassFixture<SqliteFactory>;

public sealed class QuestionnaireReportingTestsOnPostgres(PostgresFactory factory) : QuestionnaireReportingTests(factory), IClassFixture<PostgresFactory>;
