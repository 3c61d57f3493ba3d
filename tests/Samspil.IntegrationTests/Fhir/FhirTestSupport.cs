using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Hl7.Fhir.Rest;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests.Fhir;

/// <summary>
/// Issue 20's test tools: a real Firely <see cref="FhirClient"/> against the test server (signed in as a demo login), and
/// the Firely validator against base R4 — every resource the API returns in a test goes through <see cref="AssertValid"/>.
/// </summary>
public static class FhirTestSupport
{
    private static readonly Lazy<Validator> FhirValidator = new(() =>
    {
        var resolver = new CachedResolver(ZipSource.CreateValidationSource());
        return new Validator(resolver.AsAsync(), LocalTerminologyService.CreateDefaultForCore(resolver.AsAsync()));
    });

    private static readonly Lock ValidatorLock = new();

    /// <summary>A FHIR client signed in as a demo login with a first-party bearer token (no scopes: the user's own rights).</summary>
    public static async Task<FhirClient> ClientAsync(SamspilFactory factory, string userName) =>
        Client(await factory.ClientForAsync(userName));

    /// <summary>A FHIR client over an HTTP client that already carries its Authorization header (or none).</summary>
    public static FhirClient Client(HttpClient http) =>
        new(new Uri(http.BaseAddress!, "fhir/"), http, new FhirClientSettings { PreferredFormat = ResourceFormat.Json, VerifyFhirVersion = false });

    /// <summary>
    /// Validates a resource (a Bundle with its entries) against base R4: zero errors. Profiles the resource declares in
    /// <c>meta.profile</c> (MedCom's, for the CareCommunication and acknowledgement bundles) are not in the base
    /// specification the validator holds, so a copy without those declarations is validated.
    /// </summary>
    public static void AssertValid(Resource resource)
    {
        var copy = (Resource)resource.DeepCopy();
        IEnumerable<Resource> resources = copy is Bundle bundle ? [copy, .. bundle.Entry.Select(e => e.Resource).OfType<Resource>()] : [copy];
        foreach (var declaring in resources.Where(r => r.Meta is not null))
        {
            var meta = declaring.Meta!;
            meta.ProfileElement.Clear();
            if (meta.VersionId is null && meta.LastUpdated is null && meta.Source is null && meta.Security.Count == 0 && meta.Tag.Count == 0 && meta.Extension.Count == 0)
            {
                declaring.Meta = null;
            }
        }

        OperationOutcome outcome;
        lock (ValidatorLock)
        {
            outcome = FhirValidator.Value.Validate(copy);
        }

        var errors = outcome.Issue
            .Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
            .Select(i => $"{string.Join(",", i.Expression ?? [])}: {i.Details?.Text ?? i.Diagnostics}")
            .ToList();
        Assert.True(errors.Count == 0, $"{resource.TypeName} has validation errors:\n{string.Join("\n", errors)}");
    }

    /// <summary>The HTTP status of a refused FHIR call (the client throws <see cref="FhirOperationException"/>), with its OperationOutcome.</summary>
    public static async Task<(System.Net.HttpStatusCode Status, OperationOutcome? Outcome)> RefusedAsync(Func<Task> call)
    {
        var ex = await Assert.ThrowsAsync<FhirOperationException>(call);
        return (ex.Status, ex.Outcome);
    }
}
