using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Common;
using Samspil.Domain.Questionnaires;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Persistence;

namespace Samspil.Features.Questionnaires;

/// <summary>
/// "Udfyld sammen med borgeren": a professional on the network enters the answers with the citizen (at a meeting), to an
/// open assignment or without one. The instrument's text shows in the professional's language; the answers are recorded
/// as answered together. Not permitted: 404.
/// </summary>
public sealed class TogetherModel(SamspilDbContext db, QuestionnaireAnswering questionnaires, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public CourseQuestionnairesView? Course { get; private set; }

    public QuestionnaireForm? Form { get; private set; }

    [BindProperty(SupportsGet = true)]
    public Guid? AssignmentId { get; set; }

    private static string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    public async Task<IActionResult> OnGetAsync(Guid courseId, Guid instrumentId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(courseId, instrumentId, cancellationToken) is not { } instrument)
        {
            return NotFound();
        }

        Form = QuestionnaireForm.Empty(instrument, Language);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid courseId, Guid instrumentId, [FromForm] string? refresh, CancellationToken cancellationToken)
    {
        if (await LoadAsync(courseId, instrumentId, cancellationToken) is not { } instrument)
        {
            return NotFound();
        }

        Form = QuestionnaireForm.Read(instrument, Language, Request.Form, localizer);
        if (refresh is not null)
        {
            return Page();
        }

        Form.AddMissing(localizer);
        if (Form.Errors.Count > 0)
        {
            return Page();
        }

        QuestionnaireResponseView? response;
        try
        {
            var answers = Form.Answers().Select(a => (AnswerInput?)new AnswerInput(a.LinkId, a.Code, a.Number, a.Text, a.Date)).ToList();
            response = await questionnaires.EnterTogetherAsync(courseId, new EnterTogetherRequest(instrumentId, AssignmentId, answers, Language), Language, cancellationToken);
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

        return response is null ? NotFound() : Redirect($"/Courses/{courseId}/Questionnaires/Responses/{response.Id}");
    }

    /// <summary>The course (404 unless the professional may assign there) and the instrument version; an assignment given must be for it.</summary>
    private async Task<Instrument?> LoadAsync(Guid courseId, Guid instrumentId, CancellationToken cancellationToken)
    {
        Course = await questionnaires.GetCourseAsync(courseId, Language, cancellationToken);
        if (Course is not { CanAssign: true })
        {
            return null;
        }

        if (AssignmentId is { } assignmentId && !Course.Assignments.Any(a => a.Id == assignmentId && a.InstrumentId == instrumentId))
        {
            return null;
        }

        var instrument = await db.Instruments.AsNoTracking().SingleOrDefaultAsync(i => i.Id == instrumentId, cancellationToken);
        return instrument is { AnsweredByCitizen: true } && (instrument.Status == InstrumentStatus.Active || AssignmentId is not null) ? instrument : null;
    }
}
