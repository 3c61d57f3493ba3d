using Microsoft.AspNetCore.Http.HttpResults;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Meetings;

/// <summary>Who comes to a meeting: the citizen's word, the interpreter booked, the sectors that need a decider (issue 17 points 4-5).</summary>
public static class MeetingPeopleEndpoints
{
    public static IEndpointRouteBuilder MapMeetingPeopleEndpoints(this IEndpointRouteBuilder app)
    {
        var meeting = app.MapGroup("/api/v1/meetings/{meetingId:guid}").WithTags("Meetings").RequireAuthorization();
        meeting.MapGet("/people", async Task<Results<Ok<MeetingPeopleView>, NotFound>> (Guid meetingId, MeetingPeople s, CancellationToken ct) => Found(await s.GetAsync(meetingId, ct)))
            .WithName("MeetingPeople")
            .WithSummary("Who comes: the citizen's word (comes, will not come, by video, a network member comes for them), the interpreter booked, the agenda's sectors and those no participant can decide for.");
        meeting.MapPut("/citizen-notice", async Task<Results<Ok<MeetingPeopleView>, NotFound>> (Guid meetingId, CitizenNoticeRequest r, MeetingPeople s, CancellationToken ct) => Found(await s.SayAsync(meetingId, r, ct)))
            .WithName("SayWhoComes")
            .WithSummary("The citizen or proxy says in advance: Comes, WillNotCome, ComesByVideo, or MemberComesInstead with standInMemberId (an active network member, then invited). Staff who plan the meeting may write it down for them.");
        meeting.MapPut("/agenda-sectors", async Task<Results<Ok<MeetingPeopleView>, NotFound>> (Guid meetingId, AgendaSectorsRequest r, MeetingPeople s, CancellationToken ct) => Found(await s.SetAgendaSectorsAsync(meetingId, r, ct)))
            .WithName("SetMeetingAgendaSectors").RequireAuthorization(SamspilPolicies.Staff)
            .WithSummary("The sectors the agenda needs decisions from; the meeting warns when no participant from a sector has decision competence.");
        return app;
    }

    private static Results<Ok<MeetingPeopleView>, NotFound> Found(MeetingPeopleView? view) => view is null ? TypedResults.NotFound() : TypedResults.Ok(view);
}
