using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Notifications;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests.HospitalNotifications;

/// <summary>R12 (issue 6, point 3): treatment start in the region tells the municipality's entry point and the caseworker, where consent allows, and the delay is recorded.</summary>
public abstract partial class TreatmentStartTests(SamspilFactory factory)
{
    [Fact]
    public async Task Treatment_start_tells_the_entry_point_for_the_target_group_and_the_caseworker_but_not_others()
    {
        using var mette = await factory.ClientForAsync("behandler.odense");
        var courseId = await NewCourseAsync(mette);
        await TestData.RegisterConsentAsync(
            mette,
            courseId,
            new { kind = "Organization", targetId = await TestData.OrganizationIdAsync(mette, "Jobcenter Odense") },
            new { kind = "Organization", targetId = await TestData.OrganizationIdAsync(mette, "Flygtninge- og veterankoordinator, Odense Kommune") });

        var changed = await mette.PostAsJsonAsync($"/api/v1/courses/{courseId}/phase", new { phase = "Treatment" });

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var detail = await changed.Content.ReadFromJsonAsync<JsonElement>();
        var treatment = detail.GetProperty("treatmentStart");
        Assert.Equal(SamspilFactory.Now.ToUnixTimeMilliseconds(), treatment.GetProperty("startedAt").GetDateTimeOffset().ToUnixTimeMilliseconds());
        Assert.Equal(0, treatment.GetProperty("hoursUntilMunicipalityTold").GetDouble());
        var told = await TreatmentNoticesAsync(courseId);
        Assert.Equal(["koordinator.odense", "sagsbehandler.odense"], told.Order(StringComparer.Ordinal)); // not the GP on the network, not the Kolding coordinator

        using var browser = await factory.CookieClientAsync("behandler.odense");
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync($"/Courses/{courseId}"));
        Assert.Matches("Kommunen fik besked efter</dt>\\s*<dd>under en time</dd>", page);

        // Leaving treatment and coming back tells nobody twice.
        await mette.PostAsJsonAsync($"/api/v1/courses/{courseId}/phase", new { phase = "Assessment" });
        await mette.PostAsJsonAsync($"/api/v1/courses/{courseId}/phase", new { phase = "Treatment" });
        Assert.Equal(2, (await TreatmentNoticesAsync(courseId)).Count);
    }

    [Fact]
    public async Task Without_consent_nobody_in_the_municipality_is_told_until_a_consent_allows_it_and_the_delay_is_shown()
    {
        using var mette = await factory.ClientForAsync("behandler.odense");
        var courseId = await NewCourseAsync(mette);

        var changed = await mette.PostAsJsonAsync($"/api/v1/courses/{courseId}/phase", new { phase = "Treatment" });

        var treatment = (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("treatmentStart");
        Assert.Equal(JsonValueKind.Null, treatment.GetProperty("municipalityToldAt").ValueKind);
        Assert.Empty(await TreatmentNoticesAsync(courseId));
        using (var browser = await factory.CookieClientAsync("behandler.odense"))
        {
            Assert.Contains("Kommunen har endnu ikke fået besked", WebUtility.HtmlDecode(await browser.GetStringAsync($"/Courses/{courseId}")), StringComparison.Ordinal);
        }

        // Treatment started 26 hours ago (set directly, the clock is shared by the suite); the consent comes now.
        await factory.WithDbAsync(async db =>
        {
            var course = await db.Courses.SingleAsync(c => c.Id == courseId);
            course.RecordTreatmentStart(SamspilFactory.Now.AddHours(-26));
            db.SystemSeeding = true;
            return await db.SaveChangesAsync();
        });
        await TestData.RegisterConsentAsync(mette, courseId, new { kind = "Organization", targetId = await TestData.OrganizationIdAsync(mette, "Jobcenter Odense") });

        Assert.Equal(["sagsbehandler.odense"], await TreatmentNoticesAsync(courseId));
        var detail = await mette.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}");
        Assert.Equal(26.0, detail.GetProperty("treatmentStart").GetProperty("hoursUntilMunicipalityTold").GetDouble());
        using var again = await factory.CookieClientAsync("behandler.odense");
        Assert.Matches("Kommunen fik besked efter</dt>\\s*<dd>26 timer</dd>", WebUtility.HtmlDecode(await again.GetStringAsync($"/Courses/{courseId}")));
    }

    /// <summary>A ptsd-refugee course at Traumeklinikken Odense / Jobcenter Odense with the caseworker and a GP on the network.</summary>
    private static async Task<Guid> NewCourseAsync(HttpClient mette)
    {
        var courseId = (await TestData.CreateCourseAsync(mette)).GetProperty("id").GetGuid();
        foreach (var name in new[] { "Birgitte Demo-Aagaard", "Carsten Demo-Vinther" })
        {
            var added = await mette.PostAsJsonAsync($"/api/v1/courses/{courseId}/network", new
            {
                kind = "Professional",
                practitionerRoleId = await TestData.PractitionerRoleIdAsync(mette, name),
                role = "Other",
                activeFrom = "2026-11-01",
                citizenAgreement = new { agreedOn = "2026-11-01", method = "InPerson" },
            });
            Assert.True(added.IsSuccessStatusCode, await added.Content.ReadAsStringAsync());
        }

        return courseId;
    }

    private Task<List<string>> TreatmentNoticesAsync(Guid courseId) =>
        factory.WithDbAsync(db => db.Notifications.Where(n => n.CourseId == courseId && n.Kind == NotificationKind.TreatmentStarted)
            .Join(db.Users, n => n.RecipientUserId, u => u.Id, (n, u) => u.UserName!)
            .ToListAsync());
}

public sealed class TreatmentStartTestsOnSqlite(SqliteFactory factory) : TreatmentStartTests(factory), IClassFixture<SqliteFactory>;

public sealed class TreatmentStartTestsOnPostgres(PostgresFactory factory) : TreatmentStartTests(factory), IClassFixture<PostgresFactory>;
