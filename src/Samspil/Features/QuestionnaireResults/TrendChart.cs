using System.Globalization;
using System.Xml.Linq;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.QuestionnaireResults;

/// <summary>One point of a trend: its date label, value and the text beside it.</summary>
public sealed record TrendPoint(DateTimeOffset At, decimal Value, string Label);

/// <summary>
/// A score over time as inline SVG, drawn on the server like <see cref="Samspil.Domain.Reporting.BarChart"/> (no script,
/// no chart library): a line through the scores in date order on the scale's full range, the cut-off as a dashed
/// reference line, a &lt;title&gt; and &lt;desc&gt; for screen readers; the page puts a table with the same figures
/// beside it. Built with XElement, so every label is escaped.
/// </summary>
public static class TrendChart
{
    private const double Width = 640;
    private const double Height = 220;
    private const double Left = 44;
    private const double Right = 16;
    private const double Top = 12;
    private const double Bottom = 36;
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <param name="id">A unique prefix for the chart's element ids on the page.</param>
    public static string Render(string id, string title, string description, IReadOnlyList<TrendPoint> points, decimal? min, decimal? max, (decimal Value, string Label)? cutOff = null)
    {
        var values = points.Select(p => p.Value).ToList();
        if (cutOff is { } c)
        {
            values.Add(c.Value);
        }

        var low = min ?? (values.Count == 0 ? 0 : values.Min());
        var high = max ?? (values.Count == 0 ? 1 : values.Max());
        if (high <= low)
        {
            high = low + 1;
        }

        var first = points.Count == 0 ? 0 : points.Min(p => p.At.ToUnixTimeSeconds());
        var last = points.Count == 0 ? 1 : points.Max(p => p.At.ToUnixTimeSeconds());
        var span = Math.Max(1, last - first);
        double X(DateTimeOffset at) => points.Count == 1 ? (Left + Width - Right) / 2 : Left + ((at.ToUnixTimeSeconds() - first) * (Width - Left - Right) / span);
        double Y(decimal value) => Top + (double)((high - Math.Clamp(value, low, high)) / (high - low)) * (Height - Top - Bottom);

        var svg = new XElement(
            Svg + "svg",
            new XAttribute("viewBox", $"0 0 {F(Width)} {F(Height)}"),
            new XAttribute("role", "img"),
            new XAttribute("aria-labelledby", $"{id}-title {id}-desc"),
            new XAttribute("class", "trend-chart"),
            new XAttribute("data-testid", $"trend-{id}"),
            new XElement(Svg + "title", new XAttribute("id", $"{id}-title"), title),
            new XElement(Svg + "desc", new XAttribute("id", $"{id}-desc"), description));

        foreach (var tick in new[] { low, (low + high) / 2, high })
        {
            svg.Add(new XElement(Svg + "line", new XAttribute("x1", F(Left)), new XAttribute("x2", F(Width - Right)), new XAttribute("y1", F(Y(tick))), new XAttribute("y2", F(Y(tick))), new XAttribute("class", "grid-line")));
            svg.Add(Text(Left - 6, Y(tick) + 4, "end", tick.ToString("0.#", CultureInfo.CurrentCulture), "axis-label"));
        }

        if (cutOff is { } line)
        {
            svg.Add(new XElement(Svg + "line", new XAttribute("x1", F(Left)), new XAttribute("x2", F(Width - Right)), new XAttribute("y1", F(Y(line.Value))), new XAttribute("y2", F(Y(line.Value))), new XAttribute("class", "reference-line")));
            svg.Add(Text(Width - Right, Y(line.Value) - 4, "end", line.Label, "reference-label"));
        }

        if (points.Count > 0)
        {
            svg.Add(Text(Left, Height - 8, "start", CopenhagenTime.Format(CopenhagenTime.DateOf(points[0].At)), "axis-label"));
            if (points.Count > 1)
            {
                svg.Add(Text(Width - Right, Height - 8, "end", CopenhagenTime.Format(CopenhagenTime.DateOf(points[^1].At)), "axis-label"));
                svg.Add(new XElement(
                    Svg + "polyline",
                    new XAttribute("points", string.Join(' ', points.Select(p => $"{F(X(p.At))},{F(Y(p.Value))}"))),
                    new XAttribute("class", "trend-line")));
            }

            foreach (var point in points)
            {
                svg.Add(new XElement(
                    Svg + "circle",
                    new XAttribute("cx", F(X(point.At))),
                    new XAttribute("cy", F(Y(point.Value))),
                    new XAttribute("r", "4.5"),
                    new XAttribute("class", "trend-point"),
                    new XElement(Svg + "title", point.Label)));
            }
        }

        return svg.ToString(SaveOptions.DisableFormatting);
    }

    private static XElement Text(double x, double y, string anchor, string content, string cssClass) =>
        new(Svg + "text", new XAttribute("x", F(x)), new XAttribute("y", F(y)), new XAttribute("text-anchor", anchor), new XAttribute("class", cssClass), content);

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
