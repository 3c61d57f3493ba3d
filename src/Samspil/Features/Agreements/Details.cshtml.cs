using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samspil.Domain.Agreements;

namespace Samspil.Features.Agreements;

/// <summary>One agreement: its content, parties with decision rights and contacts, the document and the version history; ?version=n shows an earlier version.</summary>
[Authorize(Roles = AgreementPages.ReaderRoles)]
public sealed class DetailsModel(AgreementService agreements) : PageModel
{
    public AgreementView? Agreement { get; private set; }

    public IReadOnlyList<AgreementVersionView> Versions { get; private set; } = [];

    /// <summary>The earlier version shown, when one is asked for; null shows the current content.</summary>
    public AgreementVersionView? ShownVersion { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, int? version, CancellationToken cancellationToken)
    {
        Agreement = await agreements.GetAsync(id, cancellationToken);
        if (Agreement is null)
        {
            return NotFound();
        }

        Versions = await agreements.VersionsAsync(id, cancellationToken) ?? [];
        if (version is { } number && number != Agreement.Version)
        {
            ShownVersion = Versions.SingleOrDefault(v => v.Number == number);
            if (ShownVersion is null)
            {
                return NotFound();
            }
        }

        return Page();
    }

    /// <summary>What the page shows: the current content or the earlier version's.</summary>
    public AgreementContent Shown => ShownVersion is { } v
        ? new(v.Title, v.Purpose, v.IsDraft ? AgreementStatus.Draft : null, v.ValidFrom, v.ValidTo, v.NextReviewOn, v.TargetGroups, v.Parties, v.Document)
        : new(Agreement!.Title, Agreement.Purpose, Agreement.Status, Agreement.ValidFrom, Agreement.ValidTo, Agreement.NextReviewOn, Agreement.TargetGroups, Agreement.Parties, Agreement.Document);
}

/// <param name="Status">Null for an earlier version that was not a draft (its status today belongs to the current version).</param>
public sealed record AgreementContent(
    string Title,
    string Purpose,
    AgreementStatus? Status,
    DateOnly ValidFrom,
    DateOnly? ValidTo,
    DateOnly? NextReviewOn,
    IReadOnlyList<AgreementTargetGroupView> TargetGroups,
    IReadOnlyList<AgreementPartyView> Parties,
    AgreementDocumentView? Document);
