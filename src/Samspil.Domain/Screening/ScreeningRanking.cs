namespace Samspil.Domain.Screening;

/// <summary>The areas a ranked list can be made for.</summary>
public enum ScreeningArea
{
    Region,
    Municipality,
}

/// <summary>A person's place on an area's list (1 = first).</summary>
public sealed record RankedPerson(int Rank, PersonScreening Person);

/// <summary>
/// The analysis committee's lists: per region or municipality (the person's residence, see
/// <see cref="ReadmissionScreening"/>), the top N persons in <see cref="Order"/>. Fed one person at
/// a time; keeps a bounded heap of N per area, so memory does not grow with the number of persons.
/// </summary>
public sealed class ScreeningRanking
{
    /// <summary>The analysis committee works through about twenty persons.</summary>
    public const int DefaultTop = 20;

    private readonly Dictionary<string, PriorityQueue<PersonScreening, PersonScreening>> _heaps = new(StringComparer.Ordinal);

    public ScreeningRanking(ScreeningArea area, int top = DefaultTop)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        Area = area;
        Top = top;
    }

    /// <summary>
    /// Best first: most admissions in a rolling 12 months, then most acute readmissions within 30
    /// days, then most admissions in all, then the person key in ascending ordinal order. Total
    /// (person keys are unique), so the lists are deterministic.
    /// </summary>
    public static IComparer<PersonScreening> Order { get; } = Comparer<PersonScreening>.Create(CompareBestFirst);

    public ScreeningArea Area { get; }

    public int Top { get; }

    public void Add(PersonScreening person)
    {
        ArgumentNullException.ThrowIfNull(person);
        var area = Area == ScreeningArea.Region ? person.RegionCode : person.MunicipalityCode;
        if (!_heaps.TryGetValue(area, out var heap))
        {
            // The root is the worst person kept: the one a better newcomer replaces.
            heap = new PriorityQueue<PersonScreening, PersonScreening>(Top + 1, WorstFirst);
            _heaps.Add(area, heap);
        }

        if (heap.Count < Top)
        {
            heap.Enqueue(person, person);
        }
        else if (CompareBestFirst(person, heap.Peek()) < 0)
        {
            heap.DequeueEnqueue(person, person);
        }
    }

    /// <summary>
    /// Adds everyone another ranking of the same area and size kept, e.g. one built from another key
    /// range of persons in parallel. Persons must not occur in both.
    /// </summary>
    public void Merge(ScreeningRanking other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Area != Area || other.Top != Top)
        {
            throw new ArgumentException("Only rankings of the same area and size can be merged.", nameof(other));
        }

        foreach (var heap in other._heaps.Values)
        {
            foreach (var (person, _) in heap.UnorderedItems)
            {
                Add(person);
            }
        }
    }

    /// <summary>Each area's list, best first; areas in ascending ordinal order of their code.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<RankedPerson>> Result()
    {
        var result = new SortedDictionary<string, IReadOnlyList<RankedPerson>>(StringComparer.Ordinal);
        foreach (var (area, heap) in _heaps)
        {
            result.Add(area, heap.UnorderedItems
                .Select(item => item.Element)
                .Order(Order)
                .Select((person, index) => new RankedPerson(index + 1, person))
                .ToList());
        }

        return result;
    }

    private static readonly IComparer<PersonScreening> WorstFirst = Comparer<PersonScreening>.Create((x, y) => CompareBestFirst(y, x));

    private static int CompareBestFirst(PersonScreening? x, PersonScreening? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? 1 : -1;
        }

        var order = y.MaxAdmissionsIn12Months.CompareTo(x.MaxAdmissionsIn12Months);
        if (order == 0)
        {
            order = y.AcuteReadmissionsWithin30Days.CompareTo(x.AcuteReadmissionsWithin30Days);
        }

        if (order == 0)
        {
            order = y.Admissions.CompareTo(x.Admissions);
        }

        return order != 0 ? order : string.CompareOrdinal(x.PersonKey, y.PersonKey);
    }
}

/// <summary>Totals over everyone screened.</summary>
public sealed class ScreeningSummary
{
    public long Persons { get; private set; }

    public long Admissions { get; private set; }

    /// <summary>Persons with four or more admissions in a rolling 12 months.</summary>
    public long PersonsWithFourOrMoreIn12Months { get; private set; }

    /// <summary>Persons with at least one acute readmission within 30 days.</summary>
    public long PersonsWithAcuteReadmission { get; private set; }

    public long AcuteReadmissionsWithin30Days { get; private set; }

    public long ShortStays { get; private set; }

    public long DischargesOutsideDaytime { get; private set; }

    public void Add(PersonScreening person)
    {
        ArgumentNullException.ThrowIfNull(person);
        Persons++;
        Admissions += person.Admissions;
        PersonsWithFourOrMoreIn12Months += person.FourOrMoreAdmissionsIn12Months ? 1 : 0;
        PersonsWithAcuteReadmission += person.AcuteReadmissionsWithin30Days > 0 ? 1 : 0;
        AcuteReadmissionsWithin30Days += person.AcuteReadmissionsWithin30Days;
        ShortStays += person.ShortStays;
        DischargesOutsideDaytime += person.DischargesOutsideDaytime;
    }

    /// <summary>Adds the totals over another, disjoint set of persons.</summary>
    public void Merge(ScreeningSummary other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Persons += other.Persons;
        Admissions += other.Admissions;
        PersonsWithFourOrMoreIn12Months += other.PersonsWithFourOrMoreIn12Months;
        PersonsWithAcuteReadmission += other.PersonsWithAcuteReadmission;
        AcuteReadmissionsWithin30Days += other.AcuteReadmissionsWithin30Days;
        ShortStays += other.ShortStays;
        DischargesOutsideDaytime += other.DischargesOutsideDaytime;
    }
}

/// <summary>
/// Collects a screening run's totals and ranked lists person by person. Accumulators over disjoint
/// sets of persons (e.g. key ranges screened in parallel) can be merged into one.
/// </summary>
public sealed class ScreeningAccumulator(int top = ScreeningRanking.DefaultTop)
{
    private readonly ScreeningSummary _summary = new();
    private readonly ScreeningRanking _byRegion = new(ScreeningArea.Region, top);
    private readonly ScreeningRanking _byMunicipality = new(ScreeningArea.Municipality, top);

    public void Add(PersonScreening person)
    {
        _summary.Add(person);
        _byRegion.Add(person);
        _byMunicipality.Add(person);
    }

    public void Merge(ScreeningAccumulator other)
    {
        ArgumentNullException.ThrowIfNull(other);
        _summary.Merge(other._summary);
        _byRegion.Merge(other._byRegion);
        _byMunicipality.Merge(other._byMunicipality);
    }

    public ScreeningReport ToReport() => new(_summary, _byRegion.Result(), _byMunicipality.Result());
}

/// <summary>What a screening run produces: totals and the two kinds of ranked list.</summary>
public sealed record ScreeningReport(
    ScreeningSummary Summary,
    IReadOnlyDictionary<string, IReadOnlyList<RankedPerson>> ByRegion,
    IReadOnlyDictionary<string, IReadOnlyList<RankedPerson>> ByMunicipality);
