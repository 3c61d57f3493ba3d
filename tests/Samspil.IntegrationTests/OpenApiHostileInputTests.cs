using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Samspil.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Samspil.IntegrationTests;

/// <summary>
/// Hostile input generated from the app's own OpenAPI document: every operation, as every sign-in role
/// and anonymously, gets malformed bodies, odd charsets, dates at the limits, nulls in arrays, huge
/// strings, broken multipart bodies, bad path ids and odd query values. No answer may be a 5xx.
/// To stay fast, the full set goes to one representative role per operation (the first demo login
/// the operation does not refuse outright) and a small set goes to every role.
/// </summary>
public abstract class OpenApiHostileInputTests(SamspilFactory factory, ITestOutputHelper output)
{
    private const string Huge = "huge";
    private static readonly string HugeString = new('x', 200_000);

    /// <summary>One login per sign-in role, in the order tried as the representative; null is anonymous.</summary>
    private static readonly string?[] Roles = ["behandler.odense", "admin.region", "borger.preben", "paaroerende.louise", "integration.region", null];

    [Fact]
    public async Task Every_operation_in_the_OpenAPI_document_answers_hostile_input_from_every_role_without_a_5xx()
    {
        var watch = Stopwatch.StartNew();
        using var anonymous = factory.CreateClient();
        var document = await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var operations = Operations(document).ToList();
        Assert.True(operations.Count > 50, $"The OpenAPI document lists only {operations.Count} operations.");

        // Routes the document leaves out (they serve the web pages) but anyone can reach.
        var text = new Schema("string", null, new Dictionary<string, Schema>(), null, []);
        operations.Add(new Operation(HttpMethod.Post, "/culture", [("culture", text), ("returnUrl", text)], [], null));

        var clients = new Dictionary<string, HttpClient>(StringComparer.Ordinal);
        foreach (var role in Roles)
        {
            clients[role ?? "anonymous"] = role is null ? factory.CreateClient() : await factory.ClientForAsync(role);
        }

        var ids = await FixtureIdsAsync(clients["behandler.odense"], operations);
        var failures = new ConcurrentBag<string>();
        var sent = 0;

        async Task SendAsync(string role, Operation operation, Case hostile)
        {
            using var request = hostile.Build(operation, ids);
            HttpResponseMessage response;
            try
            {
                response = await clients[role].SendAsync(request);
            }
            catch (Exception ex)
            {
                failures.Add($"{operation.Method} {operation.Path} [{hostile.Name}] as {role} → threw {ex.GetType().Name}");
                return;
            }

            Interlocked.Increment(ref sent);
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"{operation.Method} {operation.Path} [{hostile.Name}] as {role} → {(int)response.StatusCode}");
            }

            response.Dispose();
        }

        // Logout ends every session of the caller's account, so it goes last: before, it would turn the rest into 401s.
        var endsSession = operations.Where(o => o.Path.Equals("/api/v1/auth/logout", StringComparison.OrdinalIgnoreCase)).ToList();
        operations.RemoveAll(endsSession.Contains);
        Assert.NotEmpty(endsSession);

        async Task HammerAsync(IReadOnlyList<Operation> batch)
        {
            // The representative role: the first that is not refused outright on the baseline request.
            var representative = new ConcurrentDictionary<Operation, string>();
            var probed = new ConcurrentDictionary<(Operation, string), HttpStatusCode>();
            await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (operation, ct) =>
            {
                var chosen = "behandler.odense";
                foreach (var role in Roles.Where(r => r is not null))
                {
                    using var probe = Case.Baseline.Build(operation, ids);
                    using var answer = await clients[role!].SendAsync(probe, ct);
                    Interlocked.Increment(ref sent);
                    probed[(operation, role!)] = answer.StatusCode;
                    if ((int)answer.StatusCode >= 500)
                    {
                        failures.Add($"{operation.Method} {operation.Path} [baseline] as {role} → {(int)answer.StatusCode}");
                    }

                    if (answer.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound))
                    {
                        chosen = role!;
                        break;
                    }
                }

                representative[operation] = chosen;
            });

            var work = new List<(string Role, Operation Operation, Case Case)>();
            foreach (var operation in batch)
            {
                foreach (var hostile in Case.FullSet(operation))
                {
                    work.Add((representative[operation], operation, hostile));
                }

                foreach (var role in clients.Keys.Where(r => r != representative[operation]))
                {
                    // A role the probe saw turned away before any input was read (401, 403) has nothing more to show.
                    var probe = probed.TryGetValue((operation, role), out var status) ? status : (HttpStatusCode?)null;
                    if (probe is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                    {
                        continue;
                    }

                    foreach (var hostile in Case.SmallSet(operation).Where(c => c != Case.Baseline || probe is null))
                    {
                        work.Add((role, operation, hostile));
                    }
                }
            }

            await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (item, _) => await SendAsync(item.Role, item.Operation, item.Case));
        }

        await HammerAsync(operations);
        try
        {
            await HammerAsync(endsSession);
        }
        finally
        {
            // The logouts ended the sessions of the demo logins; the classes that share this factory sign in again.
            factory.ForgetSignIns();
        }

        foreach (var failure in failures.Distinct().Order(StringComparer.Ordinal))
        {
            output.WriteLine(failure);
        }

        output.WriteLine($"Ids found: {string.Join(", ", ids.Keys.Order(StringComparer.Ordinal))}.");
        output.WriteLine($"{operations.Count} operations, {sent} hostile requests in {watch.Elapsed.TotalSeconds:F1} s on {factory.ProviderName}.");
        foreach (var client in clients.Values)
        {
            client.Dispose();
        }

        Assert.True(failures.IsEmpty, $"{failures.Count} answers were 5xx:\n" + string.Join("\n", failures.Distinct().Order(StringComparer.Ordinal).Take(80)));
    }

    /// <summary>
    /// Ids that exist, so that a hostile body reaches the handler: a fresh course of behandler.odense with
    /// a plan goal, an action, proposed meetings and a thread, then every id found in what the GET
    /// operations answer (an array "goals" of objects with "id" gives goalId, and so on).
    /// </summary>
    private static async Task<Dictionary<string, string>> FixtureIdsAsync(HttpClient professional, IReadOnlyList<Operation> operations)
    {
        var course = await TestData.CreateCourseAsync(professional);
        var courseId = course.GetProperty("id").GetGuid();
        var ids = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["courseId"] = courseId.ToString(),
            ["memberId"] = course.GetProperty("network")[0].GetProperty("id").GetGuid().ToString(),
            ["code"] = "ptsd-refugee",
        };

        async Task PostAsync(string path, object body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: SamspilFactory.Json) };
            request.Headers.TryAddWithoutValidation("If-Match", "*");
            using var _ = await professional.SendAsync(request);
        }

        await PostAsync($"/api/v1/courses/{courseId}/plan/goals", new { title = "Arbejde 10 timer", citizenWish = "Jeg vil arbejde", subGoals = new[] { "Praktik" } });
        await PostAsync($"/api/v1/courses/{courseId}/plan/challenges", new { area = "Work", text = "Søvn" });
        await PostAsync($"/api/v1/courses/{courseId}/meetings/from-template", new { });
        await PostAsync($"/api/v1/courses/{courseId}/meetings", new { kind = "Acute", title = "Akut møde", format = "InPerson" });
        await PostAsync($"/api/v1/courses/{courseId}/conversations", new { subject = "Emne", participants = Array.Empty<Guid>(), text = "Hej" });

        foreach (var operation in operations.Where(o => o.Method == HttpMethod.Get && o.PathParameters.All(p => ids.ContainsKey(p))))
        {
            using var response = await professional.GetAsync(Case.Fill(operation.Path, ids, null, null));
            if (response.IsSuccessStatusCode && response.Content.Headers.ContentType?.MediaType == "application/json")
            {
                Harvest(JsonNode.Parse(await response.Content.ReadAsStringAsync()), null, ids);
            }

            // Goal ids appear only once the plan is read; an action needs one.
            if (ids.TryGetValue("goalId", out var goalId) && !ids.ContainsKey("actionId"))
            {
                ids["actionId"] = "pending";
                await PostAsync($"/api/v1/courses/{courseId}/plan/actions", new { goalId, text = "Ring til jobcentret", ownerIsCitizen = true, dueDate = "2026-12-01" });
                ids.Remove("actionId");
            }
        }

        return ids;
    }

    private static void Harvest(JsonNode? node, string? arrayName, Dictionary<string, string> ids)
    {
        switch (node)
        {
            case JsonObject obj:
                if (arrayName is not null && obj["id"] is JsonValue id && id.TryGetValue<string>(out var value) && Guid.TryParse(value, out _))
                {
                    var singular = arrayName.EndsWith("ies", StringComparison.Ordinal) ? arrayName[..^3] + "y" : arrayName.TrimEnd('s');
                    ids.TryAdd(singular + "Id", value);
                    if (arrayName is "network" or "members")
                    {
                        ids.TryAdd("memberId", value);
                    }

                    if (arrayName.EndsWith("points", StringComparison.OrdinalIgnoreCase) || arrayName == "agenda")
                    {
                        ids.TryAdd("pointId", value);
                    }
                }

                foreach (var (name, child) in obj)
                {
                    Harvest(child, child is JsonArray ? name : null, ids);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Harvest(item, arrayName, ids);
                }

                break;
        }
    }

    private static IEnumerable<Operation> Operations(JsonElement document)
    {
        var schemas = document.TryGetProperty("components", out var components) && components.TryGetProperty("schemas", out var s) ? s : default;
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var item in path.Value.EnumerateObject())
            {
                var method = item.Name.ToUpperInvariant() switch
                {
                    "GET" => HttpMethod.Get,
                    "POST" => HttpMethod.Post,
                    "PUT" => HttpMethod.Put,
                    "DELETE" => HttpMethod.Delete,
                    "PATCH" => HttpMethod.Patch,
                    _ => null,
                };
                if (method is null)
                {
                    continue;
                }

                var query = new List<(string Name, Schema Schema)>();
                if (item.Value.TryGetProperty("parameters", out var parameters))
                {
                    foreach (var parameter in parameters.EnumerateArray())
                    {
                        if (parameter.GetProperty("in").GetString() == "query")
                        {
                            query.Add((parameter.GetProperty("name").GetString()!, Schema.Of(parameter.TryGetProperty("schema", out var ps) ? ps : default, schemas)));
                        }
                    }
                }

                var contentTypes = new List<string>();
                Schema? body = null;
                if (item.Value.TryGetProperty("requestBody", out var requestBody) && requestBody.TryGetProperty("content", out var content))
                {
                    foreach (var type in content.EnumerateObject())
                    {
                        contentTypes.Add(type.Name);
                        if (body is null && type.Value.TryGetProperty("schema", out var bs))
                        {
                            body = Schema.Of(bs, schemas);
                        }
                    }
                }

                yield return new Operation(method, path.Name, query, contentTypes, body);
            }
        }
    }

    internal sealed record Operation(HttpMethod Method, string Path, IReadOnlyList<(string Name, Schema Schema)> Query, IReadOnlyList<string> ContentTypes, Schema? Body)
    {
        public IReadOnlyList<string> PathParameters { get; } = System.Text.RegularExpressions.Regex.Matches(Path, "\\{([^}:]+)[^}]*\\}").Select(m => m.Groups[1].Value).ToList();

        public bool HasBody => ContentTypes.Count > 0;

        public bool AcceptsMultipart => ContentTypes.Any(t => t.StartsWith("multipart/", StringComparison.Ordinal));

        /// <summary>A body-less unsafe operation with real ids would just do its job (revoke, mark held…), so it only gets bad ids.</summary>
        public bool RealIdsAllowed => Method == HttpMethod.Get || HasBody;

        public override string ToString() => $"{Method} {Path}";
    }

    /// <summary>A request schema reduced to what hostile values need: kind, format, properties, items.</summary>
    internal sealed record Schema(string Kind, string? Format, IReadOnlyDictionary<string, Schema> Properties, Schema? Items, IReadOnlyList<string> Enum)
    {
        private static readonly Schema Unknown = new("unknown", null, new Dictionary<string, Schema>(), null, []);

        public static Schema Of(JsonElement element, JsonElement schemas, int depth = 0)
        {
            if (element.ValueKind != JsonValueKind.Object || depth > 6)
            {
                return Unknown;
            }

            if (element.TryGetProperty("$ref", out var reference))
            {
                var name = reference.GetString()!.Split('/')[^1];
                return schemas.ValueKind == JsonValueKind.Object && schemas.TryGetProperty(name, out var target) ? Of(target, schemas, depth + 1) : Unknown;
            }

            foreach (var combinator in new[] { "anyOf", "oneOf", "allOf" })
            {
                if (element.TryGetProperty(combinator, out var options))
                {
                    foreach (var option in options.EnumerateArray())
                    {
                        var candidate = Of(option, schemas, depth + 1);
                        if (candidate.Kind is not ("null" or "unknown"))
                        {
                            return candidate;
                        }
                    }
                }
            }

            var kind = "unknown";
            if (element.TryGetProperty("type", out var type))
            {
                kind = type.ValueKind == JsonValueKind.Array
                    ? type.EnumerateArray().Select(t => t.GetString()!).FirstOrDefault(t => t != "null") ?? "null"
                    : type.GetString()!;
            }

            var properties = new Dictionary<string, Schema>(StringComparer.Ordinal);
            if (element.TryGetProperty("properties", out var props))
            {
                kind = kind == "unknown" ? "object" : kind;
                foreach (var p in props.EnumerateObject())
                {
                    properties[p.Name] = Of(p.Value, schemas, depth + 1);
                }
            }

            var items = element.TryGetProperty("items", out var i) ? Of(i, schemas, depth + 1) : null;
            var format = element.TryGetProperty("format", out var f) ? f.GetString() : null;
            var values = element.TryGetProperty("enum", out var e) ? e.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList() : [];
            return new Schema(kind, format, properties, items, values);
        }
    }

    /// <summary>One hostile request shape, applied to an operation.</summary>
    internal sealed record Case(string Name, Func<Operation, Dictionary<string, string>, HttpRequestMessage> Build)
    {
        private static readonly string[] BadIds = ["00000000-0000-0000-0000-000000000000", new string('9', 400)];

        public static readonly Case Baseline = new("baseline", (o, ids) => Request(o, ids, o.HasBody ? Json("{}") : null));

        public static string Fill(string template, Dictionary<string, string> ids, string? badParameter, string? badValue) =>
            System.Text.RegularExpressions.Regex.Replace(template, "\\{([^}:]+)[^}]*\\}", m =>
            {
                var name = m.Groups[1].Value;
                if (name == badParameter)
                {
                    return badValue!;
                }

                // A bare {id} takes its kind from the segment before it: /consents/{id} → consentId.
                if (name == "id")
                {
                    var before = template[..m.Index].TrimEnd('/').Split('/')[^1];
                    var singular = before.EndsWith("ies", StringComparison.Ordinal) ? before[..^3] + "y" : before.TrimEnd('s');
                    name = singular.Replace("-", string.Empty, StringComparison.Ordinal) + "Id";
                }

                return ids.TryGetValue(name, out var id) ? id : Guid.NewGuid().ToString();
            });

        /// <summary>Every hostile case for the representative role.</summary>
        public static IEnumerable<Case> FullSet(Operation operation)
        {
            yield return Baseline;
            if (operation.HasBody)
            {
                foreach (var (name, text) in MalformedJson)
                {
                    yield return new(name, (o, ids) => Request(o, ids, Json(text)));
                }

                foreach (var charset in new[] { "ebcdic" })
                {
                    yield return new($"charset={charset}", (o, ids) => Request(o, ids, Json("{}", $"application/json; charset={charset}")));
                }

                yield return new("invalid UTF-8", (o, ids) => Request(o, ids, Bytes([0x7B, 0x22, 0xC3, 0x28, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D], "application/json")));
                yield return new("text/plain", (o, ids) => Request(o, ids, Bytes("{}"u8.ToArray(), "text/plain")));
                foreach (var (name, body) in operation.AcceptsMultipart ? Multipart : Multipart[..1])
                {
                    yield return new(name, (o, ids) => Request(o, ids, body()));
                }

                if (operation.Body is { } schema)
                {
                    foreach (var variant in new[] { "max", "dates-min", "dates-max", "nulls", Huge, "wrong" })
                    {
                        yield return new($"schema:{variant}", (o, ids) => Request(o, ids, Json(Generate(schema, variant, 0)?.ToJsonString() ?? "null")));
                    }
                }
            }

            foreach (var (name, schema) in operation.Query)
            {
                foreach (var value in QueryValues(schema))
                {
                    yield return new($"?{name}={Shorten(value)}", (o, ids) => Request(o, ids, o.HasBody ? Json("{}") : null, $"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value)}"));
                }
            }

            foreach (var parameter in operation.PathParameters)
            {
                foreach (var bad in BadIds)
                {
                    yield return new($"{{{parameter}}}={Shorten(bad)}", (o, ids) => Request(o, ids, o.HasBody ? Json("{}") : null, badParameter: parameter, badValue: bad));
                }
            }
        }

        /// <summary>The few cases every other role gets.</summary>
        public static IEnumerable<Case> SmallSet(Operation operation)
        {
            // The representative role gets every body and charset; what differs between roles is how far a request
            // gets, so the others get the request that reaches deepest: nulls in lists with dates at the far limit.
            yield return Baseline;
            if (operation.HasBody)
            {
                if (operation.Body is { } schema)
                {
                    yield return new("schema:nulls", (o, ids) => Request(o, ids, Json(Generate(schema, "nulls", 0)?.ToJsonString() ?? "null")));
                }

                if (operation.AcceptsMultipart)
                {
                    yield return new(Multipart[0].Name, (o, ids) => Request(o, ids, Multipart[0].Body()));
                }
            }

            if (operation.Query.Count > 0)
            {
                yield return new("query:max", (o, ids) => Request(o, ids, o.HasBody ? Json("{}") : null,
                    string.Join('&', o.Query.Select(q => $"{Uri.EscapeDataString(q.Name)}={Uri.EscapeDataString(QueryValues(q.Schema).First())}"))));
            }
        }

        private static readonly (string Name, string Text)[] MalformedJson =
        [
            ("truncated", "{\"a\":"),
            ("array", "[1,2,3]"),
            ("null", "null"),
            ("deep", string.Concat(Enumerable.Repeat("[", 5000)) + string.Concat(Enumerable.Repeat("]", 5000))),
            ("lone surrogate", "{\"text\":\"\\uD800\"}"),
        ];

        private static readonly (string Name, Func<HttpContent> Body)[] Multipart =
        [
            ("multipart:unterminated", () => Bytes(Encoding.ASCII.GetBytes("--b0undary\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nhej"), "multipart/form-data; boundary=b0undary")),
            ("multipart:no boundary", () => Bytes(Encoding.ASCII.GetBytes("--x\r\n\r\n--x--\r\n"), "multipart/form-data")),
            ("multipart:garbage", () => Bytes(Encoding.ASCII.GetBytes("this is not multipart at all"), "multipart/form-data; boundary=zzz")),
            ("multipart:no disposition", () => Bytes(Encoding.ASCII.GetBytes("--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--\r\n"), "multipart/form-data; boundary=b")),
            ("multipart:header flood", () => Bytes(Encoding.ASCII.GetBytes("--b\r\nX: " + new string('h', 100_000) + "\r\n\r\nx\r\n--b--\r\n"), "multipart/form-data; boundary=b")),
        ];

        private static IEnumerable<string> QueryValues(Schema schema) => (schema.Kind, schema.Format) switch
        {
            (_, "date") => ["9999-12-31", "0001-01-01", "2026-02-30"],
            (_, "date-time") => ["9999-12-31T23:59:59.9999999+00:00", "0001-01-01T00:00:00+00:00", "not-a-time"],
            (_, "uuid") => ["not-a-guid", "00000000-0000-0000-0000-000000000000"],
            ("integer", _) => ["2147483647", "-2147483648", "0", "x"],
            ("number", _) => ["1e308", "NaN"],
            ("boolean", _) => ["maybe"],
            _ when schema.Enum.Count > 0 => ["Bogus"],
            _ => [HugeString[..20_000], "\u0000", "/\\evil.example"],
        };

        /// <summary>A JSON value for a schema in one hostile variant.</summary>
        private static JsonNode? Generate(Schema schema, string variant, int depth)
        {
            if (depth > 5)
            {
                return null;
            }

            // Only the dates, at a limit, and nothing else: reaches date arithmetic behind optional fields (triggerDate).
            if (variant.StartsWith("dates-", StringComparison.Ordinal))
            {
                var limit = variant == "dates-min" ? "min" : "max";
                return schema.Kind switch
                {
                    "object" => new JsonObject(schema.Properties
                        .Select(p => KeyValuePair.Create(p.Key, Generate(p.Value, variant, depth + 1)))
                        .Where(p => p.Value is not null)),
                    "array" when schema.Items is not null && Generate(schema.Items, variant, depth + 1) is { } item => new JsonArray(item),
                    "string" when schema.Format is "date" or "date-time" => Generate(schema, limit, depth),
                    _ => null,
                };
            }

            switch (schema.Kind)
            {
                case "object":
                    var obj = new JsonObject();
                    foreach (var (name, property) in schema.Properties)
                    {
                        obj[name] = variant == "allnull" ? null : Generate(property, variant, depth + 1);
                    }

                    return obj;
                case "array":
                    return variant switch
                    {
                        "nulls" => new JsonArray(null, schema.Items is null ? null : Generate(schema.Items, "max", depth + 1), null),
                        "empty-arrays" => new JsonArray(),
                        "wrong" => new JsonArray(new JsonObject(), 1, "x"),
                        _ => new JsonArray(schema.Items is null ? null : Generate(schema.Items, variant, depth + 1)),
                    };
                case "string":
                    return (schema.Format, variant) switch
                    {
                        ("date", "min") => "0001-01-01",
                        ("date", _) => "9999-12-31",
                        ("date-time", "min") => "0001-01-01T00:00:00+00:00",
                        ("date-time", _) => "9999-12-31T23:59:59.9999999+00:00",
                        ("uuid", "min") => Guid.Empty.ToString(),
                        ("uuid", _) => Guid.NewGuid().ToString(),
                        (_, "wrong") => JsonValue.Create(12),
                        (_, Huge) => HugeString,
                        _ when schema.Enum.Count > 0 => variant == "min" ? schema.Enum[0] : schema.Enum[^1],
                        (_, "min") => string.Empty,
                        _ => "x",
                    };
                case "integer":
                    return variant switch
                    {
                        "min" => JsonValue.Create(int.MinValue),
                        "numbers" => JsonValue.Create(long.MaxValue),
                        "wrong" => JsonValue.Create("x"),
                        _ => JsonValue.Create(int.MaxValue),
                    };
                case "number":
                    return variant == "wrong" ? JsonValue.Create("x") : JsonValue.Create(variant == "min" ? -1e308 : 1e308);
                case "boolean":
                    return variant == "wrong" ? JsonValue.Create("maybe") : JsonValue.Create(variant != "min");
                default:
                    return variant == "wrong" ? new JsonArray() : null;
            }
        }

        private static HttpRequestMessage Request(Operation operation, Dictionary<string, string> ids, HttpContent? content, string? query = null, string? badParameter = null, string? badValue = null)
        {
            var path = Fill(operation.Path, operation.RealIdsAllowed ? ids : NoIds, badParameter, badValue);
            var request = new HttpRequestMessage(operation.Method, query is null ? path : $"{path}?{query}") { Content = content };
            request.Headers.TryAddWithoutValidation("If-Match", "*");
            return request;
        }

        private static readonly Dictionary<string, string> NoIds = new(StringComparer.Ordinal);

        private static HttpContent Json(string text, string contentType = "application/json") => Bytes(Encoding.UTF8.GetBytes(text), contentType);

        private static HttpContent Bytes(byte[] bytes, string contentType)
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            return content;
        }

        private static string Shorten(string value) => value.Length > 24 ? $"{value[..12]}…({value.Length})" : value;
    }
}

[Collection(SqliteCollection.Name)]
public sealed class OpenApiHostileInputTestsOnSqlite(SqliteFactory factory, ITestOutputHelper output) : OpenApiHostileInputTests(factory, output);

[Collection(PostgresCollection.Name)]
public sealed class OpenApiHostileInputTestsOnPostgres(PostgresFactory factory, ITestOutputHelper output) : OpenApiHostileInputTests(factory, output);
