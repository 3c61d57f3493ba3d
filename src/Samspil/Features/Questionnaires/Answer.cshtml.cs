using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Common;
using Samspil.Domain.Questionnaires;
using Samspil.Features.Me;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Questionnaires;

/// <summary>
/// The citizen (or their proxy) answers a questionnaire on the phone, in their language: one question per fieldset,
/// answers kept when a rule is broken, every broken rule named at its question. Not theirs: 404.
/// </summary>
public sealed class AnswerQuestionnaireModel(CurrentUser user, QuestionnaireAnswering questionnaires, IStringLocalizer<SharedResource> localizer) : MePage(user)
{
    public QuestionnaireAssignmentView? Assignment { get; private set; }

    public QuestionnaireForm? Form { get; private set; }

    private static string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    public async Task<IActionResult> OnGetAsync(Guid assignmentId, CancellationToken cancellationToken)
    {
        if (await questionnaires.GetMyAssignmentAsync(assignmentId, Language, cancellationToken) is not { } found)
        {
            return NotFound();
        }

        if (found.View.Status != AssignmentStatus.Open)
        {
            return Redirect("/Me/Questionnaires");
        }

        (Assignment, Form) = (found.View, QuestionnaireForm.Empty(found.Instrument, Language));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid assignmentId, [FromForm] string? refresh, CancellationToken cancellationToken)
    {
        if (await questionnaires.GetMyAssignmentAsync(assignmentId, Language, cancellationToken) is not { } found)
        {
            return NotFound();
        }

        Assignment = found.View;
        Form = QuestionnaireForm.Read(found.Instrument, Language, Request.Form, localizer);
        if (found.View.Status != AssignmentStatus.Open)
        {
            Form.Errors["form"] = QuestionnaireMessages.For(localizer, "Questionnaire.Assignment.NotOpen");
            return Page();
        }

        if (refresh is not null)
        {
            return Page();
        }

        Form.AddMissing(localizer);
        if (Form.Errors.Count > 0)
        {
            return Page();
        }

        try
        {
            var request = new SubmitAnswersRequest(Form.Answers().Select(a => (AnswerInput?)new AnswerInput(a.LinkId, a.Code, a.Number, a.Text, a.Date)).ToList(), Language);
            if (await questionnaires.SubmitAsync(assignmentId, request, Language, cancellationToken) is null)
            {
                return NotFound();
            }
        }
        catch (DomainException ex)
        {
            Form.Add(ex, localizer);
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            Form.Errors["form"] = QuestionnaireMessages.For(localizer, "Questionnaire.Assignment.NotOpen");
            return Page();
        }

        TempData["StatusMessage"] = "QAnswer.Thanks";
        return Redirect("/Me/Questionnaires#answered-questionnaires");
    }
}
