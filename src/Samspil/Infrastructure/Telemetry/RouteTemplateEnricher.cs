using Serilog.Core;
using Serilog.Events;

namespace Samspil.Infrastructure.Telemetry;

/// <summary>
/// Replaces the <c>RequestPath</c> of every log event (the request log's own property and ASP.NET Core's request
/// scope) with the matched route template, e.g. <c>/api/v1/courses/{id}/plan</c>: a path holds a citizen's or a
/// course's id, and a path no route matched may hold anything a client typed. The request id and the trace id
/// still lead from a log line to its trace and to the access log, where who-read-what belongs.
/// </summary>
public sealed class RouteTemplateEnricher(IHttpContextAccessor http) : ILogEventEnricher
{
    public const string Unmatched = "(no route)";

    private const string Property = "RequestPath";

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        if (logEvent.Properties.ContainsKey(Property))
        {
            logEvent.AddOrUpdateProperty(new LogEventProperty(Property, new ScalarValue(RouteOf(http.HttpContext))));
        }
    }

    /// <summary>The route template of the request's endpoint, with a leading slash; <see cref="Unmatched"/> without one.</summary>
    public static string RouteOf(HttpContext? context) =>
        context?.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } template }
            ? (template.StartsWith('/') ? template : "/" + template)
            : Unmatched;
}
