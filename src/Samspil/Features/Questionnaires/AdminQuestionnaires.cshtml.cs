using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Common;
using Samspil.Features.Shared;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Questionnaires;

/// <summary>"Spørgeskemaer" for administrators: every instrument version, and importing a FHIR Questionnaire file.</summary>
[Authorize(Policy = SamspilPolicies.Administrator)]
[RequestFormLimits(MultipartBodyLengthLimit = QuestionnaireFhir.MaxJsonBytes + (64 * 1024))]
[RequestSizeLimit(QuestionnaireFhir.MaxJsonBytes + (64 * 1024))]
public sealed class AdminQuestionnairesModel(QuestionnaireAdministration service, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public IReadOnlyList<InstrumentSummary> Instruments { get; private set; } = [];

    [BindProperty]
    public string? Key { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Instruments = await service.ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (await AdminQuestionnaireFiles.ReadAsync(file, ModelState, localizer, cancellationToken) is { } json)
        {
            try
            {
                var instrument = await service.ImportAsync(json, Key, cancellationToken);
                TempData["StatusMessage"] = string.Format(System.Globalization.CultureInfo.CurrentCulture, localizer["QuestionnaireAdmin.Imported"], instrument.Key, instrument.Version);
                return Redirect($"/Admin/Questionnaires/{instrument.Id}");
            }
            catch (QuestionnaireFhirException refused)
            {
                AdminQuestionnaireFiles.AddErrors(ModelState, refused, localizer);
            }
            catch (DomainException domain)
            {
                PageErrors.Add(ModelState, domain, localizer);
            }
        }

        Instruments = await service.ListAsync(cancellationToken);
        return Page();
    }
}

/// <summary>The uploaded FHIR file of the administration pages: at most 1 MB of UTF-8; problems go on the file field.</summary>
internal static class AdminQuestionnaireFiles
{
    public const string Field = "file";

    public static async Task<string?> ReadAsync(IFormFile? file, ModelStateDictionary modelState, IStringLocalizer localizer, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            modelState.AddModelError(Field, localizer["QuestionnaireAdmin.NoFile"]);
            return null;
        }

        if (file.Length > QuestionnaireFhir.MaxJsonBytes)
        {
            modelState.AddModelError(Field, localizer["QuestionnaireFhir.Json.TooLarge"]);
            return null;
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            modelState.AddModelError(Field, localizer["QuestionnaireFhir.Json.Invalid"]);
            return null;
        }
    }

    public static void AddErrors(ModelStateDictionary modelState, QuestionnaireFhirException refused, IStringLocalizer localizer)
    {
        foreach (var (path, messages) in QuestionnaireAdministration.Errors(refused, localizer))
        {
            foreach (var message in messages)
            {
                modelState.AddModelError(Field, $"{path}: {message}");
            }
        }
    }
}
