using Samspil.Domain.Screening;

namespace Samspil.Domain.Tests.Screening;

/// <summary>Issue 17: every one of the 98 municipalities lies in exactly one of the five regions, as Danmarks Statistik counts them.</summary>
public sealed class DanishAreaNamesTests
{
    [Fact]
    public void Every_municipality_lies_in_one_known_region_with_the_official_counts()
    {
        var regions = DanishAreaNames.AllMunicipalities.Select(m => DanishAreaNames.RegionCodeOf(m.Code)).ToList();

        Assert.Equal(98, regions.Count);
        Assert.All(regions, r => Assert.NotNull(DanishAreaNames.Region(r!)));
        var counts = regions.GroupBy(r => r!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<string, int> { ["1081"] = 11, ["1082"] = 19, ["1083"] = 22, ["1084"] = 29, ["1085"] = 17 }, counts);
        Assert.Equal("1083", DanishAreaNames.RegionCodeOf("461")); // Odense: Region Syddanmark
        Assert.Equal("1082", DanishAreaNames.RegionCodeOf("615")); // Horsens: Region Midtjylland
        Assert.Equal("1084", DanishAreaNames.RegionCodeOf("0101")); // København, written with a leading zero
        Assert.Null(DanishAreaNames.RegionCodeOf("999"));
    }
}
