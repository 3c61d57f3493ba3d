using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Consents;
using Samspil.Features.Consents;
using Samspil.Features.Shared;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Security;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Me;

/// <summary>
/// "Begræns": the citizen narrows a consent (fewer recipients or categories, an earlier end, a stricter
/// condition, older records left out). A new version is saved; the old one is kept as replaced.
/// Limiting never widens: anything beyond the current terms is ignored.
/// </summary>
public sealed class LimitConsentModel(
    ConsentService consents,
    CurrentUser user,
    TimeProvider time,
    IStringLocalizer<SharedResource> localizer) : MePage(user)
{
    [BindProperty]
    public ConsentForm Form { get; set; } = new();

    public ConsentFormView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid consentId, CancellationToken cancellationToken)
    {
        var current = await CurrentAsync(consentId, cancellationToken);
        if (current is null)
        {
            return NotFound();
        }

        Form = ConsentForm.From(current);
        View = ViewOf(current);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid consentId, CancellationToken cancellationToken)
    {
        var current = await CurrentAsync(consentId, cancellationToken);
        if (current is null)
        {
            return NotFound();
        }

        PageErrors.LocalizeBindingErrors(ModelState, localizer);

        Guid? revised = null;
        if (ModelState.IsValid && await PageErrors.TryAsync(ModelState, localizer, async () => revised = await consents.ReviseAsync(consentId, Narrowed(current), cancellationToken)))
        {
            if (revised is null)
            {
                return NotFound();
            }

            TempData["StatusMessage"] = localizer["MyConsents.Limited.Status"].Value;
            return RedirectToPage("/Me/Consents");
        }

        View = ViewOf(current);
        return Page();
    }

    /// <summary>The posted terms, kept within the current ones.</summary>
    private ConsentRequest Narrowed(ConsentView current)
    {
        var allowed = current.Recipients.Select(r => RecipientOption.ValueOf(r.Kind, r.TargetId)).ToHashSet(StringComparer.Ordinal);
        var today = CopenhagenTime.Today(time);
        var narrowed = new ConsentForm
        {
            Recipients = Form.Recipients.Where(allowed.Contains).ToList(),
            Categories = Form.Categories.Where(current.Categories.Contains).ToList(),
            Purpose = current.Purpose,
            NotFor = string.IsNullOrWhiteSpace(Form.NotFor) ? current.NotFor : Form.NotFor,
            ValidFrom = current.ValidFrom > today ? current.ValidFrom : today,
            ValidTo = Form.ValidTo is { } to && to < current.ValidTo ? to : current.ValidTo,
            Condition = current.Condition == ConsentCondition.OnlyWhileAdmitted ? current.Condition : Form.Condition,
            ExcludeRecordsBefore = Later(current.ExcludeRecordsBefore, Form.ExcludeRecordsBefore),
        };
        return narrowed.ToRequest(paperForm: false, current.Purposes);
    }

    private static DateOnly? Later(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : (a > b ? a : b);

    private async Task<ConsentView?> CurrentAsync(Guid consentId, CancellationToken cancellationToken) =>
        (await consents.MineAsync(cancellationToken)).SingleOrDefault(c => c.Id == consentId && c.Status == ConsentStatus.Active);

    private ConsentFormView ViewOf(ConsentView current) =>
        new(Form, RecipientOption.FromConsent(current), current.Categories, [], ConsentFormMode.Limit, current);
}
