using Samspil.Domain.Consents;
using Samspil.Features.Access;
using Samspil.Features.Audit;
using Samspil.Features.Consents;
using Samspil.Features.Courses;
using Samspil.Features.Plans;

namespace Samspil.Features.Me;

/// <summary>Everything Samspil holds about the signed-in citizen (GDPR art. 15 and 20).</summary>
public sealed record CitizenExport(
    DateTimeOffset ExportedAt,
    CitizenView Citizen,
    IReadOnlyList<CourseDetail> Courses,
    IReadOnlyList<PlanView> Plans,
    IReadOnlyList<ConsentView> Consents,
    IReadOnlyList<AccessLogView> AccessLog);

/// <summary>Builds the citizen's data export through the same access layer as every other read, so it is logged too.</summary>
public sealed class ExportService(CitizenDataAccess access, CourseService courses, PlanService plans, ConsentService consents, AccessLogQueries accessLog, TimeProvider time)
{
    public async Task<CitizenExport?> ExportAsync(CancellationToken cancellationToken)
    {
        var (citizenId, _) = await consents.SelfAsync(cancellationToken);
        var records = await access.ListCoursesAsync(q => q.Where(c => c.Citizen.Id == citizenId), InformationCategory.StatusAndAppointments, cancellationToken);
        if (records.Count == 0)
        {
            return null;
        }

        // Each course is read in full (network, phase history) like the course page reads it; the list
        // query above only finds which courses are the citizen's.
        var details = new List<CourseDetail>();
        var coursePlans = new List<PlanView>();
        foreach (var record in records)
        {
            if (await courses.GetAsync(record.Course.Id, cancellationToken) is { } detail)
            {
                details.Add(detail);
            }

            if (await plans.GetAsync(record.Course.Id, cancellationToken) is { PlanId: not null } plan)
            {
                coursePlans.Add(plan);
            }
        }

        if (details.Count == 0)
        {
            return null;
        }

        var log = new List<AccessLogView>();
        for (var skip = 0; ; skip += 500)
        {
            var page = await accessLog.MineAsync(new AccessLogFilter(null, null, null, null, skip, 500), cancellationToken);
            log.AddRange(page);
            if (page.Count < 500)
            {
                break;
            }
        }

        return new CitizenExport(time.GetUtcNow(), details[0].Citizen, details, coursePlans, await consents.MineAsync(cancellationToken), log);
    }
}

public static class MeEndpoints
{
    public static IEndpointRouteBuilder MapMeEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/me/export", async (ExportService export, CancellationToken ct) =>
                await export.ExportAsync(ct) is { } data
                    ? Results.Json(data, statusCode: StatusCodes.Status200OK, contentType: "application/json")
                    : Results.NotFound())
            .WithTags("Citizen")
            .WithName("ExportMyData")
            .WithSummary("Everything Samspil holds about me, as JSON (GDPR art. 15/20). For the citizen or their proxy.")
            .Produces<CitizenExport>()
            .RequireAuthorization();
        return app;
    }
}
