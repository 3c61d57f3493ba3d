using Samspil.Infrastructure.Security;

namespace Samspil.Features.Fhir;

/// <summary>What a handler knows of the request: the caller, the scopes their token carries and the API's base address.</summary>
public sealed record FhirRequestContext(CurrentUser User, FhirScopes Scopes, string BaseUrl, HttpContext Http)
{
    /// <summary>The absolute URL of a resource, e.g. https://host/fhir/Task/{id} (a Bundle entry's fullUrl).</summary>
    public string FullUrl(string resourceType, string? id) => $"{BaseUrl}/{resourceType}/{id}";

    /// <summary>A service of the request's scope (the access layer, a feature service).</summary>
    public T Service<T>()
        where T : notnull => Http.RequestServices.GetRequiredService<T>();
}
