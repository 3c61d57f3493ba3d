using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Samspil.Features.Courses;
using Samspil.Features.Directory;
using Samspil.Features.Shared;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.MasterData;

/// <summary>"Ret forløbets stamdata": target group, responsible units, expected end of treatment. Whoever may change the course; 404 otherwise.</summary>
[Authorize(Policy = SamspilPolicies.Staff)]
public sealed class EditCourseModel(CourseService courses, MasterDataService masterData, DirectoryService directory, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public CourseForm Form { get; set; } = new();

    public Guid CourseId { get; private set; }

    public string CitizenName { get; private set; } = string.Empty;

    public IReadOnlyList<TargetGroupRef> TargetGroups { get; private set; } = [];

    public IReadOnlyList<OrganizationView> Organizations { get; private set; } = [];

    public IReadOnlyList<MasterDataChangeView> History { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid courseId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(courseId, cancellationToken) is not { } data)
        {
            return NotFound();
        }

        Form = CourseForm.Of(data);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid courseId, CancellationToken cancellationToken)
    {
        PageErrors.LocalizeBindingErrors(ModelState, localizer);
        if (ModelState.IsValid)
        {
            switch (await CorrectionForm.SaveAsync(ModelState, localizer, () => masterData.CorrectCourseAsync(courseId, Form.Version, Form.ToRequest(), cancellationToken)))
            {
                case CorrectionOutcome.NotFound:
                    return NotFound();
                case CorrectionOutcome.Saved:
                    TempData["StatusMessage"] = localizer["MasterData.Course.Saved"].Value;
                    return Redirect($"/Courses/{courseId}");
            }
        }

        if (await LoadAsync(courseId, cancellationToken) is not { } current)
        {
            return NotFound();
        }

        Form.Version = current.Version;
        return Page();
    }

    private async Task<CourseMasterDataView?> LoadAsync(Guid courseId, CancellationToken cancellationToken)
    {
        var course = await courses.GetAsync(courseId, cancellationToken);
        if (course is null || course.Permissions?.Steer != true)
        {
            return null;
        }

        CourseId = courseId;
        CitizenName = course.Citizen.FullName;
        var english = Thread.CurrentThread.CurrentUICulture.TwoLetterISOLanguageName == "en";
        TargetGroups = (await directory.TargetGroupsAsync(false, cancellationToken)).Select(t => new TargetGroupRef(t.Code, english ? t.NameEn : t.NameDa)).ToList();
        Organizations = await directory.OrganizationsAsync(cancellationToken);
        History = await masterData.CourseHistoryAsync(courseId, cancellationToken) ?? [];
        return await masterData.GetCourseAsync(courseId, cancellationToken);
    }

    /// <summary>An organisation id in the history, shown by name when it is one.</summary>
    public string Show(string field, string? value) =>
        value is not null && field.EndsWith("OrganizationId", StringComparison.Ordinal) && Guid.TryParse(value, out var id)
            ? Organizations.FirstOrDefault(o => o.Id == id)?.Name ?? value
            : value ?? "—";
}

public sealed class CourseForm
{
    public int Version { get; set; }

    public string? TargetGroupCode { get; set; }

    public Guid? RegionOrganizationId { get; set; }

    public Guid? MunicipalityOrganizationId { get; set; }

    public DateOnly? ExpectedTreatmentEndDate { get; set; }

    public static CourseForm Of(CourseMasterDataView c) => new()
    {
        Version = c.Version,
        TargetGroupCode = c.TargetGroupCode,
        RegionOrganizationId = c.RegionOrganizationId,
        MunicipalityOrganizationId = c.MunicipalityOrganizationId,
        ExpectedTreatmentEndDate = c.ExpectedTreatmentEndDate,
    };

    public CourseCorrectionRequest ToRequest() => new(TargetGroupCode, RegionOrganizationId, MunicipalityOrganizationId, ExpectedTreatmentEndDate);
}
