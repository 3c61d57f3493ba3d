using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Samspil.Features.Shared;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Screening;

/// <summary>A course's analysis-meeting summaries (analysemøde-opsummering): read, write, correct and delete.</summary>
public sealed class AnalysisSummariesModel(AnalysisSummaryService summaries, TimeProvider time, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public CourseAnalysisView? View { get; private set; }

    public DateOnly Today => CopenhagenTime.Today(time);

    /// <summary>The summary whose form was sent with errors (null for the new-summary form).</summary>
    public Guid? FailedSummaryId { get; private set; }

    public AnalysisSummaryRequest? Entered { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid courseId, CancellationToken cancellationToken)
    {
        View = await summaries.ListAsync(courseId, cancellationToken);
        return View is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(Guid courseId, DateOnly? meetingDate, string? participants, string? whyLastAdmission, string? whatCouldPreventNext, string? whatWouldHelpCitizen, CancellationToken cancellationToken)
    {
        PageErrors.LocalizeBindingErrors(ModelState, localizer);
        var request = new AnalysisSummaryRequest(meetingDate, participants, whyLastAdmission, whatCouldPreventNext, whatWouldHelpCitizen);
        AnalysisSummaryView? saved = null;
        if (ModelState.IsValid && await PageErrors.TryAsync(ModelState, localizer, async () => saved = await summaries.CreateAsync(courseId, request, cancellationToken)))
        {
            if (saved is null)
            {
                return NotFound();
            }

            StatusMessage = localizer["Analysis.Saved"];
            return Redirect($"/Courses/{courseId}/analysis-summaries#summary-{saved.Id}");
        }

        Entered = request;
        return await OnGetAsync(courseId, cancellationToken);
    }

    public async Task<IActionResult> OnPostUpdateAsync(Guid courseId, Guid summaryId, DateOnly? meetingDate, string? participants, string? whyLastAdmission, string? whatCouldPreventNext, string? whatWouldHelpCitizen, CancellationToken cancellationToken)
    {
        PageErrors.LocalizeBindingErrors(ModelState, localizer);
        var request = new AnalysisSummaryRequest(meetingDate, participants, whyLastAdmission, whatCouldPreventNext, whatWouldHelpCitizen);
        AnalysisSummaryView? saved = null;
        if (ModelState.IsValid && await PageErrors.TryAsync(ModelState, localizer, async () => saved = await summaries.UpdateAsync(courseId, summaryId, request, cancellationToken)))
        {
            if (saved is null)
            {
                return NotFound();
            }

            StatusMessage = localizer["Analysis.Updated"];
            return Redirect($"/Courses/{courseId}/analysis-summaries#summary-{summaryId}");
        }

        FailedSummaryId = summaryId;
        Entered = request;
        return await OnGetAsync(courseId, cancellationToken);
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid courseId, Guid summaryId, CancellationToken cancellationToken)
    {
        if (!await summaries.DeleteAsync(courseId, summaryId, cancellationToken))
        {
            return NotFound();
        }

        StatusMessage = localizer["Analysis.Deleted"];
        return Redirect($"/Courses/{courseId}/analysis-summaries");
    }
}
