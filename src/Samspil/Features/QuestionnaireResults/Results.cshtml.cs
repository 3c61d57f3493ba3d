using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.QuestionnaireResults;

/// <summary>The citizen's questionnaire results for the clinicians: per instrument the latest score, band, flag, change and trend.</summary>
[Authorize(Policy = SamspilPolicies.Staff)]
public sealed class ResultsModel(QuestionnaireResultsService results) : PageModel
{
    public QuestionnaireResultsView? Results { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid courseId, CancellationToken cancellationToken)
    {
        Results = await results.GetAsync(courseId, cancellationToken);
        return Results is null ? NotFound() : Page();
    }
}

/// <summary>One questionnaire response with its answers readable (question and chosen answer) and its scores.</summary>
[Authorize(Policy = SamspilPolicies.Staff)]
public sealed class ResponseModel(QuestionnaireResultsService results) : PageModel
{
    public QuestionnaireResponseView? Detail { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid courseId, Guid responseId, CancellationToken cancellationToken)
    {
        Detail = await results.GetResponseAsync(courseId, responseId, cancellationToken);
        return Detail is null ? NotFound() : Page();
    }
}
