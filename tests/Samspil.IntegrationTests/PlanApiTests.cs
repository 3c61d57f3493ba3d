using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Consents;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests;

public abstract class PlanApiTests(SamspilFactory factory)
{
    [Fact]
    public async Task A_clinician_builds_and_evaluates_a_plan_through_the_api()
    {
        using var client = await factory.ClientForAsync("behandler.odense");
        var (courseId, memberId) = await NewCourseAsync(client);

        var empty = await client.GetAsync($"/api/v1/courses/{courseId}/plan");
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Equal("\"0\"", empty.Headers.ETag?.Tag);
        Assert.Equal(0, (await empty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());

        var plan = await SendAsync(client, HttpMethod.Put, courseId, "/citizen-part", "0", new
        {
            statement = "Jeg vil gerne kunne sove om natten og komme tilbage til mit arbejde som buschauffør.",
            language = "da",
            problems = new[] { "Søvnen", "Brev fra kommunen jeg ikke forstår" },
        });
        Assert.Equal(2, plan.GetProperty("version").GetInt32()); // created, then the citizen's words
        Assert.Equal("Professional", plan.GetProperty("citizenPart").GetProperty("author").GetString());
        Assert.Equal(2, plan.GetProperty("citizenPart").GetProperty("problems").GetArrayLength());

        plan = await SendAsync(client, HttpMethod.Post, courseId, "/challenges", "2", new { area = "ResidencePermit", text = "Venter på svar om forlænget opholdstilladelse" });
        plan = await SendAsync(client, HttpMethod.Post, courseId, "/goals", "3", new
        {
            title = "Tilbage i arbejde som chauffør",
            citizenWish = "Køre bus igen",
            subGoals = new[] { "Sove 6 timer", "Praktik 10 timer om ugen", "Fuld tid" },
        });
        var goal = plan.GetProperty("goals")[0];
        var goalId = goal.GetProperty("id").GetGuid();
        var subGoals = goal.GetProperty("subGoals").EnumerateArray().Select(s => s.GetProperty("id").GetGuid()).ToArray();
        Assert.Equal(["Sove 6 timer", "Praktik 10 timer om ugen", "Fuld tid"], goal.GetProperty("subGoals").EnumerateArray().Select(s => s.GetProperty("text").GetString()));

        plan = await SendAsync(client, HttpMethod.Put, courseId, $"/goals/{goalId}/sub-goals/order", "4", new { order = new[] { subGoals[1], subGoals[0], subGoals[2] } });
        Assert.Equal(["Praktik 10 timer om ugen", "Sove 6 timer", "Fuld tid"], plan.GetProperty("goals")[0].GetProperty("subGoals").EnumerateArray().Select(s => s.GetProperty("text").GetString()));

        plan = await SendAsync(client, HttpMethod.Post, courseId, "/actions", "5", new { goalId, text = "Søvnudredning", ownerMemberId = memberId, dueDate = "2026-12-01" });
        var action = plan.GetProperty("actions")[0];
        Assert.Equal("Mette Demo-Lindberg", action.GetProperty("owner").GetProperty("name").GetString());
        Assert.Equal("Region", action.GetProperty("owner").GetProperty("sector").GetString());
        Assert.Equal("Planned", action.GetProperty("status").GetString());
        var actionId = action.GetProperty("id").GetGuid();

        var blockedWithoutReason = await RawAsync(client, HttpMethod.Post, courseId, $"/actions/{actionId}/status", "6", new { status = "Blocked" });
        Assert.Equal(HttpStatusCode.BadRequest, blockedWithoutReason.StatusCode);
        plan = await SendAsync(client, HttpMethod.Post, courseId, $"/actions/{actionId}/status", "6", new { status = "Blocked", blockedReason = "Venter på tolk" });
        Assert.Equal("Venter på tolk", plan.GetProperty("actions")[0].GetProperty("blockedReason").GetString());
        plan = await SendAsync(client, HttpMethod.Post, courseId, $"/actions/{actionId}/status", "7", new { status = "Done" });
        Assert.False(plan.GetProperty("actions")[0].GetProperty("isOpen").GetBoolean());

        plan = await SendAsync(client, HttpMethod.Post, courseId, "/reviews", "8", new
        {
            date = "2026-11-20",
            whatWorked = "Søvnen er bedre",
            whatChanges = "Praktikken starter senere",
            participants = "Borger, psykolog, sagsbehandler",
            ratings = new[] { new { goalId, score = 3 } },
        });
        plan = await SendAsync(client, HttpMethod.Post, courseId, $"/goals/{goalId}/ratings", "9", new { score = 4, date = "2026-11-22" });
        var ratings = plan.GetProperty("goals")[0].GetProperty("ratings").EnumerateArray().Select(r => r.GetProperty("score").GetInt32()).ToArray();
        Assert.Equal([3, 4], ratings);
        Assert.Equal(4, plan.GetProperty("goals")[0].GetProperty("latestScore").GetInt32());
        Assert.Single(plan.GetProperty("reviews").EnumerateArray());
        Assert.Equal(10, plan.GetProperty("version").GetInt32());

        var history = await client.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/plan/history");
        Assert.Equal(Enumerable.Range(1, 10).Reverse(), history.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));
        Assert.All(history.GetProperty("versions").EnumerateArray(), v => Assert.Equal("Mette Demo-Lindberg", v.GetProperty("byName").GetString()));

        var diff = await client.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/plan/diff?from=4&to=5");
        var moved = diff.GetProperty("changes").EnumerateArray().Where(c => c.GetProperty("section").GetString() == "SubGoals").ToList();
        Assert.Contains(moved, c => c.GetProperty("item").GetString() == "Praktik 10 timer om ugen" && c.GetProperty("before").GetString() == "2" && c.GetProperty("after").GetString() == "1");
        var statusDiff = await client.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/plan/diff?from=7&to=8");
        Assert.Contains(statusDiff.GetProperty("changes").EnumerateArray(), c => c.GetProperty("before").GetString() == "Blokeret" && c.GetProperty("after").GetString() == "Udført");

        // The action is handed to the citizen with a new date; the old owner stays in the history.
        plan = await SendAsync(client, HttpMethod.Put, courseId, $"/actions/{actionId}", "10", new { goalId, text = "Søvndagbog", ownerIsCitizen = true, dueDate = "2026-12-20" });
        var handed = plan.GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("id").GetGuid() == actionId);
        Assert.True(handed.GetProperty("owner").GetProperty("isCitizen").GetBoolean());
        Assert.Equal("2026-12-20", handed.GetProperty("dueDate").GetString());
        var ownerDiff = await client.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/plan/diff?from=10&to=11");
        Assert.Contains(ownerDiff.GetProperty("changes").EnumerateArray(), c => c.GetProperty("before").GetString() == "Mette Demo-Lindberg" && c.GetProperty("after").GetString() == "Testa Demo-Testesen");

        // Every read and change of the plan is in the access log, in the plan category.
        var logged = await factory.WithDbAsync(db => db.AccessLog.Where(e => e.ResourceType.StartsWith("CarePlan")).Select(e => new { e.Category, e.Action }).ToListAsync());
        Assert.All(logged, e => Assert.Equal(InformationCategory.PlanAndGoals, e.Category));
        Assert.Contains(logged, e => e.Action == Domain.Audit.AccessAction.Update);
    }

    [Fact]
    public async Task A_change_needs_the_current_version_and_a_stale_one_gets_both_versions_back()
    {
        using var client = await factory.ClientForAsync("behandler.odense");
        var (courseId, _) = await NewCourseAsync(client);
        await SendAsync(client, HttpMethod.Post, courseId, "/challenges", "0", new { area = "Housing", text = "Bor på et værelse hos en ven" });

        var missing = await client.PostAsJsonAsync($"/api/v1/courses/{courseId}/plan/challenges", new { area = "Income", text = "Gæld" });
        Assert.Equal(HttpStatusCode.PreconditionRequired, missing.StatusCode);

        var garbage = await RawAsync(client, HttpMethod.Post, courseId, "/challenges", "\"abc\"", new { area = "Income", text = "Gæld" }, quote: false);
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);

        var stale = await RawAsync(client, HttpMethod.Post, courseId, "/challenges", "1", new { area = "Income", text = "Gæld til SKAT" });
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var problem = await stale.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, problem.GetProperty("currentVersion").GetInt32());
        Assert.Equal("Bor på et værelse hos en ven", problem.GetProperty("current").GetProperty("challenges")[0].GetProperty("text").GetString());
        Assert.Equal("Gæld til SKAT", problem.GetProperty("yourChange").GetProperty("text").GetString());
        Assert.Contains("Mette Demo-Lindberg", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var plan = await client.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/plan");
        Assert.Single(plan.GetProperty("challenges").EnumerateArray()); // nothing half-written

        var wildcard = await RawAsync(client, HttpMethod.Post, courseId, "/challenges", "*", new { area = "Income", text = "Gæld til SKAT" }, quote: false);
        Assert.Equal(HttpStatusCode.OK, wildcard.StatusCode);
        Assert.Equal("\"3\"", wildcard.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task Many_parallel_editors_lose_no_update()
    {
        const int Editors = 12;
        var (courseId, _) = await NewCourseAsync(await factory.ClientForAsync("behandler.odense"));
        var clients = await Task.WhenAll(Enumerable.Range(0, Editors).Select(_ => factory.ClientForAsync("behandler.odense")));
        var conflicts = 0;

        // Each editor adds one challenge: read, change with If-Match, and on 412 read again and retry.
        await Task.WhenAll(clients.Select((client, i) => Task.Run(async () =>
        {
            for (var attempt = 0; attempt < 200; attempt++)
            {
                var current = await client.GetAsync($"/api/v1/courses/{courseId}/plan");
                var tag = current.Headers.ETag!.Tag;
                var response = await RawAsync(client, HttpMethod.Post, courseId, "/challenges", tag, new { area = "Other", text = $"Udfordring {i}" }, quote: false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                Assert.True(response.StatusCode == HttpStatusCode.PreconditionFailed, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                Interlocked.Increment(ref conflicts);
            }

            Assert.Fail($"editor {i} never got through");
        })));

        var plan = await clients[0].GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/plan");
        Assert.Equal(Enumerable.Range(0, Editors).Select(i => $"Udfordring {i}").Order(), plan.GetProperty("challenges").EnumerateArray().Select(c => c.GetProperty("text").GetString()!).Order());
        Assert.Equal(Editors + 1, plan.GetProperty("version").GetInt32()); // the first change also created the plan
        var history = await clients[0].GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/plan/history");
        Assert.Equal(Enumerable.Range(1, Editors + 1).Reverse(), history.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));

        // The same version sent by many at once: exactly one wins.
        var tag = $"\"{Editors + 1}\"";
        var racing = await Task.WhenAll(clients.Select((client, i) => RawAsync(client, HttpMethod.Post, courseId, "/challenges", tag, new { area = "Work", text = $"Samtidig {i}" }, quote: false)));
        Assert.Single(racing, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(racing.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.PreconditionFailed, r.StatusCode));
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    [Fact]
    public async Task An_action_has_exactly_one_owner_from_the_active_network()
    {
        using var client = await factory.ClientForAsync("behandler.odense");
        var (courseId, memberId) = await NewCourseAsync(client);

        var stranger = await RawAsync(client, HttpMethod.Post, courseId, "/actions", "0", new { text = "Ring til borger", ownerMemberId = Guid.NewGuid(), dueDate = "2026-12-01" });
        Assert.Equal(HttpStatusCode.BadRequest, stranger.StatusCode);
        Assert.Equal("Den ansvarlige skal være aktivt medlem af borgerens netværk.", await DetailAsync(stranger));

        var two = await RawAsync(client, HttpMethod.Post, courseId, "/actions", "0", new { text = "Ring til borger", ownerMemberId = memberId, ownerIsCitizen = true, dueDate = "2026-12-01" });
        Assert.Equal(HttpStatusCode.BadRequest, two.StatusCode);
        var none = await RawAsync(client, HttpMethod.Post, courseId, "/actions", "0", new { text = "Ring til borger", dueDate = "2026-12-01" });
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        var noDate = await RawAsync(client, HttpMethod.Post, courseId, "/actions", "0", new { text = "Ring til borger", ownerIsCitizen = true });
        Assert.Equal(HttpStatusCode.BadRequest, noDate.StatusCode);

        var plan = await SendAsync(client, HttpMethod.Post, courseId, "/actions", "0", new { text = "Søg om boligstøtte", ownerIsCitizen = true, dueDate = "2026-12-01" });
        Assert.True(plan.GetProperty("actions")[0].GetProperty("owner").GetProperty("isCitizen").GetBoolean());
        Assert.Equal(2, plan.GetProperty("version").GetInt32()); // no refused attempt took a version
    }

    [Fact]
    public async Task Hostile_input_gets_problem_details_and_changes_nothing()
    {
        using var client = await factory.ClientForAsync("behandler.odense");
        var (courseId, _) = await NewCourseAsync(client);
        var plan = await SendAsync(client, HttpMethod.Post, courseId, "/goals", "0", new { title = "Mål", subGoals = new[] { "a", "b" } });
        var goalId = plan.GetProperty("goals")[0].GetProperty("id").GetGuid();
        var subIds = plan.GetProperty("goals")[0].GetProperty("subGoals").EnumerateArray().Select(s => s.GetProperty("id").GetGuid()).ToArray();

        (string Path, object Body)[] attempts =
        [
            ("/challenges", new { area = "Housing", text = "nul\u0000byte" }),
            ("/challenges", new { area = "Housing", text = new string('x', 1001) }),
            ("/challenges", new { area = "Housing" }),
            ("/goals", new { title = "  " }),
            ("/goals", new { title = "ok", subGoals = Enumerable.Range(0, 25).Select(i => "s" + i).ToArray() }),
            ($"/goals/{goalId}/sub-goals/order", new { order = new[] { subIds[0], subIds[0] } }),
            ($"/goals/{goalId}/sub-goals/order", new { order = new[] { subIds[0] } }),
            ($"/goals/{goalId}/ratings", new { score = 9 }),
            ($"/goals/{goalId}/ratings", new { score = 3, date = "2030-01-01" }),
            ("/reviews", new { date = "2026-11-20", participants = "Borger" }),
            ("/reviews", new { date = "2026-11-20", whatWorked = "x", participants = "Borger", ratings = new[] { new { goalId = Guid.NewGuid(), score = 3 } } }),
            ("/actions", new { text = "x", goalId = Guid.NewGuid(), ownerIsCitizen = true, dueDate = "2026-12-01" }),
        ];
        foreach (var (path, body) in attempts)
        {
            var method = path.EndsWith("/order", StringComparison.Ordinal) ? HttpMethod.Put : HttpMethod.Post;
            var response = await RawAsync(client, method, courseId, path, "2", body);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        var wrongEnum = new StringContent("{\"area\":\"Spaceship\",\"text\":\"x\"}", System.Text.Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/courses/{courseId}/plan/challenges") { Content = wrongEnum };
        request.Headers.TryAddWithoutValidation("If-Match", "\"2\"");
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(request)).StatusCode);

        var unknownGoal = await RawAsync(client, HttpMethod.Post, courseId, $"/goals/{Guid.NewGuid()}/sub-goals", "2", new { text = "x" });
        Assert.Equal(HttpStatusCode.NotFound, unknownGoal.StatusCode);

        var after = await client.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/plan");
        Assert.Equal(2, after.GetProperty("version").GetInt32());
        Assert.Empty(after.GetProperty("challenges").EnumerateArray());
    }

    [Fact]
    public async Task The_plan_is_read_only_by_those_whose_consent_covers_plan_and_goals()
    {
        using var clinician = await factory.ClientForAsync("behandler.odense");
        var (courseId, _) = await NewCourseAsync(clinician);
        await SendAsync(clinician, HttpMethod.Post, courseId, "/goals", "0", new { title = "Arbejde" });
        using var caseworker = await factory.ClientForAsync("sagsbehandler.odense");
        Assert.Equal(HttpStatusCode.NotFound, (await caseworker.GetAsync($"/api/v1/courses/{courseId}/plan")).StatusCode);

        var jobCentre = await TestData.OrganizationIdAsync(clinician, "Jobcenter Odense");
        await TestData.RegisterConsentAsync(clinician, courseId, ["StatusAndAppointments"], new { kind = "Organization", targetId = jobCentre });
        Assert.Equal(HttpStatusCode.OK, (await caseworker.GetAsync($"/api/v1/courses/{courseId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await caseworker.GetAsync($"/api/v1/courses/{courseId}/plan")).StatusCode);

        await TestData.RegisterConsentAsync(clinician, courseId, new { kind = "Organization", targetId = jobCentre });
        var plan = await caseworker.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/plan");
        Assert.Equal("Arbejde", plan.GetProperty("goals")[0].GetProperty("title").GetString());
        Assert.False(plan.GetProperty("permissions").GetProperty("canEdit").GetBoolean()); // not on the network
        var change = await RawAsync(caseworker, HttpMethod.Post, courseId, "/goals", "2", new { title = "Andet" });
        Assert.Equal(HttpStatusCode.NotFound, change.StatusCode);

        using var elsewhere = await factory.ClientForAsync("sagsbehandler.kolding");
        Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.GetAsync($"/api/v1/courses/{courseId}/plan")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.GetAsync($"/api/v1/courses/{courseId}/plan/history")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.GetAsync($"/api/v1/courses/{courseId}/plan/diff?from=1&to=2")).StatusCode);
    }

    [Fact]
    public async Task The_citizen_writes_their_own_words_and_rates_goals_but_does_not_edit_the_rest()
    {
        using var citizen = await factory.ClientForAsync("borger.abby");
        var courseId = (await citizen.GetFromJsonAsync<JsonElement>("/api/v1/courses"))[0].GetProperty("id").GetGuid();
        var start = await citizen.GetAsync($"/api/v1/courses/{courseId}/plan");
        var tag = start.Headers.ETag!.Tag;
        var view = await start.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(view.GetProperty("permissions").GetProperty("canEdit").GetBoolean());
        Assert.True(view.GetProperty("permissions").GetProperty("canEditCitizenPart").GetBoolean());

        var forbidden = await RawAsync(citizen, HttpMethod.Post, courseId, "/goals", tag, new { title = "Mit eget mål" }, quote: false);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        var plan = await SendAsync(citizen, HttpMethod.Put, courseId, "/citizen-part", tag, new { statement = "Jeg vil have ro.", language = "da" }, quote: false);
        Assert.Equal("Citizen", plan.GetProperty("citizenPart").GetProperty("author").GetString());
        Assert.Equal("Jeg vil have ro.", plan.GetProperty("citizenPart").GetProperty("statement").GetString());
    }

    [Fact]
    public async Task My_tasks_lists_my_open_actions_across_courses_overdue_first()
    {
        using var client = await factory.ClientForAsync("socialraadgiver.traume");
        var (first, firstMember) = await NewCourseAsync(client);
        var (second, secondMember) = await NewCourseAsync(client);
        await SendAsync(client, HttpMethod.Post, first, "/actions", "0", new { text = "Ansøg om tolk", ownerMemberId = firstMember, dueDate = "2026-12-05" });
        await SendAsync(client, HttpMethod.Post, second, "/actions", "0", new { text = "Send epikrise", ownerMemberId = secondMember, dueDate = "2026-11-10" });
        var plan = await SendAsync(client, HttpMethod.Post, second, "/actions", "2", new { text = "Allerede gjort", ownerMemberId = secondMember, dueDate = "2026-11-01" });
        var doneId = plan.GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("text").GetString() == "Allerede gjort").GetProperty("id").GetGuid();
        await SendAsync(client, HttpMethod.Post, second, $"/actions/{doneId}/status", "3", new { status = "Done" });
        await SendAsync(client, HttpMethod.Post, second, "/actions", "4", new { text = "Borgerens egen opgave", ownerIsCitizen = true, dueDate = "2026-11-01" });

        var tasks = await client.GetFromJsonAsync<JsonElement>("/api/v1/me/tasks");
        var mine = tasks.EnumerateArray().Where(t => t.GetProperty("courseId").GetGuid() == first || t.GetProperty("courseId").GetGuid() == second).ToList();
        Assert.Equal(["Send epikrise", "Ansøg om tolk"], mine.Select(t => t.GetProperty("action").GetProperty("text").GetString()));
        Assert.True(mine[0].GetProperty("action").GetProperty("isOverdue").GetBoolean());

        using var other = await factory.ClientForAsync("behandler.vejle");
        var theirs = await other.GetFromJsonAsync<JsonElement>("/api/v1/me/tasks");
        Assert.DoesNotContain(theirs.EnumerateArray(), t => t.GetProperty("courseId").GetGuid() == first || t.GetProperty("courseId").GetGuid() == second);
    }

    [Fact]
    public async Task A_plan_is_created_once_per_course()
    {
        using var client = await factory.ClientForAsync("behandler.odense");
        var (courseId, _) = await NewCourseAsync(client);

        var created = await client.PostAsync($"/api/v1/courses/{courseId}/plan", null);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("\"1\"", created.Headers.ETag?.Tag);
        Assert.Equal($"/api/v1/courses/{courseId}/plan", created.Headers.Location?.OriginalString);

        var again = await client.PostAsync($"/api/v1/courses/{courseId}/plan", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("Forløbet har allerede en plan.", await DetailAsync(again));

        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/v1/courses/{Guid.NewGuid()}/plan", null)).StatusCode);
    }

    [Fact]
    public async Task An_ended_course_keeps_its_plan_but_takes_no_changes()
    {
        using var client = await factory.ClientForAsync("behandler.odense");
        var (courseId, _) = await NewCourseAsync(client);
        await SendAsync(client, HttpMethod.Post, courseId, "/goals", "0", new { title = "Arbejde" });
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/v1/courses/{courseId}/end", new { endDate = "2026-11-21" })).StatusCode);

        var change = await RawAsync(client, HttpMethod.Post, courseId, "/goals", "2", new { title = "Nyt" });
        Assert.Equal(HttpStatusCode.Conflict, change.StatusCode);
        var plan = await client.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/plan");
        Assert.Single(plan.GetProperty("goals").EnumerateArray());
        Assert.False(plan.GetProperty("permissions").GetProperty("canEdit").GetBoolean());
    }

    /// <summary>A new course created by the signed-in professional, and the id of their own network membership.</summary>
    private static async Task<(Guid CourseId, Guid MemberId)> NewCourseAsync(HttpClient client)
    {
        var course = await TestData.CreateCourseAsync(client);
        return (course.GetProperty("id").GetGuid(), course.GetProperty("network")[0].GetProperty("id").GetGuid());
    }

    private static async Task<JsonElement> SendAsync(HttpClient client, HttpMethod method, Guid courseId, string path, string version, object body, bool quote = true)
    {
        var response = await RawAsync(client, method, courseId, path, version, body, quote);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static Task<HttpResponseMessage> RawAsync(HttpClient client, HttpMethod method, Guid courseId, string path, string version, object body, bool quote = true)
    {
        var request = new HttpRequestMessage(method, $"/api/v1/courses/{courseId}/plan{path}") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", quote ? $"\"{version}\"" : version);
        return client.SendAsync(request);
    }

    private static async Task<string?> DetailAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
}

public sealed class PlanApiTestsOnSqlite(SqliteFactory factory) : PlanApiTests(factory), IClassFixture<SqliteFactory>;

public sealed class PlanApiTestsOnPostgres(PostgresFactory factory) : PlanApiTests(factory), IClassFixture<PostgresFactory>;
