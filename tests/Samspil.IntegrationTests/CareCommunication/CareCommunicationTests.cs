using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Samspil.Features.CareCommunications;
using Samspil.IntegrationTests.Fhir;
using Samspil.IntegrationTests.Infrastructure;
using Task = System.Threading.Tasks.Task;

namespace Samspil.IntegrationTests.CareCommunication;

/// <summary>
/// MedCom CareCommunication (issue 20, points 2–3) in and out of course conversations: MedCom's own receive
/// examples (../shared/medcom/carecommunication, JSON and XML) are received, kept and acknowledged;
/// unreadable and foreign bundles are refused with an OperationOutcome and kept; a thread's message goes out
/// as a CareCommunication only when the citizen's consent covers the recipient, comes back in through
/// Samspil's own receiver as the same message, and a reply lands in the thread; what has no thread waits for
/// an administrator, who places or rejects it. Produced bundles validate against base R4.
/// </summary>
public abstract class CareCommunicationTests(SamspilFactory factory, string outbox)
{
    public const string GpName = "Lægehuset Åløkken (demo)";
    public const string GpSor = "265161000016000";
    public const string GpEan = "5790000209354";
    public const string ExampleCpr = "2509479989";

    private static readonly FhirJsonDeserializer Json = new(new DeserializerSettings());

    /// <summary>
    /// MedCom's examples, read where the shared fixtures are: <c>SAMSPIL_MEDCOM_EXAMPLES</c> when set (the folder holding
    /// <c>carecommunication/</c>), else <c>../shared/medcom</c> beside the repository (or beside a folder above it, for a
    /// clone made elsewhere), else the development machine's <c>/work/shared/medcom</c>. Missing everywhere fails the test.
    /// </summary>
    public static string ExamplesFolder
    {
        get
        {
            var candidates = new List<string>();
            if (Environment.GetEnvironmentVariable("SAMSPIL_MEDCOM_EXAMPLES") is { Length: > 0 } configured)
            {
                candidates.Add(configured);
            }

            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "Samspil.slnx")))
                {
                    for (var up = folder; up is not null; up = up.Parent)
                    {
                        candidates.Add(Path.Combine(up.FullName, "..", "shared", "medcom"));
                    }

                    break;
                }
            }

            candidates.Add("/work/shared/medcom");
            var found = candidates.Select(c => Path.GetFullPath(Path.Combine(c, "carecommunication"))).FirstOrDefault(Directory.Exists);
            Assert.True(found is not null, "MedCom's CareCommunication examples were not found; set SAMSPIL_MEDCOM_EXAMPLES to the shared medcom folder.");
            return found!;
        }
    }

    public static void Configure(IWebHostBuilder builder, string outbox)
    {
        builder.UseSetting("CareCommunication:Enabled", "true");
        builder.UseSetting("CareCommunication:Sender:Name", "Samspil (test)");
        builder.UseSetting("CareCommunication:Sender:Sor", "999991000016001");
        builder.UseSetting("CareCommunication:Recipients:0:OrganizationName", GpName);
        builder.UseSetting("CareCommunication:Recipients:0:Name", GpName);
        builder.UseSetting("CareCommunication:Recipients:0:Sor", GpSor);
        builder.UseSetting("CareCommunication:Recipients:0:Ean", GpEan);
        builder.UseSetting("CareCommunication:Recipients:0:Kind", "GP");
        builder.UseSetting("CareCommunication:Outbox:Folder", outbox);
    }

    [Fact]
    public async Task Every_MedCom_receive_example_is_read_kept_and_acknowledged()
    {
        var files = Directory.GetFiles(ExamplesFolder).Where(f => f.EndsWith(".json", StringComparison.Ordinal) || f.EndsWith(".xml", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(9, files.Count);
        Assert.Contains(files, f => f.EndsWith(".xml", StringComparison.Ordinal));
        using var integration = await factory.ClientForAsync("integration.region");
        foreach (var file in files)
        {
            var text = await File.ReadAllTextAsync(file);
            var parsed = CareCommunicationParser.Parse(text);
            Assert.False(string.IsNullOrWhiteSpace(parsed.Text), file);

            var response = await PostAsync(integration, text, file.EndsWith(".xml", StringComparison.Ordinal) ? "application/fhir+xml" : "application/fhir+json");

            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{Path.GetFileName(file)}: {(int)response.StatusCode} {body}");
            Assert.IsType<OperationOutcome>(Json.DeserializeResource(body));

            // MedCom's test CPR belongs to no Samspil citizen: the message is kept and waits for an administrator.
            var kept = await factory.WithDbAsync(db => db.CareCommunicationEnvelopes.SingleAsync(e => e.Direction == CareCommunicationDirection.Incoming && e.MessageHeaderId == parsed.MessageHeaderId));
            Assert.Equal(CareCommunicationStatus.Waiting, kept.Status);
            Assert.Equal(text.Length > 0, kept.Raw.Length > 0);
            Assert.Equal(parsed.Cpr is null ? null : "250947-XXXX", kept.CprHint);

            // A positive acknowledgement goes back through the outbox, addressed to the sender.
            var ack = await AcknowledgementAsync(parsed.MessageHeaderId);
            var header = (MessageHeader)ack.Entry[0].Resource!;
            Assert.Equal(MessageHeader.ResponseType.Ok, header.Response!.Code);
            FhirTestSupport.AssertValid(ack);
        }

        // The replacement CPR (Tek-B) is read, not refused: it waits without a CPR hint.
        Assert.Contains(files.Select(f => CareCommunicationParser.Parse(File.ReadAllText(f))), p => p.Cpr is null && p.PatientIdentifierSystem == "urn:oid:1.2.208.176.1.6.1.3.177");

        // A repeat is answered with the earlier receipt and acknowledged again, not stored twice.
        var again = await PostAsync(integration, await File.ReadAllTextAsync(files[0]), "application/fhir+json");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var id = CareCommunicationParser.Parse(await File.ReadAllTextAsync(files[0])).MessageHeaderId;
        Assert.Equal(1, (await factory.WithDbAsync(db => db.CareCommunicationEnvelopes.SingleAsync(e => e.Direction == CareCommunicationDirection.Incoming && e.MessageHeaderId == id))).DuplicatesReceived);
    }

    [Fact]
    public async Task Unreadable_and_foreign_messages_are_refused_with_an_OperationOutcome_and_kept()
    {
        using var integration = await factory.ClientForAsync("integration.region");
        var example = await File.ReadAllTextAsync(Path.Combine(ExamplesFolder, "Bundle-R-A-new-b10f940e-2000-4ec8-9e0b-a3fb60fc5bb5.json"));
        var foreign = example.Replace("\"care-communication-message\"", "\"hospital-notification-message\"", StringComparison.Ordinal)
            .Replace("7ed8da8d-fd74-4948-bc92-924842b30adf", "0d1e2f30-0000-4000-8000-000000000001", StringComparison.Ordinal);
        var cases = new (string Body, string ContentType, string Code)[]
        {
            ("{ not json", "application/fhir+json", "CareCommunication."),
            ("<Bundle xmlns=\"http://hl7.org/fhir\"><type value=", "application/fhir+xml", "CareCommunication."),
            ("{\"resourceType\":\"Patient\",\"id\":\"p1\"}", "application/fhir+json", "CareCommunication.NotABundle"),
            ("{\"resourceType\":\"Bundle\",\"type\":\"collection\"}", "application/fhir+json", "CareCommunication.Bundle.NotMessage"),
            (foreign, "application/fhir+json", "CareCommunication.MessageHeader.Event.Wrong"),
            ("\u0001\u0002" + new string('x', 50), "application/json", "CareCommunication."),
        };
        foreach (var (body, contentType, code) in cases)
        {
            var response = await PostAsync(integration, body, contentType);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var outcome = Assert.IsType<OperationOutcome>(Json.DeserializeResource(await response.Content.ReadAsStringAsync()));
            Assert.StartsWith(code, outcome!.Issue[0].Details!.Coding[0].Code!, StringComparison.Ordinal);
            FhirTestSupport.AssertValid(outcome);
        }

        var malformed = await factory.WithDbAsync(db => db.CareCommunicationEnvelopes.Where(e => e.Status == CareCommunicationStatus.Malformed).ToListAsync());
        Assert.True(malformed.Count >= cases.Length);
        Assert.Contains(malformed, e => e.Raw == foreign);

        // The foreign message had a readable header and sender: it is answered with a fatal-error acknowledgement.
        var ack = await AcknowledgementAsync("0d1e2f30-0000-4000-8000-000000000001");
        Assert.Equal(MessageHeader.ResponseType.FatalError, ((MessageHeader)ack.Entry[0].Resource!).Response!.Code);
        Assert.Contains(ack.Entry, e => e.Resource is OperationOutcome);
        FhirTestSupport.AssertValid(ack);

        // Wrong media type, and callers without the intake role.
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await PostAsync(integration, example, "text/plain")).StatusCode);
        using var clinician = await factory.ClientForAsync("behandler.odense");
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(clinician, example, "application/fhir+json")).StatusCode);
    }

    [Fact]
    public async Task A_message_sent_from_a_thread_round_trips_and_the_reply_lands_in_the_same_thread()
    {
        var (clinician, conversationId, cpr) = await ThreadAsync(consent: true);
        using var _ = clinician;

        var offered = await clinician.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{conversationId}/care-communications");
        Assert.True(offered.GetProperty("canSend").GetBoolean());
        Assert.Equal(GpSor, Assert.Single(offered.GetProperty("recipients").EnumerateArray()).GetProperty("key").GetString());

        var sent = await clinician.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/care-communications", new
        {
            recipient = GpSor,
            category = "examination-results",
            topic = "Blodprøver",
            text = "Kære læge\nVi vil gerne høre om de seneste blodprøver.",
        });
        Assert.True(sent.StatusCode == HttpStatusCode.Created, await sent.Content.ReadAsStringAsync());
        var view = await sent.Content.ReadFromJsonAsync<JsonElement>();
        var headerId = view.GetProperty("messageHeaderId").GetString()!;
        Assert.Equal("new-message", view.GetProperty("activity").GetString());

        // The bundle in the outbox is valid R4, and Samspil's own receiver reads it back as the same message.
        var json = await File.ReadAllTextAsync(Path.Combine(outbox, headerId + ".json"));
        var bundle = (Bundle)Json.DeserializeResource(json);
        FhirTestSupport.AssertValid(bundle);
        var parsed = CareCommunicationParser.Parse(json);
        Assert.Equal(headerId, parsed.MessageHeaderId);
        Assert.Equal(cpr, parsed.Cpr);
        Assert.Equal("examination-results", parsed.Category);
        Assert.Equal("Blodprøver", parsed.Topic);
        Assert.Equal("new-message", parsed.Activity);
        Assert.Equal("Kære læge\nVi vil gerne høre om de seneste blodprøver.", parsed.Text);
        Assert.Equal("999991000016001", parsed.Sender.Sor);
        Assert.Equal((GpSor, GpEan, GpName), (parsed.Receiver!.Sor, parsed.Receiver.Ean, parsed.Receiver.Name));
        Assert.Equal("Mette Demo-Lindberg", Assert.Single(parsed.Segments).AuthorName);

        // The GP answers: a reply whose Provenance names Samspil's message. It lands in the same thread.
        using var integration = await factory.ClientForAsync("integration.region");
        var replyId = Guid.NewGuid().ToString();
        var reply = Reply(bundle, replyId, "Blodprøverne er normale. Venlig hilsen lægen");
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(integration, reply, "application/fhir+json")).StatusCode);

        var thread = await clinician.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{conversationId}/care-communications");
        var messages = thread.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(2, messages.Count);
        var received = messages.Single(m => m.GetProperty("direction").GetString() == "Incoming");
        Assert.Equal("Blodprøverne er normale. Venlig hilsen lægen", received.GetProperty("text").GetString());
        Assert.Equal(headerId, received.GetProperty("inResponseTo").GetString());
        Assert.Equal("reply-message", received.GetProperty("activity").GetString());
        Assert.Equal(GpName, received.GetProperty("partyName").GetString());
        FhirTestSupport.AssertValid(await AcknowledgementAsync(replyId));

        // The thread page shows both, with the external party; someone outside the thread reads nothing of it.
        using var browser = await factory.CookieClientAsync("behandler.odense");
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync($"/Conversations/{conversationId}"));
        Assert.Contains("Sendt til " + GpName, page, StringComparison.Ordinal);
        Assert.Contains("Modtaget fra " + GpName, page, StringComparison.Ordinal);
        Assert.Contains("Blodprøverne er normale", page, StringComparison.Ordinal);
        using var gp = await factory.ClientForAsync("laege1");
        Assert.Equal(HttpStatusCode.NotFound, (await gp.GetAsync($"/api/v1/conversations/{conversationId}/care-communications")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await gp.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/care-communications", new { recipient = GpSor, category = "nursing", text = "x" })).StatusCode);

        // Samspil's next message to the GP in this thread is a reply to the GP's message.
        var next = await clinician.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/care-communications", new { recipient = GpSor, category = "examination-results", text = "Tak." });
        var nextView = await next.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("reply-message", nextView.GetProperty("activity").GetString());
        Assert.Equal(replyId, nextView.GetProperty("inResponseTo").GetString());
        FhirTestSupport.AssertValid(Json.DeserializeResource(await File.ReadAllTextAsync(Path.Combine(outbox, nextView.GetProperty("messageHeaderId").GetString() + ".json"))));
    }

    [Fact]
    public async Task Without_consent_nothing_goes_out_and_a_message_without_a_thread_waits_for_an_administrator()
    {
        var (clinician, conversationId, cpr) = await ThreadAsync(consent: false);
        using var _ = clinician;
        var before = Directory.Exists(outbox) ? Directory.GetFiles(outbox).Length : 0;

        var offered = await clinician.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{conversationId}/care-communications");
        Assert.False(offered.GetProperty("canSend").GetBoolean());
        var refused = await clinician.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/care-communications", new { recipient = GpSor, category = "nursing", text = "Hej" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("recipient", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, Directory.Exists(outbox) ? Directory.GetFiles(outbox).Length : 0);

        // Hostile input is a problem, never a 500.
        foreach (var body in new object[] { new { recipient = new string('9', 5000), category = "nursing", text = "x" }, new { recipient = GpSor, category = "nope\u0000", text = "x" }, new { recipient = GpSor, category = "other", text = "x" } })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await clinician.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/care-communications", body)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await clinician.GetAsync($"/api/v1/conversations/{Guid.NewGuid()}/care-communications")).StatusCode);

        // The GP writes a new message about the citizen (MedCom's example A, from the configured GP): no thread, so it waits.
        using var integration = await factory.ClientForAsync("integration.region");
        var newId = Guid.NewGuid().ToString();
        var message = FromGp(await File.ReadAllTextAsync(Path.Combine(ExamplesFolder, "Bundle-R-A-new-b10f940e-2000-4ec8-9e0b-a3fb60fc5bb5.json")), cpr, newId);
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(integration, message, "application/fhir+json")).StatusCode);

        using var admin = await factory.ClientForAsync("admin.traume");
        var waiting = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/care-communications/waiting")).EnumerateArray()
            .Single(w => w.GetProperty("messageHeaderId").GetString() == newId);
        Assert.Equal("NoThread", waiting.GetProperty("reason").GetString());
        Assert.Equal(cpr[..6] + "-XXXX", waiting.GetProperty("cprHint").GetString());
        Assert.DoesNotContain("Arden", waiting.GetRawText(), StringComparison.Ordinal); // metadata only, never the text
        var id = waiting.GetProperty("id").GetGuid();

        // Placing it needs the consent to cover the sender; then it is in the thread.
        var noConsent = await admin.PostAsJsonAsync($"/api/v1/care-communications/{id}/assign", new { conversationId });
        Assert.Equal(HttpStatusCode.BadRequest, noConsent.StatusCode);
        Assert.Contains("Borgerens samtykke dækker ikke beskeder fra afsenderen.", await noConsent.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync($"/api/v1/care-communications/{id}/assign", new { conversationId = Guid.NewGuid() })).StatusCode);
        var courseId = (await clinician.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{conversationId}")).GetProperty("courseId").GetGuid();
        await TestData.RegisterConsentAsync(clinician, courseId, ["StatusAndAppointments", "Messages"], new { kind = "Organization", targetId = await TestData.OrganizationIdAsync(clinician, GpName) });
        var placed = await admin.PostAsJsonAsync($"/api/v1/care-communications/{id}/assign", new { conversationId });
        Assert.True(placed.IsSuccessStatusCode, await placed.Content.ReadAsStringAsync());
        var thread = await clinician.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{conversationId}/care-communications");
        var received = Assert.Single(thread.GetProperty("messages").EnumerateArray());
        Assert.StartsWith("Til rette vedkommende", received.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("extended-care-responsibility", received.GetProperty("category").GetString());
        Assert.Equal(2, received.GetProperty("attachmentTitles").GetArrayLength() + 1); // one text, one PDF
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync($"/api/v1/care-communications/{id}/assign", new { conversationId })).StatusCode);

        // Another waits and is rejected; it is kept. Others than administrators see no queue.
        var otherId = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(integration, FromGp(message, cpr, otherId), "application/fhir+json")).StatusCode);
        var other = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/care-communications/waiting")).EnumerateArray().Single(w => w.GetProperty("messageHeaderId").GetString() == otherId).GetProperty("id").GetGuid();
        Assert.Equal("Rejected", (await (await admin.PostAsync($"/api/v1/care-communications/{other}/reject", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(CareCommunicationStatus.Rejected, (await factory.WithDbAsync(db => db.CareCommunicationEnvelopes.SingleAsync(e => e.Id == other))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await clinician.GetAsync("/api/v1/care-communications/waiting")).StatusCode);

        // The administrators' page lists what waits.
        var third = Guid.NewGuid().ToString();
        await PostAsync(integration, FromGp(message, cpr, third), "application/fhir+json");
        using var adminBrowser = await factory.CookieClientAsync("admin.traume");
        var page = WebUtility.HtmlDecode(await adminBrowser.GetStringAsync("/CareCommunications"));
        Assert.Contains("Korrespondancemeddelelser til fordeling", page, StringComparison.Ordinal);
        Assert.Contains(cpr[..6] + "-XXXX", page, StringComparison.Ordinal);
    }

    /// <summary>A course of a new citizen with a thread between the clinician and a caseworker; with consent, the citizen's consent covers messages to the GP.</summary>
    private async Task<(HttpClient Clinician, Guid ConversationId, string Cpr)> ThreadAsync(bool consent)
    {
        var clinician = await factory.ClientForAsync("behandler.odense");
        var cpr = TestData.NewCpr();
        var courseId = (await TestData.CreateCourseAsync(clinician, cpr)).GetProperty("id").GetGuid();
        await TestData.AddProfessionalAsync(clinician, courseId, "Birgitte Demo-Aagaard");
        var recipients = new List<object> { new { kind = "Organization", targetId = await TestData.OrganizationIdAsync(clinician, "Jobcenter Odense") } };
        if (consent)
        {
            recipients.Add(new { kind = "Organization", targetId = await TestData.OrganizationIdAsync(clinician, GpName) });
        }

        await TestData.RegisterConsentAsync(clinician, courseId, ["StatusAndAppointments", "Messages"], [.. recipients]);
        var caseworkerId = await factory.WithDbAsync(db => db.Users.Where(u => u.UserName == "sagsbehandler.odense").Select(u => u.Id).SingleAsync());
        var started = await clinician.PostAsJsonAsync($"/api/v1/courses/{courseId}/conversations", new { subject = "Blodprøver", participants = new[] { caseworkerId }, text = "Skal vi spørge lægen?" });
        Assert.True(started.StatusCode == HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
        return (clinician, (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), cpr);
    }

    /// <summary>The GP's reply to a bundle Samspil sent: sender and receiver swapped, a new header id, one new text segment, a Provenance naming Samspil's message.</summary>
    private static string Reply(Bundle sent, string replyId, string text)
    {
        var bundle = (Bundle)sent.DeepCopy();
        bundle.Id = Guid.NewGuid().ToString();
        var header = (MessageHeader)bundle.Entry[0].Resource!;
        var originalId = header.Id!;
        header.Id = replyId;
        bundle.Entry[0].FullUrl = "urn:uuid:" + replyId;
        (header.Sender, header.Destination[0].Receiver) = (header.Destination[0].Receiver, header.Sender);
        var communication = bundle.Entry.Select(e => e.Resource).OfType<Communication>().Single();
        communication.Identifier[0].Value = "urn:uuid:" + Guid.NewGuid();
        var segment = (Communication.PayloadComponent)communication.Payload[0].DeepCopy();
        segment.Content = new FhirString(text);
        var segmentId = "urn:uuid:" + Guid.NewGuid();
        segment.SetExtension(CareCommunicationParser.IdentifierExtension, new Identifier { Value = segmentId });
        communication.Payload.Insert(0, segment);
        var provenance = bundle.Entry.Select(e => e.Resource).OfType<Provenance>().Single();
        provenance.Target = [new ResourceReference("urn:uuid:" + originalId)];
        var current = new Provenance
        {
            Id = Guid.NewGuid().ToString(),
            Target = [new ResourceReference("urn:uuid:" + replyId)],
            Recorded = SamspilFactory.Now,
            Activity = new CodeableConcept(CareCommunicationBundles.ActivitySystem, "reply-message"),
            Agent = [new Provenance.AgentComponent { Who = header.Sender! }],
            Entity =
            [
                new Provenance.EntityComponent { Role = Provenance.ProvenanceEntityRole.Source, What = new ResourceReference { Identifier = new Identifier { Value = segmentId } } },
                new Provenance.EntityComponent { Role = Provenance.ProvenanceEntityRole.Revision, What = new ResourceReference("MessageHeader/" + originalId) },
            ],
        };
        bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = "urn:uuid:" + current.Id, Resource = current });
        return Features.Fhir.FhirResult.Serialize(bundle);
    }

    /// <summary>MedCom's example as if the configured GP sent it about this citizen, with a fresh MessageHeader id.</summary>
    private static string FromGp(string example, string cpr, string messageHeaderId)
    {
        var bundle = (Bundle)Json.DeserializeResource(example);
        var header = (MessageHeader)bundle.Entry[0].Resource!;
        var oldId = header.Id!;
        header.Id = messageHeaderId;
        foreach (var provenance in bundle.Entry.Select(e => e.Resource).OfType<Provenance>())
        {
            foreach (var target in provenance.Target.Where(t => t.Reference?.EndsWith(oldId, StringComparison.Ordinal) == true))
            {
                target.Reference = "MessageHeader/" + messageHeaderId;
            }
        }

        var patient = bundle.Entry.Select(e => e.Resource).OfType<Patient>().Single();
        patient.Identifier[0].Value = cpr;
        var sender = bundle.Entry.Select(e => e.Resource).OfType<Organization>().Single(o => header.Sender!.Reference!.EndsWith(o.Id!, StringComparison.Ordinal));
        sender.Name = GpName;
        sender.Identifier = [new Identifier(CareCommunicationParser.EanSystem, GpEan), new Identifier(CareCommunicationParser.SorSystem, GpSor)];
        return Features.Fhir.FhirResult.Serialize(bundle);
    }

    private async Task<Bundle> AcknowledgementAsync(string respondsTo)
    {
        var raw = await factory.WithDbAsync(db => db.CareCommunicationEnvelopes.Where(e => e.Status == CareCommunicationStatus.Acknowledgement && e.RespondsTo == respondsTo).Select(e => new { e.Raw, e.MessageHeaderId }).FirstAsync());
        Assert.True(File.Exists(Path.Combine(outbox, raw.MessageHeaderId + ".json")));
        var bundle = (Bundle)Json.DeserializeResource(raw.Raw);
        var header = Assert.IsType<MessageHeader>(bundle.Entry[0].Resource);
        Assert.Equal(CareCommunicationParser.AcknowledgementEventCode, ((Coding)header.Event).Code);
        Assert.Equal(respondsTo, header.Response!.Identifier);
        return bundle;
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string body, string contentType)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType + "; charset=utf-8");
        return client.PostAsync("/api/v1/care-communications", content);
    }
}

public sealed class CareCommunicationSqliteFactory : SqliteFactory
{
    public string Outbox { get; } = Path.Combine(Path.GetTempPath(), "samspil-cc-outbox", Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        CareCommunicationTests.Configure(builder, Outbox);
    }
}

public sealed class CareCommunicationPostgresFactory : PostgresFactory
{
    public string Outbox { get; } = Path.Combine(Path.GetTempPath(), "samspil-cc-outbox", Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        CareCommunicationTests.Configure(builder, Outbox);
    }
}

public sealed class CareCommunicationTestsOnSqlite(CareCommunicationSqliteFactory factory) : CareCommunicationTests(factory, factory.Outbox), IClassFixture<CareCommunicationSqliteFactory>;

public sealed class CareCommunicationTestsOnPostgres(CareCommunicationPostgresFactory factory) : CareCommunicationTests(factory, factory.Outbox), IClassFixture<CareCommunicationPostgresFactory>;
