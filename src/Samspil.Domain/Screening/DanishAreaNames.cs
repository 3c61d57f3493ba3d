namespace Samspil.Domain.Screening;

/// <summary>
/// The names of Denmark's 98 municipalities and five regions by their official codes (kommunekode,
/// regionskode), so that the analysis committee reads "Odense", not "461". A code that is not on the
/// list (a future merger, a typo in an import) keeps showing as the code.
/// </summary>
public static class DanishAreaNames
{
    private static readonly Dictionary<string, string> Municipalities = new(StringComparer.Ordinal)
    {
        ["101"] = "København", ["147"] = "Frederiksberg", ["151"] = "Ballerup", ["153"] = "Brøndby", ["155"] = "Dragør",
        ["157"] = "Gentofte", ["159"] = "Gladsaxe", ["161"] = "Glostrup", ["163"] = "Herlev", ["165"] = "Albertslund",
        ["167"] = "Hvidovre", ["169"] = "Høje-Taastrup", ["173"] = "Lyngby-Taarbæk", ["175"] = "Rødovre", ["183"] = "Ishøj",
        ["185"] = "Tårnby", ["187"] = "Vallensbæk", ["190"] = "Furesø", ["201"] = "Allerød", ["210"] = "Fredensborg",
        ["217"] = "Helsingør", ["219"] = "Hillerød", ["223"] = "Hørsholm", ["230"] = "Rudersdal", ["240"] = "Egedal",
        ["250"] = "Frederikssund", ["253"] = "Greve", ["259"] = "Køge", ["260"] = "Halsnæs", ["265"] = "Roskilde",
        ["269"] = "Solrød", ["270"] = "Gribskov", ["306"] = "Odsherred", ["316"] = "Holbæk", ["320"] = "Faxe",
        ["326"] = "Kalundborg", ["329"] = "Ringsted", ["330"] = "Slagelse", ["336"] = "Stevns", ["340"] = "Sorø",
        ["350"] = "Lejre", ["360"] = "Lolland", ["370"] = "Næstved", ["376"] = "Guldborgsund", ["390"] = "Vordingborg",
        ["400"] = "Bornholm", ["410"] = "Middelfart", ["420"] = "Assens", ["430"] = "Faaborg-Midtfyn", ["440"] = "Kerteminde",
        ["450"] = "Nyborg", ["461"] = "Odense", ["479"] = "Svendborg", ["480"] = "Nordfyns", ["482"] = "Langeland",
        ["492"] = "Ærø", ["510"] = "Haderslev", ["530"] = "Billund", ["540"] = "Sønderborg", ["550"] = "Tønder",
        ["561"] = "Esbjerg", ["563"] = "Fanø", ["573"] = "Varde", ["575"] = "Vejen", ["580"] = "Aabenraa",
        ["607"] = "Fredericia", ["615"] = "Horsens", ["621"] = "Kolding", ["630"] = "Vejle", ["657"] = "Herning",
        ["661"] = "Holstebro", ["665"] = "Lemvig", ["671"] = "Struer", ["706"] = "Syddjurs", ["707"] = "Norddjurs",
        ["710"] = "Favrskov", ["727"] = "Odder", ["730"] = "Randers", ["740"] = "Silkeborg", ["741"] = "Samsø",
        ["746"] = "Skanderborg", ["751"] = "Aarhus", ["756"] = "Ikast-Brande", ["760"] = "Ringkøbing-Skjern", ["766"] = "Hedensted",
        ["773"] = "Morsø", ["779"] = "Skive", ["787"] = "Thisted", ["791"] = "Viborg", ["810"] = "Brønderslev",
        ["813"] = "Frederikshavn", ["820"] = "Vesthimmerlands", ["825"] = "Læsø", ["840"] = "Rebild", ["846"] = "Mariagerfjord",
        ["849"] = "Jammerbugt", ["851"] = "Aalborg", ["860"] = "Hjørring",
    };

    private static readonly Dictionary<string, string> Regions = new(StringComparer.Ordinal)
    {
        ["1081"] = "Region Nordjylland", ["1082"] = "Region Midtjylland", ["1083"] = "Region Syddanmark",
        ["1084"] = "Region Hovedstaden", ["1085"] = "Region Sjælland",
    };

    /// <summary>How many municipality codes are known (98 since the 2007 reform).</summary>
    public static int MunicipalityCount => Municipalities.Count;

    /// <summary>The municipality's name ("Odense") or null for a code not on the list.</summary>
    public static string? Municipality(string code) => Municipalities.GetValueOrDefault(code);

    /// <summary>Every municipality as (code, name), ordered by name.</summary>
    public static IReadOnlyList<(string Code, string Name)> AllMunicipalities { get; } =
        Municipalities.OrderBy(m => m.Value, StringComparer.Create(new System.Globalization.CultureInfo("da-DK"), false)).Select(m => (m.Key, m.Value)).ToList();

    /// <summary>The region's name ("Region Syddanmark") or null for a code not on the list.</summary>
    public static string? Region(string code) => Regions.GetValueOrDefault(code);

    /// <summary>The name of a municipality or region code of the given kind, or null.</summary>
    public static string? Of(ScreeningArea area, string code) => area == ScreeningArea.Region ? Region(code) : Municipality(code);

    private static readonly Dictionary<string, string> RegionOfMunicipality = BuildRegions();

    /// <summary>
    /// The region a municipality lies in (regionskode by kommunekode; every municipality lies in exactly one region),
    /// or null for a code that is not on the list. Lets a stay notified for a citizen be placed in both areas from the
    /// municipality alone (issue 17).
    /// </summary>
    public static string? RegionCodeOf(string municipalityCode) =>
        RegionOfMunicipality.GetValueOrDefault(municipalityCode.TrimStart('0'));

    private static Dictionary<string, string> BuildRegions()
    {
        var regions = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string region, params int[] municipalities)
        {
            foreach (var code in municipalities)
            {
                regions.Add(code.ToString(System.Globalization.CultureInfo.InvariantCulture), region);
            }
        }

        Add("1084", 101, 147, 151, 153, 155, 157, 159, 161, 163, 165, 167, 169, 173, 175, 183, 185, 187, 190, 201, 210, 217, 219, 223, 230, 240, 250, 260, 270, 400);
        Add("1085", 253, 259, 265, 269, 306, 316, 320, 326, 329, 330, 336, 340, 350, 360, 370, 376, 390);
        Add("1083", 410, 420, 430, 440, 450, 461, 479, 480, 482, 492, 510, 530, 540, 550, 561, 563, 573, 575, 580, 607, 621, 630);
        Add("1082", 615, 657, 661, 665, 671, 706, 707, 710, 727, 730, 740, 741, 746, 751, 756, 760, 766, 779, 791);
        Add("1081", 773, 787, 810, 813, 820, 825, 840, 846, 849, 851, 860);
        return regions;
    }
}
