using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Meetings;
using Samspil.Features.Shared;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Meetings;

/// <summary>The course calendar: proposed meetings with due windows and scheduled ones, by month.</summary>
public sealed class IndexModel(MeetingService meetings, MeetingScheduling scheduling, TimeProvider time, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public CourseMeetingsView? Calendar { get; private set; }

    public PreferencesView? Preferences { get; private set; }

    public DateOnly Today => CopenhagenTime.Today(time);

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid courseId, CancellationToken cancellationToken)
    {
        Calendar = await meetings.CourseCalendarAsync(courseId, cancellationToken);
        Preferences = Calendar is null ? null : await scheduling.PreferencesAsync(courseId, cancellationToken);
        return Calendar is null ? NotFound() : Page();
    }

    /// <summary>The citizen's wishes for meetings, set by the citizen or written down by staff.</summary>
    public async Task<IActionResult> OnPostPreferencesAsync(Guid courseId, TimeOnly? allowedFrom, TimeOnly? allowedTo, TimeOnly? preferredFrom, TimeOnly? preferredTo, int? maxPeople, string? avoidPlaces, CancellationToken cancellationToken)
    {
        PageErrors.LocalizeBindingErrors(ModelState, localizer);
        PreferencesView? saved = null;
        if (ModelState.IsValid && await PageErrors.TryAsync(ModelState, localizer, async () => saved = await scheduling.SetPreferencesAsync(courseId, new PreferencesRequest(allowedFrom, allowedTo, preferredFrom, preferredTo, maxPeople, avoidPlaces), cancellationToken)))
        {
            if (saved is null)
            {
                return NotFound();
            }

            StatusMessage = localizer["Preferences.Saved"];
            return Redirect($"/Courses/{courseId}/meetings#preferences");
        }

        return await OnGetAsync(courseId, cancellationToken);
    }

    public async Task<IActionResult> OnPostTemplateAsync(Guid courseId, string? templateKey, DateOnly? triggerDate, CancellationToken cancellationToken)
    {
        PageErrors.LocalizeBindingErrors(ModelState, localizer);
        IReadOnlyList<Guid>? created = [];
        if (ModelState.IsValid && await PageErrors.TryAsync(ModelState, localizer, async () => created = await meetings.ApplyTemplateAsync(courseId, new ApplyTemplateRequest(templateKey, triggerDate), cancellationToken)))
        {
            if (created is null)
            {
                return NotFound();
            }

            StatusMessage = string.Format(System.Globalization.CultureInfo.CurrentCulture, localizer["Meetings.Proposed.Status"], created.Count);
            return Redirect($"/Courses/{courseId}/meetings");
        }

        return await OnGetAsync(courseId, cancellationToken);
    }

    public async Task<IActionResult> OnPostCreateAsync(Guid courseId, MeetingKind? kind, string? title, MeetingFormat? format, CancellationToken cancellationToken)
    {
        PageErrors.LocalizeBindingErrors(ModelState, localizer);
        Guid? id = null;
        if (ModelState.IsValid && await PageErrors.TryAsync(ModelState, localizer, async () => id = await meetings.CreateAsync(courseId, new CreateMeetingRequest(kind, title, format, null, null), cancellationToken)))
        {
            return id is { } meetingId ? Redirect($"/Meetings/{meetingId}") : NotFound();
        }

        return await OnGetAsync(courseId, cancellationToken);
    }
}
