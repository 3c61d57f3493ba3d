using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Meetings;

/// <summary>Meetings' API: the course calendar, templates, one meeting's agenda, roles, attendance, minutes and agreements.</summary>
public static class MeetingEndpoints
{
    public static IEndpointRouteBuilder MapMeetingEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Meetings").RequireAuthorization();
        api.MapGet("/courses/{courseId:guid}/meetings", async Task<Results<Ok<CourseMeetingsView>, NotFound>> (Guid courseId, MeetingService s, CancellationToken ct) =>
                await s.CourseCalendarAsync(courseId, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound())
            .WithName("CourseMeetings").WithSummary("The course calendar: proposed meetings with due windows, scheduled, held and cancelled ones.");
        api.MapPost("/courses/{courseId:guid}/meetings", async Task<Results<Created<MeetingView>, NotFound>> (Guid courseId, CreateMeetingRequest request, MeetingService s, CancellationToken ct) =>
                await s.CreateAsync(courseId, request, ct) is { } id && await s.GetAsync(id, ct) is { } view ? TypedResults.Created($"/api/v1/meetings/{id}", view) : TypedResults.NotFound())
            .WithName("CreateMeeting").RequireAuthorization(SamspilPolicies.Staff);
        api.MapPost("/courses/{courseId:guid}/meetings/from-template", async Task<Results<Ok<CourseMeetingsView>, NotFound>> (Guid courseId, ApplyTemplateRequest request, MeetingService s, CancellationToken ct) =>
                await s.ApplyTemplateAsync(courseId, request, ct) is not null && await s.CourseCalendarAsync(courseId, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound())
            .WithName("ProposeMeetingsFromTemplate").WithSummary("Proposes the template's meetings from triggerDate (default today); a step is not proposed twice.")
            .RequireAuthorization(SamspilPolicies.Staff);
        api.MapGet("/meeting-templates", async (SamspilDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await db.MeetingTemplates.AsNoTracking().Where(t => t.Active).OrderBy(t => t.Key).ToListAsync(ct)))
            .WithName("MeetingTemplates").WithSummary("The course models as data (Tværindsats, task force): steps with kind, offset and due window.");

        var meeting = api.MapGroup("/meetings/{meetingId:guid}");
        meeting.MapGet("/", async Task<Results<Ok<MeetingView>, NotFound>> (Guid meetingId, MeetingService s, CancellationToken ct) => Found(await s.GetAsync(meetingId, ct))).WithName("GetMeeting");
        meeting.MapPut("/", async Task<Results<Ok<MeetingView>, NotFound>> (Guid meetingId, DescribeMeetingRequest r, MeetingService s, CancellationToken ct) => Found(await s.DescribeAsync(meetingId, r, ct))).WithName("DescribeMeeting");
        meeting.MapPost("/schedule", async Task<Results<Ok<MeetingView>, NotFound>> (Guid meetingId, ScheduleMeetingRequest r, MeetingService s, CancellationToken ct) => Found(await s.ScheduleAsync(meetingId, r, ct)))
            .WithName("ScheduleMeeting").WithSummary("Sets or moves time and place; sends the invitation (iCalendar REQUEST, SEQUENCE up on a move).");
        meeting.MapPost("/cancel", async Task<Results<Ok<MeetingView>, NotFound>> (Guid meetingId, CancelMeetingRequest r, MeetingService s, CancellationToken ct) => Found(await s.CancelAsync(meetingId, r, ct)))
            .WithName("CancelMeeting").WithSummary("Cancels; a scheduled meeting's participants get an iCalendar CANCEL.");
        meeting.MapPut("/participants", async Task<Results<Ok<MeetingView>, NotFound>> (Guid meetingId, ParticipantsRequest r, MeetingService s, CancellationToken ct) => Found(await s.SetParticipantsAsync(meetingId, r, ct)))
            .WithName("SetMeetingParticipants").WithSummary("Who takes part, their role (meeting leader, minute-taker) and decision competence.");
        meeting.MapPost("/attendance", async Task<Results<Ok<MeetingView>, NotFound>> (Guid meetingId, AttendanceRequest r, MeetingService s, CancellationToken ct) => Found(await s.RecordAttendanceAsync(meetingId, r, ct))).WithName("RecordMeetingAttendance");
        meeting.MapPost("/agenda/points", async Task<Results<Ok<MeetingView>, NotFound>> (Guid meetingId, AgendaPointRequest r, MeetingService s, CancellationToken ct) => Found(await s.AddAgendaPointAsync(meetingId, r, ct)))
            .WithName("AddAgendaPoint").WithSummary("The coordinator adds a point; a participant, the citizen or a proxy proposes one.");
        meeting.MapPost("/agenda/points/{pointId:guid}/accept", async Task<Results<Ok<MeetingView>, NotFound>> (Guid meetingId, Guid pointId, MeetingService s, CancellationToken ct) => Found(await s.AcceptAgendaPointAsync(meetingId, pointId, ct))).WithName("AcceptAgendaPoint");
        meeting.MapDelete("/agenda/points/{pointId:guid}", async Task<Results<Ok<MeetingView>, NotFound>> (Guid meetingId, Guid pointId, MeetingService s, CancellationToken ct) => Found(await s.RemoveAgendaPointAsync(meetingId, pointId, ct))).WithName("RemoveAgendaPoint");
        meeting.MapPost("/agenda/share", async Task<Results<Ok<MeetingView>, NotFound>> (Guid meetingId, MeetingService s, CancellationToken ct) => Found(await s.ShareAgendaAsync(meetingId, ct))).WithName("ShareAgenda");
        meeting.MapPost("/held", async Task<Results<Ok<MeetingView>, NotFound>> (Guid meetingId, MeetingService s, CancellationToken ct) => Found(await s.MarkHeldAsync(meetingId, ct))).WithName("MarkMeetingHeld");
        meeting.MapPut("/minutes", async Task<Results<Ok<MeetingView>, NotFound>> (Guid meetingId, MinutesRequest r, MeetingService s, CancellationToken ct) => Found(await s.WriteMinutesAsync(meetingId, r, ct))).WithName("WriteMinutes");
        meeting.MapPost("/agreements", async Task<Results<Ok<MeetingView>, NotFound>> (Guid meetingId, AgreementRequest r, MeetingService s, CancellationToken ct) => Found(await s.AddAgreementAsync(meetingId, r, ct)))
            .WithName("AddMeetingAgreement").WithSummary("An agreement with one owner and a date; it becomes an action in the shared plan.");
        meeting.MapPost("/minutes/approve", async Task<Results<Ok<MeetingView>, NotFound>> (Guid meetingId, MeetingService s, CancellationToken ct) => Found(await s.ApproveMinutesAsync(meetingId, ct))).WithName("ApproveMinutes");
        meeting.MapGet("/invitation.ics", async Task<Results<ContentHttpResult, NotFound>> (Guid meetingId, MeetingService s, CancellationToken ct) =>
                await s.InvitationAsync(meetingId, ct) is { } ics ? TypedResults.Text(ics, "text/calendar; charset=utf-8") : TypedResults.NotFound())
            .WithName("MeetingInvitation");

        meeting.MapPost("/find-slots", async Task<Results<Ok<SlotSearchView>, NotFound>> (Guid meetingId, FindSlotsRequest r, MeetingScheduling s, CancellationToken ct) =>
                await s.FindSlotsAsync(meetingId, r, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound())
            .WithName("FindMeetingSlots")
            .WithSummary("The earliest times (from/to dates, durationMinutes) that meet every hard constraint — working hours, busy calendars, travel, interpreter, the citizen's wishes — ranked; or who and what blocks.");
        api.MapGet("/courses/{courseId:guid}/meeting-preferences", async Task<Results<Ok<PreferencesView>, NotFound>> (Guid courseId, MeetingScheduling s, CancellationToken ct) =>
                await s.PreferencesAsync(courseId, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound())
            .WithName("MeetingPreferences");
        api.MapPut("/courses/{courseId:guid}/meeting-preferences", async Task<Results<Ok<PreferencesView>, NotFound>> (Guid courseId, PreferencesRequest r, MeetingScheduling s, CancellationToken ct) =>
                await s.SetPreferencesAsync(courseId, r, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound())
            .WithName("SetMeetingPreferences").WithSummary("The citizen's wishes for meetings: allowed and preferred times of day, most people in the room, places to avoid.");
        api.MapGet("/me/availability", async (MeetingScheduling s, CancellationToken ct) => TypedResults.Ok(await s.MyAvailabilityAsync(ct)))
            .WithName("MyAvailability").RequireAuthorization(SamspilPolicies.Staff);
        api.MapPut("/me/availability", async (AvailabilityRequest r, MeetingScheduling s, CancellationToken ct) => TypedResults.Ok(await s.SetMyAvailabilityAsync(r, ct)))
            .WithName("SetMyAvailability").RequireAuthorization(SamspilPolicies.Staff)
            .WithSummary("Working days and hours, the weekly network-meeting slot, interpreted languages, and the calendar (https feed address or .ics text) busy times are read from.");

        api.MapGet("/me/meetings", async (MeetingService s, CancellationToken ct) => TypedResults.Ok(await s.MyMeetingsAsync(ct)))
            .WithName("MyMeetings").WithSummary("\"Mine møder\": meetings on the caller's networks, with late agendas and minutes.");
        return app;
    }

    private static Results<Ok<MeetingView>, NotFound> Found(MeetingView? view) => view is null ? TypedResults.NotFound() : TypedResults.Ok(view);
}
