using Hl7.Fhir.Model;

namespace Samspil.Features.Fhir;

/// <summary>
/// The CapabilityStatement at <c>/fhir/metadata</c>, built from the registered handlers so it cannot claim more than the
/// API does: per type read and search-type (create/update where a handler writes), its search parameters and includes.
/// The SMART security section lists the scopes the API understands.
/// </summary>
public sealed class FhirCapabilities(FhirHandlers handlers, TimeProvider time)
{
    /// <summary>Extra security details (e.g. the SMART OAuth endpoints) a sign-in component adds.</summary>
    public static readonly List<Action<CapabilityStatement.SecurityComponent, string>> SecurityContributors = [];

    public CapabilityStatement Statement(string baseUrl)
    {
        var rest = new CapabilityStatement.RestComponent
        {
            Mode = CapabilityStatement.RestfulCapabilityMode.Server,
            Documentation = "Samspil's FHIR R4 API. Every read goes through the citizen's consent and is written to the access log; what the caller may not see is 404 and left out of searches. Paging with _count (1-200, default 50) and _offset.",
            Security = new CapabilityStatement.SecurityComponent
            {
                Cors = false,
                Service = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/restful-security-service", "SMART-on-FHIR", "SMART on FHIR")],
                Description = "A bearer token. Scopes in the SMART style narrow what a token may do: patient/*.read (a citizen's app: the citizen's own data), user/*.read (a staff system: what the user may see), .write or .* to write. A token without scopes is the user's own session.",
            },
        };
        foreach (var contribute in SecurityContributors)
        {
            contribute(rest.Security, baseUrl);
        }

        foreach (var handler in handlers.All.OrderBy(h => h.ResourceType, StringComparer.Ordinal))
        {
            var resource = new CapabilityStatement.ResourceComponent
            {
                Type = handler.ResourceType,
                Versioning = CapabilityStatement.ResourceVersionPolicy.NoVersion,
                ReadHistory = false,
                UpdateCreate = false,
                ConditionalCreate = false,
                ConditionalUpdate = false,
                ConditionalDelete = CapabilityStatement.ConditionalDeleteStatus.NotSupported,
                Interaction =
                [
                    new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Read },
                    new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.SearchType },
                ],
                SearchInclude = handler.Includes,
                SearchParam =
                [
                    new CapabilityStatement.SearchParamComponent { Name = "_id", Type = SearchParamType.Token, Definition = "http://hl7.org/fhir/SearchParameter/Resource-id" },
                    .. handler.SearchParameters.Select(p => new CapabilityStatement.SearchParamComponent { Name = p.Name, Type = p.Type, Documentation = p.Documentation }),
                ],
            };
            if (handler is IFhirWritableHandler writable)
            {
                if (writable.SupportsCreate)
                {
                    resource.Interaction.Add(new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Create });
                }

                if (writable.SupportsUpdate)
                {
                    resource.Interaction.Add(new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Update });
                }
            }

            rest.Resource.Add(resource);
        }

        return new CapabilityStatement
        {
            Id = "samspil",
            Url = $"{baseUrl}/metadata",
            Name = "Samspil",
            Title = "Samspil FHIR R4 API",
            Status = PublicationStatus.Active,
            Experimental = false,
            Date = time.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Publisher = "Samspil",
            Kind = CapabilityStatementKind.Instance,
            Software = new CapabilityStatement.SoftwareComponent { Name = "Samspil", Version = typeof(FhirCapabilities).Assembly.GetName().Version?.ToString() },
            Implementation = new CapabilityStatement.ImplementationComponent { Description = "Samspil", Url = baseUrl },
            FhirVersion = FHIRVersion.N4_0_1,
            Format = ["application/fhir+json", "json"],
            Rest = [rest],
        };
    }
}
