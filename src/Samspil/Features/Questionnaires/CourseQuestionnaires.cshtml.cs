using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Common;
using Samspil.Infrastructure.Localization;

namespace Samspil.Features.Questionnaires;

/// <summary>
/// "Spørgeskemaer" on a course (staff): assign an instrument to the citizen, see open and answered assignments, withdraw
/// one, enter the answers together with the citizen, open a response's answers. The results over time are on the
/// results page. Not permitted: 404.
/// </summary>
public sealed class CourseQuestionnairesModel(QuestionnaireAnswering questionnaires, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public CourseQuestionnairesView? View { get; private set; }

    [BindProperty]
    public Guid? InstrumentId { get; set; }

    [BindProperty]
    public string? Message { get; set; }

    [BindProperty]
    public DateOnly? DueOn { get; set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    private static string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    public async Task<IActionResult> OnGetAsync(Guid courseId, CancellationToken cancellationToken)
    {
        View = await questionnaires.GetCourseAsync(courseId, Language, cancellationToken);
        return View is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAssignAsync(Guid courseId, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            Errors["dueOn"] = localizer["QAssign.DueOnInvalid"];
            return await OnGetAsync(courseId, cancellationToken);
        }

        try
        {
            if (await questionnaires.AssignAsync(courseId, new AssignQuestionnaireRequest(InstrumentId, Message, DueOn), Language, cancellationToken) is null)
            {
                return NotFound();
            }
        }
        catch (DomainException ex)
        {
            Errors[ex.Field ?? "form"] = QuestionnaireMessages.For(localizer, ex.Code);
            return await OnGetAsync(courseId, cancellationToken);
        }

        StatusMessage = "QAssign.Assigned";
        return Redirect($"/Courses/{courseId}/Questionnaires");
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid courseId, Guid assignmentId, CancellationToken cancellationToken)
    {
        try
        {
            if (await questionnaires.WithdrawAsync(courseId, assignmentId, Language, cancellationToken) is null)
            {
                return NotFound();
            }
        }
        catch (DomainException ex)
        {
            Errors["form"] = QuestionnaireMessages.For(localizer, ex.Code);
            return await OnGetAsync(courseId, cancellationToken);
        }

        StatusMessage = "QAssign.Withdrawn";
        return Redirect($"/Courses/{courseId}/Questionnaires");
    }
}
