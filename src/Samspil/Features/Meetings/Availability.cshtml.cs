using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Samspil.Features.Shared;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Meetings;

/// <summary>"Min kalender": working hours, the weekly network slot, languages interpreted, and the calendar busy times come from.</summary>
public sealed class AvailabilityModel(MeetingScheduling scheduling, CurrentUser user, IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>Null for a signed-in person without a professional record (an administrator, a citizen): they get a plain explanation instead of the form.</summary>
    public AvailabilityView? Availability { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (user.ProfessionalId is null)
        {
            return Page();
        }

        Availability = await scheduling.MyAvailabilityAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string[]? days, TimeOnly? workStart, TimeOnly? workEnd, DayOfWeek? networkSlotDay, TimeOnly? networkSlotStart, TimeOnly? networkSlotEnd, string? interpreterLanguages, string? calendarFeedUrl, IFormFile? calendarFile, bool removeCalendarFile, CancellationToken cancellationToken)
    {
        if (user.ProfessionalId is null)
        {
            return Page();
        }

        PageErrors.LocalizeBindingErrors(ModelState, localizer);
        string? ics = null;
        if (calendarFile is { Length: > 0 })
        {
            if (calendarFile.Length > Domain.Meetings.ProfessionalAvailability.MaxIcsLength)
            {
                ModelState.AddModelError("calendarFile", localizer["Availability.Ics.TooLarge"]);
            }
            else
            {
                using var reader = new StreamReader(calendarFile.OpenReadStream());
                ics = await reader.ReadToEndAsync(cancellationToken);
            }
        }

        if (ModelState.IsValid && await PageErrors.TryAsync(ModelState, localizer, () => scheduling.SetMyAvailabilityAsync(
                new AvailabilityRequest(string.Concat(days ?? []), workStart, workEnd, networkSlotDay, networkSlotStart, networkSlotEnd, interpreterLanguages, calendarFeedUrl, ics, removeCalendarFile),
                cancellationToken)))
        {
            StatusMessage = localizer["Availability.Saved"];
            return Redirect("/Me/Availability");
        }

        return await OnGetAsync(cancellationToken);
    }
}
