using System.Globalization;
using System.Xml.Linq;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Network;
using Samspil.Features.Courses;
using Samspil.Infrastructure.Localization;

namespace Samspil.Features.Network;

/// <summary>
/// Draws the network map as inline SVG: the citizen in the centre, active members around them,
/// one coloured arc per group. Built with XElement so every name is escaped.
/// </summary>
public static class NetworkMapSvg
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public static IHtmlContent Render(CourseDetail course, IStringLocalizer localizer)
    {
        var (nodes, groups) = NetworkMapLayout.Layout(course.Network.Where(m => m.IsActive));
        const double cx = NetworkMapLayout.CenterX;
        const double cy = NetworkMapLayout.CenterY;

        var svg = new XElement(
            Svg + "svg",
            new XAttribute("viewBox", $"0 0 {F(NetworkMapLayout.Width)} {F(NetworkMapLayout.Height)}"),
            new XAttribute("role", "img"),
            new XAttribute("aria-labelledby", "map-title map-desc"),
            new XAttribute("data-testid", "network-map"),
            new XElement(Svg + "title", new XAttribute("id", "map-title"), localizer["NetworkMap.Title"].Value),
            new XElement(Svg + "desc", new XAttribute("id", "map-desc"), string.Format(CultureInfo.CurrentCulture, localizer["NetworkMap.Description"].Value, course.Citizen.FullName, nodes.Count)));

        foreach (var g in groups)
        {
            const double r = NetworkMapLayout.Radius + 32;
            var (x1, y1) = Polar(r, g.StartAngle + 0.04);
            var (x2, y2) = Polar(r, g.EndAngle - 0.04);
            var large = g.EndAngle - g.StartAngle > Math.PI ? 1 : 0;
            svg.Add(new XElement(Svg + "path", Class($"arc group-{Css(g.Group)}"), new XAttribute("d", $"M {F(x1)} {F(y1)} A {F(r)} {F(r)} 0 {large} 1 {F(x2)} {F(y2)}")));
            // Labels sit outside the ring and read away from the centre, so they never cover a member's name.
            var anchor = Math.Abs(g.X - cx) < 40 ? "middle" : (g.X > cx ? "start" : "end");
            svg.Add(Text(g.X, g.Y, $"group-label group-{Css(g.Group)}", $"{localizer[$"MapGroup.{g.Group}"].Value} ({g.Count})", testId: "map-group", anchor: anchor));
        }

        foreach (var n in nodes)
        {
            svg.Add(new XElement(Svg + "line", Class("spoke"), new XAttribute("x1", F(cx)), new XAttribute("y1", F(cy)), new XAttribute("x2", F(n.X)), new XAttribute("y2", F(n.Y))));
        }

        svg.Add(new XElement(
            Svg + "g",
            Class("citizen-node"),
            new XElement(Svg + "circle", new XAttribute("cx", F(cx)), new XAttribute("cy", F(cy)), new XAttribute("r", "52")),
            Text(cx, cy - 4, "citizen-name", course.Citizen.GivenName ?? course.Citizen.FullName),
            Text(cx, cy + 14, "citizen-sub", localizer["NetworkMap.Citizen"].Value)));

        foreach (var n in nodes)
        {
            var member = n.Member;
            var below = n.Y >= cy - 5;
            var coordinator = member.Role == CollaborationRole.Coordinator ? " coordinator" : string.Empty;
            var role = localizer.Enum(member.Role);
            var tooltip = member.Organization is { } o ? $"{member.Name} — {role}, {o.Name}" : $"{member.Name} — {role}";
            svg.Add(new XElement(
                Svg + "g",
                Class($"member group-{Css(n.Group)}{coordinator}"),
                new XAttribute("data-testid", "map-member"),
                new XElement(Svg + "title", tooltip),
                new XElement(Svg + "circle", new XAttribute("cx", F(n.X)), new XAttribute("cy", F(n.Y)), new XAttribute("r", "24")),
                Text(n.X, n.Y + 5, "initials", NetworkMapLayout.Initials(member.Name)),
                Text(n.X, below ? n.Y + 42 : n.Y - 46, "member-name", member.Name),
                Text(n.X, below ? n.Y + 56 : n.Y - 32, "member-role", role)));
        }

        return new HtmlString(svg.ToString(SaveOptions.DisableFormatting));
    }

    private static XElement Text(double x, double y, string cssClass, string content, string? testId = null, string anchor = "middle")
    {
        var text = new XElement(Svg + "text", new XAttribute("x", F(x)), new XAttribute("y", F(y)), new XAttribute("text-anchor", anchor), Class(cssClass), content);
        if (testId is not null)
        {
            text.Add(new XAttribute("data-testid", testId));
        }

        return text;
    }

    private static (double X, double Y) Polar(double radius, double angle) =>
        (NetworkMapLayout.CenterX + (radius * Math.Cos(angle)), NetworkMapLayout.CenterY + (radius * Math.Sin(angle)));

    private static XAttribute Class(string value) => new("class", value);

    private static string Css(MapGroup group) => group.ToString().ToLowerInvariant();

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
