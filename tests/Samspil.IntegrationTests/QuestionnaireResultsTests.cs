using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Audit;
using Samspil.Domain.Common;
using Samspil.Domain.Consents;
using Samspil.Domain.Questionnaires;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests;

/// <summary>
/// The clinician's questionnaire results (issue 19 d, docs/questionnaires-results.md): one series per instrument key with
/// score, band, flag and change, entered-in-error responses marked and left out; each instrument read in its own consent
/// category (a reader whose consent lacks "helbred og behandling" sees no WHO-5 at all, but a "plan og mål" instrument),
/// every read logged; the flag on the course page and in the course list; the plan's evaluation; hostile ids are 404 problems.
/// </summary>
public abstract class QuestionnaireResultsTests(SamspilFactory factory)
{
    private const string Who5 = "who-5";
    private const string PclLike = "test-pcl-like";
    private const string Experience = "test-experience";

    [Fact]
    public async Task A_clinician_sees_who5_scores_band_flag_change_and_trend_without_the_response_entered_in_error_and_every_read_is_logged()
    {
        using var clinician = await factory.ClientForAsync("behandler.odense");
        var (courseId, citizenId) = await CourseAsync(clinician);
        var now = SamspilFactory.Now;
        await AnswerWho5Async(courseId, citizenId, ["4", "4", "4", "4", "4"], now.AddDays(-20)); // 80
        var wrong = await AnswerWho5Async(courseId, citizenId, ["0", "0", "0", "0", "0"], now.AddDays(-15), enteredInError: true); // 0, entered in error
        await AnswerWho5Async(courseId, citizenId, ["3", "3", "2", "2", "2"], now.AddDays(-10)); // 48
        var latestId = await AnswerWho5Async(courseId, citizenId, ["2", "2", "1", "1", "2"], now.AddDays(-1)); // 32
        await AnswerPclLikeAsync(courseId, citizenId, [3, 3, 1, 0], now.AddDays(-2)); // intrusion 6, avoidance 1, total 7 ≥ 6

        var results = await clinician.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/questionnaire-results", SamspilFactory.Json);
        var who5 = Series(results, Who5);
        var points = who5.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal([80m, 0m, 48m, 32m], points.Select(p => p.GetProperty("score").GetDecimal()));
        Assert.Equal([false, true, false, false], points.Select(p => p.GetProperty("enteredInError").GetBoolean()));
        Assert.Equal(wrong, points[1].GetProperty("responseId").GetGuid());
        var latest = who5.GetProperty("latest");
        Assert.Equal(latestId, latest.GetProperty("responseId").GetGuid());
        Assert.Equal(32m, latest.GetProperty("score").GetDecimal());
        Assert.Equal("Lav trivsel", latest.GetProperty("band").GetProperty("label").GetString());
        Assert.True(latest.GetProperty("flagged").GetBoolean());
        Assert.Equal(-16m, who5.GetProperty("change").GetDecimal()); // 48 → 32; the 0 entered in error does not count
        Assert.False(points[0].GetProperty("flagged").GetBoolean());
        Assert.Equal(50m, who5.GetProperty("cutOff").GetProperty("value").GetDecimal());

        // Subscales of the PCL-like instrument, and its flag above the cut-off.
        var pcl = Series(results, PclLike).GetProperty("latest");
        Assert.Equal(7m, pcl.GetProperty("score").GetDecimal());
        Assert.True(pcl.GetProperty("flagged").GetBoolean());
        var scales = pcl.GetProperty("scales").EnumerateArray().ToDictionary(s => s.GetProperty("key").GetString()!, s => s.GetProperty("value").GetDecimal());
        Assert.Equal(6m, scales["intrusion"]);
        Assert.Equal(1m, scales["avoidance"]);

        // The page: latest score, the flag's words per direction, the trend chart with title and desc, the response struck out.
        using var browser = await factory.CookieClientAsync("behandler.odense");
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync($"/Courses/{courseId}/Questionnaires/Results"));
        Assert.Contains("WHO-5 Trivselsindeks", page, StringComparison.Ordinal);
        Assert.Contains("Under skæringsværdi", page, StringComparison.Ordinal);
        Assert.Contains("Over skæringsværdi", page, StringComparison.Ordinal);
        Assert.Contains("<title id=\"qr-", page, StringComparison.Ordinal);
        Assert.Contains("<desc id=\"qr-", page, StringComparison.Ordinal);
        Assert.Contains("class=\"entered-in-error\"", page, StringComparison.Ordinal);
        Assert.Contains("−16 siden forrige besvarelse", page, StringComparison.Ordinal);
        var who5Section = page[page.IndexOf("data-testid=\"series-who-5\"", StringComparison.Ordinal)..];
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Count(who5Section[..who5Section.IndexOf("</section>", StringComparison.Ordinal)], "<circle")); // three points: the one entered in error is left out

        // One response's answers readable: the item's text and the chosen option's text.
        var detail = WebUtility.HtmlDecode(await browser.GetStringAsync($"/Courses/{courseId}/Questionnaires/Results/{latestId}"));
        Assert.Contains("Jeg har været glad og i godt humør", detail, StringComparison.Ordinal);
        Assert.Contains("Lidt mindre end halvdelen af tiden", detail, StringComparison.Ordinal);
        var api = await clinician.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/questionnaire-results/{latestId}", SamspilFactory.Json);
        Assert.Equal("Lidt af tiden", api.GetProperty("answers")[2].GetProperty("answer").GetString());
        Assert.Equal(32m, api.GetProperty("scores")[0].GetProperty("value").GetDecimal());

        var logged = await factory.WithDbAsync(db => db.AccessLog.Where(e => e.ResourceType == "QuestionnaireResponse" && e.ResourceId == latestId).Select(e => e.Category).ToListAsync());
        Assert.NotEmpty(logged);
        Assert.All(logged, c => Assert.Equal(InformationCategory.HealthAndTreatment, c));

        // The flag reaches the course page and the course list's attention.
        var course = await browser.GetStringAsync($"/Courses/{courseId}");
        Assert.Contains("data-testid=\"questionnaire-attention\"", course, StringComparison.Ordinal);
        Assert.Contains($"/Courses/{courseId}/Questionnaires/Results", course, StringComparison.Ordinal);
        var list = await clinician.GetFromJsonAsync<JsonElement>("/api/v1/courses", SamspilFactory.Json);
        var listed = list.EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == courseId);
        Assert.Equal(2, listed.GetProperty("attention").GetProperty("flaggedQuestionnaires").GetInt32());

        // The plan's evaluation shows the scores within the course's period (it started 1 November).
        var plan = WebUtility.HtmlDecode(await browser.GetStringAsync($"/Courses/{courseId}/plan"));
        Assert.Contains("data-testid=\"plan-questionnaire-scores\"", plan, StringComparison.Ordinal);
        Assert.Contains("80 (02-11-2026) → 48 (12-11-2026) → 32 (21-11-2026)", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reader_whose_consent_lacks_health_sees_no_who5_at_all_but_the_plan_instrument_and_a_stranger_gets_404()
    {
        using var clinician = await factory.ClientForAsync("behandler.odense");
        var (courseId, citizenId) = await CourseAsync(clinician);
        var who5 = await AnswerWho5Async(courseId, citizenId, ["1", "1", "1", "1", "1"], SamspilFactory.Now.AddDays(-3));
        await AnswerExperienceAsync(courseId, citizenId, 4, SamspilFactory.Now.AddDays(-3));

        using var stranger = await factory.ClientForAsync("koordinator.fredericia");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/courses/{courseId}/questionnaire-results")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/courses/{courseId}/questionnaire-results/{who5}")).StatusCode);
        using var strangerBrowser = await factory.CookieClientAsync("koordinator.fredericia");
        Assert.Equal(HttpStatusCode.NotFound, (await strangerBrowser.GetAsync($"/Courses/{courseId}/Questionnaires/Results")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await strangerBrowser.GetAsync($"/Courses/{courseId}/Questionnaires/Results/{who5}")).StatusCode);

        // A consent that opens the plan but not health: the experience instrument, and nothing that tells WHO-5 exists.
        using var kolding = await factory.ClientForAsync("sagsbehandler.kolding");
        var jobcentre = new { kind = "Organization", targetId = await TestData.OrganizationIdAsync(clinician, "Jobcenter Kolding") };
        await TestData.RegisterConsentAsync(clinician, courseId, ["StatusAndAppointments", "PlanAndGoals"], jobcentre);
        var answer = await kolding.GetAsync($"/api/v1/courses/{courseId}/questionnaire-results");
        var body = await answer.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.DoesNotContain("who-5", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain($"{who5}", body, StringComparison.Ordinal);
        Assert.Equal([Experience], JsonDocument.Parse(body).RootElement.GetProperty("series").EnumerateArray().Select(s => s.GetProperty("key").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await kolding.GetAsync($"/api/v1/courses/{courseId}/questionnaire-results/{who5}")).StatusCode);
        using var koldingBrowser = await factory.CookieClientAsync("sagsbehandler.kolding");
        var page = await koldingBrowser.GetStringAsync($"/Courses/{courseId}/Questionnaires/Results");
        Assert.DoesNotContain("WHO-5", page, StringComparison.Ordinal);
        var logged = await factory.WithDbAsync(db => db.AccessLog.Where(e => e.ResourceType == "QuestionnaireResponse" && e.ResourceId == who5).CountAsync());

        // With health: WHO-5 too.
        await TestData.RegisterConsentAsync(clinician, courseId, ["StatusAndAppointments", "HealthAndTreatment"], jobcentre);
        var withHealth = await kolding.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/questionnaire-results", SamspilFactory.Json);
        Assert.Equal(20m, Series(withHealth, Who5).GetProperty("latest").GetProperty("score").GetDecimal());
        Assert.True(await factory.WithDbAsync(db => db.AccessLog.Where(e => e.ResourceType == "QuestionnaireResponse" && e.ResourceId == who5).CountAsync()) > logged);
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("00000000-0000-0000-0000-00000000000g")]
    [InlineData("%01%1F%7F")]
    [InlineData("1' OR '1'='1")]
    public async Task Hostile_course_ids_are_404_problems_never_a_500(string id)
    {
        using var clinician = await factory.ClientForAsync("behandler.odense");
        var escaped = id.StartsWith('%') ? id : Uri.EscapeDataString(id);
        foreach (var path in new[] { $"/api/v1/courses/{escaped}/questionnaire-results", $"/api/v1/courses/{Guid.NewGuid()}/questionnaire-results/{escaped}" })
        {
            var answer = await clinician.GetAsync(path);
            Assert.True(answer.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{path}: {(int)answer.StatusCode}");
            Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        }

        var longId = new string('a', 5000);
        Assert.True((await clinician.GetAsync($"/api/v1/courses/{longId}/questionnaire-results")).StatusCode is HttpStatusCode.NotFound or HttpStatusCode.RequestUriTooLong or HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Unknown_ids_and_a_response_of_another_course_are_404()
    {
        using var clinician = await factory.ClientForAsync("behandler.odense");
        var (first, citizen) = await CourseAsync(clinician);
        var (second, _) = await CourseAsync(clinician);
        var response = await AnswerWho5Async(first, citizen, ["3", "3", "3", "3", "3"], SamspilFactory.Now.AddDays(-1));
        Assert.Equal(HttpStatusCode.OK, (await clinician.GetAsync($"/api/v1/courses/{first}/questionnaire-results/{response}")).StatusCode);
        var other = await clinician.GetAsync($"/api/v1/courses/{second}/questionnaire-results/{response}");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await clinician.GetAsync($"/api/v1/courses/{Guid.NewGuid()}/questionnaire-results")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clinician.GetAsync($"/api/v1/courses/{first}/questionnaire-results/{Guid.NewGuid()}")).StatusCode);
        var empty = await clinician.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{second}/questionnaire-results", SamspilFactory.Json);
        Assert.Equal(0, empty.GetProperty("series").GetArrayLength());
        using var browser = await factory.CookieClientAsync("behandler.odense");
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/Courses/{second}/Questionnaires/Results/{response}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/Courses/not-a-guid/Questionnaires/Results")).StatusCode);
    }

    private static JsonElement Series(JsonElement results, string key) =>
        results.GetProperty("series").EnumerateArray().Single(s => s.GetProperty("key").GetString() == key);

    private async Task<(Guid CourseId, Guid CitizenId)> CourseAsync(HttpClient clinician)
    {
        var courseId = (await TestData.CreateCourseAsync(clinician)).GetProperty("id").GetGuid();
        var citizenId = await factory.WithDbAsync(db => db.Courses.Where(c => c.Id == courseId).Select(c => c.CitizenId).SingleAsync());
        return (courseId, citizenId);
    }

    private Task<Guid> AnswerWho5Async(Guid courseId, Guid citizenId, string[] codes, DateTimeOffset at, bool enteredInError = false) =>
        AddResponseAsync(Who5, courseId, citizenId, codes.Select((c, i) => new QuestionnaireAnswer((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Code: c)), at, enteredInError);

    private Task<Guid> AnswerPclLikeAsync(Guid courseId, Guid citizenId, int[] scores, DateTimeOffset at) =>
        AddResponseAsync(PclLike, courseId, citizenId, new[] { "a1", "a2", "b1", "b2" }.Zip(scores, (linkId, score) => new QuestionnaireAnswer(linkId, Code: score.ToString(System.Globalization.CultureInfo.InvariantCulture))), at);

    private Task<Guid> AnswerExperienceAsync(Guid courseId, Guid citizenId, int score, DateTimeOffset at) =>
        AddResponseAsync(Experience, courseId, citizenId, [new QuestionnaireAnswer("heard", Number: score)], at);

    private Task<Guid> AddResponseAsync(string key, Guid courseId, Guid citizenId, IEnumerable<QuestionnaireAnswer> answers, DateTimeOffset at, bool enteredInError = false) =>
        factory.WithDbAsync(async db =>
        {
            db.SystemSeeding = true;
            var instrument = await db.Instruments.Where(i => i.Key == key).OrderByDescending(i => i.Version).FirstOrDefaultAsync();
            if (instrument is null)
            {
                instrument = TestInstrument(key);
                db.Instruments.Add(instrument);
                await db.SaveChangesAsync();
            }

            var response = QuestionnaireResponse.Complete(instrument, courseId, citizenId, null, answers, ResponseMode.Self, "da", new Actor(Guid.Empty, "Testa Demo-Testesen"), at);
            if (enteredInError)
            {
                response.MarkEnteredInError();
            }

            db.QuestionnaireResponses.Add(response);
            await db.SaveChangesAsync();
            return response.Id;
        });

    /// <summary>
    /// The test's own instruments: a PCL-5-like screening (two subscales, total at or above 6 flags; health) and a
    /// one-item experience questionnaire read under "plan og mål".
    /// </summary>
    internal static Instrument TestInstrument(string key)
    {
        var options = new[] { 0, 1, 2, 3, 4 }.Select(s => new AnswerOption(s.ToString(System.Globalization.CultureInfo.InvariantCulture), LocalizedText.Of($"Svar {s}"), s)).ToList();
        QuestionItem Item(string linkId) => new(linkId, QuestionItemType.Choice, LocalizedText.Of($"Spørgsmål {linkId}"), Required: true, Options: options);
        return key == PclLike
            ? Instrument.Create(key, 1, InstrumentPurpose.Screening, InformationCategory.HealthAndTreatment, new QuestionnaireDefinition(
                LocalizedText.Of("PCL-lignende testskema"), null, ["da"], [Item("a1"), Item("a2"), Item("b1"), Item("b2")],
                new ScoringRules(
                [
                    new ScaleRule("total", LocalizedText.Of("Samlet"), ["a1", "a2", "b1", "b2"], Bands: [new ScoreBand(0, 5, LocalizedText.Of("Lav"), LocalizedText.Of("Få symptomer")), new ScoreBand(6, 16, LocalizedText.Of("Høj"), LocalizedText.Of("Mange symptomer"))], CutOff: new CutOff(6, CutOffDirection.AtOrAbove, LocalizedText.Of("6 eller derover")), Primary: true),
                    new ScaleRule("intrusion", LocalizedText.Of("Genoplevelse"), ["a1", "a2"]),
                    new ScaleRule("avoidance", LocalizedText.Of("Undgåelse"), ["b1", "b2"]),
                ])), shipped: false, "test", SamspilFactory.Now.AddDays(-60))
            : Instrument.Create(key, 1, InstrumentPurpose.CitizenExperience, InformationCategory.PlanAndGoals, new QuestionnaireDefinition(
                LocalizedText.Of("Oplevelse (test)"), null, ["da"], [new QuestionItem("heard", QuestionItemType.Scale, LocalizedText.Of("Bliver du hørt?"), Required: true, MinValue: 1, MaxValue: 5)],
                new ScoringRules([new ScaleRule("heard", LocalizedText.Of("Hørt"), ["heard"], Primary: true)])), shipped: false, "test", SamspilFactory.Now.AddDays(-60));
    }
}

public sealed class QuestionnaireResultsTestsOnSqlite(SqliteFactory factory) : QuestionnaireResultsTests(factory), IClassFixture<SqliteFactory>;

public sealed class QuestionnaireResultsTestsOnPostgres(PostgresFactory factory) : QuestionnaireResultsTests(factory), IClassFixture<PostgresFactory>;
