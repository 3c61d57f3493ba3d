using Samspil.Domain.Directory;
using Samspil.Domain.Network;
using Samspil.Features.Courses;

namespace Samspil.Features.Network;

/// <summary>Where a member's circle sits on the network map, relative to the citizen in the centre.</summary>
public sealed record MapNode(NetworkMemberView Member, MapGroup Group, double X, double Y);

/// <summary>A group label around the ring (a sector, or the citizen's private network).</summary>
public sealed record MapGroupLabel(MapGroup Group, int Count, double X, double Y, double StartAngle, double EndAngle);

/// <summary>The groups of the network map: the sectors, plus relatives and friends as the private network.</summary>
public enum MapGroup
{
    Region = 0,
    Municipality = 1,
    GeneralPractice = 2,
    State = 3,
    Volunteer = 4,
    Private = 5,
}

/// <summary>
/// Lays out the active network around the citizen: one arc of the ring per group, sized by the
/// number of members (with a minimum so a lone GP is still readable), members spread within their arc.
/// Pure geometry so it can be tested without a browser.
/// </summary>
public static class NetworkMapLayout
{
    public const double Width = 980;
    public const double Height = 620;
    public const double CenterX = Width / 2;
    public const double CenterY = Height / 2;
    public const double Radius = 190;
    public const double LabelRadius = 275;

    public static MapGroup GroupOf(NetworkMemberView member) => member.Kind switch
    {
        MemberKind.Relative or MemberKind.Friend => MapGroup.Private,
        MemberKind.Volunteer or MemberKind.Peer => MapGroup.Volunteer,
        _ => member.Organization?.Sector switch
        {
            Sector.Region => MapGroup.Region,
            Sector.Municipality => MapGroup.Municipality,
            Sector.GeneralPractice => MapGroup.GeneralPractice,
            Sector.State => MapGroup.State,
            _ => MapGroup.Volunteer,
        },
    };

    public static (IReadOnlyList<MapNode> Nodes, IReadOnlyList<MapGroupLabel> Groups) Layout(IEnumerable<NetworkMemberView> activeMembers)
    {
        var groups = activeMembers
            .GroupBy(GroupOf)
            .OrderBy(g => g.Key)
            .Select(g => (Group: g.Key, Members: g.OrderBy(m => m.Role).ThenBy(m => m.Name, StringComparer.Ordinal).ToList()))
            .ToList();
        var nodes = new List<MapNode>();
        var labels = new List<MapGroupLabel>();
        if (groups.Count == 0)
        {
            return (nodes, labels);
        }

        // Each group gets at least a minimum share of the circle; the rest is spread by size.
        const double minimumShare = 1.5;
        var weights = groups.Select(g => Math.Max(g.Members.Count, minimumShare)).ToList();
        var total = weights.Sum();
        var angle = -Math.PI / 2; // start at the top
        for (var i = 0; i < groups.Count; i++)
        {
            var sweep = 2 * Math.PI * weights[i] / total;
            var (group, members) = groups[i];
            for (var j = 0; j < members.Count; j++)
            {
                var a = angle + (sweep * (j + 0.5) / members.Count);
                nodes.Add(new MapNode(members[j], group, CenterX + (Radius * Math.Cos(a)), CenterY + (Radius * Math.Sin(a))));
            }

            var mid = angle + (sweep / 2);
            labels.Add(new MapGroupLabel(group, members.Count, CenterX + (LabelRadius * Math.Cos(mid)), CenterY + (LabelRadius * Math.Sin(mid)), angle, angle + sweep));
            angle += sweep;
        }

        return (nodes, labels);
    }

    public static string Initials(string name)
    {
        // Words that do not start with a letter, such as "(demo)", do not make initials.
        var parts = name.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries).Where(p => char.IsLetter(p[0])).ToArray();
        return parts.Length switch
        {
            0 => "?",
            1 => parts[0][..1].ToUpperInvariant(),
            _ => string.Concat(parts[0][..1], parts[^1][..1]).ToUpperInvariant(),
        };
    }
}
