using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Samspil.Domain.Directory;
using Samspil.Domain.Offerings;
using Samspil.Domain.Screening;
using Samspil.Features.Offerings;
using Samspil.Infrastructure.Persistence;

namespace Samspil.Benchmarks.Offerings;

/// <summary>
/// <c>offerings [--offerings N] [--runs R] [--naive-runs K] [--seed S]</c>: seeds N synthetic offerings (default 100,000) in SQLite
/// (a file) and, when SAMSPIL_PG_CONNECTION is set (bench/offerings.sh), in PostgreSQL, then times typical searches through
/// <see cref="OfferingSearch"/> exactly as a request runs them (a fresh DbContext each time, the application's in-memory
/// <see cref="OfferingSearchIndex"/>) and, in the same run, the alternatives without an index: the filters in SQL with every
/// candidate's hours loaded and evaluated in memory, and loading every active offering and filtering in memory.
/// </summary>
/// <remarks>
/// A Stopwatch console rather than BenchmarkDotNet: the seeding takes most of the time and must happen once per provider, and the
/// medians of a few dozen runs answer the question (the target is a 50 ms median); BenchmarkDotNet's per-benchmark processes
/// would seed again each time.
/// </remarks>
internal static class OfferingSearchBenchmark
{
    // Tuesday 8 December 2026, 10:30 in Copenhagen: a weekday morning, when most offerings are open.
    private static readonly DateTimeOffset Morning = new(2026, 12, 8, 9, 30, 0, TimeSpan.Zero);

    // Saturday 12 December 2026, 23:30 in Copenhagen: a night, when few are.
    private static readonly DateTimeOffset Night = new(2026, 12, 12, 22, 30, 0, TimeSpan.Zero);

    private static readonly string[] Words =
    [
        "hjælp", "samtale", "rådgivning", "gruppe", "forløb", "støtte", "netværk", "angst", "depression", "søvn", "job", "praktik",
        "uddannelse", "bolig", "økonomi", "familie", "børn", "pårørende", "misbrug", "krise", "traume", "flygtning", "sprog", "tolk",
        "fællesskab", "café", "motion", "sundhed", "jura", "gæld", "mentor", "vejledning", "ung", "voksen", "ældre", "online",
    ];

    private static readonly string[] OtherLanguages = ["en", "ar", "fa", "uk", "de", "pl", "tr", "so"];

    public static int Run(string[] args)
    {
        var count = Option(args, "--offerings", 100_000);
        var runs = Option(args, "--runs", 30);
        var naiveRuns = Option(args, "--naive-runs", 3);
        var seed = Option(args, "--seed", 20_261_206);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"== Offerings search benchmark: {count:N0} offerings, seed {seed}, {runs} timed runs per search ({naiveRuns} for the load-everything alternative)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   .NET {Environment.Version}, {Environment.ProcessorCount} cores, load average {LoadAverage()}"));

        var sqlitePath = Path.Combine(Path.GetTempPath(), $"samspil-offerings-bench-{Guid.NewGuid():N}.db");
        try
        {
            var sqlite = new DbContextOptionsBuilder<SqliteSamspilDbContext>().UseSqlite($"Data Source={sqlitePath}").Options;
            Measure("SQLite", () => new SqliteSamspilDbContext(sqlite), count, runs, naiveRuns, seed);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(sqlitePath);
        }

        if (Environment.GetEnvironmentVariable("SAMSPIL_PG_CONNECTION") is { Length: > 0 } server)
        {
            var database = $"samspil_offerings_bench_{Guid.NewGuid():N}";
            using (var admin = new Npgsql.NpgsqlConnection(server))
            {
                admin.Open();
                using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{database}\"", admin);
                create.ExecuteNonQuery();
            }

            var postgres = new DbContextOptionsBuilder<PostgresSamspilDbContext>()
                .UseNpgsql(new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString)
                .Options;
            Measure("PostgreSQL", () => new PostgresSamspilDbContext(postgres), count, runs, naiveRuns, seed);
        }
        else
        {
            Console.WriteLine("(PostgreSQL skipped: SAMSPIL_PG_CONNECTION is not set; bench/offerings.sh starts one.)");
        }

        return 0;
    }

    private static void Measure(string provider, Func<SamspilDbContext> newContext, int count, int runs, int naiveRuns, int seed)
    {
        var seeding = Stopwatch.StartNew();
        Seed(newContext, count, seed);
        using (var db = newContext())
        {
            db.Database.ExecuteSqlRaw("ANALYZE");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"-- {provider}: seeded {count:N0} offerings in {seeding.Elapsed.TotalSeconds:N0} s"));
        var morning = new FixedTime(Morning);
        var night = new FixedTime(Night);
        (string Name, OfferingSearchQuery Query, FixedTime Time)[] searches =
        [
            ("free text + municipality", new OfferingSearchQuery(Q: "angst", Municipality: "630"), morning),
            ("need + open now (weekday 10:30)", new OfferingSearchQuery(Need: OfferingNeeds.MentalHealth, OpenNow: true), morning),
            ("need + open now (Saturday 23:30)", new OfferingSearchQuery(Need: OfferingNeeds.MentalHealth, OpenNow: true), night),
            ("language", new OfferingSearchQuery(Language: "ar"), morning),
            ("after hours + open now + municipality (Saturday 23:30)", new OfferingSearchQuery(Municipality: "101", AfterHours: true, OpenNow: true), night),
            ("no filter, first page", new OfferingSearchQuery(), morning),
        ];

        Console.WriteLine("| Provider | Search | Results | Median | p90 | Min |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: |");
        // The search index is one per application (a singleton); here one per clock, built on the first search and timed apart.
        using var services = new ServiceCollection().AddLogging().AddScoped(_ => newContext()).BuildServiceProvider();
        var indexes = new[] { morning, night }.ToDictionary(t => t, t => new OfferingSearchIndex(services.GetRequiredService<IServiceScopeFactory>(), t, NullLogger<OfferingSearchIndex>.Instance));
        foreach (var (time, index) in indexes)
        {
            var building = Stopwatch.StartNew();
            var size = index.GetAsync(CancellationToken.None).GetAwaiter().GetResult().Urgent.Count;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"-- {provider}: search index of {size:N0} active offerings built in {building.Elapsed.TotalSeconds:N1} s (once per application, again after a change)"));
        }

        foreach (var (name, query, time) in searches)
        {
            var total = 0;
            var timings = Time(runs, () =>
            {
                using var db = newContext();
                total = new OfferingSearch(db, time, indexes[time]).SearchAsync(query, CancellationToken.None).GetAwaiter().GetResult().Total;
            });
            Report(provider, name, total, timings);
        }

        // The alternative without the SQL prefilter for "open now": the need in SQL, every candidate's hours loaded and evaluated.
        foreach (var time in new[] { morning, night })
        {
            var total = 0;
            var timings = Time(Math.Max(3, runs / 5), () =>
            {
                using var db = newContext();
                var candidates = db.Offerings.AsNoTracking().AsSplitQuery().Where(o => o.Status == OfferingStatus.Active && o.Needs.Contains(OfferingNeeds.MentalHealth)).ToList();
                var open = candidates.Where(o => o.Hours.IsOpenAt(time.GetUtcNow())).OrderByDescending(o => o.IsCrisis).ThenByDescending(o => o.IsAfterHours).ThenBy(o => o.Name, StringComparer.Ordinal).ToList();
                total = open.Count;
                _ = open.Take(20).ToList();
            });
            Report(provider, $"ALTERNATIVE need + open now, hours evaluated in memory ({(time == morning ? "weekday 10:30" : "Saturday 23:30")})", total, timings);
        }

        // The obvious alternative: load every active offering and filter in memory.
        {
            var total = 0;
            var timings = Time(naiveRuns, () =>
            {
                using var db = newContext();
                var all = db.Offerings.AsNoTracking().AsSplitQuery().Where(o => o.Status == OfferingStatus.Active).ToList();
                var found = all.Where(o => (o.Municipalities.Count == 0 || o.Municipalities.Contains("630"))
                        && (o.Name.Contains("angst", StringComparison.OrdinalIgnoreCase) || o.Description.Contains("angst", StringComparison.OrdinalIgnoreCase)))
                    .ToList();
                total = found.Count;
            });
            Report(provider, "ALTERNATIVE free text + municipality, everything loaded and filtered in memory", total, timings);
        }
    }

    private static List<double> Time(int runs, Action run)
    {
        run(); // warm-up: compiles the query, fills the caches
        var timings = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            run();
            timings.Add(watch.Elapsed.TotalMilliseconds);
        }

        timings.Sort();
        return timings;
    }

    private static void Report(string provider, string name, int total, List<double> sorted) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {provider} | {name} | {total:N0} | {sorted[sorted.Count / 2]:N1} ms | {sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(sorted.Count * 0.9) - 1)]:N1} ms | {sorted[0]:N1} ms |"));

    private static void Seed(Func<SamspilDbContext> newContext, int count, int seed)
    {
        using (var db = newContext())
        {
            db.Database.Migrate();
        }

        var random = new Random(seed);
        var organizations = Enumerable.Range(1, 50)
            .Select(i => Organization.Create(new OrganizationDetails($"Organisation {i} {Words[i % Words.Length]}", i % 3 == 0 ? Sector.Municipality : i % 3 == 1 ? Sector.Region : Sector.Volunteer, OrganizationKind.Other), Guid.NewGuid()))
            .ToList();
        using (var db = newContext())
        {
            db.SystemSeeding = true;
            db.Organizations.AddRange(organizations);
            db.TargetGroups.Add(TargetGroup.Create("ptsd-refugee", "Flygtninge med PTSD", "Refugees with PTSD", null, 1));
            db.SaveChanges();
        }

        var municipalities = DanishAreaNames.AllMunicipalities.Select(m => m.Code).ToArray();
        var now = DateTimeOffset.UtcNow;
        const int batch = 5_000;
        for (var start = 0; start < count; start += batch)
        {
            using var db = newContext();
            db.SystemSeeding = true;
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            if (!db.Database.IsNpgsql())
            {
                db.Database.OpenConnection(); // seeding only: no flush per batch (the timed searches only read)
                db.Database.ExecuteSqlRaw("PRAGMA synchronous=OFF");
            }

            for (var i = start; i < Math.Min(count, start + batch); i++)
            {
                db.Offerings.Add(Offering.Create(Guid.NewGuid(), organizations[random.Next(organizations.Count)].Id, Details(random, i, municipalities), now));
            }

            db.SaveChanges();
        }
    }

    private static OfferingDetails Details(Random random, int i, string[] municipalities)
    {
        string Pick() => Words[random.Next(Words.Length)];
        var description = string.Join(' ', Enumerable.Range(0, 20 + random.Next(20)).Select(_ => Pick()));
        var needs = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => OfferingNeeds.All[random.Next(OfferingNeeds.All.Count)]).Distinct().ToList();
        var serves = random.NextDouble() < 0.3 ? [] : Enumerable.Range(0, 1 + random.Next(3)).Select(_ => municipalities[random.Next(municipalities.Length)]).Distinct().ToList();
        var languages = new List<string> { "da" };
        languages.AddRange(Enumerable.Range(0, random.Next(3)).Select(_ => OtherLanguages[random.Next(OtherLanguages.Length)]));
        var kind = random.NextDouble();
        var alwaysOpen = kind < 0.05;
        var afterHours = kind is >= 0.05 and < 0.15;
        var periods = new List<OpeningPeriod>();
        if (kind >= 0.25)
        {
            var opens = new TimeOnly(7 + random.Next(3), random.Next(2) * 30);
            periods.AddRange(Enumerable.Range(1, 5).Select(d => OpeningPeriod.Create((DayOfWeek)d, opens, opens.AddHours(6 + random.Next(4)))));
        }
        else if (afterHours)
        {
            periods.AddRange(Enumerable.Range(0, 7).Select(d => OpeningPeriod.Create((DayOfWeek)d, new TimeOnly(17 + random.Next(3), 0), new TimeOnly(1 + random.Next(6), 0))));
        }
        else if (!alwaysOpen)
        {
            periods.Add(OpeningPeriod.Create((DayOfWeek)random.Next(7), new TimeOnly(10, 0), new TimeOnly(14, 0)));
            periods.Add(OpeningPeriod.Create((DayOfWeek)random.Next(7), new TimeOnly(16, 0), new TimeOnly(20, 0)));
        }

        var exceptions = new List<ScheduleException>();
        if (random.NextDouble() < 0.05)
        {
            exceptions.Add(ScheduleException.ClosedOn(new DateOnly(2026, 12, 1).AddDays(random.Next(20)), "Lukket"));
        }

        return new OfferingDetails(
            $"Tilbud {i} {Pick()} {Pick()}",
            description,
            Needs: needs,
            Municipalities: serves,
            Languages: languages,
            MinimumAge: random.NextDouble() < 0.2 ? 18 : null,
            IsAfterHours: afterHours || alwaysOpen,
            IsCrisis: alwaysOpen && random.NextDouble() < 0.5,
            AlwaysOpen: alwaysOpen,
            Street: $"Vej {i}",
            PostalCode: "7100",
            City: "Vejle",
            Phone: "70 10 10 10",
            Periods: periods,
            Exceptions: exceptions);
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
