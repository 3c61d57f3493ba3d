using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samspil.Features.Administration;
using Samspil.Features.Directory;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Agreements;

/// <summary>"Samarbejdsaftaler": every agreement, in force first; filter by target group and organisation.</summary>
[Authorize(Roles = AgreementPages.ReaderRoles)]
public sealed class IndexModel(AgreementService agreements, DirectoryService directory) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "targetGroup")]
    public string? TargetGroup { get; set; }

    [BindProperty(SupportsGet = true, Name = "organization")]
    public Guid? OrganizationId { get; set; }

    public IReadOnlyList<AgreementSummaryView> Agreements { get; private set; } = [];

    public IReadOnlyList<TargetGroupView> TargetGroups { get; private set; } = [];

    public IReadOnlyList<(OrganizationView Organization, int Depth)> Organizations { get; private set; } = [];

    public bool CanCreate => agreements.CanCreate;

    public bool English => Thread.CurrentThread.CurrentUICulture.TwoLetterISOLanguageName == "en";

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // A tampered filter (too long, or not an id) is ignored rather than answered with an error page.
        var group = TargetGroup is { Length: > 0 and <= AgreementEndpoints.MaxFilterLength } code && !Domain.Common.Guard.HasControlCharacters(code) ? code.Trim() : null;
        TargetGroup = group;
        Agreements = await agreements.ListAsync(new AgreementListFilter(group, OrganizationId), cancellationToken);
        TargetGroups = await directory.TargetGroupsAsync(true, cancellationToken);
        Organizations = OrganizationNode.Flatten(OrganizationNode.Tree(await directory.OrganizationsAsync(cancellationToken))).ToList();
    }
}

/// <summary>Shared by the agreement pages.</summary>
public static class AgreementPages
{
    /// <summary>Every signed-in staff member reads agreements (as <see cref="AgreementEndpoints.ReaderRoles"/>).</summary>
    public const string ReaderRoles = SamspilRoles.Professional + "," + SamspilRoles.Administrator + "," + SamspilRoles.Manager;

    public static string StatusClass(Domain.Agreements.AgreementStatus status) => "badge badge-agreement-" + status.ToString().ToLowerInvariant();
}
