using Hl7.Fhir.Model;

namespace Samspil.Features.Fhir;

/// <summary>A search parameter a handler supports, as the CapabilityStatement lists it.</summary>
public sealed record FhirSearchParameterDefinition(string Name, SearchParamType Type, string Documentation);

/// <summary>One page of a search: the matches the caller may see (already permitted and logged), how many match in all, and what <c>_include</c> brought.</summary>
public sealed record FhirSearchResult(IReadOnlyList<Resource> Matches, int Total, IReadOnlyList<Resource> Included)
{
    public static FhirSearchResult Page(IReadOnlyList<Resource> all, FhirSearch search) =>
        new([.. all.Skip(search.Offset).Take(search.Count)], all.Count, []);
}

/// <summary>
/// One FHIR resource type of the <c>/fhir</c> API (docs/fhir-api.md). A handler maps Samspil's data to FHIR and reads it
/// ONLY through the access-policy layer (<see cref="Access.CitizenDataAccess"/> or the feature services built on it), so
/// every resource it returns was permitted and logged. What the caller may not see is null on read (404) and left out of
/// a search; a handler never reveals it through totals or includes.
/// Handlers are registered with <c>services.AddFhirHandler&lt;T&gt;()</c> (see <see cref="FhirServiceCollectionExtensions"/>).
/// </summary>
public interface IFhirResourceHandler
{
    /// <summary>The FHIR resource type name, e.g. "Task".</summary>
    string ResourceType { get; }

    /// <summary>The search parameters it understands (besides _id, _count, _offset, _include which the API handles).</summary>
    IReadOnlyList<FhirSearchParameterDefinition> SearchParameters { get; }

    /// <summary>The <c>_include</c> values it supports, e.g. "CarePlan:goal".</summary>
    IReadOnlyList<string> Includes => [];

    /// <summary>The resource with this id, or null when it does not exist or the caller may not see it (both 404).</summary>
    Task<Resource?> ReadAsync(FhirRequestContext context, string id, CancellationToken cancellationToken);

    /// <summary>One page of the matches the caller may see. Unknown parameters have already been refused.</summary>
    Task<FhirSearchResult> SearchAsync(FhirRequestContext context, FhirSearch search, CancellationToken cancellationToken);
}

/// <summary>The outcome of a write: the resource as stored (201/200), or an OperationOutcome with its status (404 for what the caller may not see).</summary>
public sealed record FhirWriteResult(Resource? Resource, int Status, OperationOutcome? Outcome)
{
    public static FhirWriteResult Created(Resource resource) => new(resource, StatusCodes.Status201Created, null);

    public static FhirWriteResult Updated(Resource resource) => new(resource, StatusCodes.Status200OK, null);

    public static FhirWriteResult NotFound() => new(null, StatusCodes.Status404NotFound, FhirOutcome.NotFound());

    public static FhirWriteResult Invalid(string diagnostics, string? expression = null) =>
        new(null, StatusCodes.Status422UnprocessableEntity, FhirOutcome.Create(OperationOutcome.IssueType.Invalid, diagnostics, expression));

    public static FhirWriteResult Conflict(string diagnostics) =>
        new(null, StatusCodes.Status409Conflict, FhirOutcome.Create(OperationOutcome.IssueType.Conflict, diagnostics));
}

/// <summary>A resource type a partner system may write (create with POST, update with PUT).</summary>
public interface IFhirWritableHandler : IFhirResourceHandler
{
    bool SupportsCreate { get; }

    bool SupportsUpdate { get; }

    /// <summary>POST /fhir/{type}: the parsed resource (already checked to be of this type).</summary>
    Task<FhirWriteResult> CreateAsync(FhirRequestContext context, Resource resource, CancellationToken cancellationToken) =>
        System.Threading.Tasks.Task.FromResult(new FhirWriteResult(null, StatusCodes.Status405MethodNotAllowed, FhirOutcome.Create(OperationOutcome.IssueType.NotSupported, "Create is not supported for this type.")));

    /// <summary>PUT /fhir/{type}/{id}: the parsed resource (already checked to be of this type and to carry this id).</summary>
    Task<FhirWriteResult> UpdateAsync(FhirRequestContext context, string id, Resource resource, CancellationToken cancellationToken) =>
        System.Threading.Tasks.Task.FromResult(new FhirWriteResult(null, StatusCodes.Status405MethodNotAllowed, FhirOutcome.Create(OperationOutcome.IssueType.NotSupported, "Update is not supported for this type.")));
}
