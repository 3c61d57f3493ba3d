using System.Text.RegularExpressions;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Fhir;

/// <summary>
/// The FHIR R4 API under <c>/fhir</c> (docs/fhir-api.md): the CapabilityStatement at <c>/fhir/metadata</c>, read and
/// search for every registered <see cref="IFhirResourceHandler"/>, create/update where a handler allows it. Every answer
/// is <c>application/fhir+json</c>; every error an OperationOutcome. The caller must be signed in (a bearer token, or the
/// web UI's cookie for reads); writes need a bearer token (no cross-site form can write). The token's SMART scopes are
/// checked per resource type (403 when they do not cover it); the access policy then decides each resource (404 / left out).
/// Not part of the OpenAPI document: the CapabilityStatement describes it.
/// </summary>
public static partial class FhirEndpoints
{
    public const string Prefix = "/fhir";

    private const int MaxBodyBytes = 1_000_000;

    public static IEndpointRouteBuilder MapFhirEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet($"{Prefix}/metadata", (HttpContext http, FhirCapabilities capabilities) => new FhirResult(capabilities.Statement(BaseUrl(http.Request))))
            .ExcludeFromDescription();

        var api = app.MapGroup(Prefix).ExcludeFromDescription().AddEndpointFilter(SignedInFilter);
        api.MapGet("/{type}", SearchAsync);
        api.MapPost("/{type}/_search", SearchAsync);
        api.MapGet("/{type}/{id}", ReadAsync);
        api.MapPost("/{type}", CreateAsync);
        api.MapPut("/{type}/{id}", UpdateAsync);
        return app;
    }

    /// <summary>A bodiless error under /fhir (no route, wrong method, refused sign-in) answered as an OperationOutcome.</summary>
    public static System.Threading.Tasks.Task StatusCodeOutcomeAsync(Microsoft.AspNetCore.Diagnostics.StatusCodeContext context)
    {
        var status = context.HttpContext.Response.StatusCode;
        var code = status switch
        {
            StatusCodes.Status401Unauthorized => OperationOutcome.IssueType.Login,
            StatusCodes.Status403Forbidden => OperationOutcome.IssueType.Forbidden,
            StatusCodes.Status404NotFound => OperationOutcome.IssueType.NotFound,
            StatusCodes.Status405MethodNotAllowed => OperationOutcome.IssueType.NotSupported,
            StatusCodes.Status429TooManyRequests => OperationOutcome.IssueType.Throttled,
            >= 500 => OperationOutcome.IssueType.Exception,
            _ => OperationOutcome.IssueType.Processing,
        };
        return FhirResult.Outcome(status, FhirOutcome.Create(code, $"HTTP {status}.")).ExecuteAsync(context.HttpContext);
    }

    /// <summary>The API's base address as the caller sees it (https://host/fhir).</summary>
    public static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}{Prefix}";

    private static async ValueTask<object?> SignedInFilter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var user = http.RequestServices.GetRequiredService<CurrentUser>();
        if (!user.IsAuthenticated)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return FhirResult.Outcome(StatusCodes.Status401Unauthorized, FhirOutcome.Create(OperationOutcome.IssueType.Login, "Sign in: send a bearer token."));
        }

        if (!HttpMethods.IsGet(http.Request.Method) && !http.Request.Path.Value!.EndsWith("/_search", StringComparison.Ordinal)
            && !http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return FhirResult.Outcome(StatusCodes.Status401Unauthorized, FhirOutcome.Create(OperationOutcome.IssueType.Login, "Writes need a bearer token."));
        }

        return await next(context);
    }

    private static async Task<IResult> SearchAsync(string type, HttpContext http, FhirHandlers handlers, CancellationToken cancellationToken)
    {
        if (Resolve(type, http, handlers, FhirInteraction.Read, out var handler, out var context) is { } refused)
        {
            return refused;
        }

        try
        {
            var query = http.Request.Query.AsEnumerable();
            if (HttpMethods.IsPost(http.Request.Method) && http.Request.HasFormContentType)
            {
                query = query.Concat((await http.Request.ReadFormAsync(cancellationToken)).AsEnumerable());
            }

            var search = FhirSearch.Parse(query, handler!);
            if (search.Ids.Any(id => !IsId(id)))
            {
                return new FhirResult(FhirBundles.Searchset(context!, handler!.ResourceType, search, new FhirSearchResult([], 0, [])));
            }

            var result = await handler!.SearchAsync(context!, search, cancellationToken);
            return new FhirResult(FhirBundles.Searchset(context!, handler.ResourceType, search, result));
        }
        catch (FhirSearchException ex)
        {
            return FhirResult.Outcome(StatusCodes.Status400BadRequest, FhirOutcome.Create(OperationOutcome.IssueType.Invalid, ex.Message, ex.Parameter));
        }
    }

    private static async Task<IResult> ReadAsync(string type, string id, HttpContext http, FhirHandlers handlers, CancellationToken cancellationToken)
    {
        if (Resolve(type, http, handlers, FhirInteraction.Read, out var handler, out var context) is { } refused)
        {
            return refused;
        }

        return IsId(id) && await handler!.ReadAsync(context!, id, cancellationToken) is { } resource
            ? new FhirResult(resource)
            : FhirResult.Outcome(StatusCodes.Status404NotFound, FhirOutcome.NotFound());
    }

    private static async Task<IResult> CreateAsync(string type, HttpContext http, FhirHandlers handlers, CancellationToken cancellationToken)
    {
        if (Resolve(type, http, handlers, FhirInteraction.Write, out var handler, out var context) is { } refused)
        {
            return refused;
        }

        if (handler is not IFhirWritableHandler { SupportsCreate: true } writable)
        {
            return NotAllowed(type, "create");
        }

        var (resource, problem) = await ReadBodyAsync(http, handler.ResourceType, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        return Written(context!, await writable.CreateAsync(context!, resource!, cancellationToken));
    }

    private static async Task<IResult> UpdateAsync(string type, string id, HttpContext http, FhirHandlers handlers, CancellationToken cancellationToken)
    {
        if (Resolve(type, http, handlers, FhirInteraction.Write, out var handler, out var context) is { } refused)
        {
            return refused;
        }

        if (handler is not IFhirWritableHandler { SupportsUpdate: true } writable)
        {
            return NotAllowed(type, "update");
        }

        if (!IsId(id))
        {
            return FhirResult.Outcome(StatusCodes.Status404NotFound, FhirOutcome.NotFound());
        }

        var (resource, problem) = await ReadBodyAsync(http, handler.ResourceType, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (!string.Equals(resource!.Id, id, StringComparison.Ordinal))
        {
            return FhirResult.Outcome(StatusCodes.Status400BadRequest, FhirOutcome.Create(OperationOutcome.IssueType.Invalid, "The resource's id must match the id in the URL.", $"{type}.id"));
        }

        return Written(context!, await writable.UpdateAsync(context!, id, resource, cancellationToken));
    }

    private static IResult? Resolve(string type, HttpContext http, FhirHandlers handlers, FhirInteraction interaction, out IFhirResourceHandler? handler, out FhirRequestContext? context)
    {
        handler = handlers.Find(type);
        context = null;
        if (handler is null)
        {
            return FhirResult.Outcome(StatusCodes.Status404NotFound, FhirOutcome.Create(OperationOutcome.IssueType.NotSupported, "This resource type is not supported; see /fhir/metadata."));
        }

        var user = http.RequestServices.GetRequiredService<CurrentUser>();
        var scopes = FhirScopes.From(http.User);
        if (!scopes.Allows(user, handler.ResourceType, interaction))
        {
            http.Response.Headers.WWWAuthenticate = "Bearer error=\"insufficient_scope\"";
            return FhirResult.Outcome(StatusCodes.Status403Forbidden, FhirOutcome.Create(OperationOutcome.IssueType.Forbidden, $"The token's scopes do not allow {(interaction == FhirInteraction.Read ? "reading" : "writing")} {handler.ResourceType}."));
        }

        context = new FhirRequestContext(user, scopes, BaseUrl(http.Request), http);
        return null;
    }

    private static async Task<(Resource? Resource, IResult? Problem)> ReadBodyAsync(HttpContext http, string resourceType, CancellationToken cancellationToken)
    {
        var mediaType = http.Request.ContentType?.Split(';')[0].Trim();
        if (mediaType is not ("application/fhir+json" or "application/json"))
        {
            return (null, FhirResult.Outcome(StatusCodes.Status415UnsupportedMediaType, FhirOutcome.Create(OperationOutcome.IssueType.NotSupported, "Send application/fhir+json.")));
        }

        if (http.Request.ContentLength > MaxBodyBytes)
        {
            return (null, FhirResult.Outcome(StatusCodes.Status413PayloadTooLarge, FhirOutcome.Create(OperationOutcome.IssueType.TooLong, "The resource is too large.")));
        }

        using var reader = new StreamReader(http.Request.Body);
        var buffer = new char[MaxBodyBytes + 1];
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken);
        if (read > MaxBodyBytes)
        {
            return (null, FhirResult.Outcome(StatusCodes.Status413PayloadTooLarge, FhirOutcome.Create(OperationOutcome.IssueType.TooLong, "The resource is too large.")));
        }

        Resource resource;
        try
        {
            resource = Deserializer.DeserializeResource(new string(buffer, 0, read));
        }
        catch (DeserializationFailedException ex)
        {
            var first = ex.Exceptions.FirstOrDefault();
            var location = first is FhirJsonException { InstancePath: { } path } ? path : null;
            return (null, FhirResult.Outcome(StatusCodes.Status400BadRequest, FhirOutcome.Create(OperationOutcome.IssueType.Structure, "The body is not a valid FHIR R4 JSON resource.", location is { Length: <= 200 } ? location : null)));
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or FormatException or ArgumentException or InvalidOperationException or NotSupportedException or OverflowException)
        {
            return (null, FhirResult.Outcome(StatusCodes.Status400BadRequest, FhirOutcome.Create(OperationOutcome.IssueType.Structure, "The body is not JSON.")));
        }

        if (resource.TypeName != resourceType)
        {
            return (null, FhirResult.Outcome(StatusCodes.Status400BadRequest, FhirOutcome.Create(OperationOutcome.IssueType.Invalid, $"The body must be a {resourceType}.", "resourceType")));
        }

        return (resource, null);
    }

    private static IResult Written(FhirRequestContext context, FhirWriteResult result) =>
        result.Resource is { } resource
            ? new FhirResult(resource, result.Status, result.Status == StatusCodes.Status201Created ? context.FullUrl(resource.TypeName, resource.Id) : null)
            : FhirResult.Outcome(result.Status, result.Outcome ?? FhirOutcome.NotFound());

    private static IResult NotAllowed(string type, string interaction) =>
        FhirResult.Outcome(StatusCodes.Status405MethodNotAllowed, FhirOutcome.Create(OperationOutcome.IssueType.NotSupported, $"{type} does not support {interaction}; see /fhir/metadata."));

    private static readonly FhirJsonDeserializer Deserializer = new(new DeserializerSettings());

    private static bool IsId(string id) => IdPattern().IsMatch(id);

    [GeneratedRegex("^[A-Za-z0-9\\-\\.]{1,64}$")]
    private static partial Regex IdPattern();
}
