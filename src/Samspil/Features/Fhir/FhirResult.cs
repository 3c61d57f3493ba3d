using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Samspil.Features.Fhir;

/// <summary>A FHIR resource written as <c>application/fhir+json</c> with a status (and a Location for a created resource).</summary>
public sealed class FhirResult(Resource resource, int status = StatusCodes.Status200OK, string? location = null) : IResult
{
    public const string ContentType = "application/fhir+json; charset=utf-8";

    /// <summary>System.Text.Json with Firely's converters for R4 (the SDK's recommended serializer).</summary>
    public static readonly JsonSerializerOptions Json = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    public Resource Resource => resource;

    public int Status => status;

    public static FhirResult Outcome(int status, OperationOutcome outcome) => new(outcome, status);

    public async System.Threading.Tasks.Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = status;
        httpContext.Response.ContentType = ContentType;
        if (location is not null)
        {
            httpContext.Response.Headers.Location = location;
        }

        if (resource.Meta?.VersionId is { } version)
        {
            httpContext.Response.Headers.ETag = $"W/\"{version}\"";
        }

        await JsonSerializer.SerializeAsync(httpContext.Response.Body, resource, resource.GetType(), Json, httpContext.RequestAborted);
    }

    /// <summary>Serialises a resource as the API does (for tests and benchmarks).</summary>
    public static string Serialize(Resource resource) => JsonSerializer.Serialize(resource, resource.GetType(), Json);
}
