using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Samspil.IntegrationTests.HospitalNotifications;

/// <summary>
/// The example MedCom messages (Examples/*.json, built by make_examples.py) for one test citizen: the
/// example CPR number is replaced by the citizen's, and every id by a fresh one, the same fresh id for
/// the same example id within the scenario, so corrections and cancellations still point at the
/// messages they are about and no two tests share a message id.
/// </summary>
public sealed partial class HospitalScenario(string cpr)
{
    public const string ExampleCpr = "2801588999";

    private readonly Dictionary<string, string> _ids = new(StringComparer.Ordinal);

    public string Cpr { get; } = cpr;

    public static string ExamplesFolder => Path.Combine(AppContext.BaseDirectory, "HospitalNotifications", "Examples");

    /// <summary>The example's text for this scenario.</summary>
    public string Message(string example)
    {
        var text = File.ReadAllText(Path.Combine(ExamplesFolder, example + ".json"));
        return Uuid().Replace(text.Replace(ExampleCpr, Cpr, StringComparison.Ordinal), m =>
        {
            if (!_ids.TryGetValue(m.Value, out var id))
            {
                id = Guid.NewGuid().ToString();
                _ids[m.Value] = id;
            }

            return id;
        });
    }

    /// <summary>The MedCom message id (MessageHeader.id) of the example in this scenario.</summary>
    public string MessageId(string example) =>
        JsonDocument.Parse(Message(example)).RootElement.GetProperty("entry")[0].GetProperty("resource").GetProperty("id").GetString()!;

    public Task<HttpResponseMessage> PostAsync(HttpClient client, string example) => PostRawAsync(client, Message(example));

    public static Task<HttpResponseMessage> PostRawAsync(HttpClient client, string body, string contentType = "application/fhir+json")
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType + "; charset=utf-8");
        return client.PostAsync("/api/v1/hospital-notifications", content);
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Uuid();
}
