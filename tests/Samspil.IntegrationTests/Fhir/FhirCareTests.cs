using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Audit;
using Samspil.Features.Fhir;
using Samspil.IntegrationTests.Infrastructure;
using Task = System.Threading.Tasks.Task;

namespace Samspil.IntegrationTests.Fhir;

/// <summary>
/// Issue 20: a course (EpisodeOfCare), its network (CareTeam), its shared plan (CarePlan), goals and sub-goals (Goal) and
/// actions (Task) through the FHIR API with the Firely SDK's FhirClient — read, search, paging, _include, a refused read as
/// 404 — every returned resource validated against base R4; and a partner system moving an action's status with PUT
/// through the plan's own change path (permissions, version, history, access log).
/// </summary>
public abstract class FhirCareTests(SamspilFactory factory)
{
    [Fact]
    public async Task A_clinician_reads_and_searches_the_course_network_plan_goals_and_tasks()
    {
        using var http = await factory.ClientForAsync("behandler.odense");
        var scenario = await ScenarioAsync(http);
        var client = FhirTestSupport.Client(http);

        var episode = await client.ReadAsync<EpisodeOfCare>($"EpisodeOfCare/{scenario.CourseId}");
        FhirTestSupport.AssertValid(episode!);
        Assert.Equal(EpisodeOfCare.EpisodeOfCareStatus.Active, episode!.Status);
        Assert.Equal($"Patient/{scenario.CitizenId}", episode.Patient.Reference);
        Assert.Equal("ptsd-refugee", episode.Type[0].Coding[0].Code);
        Assert.Equal($"CareTeam/{scenario.CourseId}", episode.Team[0].Reference);

        var team = await client.ReadAsync<CareTeam>($"CareTeam/{scenario.CourseId}");
        FhirTestSupport.AssertValid(team!);
        Assert.Equal(2, team!.Participant.Count);
        Assert.StartsWith("PractitionerRole/", team.Participant[0].Member!.Reference, StringComparison.Ordinal);
        Assert.Equal("RelatedPerson", team.Participant[1].Member!.Type);
        Assert.Equal("Amira Demo-Haddad (søster)", team.Participant[1].Member!.Display);
        Assert.Equal("Coordinator", team.Participant[0].Role[0].Coding[0].Code);

        var episodes = await client.SearchAsync<EpisodeOfCare>([$"patient=Patient/{scenario.CitizenId}", "status=active", "_include=EpisodeOfCare:care-team"]);
        FhirTestSupport.AssertValid(episodes!);
        Assert.Equal(1, episodes!.Total);
        Assert.Equal([Bundle.SearchEntryMode.Match, Bundle.SearchEntryMode.Include], episodes.Entry.Select(e => e.Search!.Mode!.Value));
        Assert.Equal(2, Assert.IsType<CareTeam>(episodes.Entry[1].Resource).Participant.Count);
        Assert.Equal(0, (await client.SearchAsync<EpisodeOfCare>([$"patient=Patient/{scenario.CitizenId}", "status=finished"]))!.Total);
        var teams = await client.SearchAsync<CareTeam>([$"patient=Patient/{scenario.CitizenId}", "status=active"]);
        FhirTestSupport.AssertValid(teams!);
        Assert.Equal(2, Assert.IsType<CareTeam>(Assert.Single(teams!.Entry).Resource).Participant.Count);

        var plans = await client.SearchAsync<CarePlan>([$"patient=Patient/{scenario.CitizenId}", "_include=CarePlan:goal", "_include=CarePlan:activity-reference"]);
        FhirTestSupport.AssertValid(plans!);
        Assert.Equal(1, plans!.Total);
        var carePlan = Assert.IsType<CarePlan>(plans.Entry[0].Resource);
        Assert.Equal(scenario.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), carePlan.Meta!.VersionId);
        Assert.Equal(3, carePlan.Goal.Count);
        Assert.Equal(3, carePlan.Activity.Count);
        Assert.Equal(3, plans.Entry.Count(e => e.Resource is Goal && e.Search!.Mode == Bundle.SearchEntryMode.Include));
        Assert.Equal(3, plans.Entry.Count(e => e.Resource is Hl7.Fhir.Model.Task && e.Search!.Mode == Bundle.SearchEntryMode.Include));
        Assert.Equal($"CareTeam/{scenario.CourseId}", carePlan.CareTeam[0].Reference);
        var read = await client.ReadAsync<CarePlan>($"CarePlan/{carePlan.Id}");
        FhirTestSupport.AssertValid(read!);

        var goal = await client.ReadAsync<Goal>($"Goal/{scenario.GoalId}");
        FhirTestSupport.AssertValid(goal!);
        Assert.Equal("Tilbage i arbejde", goal!.Description.Text);
        Assert.Equal(2, goal.Extension.Count(e => e.Url == FhirCare.GoalRelationshipUrl));
        var subGoal = await client.ReadAsync<Goal>($"Goal/{scenario.SubGoalIds[1]}");
        FhirTestSupport.AssertValid(subGoal!);
        Assert.Equal($"Goal/{scenario.GoalId}", ((ResourceReference)subGoal!.GetExtension(FhirCare.ParentGoalUrl)!.Value!).Reference);
        var goals = await client.SearchAsync<Goal>([$"patient=Patient/{scenario.CitizenId}", "lifecycle-status=active"]);
        FhirTestSupport.AssertValid(goals!);
        Assert.Equal([scenario.GoalId, scenario.SubGoalIds[0], scenario.SubGoalIds[1]], goals!.Entry.Select(e => Guid.Parse(e.Resource!.Id!)));

        var task = await client.ReadAsync<Hl7.Fhir.Model.Task>($"Task/{scenario.ActionIds[0]}");
        FhirTestSupport.AssertValid(task!);
        Assert.Equal(Hl7.Fhir.Model.Task.TaskStatus.Requested, task!.Status);
        Assert.Equal("Søvnudredning", task.Description);
        Assert.Equal($"Goal/{scenario.GoalId}", task.Focus!.Reference);
        Assert.Equal($"CarePlan/{carePlan.Id}", task.BasedOn[0].Reference);
        Assert.StartsWith("PractitionerRole/", task.Owner!.Reference, StringComparison.Ordinal);
        Assert.Equal("2026-12-01", task.Restriction!.Period!.End);
        var citizensOwn = await client.ReadAsync<Hl7.Fhir.Model.Task>($"Task/{scenario.ActionIds[1]}");
        Assert.Equal($"Patient/{scenario.CitizenId}", citizensOwn!.Owner!.Reference);

        var tasks = await client.SearchAsync<Hl7.Fhir.Model.Task>([$"patient=Patient/{scenario.CitizenId}"]);
        FhirTestSupport.AssertValid(tasks!);
        Assert.Equal(3, tasks!.Total);
        var requested = await client.SearchAsync<Hl7.Fhir.Model.Task>([$"patient=Patient/{scenario.CitizenId}", "status=requested,on-hold", "authored-on=ge2026-11-01"]);
        Assert.Equal(3, requested!.Total);
        Assert.Equal(0, (await client.SearchAsync<Hl7.Fhir.Model.Task>([$"patient=Patient/{scenario.CitizenId}", "status=completed"]))!.Total);

        // A Task id is no Goal, and the other way round.
        Assert.Equal(HttpStatusCode.NotFound, (await FhirTestSupport.RefusedAsync(() => client.ReadAsync<Goal>($"Goal/{scenario.ActionIds[0]}"))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await FhirTestSupport.RefusedAsync(() => client.ReadAsync<Hl7.Fhir.Model.Task>($"Task/{scenario.GoalId}"))).Status);

        var logged = await factory.WithDbAsync(db => db.AccessLog.CountAsync(e => e.CitizenId == scenario.CitizenId && e.ResourceType == "CarePlan" && e.Action == AccessAction.Read));
        Assert.True(logged >= 6, $"Expected every plan read and search to be logged, found {logged}.");
    }

    [Fact]
    public async Task A_search_of_Tasks_pages_through_every_action_with_the_links()
    {
        using var http = await factory.ClientForAsync("behandler.odense");
        var scenario = await ScenarioAsync(http);
        var client = FhirTestSupport.Client(http);

        var all = await client.SearchAsync<Hl7.Fhir.Model.Task>([$"patient=Patient/{scenario.CitizenId}"]);
        var seen = new List<string>();
        var page = await client.SearchAsync<Hl7.Fhir.Model.Task>([$"patient=Patient/{scenario.CitizenId}"], pageSize: 2);
        Assert.Equal(3, page!.Total);
        while (page is not null)
        {
            FhirTestSupport.AssertValid(page);
            Assert.True(page.Entry.Count <= 2);
            seen.AddRange(page.Entry.Select(e => e.Resource!.Id!));
            page = await client.ContinueAsync(page);
        }

        Assert.Equal(all!.Entry.Select(e => e.Resource!.Id!), seen);
        Assert.Equal(scenario.ActionIds.Order().Select(id => id.ToString("D")), seen.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_stranger_gets_404_for_every_care_resource_and_searches_leave_them_out()
    {
        using var http = await factory.ClientForAsync("behandler.odense");
        var scenario = await ScenarioAsync(http);
        var planId = (await FhirTestSupport.Client(http).SearchAsync<CarePlan>([$"patient=Patient/{scenario.CitizenId}"]))!.Entry[0].Resource!.Id;
        var stranger = await FhirTestSupport.ClientAsync(factory, "behandler.vejle");

        foreach (var location in new[]
        {
            $"EpisodeOfCare/{scenario.CourseId}", $"CareTeam/{scenario.CourseId}", $"CarePlan/{planId}", $"Goal/{scenario.GoalId}",
            $"Goal/{scenario.SubGoalIds[0]}", $"Task/{scenario.ActionIds[0]}",
        })
        {
            var (status, outcome) = await FhirTestSupport.RefusedAsync(() => stranger.GetAsync(location));
            Assert.True(status == HttpStatusCode.NotFound, $"{location}: {status}");
            FhirTestSupport.AssertValid(outcome!);
        }

        var patient = $"patient=Patient/{scenario.CitizenId}";
        foreach (var search in new Func<Task<Bundle?>>[]
        {
            () => stranger.SearchAsync<EpisodeOfCare>([patient, "_include=EpisodeOfCare:care-team"]),
            () => stranger.SearchAsync<CareTeam>([patient]),
            () => stranger.SearchAsync<CarePlan>([patient, "_include=CarePlan:goal"]),
            () => stranger.SearchAsync<Goal>([patient]),
            () => stranger.SearchAsync<Hl7.Fhir.Model.Task>([patient]),
        })
        {
            var bundle = await search();
            FhirTestSupport.AssertValid(bundle!);
            Assert.Empty(bundle!.Entry);
            Assert.Equal(0, bundle.Total);
        }
    }

    [Fact]
    public async Task A_partner_system_moves_a_Task_through_the_plans_change_path()
    {
        using var http = await factory.ClientForAsync("behandler.odense");
        var scenario = await ScenarioAsync(http);
        var client = FhirTestSupport.Client(http);
        var task = (await client.ReadAsync<Hl7.Fhir.Model.Task>($"Task/{scenario.ActionIds[0]}"))!;

        task.Status = Hl7.Fhir.Model.Task.TaskStatus.InProgress;
        var updated = await client.UpdateAsync(task, versionAware: true);
        FhirTestSupport.AssertValid(updated!);
        Assert.Equal(Hl7.Fhir.Model.Task.TaskStatus.InProgress, updated!.Status);
        Assert.Equal((scenario.Version + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), updated.Meta!.VersionId);

        // The same change through /api/v1 sees the new status and version, and the plan's history names the change.
        var plan = await http.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{scenario.CourseId}/plan");
        Assert.Equal(scenario.Version + 1, plan.GetProperty("version").GetInt32());
        Assert.Equal("InProgress", plan.GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("id").GetGuid() == scenario.ActionIds[0]).GetProperty("status").GetString());
        var history = await http.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{scenario.CourseId}/plan/history");
        Assert.Equal(scenario.Version + 1, history.GetProperty("versions")[0].GetProperty("version").GetInt32());
        Assert.Contains(await factory.WithDbAsync(db => db.AccessLog.Where(e => e.CitizenId == scenario.CitizenId && e.ResourceType == "CarePlan").Select(e => e.Action).ToListAsync()), a => a == AccessAction.Update);

        // A stale version (the one read before) is refused with an OperationOutcome, and nothing changes.
        task.Status = Hl7.Fhir.Model.Task.TaskStatus.Completed;
        var (stale, staleOutcome) = await FhirTestSupport.RefusedAsync(() => client.UpdateAsync(task, versionAware: true));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale);
        FhirTestSupport.AssertValid(staleOutcome!);

        // On hold needs a reason (the plan's own rule), then carries it.
        updated.Status = Hl7.Fhir.Model.Task.TaskStatus.OnHold;
        var (noReason, noReasonOutcome) = await FhirTestSupport.RefusedAsync(() => client.UpdateAsync(updated, versionAware: true));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason);
        Assert.Equal("Task.statusReason.text", Assert.Single(noReasonOutcome!.Issue).Expression.Single());
        updated.StatusReason = new CodeableConcept { Text = "Venter på tolk" };
        var held = await client.UpdateAsync(updated, versionAware: true);
        Assert.Equal(Hl7.Fhir.Model.Task.TaskStatus.OnHold, held!.Status);
        Assert.Equal("Venter på tolk", held.StatusReason!.Text);

        held.Status = Hl7.Fhir.Model.Task.TaskStatus.Completed;
        var done = await client.UpdateAsync(held, versionAware: true);
        FhirTestSupport.AssertValid(done!);
        Assert.NotNull(done!.ExecutionPeriod?.End);
        Assert.Null(done.StatusReason);
    }

    [Fact]
    public async Task A_reader_who_may_not_change_the_plan_is_refused_and_a_stranger_gets_404()
    {
        using var http = await factory.ClientForAsync("behandler.odense");
        var scenario = await ScenarioAsync(http);
        await TestData.RegisterConsentAsync(http, scenario.CourseId, new { kind = "Organization", targetId = await TestData.OrganizationIdAsync(http, "Jobcenter Kolding") });
        var reader = await FhirTestSupport.ClientAsync(factory, "sagsbehandler.kolding");
        var task = (await reader.ReadAsync<Hl7.Fhir.Model.Task>($"Task/{scenario.ActionIds[0]}"))!;
        FhirTestSupport.AssertValid(task);

        task.Status = Hl7.Fhir.Model.Task.TaskStatus.Completed;
        var (status, outcome) = await FhirTestSupport.RefusedAsync(() => reader.UpdateAsync(task));
        Assert.Equal(HttpStatusCode.Forbidden, status);
        FhirTestSupport.AssertValid(outcome!);

        var stranger = await FhirTestSupport.ClientAsync(factory, "behandler.vejle");
        Assert.Equal(HttpStatusCode.NotFound, (await FhirTestSupport.RefusedAsync(() => stranger.UpdateAsync(task))).Status);
        var version = (await http.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{scenario.CourseId}/plan")).GetProperty("version").GetInt32();
        Assert.Equal(scenario.Version, version);
    }

    [Fact]
    public async Task Hostile_Task_writes_get_an_OperationOutcome_never_a_500()
    {
        using var http = await factory.ClientForAsync("behandler.odense");
        var scenario = await ScenarioAsync(http);
        var id = scenario.ActionIds[0];
        var valid = $$"""{"resourceType":"Task","id":"{{id}}","status":"completed","intent":"plan"}""";
        foreach (var (body, path, contentType, expected) in new[]
        {
            ($$"""{"resourceType":"Patient","id":"{{id}}"}""", id.ToString(), "application/fhir+json", HttpStatusCode.BadRequest),
            ($$"""{"resourceType":"Task","id":"{{Guid.NewGuid()}}","status":"completed","intent":"plan"}""", id.ToString(), "application/fhir+json", HttpStatusCode.BadRequest),
            ($$"""{"resourceType":"Task","id":"{{id}}","status":"done","intent":"plan"}""", id.ToString(), "application/fhir+json", HttpStatusCode.BadRequest),
            ($$"""{"resourceType":"Task","id":"{{id}}","status":"draft","intent":"plan"}""", id.ToString(), "application/fhir+json", HttpStatusCode.UnprocessableEntity),
            ($$"""{"resourceType":"Task","id":"{{id}}","intent":"plan"}""", id.ToString(), "application/fhir+json", HttpStatusCode.BadRequest),
            ($$"""{"resourceType":"Task","id":"{{id}}","meta":{"versionId":"abc"},"status":"completed","intent":"plan"}""", id.ToString(), "application/fhir+json", HttpStatusCode.UnprocessableEntity),
            ("{\"resourceType\":\"Task\",\"id\":", id.ToString(), "application/fhir+json", HttpStatusCode.BadRequest),
            ("not json at all \u0001", id.ToString(), "application/fhir+json", HttpStatusCode.BadRequest),
            ("[1,2,3]", id.ToString(), "application/fhir+json", HttpStatusCode.BadRequest),
            (valid, id.ToString(), "text/plain", HttpStatusCode.UnsupportedMediaType),
            (valid.Replace(id.ToString(), "x", StringComparison.Ordinal), "x", "application/fhir+json", HttpStatusCode.NotFound),
            (valid.Replace(id.ToString(), scenario.GoalId.ToString(), StringComparison.Ordinal), scenario.GoalId.ToString(), "application/fhir+json", HttpStatusCode.NotFound),
            (valid.Replace(id.ToString(), new string('9', 80), StringComparison.Ordinal), new string('9', 80), "application/fhir+json", HttpStatusCode.NotFound),
        })
        {
            var response = await http.PutAsync($"/fhir/Task/{path}", new StringContent(body, new MediaTypeHeaderValue(contentType)));
            Assert.True(expected == response.StatusCode, $"{body} → {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
            var outcome = JsonSerializer.Deserialize<OperationOutcome>(await response.Content.ReadAsStringAsync(), FhirResult.Json);
            FhirTestSupport.AssertValid(outcome!);
        }

        using var garbledVersion = new HttpRequestMessage(HttpMethod.Put, $"/fhir/Task/{id}") { Content = new StringContent(valid, new MediaTypeHeaderValue("application/fhir+json")) };
        garbledVersion.Headers.TryAddWithoutValidation("If-Match", "W/\"-1\"");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await http.SendAsync(garbledVersion)).StatusCode);

        foreach (var url in new[] { "/fhir/Task?status=done", "/fhir/Task?patient=Organization/1", "/fhir/Task?authored-on=yesterday", "/fhir/Goal?status=active", "/fhir/CarePlan?_include=CarePlan:subject" })
        {
            var response = await http.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url}: {(int)response.StatusCode}");
        }

        // Nothing of it reached the plan.
        Assert.Equal(scenario.Version, (await http.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{scenario.CourseId}/plan")).GetProperty("version").GetInt32());
    }

    /// <summary>A course with a relative in the network and a plan: one goal with two sub-goals, three actions (one the citizen's own).</summary>
    private static async Task<Scenario> ScenarioAsync(HttpClient http)
    {
        var course = await TestData.CreateCourseAsync(http);
        var courseId = course.GetProperty("id").GetGuid();
        var citizenId = course.GetProperty("citizen").GetProperty("id").GetGuid();
        var memberId = course.GetProperty("network")[0].GetProperty("id").GetGuid();
        var relative = await http.PostAsJsonAsync($"/api/v1/courses/{courseId}/network", new
        {
            kind = "Relative",
            personName = "Amira Demo-Haddad",
            relation = "søster",
            role = "Other",
            citizenAgreement = new { agreedOn = "2026-11-01", method = "InPerson" },
        }, SamspilFactory.Json);
        Assert.True(relative.IsSuccessStatusCode, await relative.Content.ReadAsStringAsync());

        var plan = await ChangeAsync(http, courseId, "/goals", 0, new { title = "Tilbage i arbejde", citizenWish = "Køre bus igen", subGoals = new[] { "Sove 6 timer", "Praktik" } });
        var goal = plan.GetProperty("goals")[0];
        var goalId = goal.GetProperty("id").GetGuid();
        var subGoalIds = goal.GetProperty("subGoals").EnumerateArray().Select(s => s.GetProperty("id").GetGuid()).ToArray();
        plan = await ChangeAsync(http, courseId, "/actions", plan.GetProperty("version").GetInt32(), new { goalId, text = "Søvnudredning", ownerMemberId = memberId, dueDate = "2026-12-01" });
        plan = await ChangeAsync(http, courseId, "/actions", plan.GetProperty("version").GetInt32(), new { text = "Søvndagbog", ownerIsCitizen = true, dueDate = "2026-12-05" });
        plan = await ChangeAsync(http, courseId, "/actions", plan.GetProperty("version").GetInt32(), new { goalId, text = "Praktikplads", ownerMemberId = memberId, dueDate = "2026-12-10" });
        var actions = plan.GetProperty("actions").EnumerateArray().ToDictionary(a => a.GetProperty("text").GetString()!, a => a.GetProperty("id").GetGuid());
        return new Scenario(courseId, citizenId, goalId, subGoalIds, [actions["Søvnudredning"], actions["Søvndagbog"], actions["Praktikplads"]], plan.GetProperty("version").GetInt32());
    }

    private static async Task<JsonElement> ChangeAsync(HttpClient http, Guid courseId, string path, int version, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/courses/{courseId}/plan{path}") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private sealed record Scenario(Guid CourseId, Guid CitizenId, Guid GoalId, Guid[] SubGoalIds, Guid[] ActionIds, int Version);
}

public sealed class FhirCareTestsOnSqlite(SqliteFactory factory) : FhirCareTests(factory), IClassFixture<SqliteFactory>;

public sealed class FhirCareTestsOnPostgres(PostgresFactory factory) : FhirCareTests(factory), IClassFixture<PostgresFactory>;
