using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Samspil.IntegrationTests.HospitalNotifications;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests;

/// <summary>
/// Issue 12, finding 0: registering a course for a citizen one has no relation to is no foothold.
/// Fredericia's coordinator registers a course with an Odense citizen's CPR number and a typed name; the
/// answer, the new course, the course list, the citizen, the hospital stays, the consents and later
/// admissions reveal nothing that belongs to the citizen rather than to that course (ADR 0013).
/// </summary>
public abstract class CourseRegistrationFootholdTests(SamspilFactory factory)
{
    private const string Ward = "Psykiatrisk Afdeling Odense, sengeafsnit P1 (demo)";

    [Fact]
    public async Task Fredericias_coordinator_registering_a_course_with_an_Odense_citizens_cpr_sees_nothing_of_the_citizen()
    {
        // An Odense citizen: registered by the trauma clinic, consenting to the clinic and Jobcenter Odense, admitted to a psychiatric ward.
        var cpr = TestData.NewCpr();
        var scenario = new HospitalScenario(cpr);
        using var mette = await factory.ClientForAsync("behandler.odense");
        using var integration = await factory.ClientForAsync("integration.region");
        var (odenseCourseId, citizenId, consentId) = await AdmittedOdenseCitizenAsync(mette, integration, scenario);

        // Fredericia's coordinator registers a course with that CPR number and a name of his own.
        using var fredericia = await factory.ClientForAsync("koordinator.fredericia");
        var created = await RegisterAsFredericiaAsync(fredericia, cpr);
        var createdText = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, createdText);

        // The answer does not return the citizen's stored name, language or contact details.
        Assert.DoesNotContain("Testa", createdText, StringComparison.Ordinal);
        Assert.DoesNotContain("Demo-Testesen", createdText, StringComparison.Ordinal);
        var course = JsonDocument.Parse(createdText).RootElement;
        var courseId = course.GetProperty("id").GetGuid();
        var citizen = course.GetProperty("citizen");
        Assert.Equal(citizenId, citizen.GetProperty("id").GetGuid());
        Assert.True(citizen.GetProperty("identityWithheld").GetBoolean());
        Assert.Equal(JsonValueKind.Null, citizen.GetProperty("givenName").ValueKind);
        Assert.Equal(JsonValueKind.Null, citizen.GetProperty("preferredLanguage").ValueKind);

        // Nor do the course, the list, a name search or the citizen.
        var read = await fredericia.GetStringAsync($"/api/v1/courses/{courseId}");
        Assert.DoesNotContain("Testa", read, StringComparison.Ordinal);
        var list = await fredericia.GetStringAsync("/api/v1/courses?includeEnded=true");
        Assert.Contains(courseId.ToString(), list, StringComparison.Ordinal);
        Assert.DoesNotContain("Testa", list, StringComparison.Ordinal);
        Assert.DoesNotContain(odenseCourseId.ToString(), list, StringComparison.Ordinal);
        Assert.DoesNotContain(courseId.ToString(), await fredericia.GetStringAsync("/api/v1/courses?q=Testa"), StringComparison.Ordinal);
        Assert.DoesNotContain("Testa", await fredericia.GetStringAsync($"/api/v1/citizens/{citizenId}"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await fredericia.GetAsync($"/api/v1/courses/{odenseCourseId}")).StatusCode);

        // The hospital stay reported for the other course is not on his course.
        var timeline = await fredericia.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/hospital-events?includeInactive=true", SamspilFactory.Json);
        Assert.Empty(timeline.GetProperty("events").EnumerateArray());
        Assert.False(timeline.GetProperty("admitted").GetBoolean());

        // The citizen's consents to the clinic and Jobcenter Odense are not shown, nor their signed form, nor may he revoke them.
        Assert.Empty((await fredericia.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/consents", SamspilFactory.Json)).EnumerateArray());
        Assert.DoesNotContain("Jobcenter Odense", read, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await fredericia.GetAsync($"/api/v1/consents/{consentId}/document")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fredericia.PostAsync($"/api/v1/consents/{consentId}/revoke", null)).StatusCode);

        // The course page in a browser shows neither the name nor the ward.
        using (var browser = await factory.CookieClientAsync("koordinator.fredericia"))
        {
            var page = WebUtility.HtmlDecode(await browser.GetStringAsync($"/Courses/{courseId}"));
            Assert.DoesNotContain("Testa", page, StringComparison.Ordinal);
            Assert.DoesNotContain(Ward, page, StringComparison.Ordinal);
            Assert.Contains("identity-withheld", page, StringComparison.Ordinal);
        }

        // His later leave and discharge send the coordinator no notice; the clinic (consent) is told.
        Assert.Equal(HttpStatusCode.Accepted, (await scenario.PostAsync(integration, "STOR")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await scenario.PostAsync(integration, "SLOR")).StatusCode);
        var told = await factory.WithDbAsync(db => db.Notifications.Where(n => n.CitizenId == citizenId)
            .Join(db.Users, n => n.RecipientUserId, u => u.Id, (n, u) => u.UserName!).Distinct().ToListAsync());
        Assert.DoesNotContain("koordinator.fredericia", told);
        Assert.Contains("behandler.odense", told);
        var inbox = await fredericia.GetStringAsync("/api/v1/me/notifications");
        Assert.DoesNotContain("Testa", inbox, StringComparison.Ordinal);

        // The clinic that registered the citizen still sees the name and the stay: the rule hides nothing from those the citizen chose.
        var own = await mette.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{odenseCourseId}", SamspilFactory.Json);
        Assert.Equal("Testa", own.GetProperty("citizen").GetProperty("givenName").GetString());
        var stays = await mette.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{odenseCourseId}/hospital-events", SamspilFactory.Json);
        Assert.NotEmpty(stays.GetProperty("events").EnumerateArray());
        var consents = await mette.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{odenseCourseId}/consents", SamspilFactory.Json);
        Assert.Equal(consentId, Assert.Single(consents.EnumerateArray()).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_registering_coordinator_sees_neither_the_citizens_hospital_stay_nor_his_consents_through_the_new_course()
    {
        // The hospital-stay and consent steps of the Fredericia attack on their own, without its name checks (fails before ADR 0013).
        var cpr = TestData.NewCpr();
        using var mette = await factory.ClientForAsync("behandler.odense");
        using var integration = await factory.ClientForAsync("integration.region");
        await AdmittedOdenseCitizenAsync(mette, integration, new HospitalScenario(cpr));

        using var fredericia = await factory.ClientForAsync("koordinator.fredericia");
        var created = await RegisterAsFredericiaAsync(fredericia, cpr);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var courseId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var timeline = await fredericia.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/hospital-events?includeInactive=true", SamspilFactory.Json);
        var consents = (await fredericia.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/consents", SamspilFactory.Json)).GetArrayLength();
        Assert.True(timeline.GetProperty("events").GetArrayLength() == 0 && consents == 0, $"hospital events shown: {timeline.GetProperty("events").GetArrayLength()}, admitted: {timeline.GetProperty("admitted")}, consents shown: {consents}");
    }

    [Fact]
    public async Task A_consent_naming_the_registering_coordinator_opens_the_citizens_stays_and_name_to_him()
    {
        var cpr = TestData.NewCpr();
        var scenario = new HospitalScenario(cpr);
        using var mette = await factory.ClientForAsync("behandler.odense");
        var odenseCourse = await TestData.CreateCourseAsync(mette, cpr, givenName: "Testa");
        var odenseCourseId = odenseCourse.GetProperty("id").GetGuid();
        using var integration = await factory.ClientForAsync("integration.region");
        Assert.Equal(HttpStatusCode.Accepted, (await scenario.PostAsync(integration, "STIN")).StatusCode);
        using var fredericia = await factory.ClientForAsync("koordinator.fredericia");
        var request = await TestData.CourseRequestAsync(fredericia, cpr, givenName: "Ukendt");
        var created = await fredericia.PostAsJsonAsync("/api/v1/courses", request, SamspilFactory.Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var courseId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        // The citizen consents (registered by the clinic) to Fredericia's coordinator organisation.
        await TestData.RegisterConsentAsync(mette, odenseCourseId, new { kind = "Organization", targetId = await TestData.OrganizationIdAsync(mette, "Flygtninge- og veterankoordinator, Fredericia Kommune") });

        var course = await fredericia.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}", SamspilFactory.Json);
        Assert.Equal("Testa", course.GetProperty("citizen").GetProperty("givenName").GetString());
        Assert.Single(course.GetProperty("consents").EnumerateArray());
        var timeline = await fredericia.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/hospital-events", SamspilFactory.Json);
        Assert.True(timeline.GetProperty("admitted").GetBoolean());
    }

    /// <summary>An Odense citizen registered by the trauma clinic, consenting to the clinic and Jobcenter Odense, admitted to a psychiatric ward.</summary>
    private static async Task<(Guid CourseId, Guid CitizenId, Guid ConsentId)> AdmittedOdenseCitizenAsync(HttpClient mette, HttpClient integration, HospitalScenario scenario)
    {
        var odenseCourse = await TestData.CreateCourseAsync(mette, scenario.Cpr, givenName: "Testa");
        var odenseCourseId = odenseCourse.GetProperty("id").GetGuid();
        var consentId = await TestData.RegisterConsentAsync(
            mette,
            odenseCourseId,
            new { kind = "Organization", targetId = await TestData.OrganizationIdAsync(mette, "Traumeklinikken Odense") },
            new { kind = "Organization", targetId = await TestData.OrganizationIdAsync(mette, "Jobcenter Odense") });
        Assert.Equal(HttpStatusCode.Accepted, (await scenario.PostAsync(integration, "STIN")).StatusCode);
        return (odenseCourseId, odenseCourse.GetProperty("citizen").GetProperty("id").GetGuid(), consentId);
    }

    /// <summary>Fredericia's coordinator registers a course in Fredericia with the CPR number and the typed name "Ukendt Person".</summary>
    private static async Task<HttpResponseMessage> RegisterAsFredericiaAsync(HttpClient fredericia, string cpr)
    {
        var request = await TestData.CourseRequestAsync(fredericia, cpr, givenName: "Ukendt");
        ((Dictionary<string, object?>)request["citizen"]!)["familyName"] = "Person";
        request["regionOrganizationId"] = null;
        request["municipalityOrganizationId"] = await TestData.OrganizationIdAsync(fredericia, "Jobcenter Fredericia");
        return await fredericia.PostAsJsonAsync("/api/v1/courses", request, SamspilFactory.Json);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CourseRegistrationFootholdTestsOnSqlite(SqliteFactory factory) : CourseRegistrationFootholdTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class CourseRegistrationFootholdTestsOnPostgres(PostgresFactory factory) : CourseRegistrationFootholdTests(factory);
