using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Samspil.Features.Meetings;

/// <summary>"Mine møder": the professional's own agenda, and reminders of late agendas and minutes for the courses they coordinate.</summary>
public sealed class MineModel(MeetingService meetings, Infrastructure.Security.CurrentUser user) : PageModel
{
    /// <summary>The citizen and proxy see their own meetings in plain words.</summary>
    public bool ActsForCitizen => user.ActsForCitizen;

    public IReadOnlyList<MyMeetingView> Meetings { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Meetings = await meetings.MyMeetingsAsync(cancellationToken);
}
