using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samspil.Domain.Audit;
using Samspil.Domain.Consents;
using Samspil.Domain.Notifications;
using Samspil.Domain.Questionnaires;
using Samspil.Infrastructure.Persistence;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests;

/// <summary>
/// Questionnaires to the citizen (issue 19, docs/questionnaires-answering.md): a network member assigns WHO-5, the citizen is
/// told and answers it and reads the result in plain words; the proxy answers for the citizen; a professional enters the
/// answers together with the citizen and marks them entered in error; a second answer is 409; everyone else gets 404;
/// hostile input is a problem and writes nothing.
/// </summary>
public abstract class QuestionnaireAnsweringTests(SamspilFactory factory)
{
    private const string TestKey = "answer-test";

    [Fact]
    public async Task A_network_member_assigns_WHO5_the_citizen_is_told_answers_and_reads_the_band_in_plain_words_and_a_second_answer_is_409()
    {
        using var clinician = await factory.ClientForAsync("behandler.vejle");
        using var citizen = await factory.ClientForAsync("borger.louise");
        var courseId = await LouiseCourseAsync(citizen);
        var who5 = await InstrumentIdAsync("who-5");

        var assigned = await clinician.PostAsJsonAsync($"/api/v1/courses/{courseId}/questionnaire-assignments", new { instrumentId = who5, message = "Vi taler om det på torsdag" });
        Assert.True(assigned.StatusCode == HttpStatusCode.Created, await assigned.Content.ReadAsStringAsync());
        var assignmentId = (await assigned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        // The citizen (and the proxy) get a notice without the instrument's name, linking to the answering page.
        var notices = await factory.WithDbAsync(db => db.Notifications.Where(n => n.Kind == NotificationKind.QuestionnaireAssigned && n.Link == $"/Me/Questionnaires/{assignmentId}")
            .Join(db.Users, n => n.RecipientUserId, u => u.Id, (n, u) => new { u.UserName, n.Detail, n.Category }).ToListAsync());
        Assert.Contains(notices, n => n.UserName == "borger.louise");
        Assert.All(notices, n => Assert.Null(n.Detail));
        Assert.All(notices, n => Assert.Equal(InformationCategory.HealthAndTreatment, n.Category));

        var mine = await citizen.GetFromJsonAsync<JsonElement>("/api/v1/me/questionnaires");
        var open = mine.GetProperty("open").EnumerateArray().Single(a => a.GetProperty("id").GetGuid() == assignmentId);
        Assert.Equal("Vi taler om det på torsdag", open.GetProperty("message").GetString());

        var answers = new { answers = Enumerable.Range(1, 5).Select(i => new { linkId = i.ToString(System.Globalization.CultureInfo.InvariantCulture), code = "4" }), language = "da" };
        var answered = await citizen.PostAsJsonAsync($"/api/v1/me/questionnaires/{assignmentId}/response", answers);
        Assert.True(answered.StatusCode == HttpStatusCode.Created, await answered.Content.ReadAsStringAsync());
        var response = await answered.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Self", response.GetProperty("mode").GetString());
        var score = response.GetProperty("scores")[0];
        Assert.Equal(80m, score.GetProperty("value").GetDecimal());
        Assert.Equal("God trivsel", score.GetProperty("bandLabel").GetString());
        Assert.StartsWith("Svarene tyder på", score.GetProperty("bandMeaning").GetString(), StringComparison.Ordinal);
        Assert.Equal("Det meste af tiden", response.GetProperty("answers")[0].GetProperty("answer").GetString());

        // A second answer is a conflict, and nothing more is written.
        Assert.Equal(HttpStatusCode.Conflict, (await citizen.PostAsJsonAsync($"/api/v1/me/questionnaires/{assignmentId}/response", answers)).StatusCode);
        Assert.Equal(1, await factory.WithDbAsync(db => db.QuestionnaireResponses.CountAsync(r => r.AssignmentId == assignmentId)));

        // Two answers at once (citizen and proxy): exactly one wins, the other is 409.
        var second = (await (await clinician.PostAsJsonAsync($"/api/v1/courses/{courseId}/questionnaire-assignments", new { instrumentId = who5 })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var proxy = await factory.ClientForAsync("paaroerende.louise");
        var race = await Task.WhenAll(
            citizen.PostAsJsonAsync($"/api/v1/me/questionnaires/{second}/response", answers),
            proxy.PostAsJsonAsync($"/api/v1/me/questionnaires/{second}/response", answers));
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], race.Select(r => r.StatusCode).OrderBy(s => (int)s));
        Assert.Equal(1, await factory.WithDbAsync(db => db.QuestionnaireResponses.CountAsync(r => r.AssignmentId == second)));

        // The course page lists it answered with the response; every read and write is in the log under health.
        var list = await clinician.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/questionnaire-assignments");
        var listed = list.GetProperty("assignments").EnumerateArray().Single(a => a.GetProperty("id").GetGuid() == assignmentId);
        Assert.Equal("Answered", listed.GetProperty("status").GetString());
        Assert.Equal("God trivsel", listed.GetProperty("response").GetProperty("scores")[0].GetProperty("bandLabel").GetString());
        var logged = await factory.WithDbAsync(db => db.AccessLog.Where(e => e.ResourceType == "QuestionnaireResponse" || e.ResourceType == "QuestionnaireAssignment").Select(e => new { e.Category, e.Action }).ToListAsync());
        Assert.All(logged, e => Assert.Equal(InformationCategory.HealthAndTreatment, e.Category));
        Assert.Contains(logged, e => e.Action == AccessAction.Create);
        Assert.Contains(logged, e => e.Action == AccessAction.Read);

        // The citizen's page shows the band and what it means, in plain words.
        using var page = await factory.CookieClientAsync("borger.louise");
        var html = await page.GetStringAsync("/Me/Questionnaires");
        Assert.Contains("God trivsel", html, StringComparison.Ordinal);
        Assert.Contains("Svarene tyder på, at du for det meste har haft det godt.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_proxy_answers_on_the_form_and_a_broken_rule_is_named_at_its_question_with_the_answers_kept()
    {
        using var clinician = await factory.ClientForAsync("behandler.vejle");
        using var citizen = await factory.ClientForAsync("borger.louise");
        var courseId = await LouiseCourseAsync(citizen);
        var instrumentId = await TestInstrumentAsync();
        var assigned = await clinician.PostAsJsonAsync($"/api/v1/courses/{courseId}/questionnaire-assignments", new { instrumentId });
        Assert.True(assigned.StatusCode == HttpStatusCode.Created, await assigned.Content.ReadAsStringAsync());
        var assignmentId = (await assigned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        using var page = await factory.CookieClientAsync("paaroerende.louise");
        var form = await page.GetStringAsync($"/Me/Questionnaires/{assignmentId}");
        Assert.Contains("name=\"q:why\"", form, StringComparison.Ordinal);
        Assert.Matches("id=\"q1\"[^>]*hidden", form); // "why" shows only after "yes"

        // "Yes" without the now-required "why", a scale out of range: both named, the answers kept.
        var bad = await page.PostAsync($"/Me/Questionnaires/{assignmentId}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["q:mood"] = "yes",
            ["q:scale"] = "11",
            ["__RequestVerificationToken"] = SamspilFactory.AntiforgeryToken(form),
        }));
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var again = await bad.Content.ReadAsStringAsync();
        Assert.Contains("Besvar venligst dette spørgsmål.", again, StringComparison.Ordinal);
        Assert.Contains("Tallet ligger uden for skalaen.", again, StringComparison.Ordinal);
        Assert.Matches("value=\"yes\" checked", again);
        Assert.Equal(0, await factory.WithDbAsync(db => db.QuestionnaireResponses.CountAsync(r => r.AssignmentId == assignmentId)));

        var good = await page.PostAsync($"/Me/Questionnaires/{assignmentId}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["q:mood"] = "yes",
            ["q:why"] = "Jeg sover bedre",
            ["q:scale"] = "7",
            ["q:when"] = "2026-11-01",
            ["__RequestVerificationToken"] = SamspilFactory.AntiforgeryToken(again),
        }));
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var stored = await factory.WithDbAsync(db => db.QuestionnaireResponses.AsNoTracking().SingleAsync(r => r.AssignmentId == assignmentId));
        Assert.Equal(ResponseMode.Proxy, stored.Mode);
        Assert.Equal("Jeg sover bedre", stored.Answers.Single(a => a.LinkId == "why").Text);
        Assert.Equal(new DateOnly(2026, 11, 1), stored.Answers.Single(a => a.LinkId == "when").Date);

        // Answered: the form is gone (back to the list), and a second post is refused at the form.
        Assert.Equal(HttpStatusCode.Redirect, (await page.GetAsync($"/Me/Questionnaires/{assignmentId}")).StatusCode);
    }

    [Fact]
    public async Task A_professional_enters_answers_together_marks_them_in_error_and_a_stranger_or_another_citizen_gets_404()
    {
        using var clinician = await factory.ClientForAsync("behandler.odense");
        var courseId = (await TestData.CreateCourseAsync(clinician)).GetProperty("id").GetGuid();
        var instrumentId = await TestInstrumentAsync();

        var entered = await clinician.PostAsJsonAsync($"/api/v1/courses/{courseId}/questionnaire-responses", new
        {
            instrumentId,
            answers = new object[] { new { linkId = "mood", code = "no" }, new { linkId = "scale", number = 3 } },
        });
        Assert.True(entered.StatusCode == HttpStatusCode.Created, await entered.Content.ReadAsStringAsync());
        var response = await entered.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("TogetherWithProfessional", response.GetProperty("mode").GetString());
        var responseId = response.GetProperty("id").GetGuid();
        var assignmentId = (await (await clinician.PostAsJsonAsync($"/api/v1/courses/{courseId}/questionnaire-assignments", new { instrumentId })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        // A stranger and another course's citizen: 404 everywhere, nothing written.
        using var stranger = await factory.ClientForAsync("koordinator.fredericia");
        using var louise = await factory.ClientForAsync("borger.louise");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/courses/{courseId}/questionnaire-assignments")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsJsonAsync($"/api/v1/courses/{courseId}/questionnaire-assignments", new { instrumentId })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsJsonAsync($"/api/v1/courses/{courseId}/questionnaire-assignments", new { instrumentId = Guid.NewGuid() })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/courses/{courseId}/questionnaire-responses/{responseId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"/api/v1/courses/{courseId}/questionnaire-responses/{responseId}/entered-in-error", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"/api/v1/courses/{courseId}/questionnaire-assignments/{assignmentId}/withdraw", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await louise.PostAsJsonAsync($"/api/v1/me/questionnaires/{assignmentId}/response", new { answers = new[] { new { linkId = "mood", code = "no" } } })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clinician.PostAsJsonAsync($"/api/v1/me/questionnaires/{assignmentId}/response", new { answers = new[] { new { linkId = "mood", code = "no" } } })).StatusCode);
        Assert.DoesNotContain((await louise.GetFromJsonAsync<JsonElement>("/api/v1/me/questionnaires")).GetProperty("open").EnumerateArray(), a => a.GetProperty("id").GetGuid() == assignmentId);
        using var strangerPage = await factory.CookieClientAsync("koordinator.fredericia");
        Assert.Equal(HttpStatusCode.NotFound, (await strangerPage.GetAsync($"/Courses/{courseId}/Questionnaires")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await strangerPage.GetAsync($"/Courses/{courseId}/Questionnaires/Responses/{responseId}")).StatusCode);

        // Entered together to the open assignment: it is answered; withdrawing it afterwards is a conflict.
        var toAssignment = await clinician.PostAsJsonAsync($"/api/v1/courses/{courseId}/questionnaire-responses", new { instrumentId, assignmentId, answers = new object[] { new { linkId = "mood", code = "no" }, new { linkId = "scale", number = 5 } } });
        Assert.Equal(HttpStatusCode.Created, toAssignment.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await clinician.PostAsync($"/api/v1/courses/{courseId}/questionnaire-assignments/{assignmentId}/withdraw", null)).StatusCode);

        var marked = await clinician.PostAsync($"/api/v1/courses/{courseId}/questionnaire-responses/{responseId}/entered-in-error", null);
        Assert.Equal(HttpStatusCode.OK, marked.StatusCode);
        Assert.Equal("EnteredInError", (await marked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await clinician.PostAsync($"/api/v1/courses/{courseId}/questionnaire-responses/{responseId}/entered-in-error", null)).StatusCode);

        // The staff pages render: the course's list with "fill in together", and the response's answers.
        using var page = await factory.CookieClientAsync("behandler.odense");
        var html = await page.GetStringAsync($"/Courses/{courseId}/Questionnaires");
        Assert.Contains("Udfyld sammen med borgeren", html, StringComparison.Ordinal);
        Assert.Contains($"/Courses/{courseId}/Questionnaires/Responses/{responseId}", html, StringComparison.Ordinal);
        Assert.Contains("Markeret som fejlindtastet", await page.GetStringAsync($"/Courses/{courseId}/Questionnaires/Responses/{responseId}"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await page.GetAsync($"/Courses/{courseId}/Questionnaires/Together/{instrumentId}")).StatusCode);
    }

    [Fact]
    public async Task Hostile_input_is_a_problem_naming_the_field_and_writes_nothing()
    {
        using var clinician = await factory.ClientForAsync("behandler.odense");
        var courseId = (await TestData.CreateCourseAsync(clinician)).GetProperty("id").GetGuid();
        var instrumentId = await TestInstrumentAsync();
        var retired = await TestInstrumentAsync("answer-test-retired", retire: true);
        var url = $"/api/v1/courses/{courseId}/questionnaire-responses";

        (object Body, string Field)[] hostile =
        [
            (new { instrumentId, answers = new object[] { new { linkId = "nope", code = "no" }, new { linkId = "scale", number = 1 } } }, "nope"),
            (new { instrumentId, answers = new object[] { new { linkId = new string('x', 5000), code = "no" } } }, new string('x', 64)),
            (new { instrumentId, answers = new object[] { new { linkId = "mood", number = 1 }, new { linkId = "scale", number = 1 } } }, "mood"),
            (new { instrumentId, answers = new object[] { new { linkId = "mood", code = "maybe" }, new { linkId = "scale", number = 1 } } }, "mood"),
            (new { instrumentId, answers = new object[] { new { linkId = "mood", code = "no" }, new { linkId = "scale", number = 11 } } }, "scale"),
            (new { instrumentId, answers = new object[] { new { linkId = "mood", code = "no", text = "og tekst" }, new { linkId = "scale", number = 1 } } }, "mood"),
            (new { instrumentId, answers = new object[] { new { linkId = "mood", code = "yes" }, new { linkId = "scale", number = 1 } } }, "why"),
            (new { instrumentId, answers = new object[] { new { linkId = "mood", code = "yes" }, new { linkId = "why", text = new string('y', 4001) }, new { linkId = "scale", number = 1 } } }, "why"),
            (new { instrumentId, answers = new object[] { new { linkId = "mood", code = "yes" }, new { linkId = "why", text = "Nul\0tegn" }, new { linkId = "scale", number = 1 } } }, "why"),
            (new { instrumentId, answers = new object[] { new { linkId = "mood", code = "no" }, new { linkId = "mood", code = "no" }, new { linkId = "scale", number = 1 } } }, "mood"),
            (new { instrumentId, answers = new object[] { new { linkId = "mood", code = "no" } } }, "scale"),
            (new { instrumentId, answers = Enumerable.Range(0, 301).Select(_ => new { linkId = "scale", number = 1 }) }, "answers"),
            (new { instrumentId = retired, answers = new object[] { new { linkId = "mood", code = "no" }, new { linkId = "scale", number = 1 } } }, "instrumentId"),
            (new { instrumentId = Guid.NewGuid(), answers = Array.Empty<object>() }, "instrumentId"),
        ];
        foreach (var (body, field) in hostile)
        {
            var answer = await clinician.PostAsJsonAsync(url, body);
            var text = await answer.Content.ReadAsStringAsync();
            Assert.True(answer.StatusCode == HttpStatusCode.BadRequest, $"{field}: {(int)answer.StatusCode} {text}");
            Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
            Assert.True(JsonDocument.Parse(text).RootElement.GetProperty("errors").TryGetProperty(field, out _), text);
        }

        // Wrong JSON types and a body that is no JSON: problems, never a 500.
        foreach (var raw in new[] { "{\"instrumentId\":\"" + instrumentId + "\",\"answers\":[{\"linkId\":\"scale\",\"number\":\"abc\"}]}", "{\"answers\":{}}", "[", "{\"instrumentId\":42}" })
        {
            using var content = new StringContent(raw, System.Text.Encoding.UTF8, "application/json");
            var answer = await clinician.PostAsync(url, content);
            Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        }

        // Assigning: an over-long or control-character message, a past due date, a retired or unknown instrument.
        var assign = $"/api/v1/courses/{courseId}/questionnaire-assignments";
        foreach (var (body, field) in new (object, string)[]
        {
            (new { instrumentId, message = new string('m', 1001) }, "message"),
            (new { instrumentId, message = "Bell\u0007" }, "message"),
            (new { instrumentId, dueOn = "2020-01-01" }, "dueOn"),
            (new { instrumentId = retired }, "instrumentId"),
            (new { instrumentId = Guid.NewGuid() }, "instrumentId"),
            (new { message = "ingen" }, "instrumentId"),
        })
        {
            var answer = await clinician.PostAsJsonAsync(assign, body);
            var text = await answer.Content.ReadAsStringAsync();
            Assert.True(answer.StatusCode == HttpStatusCode.BadRequest, $"{field}: {(int)answer.StatusCode} {text}");
            Assert.True(JsonDocument.Parse(text).RootElement.GetProperty("errors").TryGetProperty(field, out _), text);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await clinician.PostAsJsonAsync($"/api/v1/courses/{Guid.NewGuid()}/questionnaire-assignments", new { instrumentId })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clinician.PostAsJsonAsync($"/api/v1/me/questionnaires/{Guid.NewGuid()}/response", new { answers = Array.Empty<object>() })).StatusCode);
        Assert.Equal(0, await factory.WithDbAsync(db => db.QuestionnaireResponses.CountAsync(r => r.CourseId == courseId)));
        Assert.Equal(0, await factory.WithDbAsync(db => db.QuestionnaireAssignments.CountAsync(a => a.CourseId == courseId)));
    }

    private static async Task<Guid> LouiseCourseAsync(HttpClient citizen) =>
        (await citizen.GetFromJsonAsync<JsonElement>("/api/v1/courses"))[0].GetProperty("id").GetGuid();

    private Task<Guid> InstrumentIdAsync(string key) =>
        factory.WithDbAsync(db => db.Instruments.Where(i => i.Key == key).OrderByDescending(i => i.Version).Select(i => i.Id).FirstAsync());

    /// <summary>
    /// A small instrument of the test's own, with every answer type: "mood" (yes/no, required), "why" (text, shown and
    /// required only after "yes"), "scale" (0–10, required) and "when" (a date).
    /// </summary>
    private async Task<Guid> TestInstrumentAsync(string key = TestKey, bool retire = false)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SamspilDbContext>();
        if (await db.Instruments.Where(i => i.Key == key).Select(i => (Guid?)i.Id).FirstOrDefaultAsync() is { } existing)
        {
            return existing;
        }

        var definition = new QuestionnaireDefinition(
            LocalizedText.Of("Testskema", "Test form"),
            null,
            ["da", "en"],
            [
                new QuestionItem("mood", QuestionItemType.Choice, LocalizedText.Of("Har du det bedre?"), Required: true, Options: [new AnswerOption("yes", LocalizedText.Of("Ja"), 1), new AnswerOption("no", LocalizedText.Of("Nej"), 0)]),
                new QuestionItem("why", QuestionItemType.Text, LocalizedText.Of("Hvad hjælper?"), Required: true, EnableWhen: [new EnableCondition("mood", EnableOperator.Equal, "yes")]),
                new QuestionItem("scale", QuestionItemType.Scale, LocalizedText.Of("Hvor godt sover du?"), Required: true, MinValue: 0, MaxValue: 10, MinLabel: LocalizedText.Of("Dårligt"), MaxLabel: LocalizedText.Of("Godt")),
                new QuestionItem("when", QuestionItemType.Date, LocalizedText.Of("Hvornår begyndte det?")),
            ],
            new ScoringRules([new ScaleRule("total", LocalizedText.Of("Samlet"), ["mood", "scale"], Missing: new MissingRule(1, false), Primary: true)]));
        var instrument = Instrument.Create(key, 1, InstrumentPurpose.Screening, InformationCategory.HealthAndTreatment, definition, shipped: false, "test", SamspilFactory.Now);
        if (retire)
        {
            instrument.Retire("test", SamspilFactory.Now);
        }

        db.Instruments.Add(instrument);
        await db.SaveChangesAsync();
        return instrument.Id;
    }
}

public sealed class QuestionnaireAnsweringTestsOnSqlite(SqliteFactory factory) : QuestionnaireAnsweringTests(factory), IClassFixture<SqliteFactory>;

public sealed class QuestionnaireAnsweringTestsOnPostgres(PostgresFactory factory) : QuestionnaireAnsweringTests(factory), IClassFixture<PostgresFactory>;
