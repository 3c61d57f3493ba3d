using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Reporting;

public static class ReportingEndpoints
{
    public static IEndpointRouteBuilder MapReportingEndpoints(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/v1/reports").WithTags("Reports").RequireAuthorization(SamspilPolicies.Steering);
        reports.MapGet("/dashboard", Dashboard)
            .WithName("Dashboard")
            .WithSummary("The steering group's key figures for courses the caller's organisation (an administrator's or a manager's, and every unit below it) is responsible for or recorded. Counts of 1–4 and shares or averages from fewer than 5 courses come back with status Suppressed and no value.");
        reports.MapGet("/dashboard.csv", DashboardCsv)
            .WithName("DashboardCsv")
            .WithSummary("The same figures as CSV (UTF-8 with BOM, semicolon-separated, Danish headings).");
        reports.MapGet("/dashboard/options", async (ReportingService reporting, CancellationToken ct) => TypedResults.Ok(await reporting.OptionsAsync(ct)))
            .WithName("DashboardOptions");
        reports.MapGet("/experience", Experience)
            .WithName("DashboardExperience")
            .WithSummary("The citizens' experience (instruments of purpose CitizenExperience) per quarter and for the period: answers and the mean of each scale, for courses in the caller's steering scope with the dashboard's filters. Answers are dated by the day they were given. A count of 1–4 answers and a mean from fewer than 5 answers come back with status Suppressed and no value.");
        reports.MapGet("/collaboration", Collaboration)
            .WithName("DashboardCollaboration")
            .WithSummary("The collaboration between sectors (instruments of purpose Collaboration): the mean total score per quarter, and per unordered tie between two areas this period against the equally long period before. Suppressed below 5 answers, as for the experience.");
        reports.MapGet("/fidelity", Fidelity)
            .WithName("DashboardFidelity")
            .WithSummary("The IPS fidelity reviews in the period of the teams in the caller's steering scope: date, total, maximum and band. Organisation data, not suppressed.");

        var work = app.MapGroup("/api/v1/courses/{courseId:guid}/work-attachment").WithTags("Courses").RequireAuthorization();
        work.MapGet("/", GetWorkAttachment).WithName("GetWorkAttachment");
        work.MapPut("/", RecordWorkAttachment)
            .WithName("RecordWorkAttachment")
            .WithSummary("Records (or corrects) the work attachment at course end or six months after; the follow-up opens 14 days before six months have passed.")
            .RequireAuthorization(SamspilPolicies.Staff);
        return app;
    }

    private static async Task<Ok<DashboardView>> Dashboard(
        ReportingService reporting, CancellationToken cancellationToken,
        string? municipality = null, string? organization = null, string? targetGroup = null, string? from = null, string? to = null, string? basis = null) =>
        TypedResults.Ok(await reporting.DashboardAsync(new DashboardQuery(municipality, organization, targetGroup, from, to, basis), cancellationToken));

    private static async Task<Ok<ExperienceView>> Experience(
        ReportingService reporting, CancellationToken cancellationToken,
        string? municipality = null, string? organization = null, string? targetGroup = null, string? from = null, string? to = null, string? basis = null) =>
        TypedResults.Ok(await reporting.ExperienceAsync(new DashboardQuery(municipality, organization, targetGroup, from, to, basis), cancellationToken));

    private static async Task<Ok<CollaborationView>> Collaboration(
        ReportingService reporting, CancellationToken cancellationToken,
        string? municipality = null, string? organization = null, string? targetGroup = null, string? from = null, string? to = null, string? basis = null) =>
        TypedResults.Ok(await reporting.CollaborationAsync(new DashboardQuery(municipality, organization, targetGroup, from, to, basis), cancellationToken));

    private static async Task<Ok<FidelityView>> Fidelity(
        ReportingService reporting, CancellationToken cancellationToken,
        string? municipality = null, string? organization = null, string? targetGroup = null, string? from = null, string? to = null, string? basis = null) =>
        TypedResults.Ok(await reporting.FidelityAsync(new DashboardQuery(municipality, organization, targetGroup, from, to, basis), cancellationToken));

    private static async Task<FileContentHttpResult> DashboardCsv(
        ReportingService reporting, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken,
        string? municipality = null, string? organization = null, string? targetGroup = null, string? from = null, string? to = null, string? basis = null)
    {
        var view = await reporting.DashboardAsync(new DashboardQuery(municipality, organization, targetGroup, from, to, basis), cancellationToken);
        var name = string.Create(CultureInfo.InvariantCulture, $"styringsdata-{view.Filter.From:yyyy-MM-dd}-{view.Filter.To:yyyy-MM-dd}.csv");
        return TypedResults.File(DashboardText.Csv(view, localizer), "text/csv; charset=utf-8", name);
    }

    private static async Task<Results<Ok<WorkAttachmentView>, NotFound>> GetWorkAttachment(Guid courseId, WorkAttachmentService service, CancellationToken cancellationToken) =>
        await service.GetAsync(courseId, cancellationToken) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

    private static async Task<Results<Ok<WorkAttachmentView>, NotFound>> RecordWorkAttachment(Guid courseId, RecordWorkAttachmentRequest request, WorkAttachmentService service, CancellationToken cancellationToken) =>
        await service.RecordAsync(courseId, request, cancellationToken) && await service.GetAsync(courseId, cancellationToken) is { } view
            ? TypedResults.Ok(view)
            : TypedResults.NotFound();
}
