using Hl7.Fhir.Model;
using Samspil.Infrastructure.Fhir;
using Hl7.Fhir.Serialization;
using Samspil.Domain.Admissions;

namespace Samspil.Features.HospitalNotifications;

/// <summary>What Samspil reads from one MedCom hospital notification message (a FHIR R4 Bundle of type message).</summary>
public sealed record ParsedHospitalNotification(
    string MessageId,
    string? BundleId,
    DateTimeOffset? SentAt,
    string Cpr,
    bool? Deceased,
    string ActivityCode,
    string? ReferencedMessageId,
    string EncounterStatus,
    HospitalStayClass StayClass,
    string EpisodeIdentifier,
    DateTimeOffset StayStart,
    DateTimeOffset? StayEnd,
    DateTimeOffset? LeaveStart,
    DateTimeOffset? LeaveEnd,
    string Department,
    string? DepartmentSor,
    string? Sender,
    string? SenderSor,
    string? ReceiverSor)
{
    /// <summary>When the event happened, for the kind the message turned out to report (null when the message lacks it).</summary>
    public DateTimeOffset? OccurredAt(HospitalEventKind kind) => kind switch
    {
        HospitalEventKind.AcuteAmbulantStart or HospitalEventKind.Admission => StayStart,
        HospitalEventKind.LeaveStart => LeaveStart,
        HospitalEventKind.LeaveEnd => LeaveEnd,
        HospitalEventKind.Discharge => StayEnd,
        HospitalEventKind.Deceased => StayEnd ?? SentAt,
        _ => null,
    };
}

/// <summary>A message that is not a readable MedCom hospital notification: a stable code and, where the FHIR parser gave one, its explanation.</summary>
public sealed class HospitalNotificationFormatException(string code, string? detail = null) : Exception(code)
{
    public string Code { get; } = code;

    public string? Detail { get; } = detail;
}

/// <summary>
/// Parses a MedCom HospitalNotification message (IG 2.0.0) with the Firely SDK and checks the parts
/// Samspil relies on: a message Bundle whose MessageHeader has the hospital-notification event and
/// focuses an Encounter; exactly one Patient with a CPR identifier (urn:oid:1.2.208.176.1.2); the
/// Provenance of this message with a hospital-notification activity code; the Encounter's episode
/// identifier, class, period and service provider. It does not validate against the profiles.
/// </summary>
public static class HospitalNotificationParser
{
    public const string CprSystem = "urn:oid:1.2.208.176.1.2";
    public const string SorSystem = "urn:oid:1.2.208.176.1.1";
    public const string EventCode = "hospital-notification-message";

    private static readonly FhirJsonDeserializer Deserializer = new(new DeserializerSettings());

    public static ParsedHospitalNotification Parse(string json)
    {
        Resource resource;
        try
        {
            resource = Deserializer.DeserializeResource(json);
        }
        catch (DeserializationFailedException ex)
        {
            throw new HospitalNotificationFormatException("HospitalNotification.Fhir.Invalid", Truncate(string.Join("; ", ex.Exceptions.Take(3).Select(e => e.Message))));
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or FormatException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            throw new HospitalNotificationFormatException("HospitalNotification.Json.Invalid", Truncate(ex.Message));
        }

        if (resource is not Bundle bundle)
        {
            throw new HospitalNotificationFormatException("HospitalNotification.NotABundle", resource.TypeName);
        }

        if (bundle.Type != Bundle.BundleType.Message)
        {
            throw new HospitalNotificationFormatException("HospitalNotification.Bundle.NotMessage");
        }

        var entries = bundle.Entry.Where(e => e.Resource is not null).ToList();
        if (entries.FirstOrDefault()?.Resource is not MessageHeader header)
        {
            throw new HospitalNotificationFormatException("HospitalNotification.MessageHeader.Missing");
        }

        if (string.IsNullOrWhiteSpace(header.Id))
        {
            throw new HospitalNotificationFormatException("HospitalNotification.MessageHeader.Id.Missing");
        }

        if (header.Event is not Coding { Code: EventCode })
        {
            throw new HospitalNotificationFormatException("HospitalNotification.MessageHeader.Event.Wrong");
        }

        var resolve = new BundleReferences(entries);
        var encounter = resolve.Find<Encounter>(header.Focus.FirstOrDefault())
            ?? throw new HospitalNotificationFormatException("HospitalNotification.Encounter.Missing");

        var patients = entries.Select(e => e.Resource).OfType<Patient>().ToList();
        if (patients.Count != 1)
        {
            throw new HospitalNotificationFormatException(patients.Count == 0 ? "HospitalNotification.Patient.Missing" : "HospitalNotification.Patient.NotOne");
        }

        var patient = patients[0];
        var cpr = patient.Identifier.FirstOrDefault(i => i.System == CprSystem && !string.IsNullOrWhiteSpace(i.Value))?.Value
            ?? throw new HospitalNotificationFormatException("HospitalNotification.Patient.Cpr.Missing");
        bool? deceased = patient.Deceased switch
        {
            FhirBoolean b => b.Value,
            FhirDateTime => true,
            _ => null,
        };

        var provenance = CurrentProvenance(entries, header, resolve)
            ?? throw new HospitalNotificationFormatException("HospitalNotification.Provenance.Missing");
        var activity = provenance.Activity?.Coding.FirstOrDefault(c => HospitalNotificationCodes.IsKnownActivity(c.Code))?.Code
            ?? throw new HospitalNotificationFormatException("HospitalNotification.Provenance.Activity.Unknown", provenance.Activity?.Coding.FirstOrDefault()?.Code);
        var referenced = provenance.Entity
            .Where(e => e.Role is Provenance.ProvenanceEntityRole.Revision or Provenance.ProvenanceEntityRole.Removal)
            .Select(e => BundleReferences.LastSegment(e.What?.Reference))
            .FirstOrDefault(id => id is not null);

        var stayClass = encounter.Class?.Code switch
        {
            "IMP" => HospitalStayClass.Inpatient,
            "EMER" => HospitalStayClass.AcuteAmbulant,
            _ => throw new HospitalNotificationFormatException("HospitalNotification.Encounter.Class.Unknown", encounter.Class?.Code),
        };

        var episode = encounter.EpisodeOfCare.Select(e => e.Identifier).FirstOrDefault(i => !string.IsNullOrWhiteSpace(i?.Value))
            ?? throw new HospitalNotificationFormatException("HospitalNotification.Encounter.Episode.Missing");
        var start = Time(encounter.Period?.StartElement) ?? throw new HospitalNotificationFormatException("HospitalNotification.Encounter.Period.Missing");
        var leave = encounter.Extension.FirstOrDefault(x => x.Url?.EndsWith("leave-period-extension", StringComparison.Ordinal) == true)?.Value as Period;

        var provider = resolve.Find<Organization>(encounter.ServiceProvider);
        var department = provider?.Name ?? encounter.ServiceProvider?.Display;
        if (string.IsNullOrWhiteSpace(department))
        {
            throw new HospitalNotificationFormatException("HospitalNotification.Encounter.ServiceProvider.Missing");
        }

        var sender = resolve.Find<Organization>(header.Sender);
        var receiver = resolve.Find<Organization>(header.Destination.FirstOrDefault()?.Receiver);

        return new ParsedHospitalNotification(
            header.Id,
            bundle.Id,
            bundle.Timestamp?.ToUniversalTime(),
            cpr.Trim(),
            deceased,
            activity,
            referenced,
            encounter.Status?.ToString() ?? string.Empty,
            stayClass,
            $"{episode.System}|{episode.Value}",
            start,
            Time(encounter.Period?.EndElement),
            Time(leave?.StartElement),
            Time(leave?.EndElement),
            department,
            Sor(provider),
            sender?.Name is { } senderName && senderName != department ? senderName : null,
            Sor(sender),
            Sor(receiver));
    }

    /// <summary>
    /// The Provenance of this message: the one whose target is this MessageHeader. Earlier messages'
    /// Provenances travel along as history (MedCom keeps the chain in every message).
    /// </summary>
    private static Provenance? CurrentProvenance(List<Bundle.EntryComponent> entries, MessageHeader header, BundleReferences resolve)
    {
        var provenances = entries.Select(e => e.Resource).OfType<Provenance>().ToList();
        var current = provenances.Where(p => p.Target.Any(t => ReferenceEquals(resolve.Find<MessageHeader>(t), header) || BundleReferences.LastSegment(t.Reference) == header.Id)).ToList();
        if (current.Count > 0)
        {
            return current.OrderBy(p => p.Recorded).Last();
        }

        return provenances.Count == 1 ? provenances[0] : null;
    }

    private static DateTimeOffset? Time(FhirDateTime? value) =>
        value is not null && value.TryToDateTimeOffset(out var instant) ? instant.ToUniversalTime() : null;

    private static string? Sor(Organization? organization) =>
        organization?.Identifier.FirstOrDefault(i => i.System == SorSystem)?.Value;

    private static string Truncate(string text) => text.Length <= 500 ? text : text[..500];
}
