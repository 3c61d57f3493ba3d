using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Common;
using Samspil.Infrastructure.Localization;

namespace Samspil.Features.Questionnaires;

/// <summary>One response's answers and scores in plain words; a professional who may assign there (or its author) may mark it entered in error. Not permitted: 404.</summary>
public sealed class QuestionnaireResponseModel(QuestionnaireAnswering questionnaires, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public QuestionnaireResponseView? Result { get; private set; }

    public bool CitizenMode { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public string? Error { get; private set; }

    private static string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    public async Task<IActionResult> OnGetAsync(Guid courseId, Guid responseId, CancellationToken cancellationToken)
    {
        Result = await questionnaires.GetResponseAsync(courseId, responseId, Language, cancellationToken);
        CitizenMode = !(HttpContext.RequestServices.GetRequiredService<Infrastructure.Security.CurrentUser>().IsStaff);
        return Result is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostEnteredInErrorAsync(Guid courseId, Guid responseId, CancellationToken cancellationToken)
    {
        try
        {
            if (await questionnaires.MarkEnteredInErrorAsync(courseId, responseId, Language, cancellationToken) is null)
            {
                return NotFound();
            }
        }
        catch (DomainException ex)
        {
            Error = QuestionnaireMessages.For(localizer, ex.Code);
            return await OnGetAsync(courseId, responseId, cancellationToken);
        }

        StatusMessage = "QAssign.MarkedInError";
        return Redirect($"/Courses/{courseId}/Questionnaires/Responses/{responseId}");
    }
}
