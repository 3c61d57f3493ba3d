using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Hl7.Fhir.Serialization;
using Microsoft.EntityFrameworkCore;
using Samspil.Features.Fhir;
using Samspil.IntegrationTests.Infrastructure;
using Task = System.Threading.Tasks.Task;

namespace Samspil.IntegrationTests.Fhir;

/// <summary>
/// Issue 20: the FHIR Appointment, Communication (with create), QuestionnaireResponse, Consent and AuditEvent handlers,
/// read with the Firely FhirClient through the access policy: what the caller may see is read, searched and paged, what
/// they may not is 404 and absent from searches; every returned resource is valid R4.
/// </summary>
public abstract class FhirCommunicationTests(SamspilFactory factory)
{
    [Fact]
    public async Task Meetings_are_Appointments_read_searched_by_patient_status_and_date_paged_and_hidden_from_a_stranger()
    {
        using var clinicianHttp = await factory.ClientForAsync("behandler.odense");
        var course = await TestData.CreateCourseAsync(clinicianHttp);
        var courseId = course.GetProperty("id").GetGuid();
        var citizenId = course.GetProperty("citizen").GetProperty("id").GetGuid();
        var scheduled = await MeetingAsync(clinicianHttp, courseId, "Netværksmøde");
        var now = factory.Time.GetUtcNow();
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, 9, 0, 0, TimeSpan.Zero).AddDays(10);
        Assert.True((await clinicianHttp.PostAsJsonAsync($"/api/v1/meetings/{scheduled}/schedule", new { start, end = start.AddHours(1), format = "InPerson", location = "Rådhuset, lokale 4" })).IsSuccessStatusCode);
        var proposed = await MeetingAsync(clinicianHttp, courseId, "Akut møde");
        var client = FhirTestSupport.Client(clinicianHttp);

        var appointment = await client.ReadAsync<Appointment>($"Appointment/{scheduled}");
        FhirTestSupport.AssertValid(appointment!);
        Assert.Equal(Appointment.AppointmentStatus.Booked, appointment!.Status);
        Assert.Equal(start, appointment.Start);
        Assert.Contains(appointment.Participant, p => p.Actor?.Display == "Rådhuset, lokale 4");
        var pending = await client.ReadAsync<Appointment>($"Appointment/{proposed}");
        FhirTestSupport.AssertValid(pending!);
        Assert.Equal(Appointment.AppointmentStatus.Proposed, pending!.Status);

        var all = await client.SearchAsync<Appointment>([$"patient=Patient/{citizenId}"]);
        FhirTestSupport.AssertValid(all!);
        // The two meetings made here, and any the course's meeting model proposed when it was created (issue 17).
        Assert.Equal(await factory.WithDbAsync(db => db.Meetings.CountAsync(m => m.CitizenId == citizenId)), all!.Total);
        Assert.True(all.Total >= 2);
        var booked = await client.SearchAsync<Appointment>([$"patient=Patient/{citizenId}", "status=booked"]);
        Assert.Equal(scheduled.ToString("D"), Assert.Single(booked!.Entry).Resource!.Id);
        var later = await client.SearchAsync<Appointment>([$"patient=Patient/{citizenId}", $"date=ge{start.AddDays(-1):yyyy-MM-dd}", $"date=lt{start.AddDays(1):yyyy-MM-dd}"]);
        Assert.Equal(scheduled.ToString("D"), Assert.Single(later!.Entry).Resource!.Id);
        var none = await client.SearchAsync<Appointment>([$"patient=Patient/{citizenId}", $"date=gt{start.AddDays(1):yyyy-MM-dd}"]);
        Assert.Empty(none!.Entry);

        var seen = new List<string>();
        var page = await client.SearchAsync<Appointment>([$"patient=Patient/{citizenId}"], pageSize: 1);
        while (page is not null)
        {
            FhirTestSupport.AssertValid(page);
            seen.AddRange(page.Entry.Select(e => e.Resource!.Id!));
            page = await client.ContinueAsync(page);
        }

        Assert.Equal(all.Entry.Select(e => e.Resource!.Id!), seen);

        var stranger = await FhirTestSupport.ClientAsync(factory, "behandler.vejle");
        var (status, outcome) = await FhirTestSupport.RefusedAsync(() => stranger.ReadAsync<Appointment>($"Appointment/{scheduled}"));
        Assert.Equal(HttpStatusCode.NotFound, status);
        FhirTestSupport.AssertValid(outcome!);
        Assert.Equal(0, (await stranger.SearchAsync<Appointment>([$"patient=Patient/{citizenId}"]))!.Total);
        await AssertBadRequestAsync(clinicianHttp, "/fhir/Appointment?status=maybe");
    }

    [Fact]
    public async Task Messages_are_Communications_in_a_thread_with_attachments_and_only_participants_read_them()
    {
        using var clinicianHttp = await factory.ClientForAsync("behandler.odense");
        using var prebenHttp = await factory.ClientForAsync("borger.preben");
        var (conversationId, courseId, citizenId) = await ThreadWithPrebenAsync(clinicianHttp, prebenHttp, "Om torsdag");
        var reply = await prebenHttp.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/messages", new { text = "Thursday is fine.", language = "en" });
        Assert.Equal(HttpStatusCode.Created, reply.StatusCode);
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent("Notat vedhæftet"), "text");
        var file = new ByteArrayContent(TestData.Pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "files", "notat.pdf");
        var withFile = await clinicianHttp.PostAsync($"/api/v1/conversations/{conversationId}/messages", form);
        Assert.Equal(HttpStatusCode.Created, withFile.StatusCode);
        var messages = await factory.WithDbAsync(db => db.ConversationMessages.Where(m => m.ConversationId == conversationId).OrderBy(m => m.Sequence).Select(m => m.Id).ToListAsync());
        Assert.Equal(3, messages.Count);

        var client = FhirTestSupport.Client(clinicianHttp);
        var second = await client.ReadAsync<Communication>($"Communication/{messages[1]}");
        FhirTestSupport.AssertValid(second!);
        Assert.Equal(conversationId.ToString("D"), second!.Topic!.Coding.Single().Code);
        Assert.Equal("Om torsdag", second.Topic.Text);
        Assert.Equal($"Communication/{messages[0]}", Assert.Single(second.InResponseTo).Reference);
        Assert.Equal($"Patient/{citizenId}", second.Sender!.Reference);
        Assert.Equal("en", second.Language);
        Assert.Equal("Thursday is fine.", ((FhirString)second.Payload.Single().Content).Value);

        var third = await client.ReadAsync<Communication>($"Communication/{messages[2]}");
        FhirTestSupport.AssertValid(third!);
        var attachment = third!.Payload.Select(p => p.Content).OfType<Attachment>().Single();
        Assert.Equal("notat.pdf", attachment.Title);
        var download = await clinicianHttp.GetAsync(new Uri(attachment.Url!));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(TestData.Pdf, await download.Content.ReadAsByteArrayAsync());

        // The citizen reads the same thread as FHIR, paged one message at a time.
        var preben = FhirTestSupport.Client(prebenHttp);
        var thread = await preben.SearchAsync<Communication>([$"patient=Patient/{citizenId}", "status=completed"]);
        FhirTestSupport.AssertValid(thread!);
        Assert.True(messages.Select(m => m.ToString("D")).All(id => thread!.Entry.Any(e => e.Resource!.Id == id)));
        var seen = new List<string>();
        var page = await preben.SearchAsync<Communication>([$"patient=Patient/{citizenId}"], pageSize: 1);
        while (page is not null)
        {
            FhirTestSupport.AssertValid(page);
            seen.AddRange(page.Entry.Select(e => e.Resource!.Id!));
            page = await preben.ContinueAsync(page);
        }

        Assert.Equal(thread!.Entry.Select(e => e.Resource!.Id!), seen);
        var sentToday = await preben.SearchAsync<Communication>([$"patient=Patient/{citizenId}", $"sent=ge{factory.Time.GetUtcNow().AddDays(-1):yyyy-MM-dd}"]);
        Assert.True(sentToday!.Total >= 3);

        // Someone outside the thread reads nothing of it.
        var stranger = await FhirTestSupport.ClientAsync(factory, "behandler.vejle");
        var (status, outcome) = await FhirTestSupport.RefusedAsync(() => stranger.ReadAsync<Communication>($"Communication/{messages[0]}"));
        Assert.Equal(HttpStatusCode.NotFound, status);
        FhirTestSupport.AssertValid(outcome!);
        Assert.Empty((await stranger.SearchAsync<Communication>([$"patient=Patient/{citizenId}"]))!.Entry);
        Assert.NotEqual(Guid.Empty, courseId);
    }

    [Fact]
    public async Task A_partner_system_posts_a_Communication_into_a_thread_through_the_conversation_service_and_hostile_bodies_get_an_OperationOutcome()
    {
        using var clinicianHttp = await factory.ClientForAsync("behandler.odense");
        using var prebenHttp = await factory.ClientForAsync("borger.preben");
        var (conversationId, _, citizenId) = await ThreadWithPrebenAsync(clinicianHttp, prebenHttp, "Fra lægesystemet");
        var prebenUserId = await factory.WithDbAsync(db => db.Users.Where(u => u.UserName == "borger.preben").Select(u => u.Id).SingleAsync());
        var noticesBefore = await factory.WithDbAsync(db => db.Notifications.CountAsync(n => n.RecipientUserId == prebenUserId));
        var client = FhirTestSupport.Client(clinicianHttp);

        var posted = await client.CreateAsync(Message(conversationId, "Prøvesvar er klar."));
        FhirTestSupport.AssertValid(posted!);
        Assert.Equal("Prøvesvar er klar.", ((FhirString)posted!.Payload.Single().Content).Value);
        Assert.Equal($"Patient/{citizenId}", posted.Subject!.Reference);
        var thread = await prebenHttp.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{conversationId}");
        Assert.Contains(thread.GetProperty("messages").EnumerateArray(), m => m.GetProperty("text").GetString() == "Prøvesvar er klar." && m.GetProperty("authorName").GetString() == "Mette Demo-Lindberg");
        Assert.True(await factory.WithDbAsync(db => db.Notifications.CountAsync(n => n.RecipientUserId == prebenUserId)) > noticesBefore, "The citizen is told about the new message.");
        Assert.True(await factory.WithDbAsync(db => db.AccessLog.AnyAsync(e => e.ResourceType == "ConversationMessage" && e.ResourceId == Guid.Parse(posted.Id!) && e.Action == Samspil.Domain.Audit.AccessAction.Create)));

        // A reply by inResponseTo alone lands in the same thread and answers the message it names.
        var reply = new Communication { Status = EventStatus.Completed, InResponseTo = [new ResourceReference($"Communication/{posted.Id}")] };
        reply.Payload.Add(new Communication.PayloadComponent { Content = new FhirString("Tak, jeg ser på det.") });
        var answered = await FhirTestSupport.Client(prebenHttp).CreateAsync(reply);
        FhirTestSupport.AssertValid(answered!);
        Assert.Equal(conversationId.ToString("D"), answered!.Topic!.Coding.Single().Code);
        Assert.Equal($"Communication/{posted.Id}", Assert.Single(answered.InResponseTo).Reference);

        // A thread the caller does not take part in is 404, and nothing is written.
        var count = await factory.WithDbAsync(db => db.ConversationMessages.CountAsync(m => m.ConversationId == conversationId));
        var stranger = await FhirTestSupport.ClientAsync(factory, "behandler.vejle");
        var (status, outcome) = await FhirTestSupport.RefusedAsync(() => stranger.CreateAsync(Message(conversationId, "Hej")));
        Assert.Equal(HttpStatusCode.NotFound, status);
        FhirTestSupport.AssertValid(outcome!);
        Assert.Equal(HttpStatusCode.NotFound, (await FhirTestSupport.RefusedAsync(() => client.CreateAsync(Message(Guid.NewGuid(), "Hej")))).Status);
        Assert.Equal(count, await factory.WithDbAsync(db => db.ConversationMessages.CountAsync(m => m.ConversationId == conversationId)));

        var serializer = new FhirJsonSerializer();
        foreach (var (body, expected) in new (string Body, HttpStatusCode Status)[]
        {
            ("{\"resourceType\":\"Communication\",\"status\":\"completed\",\"payload\":[{\"contentString\":\"Hej\"}]}", HttpStatusCode.UnprocessableEntity),
            ("{\"resourceType\":\"Communication\",\"status\":\"completed\",\"topic\":{\"coding\":[{\"system\":\"" + FhirCommunicationCodes.ConversationSystem + "\",\"code\":\"not-a-guid\"}]},\"payload\":[{\"contentString\":\"Hej\"}]}", HttpStatusCode.UnprocessableEntity),
            (serializer.SerializeToString(Message(conversationId, new string('x', 20_000))), HttpStatusCode.UnprocessableEntity),
            (serializer.SerializeToString(Message(conversationId, "Hej\u0001\u0002")), HttpStatusCode.UnprocessableEntity),
            (serializer.SerializeToString(Message(conversationId, null)), HttpStatusCode.UnprocessableEntity),
            (serializer.SerializeToString(WithStatus(Message(conversationId, "Hej"), EventStatus.Preparation)), HttpStatusCode.UnprocessableEntity),
            (serializer.SerializeToString(WithUrlAttachment(Message(conversationId, "Hej"))), HttpStatusCode.UnprocessableEntity),
            ("{\"resourceType\":\"Communication\",\"status\":\"completed\",\"inResponseTo\":[{\"reference\":\"Patient/" + citizenId + "\"}]}", HttpStatusCode.UnprocessableEntity),
            ("{\"resourceType\":\"Patient\"}", HttpStatusCode.BadRequest),
            ("{\"resourceType\":\"Communication\",\"status\":17}", HttpStatusCode.BadRequest),
            ("not json", HttpStatusCode.BadRequest),
        })
        {
            var response = await clinicianHttp.PostAsync("/fhir/Communication", new StringContent(body, new MediaTypeHeaderValue("application/fhir+json")));
            Assert.True(expected == response.StatusCode, $"{body[..Math.Min(body.Length, 120)]}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonSerializer.Deserialize<OperationOutcome>(await response.Content.ReadAsStringAsync(), FhirResult.Json);
            FhirTestSupport.AssertValid(problem!);
        }

        Assert.Equal(count, await factory.WithDbAsync(db => db.ConversationMessages.CountAsync(m => m.ConversationId == conversationId)));
    }

    [Fact]
    public async Task Questionnaire_responses_and_consents_are_read_as_the_citizen_and_the_network_may_and_hidden_from_a_stranger()
    {
        using var clinicianHttp = await factory.ClientForAsync("behandler.odense");
        using var prebenHttp = await factory.ClientForAsync("borger.preben");
        var courseId = (await prebenHttp.GetFromJsonAsync<JsonElement>("/api/v1/courses"))[0].GetProperty("id").GetGuid();
        var citizenId = await factory.WithDbAsync(db => db.Users.Where(u => u.UserName == "borger.preben").Select(u => u.CitizenId!.Value).SingleAsync());

        // WHO-5 answered by Preben (demo data): he and his clinician read it, through the questionnaires' mapping.
        var preben = FhirTestSupport.Client(prebenHttp);
        var own = await preben.SearchAsync<QuestionnaireResponse>([$"patient=Patient/{citizenId}", "status=completed"]);
        FhirTestSupport.AssertValid(own!);
        Assert.True(own!.Total > 1);
        var responseId = own.Entry[0].Resource!.Id;
        var clinician = FhirTestSupport.Client(clinicianHttp);
        var response = await clinician.ReadAsync<QuestionnaireResponse>($"QuestionnaireResponse/{responseId}");
        FhirTestSupport.AssertValid(response!);
        Assert.StartsWith("https://samspil.dk/fhir/Questionnaire/who-5|", response!.Questionnaire, StringComparison.Ordinal);
        Assert.Equal($"Patient/{citizenId}", response.Subject!.Reference);
        var page = await clinician.SearchAsync<QuestionnaireResponse>([$"patient=Patient/{citizenId}"], pageSize: 1);
        FhirTestSupport.AssertValid(page!);
        Assert.Single(page!.Entry);
        Assert.NotNull(page.NextLink);
        var next = await clinician.ContinueAsync(page);
        FhirTestSupport.AssertValid(next!);
        Assert.NotEqual(page.Entry[0].Resource!.Id, next!.Entry[0].Resource!.Id);

        // A consent registered on the course is a Consent with its recipients, categories and period.
        var jobCentre = await TestData.OrganizationIdAsync(clinicianHttp, "Jobcenter Odense");
        var consentId = await TestData.RegisterConsentAsync(clinicianHttp, courseId, ["StatusAndAppointments", "Messages"], new { kind = "Organization", targetId = jobCentre });
        var consent = await clinician.ReadAsync<Hl7.Fhir.Model.Consent>($"Consent/{consentId}");
        FhirTestSupport.AssertValid(consent!);
        Assert.Equal(Hl7.Fhir.Model.Consent.ConsentState.Active, consent!.Status);
        Assert.Equal($"Organization/{jobCentre}", Assert.Single(consent.Provision!.Actor).Reference!.Reference);
        Assert.Equal(["StatusAndAppointments", "Messages"], consent.Provision!.Code.Select(c => c.Coding[0].Code));
        var consents = await preben.SearchAsync<Hl7.Fhir.Model.Consent>([$"patient=Patient/{citizenId}", "status=active"]);
        FhirTestSupport.AssertValid(consents!);
        Assert.Contains(consents!.Entry, e => e.Resource!.Id == consentId.ToString("D"));

        // A revoked consent is inactive, and a stranger reads none of it.
        Assert.Equal(HttpStatusCode.NoContent, (await clinicianHttp.PostAsync($"/api/v1/consents/{consentId}/revoke", null)).StatusCode);
        var revoked = await clinician.ReadAsync<Hl7.Fhir.Model.Consent>($"Consent/{consentId}");
        Assert.Equal(Hl7.Fhir.Model.Consent.ConsentState.Inactive, revoked!.Status);
        var stranger = await FhirTestSupport.ClientAsync(factory, "behandler.vejle");
        Assert.Equal(HttpStatusCode.NotFound, (await FhirTestSupport.RefusedAsync(() => stranger.ReadAsync<Hl7.Fhir.Model.Consent>($"Consent/{consentId}"))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await FhirTestSupport.RefusedAsync(() => stranger.ReadAsync<QuestionnaireResponse>($"QuestionnaireResponse/{responseId}"))).Status);
        Assert.Empty((await stranger.SearchAsync<Hl7.Fhir.Model.Consent>([$"patient=Patient/{citizenId}"]))!.Entry);
        Assert.Empty((await stranger.SearchAsync<QuestionnaireResponse>([$"patient=Patient/{citizenId}"]))!.Entry);
    }

    [Fact]
    public async Task A_citizen_reads_their_own_AuditEvents_and_not_another_citizens_and_an_administrator_reads_all()
    {
        using var prebenHttp = await factory.ClientForAsync("borger.preben");
        using var clinicianHttp = await factory.ClientForAsync("behandler.odense");
        var prebenId = await factory.WithDbAsync(db => db.Users.Where(u => u.UserName == "borger.preben").Select(u => u.CitizenId!.Value).SingleAsync());
        var other = await TestData.CreateCourseAsync(clinicianHttp);
        var otherCitizen = other.GetProperty("citizen").GetProperty("id").GetGuid();
        await clinicianHttp.GetAsync($"/api/v1/courses/{(await prebenHttp.GetFromJsonAsync<JsonElement>("/api/v1/courses"))[0].GetProperty("id").GetGuid()}");
        var otherEntry = await factory.WithDbAsync(db => db.AccessLog.Where(e => e.CitizenId == otherCitizen).Select(e => e.Sequence).FirstAsync());

        var preben = FhirTestSupport.Client(prebenHttp);
        var mine = await preben.SearchAsync<AuditEvent>(pageSize: 5);
        FhirTestSupport.AssertValid(mine!);
        Assert.True(mine!.Total > 5);
        Assert.Equal(5, mine.Entry.Count);
        Assert.All(mine.Entry, e => Assert.Equal($"Patient/{prebenId}", ((AuditEvent)e.Resource!).Entity[0].What!.Reference));
        var next = await preben.ContinueAsync(mine);
        FhirTestSupport.AssertValid(next!);
        // Newest first, and reading the log is itself logged, so the next page starts at most one entry earlier than the first ended.
        var firstPage = mine.Entry.Select(e => long.Parse(e.Resource!.Id!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.All(next!.Entry, e => Assert.True(long.Parse(e.Resource!.Id!, System.Globalization.CultureInfo.InvariantCulture) <= firstPage.Min()));
        var reads = await preben.SearchAsync<AuditEvent>(["action=R", $"date=ge{factory.Time.GetUtcNow().AddDays(-1):yyyy-MM-dd}"]);
        Assert.All(reads!.Entry, e => Assert.Equal(AuditEvent.AuditEventAction.R, ((AuditEvent)e.Resource!).Action));
        Assert.Contains(reads.Entry, e => ((AuditEvent)e.Resource!).Agent[0].Who!.Display!.StartsWith("Mette Demo-Lindberg", StringComparison.Ordinal));
        var one = await preben.ReadAsync<AuditEvent>($"AuditEvent/{mine.Entry[0].Resource!.Id}");
        FhirTestSupport.AssertValid(one!);

        Assert.Equal(HttpStatusCode.NotFound, (await FhirTestSupport.RefusedAsync(() => preben.ReadAsync<AuditEvent>($"AuditEvent/{otherEntry}"))).Status);
        Assert.Empty((await preben.SearchAsync<AuditEvent>([$"patient=Patient/{otherCitizen}"]))!.Entry);

        // Staff who are not administrators read none of the log here; an administrator reads another citizen's entries.
        var clinician = FhirTestSupport.Client(clinicianHttp);
        Assert.Equal(0, (await clinician.SearchAsync<AuditEvent>([$"patient=Patient/{otherCitizen}"]))!.Total);
        Assert.Equal(HttpStatusCode.NotFound, (await FhirTestSupport.RefusedAsync(() => clinician.ReadAsync<AuditEvent>($"AuditEvent/{otherEntry}"))).Status);
        var admin = await FhirTestSupport.ClientAsync(factory, "admin.traume");
        var theirs = await admin.SearchAsync<AuditEvent>([$"patient=Patient/{otherCitizen}"]);
        FhirTestSupport.AssertValid(theirs!);
        Assert.True(theirs!.Total > 0);
        Assert.Contains(theirs.Entry, e => e.Resource!.Id == otherEntry.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await AssertBadRequestAsync(prebenHttp, "/fhir/AuditEvent?action=X");
        await AssertBadRequestAsync(prebenHttp, "/fhir/AuditEvent?date=yesterday");
    }

    private static Communication Message(Guid conversationId, string? text)
    {
        var message = new Communication
        {
            Status = EventStatus.Completed,
            Topic = new CodeableConcept(FhirCommunicationCodes.ConversationSystem, conversationId.ToString("D")),
            Language = "da",
        };
        if (text is not null)
        {
            message.Payload.Add(new Communication.PayloadComponent { Content = new FhirString(text) });
        }

        return message;
    }

    private static Communication WithStatus(Communication message, EventStatus status)
    {
        message.Status = status;
        return message;
    }

    private static Communication WithUrlAttachment(Communication message)
    {
        message.Payload.Add(new Communication.PayloadComponent { Content = new Attachment { Url = "https://example.org/x.pdf", Title = "x.pdf" } });
        return message;
    }

    private async Task<(Guid ConversationId, Guid CourseId, Guid CitizenId)> ThreadWithPrebenAsync(HttpClient clinician, HttpClient preben, string subject)
    {
        var courseId = (await preben.GetFromJsonAsync<JsonElement>("/api/v1/courses"))[0].GetProperty("id").GetGuid();
        var prebenUser = await factory.WithDbAsync(db => db.Users.Where(u => u.UserName == "borger.preben").Select(u => new { u.Id, u.CitizenId }).SingleAsync());
        var started = await clinician.PostAsJsonAsync($"/api/v1/courses/{courseId}/conversations", new { subject, participants = new[] { prebenUser.Id }, text = "Hej Preben, passer torsdag?" });
        Assert.True(started.StatusCode == HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        return (id, courseId, prebenUser.CitizenId!.Value);
    }

    private static async Task<Guid> MeetingAsync(HttpClient client, Guid courseId, string title)
    {
        var created = await client.PostAsJsonAsync($"/api/v1/courses/{courseId}/meetings", new { kind = "Network", title, format = "InPerson" });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task AssertBadRequestAsync(HttpClient http, string url)
    {
        var response = await http.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url}: {(int)response.StatusCode}");
        var outcome = JsonSerializer.Deserialize<OperationOutcome>(await response.Content.ReadAsStringAsync(), FhirResult.Json);
        FhirTestSupport.AssertValid(outcome!);
    }
}

public sealed class FhirCommunicationTestsOnSqlite(SqliteFactory factory) : FhirCommunicationTests(factory), IClassFixture<SqliteFactory>;

public sealed class FhirCommunicationTestsOnPostgres(PostgresFactory factory) : FhirCommunicationTests(factory), IClassFixture<PostgresFactory>;
