using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Samspil.Benchmarks.Load;

/// <summary>
/// <c>load-run --base-url URL --manifest FILE [--mode mixed|plan] [--levels "1 4 16 64"] [--duration 20] [--warmup 5] [--out FILE]</c>
/// (issue 16 point 4, bench/load.sh): a closed-loop load against a running Samspil. Every client is a different clinician
/// from the manifest, signed in with a bearer token of its own and an HttpClient (one connection) of its own, and reads and
/// writes only the courses on whose network it is. At each level the clients run for the warm-up (not recorded), then for
/// the duration; every request's latency is recorded (until the whole answer is read), and any answer that is not 2xx, or
/// no answer, is an error.
/// </summary>
/// <remarks>
/// The mixed load, per request drawn at random (seeded per client): 20 % course (<c>GET /api/v1/courses/{id}</c>), 30 % plan
/// (<c>GET …/plan</c>), 15 % meetings (<c>GET …/meetings</c>), 15 % messages (<c>GET /api/v1/conversations/{id}</c>), 10 % a
/// new action (<c>POST …/plan/actions</c>, <c>If-Match: *</c>), 10 % a new message (<c>POST /api/v1/conversations/{id}/messages</c>).
/// The plan mode sends only plan reads. Results are appended to the output file as tab-separated rows: mode, clients, kind,
/// count, requests/s, p50 ms, p99 ms, errors (kind "all" is a mixed level's total), then the level's CPU per request (all kinds
/// together) in ms of the application (<c>--app-pid</c>), of PostgreSQL and of this driver, and the machine's busy share in %.
/// </remarks>
internal static class LoadDriver
{
    private static readonly (string Kind, int Weight)[] Mix =
    [
        ("course", 20), ("plan", 30), ("meetings", 15), ("messages", 15), ("add-action", 10), ("add-message", 10),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var baseUrl = new Uri(LoadSeeder.Option(args, "--base-url", null) ?? throw new ArgumentException("--base-url is required"));
        var manifest = JsonSerializer.Deserialize<LoadManifest>(await File.ReadAllTextAsync(LoadSeeder.Option(args, "--manifest", "load-manifest.json")!), ManifestJson.Options)!;
        var mode = LoadSeeder.Option(args, "--mode", "mixed")!;
        var levels = LoadSeeder.Option(args, "--levels", "1 4 16 64")!.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToList();
        var duration = TimeSpan.FromSeconds(double.Parse(LoadSeeder.Option(args, "--duration", "20")!, CultureInfo.InvariantCulture));
        var warmup = TimeSpan.FromSeconds(double.Parse(LoadSeeder.Option(args, "--warmup", "5")!, CultureInfo.InvariantCulture));
        var output = LoadSeeder.Option(args, "--out", null);
        var once = LoadSeeder.Option(args, "--once", null); // one request of this kind as client 1, for capturing its SQL
        var appPid = LoadSeeder.Option(args, "--app-pid", null) is { } pid ? int.Parse(pid, CultureInfo.InvariantCulture) : (int?)null;
        if (mode is not ("mixed" or "plan"))
        {
            throw new ArgumentException("--mode is mixed or plan");
        }

        var needed = once is not null ? 1 : levels.Max();
        if (manifest.Clients.Count < needed || manifest.Clients.Take(needed).Any(c => c.Courses.Count == 0))
        {
            throw new InvalidOperationException($"The manifest has {manifest.Clients.Count} clients (some without courses); {needed} are needed.");
        }

        var clients = new List<Client>();
        for (var c = 0; c < needed; c++)
        {
            clients.Add(await Client.SignInAsync(baseUrl, manifest.Clients[c], manifest.Password, c));
        }

        try
        {
            if (once is not null)
            {
                return await CaptureAsync(clients[0], once, LoadSeeder.Option(args, "--connection", null) ?? throw new ArgumentException("--once needs --connection"));
            }

            // Warm the application once (JIT, pools) outside any level.
            foreach (var kind in Mix.Select(m => m.Kind))
            {
                await clients[0].SendAsync(kind, 0);
            }

            var rows = new StringBuilder();
            foreach (var level in levels)
            {
                var result = await RunLevelAsync(clients.Take(level).ToList(), mode, duration, warmup, appPid);
                var rowsOfLevel = result.Kinds.Count == 1 ? result.Kinds : result.Kinds.Append(("all", result.Kinds.SelectMany(k => k.Times).ToList(), result.Kinds.Sum(k => k.Errors)));
                var requests = result.Kinds.Sum(k => k.Times.Count);
                foreach (var (kind, times, errors) in rowsOfLevel)
                {
                    var sorted = times.Order().ToList();
                    var line = string.Create(CultureInfo.InvariantCulture,
                        $"{mode}\t{level}\t{kind}\t{sorted.Count}\t{sorted.Count / result.Seconds:0.0}\t{Percentile(sorted, 0.50):0.0}\t{Percentile(sorted, 0.99):0.0}\t{errors}\t{result.Cpu.Describe(requests)}");
                    rows.AppendLine(line);
                    Console.WriteLine("   " + line.Replace('\t', ' '));
                }

                if (result.FirstErrors.Count > 0)
                {
                    Console.WriteLine("   first errors: " + string.Join("; ", result.FirstErrors));
                }
            }

            if (output is not null)
            {
                await File.AppendAllTextAsync(output, rows.ToString());
            }

            return 0;
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    /// <summary>
    /// Sends one request of a kind (after one unlogged warm-up request of the same kind) with PostgreSQL's
    /// <c>log_statement = all</c> switched on around it, between two marker statements, so that bench/load-sql.py can turn
    /// exactly the statements the application sent for it into a pgbench script.
    /// </summary>
    private static async Task<int> CaptureAsync(Client client, string kind, string connection)
    {
        var (warm, warmStatus, warmBody) = await client.SendAsync(kind, 0);
        if (!warm)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   {kind}: {warmStatus} {warmBody}"));
            return 1;
        }

        await using var data = Npgsql.NpgsqlDataSource.Create(connection);
        async Task SqlAsync(string sql)
        {
            await using var command = data.CreateCommand(sql);
            await command.ExecuteNonQueryAsync();
        }

        await SqlAsync("ALTER SYSTEM SET log_statement = 'all'");
        await SqlAsync("SELECT pg_reload_conf()");
        await Task.Delay(500);
        await SqlAsync($"SELECT 'samspil-capture-begin {kind}'");
        var (ok, status, body) = await client.SendAsync(kind, 0);
        await SqlAsync($"SELECT 'samspil-capture-end {kind}'");
        await SqlAsync("ALTER SYSTEM RESET log_statement");
        await SqlAsync("SELECT pg_reload_conf()");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   captured {kind}: {status}{(ok ? string.Empty : " " + body)}"));
        return ok ? 0 : 1;
    }

    private static async Task<LevelResult> RunLevelAsync(List<Client> clients, string mode, TimeSpan duration, TimeSpan warmup, int? appPid)
    {
        var kinds = mode == "plan" ? ["plan"] : Mix.Select(m => m.Kind).ToArray();
        var times = kinds.ToDictionary(k => k, _ => new List<double>[clients.Count]);
        var errors = kinds.ToDictionary(k => k, _ => new int[clients.Count]);
        var firstErrors = new List<string>();
        var clock = Stopwatch.StartNew();
        var measureFrom = warmup;
        var stopAt = warmup + duration;

        // Where the CPU goes during the measured window: the application, PostgreSQL's processes, this driver, the machine.
        var cpu = Task.Run(async () =>
        {
            await Task.Delay(measureFrom);
            var first = CpuSample.Take(appPid);
            await Task.Delay(duration);
            return CpuSample.Take(appPid).Minus(first);
        });
        var tasks = clients.Select((client, c) => Task.Run(async () =>
        {
            var random = new Random(1000 + c);
            var mine = kinds.ToDictionary(k => k, _ => new List<double>());
            var failed = kinds.ToDictionary(k => k, _ => 0);
            while (clock.Elapsed < stopAt)
            {
                var kind = mode == "plan" ? "plan" : Draw(random);
                var started = clock.Elapsed;
                var (ok, status, _) = await client.SendAsync(kind, random.Next());
                var took = (clock.Elapsed - started).TotalMilliseconds;
                if (started < measureFrom || clock.Elapsed > stopAt)
                {
                    continue; // warm-up, or finished after the window closed
                }

                mine[kind].Add(took);
                if (!ok)
                {
                    failed[kind]++;
                    lock (firstErrors)
                    {
                        if (firstErrors.Count < 5)
                        {
                            firstErrors.Add($"{kind} {status}");
                        }
                    }
                }
            }

            foreach (var kind in kinds)
            {
                times[kind][c] = mine[kind];
                errors[kind][c] = failed[kind];
            }
        })).ToList();
        await Task.WhenAll(tasks);
        return new LevelResult(
            duration.TotalSeconds,
            await cpu,
            kinds.Select(k => (k, times[k].SelectMany(t => t).ToList(), errors[k].Sum())).ToList(),
            firstErrors);
    }

    private static string Draw(Random random)
    {
        var roll = random.Next(Mix.Sum(m => m.Weight));
        foreach (var (kind, weight) in Mix)
        {
            if (roll < weight)
            {
                return kind;
            }

            roll -= weight;
        }

        return Mix[^1].Kind;
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private sealed record LevelResult(double Seconds, CpuSample Cpu, List<(string Kind, List<double> Times, int Errors)> Kinds, List<string> FirstErrors);

    /// <summary>
    /// CPU time in clock ticks (USER_HZ, 100/s on Linux) from /proc: the application's process (when its pid is given), every
    /// process named <c>postgres</c> (the backends, the WAL writer, the checkpointer…), this driver, and the whole machine (busy
    /// and all). A backend that exits inside the window loses its ticks; the application's pooled connections stay open.
    /// </summary>
    private sealed record CpuSample(long App, long Postgres, long Driver, long MachineBusy, long MachineAll)
    {
        private const double MillisecondsPerTick = 10;

        public static CpuSample Take(int? appPid)
        {
            long postgres = 0;
            foreach (var dir in System.IO.Directory.EnumerateDirectories("/proc"))
            {
                if (int.TryParse(Path.GetFileName(dir), out var pid) && Ticks(pid, "postgres") is { } ticks)
                {
                    postgres += ticks;
                }
            }

            var machine = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            var all = machine.Take(8).Sum(); // user nice system idle iowait irq softirq steal
            var idle = machine[3] + machine[4];
            return new CpuSample(appPid is { } app ? Ticks(app, null) ?? 0 : 0, postgres, Ticks(Environment.ProcessId, null) ?? 0, all - idle, all);
        }

        public CpuSample Minus(CpuSample earlier) =>
            new(App - earlier.App, Postgres - earlier.Postgres, Driver - earlier.Driver, MachineBusy - earlier.MachineBusy, MachineAll - earlier.MachineAll);

        /// <summary>CPU ms per request of the application, PostgreSQL and the driver, and the machine's busy share, tab-separated.</summary>
        public string Describe(int requests) => requests == 0 || MachineAll == 0
            ? "\t\t\t"
            : string.Create(CultureInfo.InvariantCulture, $"{App * MillisecondsPerTick / requests:0.00}\t{Postgres * MillisecondsPerTick / requests:0.00}\t{Driver * MillisecondsPerTick / requests:0.00}\t{100.0 * MachineBusy / MachineAll:0}");

        /// <summary>utime + stime of a process (fields 14 and 15 of /proc/PID/stat), if it exists and, when given, has that name.</summary>
        private static long? Ticks(int pid, string? name)
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                var close = stat.LastIndexOf(')');
                if (name is not null && stat[(stat.IndexOf('(') + 1)..close] != name)
                {
                    return null;
                }

                var fields = stat[(close + 2)..].Split(' ');
                return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                return null; // gone meanwhile
            }
            catch (UnauthorizedAccessException)
            {
                return null;
            }
        }
    }

    /// <summary>One clinician: a token, a connection, and the courses on whose network they are.</summary>
    private sealed class Client(HttpClient http, ClientManifest courses) : IDisposable
    {
        public static async Task<Client> SignInAsync(Uri baseUrl, ClientManifest client, string password, int number)
        {
            var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 1, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
            var http = new HttpClient(handler) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(120) };
            using var token = await http.PostAsJsonAsync("/api/v1/auth/token", new { username = client.Login, password });
            if (!token.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Sign-in of client {number + 1} ({client.Login}) answered {(int)token.StatusCode}: {await token.Content.ReadAsStringAsync()}");
            }

            var body = await token.Content.ReadFromJsonAsync<JsonElement>();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("accessToken").GetString());
            return new Client(http, client);
        }

        public async Task<(bool Ok, int Status, string? Body)> SendAsync(string kind, int draw)
        {
            var course = courses.Courses[draw % courses.Courses.Count];
            using var request = kind switch
            {
                "course" => new HttpRequestMessage(HttpMethod.Get, $"/api/v1/courses/{course.CourseId}"),
                "plan" => new HttpRequestMessage(HttpMethod.Get, $"/api/v1/courses/{course.CourseId}/plan"),
                "meetings" => new HttpRequestMessage(HttpMethod.Get, $"/api/v1/courses/{course.CourseId}/meetings"),
                "messages" => new HttpRequestMessage(HttpMethod.Get, $"/api/v1/conversations/{course.ConversationId}"),
                "add-action" => new HttpRequestMessage(HttpMethod.Post, $"/api/v1/courses/{course.CourseId}/plan/actions")
                {
                    Content = JsonContent.Create(new
                    {
                        goalId = course.GoalId,
                        text = "Opfølgning aftalt i belastningstesten (syntetisk)",
                        ownerMemberId = course.CoordinatorMemberId,
                        ownerIsCitizen = false,
                        dueDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(14 + (draw % 30)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    }),
                },
                "add-message" => new HttpRequestMessage(HttpMethod.Post, $"/api/v1/conversations/{course.ConversationId}/messages")
                {
                    Content = JsonContent.Create(new { text = "Tak, det passer fint. Vi ses til mødet (syntetisk)." }),
                },
                _ => throw new ArgumentException("unknown kind " + kind),
            };
            if (kind == "add-action")
            {
                request.Headers.TryAddWithoutValidation("If-Match", "*");
            }

            try
            {
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                var ok = response.IsSuccessStatusCode;
                return (ok, (int)response.StatusCode, ok ? null : await response.Content.ReadAsStringAsync());
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                return (false, 0, ex.GetType().Name);
            }
        }

        public void Dispose() => http.Dispose();
    }
}
