using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Consents;
using Samspil.Features.Courses;
using Samspil.Features.Directory;
using Samspil.Features.Shared;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Security;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Consents;

/// <summary>
/// "Registrér samtykke": a professional on the course uploads the signed paper form and registers
/// the consent it gives in one POST; they are recorded as its witness (R10).
/// </summary>
[Authorize(Policy = SamspilPolicies.Staff)]
public sealed class RegisterModel(
    ConsentService consents,
    CourseService courses,
    DirectoryService directory,
    CurrentUser user,
    TimeProvider time,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public ConsentForm Form { get; set; } = new();

    /// <summary>The signed form (PDF, PNG or JPEG, at most 5 MB). Never kept in the page when it is shown again.</summary>
    [BindProperty]
    public IFormFile? Document { get; set; }

    public Guid CourseId { get; private set; }

    public string CitizenName { get; private set; } = string.Empty;

    public string WitnessName => user.DisplayName;

    public ConsentFormView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid courseId, CancellationToken cancellationToken)
    {
        var today = CopenhagenTime.Today(time);
        Form = new ConsentForm { ValidFrom = today, ValidTo = today.AddDays(Consent.DefaultValidityDays) };
        return await LoadAsync(courseId, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(Guid courseId, CancellationToken cancellationToken)
    {
        PageErrors.LocalizeBindingErrors(ModelState, localizer);

        if (ModelState.IsValid)
        {
            await using var content = Document?.OpenReadStream() ?? Stream.Null;
            var upload = Document is null ? null : new DocumentUpload(Document.FileName, Document.ContentType, content, Document.Length);
            Guid? id = null;
            if (await PageErrors.TryAsync(ModelState, localizer, async () => id = await consents.RegisterWithDocumentAsync(courseId, Form.ToRequest(paperForm: true), upload, cancellationToken)))
            {
                if (id is null)
                {
                    return NotFound();
                }

                TempData["StatusMessage"] = localizer["Consent.Registered.Status"].Value;
                return Redirect($"/Courses/{courseId}");
            }
        }

        return await LoadAsync(courseId, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid courseId, CancellationToken cancellationToken)
    {
        var course = await courses.GetAsync(courseId, cancellationToken);
        if (course is null || course.Permissions?.Steer != true)
        {
            return false;
        }

        CourseId = courseId;
        CitizenName = course.Citizen.FullName;
        View = new ConsentFormView(
            Form,
            RecipientOption.FromNetworks([course.Network], withRoles: true),
            InformationCategories.Each,
            await directory.OrganizationsAsync(cancellationToken),
            ConsentFormMode.Register);
        return true;
    }
}
