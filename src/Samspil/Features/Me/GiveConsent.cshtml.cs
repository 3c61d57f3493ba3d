using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Consents;
using Samspil.Features.Consents;
using Samspil.Features.Courses;
using Samspil.Features.Shared;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Security;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Me;

/// <summary>"Giv nyt samtykke": the citizen (or proxy), signed in, lets the organisations of their network see chosen information.</summary>
public sealed class GiveConsentModel(
    ConsentService consents,
    CourseService courses,
    CurrentUser user,
    TimeProvider time,
    IStringLocalizer<SharedResource> localizer) : MePage(user)
{
    [BindProperty]
    public ConsentForm Form { get; set; } = new();

    public ConsentFormView View { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var today = CopenhagenTime.Today(time);
        Form = new ConsentForm { ValidFrom = today, ValidTo = today.AddDays(Consent.DefaultValidityDays) };
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        PageErrors.LocalizeBindingErrors(ModelState, localizer);

        if (ModelState.IsValid && await PageErrors.TryAsync(ModelState, localizer, () => consents.GiveAsSelfAsync(Form.ToRequest(paperForm: false), cancellationToken)))
        {
            TempData["StatusMessage"] = localizer["MyConsents.Given.Status"].Value;
            return RedirectToPage("/Me/Consents");
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        View = new ConsentFormView(Form, await NetworkRecipientsAsync(courses, cancellationToken), InformationCategories.Each, [], ConsentFormMode.Give);
    }

    /// <summary>The organisations of the professionals on the citizen's own course networks (ended courses too).</summary>
    internal static async Task<IReadOnlyList<RecipientOption>> NetworkRecipientsAsync(CourseService courses, CancellationToken cancellationToken)
    {
        var networks = new List<IReadOnlyList<NetworkMemberView>>();
        foreach (var summary in await courses.ListAsync(new CourseListFilter(null, null, null, true), cancellationToken))
        {
            if (await courses.GetAsync(summary.Id, cancellationToken) is { } course)
            {
                networks.Add(course.Network);
            }
        }

        return RecipientOption.FromNetworks(networks, withRoles: false);
    }
}
