using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Samspil.Features.Access;
using Samspil.Features.Courses;
using Samspil.Features.Shared;
using Samspil.Infrastructure.Localization;

namespace Samspil.Features.MasterData;

/// <summary>"Ret borgerens oplysninger", reached from the course page. Who may is decided at citizen level (ADR 0014); anyone else gets 404.</summary>
[Authorize]
public sealed class EditCitizenModel(CourseService courses, MasterDataService masterData, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public CitizenForm Form { get; set; } = new();

    public Guid CourseId { get; private set; }

    public string CitizenName { get; private set; } = string.Empty;

    public CitizenEditor Editor { get; private set; }

    public IReadOnlyList<MasterDataChangeView> History { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid courseId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(courseId, cancellationToken) is not { } citizen)
        {
            return NotFound();
        }

        Form = CitizenForm.Of(citizen);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid courseId, CancellationToken cancellationToken)
    {
        PageErrors.LocalizeBindingErrors(ModelState, localizer);
        var course = await courses.GetAsync(courseId, cancellationToken);
        if (course is null || course.Citizen.IdentityWithheld)
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            switch (await CorrectionForm.SaveAsync(ModelState, localizer, () => masterData.CorrectCitizenAsync(course.Citizen.Id, Form.Version, Form.ToRequest(), cancellationToken)))
            {
                case CorrectionOutcome.NotFound:
                    return NotFound();
                case CorrectionOutcome.Saved:
                    TempData["StatusMessage"] = localizer["MasterData.Citizen.Saved"].Value;
                    return Redirect($"/Courses/{courseId}");
            }
        }

        if (await LoadAsync(courseId, cancellationToken) is not { } current)
        {
            return NotFound();
        }

        // What the user typed stays in the form; the version moves on so that saving again is deliberate.
        Form.Version = current.Version;
        return Page();
    }

    private async Task<CitizenView?> LoadAsync(Guid courseId, CancellationToken cancellationToken)
    {
        var course = await courses.GetAsync(courseId, cancellationToken);
        if (course is null || course.Citizen.IdentityWithheld || await masterData.CitizenEditorAsync(course.Citizen.Id, cancellationToken) is not { } editor)
        {
            return null;
        }

        CourseId = courseId;
        CitizenName = course.Citizen.FullName;
        Editor = editor;
        History = await masterData.CitizenHistoryAsync(course.Citizen.Id, cancellationToken) ?? [];
        return await masterData.GetCitizenAsync(course.Citizen.Id, cancellationToken);
    }
}

public sealed class CitizenForm
{
    public int Version { get; set; }

    public string? GivenName { get; set; }

    public string? FamilyName { get; set; }

    public string? PreferredLanguage { get; set; }

    public bool InterpreterNeeded { get; set; }

    public string? InterpreterLanguage { get; set; }

    public string? Phone { get; set; }

    public string? Email { get; set; }

    public string? Address { get; set; }

    public static CitizenForm Of(CitizenView c) => new()
    {
        Version = c.Version,
        GivenName = c.GivenName,
        FamilyName = c.FamilyName,
        PreferredLanguage = c.PreferredLanguage,
        InterpreterNeeded = c.InterpreterNeeded == true,
        InterpreterLanguage = c.InterpreterLanguage,
        Phone = c.Phone,
        Email = c.Email,
        Address = c.Address,
    };

    public CitizenCorrectionRequest ToRequest() =>
        new(GivenName, FamilyName, PreferredLanguage, InterpreterNeeded, InterpreterLanguage, Phone, Email, Address);
}
