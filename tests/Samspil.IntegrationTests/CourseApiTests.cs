using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests;

public abstract class CourseApiTests(SamspilFactory factory)
{
    [Fact]
    public async Task Given_valid_input_When_a_professional_creates_a_course_Then_the_citizen_course_and_their_membership_exist()
    {
        using var client = await factory.ClientForAsync("behandler.odense");
        var response = await client.PostAsJsonAsync("/api/v1/courses", await TestData.CourseRequestAsync(client), SamspilFactory.Json);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var course = await response.Content.ReadFromJsonAsync<JsonElement>(SamspilFactory.Json);
        Assert.Equal($"/api/v1/courses/{course.GetProperty("id").GetGuid()}", response.Headers.Location?.OriginalString);
        Assert.Equal("Assessment", course.GetProperty("phase").GetString());
        Assert.Equal("Flygtninge med PTSD", course.GetProperty("targetGroup").GetProperty("name").GetString());
        Assert.True(course.GetProperty("citizen").GetProperty("interpreterNeeded").GetBoolean());

        var member = Assert.Single(course.GetProperty("network").EnumerateArray());
        Assert.Equal("Mette Demo-Lindberg", member.GetProperty("name").GetString());
        Assert.Equal("Coordinator", member.GetProperty("role").GetString());
        Assert.Equal("2026-11-01", member.GetProperty("agreement").GetProperty("agreedOn").GetString());
        Assert.Equal("Mette Demo-Lindberg", member.GetProperty("agreement").GetProperty("recordedBy").GetString());

        var history = Assert.Single(course.GetProperty("phaseHistory").EnumerateArray());
        Assert.Equal(SamspilFactory.Now, history.GetProperty("at").GetDateTimeOffset());
    }

    [Fact]
    public async Task Missing_fields_are_all_reported_at_once_as_a_Danish_validation_problem()
    {
        using var client = await factory.ClientForAsync("behandler.odense");
        var response = await client.PostAsJsonAsync("/api/v1/courses", new { citizen = new { cpr = "320258-5000" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("CPR-nummeret indeholder ikke en gyldig fødselsdato.", errors.GetProperty("citizen.cpr")[0].GetString());
        Assert.True(errors.TryGetProperty("targetGroupCode", out _));
        Assert.True(errors.TryGetProperty("startDate", out _));
        Assert.True(errors.TryGetProperty("regionOrganizationId", out _));
        Assert.True(errors.TryGetProperty("citizenAgreement", out _));
    }

    [Fact]
    public async Task Errors_are_in_English_when_the_client_asks_for_English()
    {
        using var client = await factory.ClientForAsync("behandler.odense");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/courses") { Content = JsonContent.Create(new { }) };
        request.Headers.AcceptLanguage.ParseAdd("en");
        var problem = await (await client.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Choose a target group.", problem.GetProperty("errors").GetProperty("targetGroupCode")[0].GetString());
    }

    [Fact]
    public async Task A_domain_rule_broken_inside_the_citizen_details_is_reported_on_its_field_and_nothing_is_saved()
    {
        using var client = await factory.ClientForAsync("behandler.odense");
        var body = await TestData.CourseRequestAsync(client);
        var cpr = ((Dictionary<string, object?>)body["citizen"]!)["cpr"];
        ((Dictionary<string, object?>)body["citizen"]!)["email"] = "not-an-address";

        var response = await client.PostAsJsonAsync("/api/v1/courses", body, SamspilFactory.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("citizen.email", out _));
        Assert.False(await factory.WithDbAsync(db => db.Citizens.AnyAsync(c => c.Cpr == Samspil.Domain.Citizens.CprNumber.FromStored((string)cpr!))));
    }

    [Fact]
    public async Task Given_a_citizen_exists_When_another_professional_creates_a_course_with_the_CPR_Then_the_citizen_is_reused_and_not_overwritten()
    {
        using var odense = await factory.ClientForAsync("behandler.odense");
        var cpr = TestData.NewCpr();
        var first = await TestData.CreateCourseAsync(odense, cpr, givenName: "Original");

        using var vejle = await factory.ClientForAsync("behandler.vejle");
        var body = await TestData.CourseRequestAsync(vejle, cpr, givenName: "Overwrite");
        body["regionOrganizationId"] = await TestData.OrganizationIdAsync(vejle, "Traumeklinikken Vejle");
        var response = await vejle.PostAsJsonAsync("/api/v1/courses", body, SamspilFactory.Json);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var second = await response.Content.ReadFromJsonAsync<JsonElement>(SamspilFactory.Json);
        Assert.Equal(first.GetProperty("citizen").GetProperty("id").GetGuid(), second.GetProperty("citizen").GetProperty("id").GetGuid());
        var names = await factory.WithDbAsync(db => db.Citizens.Where(c => c.Id == first.GetProperty("citizen").GetProperty("id").GetGuid()).Select(c => c.GivenName).ToListAsync());
        Assert.Equal(["Original"], names);
    }

    [Fact]
    public async Task Given_a_course_When_the_phase_changes_Then_the_transition_is_dated_attributed_and_listed()
    {
        using var client = await factory.ClientForAsync("behandler.odense");
        var course = await TestData.CreateCourseAsync(client);
        var id = course.GetProperty("id").GetGuid();

        var response = await client.PostAsJsonAsync($"/api/v1/courses/{id}/phase", new { phase = "Treatment", note = "Behandling starter" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var updated = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Treatment", updated.GetProperty("phase").GetString());
        var last = updated.GetProperty("phaseHistory").EnumerateArray().Last();
        Assert.Equal("Assessment", last.GetProperty("from").GetString());
        Assert.Equal("Mette Demo-Lindberg", last.GetProperty("changedBy").GetString());
        Assert.Equal("Behandling starter", last.GetProperty("note").GetString());

        var same = await client.PostAsJsonAsync($"/api/v1/courses/{id}/phase", new { phase = "Treatment" });
        Assert.Equal(HttpStatusCode.BadRequest, same.StatusCode);
        Assert.Equal("Forløbet er allerede i den fase.", (await same.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("phase")[0].GetString());
    }

    [Fact]
    public async Task Given_an_ended_course_Then_changes_are_refused_with_409_and_the_members_have_left()
    {
        using var client = await factory.ClientForAsync("behandler.odense");
        var id = (await TestData.CreateCourseAsync(client)).GetProperty("id").GetGuid();

        var ended = await client.PostAsJsonAsync($"/api/v1/courses/{id}/end", new { endDate = "2026-11-22" });
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        var detail = await ended.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(detail.GetProperty("isEnded").GetBoolean());

        var member = Assert.Single(detail.GetProperty("network").EnumerateArray());
        Assert.False(member.GetProperty("isActive").GetBoolean());
        Assert.Equal("2026-11-22", member.GetProperty("activeTo").GetString());

        // The team at closing can still read the course; nobody can change it.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/courses/{id}")).StatusCode);
        var refused = await client.PostAsJsonAsync($"/api/v1/courses/{id}/phase", new { phase = "AfterCare" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("Forløbet er afsluttet og kan ikke ændres.", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        var active = await client.GetFromJsonAsync<JsonElement>("/api/v1/courses");
        Assert.DoesNotContain(id, active.EnumerateArray().Select(c => c.GetProperty("id").GetGuid()));
        var withEnded = await client.GetFromJsonAsync<JsonElement>("/api/v1/courses?includeEnded=true");
        Assert.Contains(id, withEnded.EnumerateArray().Select(c => c.GetProperty("id").GetGuid()));
    }

    [Fact]
    public async Task The_list_filters_by_phase_and_target_group_and_hides_ended_courses_unless_asked()
    {
        using var client = await factory.ClientForAsync("behandler.odense");
        var all = await client.GetFromJsonAsync<JsonElement>("/api/v1/courses?includeEnded=true");
        var treatment = await client.GetFromJsonAsync<JsonElement>("/api/v1/courses?includeEnded=true&phase=Treatment");
        var refugees = await client.GetFromJsonAsync<JsonElement>("/api/v1/courses?includeEnded=true&targetGroup=ptsd-refugee");

        Assert.All(treatment.EnumerateArray(), c => Assert.Equal("Treatment", c.GetProperty("phase").GetString()));
        Assert.All(refugees.EnumerateArray(), c => Assert.Equal("ptsd-refugee", c.GetProperty("targetGroupCode").GetString()));
        Assert.True(treatment.GetArrayLength() < all.GetArrayLength());

        var active = await client.GetFromJsonAsync<JsonElement>("/api/v1/courses");
        Assert.All(active.EnumerateArray(), c => Assert.True(c.GetProperty("endDate").ValueKind == JsonValueKind.Null || string.CompareOrdinal(c.GetProperty("endDate").GetString(), "2026-11-22") > 0));
    }

    [Fact]
    public async Task The_course_list_puts_courses_that_need_attention_first_sorts_by_any_column_and_refuses_unknown_sorts()
    {
        using var client = await factory.ClientForAsync("behandler.odense");
        var course = await TestData.CreateCourseAsync(client, givenName: "Opmærka");
        var courseId = course.GetProperty("id").GetGuid();
        var memberId = course.GetProperty("network")[0].GetProperty("id").GetGuid();
        foreach (var text in new[] { "Ring til borger", "Send henvisning" })
        {
            await Notifications.NotificationKit.PlanChangeAsync(client, courseId, "/actions", new { text, ownerMemberId = memberId, dueDate = "2026-11-01" });
        }

        var all = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/courses", SamspilFactory.Json) ?? [];
        var ours = all.Single(c => c.GetProperty("id").GetGuid() == courseId);
        Assert.Equal(2, ours.GetProperty("attention").GetProperty("overdueActions").GetInt32());
        Assert.True(ours.GetProperty("attention").GetProperty("needsAttention").GetBoolean());
        var scores = all.Select(c => c.GetProperty("attention").GetProperty("score").GetInt32()).ToList();
        Assert.Equal(scores.OrderByDescending(s => s).ToList(), scores); // attention first by default
        Assert.True(all.Length > 1);

        // Any column, both ways, the same courses.
        var danish = StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("da-DK"), ignoreCase: true);
        var byName = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/courses?sort=name&direction=asc", SamspilFactory.Json) ?? [];
        var names = byName.Select(c => c.GetProperty("citizenName").GetString()!).ToList();
        Assert.Equal(names.OrderBy(n => n, danish).ToList(), names);
        var byNameDescending = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/courses?sort=NAME&direction=desc", SamspilFactory.Json) ?? [];
        Assert.Equal(names.OrderByDescending(n => n, danish).ToList(), byNameDescending.Select(c => c.GetProperty("citizenName").GetString()!).ToList());
        Assert.Equal(all.Select(c => c.GetProperty("id").GetGuid()).Order(), byName.Select(c => c.GetProperty("id").GetGuid()).Order());
        var byStart = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/courses?sort=start&includeEnded=true", SamspilFactory.Json) ?? [];
        var starts = byStart.Select(c => DateOnly.Parse(c.GetProperty("startDate").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(starts.Order().ToList(), starts);
        foreach (var sort in new[] { "targetGroup", "phase", "nextMeeting", "attention" })
        {
            Assert.Equal(all.Length, (await client.GetFromJsonAsync<JsonElement[]>($"/api/v1/courses?sort={sort}&direction=asc", SamspilFactory.Json) ?? []).Length);
        }

        // Unknown or hostile values: problem details naming the parameter.
        foreach (var (query, field) in new[] { ("sort=bogus", "sort"), ("sort=1", "sort"), ("sort=%00", "sort"), ("sort=" + new string('n', 500), "sort"), ("sort=name;drop", "sort"), ("direction=up", "direction"), ("direction=1", "direction"), ("sort=name&direction=%3Cscript%3E", "direction") })
        {
            var response = await client.GetAsync("/api/v1/courses?" + query);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _), query);
        }

        // The page: sort links in the column heads with aria-sort on the current one, a reason badge, and no error for a tampered sort.
        using var browser = await factory.CookieClientAsync("behandler.odense");
        var page = System.Net.WebUtility.HtmlDecode(await browser.GetStringAsync("/Courses"));
        Assert.Contains("aria-sort=\"descending\"", page, StringComparison.Ordinal);
        Assert.Contains("2 forfaldne opgaver", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/Courses?sort=name&direction=asc\"", page, StringComparison.Ordinal);
        page = System.Net.WebUtility.HtmlDecode(await browser.GetStringAsync("/Courses?sort=name&direction=desc"));
        Assert.Contains("aria-sort=\"descending\"><a class=\"sort-link\" data-testid=\"sort-name\"", page, StringComparison.Ordinal);
        var tampered = await browser.GetAsync("/Courses?sort=%3Cscript%3E&direction=sideways&phase=Nope");
        Assert.Equal(HttpStatusCode.OK, tampered.StatusCode);
        Assert.Contains("name=\"sort\" value=\"attention\"", await tampered.Content.ReadAsStringAsync(), StringComparison.Ordinal); // the default order
    }
}

public sealed class CourseApiTestsOnSqlite(SqliteFactory factory) : CourseApiTests(factory), IClassFixture<SqliteFactory>;

public sealed class CourseApiTestsOnPostgres(PostgresFactory factory) : CourseApiTests(factory), IClassFixture<PostgresFactory>;
