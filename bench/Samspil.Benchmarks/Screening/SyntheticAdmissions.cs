using System.Globalization;

namespace Samspil.Benchmarks.Screening;

/// <summary>One generated admission, without allocations: indexes into the code tables and UTC ticks.</summary>
internal readonly record struct SyntheticAdmission(int Person, int Municipality, long StartTicks, long EndTicks, bool Acute, int Department);

/// <summary>
/// A deterministic generator of synthetic admissions: the same seed, people and admissions give
/// the same rows on every machine (its own SplitMix64, not <see cref="Random"/>). Rows come out
/// sorted by person key and start, person by person, so nothing is held in memory but the admission
/// counts (4 bytes a person).
/// </summary>
/// <remarks>
/// Shape: every person has at least one admission; the rest follow an exponential distribution, so a
/// few persons have dozens (the ones the analysis committee should find). Each person lives in one of
/// the 98 municipalities (2 % of admissions record a move). Starts fall from 2021 to about 2026; the
/// gap after a discharge is the same start (4 %), the very instant of the discharge (4 %, a
/// transfer), inside the previous stay (4 %, overlapping), 0–35 days (33 %, around the 30-day
/// readmission limit) or exponential with a mean of 120 days. Stays last 0–24 hours (30 %), 1–4 days
/// (35 %), 4–14 days (28 %) or 14–60 days; times are whole minutes; 60 % are acute.
/// </remarks>
internal sealed class SyntheticAdmissions
{
    /// <summary>The 98 Danish municipalities (kommunekode) and their region (regionskode).</summary>
    public static readonly (string Municipality, string Region)[] Municipalities = BuildMunicipalities();

    public static readonly string[] Departments =
    [
        "Medicinsk afdeling", "Akutmodtagelsen", "Kardiologisk afdeling", "Lungemedicinsk afdeling", "Geriatrisk afdeling",
        "Psykiatrisk afdeling", "Ortopædkirurgisk afdeling", "Kirurgisk afdeling", "Neurologisk afdeling", "Nefrologisk afdeling",
        "Endokrinologisk afdeling", "Infektionsmedicinsk afdeling",
    ];

    private static readonly long Origin = new DateTime(2021, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
    private const long MinutesInSpan = 4L * 365 * 24 * 60;
    private const long Day = 24 * 60;

    private readonly int[] _counts;
    private readonly ulong _seed;

    public SyntheticAdmissions(int people, long admissions, ulong seed)
    {
        if (people < 1 || admissions < people)
        {
            throw new ArgumentException("Need at least one person and at least one admission per person.");
        }

        People = people;
        Admissions = admissions;
        _seed = seed;
        _counts = new int[people];
        var random = new SplitMix64(seed);
        var extraMean = (double)(admissions - people) / people;
        long total = 0;
        for (var i = 0; i < people; i++)
        {
            _counts[i] = 1 + (int)Math.Floor(-Math.Log(1 - random.NextDouble()) * extraMean);
            total += _counts[i];
        }

        // Nudge random persons until the total is exact.
        while (total != admissions)
        {
            var i = random.Next(people);
            if (total < admissions)
            {
                _counts[i]++;
                total++;
            }
            else if (_counts[i] > 1)
            {
                _counts[i]--;
                total--;
            }
        }
    }

    public int People { get; }

    public long Admissions { get; }

    public static string PersonKey(int person) => "P" + person.ToString("D8", CultureInfo.InvariantCulture);

    /// <summary>Every admission, sorted by person key and start.</summary>
    public IEnumerable<SyntheticAdmission> All()
    {
        for (var person = 0; person < People; person++)
        {
            var random = new SplitMix64(_seed ^ (0x9E3779B97F4A7C15UL * (ulong)(person + 1)));
            var home = random.Next(Municipalities.Length);
            long start = random.Next((int)(MinutesInSpan * 4 / 5));
            long end = start;
            long previousStart = start;
            for (var k = 0; k < _counts[person]; k++)
            {
                if (k > 0)
                {
                    var gap = random.NextDouble();
                    start = gap switch
                    {
                        < 0.04 => previousStart,
                        < 0.08 => end,
                        < 0.12 => previousStart + ((end - previousStart) / 2),
                        < 0.45 => end + random.Next((int)(35 * Day) + 1),
                        _ => end + (long)(-Math.Log(1 - random.NextDouble()) * 120 * Day),
                    };
                }

                var length = random.NextDouble() switch
                {
                    < 0.30 => random.Next((int)Day),
                    < 0.65 => Day + random.Next((int)(3 * Day)),
                    < 0.93 => (4 * Day) + random.Next((int)(10 * Day)),
                    _ => (14 * Day) + random.Next((int)(46 * Day)),
                };
                if (random.NextDouble() < 0.02)
                {
                    home = random.Next(Municipalities.Length);
                }

                var acute = random.NextDouble() < 0.6;
                var department = random.Next(Departments.Length);
                previousStart = start;
                end = start + length;
                yield return new SyntheticAdmission(person, home, Origin + (start * TimeSpan.TicksPerMinute), Origin + (end * TimeSpan.TicksPerMinute), acute, department);
            }
        }
    }

    private static (string, string)[] BuildMunicipalities()
    {
        var byRegion = new Dictionary<string, string>
        {
            ["1081"] = "773 787 810 813 820 825 840 846 849 851 860",
            ["1082"] = "615 657 661 665 671 706 707 710 727 730 740 741 746 751 756 760 766 779 791",
            ["1083"] = "410 420 430 440 450 461 479 480 482 492 510 530 540 550 561 563 573 575 580 607 621 630",
            ["1084"] = "101 147 151 153 155 157 159 161 163 165 167 169 173 175 183 185 187 190 201 210 217 219 223 230 240 250 260 270 400",
            ["1085"] = "253 259 265 269 306 316 320 326 329 330 336 340 350 360 370 376 390",
        };
        return byRegion
            .SelectMany(r => r.Value.Split(' ').Select(m => (m, r.Key)))
            .OrderBy(x => x.m, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>SplitMix64: tiny, fast, and the same everywhere.</summary>
    private struct SplitMix64(ulong seed)
    {
        private ulong _state = seed;

        public ulong NextUInt64()
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

        public int Next(int bound) => (int)((NextUInt64() >> 1) % (ulong)bound);
    }
}
