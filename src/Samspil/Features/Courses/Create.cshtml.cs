using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Courses;
using Samspil.Domain.Network;
using Samspil.Features.Directory;
using Samspil.Features.Shared;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Security;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Courses;

[Authorize(Policy = SamspilPolicies.Staff)]
public sealed class CreateModel(
    CourseService courses,
    DirectoryService directory,
    CurrentUser user,
    TimeProvider time,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public static readonly string[] Languages = ["da", "en", "ar", "fa", "ps", "so", "ti", "ku", "uk", "tr"];

    [BindProperty]
    public CreateCourseForm Form { get; set; } = new();

    public IReadOnlyList<TargetGroupRef> TargetGroups { get; private set; } = [];

    public IReadOnlyList<OrganizationView> Organizations { get; private set; } = [];

    public bool IsProfessional => user.IsProfessional;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var today = CopenhagenTime.Today(time);
        Form = new CreateCourseForm { StartDate = today, AgreedOn = today, PreferredLanguage = "da", Phase = CoursePhase.Detection, CreatorRole = CollaborationRole.Coordinator };
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        PageErrors.LocalizeBindingErrors(ModelState, localizer);

        Guid id = default;
        if (ModelState.IsValid && await PageErrors.TryAsync(ModelState, localizer, async () => id = await courses.CreateAsync(Form.ToRequest(), cancellationToken)))
        {
            return user.IsProfessional ? Redirect($"/Courses/{id}") : RedirectToPage("/Courses/Index");
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var english = Thread.CurrentThread.CurrentUICulture.TwoLetterISOLanguageName == "en";
        TargetGroups = (await directory.TargetGroupsAsync(false, cancellationToken)).Select(t => new TargetGroupRef(t.Code, english ? t.NameEn : t.NameDa)).ToList();
        Organizations = await directory.OrganizationsAsync(cancellationToken);
    }
}

public sealed class CreateCourseForm
{
    public string? Cpr { get; set; }

    public string? GivenName { get; set; }

    public string? FamilyName { get; set; }

    public string? PreferredLanguage { get; set; }

    public bool InterpreterNeeded { get; set; }

    public string? InterpreterLanguage { get; set; }

    public string? Phone { get; set; }

    public string? Email { get; set; }

    public string? Address { get; set; }

    public string? TargetGroupCode { get; set; }

    public CoursePhase? Phase { get; set; }

    public DateOnly? StartDate { get; set; }

    public Guid? RegionOrganizationId { get; set; }

    public Guid? MunicipalityOrganizationId { get; set; }

    public CollaborationRole? CreatorRole { get; set; }

    public DateOnly? AgreedOn { get; set; }

    public AgreementMethod? AgreementMethod { get; set; }

    public CreateCourseRequest ToRequest() => new(
        new CitizenInput(Cpr, GivenName, FamilyName, PreferredLanguage, InterpreterNeeded, InterpreterLanguage, Phone, Email, Address),
        TargetGroupCode,
        Phase,
        StartDate,
        RegionOrganizationId,
        MunicipalityOrganizationId,
        CreatorRole,
        null,
        new AgreementInput(AgreedOn, AgreementMethod, null));
}
