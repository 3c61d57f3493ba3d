using System.Globalization;
using System.Xml.Linq;

namespace Samspil.Domain.Reporting;

/// <summary>One bar: its label, the figure, and the text to print beside it ("12", "&lt;5", "–").</summary>
public sealed record Bar(string Label, Cell Cell, string Display);

/// <summary>
/// A horizontal bar chart as inline SVG, drawn on the server (no script, no chart library). It carries
/// a &lt;title&gt; and &lt;desc&gt; for screen readers; the page puts a table with the same figures beside it.
/// A suppressed bar is drawn as an empty outline with its marker, never with a length that would give
/// the hidden value away. Built with XElement, so every label is escaped.
/// </summary>
public static class BarChart
{
    private const double Width = 640;
    private const double LabelWidth = 230;
    private const double ValueWidth = 56;
    private const double RowHeight = 30;
    private const double BarHeight = 18;
    private const double Top = 8;
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <param name="id">A unique prefix for the chart's element ids on the page.</param>
    /// <param name="reference">An optional reference line (e.g. the model's number of meetings) with its label.</param>
    public static string Render(string id, string title, string description, IReadOnlyList<Bar> bars, (decimal Value, string Label)? reference = null)
    {
        var max = Math.Max(1m, bars.Where(b => b.Cell.IsShown).Select(b => b.Cell.Value ?? 0m).DefaultIfEmpty(0m).Max());
        if (reference is { } line)
        {
            max = Math.Max(max, line.Value);
        }

        var height = Top + (bars.Count * RowHeight) + (reference is null ? 8 : 26);
        var plot = Width - LabelWidth - ValueWidth;
        var svg = new XElement(
            Svg + "svg",
            new XAttribute("viewBox", $"0 0 {F(Width)} {F(height)}"),
            new XAttribute("role", "img"),
            new XAttribute("aria-labelledby", $"{id}-title {id}-desc"),
            new XAttribute("class", "bar-chart"),
            new XAttribute("data-testid", $"chart-{id}"),
            new XElement(Svg + "title", new XAttribute("id", $"{id}-title"), title),
            new XElement(Svg + "desc", new XAttribute("id", $"{id}-desc"), description));

        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = Top + (i * RowHeight);
            var row = new XElement(Svg + "g", new XAttribute("class", "bar-row"));
            row.Add(Text(LabelWidth - 8, y + (BarHeight / 2) + 4, "end", bar.Label, "bar-label"));
            if (bar.Cell.IsShown)
            {
                var length = (double)((bar.Cell.Value ?? 0m) / max) * plot;
                row.Add(new XElement(
                    Svg + "rect",
                    new XAttribute("x", F(LabelWidth)),
                    new XAttribute("y", F(y)),
                    new XAttribute("width", F(Math.Max(length, bar.Cell.Value > 0 ? 2 : 0))),
                    new XAttribute("height", F(BarHeight)),
                    new XAttribute("class", "bar")));
                row.Add(Text(LabelWidth + Math.Max(length, 0) + 6, y + (BarHeight / 2) + 4, "start", bar.Display, "bar-value"));
            }
            else
            {
                row.Add(new XElement(
                    Svg + "rect",
                    new XAttribute("x", F(LabelWidth)),
                    new XAttribute("y", F(y)),
                    new XAttribute("width", F(24)),
                    new XAttribute("height", F(BarHeight)),
                    new XAttribute("class", "bar bar-hidden")));
                row.Add(Text(LabelWidth + 30, y + (BarHeight / 2) + 4, "start", bar.Display, "bar-value bar-value-hidden"));
            }

            svg.Add(row);
        }

        if (reference is { } r)
        {
            var x = LabelWidth + ((double)(r.Value / max) * plot);
            var bottom = Top + (bars.Count * RowHeight);
            svg.Add(new XElement(
                Svg + "line",
                new XAttribute("x1", F(x)),
                new XAttribute("x2", F(x)),
                new XAttribute("y1", F(Top - 4)),
                new XAttribute("y2", F(bottom)),
                new XAttribute("class", "reference-line")));
            svg.Add(Text(x, bottom + 16, "middle", r.Label, "reference-label"));
        }

        return svg.ToString(SaveOptions.DisableFormatting);
    }

    private static XElement Text(double x, double y, string anchor, string content, string cssClass) =>
        new(
            Svg + "text",
            new XAttribute("x", F(x)),
            new XAttribute("y", F(y)),
            new XAttribute("text-anchor", anchor),
            new XAttribute("class", cssClass),
            content);

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
