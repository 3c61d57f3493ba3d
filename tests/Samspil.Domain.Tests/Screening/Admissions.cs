using System.Globalization;
using Samspil.Domain.Screening;

namespace Samspil.Domain.Tests.Screening;

/// <summary>Small builders for admissions in tests; times are written with their offset.</summary>
internal static class Admissions
{
    public static DateTimeOffset At(string isoWithOffset) =>
        DateTimeOffset.ParseExact(isoWithOffset, ["yyyy-MM-dd HH:mmzzz", "yyyy-MM-dd HH:mm:sszzz"], CultureInfo.InvariantCulture, DateTimeStyles.None);

    public static AdmissionEvent Stay(string start, string end, bool acute = false, string person = "P1", string municipality = "461", string region = "1083") =>
        new(person, municipality, region, At(start), At(end), acute, "Medicinsk afdeling");

    public static PersonScreening Screen(params AdmissionEvent[] admissions) => ReadmissionScreening.ScreenPerson(admissions);
}
