using Microsoft.AspNetCore.Mvc;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.QuestionnaireResults;

/// <summary>
/// The course page's questionnaire card (staff): the instruments whose latest response met a cut-off, among those the
/// reader's consent covers, and the way to the results page. Read through <see cref="QuestionnaireResultsService"/>.
/// </summary>
public sealed class QuestionnaireResultsCardViewComponent(QuestionnaireResultsService results, CurrentUser user) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid courseId)
    {
        if (!user.IsStaff)
        {
            return Content(string.Empty);
        }

        var view = await results.GetAsync(courseId, HttpContext.RequestAborted);
        return view is null ? Content(string.Empty) : View("/Features/QuestionnaireResults/_ResultsCard.cshtml", view);
    }
}

/// <summary>The plan's evaluation (staff): the scores of the citizen's questionnaires during the course's period.</summary>
public sealed class QuestionnairePlanScoresViewComponent(QuestionnaireResultsService results, CurrentUser user) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid courseId)
    {
        if (!user.IsStaff)
        {
            return Content(string.Empty);
        }

        var view = await results.GetForPeriodAsync(courseId, HttpContext.RequestAborted);
        return view is null ? Content(string.Empty) : View("/Features/QuestionnaireResults/_PlanScores.cshtml", view);
    }
}
