using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Agreements;
using Samspil.Domain.Common;
using Samspil.Features.Administration;
using Samspil.Features.Directory;
using Samspil.Features.Shared;
using Samspil.Infrastructure.ErrorHandling;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Agreements;

/// <summary>"Ny samarbejdsaftale" / "Ret samarbejdsaftale": an administrator of a party writes the agreement; every save is a new version.</summary>
[Authorize(Policy = SamspilPolicies.Administrator)]
public sealed partial class EditModel(AgreementService agreements, DirectoryService directory, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public AgreementForm Form { get; set; } = new();

    /// <summary>The agreement's document (PDF); a new one replaces the current one in the new version.</summary>
    [BindProperty]
    public IFormFile? Document { get; set; }

    public Guid? Id { get; private set; }

    public string? CurrentDocumentName { get; private set; }

    public IReadOnlyList<TargetGroupView> TargetGroups { get; private set; } = [];

    public IReadOnlyList<(OrganizationView Organization, int Depth)> Organizations { get; private set; } = [];

    public IReadOnlyList<PractitionerRoleView> Roles { get; private set; } = [];

    public bool English => Thread.CurrentThread.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>How many party rows the form shows: every party, and one or two empty rows for more.</summary>
    public int PartyRows => Math.Min(AgreementTerms.MaxParties, Math.Max(3, Form.PartyOrganizationIds.Count(id => id is not null) + 1));

    public long MaxDocumentBytes => agreements.MaxDocumentBytes;

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken cancellationToken)
    {
        if (id is { } existing)
        {
            if (await agreements.GetAsync(existing, cancellationToken) is not { } view || await agreements.TermsAsync(existing, cancellationToken) is not { } terms)
            {
                return NotFound();
            }

            if (!view.CanEdit)
            {
                return Forbid();
            }

            Form = AgreementForm.Of(AgreementService.RequestOf(terms), view.Version);
            CurrentDocumentName = view.Document?.FileName;
        }
        else if (!agreements.CanCreate)
        {
            return Forbid();
        }

        await LoadAsync(id, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken cancellationToken)
    {
        PageErrors.LocalizeBindingErrors(ModelState, localizer);
        if (ModelState.IsValid)
        {
            var (request, rowOf) = Form.ToRequest();
            AgreementView? saved = null;
            try
            {
                var upload = Document is null ? null : await AgreementEndpoints.ReadUploadAsync(Document, agreements.MaxDocumentBytes, cancellationToken);
                saved = id is { } existing
                    ? await agreements.UpdateAsync(existing, Form.Version, request, upload, cancellationToken)
                    : await agreements.CreateAsync(request, upload, cancellationToken);
                if (saved is null)
                {
                    return NotFound();
                }

                TempData["StatusMessage"] = localizer["Agreement.Saved"].Value;
                return Redirect("/Agreements/" + saved.Id.ToString("D"));
            }
            catch (InputValidationException invalid)
            {
                foreach (var (field, code) in invalid.Errors.All)
                {
                    ModelState.AddModelError(FormField(field, rowOf), localizer.Message(code));
                }
            }
            catch (DomainException domain)
            {
                ModelState.AddModelError(domain.Field == "file" ? "Document" : FormField(domain.Field ?? string.Empty, rowOf), localizer.Message(domain.Code));
            }
            catch (AgreementVersionConflictException)
            {
                ModelState.AddModelError(string.Empty, localizer["Agreement.Conflict.Detail"]);
            }
            catch (AgreementEditForbiddenException)
            {
                return Forbid();
            }
        }

        if (id is { } other)
        {
            if (await agreements.GetAsync(other, cancellationToken) is not { } view)
            {
                return NotFound();
            }

            CurrentDocumentName = view.Document?.FileName;
        }

        await LoadAsync(id, cancellationToken);
        return Page();
    }

    /// <summary>The form field an API error path belongs to: "parties[1].organizationId" → "Form.PartyOrganizationIds[row]".</summary>
    private static string FormField(string field, IReadOnlyList<int> rowOf)
    {
        var match = PartyField().Match(field);
        if (!match.Success)
        {
            return field switch
            {
                "file" => "Document",
                "parties" => "Form.Parties",
                _ => "Form." + char.ToUpperInvariant(field.FirstOrDefault(' ')) + (field.Length > 1 ? field[1..] : string.Empty),
            };
        }

        var index = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var row = index < rowOf.Count ? rowOf[index] : index;
        var column = match.Groups[2].Value switch
        {
            "organizationId" => nameof(AgreementForm.PartyOrganizationIds),
            "decisionRights" => nameof(AgreementForm.PartyDecisionRights),
            "contactPractitionerRoleId" => nameof(AgreementForm.PartyContactRoleIds),
            "contactName" => nameof(AgreementForm.PartyContactNames),
            "contactTitle" => nameof(AgreementForm.PartyContactTitles),
            "contactPhone" => nameof(AgreementForm.PartyContactPhones),
            _ => nameof(AgreementForm.PartyContactEmails),
        };
        return string.Create(CultureInfo.InvariantCulture, $"Form.{column}[{row}]");
    }

    private async Task LoadAsync(Guid? id, CancellationToken cancellationToken)
    {
        Id = id;
        TargetGroups = await directory.TargetGroupsAsync(true, cancellationToken);
        Organizations = OrganizationNode.Flatten(OrganizationNode.Tree(await directory.OrganizationsAsync(cancellationToken))).ToList();
        Roles = await directory.PractitionerRolesAsync(null, cancellationToken);
    }

    [GeneratedRegex(@"^parties\[(\d{1,3})\]\.(\w+)$")]
    private static partial Regex PartyField();
}

/// <summary>
/// The form: the parties are columns of lists (Form.PartyOrganizationIds[i] …) rather than a list of rows, so that each
/// field's name ends uniquely and an error lands beside the right row's field (FormFieldTagHelper matches by last part).
/// </summary>
public sealed class AgreementForm
{
    public string? Title { get; set; }

    public string? Purpose { get; set; }

    public List<string> TargetGroupCodes { get; set; } = [];

    public DateOnly? ValidFrom { get; set; }

    public DateOnly? ValidTo { get; set; }

    public DateOnly? NextReviewOn { get; set; }

    public bool IsDraft { get; set; }

    /// <summary>The version the form was opened on; a save against an older one is refused (someone else saved first).</summary>
    public int? Version { get; set; }

    public List<Guid?> PartyOrganizationIds { get; set; } = [];

    public List<string?> PartyDecisionRights { get; set; } = [];

    public List<Guid?> PartyContactRoleIds { get; set; } = [];

    public List<string?> PartyContactNames { get; set; } = [];

    public List<string?> PartyContactTitles { get; set; } = [];

    public List<string?> PartyContactPhones { get; set; } = [];

    public List<string?> PartyContactEmails { get; set; } = [];

    public T? At<T>(List<T?> column, int row) => row < column.Count ? column[row] : default;

    public static AgreementForm Of(AgreementRequest request, int version) => new()
    {
        Title = request.Title,
        Purpose = request.Purpose,
        TargetGroupCodes = request.TargetGroupCodes?.ToList() ?? [],
        ValidFrom = request.ValidFrom,
        ValidTo = request.ValidTo,
        NextReviewOn = request.NextReviewOn,
        IsDraft = request.IsDraft ?? false,
        Version = version,
        PartyOrganizationIds = request.Parties?.Select(p => p.OrganizationId).ToList() ?? [],
        PartyDecisionRights = request.Parties?.Select(p => p.DecisionRights).ToList() ?? [],
        PartyContactRoleIds = request.Parties?.Select(p => p.ContactPractitionerRoleId).ToList() ?? [],
        PartyContactNames = request.Parties?.Select(p => p.ContactName).ToList() ?? [],
        PartyContactTitles = request.Parties?.Select(p => p.ContactTitle).ToList() ?? [],
        PartyContactPhones = request.Parties?.Select(p => p.ContactPhone).ToList() ?? [],
        PartyContactEmails = request.Parties?.Select(p => p.ContactEmail).ToList() ?? [],
    };

    /// <summary>The request, leaving out empty party rows; <c>rowOf[i]</c> is the form row of the request's party i.</summary>
    public (AgreementRequest Request, IReadOnlyList<int> RowOf) ToRequest()
    {
        var rows = new[] { PartyOrganizationIds.Count, PartyDecisionRights.Count, PartyContactRoleIds.Count, PartyContactNames.Count, PartyContactTitles.Count, PartyContactPhones.Count, PartyContactEmails.Count }.Max();
        var parties = new List<AgreementPartyRequest>();
        var rowOf = new List<int>();
        for (var row = 0; row < Math.Min(rows, AgreementTerms.MaxParties + 1); row++)
        {
            var party = new AgreementPartyRequest(At(PartyOrganizationIds, row), At(PartyDecisionRights, row), At(PartyContactRoleIds, row), At(PartyContactNames, row), At(PartyContactTitles, row), At(PartyContactPhones, row), At(PartyContactEmails, row));
            if (party.OrganizationId is null && string.IsNullOrWhiteSpace(party.DecisionRights) && party.ContactPractitionerRoleId is null
                && string.IsNullOrWhiteSpace(party.ContactName) && string.IsNullOrWhiteSpace(party.ContactTitle) && string.IsNullOrWhiteSpace(party.ContactPhone) && string.IsNullOrWhiteSpace(party.ContactEmail))
            {
                continue;
            }

            parties.Add(party);
            rowOf.Add(row);
        }

        return (new AgreementRequest(Title, Purpose, TargetGroupCodes, parties, ValidFrom, ValidTo, NextReviewOn, IsDraft), rowOf);
    }
}
