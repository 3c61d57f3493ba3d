using Hl7.Fhir.Model;
using Samspil.Domain.Citizens;
using Samspil.Features.Access;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Fhir;

/// <summary>
/// Patient = a citizen's own record (ADR 0013: read at citizen level; a reader who may read a course but not the
/// citizen's record does not get the Patient). Search: the caller's own citizens (through their courses), by
/// <c>identifier</c> (CPR, <c>urn:oid:1.2.208.176.1.2|ddmmyyxxxx</c>) or <c>_id</c>. Every returned Patient is logged as read.
/// </summary>
public sealed class PatientHandler(CitizenDataAccess access, TimeProvider time) : IFhirResourceHandler
{
    /// <summary>The Danish CPR number's identifier system (as MedCom uses it).</summary>
    public const string CprSystem = "urn:oid:1.2.208.176.1.2";

    public string ResourceType => "Patient";

    public IReadOnlyList<FhirSearchParameterDefinition> SearchParameters { get; } =
    [
        new("identifier", SearchParamType.Token, "The CPR number: urn:oid:1.2.208.176.1.2|ddmmyyxxxx (exact)."),
    ];

    public async Task<Resource?> ReadAsync(FhirRequestContext context, string id, CancellationToken cancellationToken) =>
        Guid.TryParse(id, out var citizenId) && await access.ReadCitizenAsync(citizenId, cancellationToken) is { } record
            ? ToFhir(record.Citizen)
            : null;

    public async Task<FhirSearchResult> SearchAsync(FhirRequestContext context, FhirSearch search, CancellationToken cancellationToken)
    {
        IReadOnlyList<CourseRecord> courses;
        if (search.Values("identifier") is { Count: > 0 } identifiers)
        {
            if (identifiers.Count > 1 || !identifiers[0].StartsWith(CprSystem + "|", StringComparison.Ordinal)
                || !CprNumber.TryParse(identifiers[0][(CprSystem.Length + 1)..], CopenhagenTime.Today(time), out var cpr, out _))
            {
                throw new FhirSearchException($"identifier takes one CPR number as {CprSystem}|ddmmyyxxxx.", "identifier");
            }

            courses = await access.FindByCprAsync(cpr, cancellationToken);
        }
        else
        {
            courses = await access.ListCoursesAsync(q => q, Samspil.Domain.Consents.InformationCategory.StatusAndAppointments, cancellationToken);
        }

        var candidates = courses.Select(c => c.Citizen.Id).Distinct()
            .Where(id => search.Ids.Count == 0 || search.Ids.Contains(id.ToString("D")))
            .ToList();
        var patients = new List<Resource>();
        foreach (var citizenId in candidates)
        {
            if (await access.ReadCitizenAsync(citizenId, cancellationToken) is { } record)
            {
                patients.Add(ToFhir(record.Citizen));
            }
        }

        return FhirSearchResult.Page([.. patients.OrderBy(p => ((Patient)p).Name[0].Family, StringComparer.Ordinal)], search);
    }

    public static Patient ToFhir(Citizen citizen)
    {
        var patient = new Patient
        {
            Id = citizen.Id.ToString("D"),
            Meta = new Meta { VersionId = citizen.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            Active = true,
            Identifier = [new Identifier(CprSystem, citizen.Cpr.Value)],
            Name = [new HumanName { Family = citizen.FamilyName, Given = [citizen.GivenName], Use = HumanName.NameUse.Official }],
            BirthDate = citizen.Cpr.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Communication =
            [
                new Patient.CommunicationComponent
                {
                    Language = new CodeableConcept("urn:ietf:bcp:47", citizen.PreferredLanguage),
                    Preferred = true,
                },
            ],
        };
        patient.Extension.Add(new Extension("http://hl7.org/fhir/StructureDefinition/patient-interpreterRequired", new FhirBoolean(citizen.InterpreterNeeded)));
        if (citizen.Phone is { Length: > 0 } phone)
        {
            patient.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Home, phone));
        }

        if (citizen.Email is { Length: > 0 } email)
        {
            patient.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Email, ContactPoint.ContactPointUse.Home, email));
        }

        if (citizen.Address is { Length: > 0 } address)
        {
            patient.Address.Add(new Address { Text = address, Use = Address.AddressUse.Home });
        }

        return patient;
    }
}
