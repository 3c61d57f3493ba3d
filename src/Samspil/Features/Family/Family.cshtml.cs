using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Family;
using Samspil.Features.Shared;
using Samspil.Infrastructure.Localization;

namespace Samspil.Features.Family;

/// <summary>
/// The citizen's family on a course, for the network (staff page, Danish and English): children, links to relatives who
/// are patients too, and bisidders. The citizen and proxy use the API for now (docs/family.md); the page is 404 for them.
/// </summary>
public sealed class FamilyModel(FamilyService family, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public FamilyView? Family { get; private set; }

    /// <summary>Which form was posted, so its fields can be shown again with what the user typed.</summary>
    public string? PostedForm { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public string? Value(string form, string field, string? current = null) =>
        PostedForm == form && Request.HasFormContentType ? Request.Form[field].ToString() : current;

    public async Task<IActionResult> OnGetAsync(Guid courseId, CancellationToken cancellationToken)
    {
        Family = await family.GetAsync(courseId, cancellationToken);
        return Family is null or { CitizenMode: true } ? NotFound() : Page();
    }

    public Task<IActionResult> OnPostAddChildAsync(Guid courseId, string? label, ChildAgeBand? ageBand, ChildAwareness? awareness, ChildSupport? support, string? offering, string? note, CancellationToken ct) =>
        RunAsync(courseId, "add-child", () => family.AddChildAsync(courseId, new ChildRequest(label, ageBand, awareness, support, OfferingOf(offering), note), ct), ct);

    public Task<IActionResult> OnPostRemoveChildAsync(Guid courseId, Guid childId, CancellationToken ct) =>
        RunAsync(courseId, "child-" + childId, () => family.RemoveChildAsync(courseId, childId, ct), ct);

    public Task<IActionResult> OnPostAddLinkAsync(Guid courseId, string? relativeCourse, string? relation, bool citizenConsents, CancellationToken ct) =>
        RunAsync(courseId, "add-link", () => family.AddLinkAsync(courseId, new RelativeLinkRequest(OfferingOf(relativeCourse), relation, citizenConsents), ct), ct);

    public Task<IActionResult> OnPostConsentAsync(Guid courseId, Guid linkId, bool consents, CancellationToken ct) =>
        RunAsync(courseId, "link-" + linkId, () => family.SetConsentAsync(courseId, linkId, new RelativeConsentRequest(consents), ct), ct);

    /// <summary>An id or an address ending in one (…/Courses/{id}, …/Tilbud/{id}); other non-empty text is an unknown id.</summary>
    private static Guid? OfferingOf(string? value)
    {
        var text = value?.Trim().TrimEnd('/');
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return Guid.TryParse(text[(text.LastIndexOf('/') + 1)..], out var id) ? id : Guid.Empty;
    }

    private async Task<IActionResult> RunAsync(Guid courseId, string form, Func<Task<FamilyView?>> change, CancellationToken cancellationToken)
    {
        PageErrors.LocalizeBindingErrors(ModelState, localizer);
        PostedForm = form;
        if (ModelState.IsValid)
        {
            FamilyView? saved = null;
            if (await PageErrors.TryAsync(ModelState, localizer, async () => saved = await change()))
            {
                if (saved is null)
                {
                    return NotFound();
                }

                StatusMessage = localizer["Family.Saved"];
                return Redirect($"/Courses/{courseId}/family#{form}");
            }
        }

        Family = await family.GetAsync(courseId, cancellationToken);
        return Family is null or { CitizenMode: true } ? NotFound() : Page();
    }
}
