using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Consents;
using Samspil.Features.Consents;
using Samspil.Features.Courses;
using Samspil.Features.Shared;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Security;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.CitizenAccess;

/// <summary>The power-of-attorney form: who, how related, the document, the period and the scope.</summary>
public sealed class PowerOfAttorneyForm
{
    public string? ProxyName { get; set; }

    public string? Relation { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? DocumentReference { get; set; }

    public DateOnly? ValidFrom { get; set; }

    public DateOnly? ValidTo { get; set; }

    public List<InformationCategory> Categories { get; set; } = [];

    public bool MayConsent { get; set; }

    public PowerOfAttorneyRequest ToRequest() =>
        new(ProxyName, Relation, Email, Phone, null, DocumentReference, ValidFrom, ValidTo, Categories, MayConsent);
}

/// <summary>
/// "Registrér fuldmagt": staff with access to the citizen register a power of attorney with its signed
/// document; the proxy gets a login and an activation letter, printed from the answer.
/// </summary>
[Authorize(Policy = SamspilPolicies.Staff)]
public sealed class RegisterPowerOfAttorneyModel(CitizenAccessService service, CourseService courses, TimeProvider time, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public PowerOfAttorneyForm Form { get; set; } = new();

    /// <summary>The signed power of attorney (PDF, PNG or JPEG, at most 5 MB).</summary>
    [BindProperty]
    public IFormFile? Document { get; set; }

    public Guid CourseId { get; private set; }

    public Guid CitizenId { get; private set; }

    public string CitizenName { get; private set; } = string.Empty;

    public ActivationLetter? Letter { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid courseId, CancellationToken ct)
    {
        Form = new PowerOfAttorneyForm { ValidFrom = CopenhagenTime.Today(time), Categories = [.. InformationCategories.Each] };
        return await LoadAsync(courseId, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(Guid courseId, CancellationToken ct)
    {
        PageErrors.LocalizeBindingErrors(ModelState, localizer);
        if (!await LoadAsync(courseId, ct))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        await using var content = Document?.OpenReadStream() ?? Stream.Null;
        var upload = Document is null ? null : new DocumentUpload(Document.FileName, Document.ContentType, content, Document.Length);
        (ActivationLetter Letter, PowerOfAttorneyRegistered Registered)? registered = null;
        if (await PageErrors.TryAsync(ModelState, localizer, async () => registered = await service.RegisterPowerOfAttorneyAsync(CitizenId, Form.ToRequest(), upload, ct)))
        {
            if (registered is null)
            {
                return NotFound();
            }

            Letter = registered.Value.Letter;
        }

        return Page();
    }

    private async Task<bool> LoadAsync(Guid courseId, CancellationToken ct)
    {
        var course = await courses.GetAsync(courseId, ct);
        if (course is null || course.Citizen.IdentityWithheld || await service.GetAsync(course.Citizen.Id, ct) is null)
        {
            return false;
        }

        CourseId = courseId;
        CitizenId = course.Citizen.Id;
        CitizenName = course.Citizen.FullName;
        return true;
    }
}
