using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Samspil.Benchmarks.Fhir;

/// <summary>
/// <c>fhir-tasks [--actions N] [--runs R] [--warmup W]</c> (issue 20): "a FHIR search of a citizen's Tasks answers at least as
/// fast as the corresponding /api/v1 route on the same data". Starts the real application in-process (SQLite file, demo data,
/// a real bearer token for behandler.odense), gives one new citizen's course a plan with N actions (default 50) through
/// /api/v1, then times, interleaved in the same run, <c>GET /fhir/Task?patient=Patient/{id}</c> against
/// <c>GET /api/v1/courses/{id}/plan</c> (the /api/v1 route that returns the course's actions), each answer read to the end.
/// Both go through the whole pipeline: authentication, the access policy, the access log's append (a durable write on each
/// request), serialisation.
/// </summary>
/// <remarks>A Stopwatch console like the offerings benchmark: the start (migrations, demo data) takes most of the time and
/// must happen once; medians of interleaved runs answer the question on a shared machine.</remarks>
internal static class FhirTaskSearchBenchmark
{
    private const string Password = "Samspil-demo-2026";

    public static async Task<int> RunAsync(string[] args)
    {
        var actions = Option(args, "--actions", 50);
        var runs = Option(args, "--runs", 200);
        var warmup = Option(args, "--warmup", 20);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"== FHIR Task search vs /api/v1 plan: {actions} actions, {warmup} warm-up + {runs} timed runs each, interleaved"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   .NET {Environment.Version}, {Environment.ProcessorCount} cores, load average {LoadAverage()}"));

        var path = Path.Combine(Path.GetTempPath(), $"samspil-fhir-bench-{Guid.NewGuid():N}.db");
        try
        {
            await using var app = new BenchmarkApplication(path);
            using var http = app.CreateClient();
            var token = await http.PostAsJsonAsync("/api/v1/auth/token", new { username = "behandler.odense", password = Password });
            token.EnsureSuccessStatusCode();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
            var (courseId, citizenId) = await SeedAsync(http, actions);

            var fhir = $"/fhir/Task?patient=Patient/{citizenId}&_count=200";
            var api = $"/api/v1/courses/{courseId}/plan";
            var fhirCount = (await (await http.GetAsync(fhir)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("total").GetInt32();
            var apiCount = (await http.GetFromJsonAsync<JsonElement>(api)).GetProperty("actions").GetArrayLength();
            if (fhirCount != actions || apiCount != actions)
            {
                throw new InvalidOperationException($"Expected {actions} actions from both, got FHIR {fhirCount} and /api/v1 {apiCount}.");
            }

            var fhirTimes = new List<double>();
            var apiTimes = new List<double>();
            for (var i = 0; i < warmup + runs; i++)
            {
                // Alternate which goes first, so neither always gets the warmer cache.
                var first = i % 2 == 0 ? fhir : api;
                var second = i % 2 == 0 ? api : fhir;
                var a = await TimeAsync(http, first);
                var b = await TimeAsync(http, second);
                if (i >= warmup)
                {
                    (first == fhir ? fhirTimes : apiTimes).Add(a);
                    (second == fhir ? fhirTimes : apiTimes).Add(b);
                }
            }

            Report($"GET {fhir.Replace(citizenId.ToString(), "{id}", StringComparison.Ordinal)}", fhirTimes);
            Report($"GET {api.Replace(courseId.ToString(), "{id}", StringComparison.Ordinal)}", apiTimes);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   FHIR / api median ratio: {Median(fhirTimes) / Median(apiTimes):0.00}; load average after {LoadAverage()}"));
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    private static async Task<(Guid CourseId, Guid CitizenId)> SeedAsync(HttpClient http, int actions)
    {
        var organizations = await http.GetFromJsonAsync<JsonElement>("/api/v1/organizations");
        Guid Org(string name) => organizations.EnumerateArray().Single(o => o.GetProperty("name").GetString() == name).GetProperty("id").GetGuid();
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var created = await http.PostAsJsonAsync("/api/v1/courses", new
        {
            citizen = new { cpr = "0101587999", givenName = "Bench", familyName = "Demo-Måling", preferredLanguage = "da", interpreterNeeded = false },
            targetGroupCode = "ptsd-refugee",
            phase = "Assessment",
            startDate = today,
            regionOrganizationId = Org("Traumeklinikken Odense"),
            municipalityOrganizationId = Org("Jobcenter Odense"),
            creatorRole = "Coordinator",
            citizenAgreement = new { agreedOn = today, method = "InPerson" },
        });
        created.EnsureSuccessStatusCode();
        var course = await created.Content.ReadFromJsonAsync<JsonElement>();
        var courseId = course.GetProperty("id").GetGuid();
        var memberId = course.GetProperty("network")[0].GetProperty("id").GetGuid();
        var version = 0;
        JsonElement plan = default;
        for (var g = 0; g < 5; g++)
        {
            plan = await ChangeAsync(http, $"/api/v1/courses/{courseId}/plan/goals", version, new { title = $"Mål {g + 1}", subGoals = new[] { "Første skridt", "Andet skridt" } });
            version = plan.GetProperty("version").GetInt32();
        }

        var goals = plan.GetProperty("goals").EnumerateArray().Select(x => x.GetProperty("id").GetGuid()).ToList();
        for (var i = 0; i < actions; i++)
        {
            var due = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(i % 60).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            object body = i % 3 == 0
                ? new { goalId = goals[i % goals.Count], text = $"Indsats {i + 1}", ownerIsCitizen = true, dueDate = due }
                : new { goalId = goals[i % goals.Count], text = $"Indsats {i + 1}", ownerMemberId = memberId, dueDate = due };
            version = (await ChangeAsync(http, $"/api/v1/courses/{courseId}/plan/actions", version, body)).GetProperty("version").GetInt32();
        }

        return (courseId, course.GetProperty("citizen").GetProperty("id").GetGuid());
    }

    private static async Task<JsonElement> ChangeAsync(HttpClient http, string url, int version, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<double> TimeAsync(HttpClient http, string url)
    {
        var watch = Stopwatch.StartNew();
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseContentRead);
        response.EnsureSuccessStatusCode();
        _ = await response.Content.ReadAsByteArrayAsync();
        return watch.Elapsed.TotalMilliseconds;
    }

    private static void Report(string label, List<double> times)
    {
        var sorted = times.Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   {label,-48} median {Median(sorted),7:0.00} ms   p90 {sorted[(int)(sorted.Count * 0.9)],7:0.00} ms   min {sorted[0],7:0.00} ms   (n={sorted.Count})"));
    }

    private static double Median(IEnumerable<double> times)
    {
        var sorted = times.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>The application as it runs, on its own SQLite file with the demo data; background workers off.</summary>
    /// <remarks>The type argument only names the application's assembly (its entry point is started): this project has a
    /// <c>Program</c> of its own, which would otherwise win.</remarks>
    private sealed class BenchmarkApplication(string path) : WebApplicationFactory<Samspil.Infrastructure.Persistence.SamspilDbContext>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseContentRoot(ApplicationContentRoot());
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("Database:ConnectionString", $"Data Source={path}");
            builder.UseSetting("Demo:Seed", "true");
            builder.UseSetting("Demo:Password", Password);
            builder.UseSetting("Mail:Mode", "Pickup");
            builder.UseSetting("Mail:PickupDirectory", Path.Combine(Path.GetTempPath(), "samspil-fhir-bench-mail"));
            builder.UseSetting("Authentication:RequireTwoFactorForStaff", "false");
            builder.UseSetting("Notifications:Outbox:Enabled", "false");
            builder.UseSetting("Notifications:Reminders:Enabled", "false");
            builder.UseSetting("Authentication:Cleanup:Enabled", "false");
        }

        /// <summary>src/Samspil of the checkout this benchmark was built in (beside Samspil.slnx).</summary>
        private static string ApplicationContentRoot()
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Samspil.slnx")))
                {
                    return Path.Combine(directory.FullName, "src", "Samspil");
                }
            }

            throw new InvalidOperationException("Samspil.slnx not found above " + AppContext.BaseDirectory);
        }
    }
}
