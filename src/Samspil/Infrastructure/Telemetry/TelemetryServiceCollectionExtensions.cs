using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Samspil.Infrastructure.Telemetry;

/// <summary>Settings under <c>Telemetry</c> (docs/configuration.md, docs/telemetry.md).</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>Off by default: then no provider, listener or exporter is registered at all.</summary>
    public bool Enabled { get; set; }

    public string ServiceName { get; set; } = "samspil";

    /// <summary>Share of new traces kept (parent-based: a caller's decision is followed), 0–1.</summary>
    public double SamplingRatio { get; set; } = 1.0;

    /// <summary>Send the application log through OpenTelemetry too (with trace and span id), besides the console.</summary>
    public bool ExportLogs { get; set; } = true;

    public OtlpSettings Otlp { get; set; } = new();

    public sealed class OtlpSettings
    {
        /// <summary>The collector, e.g. <c>http://localhost:4317</c>; without it (and without OTEL_EXPORTER_OTLP_ENDPOINT) nothing is exported.</summary>
        public string? Endpoint { get; set; }

        /// <summary><c>grpc</c> (default, port 4317) or <c>http/protobuf</c> (port 4318).</summary>
        public string Protocol { get; set; } = "grpc";

        /// <summary>Extra headers, e.g. an API key: <c>key1=value1,key2=value2</c>.</summary>
        public string? Headers { get; set; }
    }
}

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>Meters read besides Samspil's own: request rate and latency per route, HTTP client, runtime, EF Core, Npgsql's pool.</summary>
    private static readonly string[] Meters =
    [
        SamspilTelemetry.Name,
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "System.Net.Http",
        "System.Runtime",
        "Microsoft.EntityFrameworkCore",
        "Npgsql",
    ];

    /// <summary>
    /// OpenTelemetry traces, metrics and logs, when <c>Telemetry:Enabled</c> is true. Off, nothing is registered:
    /// Samspil's own spans and instruments then have no listener and cost a null check.
    /// </summary>
    public static IServiceCollection AddSamspilTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (!options.Enabled)
        {
            return services;
        }

        if (options.SamplingRatio is < 0 or > 1 || double.IsNaN(options.SamplingRatio))
        {
            throw new InvalidOperationException("Telemetry:SamplingRatio must be between 0 and 1.");
        }

        var endpoint = string.IsNullOrWhiteSpace(options.Otlp.Endpoint) ? null : new Uri(options.Otlp.Endpoint, UriKind.Absolute);
        var export = endpoint is not null || !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT"));
        var protocol = options.Otlp.Protocol.Trim().ToLowerInvariant() switch
        {
            "grpc" => OtlpExportProtocol.Grpc,
            "http/protobuf" or "http" => OtlpExportProtocol.HttpProtobuf,
            _ => throw new InvalidOperationException("Telemetry:Otlp:Protocol must be 'grpc' or 'http/protobuf'."),
        };

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName, serviceInstanceId: Environment.MachineName))
            .WithTracing(tracing =>
            {
                tracing
                    .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(options.SamplingRatio)))
                    .AddSource(SamspilTelemetry.Name)
                    .AddAspNetCoreInstrumentation(aspNetCore =>
                    {
                        aspNetCore.Filter = context => !context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);
                        aspNetCore.EnrichWithHttpResponse = (activity, response) => WithoutPath(activity, response.HttpContext);
                        aspNetCore.RecordException = false; // an exception's message may carry citizen data
                    })
                    .AddHttpClientInstrumentation(http =>
                    {
                        http.EnrichWithHttpRequestMessage = (activity, request) => WithOriginOnly(activity, request.RequestUri);
                        http.RecordException = false;
                    })
                    .AddEntityFrameworkCoreInstrumentation(); // parameterised SQL with literals masked; parameter values only behind an experimental variable Samspil never sets
                if (export)
                {
                    tracing.AddOtlpExporter(otlp => Configure(otlp, endpoint, protocol, options.Otlp.Headers, "v1/traces"));
                }
            })
            .WithMetrics(metrics =>
            {
                metrics
                    .AddMeter(Meters)
                    .AddInstrumentation(sp => new OutboxLagGauge(
                        sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
                        sp.GetRequiredService<IServiceScopeFactory>(),
                        sp.GetRequiredService<TimeProvider>()));
                if (export)
                {
                    metrics.AddOtlpExporter(otlp => Configure(otlp, endpoint, protocol, options.Otlp.Headers, "v1/metrics"));
                }
            });
        if (options.ExportLogs)
        {
            // Serilog hands every event on to this provider (writeToProviders in Program.cs), rendered and with the trace id.
            telemetry.WithLogging(
                logging =>
                {
                    if (export)
                    {
                        logging.AddOtlpExporter(otlp => Configure(otlp, endpoint, protocol, options.Otlp.Headers, "v1/logs"));
                    }
                },
                logOptions => logOptions.IncludeFormattedMessage = true);
        }

        return services;
    }

    /// <summary>
    /// The server span keeps the route template (its name and <c>http.route</c>) but not the path or query, which
    /// hold ids (and a client may put anything in them).
    /// </summary>
    private static void WithoutPath(System.Diagnostics.Activity activity, HttpContext context)
    {
        activity.SetTag("url.path", RouteTemplateEnricher.RouteOf(context));
        activity.SetTag("url.query", null);
    }

    /// <summary>An outgoing call keeps scheme, host and port; the path and query of a calendar feed or an intake may name someone or hold a token.</summary>
    private static void WithOriginOnly(System.Diagnostics.Activity activity, Uri? uri)
    {
        if (uri is { IsAbsoluteUri: true })
        {
            activity.SetTag("url.full", uri.GetLeftPart(UriPartial.Authority) + "/");
        }
    }

    private static void Configure(OtlpExporterOptions otlp, Uri? endpoint, OtlpExportProtocol protocol, string? headers, string signalPath)
    {
        otlp.Protocol = protocol;
        if (endpoint is not null)
        {
            // With http/protobuf each signal has its own path under the collector's address.
            otlp.Endpoint = protocol == OtlpExportProtocol.HttpProtobuf && endpoint.AbsolutePath is "/" or ""
                ? new Uri(endpoint, signalPath)
                : endpoint;
        }

        if (!string.IsNullOrWhiteSpace(headers))
        {
            otlp.Headers = headers;
        }
    }
}
