using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Directory;
using Samspil.Domain.Offerings;
using Samspil.Features.Administration;
using Samspil.Features.Shared;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Offerings.Admin;

/// <summary>
/// "Nyt tilbud" / "Ret tilbud": the details, the weekly hours (a row per day, extra periods, døgnåbent, closed on
/// public holidays) and exceptions by date, with the coming week as the public will see it. Another tree's
/// offering is 404. Rows are added by posting the form back (no script needed).
/// </summary>
[Authorize(Policy = SamspilPolicies.Administrator)]
public sealed class EditModel(OfferingAdministration offerings, SamspilDbContext db, CurrentUser admin, TimeProvider time, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public OfferingForm Form { get; set; } = new();

    public Guid? Id { get; private set; }

    public IReadOnlyList<TreeOrganizationView> Organizations { get; private set; } = [];

    public IReadOnlyList<TargetGroup> TargetGroups { get; private set; } = [];

    /// <summary>The coming seven days as stored (edit only).</summary>
    public IReadOnlyList<OpeningDay> Week { get; private set; } = [];

    public OpeningState? State { get; private set; }

    public DateTimeOffset Now { get; private set; }

    public bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken cancellationToken)
    {
        if (id is { } existing)
        {
            if (await offerings.FindAsync(admin, existing, cancellationToken) is not { } offering)
            {
                return NotFound();
            }

            Form = OfferingForm.Of(offering);
        }
        else
        {
            Form = OfferingForm.New(await offerings.OrganizationsAsync(admin, cancellationToken) is { Count: > 0 } tree ? tree[0].Id : null);
        }

        Form.Pad();
        return await ShowAsync(id, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken cancellationToken)
    {
        PageErrors.LocalizeBindingErrors(ModelState, localizer);
        if (id is { } existing && await offerings.FindAsync(admin, existing, cancellationToken) is null)
        {
            return NotFound();
        }

        var request = Form.ToRequest(ModelState, localizer);
        if (request is not null && ModelState.IsValid)
        {
            OfferingDto? saved = null;
            try
            {
                if (await PageErrors.TryAsync(ModelState, localizer, async () => saved = id is { } editing
                        ? await offerings.UpdateAsync(admin, editing, Form.Version ?? string.Empty, request, cancellationToken)
                        : await offerings.CreateAsync(admin, request, cancellationToken)))
                {
                    if (saved is null)
                    {
                        return NotFound();
                    }

                    TempData["StatusMessage"] = string.Format(CultureInfo.CurrentCulture, localizer["OfferingAdmin.Saved"], saved.Name);
                    return Redirect("/Admin/Offerings/Edit/" + saved.Id);
                }
            }
            catch (OfferingVersionConflictException)
            {
                ModelState.AddModelError(string.Empty, localizer["Offering.Conflict.Page"]);
            }
        }

        Form.Pad(0, 0);
        return await ShowAsync(id, cancellationToken);
    }

    /// <summary>Another empty row of extra periods (e.g. a second period on a day, or one past midnight).</summary>
    public Task<IActionResult> OnPostAddPeriodAsync(Guid? id, CancellationToken cancellationToken) => AddRowAsync(id, 1, 0, cancellationToken);

    public Task<IActionResult> OnPostAddExceptionAsync(Guid? id, CancellationToken cancellationToken) => AddRowAsync(id, 0, 1, cancellationToken);

    private async Task<IActionResult> AddRowAsync(Guid? id, int periods, int exceptions, CancellationToken cancellationToken)
    {
        if (id is { } existing && await offerings.FindAsync(admin, existing, cancellationToken) is null)
        {
            return NotFound();
        }

        // Nothing is saved; the typed values come back as typed, without the binder's complaints.
        ModelState.Clear();
        Form.Pad(periods, exceptions);
        return await ShowAsync(id, cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(Guid? id, CancellationToken cancellationToken)
    {
        Id = id;
        Now = time.GetUtcNow();
        Organizations = await offerings.OrganizationsAsync(admin, cancellationToken);
        TargetGroups = await db.TargetGroups.AsNoTracking().Where(g => g.Active || Form.TargetGroups.Contains(g.Code)).OrderBy(g => g.NameDa).ToListAsync(cancellationToken);
        if (id is { } existing && await offerings.FindAsync(admin, existing, cancellationToken) is { } stored)
        {
            var hours = stored.Hours;
            Week = hours.Days(DateOnly.FromDateTime(Samspil.Domain.Screening.CopenhagenClock.ToLocal(Now)));
            State = hours.StateAt(Now);
        }

        return Page();
    }
}
