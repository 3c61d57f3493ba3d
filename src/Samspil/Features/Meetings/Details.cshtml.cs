using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Common;
using Samspil.Domain.Meetings;
using Samspil.Features.Shared;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Meetings;

/// <summary>
/// One meeting, laid out to be used during the meeting on a laptop: time and place, agenda,
/// participants with roles and attendance, and the minutes with agreements that go into the plan.
/// </summary>
public sealed class DetailsModel(MeetingService meetings, MeetingScheduling scheduling, TimeProvider time, IStringLocalizer<SharedResource> localizer, MeetingPeople people) : PageModel
{
    /// <summary>Who comes (issue 17 points 4-5): the citizen's word, the interpreter, the decider warning.</summary>
    public MeetingPeopleView? People { get; private set; }

    public MeetingView? Meeting { get; private set; }

    /// <summary>The result of "Find en tid", shown with a button per proposed time.</summary>
    public SlotSearchView? Search { get; private set; }

    public DateTimeOffset Now => time.GetUtcNow();

    public DateOnly Today => CopenhagenTime.Today(time);

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid meetingId, CancellationToken cancellationToken)
    {
        Meeting = await meetings.GetAsync(meetingId, cancellationToken);
        People = Meeting is null ? null : await people.GetAsync(meetingId, cancellationToken);
        return Meeting is null ? NotFound() : Page();
    }

    public Task<IActionResult> OnPostAgendaSectorsAsync(Guid meetingId, List<Domain.Directory.Sector>? sectors, CancellationToken ct) =>
        RunAsync(meetingId, async () => await people.SetAgendaSectorsAsync(meetingId, new AgendaSectorsRequest(sectors ?? []), ct) is null ? null : await meetings.GetAsync(meetingId, ct), "Meeting.Saved", "who-comes");

    public Task<IActionResult> OnPostScheduleAsync(Guid meetingId, DateOnly? date, TimeOnly? startTime, int? durationMinutes, MeetingFormat? format, string? location, string? videoLink, Guid? interpreterId, CancellationToken ct) =>
        RunAsync(meetingId, () =>
        {
            if (date is null || startTime is null)
            {
                throw new DomainException("Meeting.Start.Required", "date");
            }

            var start = CopenhagenTime.ToUtc(date.Value, startTime.Value) ?? throw new DomainException("Meeting.Start.Invalid", "startTime");
            var end = durationMinutes is > 0 and <= 480 ? start.AddMinutes(durationMinutes.Value) : throw new DomainException("Meeting.End.Invalid", "durationMinutes");
            return meetings.ScheduleAsync(meetingId, new ScheduleMeetingRequest(start, end, format, location, videoLink, interpreterId), ct);
        }, "Meeting.Scheduled.Status", "schedule");

    /// <summary>Where and how the searched meeting will be; carried to the buttons that pick a time.</summary>
    public (string? Location, string? VideoLink) SearchPlace { get; private set; }

    /// <summary>"Find en tid" failed: its form stays open with the typed values and the error.</summary>
    public bool FindFailed { get; private set; }

    public async Task<IActionResult> OnPostFindSlotsAsync(Guid meetingId, DateOnly? from, DateOnly? to, int? durationMinutes, string? location, string? videoLink, CancellationToken ct)
    {
        PageErrors.LocalizeBindingErrors(ModelState, localizer);
        SearchPlace = (location, videoLink);
        if (ModelState.IsValid)
        {
            await PageErrors.TryAsync(ModelState, localizer, async () => Search = await scheduling.FindSlotsAsync(meetingId, new FindSlotsRequest(from, to, durationMinutes, location), ct));
        }

        FindFailed = !ModelState.IsValid;

        return await OnGetAsync(meetingId, ct);
    }

    public Task<IActionResult> OnPostDescribeAsync(Guid meetingId, string? title, string? purpose, CancellationToken ct) =>
        RunAsync(meetingId, () => meetings.DescribeAsync(meetingId, new DescribeMeetingRequest(title, purpose), ct), "Meeting.Saved", "agenda");

    public Task<IActionResult> OnPostAddPointAsync(Guid meetingId, string? text, CancellationToken ct) =>
        RunAsync(meetingId, () => meetings.AddAgendaPointAsync(meetingId, new AgendaPointRequest(text), ct), "Meeting.Saved", "agenda");

    public Task<IActionResult> OnPostAcceptPointAsync(Guid meetingId, Guid pointId, CancellationToken ct) =>
        RunAsync(meetingId, () => meetings.AcceptAgendaPointAsync(meetingId, pointId, ct), "Meeting.Saved", "agenda");

    public Task<IActionResult> OnPostRemovePointAsync(Guid meetingId, Guid pointId, CancellationToken ct) =>
        RunAsync(meetingId, () => meetings.RemoveAgendaPointAsync(meetingId, pointId, ct), "Meeting.Saved", "agenda");

    public Task<IActionResult> OnPostShareAgendaAsync(Guid meetingId, CancellationToken ct) =>
        RunAsync(meetingId, () => meetings.ShareAgendaAsync(meetingId, ct), "Meeting.AgendaShared.Status", "agenda");

    /// <summary>Participants: one checkbox per possible participant (value = member id, or "citizen"), with role and decision fields named after it.</summary>
    public Task<IActionResult> OnPostParticipantsAsync(Guid meetingId, CancellationToken ct)
    {
        var chosen = Request.Form["take-part"].Where(v => v is not null).Select(v => v!).ToList();
        var inputs = chosen.Select(key => new ParticipantInput(
                key == "citizen" ? null : Guid.TryParse(key, out var id) ? id : Guid.Empty,
                key == "citizen",
                Enum.TryParse<MeetingRole>(Request.Form["role-" + key], out var role) ? role : MeetingRole.Participant,
                Request.Form["decides-" + key] == "true"))
            .ToList();
        return RunAsync(meetingId, () => meetings.SetParticipantsAsync(meetingId, new ParticipantsRequest(inputs), ct), "Meeting.Saved", "participants");
    }

    public Task<IActionResult> OnPostAttendanceAsync(Guid meetingId, Guid participantId, Attendance? attendance, string? proxyName, CancellationToken ct) =>
        RunAsync(meetingId, () => meetings.RecordAttendanceAsync(meetingId, new AttendanceRequest(participantId, attendance, proxyName), ct), "Meeting.Saved", "participants");

    public Task<IActionResult> OnPostHeldAsync(Guid meetingId, CancellationToken ct) =>
        RunAsync(meetingId, () => meetings.MarkHeldAsync(meetingId, ct), "Meeting.Held.Status", "minutes");

    public Task<IActionResult> OnPostMinutesAsync(Guid meetingId, string? minutes, string? citizenSummary, CancellationToken ct) =>
        RunAsync(meetingId, () => meetings.WriteMinutesAsync(meetingId, new MinutesRequest(minutes, citizenSummary), ct), "Meeting.Saved", "minutes");

    public Task<IActionResult> OnPostAgreementAsync(Guid meetingId, string? text, string? owner, DateOnly? dueDate, CancellationToken ct) =>
        RunAsync(
            meetingId,
            () => meetings.AddAgreementAsync(meetingId, owner == "citizen" ? new AgreementRequest(text, null, true, dueDate) : new AgreementRequest(text, Guid.TryParse(owner, out var member) ? member : null, false, dueDate), ct),
            "Meeting.Agreement.Status",
            "minutes");

    public Task<IActionResult> OnPostApproveAsync(Guid meetingId, CancellationToken ct) =>
        RunAsync(meetingId, () => meetings.ApproveMinutesAsync(meetingId, ct), "Meeting.MinutesApproved.Status", "minutes");

    public Task<IActionResult> OnPostCancelAsync(Guid meetingId, string? reason, CancellationToken ct) =>
        RunAsync(meetingId, () => meetings.CancelAsync(meetingId, new CancelMeetingRequest(reason), ct), "Meeting.Cancelled.Status", "top");

    private async Task<IActionResult> RunAsync(Guid meetingId, Func<Task<MeetingView?>> change, string successKey, string anchor)
    {
        PageErrors.LocalizeBindingErrors(ModelState, localizer);
        MeetingView? saved = null;
        var done = false;
        try
        {
            done = ModelState.IsValid && await PageErrors.TryAsync(ModelState, localizer, async () => saved = await change());
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException)
        {
            // Someone saved the meeting at the same moment: nothing of this change was saved.
            ModelState.AddModelError(string.Empty, localizer["Meeting.Conflict"]);
        }

        if (done)
        {
            if (saved is null)
            {
                return NotFound();
            }

            StatusMessage = localizer[successKey];
            return Redirect($"/Meetings/{meetingId}#{anchor}");
        }

        return await OnGetAsync(meetingId, HttpContext.RequestAborted);
    }
}
