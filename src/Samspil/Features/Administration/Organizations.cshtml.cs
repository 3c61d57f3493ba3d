using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samspil.Features.Directory;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Administration;

/// <summary>"Organisationer": the organisations as a tree (part of), each with its entry points; create and edit from here.</summary>
[Authorize(Policy = SamspilPolicies.Administrator)]
public sealed class OrganizationsModel(DirectoryService directory) : PageModel
{
    public IReadOnlyList<OrganizationNode> Roots { get; private set; } = [];

    public IReadOnlyDictionary<string, string> TargetGroupNames { get; private set; } = new Dictionary<string, string>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var organizations = await directory.OrganizationsAsync(cancellationToken);
        Roots = OrganizationNode.Tree(organizations);
        var english = Thread.CurrentThread.CurrentUICulture.TwoLetterISOLanguageName == "en";
        TargetGroupNames = (await directory.TargetGroupsAsync(true, cancellationToken)).ToDictionary(t => t.Code, t => english ? t.NameEn : t.NameDa, StringComparer.Ordinal);
    }
}

/// <summary>An organisation with the units that are part of it, sorted by name.</summary>
public sealed record OrganizationNode(OrganizationView Organization, IReadOnlyList<OrganizationNode> Children)
{
    public static IReadOnlyList<OrganizationNode> Tree(IReadOnlyList<OrganizationView> organizations)
    {
        var ids = organizations.Select(o => o.Id).ToHashSet();
        var children = organizations.Where(o => o.PartOfId is { } p && ids.Contains(p)).ToLookup(o => o.PartOfId!.Value);
        var visited = new HashSet<Guid>();

        OrganizationNode Build(OrganizationView o) =>
            new(o, visited.Add(o.Id) ? children[o.Id].OrderBy(c => c.Name, StringComparer.CurrentCulture).Select(Build).ToList() : []);

        return organizations
            .Where(o => o.PartOfId is not { } p || !ids.Contains(p))
            .OrderBy(o => o.Sector).ThenBy(o => o.Name, StringComparer.CurrentCulture)
            .Select(Build)
            .ToList();
    }

    /// <summary>Every organisation in the tree, depth first, with its depth (for the parent list).</summary>
    public static IEnumerable<(OrganizationView Organization, int Depth)> Flatten(IEnumerable<OrganizationNode> nodes, int depth = 0)
    {
        foreach (var node in nodes)
        {
            yield return (node.Organization, depth);
            foreach (var child in Flatten(node.Children, depth + 1))
            {
                yield return child;
            }
        }
    }
}
