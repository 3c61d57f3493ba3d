using System.Diagnostics;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using Samspil.Domain.Screening;

namespace Samspil.Benchmarks.Screening;

/// <summary>
/// <c>screening [--people N] [--admissions M] [--runs R] [--top T] [--seed S] [--partitions P] [--no-verify]</c>:
/// generates synthetic admissions, loads them into PostgreSQL, checks that Samspil's screening and
/// the equivalent PostgreSQL window-function query agree (every person's figures, the ranked lists
/// and the totals), then times both R times, alternating. Exit code 1 if they ever disagree.
/// </summary>
/// <remarks>
/// A console command with a stopwatch rather than BenchmarkDotNet: one operation takes many seconds
/// over 10 million rows, so BenchmarkDotNet's pilot, warm-up and dozens of iterations would take hours
/// and add nothing a few repeated runs do not show; and the peak memory wanted is the whole process's,
/// which BenchmarkDotNet does not report. Both sides start from the same table in the same cluster:
/// Samspil streams the rows out sorted by person and start (binary COPY over the index
/// PostgreSQL's own query can use as well) and screens them as they arrive — by default in one key
/// range per core, each on its own connection and thread, merging the ranges' totals and top lists at
/// the end; PostgreSQL runs the query in the database (its plan for window functions is serial) and
/// returns the same lists and totals.
/// </remarks>
internal static class ScreeningBenchmark
{
    private static int _partitions;

    public static int Run(string[] args)
    {
        var people = Option(args, "--people", 1_500_000);
        var admissions = Option(args, "--admissions", 10_000_000L);
        var runs = Option(args, "--runs", 3);
        var top = Option(args, "--top", ScreeningRanking.DefaultTop);
        var seed = (ulong)Option(args, "--seed", 20_261_123L);
        var verify = !args.Contains("--no-verify");
        _partitions = Option(args, "--partitions", Environment.ProcessorCount);
        var connectionString = Environment.GetEnvironmentVariable("SAMSPIL_PG_CONNECTION")
            ?? throw new InvalidOperationException("SAMSPIL_PG_CONNECTION is not set; run through bench/screening.sh (scripts/with-postgres.sh).");
        connectionString = new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0, Timeout = 60, ReadBufferSize = 1 << 16 }.ConnectionString;

        Console.WriteLine(Invariant($"== Screening benchmark: {admissions:N0} admissions over {people:N0} people, seed {seed}, top {top}, {runs} timed run(s)"));
        Console.WriteLine(Invariant($"   .NET {Environment.Version}, {Environment.ProcessorCount} cores, server GC {System.Runtime.GCSettings.IsServerGC}, {_partitions} key range(s) read in parallel, load average {LoadAverage()}"));
        var data = new SyntheticAdmissions(people, admissions, seed);

        Load(connectionString, data);
        PrintPlans(connectionString, top);

        ReadOnly(connectionString);
        if (verify)
        {
            var perPerson = ComparePerPerson(connectionString);
            if (perPerson != 0)
            {
                Console.WriteLine(Invariant($"FAILED: {perPerson:N0} person(s) differ between Samspil and PostgreSQL."));
                return 1;
            }
        }

        var samspilTimes = new List<double>();
        var postgresTimes = new List<double>();
        var peaks = new List<long>();
        for (var run = 1; run <= runs; run++)
        {
            var (samspil, samspilSeconds, peak) = TimeSamspil(connectionString, top);
            var (postgres, postgresSeconds) = TimePostgres(connectionString, top);
            samspilTimes.Add(samspilSeconds);
            postgresTimes.Add(postgresSeconds);
            peaks.Add(peak);
            Console.WriteLine(Invariant($"   run {run}: Samspil {samspilSeconds:F2} s (peak working set {peak / 1048576.0:F0} MiB), PostgreSQL {postgresSeconds:F2} s, ratio {postgresSeconds / samspilSeconds:F1}×"));

            var difference = FirstDifference(samspil, postgres);
            if (difference is not null)
            {
                Console.WriteLine("FAILED: the ranked lists or totals differ: " + difference);
                return 1;
            }

            if (run == 1)
            {
                Console.WriteLine(Invariant($"   identical results: {samspil.Count:N0} lines (top {top} per region and per municipality, and the totals)"));
                foreach (var line in samspil.Where(l => l.StartsWith("total", StringComparison.Ordinal)))
                {
                    Console.WriteLine("   " + line);
                }

                foreach (var line in samspil.Where(l => l.StartsWith("region|1083|", StringComparison.Ordinal)).Take(3))
                {
                    Console.WriteLine("   " + line);
                }
            }
        }

        Console.WriteLine("   load average at the end: " + LoadAverage());
        var samspilMedian = Median(samspilTimes);
        var postgresMedian = Median(postgresTimes);
        Console.WriteLine(Invariant($"== Median: Samspil {samspilMedian:F2} s, PostgreSQL {postgresMedian:F2} s: Samspil {postgresMedian / samspilMedian:F1}× faster (target ≥ 5×); Samspil peak working set {peaks.Max() / 1048576.0:F0} MiB (target < 1024 MiB)"));
        return 0;
    }

    /// <summary>
    /// <c>screening-engine [--people N] [--admissions M] [--runs R]</c>: the engine alone on generated
    /// admissions in memory, no database (how much of a run is the screening itself).
    /// </summary>
    public static int EngineOnly(string[] args)
    {
        var people = Option(args, "--people", 1_500_000);
        var admissions = Option(args, "--admissions", 10_000_000L);
        var runs = Option(args, "--runs", 3);
        var data = new SyntheticAdmissions(people, admissions, (ulong)Option(args, "--seed", 20_261_123L));
        var keys = Enumerable.Range(0, people).Select(SyntheticAdmissions.PersonKey).ToArray();
        for (var run = 1; run <= runs; run++)
        {
            var generate = Stopwatch.StartNew();
            var count = data.All().Count();
            var generateSeconds = generate.Elapsed.TotalSeconds;
            using var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var gcs = GC.CollectionCount(0);
            var clock = Stopwatch.StartNew();
            var report = ReadmissionScreening.Run(data.All().Select(a => new AdmissionEvent(
                keys[a.Person],
                SyntheticAdmissions.Municipalities[a.Municipality].Municipality,
                SyntheticAdmissions.Municipalities[a.Municipality].Region,
                new DateTimeOffset(a.StartTicks, TimeSpan.Zero),
                new DateTimeOffset(a.EndTicks, TimeSpan.Zero),
                a.Acute,
                string.Empty)));
            process.Refresh();
            Console.WriteLine(Invariant($"   run {run}: generate only {generateSeconds:F2} s; generate + screen {count:N0} rows {clock.Elapsed.TotalSeconds:F2} s wall, {(process.TotalProcessorTime - cpu).TotalSeconds:F2} s CPU, {GC.CollectionCount(0) - gcs} gen0 GCs, {report.Summary.Persons:N0} persons"));
        }

        return 0;
    }

    /// <summary>
    /// Splits the person keys into about <paramref name="count"/> ranges of similar size, using the
    /// histogram PostgreSQL's ANALYZE keeps anyway (free to read; the split only has to be roughly even).
    /// </summary>
    private static List<(string? From, string? To)> KeyRanges(string connectionString, int count)
    {
        string[] bounds = [];
        if (count > 1)
        {
            using var connection = Open(connectionString);
            using var command = new NpgsqlCommand(ScreeningSql.KeyHistogram, connection);
            bounds = command.ExecuteScalar() as string[] ?? [];
        }

        var cuts = bounds.Length < count ? [] : Enumerable.Range(1, count - 1).Select(i => bounds[i * bounds.Length / count]).Distinct().ToList();
        var ranges = new List<(string?, string?)>();
        string? from = null;
        foreach (var cut in cuts)
        {
            ranges.Add((from, cut));
            from = cut;
        }

        ranges.Add((from, null));
        return ranges;
    }

    /// <summary>Streams the input without screening it: what reading costs on its own.</summary>
    private static void ReadOnly(string connectionString)
    {
        for (var pass = 1; pass <= 2; pass++)
        {
            using var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            using var connection = Open(connectionString);
            var backendBefore = BackendCpuSeconds(connection.ProcessID);
            var rows = Input(connection).LongCount();
            process.Refresh();
            Console.WriteLine(Invariant($"   reading the sorted input alone, pass {pass}: {rows:N0} rows in {clock.Elapsed.TotalSeconds:F2} s wall; CPU: this process {(process.TotalProcessorTime - cpu).TotalSeconds:F2} s, backend {BackendCpuSeconds(connection.ProcessID) - backendBefore:F2} s"));
        }
    }

    private static void Load(string connectionString, SyntheticAdmissions data)
    {
        var clock = Stopwatch.StartNew();
        using var connection = Open(connectionString);
        Execute(connection, ScreeningSql.CreateTable);
        var keys = new string[data.People];
        using (var importer = connection.BeginBinaryImport(ScreeningSql.CopyIn))
        {
            var rows = 0L;
            foreach (var admission in data.All())
            {
                var key = keys[admission.Person] ??= SyntheticAdmissions.PersonKey(admission.Person);
                var (municipality, region) = SyntheticAdmissions.Municipalities[admission.Municipality];
                importer.StartRow();
                importer.Write(key, NpgsqlDbType.Text);
                importer.Write(municipality, NpgsqlDbType.Text);
                importer.Write(region, NpgsqlDbType.Text);
                importer.Write(new DateTime(admission.StartTicks, DateTimeKind.Utc), NpgsqlDbType.TimestampTz);
                importer.Write(new DateTime(admission.EndTicks, DateTimeKind.Utc), NpgsqlDbType.TimestampTz);
                importer.Write(admission.Acute, NpgsqlDbType.Boolean);
                importer.Write(SyntheticAdmissions.Departments[admission.Department], NpgsqlDbType.Text);
                if (++rows % 1_000_000 == 0)
                {
                    Console.WriteLine(Invariant($"   loaded {rows:N0} rows ({clock.Elapsed.TotalSeconds:F0} s)"));
                }
            }

            importer.Complete();
        }

        var copied = clock.Elapsed.TotalSeconds;
        Execute(connection, ScreeningSql.CreateIndex);
        Execute(connection, ScreeningSql.Analyze);
        using var count = new NpgsqlCommand("SELECT count(*), count(DISTINCT person_key), pg_size_pretty(pg_total_relation_size('screening_admission')) FROM screening_admission", connection);
        using var reader = count.ExecuteReader();
        reader.Read();
        Console.WriteLine(Invariant($"   table: {reader.GetInt64(0):N0} rows, {reader.GetInt64(1):N0} people, {reader.GetString(2)} with index; COPY {copied:F0} s, index + VACUUM ANALYZE {clock.Elapsed.TotalSeconds - copied:F0} s"));
        if (reader.GetInt64(0) != data.Admissions || reader.GetInt64(1) != data.People)
        {
            throw new InvalidOperationException("The table does not hold what was generated.");
        }
    }

    private static void PrintPlans(string connectionString, int top)
    {
        using var connection = Open(connectionString);
        foreach (var (name, sql) in new[] { ("Samspil's input", ScreeningSql.SortedInput), ("PostgreSQL query", ScreeningSql.Report) })
        {
            using var explain = new NpgsqlCommand("EXPLAIN " + sql, connection);
            explain.Parameters.AddWithValue("top", (long)top);
            using var reader = explain.ExecuteReader();
            Console.WriteLine("   plan, " + name + ":");
            while (reader.Read())
            {
                Console.WriteLine("     " + reader.GetString(0));
            }
        }
    }

    /// <summary>Streams Samspil's per-person results and PostgreSQL's side by side and compares every field.</summary>
    private static long ComparePerPerson(string connectionString)
    {
        var clock = Stopwatch.StartNew();
        using var input = Open(connectionString);
        using var database = Open(connectionString);
        using var command = new NpgsqlCommand(ScreeningSql.PerPerson, database);
        using var reader = command.ExecuteReader();
        long persons = 0, differences = 0, flagged = 0, readmitted = 0;
        foreach (var mine in ReadmissionScreening.ScreenPersons(Input(input)))
        {
            if (!reader.Read())
            {
                Console.WriteLine("   PostgreSQL has fewer persons than Samspil.");
                return differences + 1;
            }

            var theirs = new PersonScreening(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                (int)reader.GetInt64(3), (int)reader.GetInt64(4), (int)reader.GetInt64(5), (int)reader.GetInt64(6), (int)reader.GetInt64(7));
            persons++;
            flagged += mine.FourOrMoreAdmissionsIn12Months ? 1 : 0;
            readmitted += mine.AcuteReadmissionsWithin30Days > 0 ? 1 : 0;
            if (mine != theirs)
            {
                if (differences++ < 10)
                {
                    Console.WriteLine("   differs: Samspil " + mine + " / PostgreSQL " + theirs);
                }
            }
        }

        if (reader.Read())
        {
            Console.WriteLine("   PostgreSQL has more persons than Samspil.");
            differences++;
        }

        Console.WriteLine(Invariant($"   verified every person: {persons:N0} compared, {differences:N0} differ ({flagged:N0} with ≥ 4 in 12 months, {readmitted:N0} with an acute readmission) in {clock.Elapsed.TotalSeconds:F0} s"));
        return differences;
    }

    private static (List<string> Lines, double Seconds, long PeakWorkingSet) TimeSamspil(string connectionString, int top)
    {
        GC.Collect();
        ResetPeakWorkingSet();
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();

        // One connection, COPY stream and thread per key range; the ranges' accumulators are merged.
        var ranges = KeyRanges(connectionString, _partitions);
        var backendCpu = new double[ranges.Count];
        var parts = ranges.Select((range, index) => Task.Run(() =>
        {
            using var connection = Open(connectionString);
            var backendBefore = BackendCpuSeconds(connection.ProcessID);
            ScreeningAccumulator part;
            using (var raw = connection.BeginRawBinaryCopy(ScreeningSql.CopyOutSortedRange(range.From, range.To)))
            {
                part = ReadmissionScreening.Accumulate(new PostgresCopyAdmissionReader(raw).ReadAll(), top);
            }

            backendCpu[index] = BackendCpuSeconds(connection.ProcessID) - backendBefore;
            return part;
        })).ToArray();
        Task.WaitAll(parts);
        var accumulator = parts[0].Result;
        foreach (var part in parts.Skip(1))
        {
            accumulator.Merge(part.Result);
        }

        var report = accumulator.ToReport();
        var seconds = clock.Elapsed.TotalSeconds;
        process.Refresh();
        var peak = process.PeakWorkingSet64;
        Console.WriteLine(Invariant($"   Samspil run: {seconds:F2} s wall, {ranges.Count} key range(s); CPU: this process {(process.TotalProcessorTime - cpuBefore).TotalSeconds:F2} s, PostgreSQL backends serving the COPY {backendCpu.Sum():F2} s"));

        var lines = new List<string>();
        foreach (var (kind, lists) in new[] { ("region", report.ByRegion), ("municipality", report.ByMunicipality) })
        {
            foreach (var (area, list) in lists)
            {
                lines.AddRange(list.Select(r => Line(kind, area, r.Rank, r.Person)));
            }
        }

        var s = report.Summary;
        lines.Add(Invariant($"total|{s.Persons}|{s.Admissions}|{s.PersonsWithFourOrMoreIn12Months}|{s.AcuteReadmissionsWithin30Days}|{s.ShortStays}|{s.DischargesOutsideDaytime}"));
        lines.Add(Invariant($"total-readmitted|{s.PersonsWithAcuteReadmission}"));
        return (lines, seconds, peak);
    }

    private static (List<string> Lines, double Seconds) TimePostgres(string connectionString, int top)
    {
        var clock = Stopwatch.StartNew();
        var rows = new List<(string Kind, string Area, long Rank, PersonScreening? Person, long[] Totals)>();
        using (var connection = Open(connectionString))
        using (var command = new NpgsqlCommand(ScreeningSql.Report, connection))
        {
            var backendBefore = BackendCpuSeconds(connection.ProcessID);
            command.Parameters.AddWithValue("top", (long)top);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var kind = reader.GetString(0);
                var figures = Enumerable.Range(6, 5).Select(reader.GetInt64).ToArray();
                var person = kind.StartsWith("total", StringComparison.Ordinal)
                    ? null
                    : new PersonScreening(reader.GetString(3), reader.GetString(4), reader.GetString(5), (int)figures[0], (int)figures[1], (int)figures[2], (int)figures[3], (int)figures[4]);
                rows.Add((kind, reader.GetString(1), reader.GetInt64(2), person, figures));
            }

            reader.Close();
            Console.WriteLine(Invariant($"   PostgreSQL run: {clock.Elapsed.TotalSeconds:F2} s wall; CPU: backend {BackendCpuSeconds(connection.ProcessID) - backendBefore:F2} s"));
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var lines = rows
            .Where(r => r.Person is not null)
            .OrderBy(r => r.Kind == "region" ? 0 : 1)
            .ThenBy(r => r.Area, StringComparer.Ordinal)
            .ThenBy(r => r.Rank)
            .Select(r => Line(r.Kind, r.Area, (int)r.Rank, r.Person!))
            .ToList();
        var total = rows.Single(r => r.Kind == "total");
        lines.Add(Invariant($"total|{total.Rank}|{total.Totals[0]}|{total.Totals[1]}|{total.Totals[2]}|{total.Totals[3]}|{total.Totals[4]}"));
        lines.Add(Invariant($"total-readmitted|{rows.Single(r => r.Kind == "total-readmitted").Rank}"));
        return (lines, seconds);
    }

    /// <summary>All the sorted admissions in one binary COPY stream (verification and the read-only pass).</summary>
    private static IEnumerable<AdmissionEvent> Input(NpgsqlConnection connection)
    {
        using var raw = connection.BeginRawBinaryCopy(ScreeningSql.CopyOutSorted);
        foreach (var admission in new PostgresCopyAdmissionReader(raw).ReadAll())
        {
            yield return admission;
        }
    }

    private static string Line(string kind, string area, int rank, PersonScreening p) =>
        Invariant($"{kind}|{area}|{rank}|{p.PersonKey}|{p.MunicipalityCode}|{p.RegionCode}|{p.Admissions}|{p.MaxAdmissionsIn12Months}|{p.AcuteReadmissionsWithin30Days}|{p.ShortStays}|{p.DischargesOutsideDaytime}");

    private static string? FirstDifference(List<string> samspil, List<string> postgres)
    {
        for (var i = 0; i < Math.Max(samspil.Count, postgres.Count); i++)
        {
            var mine = i < samspil.Count ? samspil[i] : "(nothing)";
            var theirs = i < postgres.Count ? postgres[i] : "(nothing)";
            if (!string.Equals(mine, theirs, StringComparison.Ordinal))
            {
                return Invariant($"line {i + 1}: Samspil '{mine}', PostgreSQL '{theirs}'");
            }
        }

        return null;
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }

    /// <summary>User + system CPU seconds of a PostgreSQL backend on this machine (Linux /proc), or NaN.</summary>
    private static double BackendCpuSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText(Invariant($"/proc/{pid}/stat"));
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    /// <summary>Linux: writing 5 to clear_refs resets the peak resident set (VmHWM), so each run's peak is its own.</summary>
    private static void ResetPeakWorkingSet()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>The same session settings for both sides: enough sort memory that PostgreSQL's sorts stay in memory.</summary>
    private static NpgsqlConnection Open(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        Execute(connection, "SET work_mem = '1GB'");
        return connection;
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static T Option<T>(string[] args, string name, T fallback)
        where T : IParsable<T>
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? T.Parse(args[index + 1].Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture) : fallback;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
