using System.Globalization;
using Hl7.Fhir.Model;
using Samspil.Domain.Audit;
using Samspil.Features.Audit;

namespace Samspil.Features.Fhir;

/// <summary>
/// AuditEvent = one entry of the access log (docs/fhir-mapping.md), read with the audit feature's own rules
/// (<see cref="AccessLogQueries.ForFhirAsync"/>): the citizen or their proxy sees the citizen's entries, an administrator
/// every entry, anyone else none (404 / empty). Paged in SQL, newest first. Search: <c>patient</c>, <c>date</c>, <c>action</c> (C R U D E).
/// </summary>
public sealed class AuditEventHandler(AccessLogQueries queries) : IFhirResourceHandler
{
    private static readonly string[] ActionCodes = ["C", "R", "U", "D", "E"];

    public string ResourceType => "AuditEvent";

    public IReadOnlyList<FhirSearchParameterDefinition> SearchParameters { get; } =
    [
        new("patient", SearchParamType.Reference, "The citizen (Patient/{id}) whose data was accessed."),
        new("date", SearchParamType.Date, "When the access happened (eq, ne, gt, lt, ge, le; repeat for a range)."),
        new("action", SearchParamType.Token, "C (create) | R (read) | U (update) | D (delete) | E (a notice sent)."),
    ];

    public async Task<Resource?> ReadAsync(FhirRequestContext context, string id, CancellationToken cancellationToken)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            return null;
        }

        var (entries, _) = await queries.ForFhirAsync(null, sequence, [], [], 0, 1, cancellationToken);
        return entries.Count == 1 ? ToFhir(entries[0]) : null;
    }

    public async Task<FhirSearchResult> SearchAsync(FhirRequestContext context, FhirSearch search, CancellationToken cancellationToken)
    {
        var patient = search.ReferenceId("patient", "Patient");
        var actions = FhirCommunicationCodes.Tokens(search, "action", ActionCodes).Select(ActionOf).ToList();
        var dates = search.Dates("date");
        if (search.Ids.Count > 0)
        {
            var byId = new List<Resource>();
            foreach (var id in search.Ids.Distinct(StringComparer.Ordinal))
            {
                if (long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
                    && (await queries.ForFhirAsync(patient, sequence, dates, actions, 0, 1, cancellationToken)).Entries is [{ } entry])
                {
                    byId.Add(ToFhir(entry));
                }
            }

            return FhirSearchResult.Page(byId, search);
        }

        var (entries, total) = await queries.ForFhirAsync(patient, null, dates, actions, search.Offset, search.Count, cancellationToken);
        return new FhirSearchResult([.. entries.Select(ToFhir)], total, []);
    }

    private static AccessAction ActionOf(string code) => code switch
    {
        "C" => AccessAction.Create,
        "R" => AccessAction.Read,
        "U" => AccessAction.Update,
        "D" => AccessAction.Delete,
        _ => AccessAction.Notified,
    };

    public static AuditEvent ToFhir(AccessLogEntryView view)
    {
        var entry = view.Entry;
        var audit = new AuditEvent
        {
            Id = entry.Sequence.ToString(CultureInfo.InvariantCulture),
            Type = new Coding("http://dicom.nema.org/resources/ontology/DCM", "110110", "Patient Record"),
            Action = entry.Action switch
            {
                AccessAction.Create => AuditEvent.AuditEventAction.C,
                AccessAction.Read => AuditEvent.AuditEventAction.R,
                AccessAction.Update => AuditEvent.AuditEventAction.U,
                AccessAction.Delete => AuditEvent.AuditEventAction.D,
                _ => AuditEvent.AuditEventAction.E,
            },
            Recorded = entry.At.ToUniversalTime(),
            Outcome = AuditEvent.AuditEventOutcome.N0,
            Agent =
            [
                new AuditEvent.AgentComponent
                {
                    Who = new ResourceReference { Display = view.OrganizationName is { } org ? $"{entry.UserName} ({org})" : entry.UserName },
                    AltId = entry.UserId.ToString("D"),
                    Requestor = true,
                    Policy = entry.ConsentId is { } consentId ? [$"Consent/{consentId:D}"] : [],
                },
            ],
            Source = new AuditEvent.SourceComponent { Observer = new ResourceReference { Display = "Samspil" } },
            Entity =
            [
                new AuditEvent.EntityComponent
                {
                    What = FhirCommunicationCodes.Patient(entry.CitizenId),
                    Type = new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "1", "Person"),
                    Role = new Coding("http://terminology.hl7.org/CodeSystem/object-role", "1", "Patient"),
                },
                new AuditEvent.EntityComponent
                {
                    What = entry.ResourceId is { } resourceId ? new ResourceReference { Identifier = new Identifier("urn:ietf:rfc:3986", $"urn:uuid:{resourceId:D}") } : null,
                    Type = new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "2", "System Object"),
                    Name = entry.ResourceType,
                    Detail =
                    [
                        new AuditEvent.DetailComponent { Type = "category", Value = new FhirString(entry.Category.ToString()) },
                        new AuditEvent.DetailComponent { Type = "basis", Value = new FhirString(entry.Basis.ToString()) },
                        new AuditEvent.DetailComponent { Type = "purpose", Value = new FhirString(entry.Purpose.ToString()) },
                    ],
                },
            ],
        };
        if (entry.LegalBasisCode is { } code)
        {
            audit.Entity[1].Detail.Add(new AuditEvent.DetailComponent { Type = "legal-basis", Value = new FhirString(code) });
        }

        if (entry.ConsentVersion is { } version)
        {
            audit.Entity[1].Detail.Add(new AuditEvent.DetailComponent { Type = "consent-version", Value = new FhirString(version.ToString(CultureInfo.InvariantCulture)) });
        }

        return audit;
    }
}
