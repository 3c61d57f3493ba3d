using Microsoft.AspNetCore.Http.HttpResults;

namespace Samspil.Features.Deadlines;

/// <summary>
/// Statutory deadlines (frister) of a course (docs/deadlines.md). A course whose status the caller may not read is 404, and so is
/// a deadline in a category they may not read; starting and marking is for staff who may change the course (403 for a citizen).
/// Bad input is a validation problem; a deadline of the same rule already running is 409.
/// </summary>
public static class DeadlineEndpoints
{
    public static IEndpointRouteBuilder MapDeadlineEndpoints(this IEndpointRouteBuilder app)
    {
        var deadlines = app.MapGroup("/api/v1/courses/{courseId:guid}/deadlines").WithTags("Deadlines").RequireAuthorization();
        deadlines.MapGet("/", async (Guid courseId, DeadlineService service, CancellationToken ct) => Found(await service.GetAsync(courseId, ct)))
            .WithName("GetCourseDeadlines")
            .WithSummary("The course's statutory deadlines the caller may read (each in its own information category): start date, next due date, status (Overdue, DueSoon, Upcoming, Done), the reminder and the legal reference; for staff who may change the course also the frames' deadlines they may start.");
        deadlines.MapPost("/", async (Guid courseId, StartDeadlineRequest request, DeadlineService service, CancellationToken ct) => Found(await service.StartAsync(courseId, request, ct)))
            .WithName("StartCourseDeadline")
            .WithSummary("Staff: starts one of a frame's deadlines on the course (kind, name as in the frame, startsOn — may be left out when the rule runs from the course start, treatment start or income basis — and a note). 409 while the same deadline runs.");
        deadlines.MapPatch("/{deadlineId:guid}", async (Guid courseId, Guid deadlineId, MarkDeadlineRequest request, DeadlineService service, CancellationToken ct) => Found(await service.MarkAsync(courseId, deadlineId, request, ct)))
            .WithName("MarkCourseDeadline")
            .WithSummary("Staff: done: true marks the current due date done (a recurring deadline then runs from that day), ended: true ends it; on is the day (today when left out; not in the future, not before the start).");
        return app;
    }

    private static Results<Ok<T>, NotFound> Found<T>(T? view)
        where T : class => view is null ? TypedResults.NotFound() : TypedResults.Ok(view);
}
