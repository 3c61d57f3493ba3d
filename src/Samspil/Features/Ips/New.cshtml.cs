using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Common;
using Samspil.Features.Shared;
using Samspil.Infrastructure.ErrorHandling;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Security;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Ips;

/// <summary>
/// Recording a fidelity review: the 25 items under their section headings, each rated 1–5, the date of the visit and
/// the reviewers. Every error is shown at its item at once, and what was chosen stays chosen.
/// </summary>
[Authorize(Roles = SamspilRoles.Administrator + "," + SamspilRoles.Manager)]
public sealed class FidelityNewModel(FidelityService fidelity, IStringLocalizer<SharedResource> localizer, TimeProvider time) : PageModel
{
    public const string AnswerPrefix = "Answers.";

    public FidelityFormView Form { get; private set; } = null!;

    [BindProperty]
    public DateOnly? ReviewedOn { get; set; }

    [BindProperty]
    public string? Reviewers { get; set; }

    /// <summary>The rating chosen per item (linkId → "1".."5"), kept when the form comes back with errors.</summary>
    public IReadOnlyDictionary<string, string> Chosen { get; private set; } = new Dictionary<string, string>();

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        ReviewedOn = CopenhagenTime.Today(time);
        return await LoadAsync(organizationId, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        PageErrors.LocalizeBindingErrors(ModelState, localizer);
        var result = await LoadAsync(organizationId, cancellationToken);
        if (result is not PageResult)
        {
            return result;
        }

        var chosen = new Dictionary<string, string>(StringComparer.Ordinal);
        var answers = new List<FidelityAnswerRequest?>();
        foreach (var item in Form.Sections.SelectMany(s => s.Items))
        {
            var value = Request.Form[AnswerPrefix + item.LinkId].ToString().Trim();
            if (value.Length == 0)
            {
                continue;
            }

            chosen[item.LinkId] = value;
            answers.Add(new FidelityAnswerRequest(item.LinkId, int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : 0));
        }

        Chosen = chosen;
        var dateUnreadable = ModelState.TryGetValue(nameof(ReviewedOn), out var dateEntry) && dateEntry.Errors.Count > 0;
        try
        {
            var saved = await fidelity.RecordAsync(organizationId, new FidelityReviewRequest(answers, ReviewedOn, Reviewers), cancellationToken);
            if (saved is null)
            {
                return NotFound();
            }

            StatusMessage = localizer["Fidelity.Saved", CopenhagenTime.Format(saved.ReviewedOn)];
            return Redirect($"/Ips/Fidelity/{organizationId}");
        }
        catch (InputValidationException invalid)
        {
            foreach (var (field, code) in invalid.Errors.All)
            {
                if (field == "reviewedOn" && dateUnreadable)
                {
                    continue; // the unreadable date already says so
                }

                ModelState.AddModelError(field == "answers" || field == "reviewers" || field == "reviewedOn" ? Capitalised(field) : AnswerPrefix + field, localizer.Message(code));
            }
        }
        catch (DomainException domain)
        {
            PageErrors.Add(ModelState, domain, localizer);
        }
        catch (FidelityRecordForbiddenException)
        {
            return Forbid();
        }

        return Page();
    }

    private async Task<IActionResult> LoadAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        try
        {
            if (await fidelity.FormAsync(organizationId, cancellationToken) is not { } form)
            {
                return NotFound();
            }

            Form = form;
            return Page();
        }
        catch (FidelityRecordForbiddenException)
        {
            return Forbid();
        }
        catch (DomainException missing)
        {
            // No active version of the scale (an administrator retired it): say so on the team's page instead of a form.
            StatusMessage = localizer.Message(missing.Code);
            return Redirect($"/Ips/Fidelity/{organizationId}");
        }
    }

    private static string Capitalised(string field) => char.ToUpperInvariant(field[0]) + field[1..];
}
