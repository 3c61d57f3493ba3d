using Microsoft.AspNetCore.Http.HttpResults;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Work;

/// <summary>
/// The IPS track and the income basis of a course (docs/work.md). A course whose work and income information the caller
/// may not read is 404; the citizen and their proxy may read and write the job wishes, everything else is written by
/// staff who may change the course (403 for a citizen). Bad input is a validation problem.
/// </summary>
public static class WorkEndpoints
{
    public static IEndpointRouteBuilder MapWorkEndpoints(this IEndpointRouteBuilder app)
    {
        var ips = app.MapGroup("/api/v1/courses/{courseId:guid}/ips").WithTags("Work").RequireAuthorization();
        ips.MapGet("/", async (Guid courseId, WorkService work, CancellationToken ct) => Found(await work.GetIpsAsync(courseId, ct)))
            .WithName("GetIpsTrack")
            .WithSummary("The IPS track: job wishes in the citizen's words, job-search plan, follow-along support, accommodations (skånehensyn), the consultant, employer contacts, job starts and days from course start to the first competitive (ordinary) job.");
        ips.MapPut("/", async (Guid courseId, SaveIpsTrackRequest request, WorkService work, CancellationToken ct) => Found(await work.SaveIpsAsync(courseId, request, ct)))
            .WithName("SaveIpsTrack")
            .WithSummary("Staff: sets the track's texts (each at most 4000 characters) and the day IPS support ended (closedOn, null while open).");
        ips.MapPut("/job-wishes", async (Guid courseId, JobWishesRequest request, WorkService work, CancellationToken ct) => Found(await work.WriteJobWishesAsync(courseId, request, ct)))
            .WithName("WriteJobWishes")
            .WithSummary("The citizen, their proxy or staff: the job wishes in the citizen's own words.");
        ips.MapPut("/consultant", async (Guid courseId, ConsultantRequest request, WorkService work, CancellationToken ct) => Found(await work.SetConsultantAsync(courseId, request, ct)))
            .WithName("SetIpsConsultant")
            .WithSummary("Staff: take the case as IPS consultant (take: true) or let it go (take: false); the case counts on the consultant's caseload while open.");
        ips.MapPost("/employer-contacts", async (Guid courseId, EmployerContactRequest request, WorkService work, CancellationToken ct) => Found(await work.AddEmployerContactAsync(courseId, request, ct)))
            .WithName("AddEmployerContact")
            .WithSummary("Staff: an employer contact (date not in the future nor before the course, employer, outcome).");
        ips.MapPost("/job-starts", async (Guid courseId, JobStartRequest request, WorkService work, CancellationToken ct) => Found(await work.AddJobStartAsync(courseId, request, ct)))
            .WithName("AddJobStart")
            .WithSummary("Staff: a job start (start date, employer, hours a week 0–80, kind OrdinaryJob, FlexJob, Rehabilitation, WorkPlacement or Education), any time during the course.");

        var income = app.MapGroup("/api/v1/courses/{courseId:guid}/income-basis").WithTags("Work").RequireAuthorization();
        income.MapGet("/", async (Guid courseId, WorkService work, CancellationToken ct) => Found(await work.GetIncomeBasisAsync(courseId, ct)))
            .WithName("GetIncomeBasis")
            .WithSummary("The income basis (forsørgelsesgrundlag): the current one, days from course start to the first clarification, and the history.");
        income.MapPost("/", async (Guid courseId, IncomeBasisRequest request, WorkService work, CancellationToken ct) => Found(await work.RecordIncomeBasisAsync(courseId, request, ct)))
            .WithName("RecordIncomeBasis")
            .WithSummary("Staff: a clarification of the income basis (basis, the day it was clarified, by whom, a note); earlier ones stay in the history.");

        app.MapGet("/api/v1/me/ips-caseload", async (WorkService work, CancellationToken ct) => TypedResults.Ok(await work.CaseloadAsync(ct)))
            .WithTags("Work")
            .WithName("IpsCaseload")
            .WithSummary("The caller's IPS caseload: open cases they hold as consultant, the last employer contact of each, and whether there are more than 20.")
            .RequireAuthorization(SamspilPolicies.Staff);
        return app;
    }

    private static Results<Ok<T>, NotFound> Found<T>(T? view)
        where T : class => view is null ? TypedResults.NotFound() : TypedResults.Ok(view);
}
