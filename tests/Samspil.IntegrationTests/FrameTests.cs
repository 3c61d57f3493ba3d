using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Directory;
using Samspil.Domain.Frames;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests;

/// <summary>
/// Issue 18, point 5 (R6): each organisation kind's laws, statutory deadlines (structured) and methods as data — shipped,
/// read by staff (API, /Rammer, beside the mandates in the directory and the course's network), changed by administrators.
/// </summary>
public abstract class FrameTests(SamspilFactory factory)
{
    [Fact]
    public async Task Staff_read_the_shipped_frames_with_structured_deadlines_and_others_may_not()
    {
        using var clinician = await factory.ClientForAsync("behandler.odense");
        var frames = await clinician.GetFromJsonAsync<JsonElement>("/api/v1/frames", SamspilFactory.Json);
        var kinds = frames.EnumerateArray().Select(f => f.GetProperty("kind").GetString()).ToList();
        Assert.All(["JobCentre", "SocialServices", "PsychiatricWard", "GpClinic", "FamilyDepartment", "VeteransCentre", "VolunteerOrganization"], k => Assert.Contains(k, kinds));

        var jobCentre = await clinician.GetFromJsonAsync<JsonElement>("/api/v1/frames/jobcentre", SamspilFactory.Json);
        var followUp = jobCentre.GetProperty("deadlines").EnumerateArray().Single(d => d.GetProperty("name").GetString() == "Første opfølgningssamtale");
        Assert.Equal("Within", followUp.GetProperty("type").GetString());
        Assert.Equal(8, followUp.GetProperty("amount").GetInt32());
        Assert.Equal("Weeks", followUp.GetProperty("unit").GetString());
        Assert.Equal(56, followUp.GetProperty("days").GetInt32());
        Assert.Contains(jobCentre.GetProperty("laws").EnumerateArray(), l => l.GetProperty("name").GetString() == "Lov om sygedagpenge");
        Assert.Contains(jobCentre.GetProperty("methods").EnumerateArray(), m => m.GetProperty("name").GetString() == "IPS");

        foreach (var unknown in new[] { "Moon", "4", "JobCentre%01", new string('x', 300) })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await clinician.GetAsync("/api/v1/frames/" + unknown)).StatusCode);
        }

        using var citizen = await factory.ClientForAsync("borger.preben");
        Assert.Equal(HttpStatusCode.Forbidden, (await citizen.GetAsync("/api/v1/frames")).StatusCode);
        using var anonymous = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/frames/JobCentre")).StatusCode);
    }

    [Fact]
    public async Task An_administrator_replaces_or_creates_a_frame_and_bad_input_is_a_problem_with_the_field()
    {
        using var admin = await factory.ClientForAsync("admin.region");
        var frame = new
        {
            laws = new[] { new { name = "Lov om tolkning", reference = "§ 1", url = "https://www.retsinformation.dk" } },
            deadlines = new[] { new { name = "Bestilling af tolk", description = (string?)null, type = "Within", amount = 3, unit = "Days", runsFrom = "mødet er aftalt", legalReference = "Regionens retningslinje" } },
            methods = new[] { new { name = "Videotolkning", description = "Tolk over video." } },
        };
        var created = await admin.PutAsJsonAsync("/api/v1/frames/InterpreterService", frame);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var replaced = await admin.PutAsJsonAsync("/api/v1/frames/interpreterservice", frame with { methods = new[] { new { name = "Fremmødetolkning", description = "Tolk i lokalet." } } });
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var stored = await factory.WithDbAsync(db => db.Set<ActorFrame>().AsNoTracking().SingleAsync(f => f.Kind == OrganizationKind.InterpreterService));
        Assert.Equal("Fremmødetolkning", Assert.Single(stored.Methods).Name);
        Assert.Equal(3, Assert.Single(stored.Deadlines).Days);

        async Task AssertProblemAsync(object body, string field)
        {
            var response = await admin.PutAsJsonAsync("/api/v1/frames/InterpreterService", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            if (field.Length > 0)
            {
                Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _), field);
            }
        }

        await AssertProblemAsync(new { deadlines = new[] { new { name = "X", type = "Every", amount = 0, unit = "Weeks", legalReference = "Y" } } }, "deadlines[0].amount");
        await AssertProblemAsync(new { deadlines = new[] { new { name = "X", type = "Every", amount = 2, legalReference = "Y" } } }, "deadlines[0].unit");
        await AssertProblemAsync(new { laws = new[] { new { name = "X", reference = "Y", url = "javascript:alert(1)" } } }, "laws[0].url");
        await AssertProblemAsync(new { laws = new[] { new { name = "X\u0001", reference = "Y" } } }, "laws[0].name");
        await AssertProblemAsync(new { methods = Enumerable.Range(0, 31).Select(i => new { name = $"M{i}" }).ToArray() }, "methods");
        await AssertProblemAsync(new { deadlines = new[] { new { name = "X", type = "Within", amount = 2, unit = "Years", legalReference = "Y" } } }, string.Empty);
        Assert.Equal("Fremmødetolkning", Assert.Single((await factory.WithDbAsync(db => db.Set<ActorFrame>().AsNoTracking().SingleAsync(f => f.Kind == OrganizationKind.InterpreterService))).Methods).Name);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsJsonAsync("/api/v1/frames/Moon", frame)).StatusCode);

        using var clinician = await factory.ClientForAsync("behandler.odense");
        Assert.Equal(HttpStatusCode.Forbidden, (await clinician.PutAsJsonAsync("/api/v1/frames/JobCentre", frame)).StatusCode);

        // The administrator's page: blank rows are left out, and the frame list shows the result.
        using var browser = await factory.CookieClientAsync("admin.region");
        var page = await browser.GetStringAsync("/Admin/Frames/Edit/VolunteerOrganization");
        Assert.Contains("Peer-støtte", page, StringComparison.Ordinal);
        var posted = await browser.PostAsync("/Admin/Frames/Edit/VolunteerOrganization", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.Laws[0].Name"] = "Serviceloven § 18",
            ["Form.Laws[0].Reference"] = "Samarbejde med frivillige",
            ["Form.Laws[1].Name"] = string.Empty,
            ["Form.Methods[0].Name"] = "Besøgsven",
            ["Form.Deadlines[0].Type"] = "Ongoing",
            ["Form.Deadlines[0].Unit"] = "Weeks",
            ["__RequestVerificationToken"] = SamspilFactory.AntiforgeryToken(page),
        }));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal("/Rammer#VolunteerOrganization", posted.Headers.Location?.OriginalString);
        var volunteer = await factory.WithDbAsync(db => db.Set<ActorFrame>().AsNoTracking().SingleAsync(f => f.Kind == OrganizationKind.VolunteerOrganization));
        Assert.Single(volunteer.Laws);
        Assert.Empty(volunteer.Deadlines);
        Assert.Equal("Besøgsven", Assert.Single(volunteer.Methods).Name);
    }

    [Fact]
    public async Task The_frame_is_shown_beside_the_mandates_and_on_its_own_page_for_staff_only()
    {
        using var browser = await factory.CookieClientAsync("behandler.odense");
        var list = await browser.GetStringAsync("/Rammer");
        Assert.Contains("id=\"JobCentre\"", list, StringComparison.Ordinal);
        Assert.Contains("Første opfølgningssamtale", list, StringComparison.Ordinal);
        Assert.Contains("inden 8 uger fra første fraværsdag", list, StringComparison.Ordinal);

        var directory = await browser.GetStringAsync("/Directory");
        Assert.Contains("data-testid=\"frame-summary\"", directory, StringComparison.Ordinal);
        Assert.Contains("Rammer: love, frister, metoder", directory, StringComparison.Ordinal);

        using var api = await factory.ClientForAsync("behandler.odense");
        var courseId = (await api.GetFromJsonAsync<JsonElement>("/api/v1/courses"))[0].GetProperty("id").GetGuid();
        var course = await browser.GetStringAsync($"/Courses/{courseId}");
        Assert.Contains("data-testid=\"frame-summary\"", course, StringComparison.Ordinal);

        using var citizen = await factory.CookieClientAsync("borger.preben");
        Assert.NotEqual(HttpStatusCode.OK, (await citizen.GetAsync("/Rammer")).StatusCode);
    }
}

public sealed class FrameTestsOnSqlite(SqliteFactory factory) : FrameTests(factory), IClassFixture<SqliteFactory>;

public sealed class FrameTestsOnPostgres(PostgresFactory factory) : FrameTests(factory), IClassFixture<PostgresFactory>;
