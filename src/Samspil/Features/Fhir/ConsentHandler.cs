using Hl7.Fhir.Model;
using Samspil.Domain.Consents;
using Samspil.Features.Access;
using Samspil.Infrastructure.Time;
using FhirConsent = Hl7.Fhir.Model.Consent;
using SamspilConsent = Samspil.Domain.Consents.Consent;

namespace Samspil.Features.Fhir;

/// <summary>
/// Consent = the citizen's consent to share (docs/fhir-mapping.md), one resource per version; a search returns the
/// current version of each consent (the newest of its series). What the reader sees is what the consent pages show them
/// (<see cref="CitizenDataAccess.VisibleConsentsAsync"/>), only for a citizen they may read, and the read is logged.
/// Status: active (in force) → active; active but outside its period, superseded, revoked → inactive.
/// Search: <c>patient</c>, <c>status</c>, <c>date</c> (when the version was recorded).
/// </summary>
public sealed class ConsentHandler(CitizenDataAccess access, TimeProvider time) : IFhirResourceHandler
{
    private static readonly string[] StatusCodes = ["active", "inactive"];

    public string ResourceType => "Consent";

    public IReadOnlyList<FhirSearchParameterDefinition> SearchParameters { get; } =
    [
        new("patient", SearchParamType.Reference, "The citizen (Patient/{id}) who gave the consent."),
        new("status", SearchParamType.Token, "active | inactive."),
        new("date", SearchParamType.Date, "When the consent version was recorded (eq, ne, gt, lt, ge, le)."),
    ];

    public async Task<Resource?> ReadAsync(FhirRequestContext context, string id, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var consentId) || await access.CitizenOfConsentAsync(consentId, cancellationToken) is not { } citizenId
            || await access.ReadConsentsForExportAsync(citizenId, cancellationToken) is not { } read)
        {
            return null;
        }

        return read.Consents.SingleOrDefault(k => k.Id == consentId) is { } consent ? ToFhir(consent, CopenhagenTime.Today(time)) : null;
    }

    public async Task<FhirSearchResult> SearchAsync(FhirRequestContext context, FhirSearch search, CancellationToken cancellationToken)
    {
        var patient = search.ReferenceId("patient", "Patient");
        var statuses = FhirCommunicationCodes.Tokens(search, "status", StatusCodes);
        var dates = search.Dates("date");
        IEnumerable<Guid> citizens;
        if (patient is { } one)
        {
            citizens = [one];
        }
        else if (access.User.ActsForCitizen && access.User.CitizenId is { } self)
        {
            citizens = [self];
        }
        else
        {
            citizens = (await access.ListCoursesAsync(q => q, InformationCategory.StatusAndAppointments, cancellationToken)).Select(c => c.Citizen.Id).Distinct();
        }

        var today = CopenhagenTime.Today(time);
        var found = new List<FhirConsent>();
        foreach (var citizenId in citizens.ToList())
        {
            if (await access.ReadConsentsForExportAsync(citizenId, cancellationToken) is not { } read)
            {
                continue;
            }

            found.AddRange(read.Consents
                .GroupBy(k => k.SeriesId)
                .Select(g => g.MaxBy(k => k.Version)!)
                .Where(k => FhirCommunicationCodes.MatchesDates(dates, k.RecordedAt))
                .Select(k => ToFhir(k, today))
                .Where(k => statuses.Count == 0 || statuses.Contains(k.Status == FhirConsent.ConsentState.Active ? "active" : "inactive")));
        }

        var ordered = FhirCommunicationCodes.WithIds(found, search)
            .OrderByDescending(k => k.DateTime, StringComparer.Ordinal)
            .ThenBy(k => k.Id, StringComparer.Ordinal)
            .ToList<Resource>();
        return FhirSearchResult.Page(ordered, search);
    }

    public static FhirConsent ToFhir(SamspilConsent consent, DateOnly today)
    {
        var fhir = new FhirConsent
        {
            Id = consent.Id.ToString("D"),
            Meta = new Meta { VersionId = consent.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            Status = consent.IsInForceOn(today) ? FhirConsent.ConsentState.Active : FhirConsent.ConsentState.Inactive,
            Scope = new CodeableConcept("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy", "Privacy Consent"),
            Category = [new CodeableConcept("http://loinc.org", "59284-0", "Patient Consent")],
            Patient = FhirCommunicationCodes.Patient(consent.CitizenId),
            DateTime = FhirCommunicationCodes.Instant(consent.RecordedAt),
            Performer =
            [
                consent.GivenBy == ConsentGivenBy.Proxy
                    ? new ResourceReference { Type = "RelatedPerson", Display = consent.GivenByName }
                    : FhirCommunicationCodes.Patient(consent.CitizenId),
            ],
            PolicyRule = new CodeableConcept("http://terminology.hl7.org/CodeSystem/v3-ActCode", "OPTIN", "opt-in"),
            Provision = new FhirConsent.provisionComponent
            {
                Type = FhirConsent.ConsentProvisionType.Permit,
                Period = new Period { Start = FhirCommunicationCodes.Date(consent.ValidFrom), End = FhirCommunicationCodes.Date(consent.ValidTo) },
                Code = [.. InformationCategories.Split(consent.Categories).Select(c => new CodeableConcept(FhirCommunicationCodes.InformationCategorySystem, c.ToString()))],
                Actor = [.. consent.Recipients.Select(r => new FhirConsent.provisionActorComponent
                {
                    Role = new CodeableConcept("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP", "information recipient"),
                    Reference = new ResourceReference(r.Kind switch
                    {
                        ConsentRecipientKind.Professional => $"Practitioner/{r.TargetId:D}",
                        ConsentRecipientKind.PractitionerRole => $"PractitionerRole/{r.TargetId:D}",
                        _ => $"Organization/{r.TargetId:D}",
                    }),
                })],
            },
        };
        if (consent.ExcludeRecordsBefore is { } before)
        {
            fhir.Provision.DataPeriod = new Period { Start = FhirCommunicationCodes.Date(before) };
        }

        return fhir;
    }
}
