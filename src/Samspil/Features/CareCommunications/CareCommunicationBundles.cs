using Hl7.Fhir.Model;

namespace Samspil.Features.CareCommunications;

/// <summary>One text or attachment segment Samspil sends.</summary>
public sealed record OutgoingSegment(string? Text, string? AttachmentTitle, string? ContentType, byte[]? Data);

/// <summary>What Samspil puts into a CareCommunication it sends.</summary>
public sealed record OutgoingCareCommunication(
    string MessageHeaderId,
    string CommunicationIdentifier,
    string Category,
    string? Topic,
    string Activity,
    string? InResponseTo,
    string Cpr,
    string PatientFamily,
    string PatientGiven,
    CareCommunicationParty Sender,
    CareCommunicationParty Receiver,
    string AuthorName,
    string? AuthorPhone,
    DateTimeOffset At,
    IReadOnlyList<OutgoingSegment> Segments);

/// <summary>
/// Builds the MedCom CareCommunication (version 5.0) and Acknowledgement bundles Samspil sends:
/// MessageHeader, Patient, Communication (category, topic, payloads with date, identifier, author),
/// PractitionerRole and Practitioner of the author, the two Organisations with SOR and EAN, and the
/// Provenance of the message (new/reply, naming the message it answers). References are urn:uuid.
/// </summary>
public static class CareCommunicationBundles
{
    public const string ActivitySystem = "http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-messaging-activityCodes";
    public const string EventSystem = "http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-messaging-eventCodes";
    public const string CategorySystem = "http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-careCommunication-categoryCodes";
    public const string Definition = "http://medcomfhir.dk/ig/messagedefinitions/MessageDefinition/MedComCareCommunicationMessageDefinition|5.0";
    public const string MessageProfile = "http://medcomfhir.dk/ig/carecommunication/StructureDefinition/medcom-careCommunication-message";
    public const string AcknowledgementProfile = "http://medcomfhir.dk/ig/acknowledgement/StructureDefinition/medcom-messaging-acknowledgement";

    /// <summary>The categories Samspil offers (MedCom's category codes seen in version 5.0 messages).</summary>
    public static readonly IReadOnlyList<string> Categories =
        ["examination-results", "nursing", "training", "assistive-devices", "regarding-referral", "extended-care-responsibility", "decease", "other"];

    public static string Endpoint(CareCommunicationParty party) =>
        party.Sor is { Length: > 0 } sor ? $"https://sor2.sum.dsdn.dk/#id={sor}" : "http://medcomfhir.dk/unknown";

    public static Bundle Build(OutgoingCareCommunication message)
    {
        var headerId = message.MessageHeaderId;
        var patientId = NewId();
        var communicationId = NewId();
        var senderId = NewId();
        var receiverId = NewId();
        var roleId = NewId();
        var practitionerId = NewId();
        var provenanceId = NewId();

        var header = new MessageHeader
        {
            Id = headerId,
            Meta = new Meta { Profile = ["http://medcomfhir.dk/ig/carecommunication/StructureDefinition/medcom-careCommunication-messageHeader"] },
            Event = new Coding(EventSystem, CareCommunicationParser.EventCode),
            Destination =
            [
                new MessageHeader.MessageDestinationComponent
                {
                    Endpoint = Endpoint(message.Receiver),
                    Receiver = Ref(receiverId),
                },
            ],
            Sender = Ref(senderId),
            Source = new MessageHeader.MessageSourceComponent { Endpoint = Endpoint(message.Sender) },
            Focus = [Ref(communicationId)],
            Definition = Definition,
        };

        var family = string.IsNullOrWhiteSpace(message.PatientFamily) ? "-" : message.PatientFamily;
        var patient = new Patient
        {
            Id = patientId,
            Identifier = [new Identifier(CareCommunicationParser.CprSystem, message.Cpr)],
            Name = [new HumanName { Use = HumanName.NameUse.Official, Family = family, Given = string.IsNullOrWhiteSpace(message.PatientGiven) ? [] : [message.PatientGiven] }],
        };

        var communication = new Communication
        {
            Id = communicationId,
            Identifier = [new Identifier { Value = message.CommunicationIdentifier }],
            Status = EventStatus.Unknown,
            Category = [new CodeableConcept(CategorySystem, message.Category)],
            Subject = Ref(patientId),
            Topic = string.IsNullOrWhiteSpace(message.Topic) ? null : new CodeableConcept { Text = message.Topic },
        };
        var segmentIds = new List<string>();
        foreach (var segment in message.Segments)
        {
            var segmentId = "urn:uuid:" + Guid.NewGuid();
            segmentIds.Add(segmentId);
            var payload = new Communication.PayloadComponent();
            payload.SetExtension(CareCommunicationParser.DateTimeExtension, new FhirDateTime(message.At));
            payload.SetExtension(CareCommunicationParser.IdentifierExtension, new Identifier { Value = segmentId, Assigner = Ref(senderId) });
            payload.SetExtension(CareCommunicationParser.PractitionerExtension, Ref(roleId));
            if (message.AuthorPhone is { Length: > 0 } phone)
            {
                payload.SetExtension("http://medcomfhir.dk/ig/core/StructureDefinition/medcom-core-contact-extension", new ContactPoint(ContactPoint.ContactPointSystem.Phone, null, phone));
            }

            payload.Content = segment.Text is not null
                ? new FhirString(segment.Text)
                : new Attachment { ContentType = segment.ContentType, Data = segment.Data, Title = segment.AttachmentTitle, Creation = new FhirDateTime(message.At).Value };
            communication.Payload.Add(payload);
        }

        var names = message.AuthorName.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var practitioner = new Practitioner
        {
            Id = practitionerId,
            Name = [new HumanName { Family = names.Length > 0 ? names[^1] : message.AuthorName, Given = names.Length > 1 ? names[..^1] : [] }],
        };
        var role = new PractitionerRole
        {
            Id = roleId,
            Practitioner = Ref(practitionerId),
            Organization = Ref(senderId),
            Code = [new CodeableConcept { Text = "Samspil" }],
        };

        var provenance = new Provenance
        {
            Id = provenanceId,
            Target = [Ref(headerId)],
            Occurred = new FhirDateTime(message.At),
            Recorded = message.At,
            Activity = new CodeableConcept(ActivitySystem, message.Activity),
            Agent = [new Provenance.AgentComponent { Who = Ref(senderId) }],
            Entity = segmentIds.Select(id => new Provenance.EntityComponent { Role = Provenance.ProvenanceEntityRole.Source, What = new ResourceReference { Identifier = new Identifier { Value = id } } }).ToList(),
        };
        if (message.InResponseTo is { } earlier)
        {
            provenance.Entity.Add(new Provenance.EntityComponent { Role = Provenance.ProvenanceEntityRole.Revision, What = new ResourceReference("MessageHeader/" + earlier) });
        }

        var bundle = new Bundle
        {
            Id = NewId(),
            Meta = new Meta { Profile = [MessageProfile] },
            Type = Bundle.BundleType.Message,
            Timestamp = message.At,
        };
        foreach (var resource in new Resource[] { header, patient, communication, role, practitioner, OrganizationOf(senderId, message.Sender), OrganizationOf(receiverId, message.Receiver), provenance })
        {
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = "urn:uuid:" + resource.Id, Resource = resource });
        }

        return bundle;
    }

    /// <summary>
    /// A MedCom Acknowledgement of a received message: MessageHeader with event acknowledgement-message
    /// and response (the received MessageHeader.id, ok or fatal-error), addressed back to the sender;
    /// for an error, an OperationOutcome in the response details.
    /// </summary>
    public static Bundle Acknowledgement(string respondsTo, string ackHeaderId, CareCommunicationParty self, CareCommunicationParty to, string? toEndpoint, OperationOutcome? outcome, DateTimeOffset at)
    {
        var selfId = NewId();
        var toId = NewId();
        var header = new MessageHeader
        {
            Id = ackHeaderId,
            Event = new Coding(EventSystem, CareCommunicationParser.AcknowledgementEventCode),
            Destination = [new MessageHeader.MessageDestinationComponent { Endpoint = toEndpoint ?? Endpoint(to), Receiver = Ref(toId) }],
            Sender = Ref(selfId),
            Source = new MessageHeader.MessageSourceComponent { Endpoint = Endpoint(self) },
            Response = new MessageHeader.ResponseComponent
            {
                Identifier = respondsTo,
                Code = outcome is null ? MessageHeader.ResponseType.Ok : MessageHeader.ResponseType.FatalError,
            },
        };
        var bundle = new Bundle { Id = NewId(), Meta = new Meta { Profile = [AcknowledgementProfile] }, Type = Bundle.BundleType.Message, Timestamp = at };
        var resources = new List<Resource> { header, OrganizationOf(selfId, self), OrganizationOf(toId, to) };
        if (outcome is not null)
        {
            outcome.Id = NewId();
            header.Response.Details = Ref(outcome.Id);
            resources.Add(outcome);
        }

        resources.Add(new Provenance
        {
            Id = NewId(),
            Target = [Ref(ackHeaderId)],
            Occurred = new FhirDateTime(at),
            Recorded = at,
            Activity = new CodeableConcept(ActivitySystem, "new-message"),
            Agent = [new Provenance.AgentComponent { Who = Ref(selfId) }],
        });
        foreach (var resource in resources)
        {
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = "urn:uuid:" + resource.Id, Resource = resource });
        }

        return bundle;
    }

    public static string Serialize(Resource resource) => Fhir.FhirResult.Serialize(resource);

    private static Organization OrganizationOf(string id, CareCommunicationParty party)
    {
        var organization = new Organization { Id = id, Name = party.Name };
        if (party.Ean is { Length: > 0 } ean)
        {
            organization.Identifier.Add(new Identifier(CareCommunicationParser.EanSystem, ean));
        }

        if (party.Sor is { Length: > 0 } sor)
        {
            organization.Identifier.Add(new Identifier(CareCommunicationParser.SorSystem, sor));
        }

        return organization;
    }

    private static ResourceReference Ref(string id) => new("urn:uuid:" + id);

    private static string NewId() => Guid.NewGuid().ToString();
}
