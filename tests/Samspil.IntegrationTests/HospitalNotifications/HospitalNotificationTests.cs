using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samspil.Domain.Audit;
using Samspil.Domain.Consents;
using Samspil.Domain.Notifications;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests.HospitalNotifications;

/// <summary>
/// MedCom hospital notifications posted to Samspil (issue 6, points 1–2), with the example messages in
/// Examples/: every event kind, corrections (RE_), cancellations (AN_), repeats, malformed input, an
/// unknown citizen parked and matched, the "only while admitted" consent, and who is told.
/// </summary>
public abstract partial class HospitalNotificationTests(SamspilFactory factory)
{
    private const string Department = "Psykiatrisk Afdeling Odense, sengeafsnit P1 (demo)";

    [Fact]
    public async Task An_admission_reaches_exactly_the_network_members_whose_consent_or_basis_covers_status()
    {
        var course = await NewCourseAsync();
        using var integration = await factory.ClientForAsync("integration.region");

        var response = await course.Scenario.PostAsync(integration, "STIN");

        var result = await BodyAsync(response, HttpStatusCode.Accepted);
        Assert.False(result.TryGetProperty("status", out _)); // the receipt never says whether the CPR is a citizen's (issue 12)
        Assert.Equal("STIN", result.GetProperty("eventCode").GetString());
        Assert.False(result.GetProperty("duplicate").GetBoolean());

        // The clinician (consent to the clinic) and the caseworker (consent to the job centre) are told; the GP on
        // the same network has no consent and is told nothing; the citizen is not told about themselves. A hospital
        // stay is the citizen's, so registering the course is no basis for hearing of it (ADR 0013).
        var notices = await NoticesAsync(course.CourseId);
        Assert.Equal(["behandler.odense", "sagsbehandler.odense"], notices.Select(n => n.UserName).Order(StringComparer.Ordinal));
        Assert.All(notices, n => Assert.Equal(NotificationKind.Admitted, n.Kind));
        Assert.All(notices, n => Assert.Equal(Department, n.Detail));

        // Each notice is in the citizen's access log under the person told, on their basis; the event is logged as Samspil's own.
        var log = await factory.WithDbAsync(db => db.AccessLog.Where(e => e.CitizenId == course.CitizenId).ToListAsync());
        var notified = log.Where(e => e.Action == AccessAction.Notified).ToList();
        Assert.Equal(2, notified.Count);
        Assert.Contains(notified, e => e.UserName == "Birgitte Demo-Aagaard" && e.Basis == AccessBasisKind.Consent);
        Assert.Contains(notified, e => e.UserName == "Mette Demo-Lindberg" && e.Basis == AccessBasisKind.Consent);
        Assert.Contains(log, e => e.Action == AccessAction.Create && e.ResourceType == "HospitalEvent" && e.UserName == "Samspil" && e.Basis == AccessBasisKind.System);

        // The course timeline shows the admission to those who may read the course, and to nobody else.
        using var mette = await factory.ClientForAsync("behandler.odense");
        var timeline = await TimelineAsync(mette, course.CourseId);
        Assert.True(timeline.GetProperty("admitted").GetBoolean());
        Assert.Equal(Department, timeline.GetProperty("currentDepartment").GetString());
        var admission = Assert.Single(timeline.GetProperty("events").EnumerateArray());
        Assert.Equal("Admission", admission.GetProperty("kind").GetString());
        Assert.Equal("STIN", admission.GetProperty("code").GetString());
        Assert.Equal(new DateTimeOffset(2026, 11, 16, 9, 15, 0, TimeSpan.Zero), admission.GetProperty("occurredAt").GetDateTimeOffset());
        using var gp = await factory.ClientForAsync("laege1");
        Assert.Equal(HttpStatusCode.NotFound, (await gp.GetAsync($"/api/v1/courses/{course.CourseId}/hospital-events")).StatusCode);

        // The course page has a compact hospital section.
        using var browser = await factory.CookieClientAsync("behandler.odense");
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync($"/Courses/{course.CourseId}"));
        Assert.Contains("Sygehusophold", page, StringComparison.Ordinal);
        Assert.Contains("Indlagt nu", page, StringComparison.Ordinal);
        Assert.Contains("16-11-2026 10:15", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_repeated_message_id_answers_with_the_earlier_result_and_tells_nobody_again()
    {
        var course = await NewCourseAsync();
        using var integration = await factory.ClientForAsync("integration.region");
        var first = await BodyAsync(await course.Scenario.PostAsync(integration, "STIN"), HttpStatusCode.Accepted);

        var again = await BodyAsync(await course.Scenario.PostAsync(integration, "STIN"), HttpStatusCode.OK);

        Assert.True(again.GetProperty("duplicate").GetBoolean());
        Assert.Equal(first.GetProperty("id").GetGuid(), again.GetProperty("id").GetGuid());
        Assert.Equal(2, (await NoticesAsync(course.CourseId)).Count);
        var messageId = course.Scenario.MessageId("STIN");
        var stored = await factory.WithDbAsync(db => db.InboundMessages.Where(m => m.MessageId == messageId).ToListAsync());
        Assert.Equal(1, Assert.Single(stored).DuplicatesReceived);
        using var mette = await factory.ClientForAsync("behandler.odense");
        Assert.Single((await TimelineAsync(mette, course.CourseId)).GetProperty("events").EnumerateArray());
    }

    [Fact]
    public async Task A_correction_replaces_the_admission_and_a_cancellation_withdraws_it_telling_those_told_before()
    {
        var course = await NewCourseAsync();
        using var integration = await factory.ClientForAsync("integration.region");
        using var mette = await factory.ClientForAsync("behandler.odense");
        await BodyAsync(await course.Scenario.PostAsync(integration, "STIN"), HttpStatusCode.Accepted);

        var corrected = await BodyAsync(await course.Scenario.PostAsync(integration, "RE_STIN"), HttpStatusCode.Accepted);

        Assert.Equal("RE_STIN", corrected.GetProperty("eventCode").GetString());
        Assert.Equal("Corrected", await OutcomeAsync(course.Scenario.MessageId("RE_STIN")));
        var timeline = await TimelineAsync(mette, course.CourseId);
        var admission = Assert.Single(timeline.GetProperty("events").EnumerateArray());
        Assert.Equal(new DateTimeOffset(2026, 11, 16, 8, 40, 0, TimeSpan.Zero), admission.GetProperty("occurredAt").GetDateTimeOffset());
        Assert.True(admission.GetProperty("corrected").GetBoolean());
        var all = (await TimelineAsync(mette, course.CourseId, includeInactive: true)).GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(["Active", "Superseded"], all.Select(e => e.GetProperty("status").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(2, (await NoticesAsync(course.CourseId)).Count); // a correction tells nobody again
        Assert.Equal("Superseded", await InboundStatusAsync(course.Scenario.MessageId("STIN")));

        var cancelled = await BodyAsync(await course.Scenario.PostAsync(integration, "AN_STIN"), HttpStatusCode.Accepted);

        Assert.Equal("AN_STIN", cancelled.GetProperty("eventCode").GetString());
        Assert.Equal("Cancelled", await OutcomeAsync(course.Scenario.MessageId("AN_STIN")));
        timeline = await TimelineAsync(mette, course.CourseId);
        Assert.False(timeline.GetProperty("admitted").GetBoolean());
        Assert.Empty(timeline.GetProperty("events").EnumerateArray());
        var withdrawn = (await NoticesAsync(course.CourseId)).Where(n => n.Kind == NotificationKind.Withdrawn).ToList();
        Assert.Equal(["behandler.odense", "sagsbehandler.odense"], withdrawn.Select(n => n.UserName).Order(StringComparer.Ordinal));
        Assert.Equal("Withdrawn", await InboundStatusAsync(course.Scenario.MessageId("RE_STIN")));
    }

    [Fact]
    public async Task Leave_return_and_an_evening_discharge_are_on_the_timeline_and_the_coordinator_is_flagged_with_the_contact_list()
    {
        var course = await NewCourseAsync();
        using var integration = await factory.ClientForAsync("integration.region");
        using var mette = await factory.ClientForAsync("behandler.odense");
        await BodyAsync(await course.Scenario.PostAsync(integration, "STIN"), HttpStatusCode.Accepted);

        await BodyAsync(await course.Scenario.PostAsync(integration, "STOR"), HttpStatusCode.Accepted);
        var timeline = await TimelineAsync(mette, course.CourseId);
        Assert.True(timeline.GetProperty("admitted").GetBoolean()); // leave counts as admitted
        Assert.True(timeline.GetProperty("onLeave").GetBoolean());

        await BodyAsync(await course.Scenario.PostAsync(integration, "RE_STOR"), HttpStatusCode.Accepted);
        Assert.Equal(new DateTimeOffset(2026, 11, 18, 11, 0, 0, TimeSpan.Zero), EventOf(await TimelineAsync(mette, course.CourseId), "LeaveStart").GetProperty("occurredAt").GetDateTimeOffset());
        await BodyAsync(await course.Scenario.PostAsync(integration, "AN_STOR"), HttpStatusCode.Accepted);
        timeline = await TimelineAsync(mette, course.CourseId);
        Assert.False(timeline.GetProperty("onLeave").GetBoolean());
        Assert.DoesNotContain(timeline.GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == "LeaveStart");

        await BodyAsync(await course.Scenario.PostAsync(integration, "SLOR"), HttpStatusCode.Accepted);
        await BodyAsync(await course.Scenario.PostAsync(integration, "RE_SLOR"), HttpStatusCode.Accepted);
        Assert.Equal(new DateTimeOffset(2026, 11, 19, 16, 0, 0, TimeSpan.Zero), EventOf(await TimelineAsync(mette, course.CourseId), "LeaveEnd").GetProperty("occurredAt").GetDateTimeOffset());
        await BodyAsync(await course.Scenario.PostAsync(integration, "AN_SLOR"), HttpStatusCode.Accepted);
        Assert.DoesNotContain((await TimelineAsync(mette, course.CourseId)).GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == "LeaveEnd");

        // Discharged Friday 19:30: outside daytime. The coordinator (Mette) gets a flag linking to the contact list; the caseworker does not.
        await BodyAsync(await course.Scenario.PostAsync(integration, "SLHJ"), HttpStatusCode.Accepted);
        timeline = await TimelineAsync(mette, course.CourseId);
        Assert.False(timeline.GetProperty("admitted").GetBoolean());
        Assert.True(EventOf(timeline, "Discharge").GetProperty("outsideDaytime").GetBoolean());
        var notices = await NoticesAsync(course.CourseId);
        var flag = Assert.Single(notices, n => n.Kind == NotificationKind.DischargedOutsideDaytime);
        Assert.Equal("behandler.odense", flag.UserName);
        Assert.EndsWith("#network-heading", flag.Link, StringComparison.Ordinal);
        Assert.Equal(2, notices.Count(n => n.Kind == NotificationKind.Discharged));
        Assert.Equal(2, notices.Count(n => n.Kind == NotificationKind.OnLeave));
        Assert.Equal(2, notices.Count(n => n.Kind == NotificationKind.BackFromLeave));

        // Corrected to 11:00 (daytime); then cancelled: admitted again, and those told hear it was withdrawn.
        await BodyAsync(await course.Scenario.PostAsync(integration, "RE_SLHJ"), HttpStatusCode.Accepted);
        Assert.False(EventOf(await TimelineAsync(mette, course.CourseId), "Discharge").GetProperty("outsideDaytime").GetBoolean());
        await BodyAsync(await course.Scenario.PostAsync(integration, "AN_SLHJ"), HttpStatusCode.Accepted);
        timeline = await TimelineAsync(mette, course.CourseId);
        Assert.True(timeline.GetProperty("admitted").GetBoolean());
        Assert.Equal(["Admission"], timeline.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
        notices = await NoticesAsync(course.CourseId);
        Assert.Equal(2, notices.Count(n => n.Kind == NotificationKind.Withdrawn && n.Key == "hn:" + course.Scenario.MessageId("AN_SLHJ")));
    }

    [Fact]
    public async Task A_death_is_told_corrected_and_cancelled()
    {
        var course = await NewCourseAsync();
        using var integration = await factory.ClientForAsync("integration.region");
        using var mette = await factory.ClientForAsync("behandler.odense");
        await BodyAsync(await course.Scenario.PostAsync(integration, "STIN"), HttpStatusCode.Accepted);

        var death = await BodyAsync(await course.Scenario.PostAsync(integration, "MORS"), HttpStatusCode.Accepted);

        Assert.Equal("MORS", death.GetProperty("eventCode").GetString());
        var timeline = await TimelineAsync(mette, course.CourseId);
        Assert.True(timeline.GetProperty("deceased").GetBoolean());
        Assert.False(timeline.GetProperty("admitted").GetBoolean());
        Assert.Equal(2, (await NoticesAsync(course.CourseId)).Count(n => n.Kind == NotificationKind.Deceased));

        var correction = await BodyAsync(await course.Scenario.PostAsync(integration, "RE_MORS"), HttpStatusCode.Accepted);
        Assert.Equal("RE_MORS", correction.GetProperty("eventCode").GetString());
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 1, 50, 0, TimeSpan.Zero), EventOf(await TimelineAsync(mette, course.CourseId), "Deceased").GetProperty("occurredAt").GetDateTimeOffset());

        var cancellation = await BodyAsync(await course.Scenario.PostAsync(integration, "AN_MORS"), HttpStatusCode.Accepted);
        Assert.Equal("AN_MORS", cancellation.GetProperty("eventCode").GetString());
        timeline = await TimelineAsync(mette, course.CourseId);
        Assert.False(timeline.GetProperty("deceased").GetBoolean());
        Assert.True(timeline.GetProperty("admitted").GetBoolean());
        Assert.Equal(2, (await NoticesAsync(course.CourseId)).Count(n => n.Kind == NotificationKind.Withdrawn));
    }

    [Fact]
    public async Task An_acute_ambulant_stay_counts_as_admitted_and_a_daytime_discharge_flags_nobody()
    {
        var course = await NewCourseAsync();
        using var integration = await factory.ClientForAsync("integration.region");
        using var mette = await factory.ClientForAsync("behandler.odense");

        Assert.Equal("STAA", (await BodyAsync(await course.Scenario.PostAsync(integration, "STAA"), HttpStatusCode.Accepted)).GetProperty("eventCode").GetString());
        var timeline = await TimelineAsync(mette, course.CourseId);
        Assert.True(timeline.GetProperty("admitted").GetBoolean());
        Assert.Equal("AcuteAmbulant", EventOf(timeline, "AcuteAmbulantStart").GetProperty("stayClass").GetString());

        Assert.Equal("RE_STAA", (await BodyAsync(await course.Scenario.PostAsync(integration, "RE_STAA"), HttpStatusCode.Accepted)).GetProperty("eventCode").GetString());
        Assert.Equal(new DateTimeOffset(2026, 11, 10, 12, 50, 0, TimeSpan.Zero), EventOf(await TimelineAsync(mette, course.CourseId), "AcuteAmbulantStart").GetProperty("occurredAt").GetDateTimeOffset());

        // Tuesday 15:20 is daytime.
        Assert.Equal("SLHJ", (await BodyAsync(await course.Scenario.PostAsync(integration, "SLHJ_STAA"), HttpStatusCode.Accepted)).GetProperty("eventCode").GetString());
        timeline = await TimelineAsync(mette, course.CourseId);
        Assert.False(timeline.GetProperty("admitted").GetBoolean());
        Assert.False(EventOf(timeline, "Discharge").GetProperty("outsideDaytime").GetBoolean());
        Assert.DoesNotContain(await NoticesAsync(course.CourseId), n => n.Kind == NotificationKind.DischargedOutsideDaytime);

        Assert.Equal("AN_STAA", (await BodyAsync(await course.Scenario.PostAsync(integration, "AN_STAA"), HttpStatusCode.Accepted)).GetProperty("eventCode").GetString());
        Assert.Equal(["Discharge"], (await TimelineAsync(mette, course.CourseId)).GetProperty("events").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
    }

    [Theory]
    [InlineData("Malformed_BrokenJson", null)]
    [InlineData("Malformed_PatientOnly", "HospitalNotification.NotABundle")]
    [InlineData("Malformed_NotAMessage", "HospitalNotification.Bundle.NotMessage")]
    [InlineData("Malformed_NoCpr", "HospitalNotification.Patient.Cpr.Missing")]
    [InlineData("Malformed_UnknownActivity", "HospitalNotification.Provenance.Activity.Unknown")]
    public async Task A_malformed_example_gets_problem_details_and_its_raw_text_is_kept(string example, string? code)
    {
        var scenario = new HospitalScenario(TestData.NewCpr());
        var body = scenario.Message(example);
        await MalformedAsync(body, code);
    }

    [Theory]
    [InlineData("this is not json", null)]
    [InlineData("", null)]
    [InlineData("{\"resourceType\":\"Bundle\",\"type\":\"message\"}", "HospitalNotification.MessageHeader.Missing")]
    [InlineData("{\"resourceType\":\"Bundle\",\"type\":\"message\",\"entry\":[]}", "HospitalNotification.Fhir.Invalid")]
    [InlineData("{\"resourceType\":\"Bundle\",\"type\":\"message\",\"entry\":[{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"x\"}}]}", "HospitalNotification.MessageHeader.Missing")]
    [InlineData("{\"resourceType\":\"Spaceship\"}", null)]
    [InlineData("[1,2,3]", null)]
    [InlineData("{\"resourceType\":\"Bundle\",\"type\":\"message\",\"id\":\"a\u0000b\"}", null)]
    public async Task Hostile_bodies_get_problem_details_never_a_500(string body, string? code) => await MalformedAsync(body, code);

    [Fact]
    public async Task A_huge_body_is_refused_with_413_and_its_beginning_is_kept()
    {
        using var integration = await factory.ClientForAsync("integration.region");
        var body = "{\"resourceType\":\"Bundle\",\"padding\":\"" + new string('x', 1_600_000) + "\"}";

        var response = await HospitalScenario.PostRawAsync(integration, body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("HospitalNotification.TooLarge", problem.GetProperty("code").GetString());
        var id = problem.GetProperty("inboundMessageId").GetGuid();
        using var admin = await factory.ClientForAsync("admin.region");
        var summary = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/hospital-notifications/{id}");
        Assert.True(summary.GetProperty("rawTruncated").GetBoolean());
        var raw = await admin.GetStringAsync($"/api/v1/hospital-notifications/{id}/raw");
        Assert.Equal(1_048_576, raw.Length);
        Assert.StartsWith("{\"resourceType\":\"Bundle\"", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_integration_account_or_an_administrator_may_post_and_only_as_json()
    {
        var body = new HospitalScenario(TestData.NewCpr()).Message("STIN");
        using var clinician = await factory.ClientForAsync("behandler.odense");
        Assert.Equal(HttpStatusCode.Forbidden, (await HospitalScenario.PostRawAsync(clinician, body)).StatusCode);
        using var anonymous = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await HospitalScenario.PostRawAsync(anonymous, body)).StatusCode);
        using var integration = await factory.ClientForAsync("integration.region");
        var xml = await HospitalScenario.PostRawAsync(integration, body, "application/fhir+xml");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, xml.StatusCode);
        Assert.Equal("application/problem+json", xml.Content.Headers.ContentType?.MediaType);

        // The integration account reads no citizen data; it sees its region's intake, like the region's administrators.
        Assert.Empty(await integration.GetFromJsonAsync<JsonElement[]>("/api/v1/courses", SamspilFactory.Json) ?? []);
        Assert.Equal(HttpStatusCode.OK, (await integration.GetAsync("/api/v1/hospital-notifications")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await clinician.GetAsync("/api/v1/hospital-notifications")).StatusCode);
    }

    [Fact]
    public async Task A_message_about_an_unknown_citizen_is_parked_never_dropped_and_applied_when_an_administrator_matches_it()
    {
        var cpr = TestData.NewCpr();
        var scenario = new HospitalScenario(cpr);
        using var integration = await factory.ClientForAsync("integration.region");

        var parked = await BodyAsync(await scenario.PostAsync(integration, "STIN"), HttpStatusCode.Accepted);

        var id = parked.GetProperty("id").GetGuid();
        Assert.Equal("Parked", await InboundStatusAsync(scenario.MessageId("STIN")));
        using var admin = await factory.ClientForAsync("admin.region");
        var waiting = await admin.GetFromJsonAsync<JsonElement>("/api/v1/hospital-notifications?status=Parked");
        var item = Assert.Single(waiting.EnumerateArray(), m => m.GetProperty("id").GetGuid() == id);
        Assert.Equal(cpr[..6] + "-XXXX", item.GetProperty("cprHint").GetString());
        Assert.Equal("STIN", item.GetProperty("eventCode").GetString());
        Assert.Equal(Department, item.GetProperty("department").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/hospital-notifications/{id}/raw")).StatusCode); // the raw text of a parked message is not served
        using (var browser = await factory.CookieClientAsync("admin.region"))
        {
            var page = WebUtility.HtmlDecode(await browser.GetStringAsync("/HospitalNotifications"));
            Assert.Contains(cpr[..6] + "-XXXX", page, StringComparison.Ordinal);
        }

        // Another CPR number than the message's is refused; before the citizen exists the message just stays parked; a clinician may not match.
        var other = await admin.PostAsJsonAsync($"/api/v1/hospital-notifications/{id}/match", new { cpr = TestData.NewCpr() });
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/hospital-notifications/{id}/match", new { cpr })).StatusCode);
        Assert.Equal("Parked", await InboundStatusAsync(scenario.MessageId("STIN")));
        using var mette = await factory.ClientForAsync("behandler.odense");
        Assert.Equal(HttpStatusCode.Forbidden, (await mette.PostAsJsonAsync($"/api/v1/hospital-notifications/{id}/match", new { cpr })).StatusCode);

        // The citizen is registered with a course, then the administrator links the message.
        var course = await NewCourseAsync(cpr: cpr);
        var matched = await admin.PostAsJsonAsync($"/api/v1/hospital-notifications/{id}/match", new { cpr });

        await BodyAsync(matched, HttpStatusCode.OK);
        Assert.Equal("Accepted", await InboundStatusAsync(scenario.MessageId("STIN")));
        Assert.DoesNotContain((await admin.GetFromJsonAsync<JsonElement>("/api/v1/hospital-notifications")).EnumerateArray(), m => m.GetProperty("id").GetGuid() == id);
        Assert.Equal("Admission", Assert.Single((await TimelineAsync(mette, course.CourseId)).GetProperty("events").EnumerateArray()).GetProperty("kind").GetString());
        Assert.Equal(2, (await NoticesAsync(course.CourseId)).Count(n => n.Kind == NotificationKind.Admitted));
        var stored = await factory.WithDbAsync(db => db.InboundMessages.SingleAsync(m => m.Id == id));
        Assert.Equal("Grethe Demo-Aastrup", stored.MatchedByName);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync($"/api/v1/hospital-notifications/{id}/match", new { cpr })).StatusCode);
    }

    [Fact]
    public async Task An_only_while_admitted_consent_opens_the_course_during_the_admission_not_before_or_after_and_its_holder_is_told_of_the_discharge()
    {
        var course = await NewCourseAsync(consentToJobCentre: false);
        using var mette = await factory.ClientForAsync("behandler.odense");
        var response = await mette.PostAsJsonAsync($"/api/v1/courses/{course.CourseId}/consents", new
        {
            recipients = new[] { new { kind = "Organization", targetId = await TestData.OrganizationIdAsync(mette, "Lægehuset Åløkken (demo)") } },
            categories = new[] { "StatusAndAppointments" },
            purpose = "Del med min læge, mens jeg er indlagt",
            condition = "OnlyWhileAdmitted",
            documentId = await UploadFormAsync(mette, course.CourseId),
        }, SamspilFactory.Json);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        using var gp = await factory.ClientForAsync("laege1");
        using var integration = await factory.ClientForAsync("integration.region");

        Assert.Equal(HttpStatusCode.NotFound, (await gp.GetAsync($"/api/v1/courses/{course.CourseId}")).StatusCode);

        await BodyAsync(await course.Scenario.PostAsync(integration, "STIN"), HttpStatusCode.Accepted);
        Assert.Contains(await NoticesAsync(course.CourseId), n => n.UserName == "laege1" && n.Kind == NotificationKind.Admitted);
        Assert.Equal(HttpStatusCode.OK, (await gp.GetAsync($"/api/v1/courses/{course.CourseId}")).StatusCode);

        await BodyAsync(await course.Scenario.PostAsync(integration, "STOR"), HttpStatusCode.Accepted);
        Assert.Equal(HttpStatusCode.OK, (await gp.GetAsync($"/api/v1/courses/{course.CourseId}")).StatusCode);

        await BodyAsync(await course.Scenario.PostAsync(integration, "SLHJ"), HttpStatusCode.Accepted);
        Assert.Equal(HttpStatusCode.NotFound, (await gp.GetAsync($"/api/v1/courses/{course.CourseId}")).StatusCode);

        // Issue 17: the discharge is the last event of the admitted period, so the GP told of the admission is told of the
        // discharge too, and the notice stays readable in the inbox; nothing else of the course opens with it.
        Assert.Contains(await NoticesAsync(course.CourseId), n => n.UserName == "laege1" && n.Kind == NotificationKind.Discharged);
        var inbox = await (await gp.GetAsync("/api/v1/me/notifications?pageSize=100")).Content.ReadFromJsonAsync<JsonElement>();
        var items = inbox.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(items, n => n.GetProperty("available").GetBoolean() && n.GetProperty("kind").GetString() == "Discharged"
            && n.GetProperty("link").GetString()!.Contains(course.CourseId.ToString(), StringComparison.Ordinal));
        Assert.DoesNotContain(items, n => n.GetProperty("available").GetBoolean() && n.GetProperty("kind").GetString() == "Admitted"
            && n.GetProperty("link").GetString()!.Contains(course.CourseId.ToString(), StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await gp.GetAsync($"/api/v1/courses/{course.CourseId}/hospital-events")).StatusCode);

        var reads = await factory.WithDbAsync(db => db.AccessLog.Where(e => e.CitizenId == course.CitizenId && e.UserName == "Carsten Demo-Vinther" && e.Action == AccessAction.Read).ToListAsync());
        Assert.NotEmpty(reads);
        Assert.All(reads, e => Assert.Equal(AccessBasisKind.Consent, e.Basis));
    }

    [Fact]
    public async Task A_notified_stay_reaches_the_readmission_screening_under_its_person_key_and_nothing_before_the_discharge()
    {
        var course = await NewCourseAsync();
        using var integration = await factory.ClientForAsync("integration.region");
        var key = KeyOf(course);
        await BodyAsync(await course.Scenario.PostAsync(integration, "STIN"), HttpStatusCode.Accepted);
        Assert.False(await factory.WithDbAsync(db => db.Admissions.AnyAsync(a => a.PersonKey == key)), "An admission alone is not a stay yet.");

        await BodyAsync(await course.Scenario.PostAsync(integration, "SLHJ"), HttpStatusCode.Accepted);

        // Issue 17: the discharge completes the stay; it is stored pseudonymously (the HMAC key, never the CPR number) in the
        // municipality responsible for the course (Jobcenter Odense lies under Odense Kommune, 461) and its region (Syddanmark, 1083).
        var stays = await factory.WithDbAsync(db => db.Admissions.Where(a => a.PersonKey == key).ToListAsync());
        var stay = Assert.Single(stays);
        Assert.Equal(Samspil.Domain.Screening.AdmissionSource.HospitalNotification, stay.Source);
        Assert.Equal(("461", "1083", Department, true), (stay.MunicipalityCode, stay.RegionCode, stay.Department, stay.Acute));
        Assert.True(stay.End > stay.Start);
        var cpr = await factory.WithDbAsync(db => db.Citizens.Where(c => c.Id == course.CitizenId).Select(c => c.Cpr).SingleAsync());
        Assert.DoesNotContain(cpr.Value, stay.PersonKey, StringComparison.Ordinal);
    }

    private string KeyOf(TestCourse course)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Samspil.Infrastructure.Persistence.SamspilDbContext>();
        var cpr = db.Citizens.Where(c => c.Id == course.CitizenId).Select(c => c.Cpr).Single();
        return scope.ServiceProvider.GetRequiredService<Samspil.Features.Screening.PersonKeys>().KeyOf(cpr)!;
    }

    [Fact]
    public async Task The_drop_folder_imports_new_files_and_moves_them_aside()
    {
        var folder = Path.Combine(Path.GetTempPath(), "samspil-drop-" + Guid.NewGuid().ToString("N"));
        var course = await NewCourseAsync();
        using var dropping = factory.WithWebHostBuilder(b => b
            .UseSetting("HospitalNotifications:DropFolder", folder)
            .UseSetting("HospitalNotifications:PollSeconds", "0.1"));
        _ = dropping.Server; // starts the host and its watcher
        try
        {
            Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(Path.Combine(folder, "stin.tmp"), course.Scenario.Message("STIN"));
            File.Move(Path.Combine(folder, "stin.tmp"), Path.Combine(folder, "stin.json"));
            await File.WriteAllTextAsync(Path.Combine(folder, "broken.json"), "{ not json");

            await WaitForAsync(() => File.Exists(Path.Combine(folder, "processed", "stin.json")) && File.Exists(Path.Combine(folder, "failed", "broken.json")));

            using var mette = await factory.ClientForAsync("behandler.odense");
            Assert.Single((await TimelineAsync(mette, course.CourseId)).GetProperty("events").EnumerateArray());
            var messageId = course.Scenario.MessageId("STIN");
            var stored = await factory.WithDbAsync(db => db.InboundMessages.SingleAsync(m => m.MessageId == messageId));
            Assert.Equal("FileDrop", stored.Source.ToString());
            Assert.Equal("stin.json", stored.FileName);
            Assert.Equal(2, (await NoticesAsync(course.CourseId)).Count);
        }
        finally
        {
            await dropping.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_command_line_import_reads_a_folder_and_prints_a_summary()
    {
        var folder = Path.Combine(Path.GetTempPath(), "samspil-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var course = await NewCourseAsync();
            await File.WriteAllTextAsync(Path.Combine(folder, "1-stin.json"), course.Scenario.Message("STIN"));
            await File.WriteAllTextAsync(Path.Combine(folder, "2-stor.json"), course.Scenario.Message("STOR"));
            await File.WriteAllTextAsync(Path.Combine(folder, "3-stin-again.json"), course.Scenario.Message("STIN"));
            await File.WriteAllTextAsync(Path.Combine(folder, "4-unknown.json"), new HospitalScenario(TestData.NewCpr()).Message("STIN"));
            await File.WriteAllTextAsync(Path.Combine(folder, "5-broken.json"), new HospitalScenario(TestData.NewCpr()).Message("Malformed_BrokenJson"));
            using var output = new StringWriter();

            var exit = await Features.HospitalNotifications.HospitalNotificationCli.RunAsync(factory.Services, folder, output, CancellationToken.None);

            Assert.Equal(1, exit); // one malformed file
            Assert.Contains("5 file(s): 2 accepted, 1 parked (unknown citizen), 1 duplicate(s), 1 malformed.", output.ToString(), StringComparison.Ordinal);
            Assert.Equal(5, Directory.GetFiles(folder).Length); // the command line leaves the files where they are
            using var mette = await factory.ClientForAsync("behandler.odense");
            Assert.True((await TimelineAsync(mette, course.CourseId)).GetProperty("onLeave").GetBoolean());
            Assert.Equal(2, await Features.HospitalNotifications.HospitalNotificationCli.RunAsync(factory.Services, Path.Combine(folder, "missing"), output, CancellationToken.None));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task MalformedAsync(string body, string? code)
    {
        using var integration = await factory.ClientForAsync("integration.region");
        var eventsBefore = await factory.WithDbAsync(db => db.HospitalEvents.CountAsync());

        var response = await HospitalScenario.PostRawAsync(integration, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var actual = problem.GetProperty("code").GetString()!;
        if (code is null)
        {
            Assert.StartsWith("HospitalNotification.", actual, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(code, actual);
        }

        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.DoesNotContain("HospitalNotification.", problem.GetProperty("detail").GetString()!, StringComparison.Ordinal); // a readable text, not the code
        var id = problem.GetProperty("inboundMessageId").GetGuid();
        using var admin = await factory.ClientForAsync("admin.region");
        var raw = await admin.GetStringAsync($"/api/v1/hospital-notifications/{id}/raw");
        Assert.Equal(body.Replace('\0', '\uFFFD'), raw);
        Assert.Equal(eventsBefore, await factory.WithDbAsync(db => db.HospitalEvents.CountAsync()));
    }

    private sealed record TestCourse(Guid CourseId, Guid CitizenId, HospitalScenario Scenario);

    private sealed record Notice(string UserName, NotificationKind Kind, string? Detail, string? Link, string Key);

    /// <summary>
    /// A new citizen's course at Traumeklinikken Odense (Mette Demo-Lindberg, tovholder) with the
    /// Odense caseworker and a GP on the network; a consent lets the clinic (and by default Jobcenter Odense) see status.
    /// </summary>
    private async Task<TestCourse> NewCourseAsync(bool consentToJobCentre = true, string? cpr = null)
    {
        cpr ??= TestData.NewCpr();
        using var mette = await factory.ClientForAsync("behandler.odense");
        var course = await TestData.CreateCourseAsync(mette, cpr);
        var courseId = course.GetProperty("id").GetGuid();
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

        // The citizen consents to the clinic (hospital stays are the citizen's: registering the course is no basis, ADR 0013).
        var clinic = new { kind = "Organization", targetId = await TestData.OrganizationIdAsync(mette, "Traumeklinikken Odense") };
        if (consentToJobCentre)
        {
            await TestData.RegisterConsentAsync(mette, courseId, clinic, new { kind = "Organization", targetId = await TestData.OrganizationIdAsync(mette, "Jobcenter Odense") });
        }
        else
        {
            await TestData.RegisterConsentAsync(mette, courseId, clinic);
        }

        return new TestCourse(courseId, course.GetProperty("citizen").GetProperty("id").GetGuid(), new HospitalScenario(cpr));
    }

    private static async Task<Guid> UploadFormAsync(HttpClient client, Guid courseId)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(TestData.Pdf);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "samtykke.pdf");
        var upload = await client.PostAsync($"/api/v1/courses/{courseId}/consent-documents", form);
        return (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("documentId").GetGuid();
    }

    private Task<List<Notice>> NoticesAsync(Guid courseId) =>
        factory.WithDbAsync(db => db.Notifications.Where(n => n.CourseId == courseId)
            .Join(db.Users, n => n.RecipientUserId, u => u.Id, (n, u) => new Notice(u.UserName!, n.Kind, n.Detail, n.Link, n.DeduplicationKey))
            .ToListAsync());

    private Task<string?> OutcomeAsync(string messageId) =>
        factory.WithDbAsync(async db => (await db.InboundMessages.SingleAsync(m => m.MessageId == messageId)).Outcome);

    private Task<string> InboundStatusAsync(string messageId) =>
        factory.WithDbAsync(async db => (await db.InboundMessages.SingleAsync(m => m.MessageId == messageId)).Status.ToString());

    private static async Task<JsonElement> TimelineAsync(HttpClient client, Guid courseId, bool includeInactive = false) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/hospital-events?includeInactive={(includeInactive ? "true" : "false")}", SamspilFactory.Json);

    private static JsonElement EventOf(JsonElement timeline, string kind) =>
        Assert.Single(timeline.GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == kind);

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the drop folder");
            await Task.Delay(100);
        }
    }
}

public sealed class HospitalNotificationTestsOnSqlite(SqliteFactory factory) : HospitalNotificationTests(factory), IClassFixture<SqliteFactory>;

public sealed class HospitalNotificationTestsOnPostgres(PostgresFactory factory) : HospitalNotificationTests(factory), IClassFixture<PostgresFactory>;
