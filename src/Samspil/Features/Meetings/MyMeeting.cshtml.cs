using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Meetings;
using Samspil.Features.Shared;
using Samspil.Infrastructure.Localization;

namespace Samspil.Features.Meetings;

/// <summary>
/// The citizen's (or proxy's) own meeting: when and where, and saying in advance whether they come, come by video,
/// or that a network member comes for them (R38). Not there or not theirs to read: 404.
/// </summary>
public sealed class MyMeetingModel(MeetingPeople people, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public MeetingPeopleView? Meeting { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid meetingId, CancellationToken cancellationToken)
    {
        Meeting = await people.GetAsync(meetingId, cancellationToken);
        return Meeting is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid meetingId, CitizenIntent? intent, Guid? standInMemberId, CancellationToken cancellationToken)
    {
        PageErrors.LocalizeBindingErrors(ModelState, localizer);
        MeetingPeopleView? saved = null;
        if (ModelState.IsValid && await PageErrors.TryAsync(ModelState, localizer, async () =>
                saved = await people.SayAsync(meetingId, new CitizenNoticeRequest(intent, intent == CitizenIntent.MemberComesInstead ? standInMemberId : null), cancellationToken)))
        {
            if (saved is null)
            {
                return NotFound();
            }

            StatusMessage = localizer["MyMeeting.Saved"];
            return Redirect($"/Me/Meetings/{meetingId}");
        }

        return await OnGetAsync(meetingId, cancellationToken);
    }
}
