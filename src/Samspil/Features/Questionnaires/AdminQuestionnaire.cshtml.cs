using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Questionnaires;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Questionnaires;

/// <summary>One instrument version: its items and scoring rules, export as FHIR, retire/activate, load a language's texts.</summary>
[Authorize(Policy = SamspilPolicies.Administrator)]
[RequestFormLimits(MultipartBodyLengthLimit = QuestionnaireFhir.MaxJsonBytes + (64 * 1024))]
[RequestSizeLimit(QuestionnaireFhir.MaxJsonBytes + (64 * 1024))]
public sealed class AdminQuestionnaireModel(QuestionnaireAdministration service, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public Instrument Instrument { get; private set; } = null!;

    /// <summary>The language the texts are shown in: the page's, when the instrument has it.</summary>
    public string Language { get; private set; } = "da";

    [BindProperty]
    public string? LanguageCode { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnGetFhirAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await service.FindAsync(id, cancellationToken) is not { } instrument)
        {
            return NotFound();
        }

        var json = QuestionnaireFhir.Serialize(QuestionnaireFhir.ToFhir(instrument));
        return File(Encoding.UTF8.GetBytes(json), QuestionnaireEndpoints.FhirJson, $"{instrument.Key}-v{instrument.Version}.fhir.json");
    }

    public async Task<IActionResult> OnPostActiveAsync(Guid id, bool active, CancellationToken cancellationToken)
    {
        if (await service.SetActiveAsync(id, active, cancellationToken) is not { } instrument)
        {
            return NotFound();
        }

        TempData["StatusMessage"] = string.Format(System.Globalization.CultureInfo.CurrentCulture, localizer[active ? "QuestionnaireAdmin.Activated" : "QuestionnaireAdmin.RetiredNow"], instrument.Key, instrument.Version);
        return Redirect($"/Admin/Questionnaires/{id}");
    }

    public async Task<IActionResult> OnPostLanguageAsync(Guid id, IFormFile? file, CancellationToken cancellationToken)
    {
        if (await service.FindAsync(id, cancellationToken) is null)
        {
            return NotFound();
        }

        if (await AdminQuestionnaireFiles.ReadAsync(file, ModelState, localizer, cancellationToken) is { } json)
        {
            try
            {
                if (await service.LoadLanguageAsync(id, json, LanguageCode, cancellationToken) is { } instrument)
                {
                    TempData["StatusMessage"] = string.Format(System.Globalization.CultureInfo.CurrentCulture, localizer["QuestionnaireAdmin.LanguageLoaded"], instrument.Key, instrument.Version);
                    return Redirect($"/Admin/Questionnaires/{id}");
                }
            }
            catch (QuestionnaireFhirException refused)
            {
                AdminQuestionnaireFiles.AddErrors(ModelState, refused, localizer);
            }
        }

        await LoadAsync(id, cancellationToken);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await service.FindAsync(id, cancellationToken) is not { } instrument)
        {
            return false;
        }

        Instrument = instrument;
        var ui = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        Language = instrument.Definition.Title.Has(ui) ? ui : "da";
        return true;
    }
}
