using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Samspil.Features.Courses;
using Samspil.Features.Shared;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.CitizenAccess;

/// <summary>
/// "Borgerens adgang": from a course, staff give the citizen a login (and print the activation letter),
/// see the powers of attorney registered for the citizen, and end one. 404 for anyone without access.
/// </summary>
[Authorize(Policy = SamspilPolicies.Staff)]
public sealed class AccessModel(CitizenAccessService service, CourseService courses, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public Guid CourseId { get; private set; }

    public string CitizenName { get; private set; } = string.Empty;

    public CitizenAccessView? View { get; private set; }

    /// <summary>Set right after a login was given: the letter to print (the code is shown this once).</summary>
    public ActivationLetter? Letter { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid courseId, CancellationToken ct) =>
        await LoadAsync(courseId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid courseId, CancellationToken ct)
    {
        if (await courses.GetAsync(courseId, ct) is not { } course)
        {
            return NotFound();
        }

        (ActivationLetter Letter, CitizenAccessGranted Granted)? granted = null;
        if (!await PageErrors.TryAsync(ModelState, localizer, async () => granted = await service.GrantCitizenAccessAsync(course.Citizen.Id, ct)))
        {
            return await LoadAsync(courseId, ct) ? Page() : NotFound();
        }

        if (granted is null)
        {
            return NotFound();
        }

        Letter = granted.Value.Letter;
        return await LoadAsync(courseId, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostEndAsync(Guid courseId, Guid powerOfAttorneyId, CancellationToken ct)
    {
        if (await courses.GetAsync(courseId, ct) is not { } course)
        {
            return NotFound();
        }

        PowerOfAttorneyView? ended = null;
        if (!await PageErrors.TryAsync(ModelState, localizer, async () => ended = await service.EndPowerOfAttorneyAsync(course.Citizen.Id, powerOfAttorneyId, ct)))
        {
            return await LoadAsync(courseId, ct) ? Page() : NotFound();
        }

        if (ended is null)
        {
            return NotFound();
        }

        StatusMessage = localizer["PowerOfAttorney.Ended.Status"];
        return Redirect($"/Courses/{courseId}/access");
    }

    private async Task<bool> LoadAsync(Guid courseId, CancellationToken ct)
    {
        var course = await courses.GetAsync(courseId, ct);
        if (course is null || course.Citizen.IdentityWithheld)
        {
            return false;
        }

        View = await service.GetAsync(course.Citizen.Id, ct);
        CourseId = courseId;
        CitizenName = course.Citizen.FullName;
        return View is not null;
    }
}
