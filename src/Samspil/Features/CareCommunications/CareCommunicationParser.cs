using Hl7.Fhir.Model;
using Samspil.Infrastructure.Fhir;
using Hl7.Fhir.Serialization;

namespace Samspil.Features.CareCommunications;

/// <summary>A CareCommunication bundle that cannot be read; the code is a resource key.</summary>
public sealed class CareCommunicationFormatException(string code, string? detail = null) : Exception(code)
{
    public string Code { get; } = code;

    public string? Detail { get; } = detail;
}

/// <summary>An organisation as a message names it.</summary>
public sealed record CareCommunicationOrganization(string? Name, string? Sor, string? Ean);

public sealed record CareCommunicationSegment(string? Identifier, DateTimeOffset? At, string? Text, string? AttachmentTitle, string? AttachmentType, string? AuthorName, string? AuthorRole, bool IsNew);

/// <summary>What Samspil reads from a MedCom CareCommunication (version 5.0) bundle.</summary>
public sealed record ParsedCareCommunication(
    string MessageHeaderId,
    string? BundleId,
    string? Cpr,
    string? PatientIdentifierSystem,
    string CommunicationIdentifier,
    string Category,
    string? Topic,
    string Activity,
    IReadOnlyList<string> Chain,
    CareCommunicationOrganization Sender,
    CareCommunicationOrganization? Receiver,
    string? SourceEndpoint,
    IReadOnlyList<CareCommunicationSegment> Segments)
{
    public IEnumerable<CareCommunicationSegment> NewSegments => Segments.Any(s => s.IsNew) ? Segments.Where(s => s.IsNew) : Segments;

    public string? Text => string.Join("\n\n", NewSegments.Where(s => s.Text is not null).Select(s => s.Text)) is { Length: > 0 } text ? text : null;
}

/// <summary>
/// Reads MedCom CareCommunication bundles (FHIR R4, JSON or XML, profile version 5.0 as in MedCom's
/// receive examples): the MessageHeader first with event care-communication-message; the focus
/// Communication with identifier, category, topic and payloads (text or attachment, with date,
/// identifier and author extensions); the Patient's CPR; the sender and receiver organisations'
/// SOR and EAN; the Provenance of this message (activity new/reply/forward) and the earlier
/// messages it names, which keep the thread. It does not validate against MedCom's profiles.
/// </summary>
public static class CareCommunicationParser
{
    public const string CprSystem = "urn:oid:1.2.208.176.1.2";
    public const string SorSystem = "urn:oid:1.2.208.176.1.1";
    public const string EanSystem = "https://www.gs1.org/gln";
    public const string EventCode = "care-communication-message";
    public const string AcknowledgementEventCode = "acknowledgement-message";
    public const string IdentifierExtension = "http://medcomfhir.dk/ig/core/StructureDefinition/medcom-core-identifier-extension";
    public const string DateTimeExtension = "http://medcomfhir.dk/ig/core/StructureDefinition/medcom-core-datetime-extension";
    public const string PractitionerExtension = "http://medcomfhir.dk/ig/core/StructureDefinition/medcom-core-practitioner-extension";

    private static readonly FhirJsonDeserializer Json = new(new DeserializerSettings());
    private static readonly FhirXmlDeserializer Xml = new(new DeserializerSettings());

    /// <summary>Reads a bundle from JSON or XML (by its first character).</summary>
    public static Bundle ReadBundle(string text)
    {
        Resource resource;
        var trimmed = text.TrimStart();
        try
        {
            resource = trimmed.StartsWith('<') ? Xml.DeserializeResource(trimmed) : Json.DeserializeResource(trimmed);
        }
        catch (DeserializationFailedException ex)
        {
            throw new CareCommunicationFormatException("CareCommunication.Fhir.Invalid", Truncate(string.Join("; ", ex.Exceptions.Take(3).Select(e => e.Message))));
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or System.Xml.XmlException or FormatException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            throw new CareCommunicationFormatException("CareCommunication.Syntax.Invalid", Truncate(ex.Message));
        }

        if (resource is not Bundle bundle)
        {
            throw new CareCommunicationFormatException("CareCommunication.NotABundle", resource.TypeName);
        }

        if (bundle.Type != Bundle.BundleType.Message)
        {
            throw new CareCommunicationFormatException("CareCommunication.Bundle.NotMessage");
        }

        return bundle;
    }

    /// <summary>The MessageHeader id and sender of a bundle, if it has them (for acknowledging a message that is otherwise unreadable).</summary>
    public static (string? MessageHeaderId, CareCommunicationOrganization? Sender, string? SourceEndpoint) Envelope(string text)
    {
        try
        {
            var bundle = ReadBundle(text);
            var entries = bundle.Entry.Where(e => e.Resource is not null).ToList();
            if (entries.FirstOrDefault()?.Resource is MessageHeader { Id: { Length: > 0 and <= 100 } id } header)
            {
                return (id, Organization(new BundleReferences(entries).Find<Organization>(header.Sender)), header.Source?.Endpoint);
            }
        }
        catch (CareCommunicationFormatException)
        {
        }

        return (null, null, null);
    }

    public static ParsedCareCommunication Parse(string text)
    {
        var bundle = ReadBundle(text);
        var entries = bundle.Entry.Where(e => e.Resource is not null).ToList();
        if (entries.FirstOrDefault()?.Resource is not MessageHeader header)
        {
            throw new CareCommunicationFormatException("CareCommunication.MessageHeader.Missing");
        }

        if (string.IsNullOrWhiteSpace(header.Id) || header.Id.Length > 100)
        {
            throw new CareCommunicationFormatException("CareCommunication.MessageHeader.Id.Invalid");
        }

        if (header.Event is not Coding { Code: EventCode })
        {
            throw new CareCommunicationFormatException("CareCommunication.MessageHeader.Event.Wrong", (header.Event as Coding)?.Code);
        }

        var resolve = new BundleReferences(entries);
        var communication = resolve.Find<Communication>(header.Focus.FirstOrDefault())
            ?? entries.Select(e => e.Resource).OfType<Communication>().FirstOrDefault()
            ?? throw new CareCommunicationFormatException("CareCommunication.Communication.Missing");
        var category = communication.Category.SelectMany(c => c.Coding).FirstOrDefault(c => !string.IsNullOrWhiteSpace(c.Code))?.Code
            ?? throw new CareCommunicationFormatException("CareCommunication.Category.Missing");
        var identifier = communication.Identifier.FirstOrDefault(i => !string.IsNullOrWhiteSpace(i.Value))?.Value
            ?? throw new CareCommunicationFormatException("CareCommunication.Identifier.Missing");
        if (communication.Payload.Count == 0)
        {
            throw new CareCommunicationFormatException("CareCommunication.Payload.Missing");
        }

        var patient = resolve.Find<Patient>(communication.Subject) ?? entries.Select(e => e.Resource).OfType<Patient>().FirstOrDefault()
            ?? throw new CareCommunicationFormatException("CareCommunication.Patient.Missing");
        var patientIdentifier = patient.Identifier.FirstOrDefault(i => i.System == CprSystem && !string.IsNullOrWhiteSpace(i.Value))
            ?? patient.Identifier.FirstOrDefault(i => !string.IsNullOrWhiteSpace(i.Value))
            ?? throw new CareCommunicationFormatException("CareCommunication.Patient.Identifier.Missing");

        var sender = Organization(resolve.Find<Organization>(header.Sender))
            ?? throw new CareCommunicationFormatException("CareCommunication.Sender.Missing");
        var receiver = Organization(resolve.Find<Organization>(header.Destination.FirstOrDefault()?.Receiver));

        // This message's Provenance: the one whose target is this MessageHeader. Earlier messages' Provenances travel along.
        var provenances = entries.Select(e => e.Resource).OfType<Provenance>().ToList();
        var current = provenances.FirstOrDefault(p => p.Target.Any(t => BundleReferences.LastSegment(t.Reference) == header.Id || ReferenceEquals(resolve.Find<MessageHeader>(t), header)))
            ?? throw new CareCommunicationFormatException("CareCommunication.Provenance.Missing");
        var activity = current.Activity?.Coding.FirstOrDefault(c => !string.IsNullOrWhiteSpace(c.Code))?.Code
            ?? throw new CareCommunicationFormatException("CareCommunication.Provenance.Activity.Missing");
        var chain = current.Entity.Where(e => e.Role == Provenance.ProvenanceEntityRole.Revision).Select(e => BundleReferences.LastSegment(e.What?.Reference))
            .Concat(provenances.Where(p => !ReferenceEquals(p, current)).SelectMany(p => p.Target).Select(t => BundleReferences.LastSegment(t.Reference)))
            .OfType<string>()
            .Where(id => id != header.Id)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var newIdentifiers = current.Entity.Where(e => e.Role == Provenance.ProvenanceEntityRole.Source).Select(e => e.What?.Identifier?.Value).OfType<string>().ToHashSet(StringComparer.Ordinal);

        var segments = new List<CareCommunicationSegment>();
        foreach (var payload in communication.Payload)
        {
            var segmentId = (payload.GetExtensionValue<Identifier>(IdentifierExtension))?.Value;
            var at = payload.GetExtensionValue<FhirDateTime>(DateTimeExtension) is { } dt && dt.TryToDateTimeOffset(out var instant) ? instant.ToUniversalTime() : (DateTimeOffset?)null;
            var role = resolve.Find<PractitionerRole>(payload.GetExtensionValue<ResourceReference>(PractitionerExtension));
            var practitioner = resolve.Find<Practitioner>(role?.Practitioner);
            var author = practitioner?.Name.FirstOrDefault() is { } name ? string.Join(' ', name.Given.Append(name.Family).Where(s => !string.IsNullOrWhiteSpace(s))) : null;
            var roleText = role?.Code.FirstOrDefault() is { } code ? code.Coding.FirstOrDefault()?.Code ?? code.Text : null;
            var isNew = segmentId is not null && newIdentifiers.Contains(segmentId);
            switch (payload.Content)
            {
                case FhirString s:
                    segments.Add(new CareCommunicationSegment(segmentId, at, s.Value, null, null, author, roleText, isNew));
                    break;
                case Attachment a:
                    segments.Add(new CareCommunicationSegment(segmentId, at, null, a.Title ?? a.Url ?? "-", a.ContentType, author, roleText, isNew));
                    break;
                default:
                    throw new CareCommunicationFormatException("CareCommunication.Payload.Content.Invalid");
            }
        }

        if (!segments.Any(s => s.Text is not null))
        {
            throw new CareCommunicationFormatException("CareCommunication.Payload.Text.Missing");
        }

        return new ParsedCareCommunication(
            header.Id,
            bundle.Id,
            patientIdentifier.System == CprSystem ? patientIdentifier.Value?.Trim() : null,
            patientIdentifier.System,
            identifier,
            category,
            communication.Topic?.Text,
            activity,
            chain,
            sender,
            receiver,
            header.Source?.Endpoint,
            segments);
    }

    private static CareCommunicationOrganization? Organization(Organization? organization) =>
        organization is null
            ? null
            : new CareCommunicationOrganization(
                organization.Name,
                organization.Identifier.FirstOrDefault(i => i.System == SorSystem || i.Type?.Text == "SOR")?.Value,
                organization.Identifier.FirstOrDefault(i => i.System == EanSystem || i.Type?.Text == "EAN")?.Value);

    private static string Truncate(string text) => text.Length <= 500 ? text : text[..500];
}
