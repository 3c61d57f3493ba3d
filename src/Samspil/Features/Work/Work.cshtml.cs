using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Work;
using Samspil.Features.Courses;
using Samspil.Features.Shared;

namespace Samspil.Features.Work;

/// <summary>
/// "Arbejde og forsørgelse" on a course (docs/work.md): the IPS track and the income basis. Staff who may change the course
/// fill in everything; the citizen and their proxy see their job wishes and IPS progress and write the job wishes.
/// </summary>
public sealed class WorkModel(WorkService work, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public IpsView? Ips { get; private set; }

    public IncomeBasisView? Income { get; private set; }

    /// <summary>The form that failed, so its values come back and the others stay as saved.</summary>
    public string? FailedForm { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid courseId, CancellationToken cancellationToken) =>
        await LoadAsync(courseId, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostJobWishesAsync(Guid courseId, string? jobWishes, CancellationToken cancellationToken) =>
        RunAsync(courseId, "wishes", () => work.WriteJobWishesAsync(courseId, new JobWishesRequest(jobWishes), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostTrackAsync(Guid courseId, string? jobWishes, string? jobSearchPlan, string? followAlongSupport, string? accommodations, DateOnly? closedOn, CancellationToken cancellationToken) =>
        RunAsync(courseId, "track", () => work.SaveIpsAsync(courseId, new SaveIpsTrackRequest(jobWishes, jobSearchPlan, followAlongSupport, accommodations, closedOn), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostConsultantAsync(Guid courseId, bool take, CancellationToken cancellationToken) =>
        RunAsync(courseId, "consultant", () => work.SetConsultantAsync(courseId, new ConsultantRequest(take), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostContactAsync(Guid courseId, DateOnly? on, string? employer, string? outcome, CancellationToken cancellationToken) =>
        RunAsync(courseId, "contact", () => work.AddEmployerContactAsync(courseId, new EmployerContactRequest(on, employer, outcome), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostJobStartAsync(Guid courseId, DateOnly? startsOn, string? employer, decimal? hoursPerWeek, JobStartKind? kind, CancellationToken cancellationToken) =>
        RunAsync(courseId, "jobstart", () => work.AddJobStartAsync(courseId, new JobStartRequest(startsOn, employer, hoursPerWeek, kind), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostIncomeAsync(Guid courseId, IncomeBasisKind? basis, DateOnly? clarifiedOn, string? clarifiedBy, string? note, CancellationToken cancellationToken) =>
        RunAsync(courseId, "income", () => work.RecordIncomeBasisAsync(courseId, new IncomeBasisRequest(basis, clarifiedOn, clarifiedBy, note), cancellationToken), cancellationToken);

    private async Task<IActionResult> RunAsync<T>(Guid courseId, string form, Func<Task<T?>> action, CancellationToken cancellationToken)
        where T : class
    {
        PageErrors.LocalizeBindingErrors(ModelState, localizer);
        if (ModelState.IsValid)
        {
            T? result = null;
            if (await PageErrors.TryAsync(ModelState, localizer, async () => result = await action()))
            {
                if (result is null)
                {
                    return NotFound();
                }

                StatusMessage = localizer["Work.Saved"].Value;
                return Redirect($"/Courses/{courseId}/work");
            }
        }

        FailedForm = form;
        return await LoadAsync(courseId, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid courseId, CancellationToken cancellationToken)
    {
        Ips = await work.GetIpsAsync(courseId, cancellationToken);
        Income = Ips is null ? null : await work.GetIncomeBasisAsync(courseId, cancellationToken);
        return Ips is not null && Income is not null;
    }
}

/// <summary>"Mit arbejde" for the citizen: straight to the course's work page when there is one course.</summary>
public sealed class MyWorkModel(CourseService courses) : PageModel
{
    public IReadOnlyList<CourseSummary> Courses { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Courses = await courses.ListAsync(new CourseListFilter(null, null, null, IncludeEnded: false), cancellationToken);
        return Courses.Count == 1 ? Redirect($"/Courses/{Courses[0].Id}/work") : Page();
    }
}
