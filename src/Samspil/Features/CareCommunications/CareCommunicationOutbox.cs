using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;

namespace Samspil.Features.CareCommunications;

/// <summary>
/// Where Samspil's outgoing MedCom bundles go (CareCommunications and acknowledgements): a folder
/// (&lt;MessageHeader.id&gt;.json, written under a temporary name and renamed when complete) and/or an
/// HTTP POST (application/fhir+json) to a configured URL, e.g. the region's or a VANS gateway's
/// intake. Delivery is tried once, at once; a failure is recorded on the envelope, the bundle kept.
/// </summary>
public sealed class CareCommunicationOutbox(IOptions<CareCommunicationOptions> options, IHttpClientFactory http)
{
    public const string HttpClientName = "CareCommunicationOutbox";

    private CareCommunicationOutboxOptions Outbox => options.Value.Outbox;

    public bool Configured => !string.IsNullOrWhiteSpace(Outbox.Folder) || !string.IsNullOrWhiteSpace(Outbox.Url);

    public async Task<(bool Delivered, string? Detail)> DeliverAsync(string messageHeaderId, string json, CancellationToken cancellationToken)
    {
        using var activity = Infrastructure.Telemetry.SamspilTelemetry.StartCareCommunicationDelivery(!string.IsNullOrWhiteSpace(Outbox.Folder), !string.IsNullOrWhiteSpace(Outbox.Url));
        var result = await DeliverCoreAsync(messageHeaderId, json, cancellationToken);
        Infrastructure.Telemetry.SamspilTelemetry.CareCommunicationDelivered(activity, result.Delivered);
        return result;
    }

    private async Task<(bool Delivered, string? Detail)> DeliverCoreAsync(string messageHeaderId, string json, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        if (Outbox.Folder is { Length: > 0 } folder)
        {
            try
            {
                System.IO.Directory.CreateDirectory(folder);
                var name = string.Concat(messageHeaderId.Where(c => char.IsAsciiLetterOrDigit(c) || c == '-'));
                var temporary = Path.Combine(folder, name + ".json.tmp");
                await File.WriteAllTextAsync(temporary, json, new UTF8Encoding(false), cancellationToken);
                File.Move(temporary, Path.Combine(folder, name + ".json"), overwrite: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                problems.Add("folder: " + ex.GetType().Name);
            }
        }

        if (Outbox.Url is { Length: > 0 } url)
        {
            try
            {
                using var client = http.CreateClient(HttpClientName);
                client.Timeout = TimeSpan.FromSeconds(Math.Max(1, Outbox.TimeoutSeconds));
                using var content = new StringContent(json, Encoding.UTF8);
                content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/fhir+json; charset=utf-8");
                using var response = await client.PostAsync(new Uri(url), content, cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    problems.Add($"http: {(int)response.StatusCode}");
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or UriFormatException or InvalidOperationException)
            {
                problems.Add("http: " + ex.GetType().Name);
            }
        }

        return (problems.Count == 0, problems.Count == 0 ? null : string.Join("; ", problems));
    }
}
