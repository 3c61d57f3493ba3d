using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Audit;
using Samspil.Domain.Consents;
using Samspil.Domain.Notifications;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests;

/// <summary>Secure conversations (R27): who may take part, read status, language, attachments, notices, and that nothing leaks.</summary>
public abstract partial class ConversationApiTests(SamspilFactory factory)
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    [Fact]
    public async Task A_clinician_and_the_citizen_talk_and_each_sees_what_the_other_has_read()
    {
        using var clinician = await factory.ClientForAsync("behandler.odense");
        using var preben = await factory.ClientForAsync("borger.preben");
        var courseId = (await preben.GetFromJsonAsync<JsonElement>("/api/v1/courses"))[0].GetProperty("id").GetGuid();
        var prebenId = await UserIdAsync("borger.preben");

        // The clinician (tovholder, the clinic's own record) may start a thread; Preben is offered as a participant.
        var course = await clinician.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/conversations");
        Assert.True(course.GetProperty("canStart").GetBoolean());
        var offered = course.GetProperty("possibleParticipants").EnumerateArray().ToList();
        Assert.Contains(offered, p => p.GetProperty("userId").GetGuid() == prebenId && p.GetProperty("kind").GetString() == "Citizen");
        Assert.DoesNotContain(offered, p => p.GetProperty("name").GetString() == "Mette Demo-Lindberg"); // not yourself

        var thread = await CreatedAsync(clinician.PostAsJsonAsync($"/api/v1/courses/{courseId}/conversations", new
        {
            subject = "Tid til næste samtale",
            participants = new[] { prebenId },
            text = "Hej Preben, passer torsdag kl. 10?",
        }));
        var id = thread.GetProperty("id").GetGuid();
        var first = Assert.Single(thread.GetProperty("messages").EnumerateArray());
        Assert.Equal("da", first.GetProperty("language").GetString());
        Assert.Empty(first.GetProperty("readBy").EnumerateArray());

        // Preben sees one unread message in Mine beskeder, reads it, and the clinician sees "læst".
        var mine = await preben.GetFromJsonAsync<JsonElement>("/api/v1/me/conversations");
        var listed = mine.GetProperty("conversations").EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == id);
        Assert.Equal(1, listed.GetProperty("unreadCount").GetInt32());
        Assert.Equal("Tid til næste samtale", listed.GetProperty("subject").GetString());
        var read = await preben.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{id}");
        Assert.Equal("Hej Preben, passer torsdag kl. 10?", read.GetProperty("messages")[0].GetProperty("text").GetString());
        Assert.Equal(0, (await preben.GetFromJsonAsync<JsonElement>("/api/v1/me/conversations")).GetProperty("conversations").EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == id).GetProperty("unreadCount").GetInt32());

        // He answers in English; the language travels with the message and nothing is translated.
        var answered = await CreatedAsync(preben.PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new { text = "Thursday is fine.", language = "en" }));
        var reply = answered.GetProperty("messages")[1];
        Assert.Equal("en", reply.GetProperty("language").GetString());
        Assert.Equal("Citizen", reply.GetProperty("authorKind").GetString());
        Assert.Equal(["Preben Demo-Nielsen"], answered.GetProperty("messages")[0].GetProperty("readBy").EnumerateArray().Select(n => n.GetString()));

        var clinicianList = await clinician.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/conversations");
        Assert.Equal(1, clinicianList.GetProperty("conversations").EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == id).GetProperty("unreadCount").GetInt32());
        var seen = await clinician.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{id}");
        Assert.Equal("Thursday is fine.", seen.GetProperty("messages")[1].GetProperty("text").GetString());
        Assert.Equal(["Preben Demo-Nielsen"], seen.GetProperty("messages")[0].GetProperty("readBy").EnumerateArray().Select(n => n.GetString()));
        var afterReading = await preben.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{id}");
        Assert.Equal(["Mette Demo-Lindberg"], afterReading.GetProperty("messages")[1].GetProperty("readBy").EnumerateArray().Select(n => n.GetString()));

        // Every list, thread read and write is in Preben's access log under "Beskeder".
        var log = await factory.WithDbAsync(db => db.AccessLog.Where(e => e.ResourceId == id || (e.ResourceType == "Conversations" && e.ResourceId == courseId)).ToListAsync());
        Assert.All(log, e => Assert.Equal(InformationCategory.Messages, e.Category));
        Assert.Contains(log, e => e.ResourceType == "Conversation" && e.Action == AccessAction.Create && e.UserName == "Mette Demo-Lindberg");
        Assert.Contains(log, e => e.ResourceType == "Conversation" && e.Action == AccessAction.Read && e.UserName == "Preben Demo-Nielsen" && e.Basis == AccessBasisKind.Self);
        Assert.Contains(log, e => e.ResourceType == "Conversations" && e.Action == AccessAction.Read && e.Basis == AccessBasisKind.OwnRecords);
        var myLog = await preben.GetFromJsonAsync<JsonElement>("/api/v1/me/access-log?category=Messages");
        Assert.Contains(myLog.EnumerateArray(), e => e.GetProperty("who").GetString() == "Mette Demo-Lindberg" && e.GetProperty("action").GetString() == "Read");
    }

    [Fact]
    public async Task A_professional_whose_consent_does_not_cover_messages_cannot_be_added_and_a_revoked_consent_hides_the_thread()
    {
        using var clinician = await factory.ClientForAsync("behandler.odense");
        var courseId = (await TestData.CreateCourseAsync(clinician)).GetProperty("id").GetGuid();
        await AddCaseworkerAsync(clinician, courseId, "Birgitte Demo-Aagaard");
        var caseworkerId = await UserIdAsync("sagsbehandler.odense");
        var jobCentre = await TestData.OrganizationIdAsync(clinician, "Jobcenter Odense");

        // The consent covers status and plan, not messages: she is on the network but not offered, and naming her is refused.
        var narrow = await TestData.RegisterConsentAsync(clinician, courseId, ["StatusAndAppointments", "PlanAndGoals"], new { kind = "Organization", targetId = jobCentre });
        var offered = await clinician.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/conversations");
        Assert.Empty(offered.GetProperty("possibleParticipants").EnumerateArray());
        var refused = await clinician.PostAsJsonAsync($"/api/v1/courses/{courseId}/conversations", new { subject = "Sygedagpenge", participants = new[] { caseworkerId } });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("samtykke", problem.GetProperty("errors").GetProperty("participants")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Conversations.CountAsync(c => c.CourseId == courseId)));
        using var caseworker = await factory.ClientForAsync("sagsbehandler.odense");
        Assert.Equal(HttpStatusCode.NotFound, (await caseworker.GetAsync($"/api/v1/courses/{courseId}/conversations")).StatusCode);

        // With messages in the consent she can be added, reads the thread, and is told about new messages.
        Assert.Equal(HttpStatusCode.NoContent, (await clinician.PostAsync($"/api/v1/consents/{narrow}/revoke", null)).StatusCode);
        var consentId = await TestData.RegisterConsentAsync(clinician, courseId, ["StatusAndAppointments", "Messages"], new { kind = "Organization", targetId = jobCentre });
        var thread = await CreatedAsync(clinician.PostAsJsonAsync($"/api/v1/courses/{courseId}/conversations", new { subject = "Sygedagpenge", participants = new[] { caseworkerId }, text = "Kan vi tale om forsørgelsen?" }));
        var id = thread.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await caseworker.GetAsync($"/api/v1/conversations/{id}")).StatusCode);
        Assert.Contains((await caseworker.GetFromJsonAsync<JsonElement>("/api/v1/me/conversations")).GetProperty("conversations").EnumerateArray(), c => c.GetProperty("id").GetGuid() == id);
        var attachment = await PostFilesAsync(clinician, id, "Notat", ("notat.pdf", TestData.Pdf));
        var attachmentId = attachment.GetProperty("messages")[1].GetProperty("attachments")[0].GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await caseworker.GetAsync($"/api/v1/conversations/{id}/attachments/{attachmentId}")).StatusCode);

        // The citizen withdraws the consent: at once she reads nothing, and nothing about the thread reaches her.
        Assert.Equal(HttpStatusCode.NoContent, (await clinician.PostAsync($"/api/v1/consents/{consentId}/revoke", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await caseworker.GetAsync($"/api/v1/conversations/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await caseworker.GetAsync($"/api/v1/courses/{courseId}/conversations")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await caseworker.GetAsync($"/api/v1/conversations/{id}/attachments/{attachmentId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await caseworker.PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new { text = "Hallo?" })).StatusCode);
        var mine = await caseworker.GetFromJsonAsync<JsonElement>("/api/v1/me/conversations");
        Assert.DoesNotContain(mine.GetProperty("conversations").EnumerateArray(), c => c.GetProperty("id").GetGuid() == id);
        Assert.DoesNotContain("Sygedagpenge", mine.GetRawText(), StringComparison.Ordinal);

        var after = await CreatedAsync(clinician.PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new { text = "Er du der stadig?" }));
        var lastMessage = after.GetProperty("messages")[2].GetProperty("id").GetGuid();
        Assert.Equal(0, await factory.WithDbAsync(db => db.Notifications.CountAsync(n => n.RecipientUserId == caseworkerId && n.DeduplicationKey == "conversation-message:" + lastMessage.ToString("N"))));

        // She keeps her place in the thread, shown as without access, and her name stays on what she was told.
        var participant = after.GetProperty("participants").EnumerateArray().Single(p => p.GetProperty("userId").GetGuid() == caseworkerId);
        Assert.False(participant.GetProperty("hasAccess").GetBoolean());
        Assert.True(after.GetProperty("participants").EnumerateArray().Single(p => p.GetProperty("isMe").GetBoolean()).GetProperty("hasAccess").GetBoolean());
    }

    [Fact]
    public async Task A_participant_who_leaves_the_network_can_no_longer_read_and_reads_again_after_rejoining()
    {
        using var clinician = await factory.ClientForAsync("behandler.odense");
        var courseId = (await TestData.CreateCourseAsync(clinician)).GetProperty("id").GetGuid();
        var memberId = await AddCaseworkerAsync(clinician, courseId, "Birgitte Demo-Aagaard");
        await TestData.RegisterConsentAsync(clinician, courseId, ["StatusAndAppointments", "Messages"], new { kind = "Organization", targetId = await TestData.OrganizationIdAsync(clinician, "Jobcenter Odense") });
        var caseworkerId = await UserIdAsync("sagsbehandler.odense");
        var id = (await CreatedAsync(clinician.PostAsJsonAsync($"/api/v1/courses/{courseId}/conversations", new { subject = "Arbejdsprøvning", participants = new[] { caseworkerId }, text = "Status?" }))).GetProperty("id").GetGuid();
        using var caseworker = await factory.ClientForAsync("sagsbehandler.odense");
        Assert.Equal(HttpStatusCode.OK, (await caseworker.GetAsync($"/api/v1/conversations/{id}")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await clinician.PostAsJsonAsync($"/api/v1/courses/{courseId}/network/{memberId}/end", new { endDate = "2026-11-22", reason = "Nyt job" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await caseworker.GetAsync($"/api/v1/conversations/{id}")).StatusCode);
        Assert.DoesNotContain((await caseworker.GetFromJsonAsync<JsonElement>("/api/v1/me/conversations")).GetProperty("conversations").EnumerateArray(), c => c.GetProperty("id").GetGuid() == id);

        Assert.Equal(HttpStatusCode.Created, (await clinician.PostAsJsonAsync($"/api/v1/courses/{courseId}/network/{memberId}/rejoin", new { activeFrom = "2026-11-22", citizenAgreement = new { agreedOn = "2026-11-22", method = "Phone" } })).StatusCode);
        var again = await caseworker.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{id}");
        Assert.Equal("Status?", again.GetProperty("messages")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task The_citizen_writes_in_her_own_language_and_the_proxy_takes_part_for_her_sister()
    {
        // Mariam reads Arabic: her messages are tagged "ar" unless she chooses another language.
        using var mariam = await factory.ClientForAsync("borger.mariam");
        var courseId = (await mariam.GetFromJsonAsync<JsonElement>("/api/v1/courses"))[0].GetProperty("id").GetGuid();
        var course = await mariam.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/conversations");
        Assert.True(course.GetProperty("canStart").GetBoolean());
        Assert.Equal("ar", course.GetProperty("defaultLanguage").GetString());
        var offered = course.GetProperty("possibleParticipants").EnumerateArray().ToList();
        var anders = offered.Single(p => p.GetProperty("name").GetString() == "Anders Demo-Skytte").GetProperty("userId").GetGuid();
        Assert.All(offered, p => Assert.Equal("Professional", p.GetProperty("kind").GetString()));

        var thread = await CreatedAsync(mariam.PostAsJsonAsync($"/api/v1/courses/{courseId}/conversations", new { subject = "موعد", participants = new[] { anders }, text = "مرحبا، هل يمكننا تغيير الموعد؟" }));
        var message = thread.GetProperty("messages")[0];
        Assert.Equal("ar", message.GetProperty("language").GetString());
        Assert.Equal("مرحبا، هل يمكننا تغيير الموعد؟", message.GetProperty("text").GetString());
        using var socialWorker = await factory.ClientForAsync("socialraadgiver.traume");
        var seen = await socialWorker.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{thread.GetProperty("id").GetGuid()}");
        Assert.Equal("ar", seen.GetProperty("messages")[0].GetProperty("language").GetString());
        Assert.Equal("da", seen.GetProperty("defaultLanguage").GetString());

        // Louise's sister holds her power of attorney: she starts a thread with Louise and the clinician, Louise reads it.
        using var proxy = await factory.ClientForAsync("paaroerende.louise");
        var louiseCourse = (await proxy.GetFromJsonAsync<JsonElement>("/api/v1/courses"))[0].GetProperty("id").GetGuid();
        var candidates = (await proxy.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{louiseCourse}/conversations")).GetProperty("possibleParticipants").EnumerateArray().ToList();
        var louise = candidates.Single(p => p.GetProperty("kind").GetString() == "Citizen").GetProperty("userId").GetGuid();
        var vejle = candidates.Single(p => p.GetProperty("name").GetString() == "Rikke Demo-Storm").GetProperty("userId").GetGuid();
        var started = await CreatedAsync(proxy.PostAsJsonAsync($"/api/v1/courses/{louiseCourse}/conversations", new { subject = "Medicin", participants = new[] { louise, vejle }, text = "Louise sover dårligt på den nye medicin." }));
        Assert.Equal("Proxy", started.GetProperty("messages")[0].GetProperty("authorKind").GetString());
        using var citizen = await factory.ClientForAsync("borger.louise");
        var hers = await citizen.GetFromJsonAsync<JsonElement>("/api/v1/me/conversations");
        Assert.Equal(1, hers.GetProperty("conversations").EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == started.GetProperty("id").GetGuid()).GetProperty("unreadCount").GetInt32());
        Assert.Contains(hers.GetProperty("startOn").EnumerateArray(), c => c.GetProperty("courseId").GetGuid() == louiseCourse);
    }

    [Fact]
    public async Task Nothing_about_a_thread_reaches_anyone_outside_it()
    {
        using var clinician = await factory.ClientForAsync("behandler.odense");
        using var preben = await factory.ClientForAsync("borger.preben");
        var courseId = (await preben.GetFromJsonAsync<JsonElement>("/api/v1/courses"))[0].GetProperty("id").GetGuid();
        var thread = await CreatedAsync(clinician.PostAsJsonAsync($"/api/v1/courses/{courseId}/conversations", new { subject = "Hemmeligt emne 4711", participants = new[] { await UserIdAsync("borger.preben") }, text = "Kun for Preben" }));
        var id = thread.GetProperty("id").GetGuid();
        thread = await PostFilesAsync(clinician, id, null, ("plan.pdf", TestData.Pdf));
        var attachmentId = thread.GetProperty("messages")[1].GetProperty("attachments")[0].GetProperty("id").GetGuid();

        // The IPS consultant may read Preben's messages (his consent names Jobcenter Odense) but is not in this thread.
        using var ips = await factory.ClientForAsync("ips.odense");
        var courseList = await ips.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/conversations");
        Assert.DoesNotContain(courseList.GetProperty("conversations").EnumerateArray(), c => c.GetProperty("id").GetGuid() == id);
        var ipsMine = await ips.GetAsync("/api/v1/me/conversations");
        var nowhere = new[]
        {
            await ips.GetAsync($"/api/v1/conversations/{id}"),
            await ips.GetAsync($"/api/v1/conversations/{id}/attachments/{attachmentId}"),
            await ips.PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new { text = "Må jeg være med?" }),
            await ips.PostAsJsonAsync($"/api/v1/conversations/{id}/participants", new { participants = new[] { await UserIdAsync("ips.odense") } }),
        };
        Assert.All(nowhere, r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));

        // Another citizen, and a caseworker from another municipality, see neither the course's threads nor this one.
        using var abby = await factory.ClientForAsync("borger.abby");
        using var kolding = await factory.ClientForAsync("sagsbehandler.kolding");
        foreach (var outsider in new[] { abby, kolding })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/v1/courses/{courseId}/conversations")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/v1/conversations/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/v1/conversations/{id}/attachments/{attachmentId}")).StatusCode);
            Assert.DoesNotContain("4711", await outsider.GetStringAsync("/api/v1/me/conversations"), StringComparison.Ordinal);
        }

        var bodies = new List<string> { await ipsMine.Content.ReadAsStringAsync(), courseList.GetRawText() };
        foreach (var response in nowhere)
        {
            bodies.Add(await response.Content.ReadAsStringAsync());
        }

        Assert.All(bodies, b => Assert.DoesNotContain("4711", b, StringComparison.Ordinal));
        Assert.All(bodies, b => Assert.DoesNotContain("Kun for Preben", b, StringComparison.Ordinal));

        // An attachment id from another thread does not open through this one.
        var other = await CreatedAsync(clinician.PostAsJsonAsync($"/api/v1/courses/{courseId}/conversations", new { subject = "Andet", participants = new[] { await UserIdAsync("borger.preben") } }));
        Assert.Equal(HttpStatusCode.NotFound, (await preben.GetAsync($"/api/v1/conversations/{other.GetProperty("id").GetGuid()}/attachments/{attachmentId}")).StatusCode);
    }

    [Fact]
    public async Task Attachments_are_recognised_by_content_and_downloaded_safely_and_every_download_is_logged()
    {
        var (client, id) = await ThreadWithPrebenAsync("Vedhæftninger");
        var before = await factory.WithDbAsync(db => db.AccessLog.CountAsync(e => e.ResourceType == "MessageAttachment"));

        // A PDF named with a path: only the file name is kept. A PNG without an ending gets ".png". Text is text.
        var posted = await PostFilesAsync(client, id, "Her er papirerne", ("../../etc/brev.pdf", TestData.Pdf), ("skærmbillede", Png), ("noter.txt", "Husk: tag brevet med.\nÆøå ✓"u8.ToArray()));
        var attachments = posted.GetProperty("messages")[0].GetProperty("attachments").EnumerateArray().ToList();
        Assert.Equal(["brev.pdf", "skærmbillede.png", "noter.txt"], attachments.Select(a => a.GetProperty("fileName").GetString()));
        Assert.Equal(["application/pdf", "image/png", "text/plain"], attachments.Select(a => a.GetProperty("contentType").GetString()));

        var download = await client.GetAsync(attachments[0].GetProperty("downloadUrl").GetString());
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(TestData.Pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("brev.pdf", download.Content.Headers.ContentDisposition.FileNameStar ?? download.Content.Headers.ContentDisposition.FileName);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("no-store", download.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var text = await client.GetAsync(attachments[2].GetProperty("downloadUrl").GetString());
        Assert.Equal("text/plain; charset=utf-8", text.Content.Headers.ContentType!.ToString());
        Assert.Equal("Husk: tag brevet med.\nÆøå ✓", await text.Content.ReadAsStringAsync());

        var logged = await factory.WithDbAsync(db => db.AccessLog.Where(e => e.ResourceType == "MessageAttachment").ToListAsync());
        Assert.Equal(before + 2, logged.Count);
        Assert.All(logged, e => Assert.Equal(InformationCategory.Messages, e.Category));
        Assert.Contains(logged, e => e.ResourceId == attachments[0].GetProperty("id").GetGuid() && e.UserName == "Mette Demo-Lindberg" && e.Action == AccessAction.Read);
    }

    [Fact]
    public async Task Hostile_files_and_text_are_refused_with_a_clear_problem_and_nothing_is_half_saved()
    {
        var (client, id) = await ThreadWithPrebenAsync("Fjendtligt input");
        var attachmentsBefore = await factory.WithDbAsync(db => db.MessageAttachments.CountAsync());

        var tooLarge = new byte[(10 * 1024 * 1024) + 1];
        "%PDF-"u8.CopyTo(tooLarge);
        byte[] exe = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00];
        var cases = new (string Why, HttpResponseMessage Response, string Field, string Says)[]
        {
            ("over the size limit", await PostFilesRawAsync(client, id, "stor", ("stor.pdf", tooLarge)), "files", "større end tilladt"),
            ("a program named .pdf", await PostFilesRawAsync(client, id, "se her", ("faktura.pdf", exe)), "files", "ikke en tilladt filtype"),
            ("text named .pdf", await PostFilesRawAsync(client, id, "se her", ("faktura.pdf", "<html><script>alert(1)</script></html>"u8.ToArray())), "files", "passer ikke"),
            ("a PDF named .docx", await PostFilesRawAsync(client, id, "se her", ("brev.docx", TestData.Pdf)), "files", "passer ikke"),
            ("an SVG (XML) named .png", await PostFilesRawAsync(client, id, "se her", ("billede.png", "<svg onload=\"alert(1)\"/>"u8.ToArray())), "files", "passer ikke"),
            ("an empty file", await PostFilesRawAsync(client, id, "tom", ("tom.pdf", Array.Empty<byte>())), "files", "tom"),
            ("six files", await PostFilesRawAsync(client, id, "mange", Enumerable.Range(1, 6).Select(i => ($"{i}.pdf", TestData.Pdf)).ToArray()), "files", "for mange"),
            ("a good file with a bad one", await PostFilesRawAsync(client, id, "blandet", ("god.pdf", TestData.Pdf), ("ond.pdf", exe)), "files", "ikke en tilladt filtype"),
            ("control characters in the text", await client.PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new { text = "Hej\u0000med\u001bdig" }), "text", "kontroltegn"),
            ("too long a text", await client.PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new { text = new string('x', 4001) }), "text", "4000"),
            ("no text and no file", await client.PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new { text = "   " }), "text", "Skriv en besked"),
            ("a language that is no code", await client.PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new { text = "Hej", language = "arabisk<script>" }), "language", "sprogkode"),
        };
        foreach (var (why, response, field, says) in cases)
        {
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{why}: {(int)response.StatusCode}");
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            var message = problem.GetProperty("errors").GetProperty(field)[0].GetString()!;
            Assert.True(message.Contains(says, StringComparison.Ordinal), $"{why}: {message}");
        }

        var thread = await client.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{id}");
        Assert.Empty(thread.GetProperty("messages").EnumerateArray());
        Assert.Equal(attachmentsBefore, await factory.WithDbAsync(db => db.MessageAttachments.CountAsync()));

        // Broken requests and unknown threads get problem details too, never a 500.
        using var broken = new StringContent("{\"text\": ", Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync($"/api/v1/conversations/{id}/messages", broken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/conversations/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync($"/api/v1/conversations/{Guid.NewGuid()}/messages", new { text = "Hej" })).StatusCode);

        // Starting a thread: subject and participants are checked the same way.
        var courseId = thread.GetProperty("courseId").GetGuid();
        var noSubject = await client.PostAsJsonAsync($"/api/v1/courses/{courseId}/conversations", new { subject = " ", participants = new[] { await UserIdAsync("borger.preben") } });
        Assert.Equal(HttpStatusCode.BadRequest, noSubject.StatusCode);
        Assert.True((await noSubject.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("subject", out _));
        var nobody = await client.PostAsJsonAsync($"/api/v1/courses/{courseId}/conversations", new { subject = "Alene" });
        Assert.Equal(HttpStatusCode.BadRequest, nobody.StatusCode);
        var stranger = await client.PostAsJsonAsync($"/api/v1/courses/{courseId}/conversations", new { subject = "Fremmed", participants = new[] { Guid.NewGuid() } });
        Assert.Equal(HttpStatusCode.BadRequest, stranger.StatusCode);
        var controlSubject = await client.PostAsJsonAsync($"/api/v1/courses/{courseId}/conversations", new { subject = "Emne\u0007", participants = new[] { await UserIdAsync("borger.preben") } });
        Assert.Equal(HttpStatusCode.BadRequest, controlSubject.StatusCode);
    }

    [Fact]
    public async Task A_new_message_notifies_the_other_participants_only_and_the_notice_carries_no_content()
    {
        using var clinician = await factory.ClientForAsync("behandler.odense");
        using var preben = await factory.ClientForAsync("borger.preben");
        var courseId = (await preben.GetFromJsonAsync<JsonElement>("/api/v1/courses"))[0].GetProperty("id").GetGuid();
        var prebenId = await UserIdAsync("borger.preben");
        var caseworkerId = await UserIdAsync("sagsbehandler.odense");
        var clinicianId = await UserIdAsync("behandler.odense");
        var ipsId = await UserIdAsync("ips.odense");
        var thread = await CreatedAsync(clinician.PostAsJsonAsync($"/api/v1/courses/{courseId}/conversations", new { subject = "Brevet om sygedagpenge", participants = new[] { prebenId, caseworkerId } }));
        var id = thread.GetProperty("id").GetGuid();

        var posted = await CreatedAsync(preben.PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new { text = "Jeg forstår ikke brevet om min økonomi." }));
        var messageId = posted.GetProperty("messages")[0].GetProperty("id").GetGuid();
        var key = "conversation-message:" + messageId.ToString("N");
        var notices = await factory.WithDbAsync(db => db.Notifications.Where(n => n.DeduplicationKey == key).ToListAsync());
        Assert.Equal(new[] { caseworkerId, clinicianId }.Order(), notices.Select(n => n.RecipientUserId).Order());
        Assert.DoesNotContain(notices, n => n.RecipientUserId == prebenId || n.RecipientUserId == ipsId);
        Assert.All(notices, n =>
        {
            Assert.Equal(NotificationKind.NewMessage, n.Kind);
            Assert.Equal(InformationCategory.Messages, n.Category);
            Assert.Equal(courseId, n.CourseId);
            Assert.Null(n.Detail);
            Assert.Equal($"/Conversations/{id}", n.Link);
        });

        // The e-mail job gets only the notice's id; the access log says who was told, on which basis.
        var noticeIds = notices.Select(n => n.Id).ToList();
        var outbox = await factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.Topic == "notice-mail").ToListAsync());
        var payloads = outbox.Where(m => noticeIds.Any(n => m.Payload.Contains(n.ToString(), StringComparison.Ordinal))).Select(m => m.Payload).ToList();
        Assert.Equal(2, payloads.Count);
        Assert.All(payloads, p => Assert.DoesNotContain("økonomi", p, StringComparison.Ordinal));
        Assert.All(payloads, p => Assert.DoesNotContain("sygedagpenge", p, StringComparison.OrdinalIgnoreCase));
        var told = await factory.WithDbAsync(db => db.AccessLog.Where(e => e.Action == AccessAction.Notified && noticeIds.Contains(e.ResourceId!.Value)).ToListAsync());
        Assert.Equal(2, told.Count);
        Assert.Contains(told, e => e.UserName == "Birgitte Demo-Aagaard" && e.Basis == AccessBasisKind.Consent);
        Assert.Contains(told, e => e.UserName == "Mette Demo-Lindberg" && e.Basis == AccessBasisKind.OwnRecords);
    }

    [Fact]
    public async Task Messages_posted_at_the_same_moment_are_all_kept_each_with_its_own_place()
    {
        var (clinician, id) = await ThreadWithPrebenAsync("Samtidige beskeder");
        using var preben = await factory.ClientForAsync("borger.preben");
        var posts = Enumerable.Range(1, 8)
            .Select(i => (i % 2 == 0 ? clinician : preben).PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new { text = $"Besked {i}" }))
            .ToList();
        var responses = await Task.WhenAll(posts);
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));

        var thread = await clinician.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{id}");
        var messages = thread.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, 8), messages.Select(m => m.GetProperty("sequence").GetInt32()));
        Assert.Equal(Enumerable.Range(1, 8).Select(i => $"Besked {i}").Order(StringComparer.Ordinal), messages.Select(m => m.GetProperty("text").GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Participants_can_be_added_later_by_someone_in_the_thread()
    {
        var (client, id) = await ThreadWithPrebenAsync("Senere med");
        var caseworkerId = await UserIdAsync("sagsbehandler.odense");
        using var caseworker = await factory.ClientForAsync("sagsbehandler.odense");
        Assert.Equal(HttpStatusCode.NotFound, (await caseworker.GetAsync($"/api/v1/conversations/{id}")).StatusCode);

        var thread = await client.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{id}");
        Assert.Contains(thread.GetProperty("canBeAdded").EnumerateArray(), p => p.GetProperty("userId").GetGuid() == caseworkerId);
        var added = await client.PostAsJsonAsync($"/api/v1/conversations/{id}/participants", new { participants = new[] { caseworkerId } });
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Contains((await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("participants").EnumerateArray(), p => p.GetProperty("name").GetString() == "Birgitte Demo-Aagaard");
        Assert.Equal(HttpStatusCode.OK, (await caseworker.GetAsync($"/api/v1/conversations/{id}")).StatusCode);

        // Someone not on the network cannot be added, whoever asks.
        var outsider = await client.PostAsJsonAsync($"/api/v1/conversations/{id}/participants", new { participants = new[] { await UserIdAsync("sagsbehandler.kolding") } });
        Assert.Equal(HttpStatusCode.BadRequest, outsider.StatusCode);
    }

    [Fact]
    public async Task The_web_page_sends_a_file_with_its_form_shows_a_Danish_message_for_a_bad_one_and_a_cross_site_form_is_refused()
    {
        var (_, id) = await ThreadWithPrebenAsync("Fra websiden");
        using var browser = await factory.CookieClientAsync("behandler.odense");
        var page = await browser.GetStringAsync($"/Conversations/{id}");
        Assert.Contains("Fra websiden", page, StringComparison.Ordinal);
        var token = SamspilFactory.AntiforgeryToken(page);

        // The page's own form, with its antiforgery token: sent, and back to the thread.
        using (var form = WebForm(token, "Her er referatet", ("referat.txt", "Referat fra mødet"u8.ToArray())))
        {
            var sent = await browser.PostAsync($"/Conversations/{id}?handler=Message", form);
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        }

        // A program dressed up as a PDF: the page says why in Danish, keeps the text, and saves nothing.
        using (var form = WebForm(token, "Se vedhæftede", ("faktura.pdf", new byte[] { 0x4D, 0x5A, 0x90, 0x00 })))
        {
            var refused = await browser.PostAsync($"/Conversations/{id}?handler=Message", form);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var html = await refused.Content.ReadAsStringAsync();
            Assert.Contains("ikke en tilladt filtype", System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
            Assert.Contains("Se vedhæftede", System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        }

        // The same form sent to the API with the sign-in cookie but without the token (as a hostile site would): refused.
        using (var form = WebForm(null, "Falsk besked", ("x.txt", "x"u8.ToArray())))
        {
            var forged = await browser.PostAsync($"/api/v1/conversations/{id}/messages", form);
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }

        var thread = await (await factory.ClientForAsync("behandler.odense")).GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{id}");
        var texts = thread.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("text").GetString()).ToList();
        Assert.Equal(["Her er referatet"], texts);
        Assert.Equal("referat.txt", thread.GetProperty("messages")[0].GetProperty("attachments")[0].GetProperty("fileName").GetString());
    }

    private static MultipartFormDataContent WebForm(string? token, string text, params (string Name, byte[] Content)[] files)
    {
        var form = new MultipartFormDataContent();
        if (token is not null)
        {
            form.Add(new StringContent(token), "__RequestVerificationToken");
        }

        form.Add(new StringContent(text), "text");
        form.Add(new StringContent("da"), "language");
        foreach (var (name, content) in files)
        {
            form.Add(new ByteArrayContent(content), "files", name);
        }

        return form;
    }

    /// <summary>A new thread on Preben's course by his clinician, with Preben; returns the clinician's client and the thread id.</summary>
    private async Task<(HttpClient Client, Guid Id)> ThreadWithPrebenAsync(string subject)
    {
        var clinician = await factory.ClientForAsync("behandler.odense");
        using var preben = await factory.ClientForAsync("borger.preben");
        var courseId = (await preben.GetFromJsonAsync<JsonElement>("/api/v1/courses"))[0].GetProperty("id").GetGuid();
        var thread = await CreatedAsync(clinician.PostAsJsonAsync($"/api/v1/courses/{courseId}/conversations", new { subject, participants = new[] { await UserIdAsync("borger.preben") } }));
        return (clinician, thread.GetProperty("id").GetGuid());
    }

    private async Task<Guid> AddCaseworkerAsync(HttpClient coordinator, Guid courseId, string name)
    {
        var added = await coordinator.PostAsJsonAsync($"/api/v1/courses/{courseId}/network", new
        {
            kind = "Professional",
            practitionerRoleId = await TestData.PractitionerRoleIdAsync(coordinator, name),
            role = "Other",
            activeFrom = "2026-11-20",
            citizenAgreement = new { agreedOn = "2026-11-20", method = "Phone" },
        });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        return (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private Task<Guid> UserIdAsync(string userName) =>
        factory.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    private static async Task<JsonElement> PostFilesAsync(HttpClient client, Guid id, string? text, params (string Name, byte[] Content)[] files) =>
        await CreatedAsync(PostFilesRawAsync(client, id, text, files));

    private static Task<HttpResponseMessage> PostFilesRawAsync(HttpClient client, Guid id, string? text, params (string Name, byte[] Content)[] files)
    {
        var form = new MultipartFormDataContent();
        if (text is not null)
        {
            form.Add(new StringContent(text), "text");
        }

        foreach (var (name, content) in files)
        {
            var file = new ByteArrayContent(content);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf"); // what a browser claims decides nothing
            form.Add(file, "files", name);
        }

        return client.PostAsync($"/api/v1/conversations/{id}/messages", form);
    }

    private static async Task<JsonElement> CreatedAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(SamspilFactory.Json);
    }
}

public sealed class ConversationApiTestsOnSqlite(SqliteFactory factory) : ConversationApiTests(factory), IClassFixture<SqliteFactory>;

public sealed class ConversationApiTestsOnPostgres(PostgresFactory factory) : ConversationApiTests(factory), IClassFixture<PostgresFactory>;
