using System.Globalization;
using Samspil.Domain.Screening;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Screening;

/// <summary>
/// Synthetic admissions for the demo, so the analysis committee's list shows something: the demo
/// citizens in the "frequent admissions" target group (and Preben and Louise) get many short, acute
/// stays, keyed by the HMAC of their demo CPR number (1858 range) under the configured or development
/// secret; about forty invented persons who are not Samspil citizens get fewer. Deterministic.
/// </summary>
public static class ScreeningDemoData
{
    public const string RegionCode = "1083";

    /// <summary>The demo municipalities' real municipality codes.</summary>
    public static readonly IReadOnlyDictionary<string, string> MunicipalityCodes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Odense"] = "461", ["Kolding"] = "621", ["Vejle"] = "630", ["Fredericia"] = "607", ["Varde"] = "573",
    };

    private static readonly string[] Departments =
    [
        "Psykiatrisk Afdeling Odense, sengeafsnit P1 (demo)",
        "Psykiatrisk Akutmodtagelse Odense (demo)",
        "Psykiatrisk Afdeling Vejle (demo)",
        "Fælles Akutmodtagelse Kolding (demo)",
    ];

    /// <summary>Admissions for the given citizens (person key, municipality name, frequent?) and the invented persons, all ending before <paramref name="now"/>.</summary>
    public static IReadOnlyList<AdmissionEvent> Admissions(IEnumerable<(string PersonKey, string Municipality, bool Frequent)> citizens, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(citizens);
        var random = new Random(1858);
        var result = new List<AdmissionEvent>();
        foreach (var (key, municipality, frequent) in citizens)
        {
            result.AddRange(Person(random, key, MunicipalityCodes.GetValueOrDefault(municipality, "461"), frequent ? random.Next(5, 9) : random.Next(1, 3), frequent, now));
        }

        var codes = MunicipalityCodes.Values.ToArray();
        for (var n = 0; n < 40; n++)
        {
            var key = "demo" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes("samspil-demo-person-" + n.ToString(CultureInfo.InvariantCulture))))[..28];
            var frequent = n % 6 == 0;
            result.AddRange(Person(random, key, codes[n % codes.Length], frequent ? random.Next(4, 8) : random.Next(1, 5), frequent, now));
        }

        return result;
    }

    private static IEnumerable<AdmissionEvent> Person(Random random, string key, string municipality, int count, bool frequent, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(CopenhagenTime.ToLocal(now).DateTime);
        var day = today.AddDays(-(frequent ? random.Next(200, 360) : random.Next(30, 700)));
        for (var i = 0; i < count; i++)
        {
            var start = CopenhagenTime.ToUtc(day, new TimeOnly(random.Next(0, 24), random.Next(0, 4) * 15));
            var stayDays = frequent ? (random.Next(0, 4) == 0 ? random.Next(4, 15) : random.Next(0, 4)) : random.Next(1, 20);
            var dischargeDay = day.AddDays(stayDays);
            var end = CopenhagenTime.ToUtc(dischargeDay, new TimeOnly(random.Next(0, 3) == 0 ? random.Next(16, 23) : random.Next(8, 16), random.Next(0, 4) * 15));
            if (start is null || end is null || end < start || dischargeDay >= today)
            {
                yield break;
            }

            var acute = frequent ? random.Next(0, 5) != 0 : random.Next(0, 2) == 0;
            yield return new AdmissionEvent(key, municipality, RegionCode, start.Value, end.Value, acute, Departments[random.Next(0, Departments.Length)]);
            day = dischargeDay.AddDays(frequent ? (random.Next(0, 3) == 0 ? random.Next(31, 70) : random.Next(2, 28)) : random.Next(40, 200));
        }
    }
}
