namespace Samspil.Domain.Reporting;

/// <summary>What a figure is: a number of something, a percentage, an average or a number of days.</summary>
public enum CellKind
{
    Count = 0,
    Share = 1,
    Average = 2,
    Days = 3,
}

public enum CellStatus
{
    Shown = 0,

    /// <summary>Hidden so that no citizen can be singled out: shown as "&lt;5" (a count) or "–" (anything else).</summary>
    Suppressed = 1,

    /// <summary>There is no source for the figure (e.g. admissions before a hospital feed is connected).</summary>
    NoData = 2,
}

/// <summary>One published figure. A suppressed or missing figure carries no value at all, so it cannot leak through the API or CSV.</summary>
public sealed record Cell(CellKind Kind, CellStatus Status, decimal? Value)
{
    public static Cell Shown(CellKind kind, decimal value) => new(kind, CellStatus.Shown, value);

    public static Cell Hidden(CellKind kind) => new(kind, CellStatus.Suppressed, null);

    public static Cell NoData(CellKind kind) => new(kind, CellStatus.NoData, null);

    public bool IsShown => Status == CellStatus.Shown;
}

/// <summary>One part of a breakdown (e.g. the courses in one phase); the key is a stable code (an enum name or a bucket).</summary>
public sealed record Part(string Key, Cell Cell);

/// <summary>
/// Statistical disclosure control for the dashboard (R34–R36: figures for managers, never a person):
/// <list type="bullet">
/// <item>a count of 1–4 is suppressed ("&lt;5"); 0 is shown;</item>
/// <item>a share, average or median computed from fewer than 5 courses is suppressed ("–");</item>
/// <item>a share is also suppressed when its numerator or its complement is 1–4, since the base is shown;</item>
/// <item>in a breakdown whose total is shown, hidden parts are never recoverable by subtraction: more parts
/// (the smallest shown first) are hidden until the hidden parts add up to at least 5; when the total
/// itself is suppressed, every part is, zeros included.</item>
/// </list>
/// </summary>
public static class Suppression
{
    public const int Threshold = 5;

    public static bool IsSmall(long n) => n is >= 1 and < Threshold;

    public static Cell Count(long n) => IsSmall(n) ? Cell.Hidden(CellKind.Count) : Cell.Shown(CellKind.Count, n);

    /// <summary>A count that describes 1–4 courses is hidden whatever its size (e.g. meetings or admissions of 3 courses, or none of them).</summary>
    public static Cell CountOf(long n, int courses) => IsSmall(courses) ? Cell.Hidden(CellKind.Count) : Count(n);

    /// <summary>The parts of a total (they must add up to it), with secondary suppression.</summary>
    public static IReadOnlyList<Cell> Breakdown(Cell total, IReadOnlyList<long> parts)
    {
        var sum = parts.Sum();
        if (!total.IsShown)
        {
            return parts.Select(_ => Cell.Hidden(CellKind.Count)).ToList();
        }

        if (total.Value != sum)
        {
            throw new ArgumentException("The parts of a breakdown must add up to its total.", nameof(parts));
        }

        var hidden = parts.Select(IsSmall).ToArray();
        while (hidden.Any(h => h) && parts.Where((_, i) => hidden[i]).Sum() < Threshold)
        {
            var next = Enumerable.Range(0, parts.Count).Where(i => !hidden[i] && parts[i] > 0).OrderBy(i => parts[i]).ThenBy(i => i).First();
            hidden[next] = true;
        }

        return parts.Select((p, i) => hidden[i] ? Cell.Hidden(CellKind.Count) : Cell.Shown(CellKind.Count, p)).ToList();
    }

    /// <summary>
    /// A percentage (one decimal). Hidden when the base is under 5 courses, when the numerator or its
    /// complement is 1–4, or when a cell it is computed from is hidden.
    /// </summary>
    public static Cell Share(long numerator, long denominator, int courses, bool inputsShown = true) =>
        !inputsShown || courses < Threshold || denominator < Threshold || IsSmall(numerator) || IsSmall(denominator - numerator)
            ? Cell.Hidden(CellKind.Share)
            : Cell.Shown(CellKind.Share, Math.Round(100m * numerator / denominator, 1, MidpointRounding.AwayFromZero));

    /// <summary>An average (one decimal) over at least 5 courses.</summary>
    public static Cell Average(IReadOnlyCollection<long> values, CellKind kind = CellKind.Average) =>
        values.Count < Threshold
            ? Cell.Hidden(kind)
            : Cell.Shown(kind, Math.Round((decimal)values.Sum() / values.Count, 1, MidpointRounding.AwayFromZero));

    /// <summary>The median (one decimal) over at least 5 courses.</summary>
    public static Cell Median(IReadOnlyCollection<long> values)
    {
        if (values.Count < Threshold)
        {
            return Cell.Hidden(CellKind.Days);
        }

        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        var median = sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2m;
        return Cell.Shown(CellKind.Days, Math.Round(median, 1, MidpointRounding.AwayFromZero));
    }
}
