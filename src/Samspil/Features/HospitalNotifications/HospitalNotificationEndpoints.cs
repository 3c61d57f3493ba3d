using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Samspil.Domain.Citizens;
using Samspil.Domain.Common;
using Samspil.Features.Access;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Security;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.HospitalNotifications;

public static class HospitalNotificationEndpoints
{
    /// <summary>Who may deliver hospital notifications: the integration account(s) and administrators.</summary>
    public const string IntakePolicy = "HospitalNotificationIntake";

    public static IServiceCollection AddHospitalNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<HospitalNotificationOptions>(configuration.GetSection(HospitalNotificationOptions.Section));
        services.AddScoped<HospitalNotificationProcessor>();
        services.AddScoped<HospitalEventService>();
        services.AddScoped<TreatmentStartNotifier>();
        services.AddSingleton<HospitalNotificationImport>();
        services.AddHostedService<HospitalNotificationDropFolder>();
        services.AddAuthorizationBuilder()
            .AddPolicy(IntakePolicy, policy => policy.RequireRole(SamspilRoles.Integration, SamspilRoles.Administrator));
        return services;
    }

    public static IEndpointRouteBuilder MapHospitalNotificationEndpoints(this IEndpointRouteBuilder app)
    {
        var intake = app.MapGroup("/api/v1/hospital-notifications").WithTags("HospitalNotifications").RequireAuthorization(IntakePolicy);
        intake.MapPost("/", Receive)
            .WithName("ReceiveHospitalNotification")
            .WithSummary("A MedCom HospitalNotification message (FHIR R4 Bundle, application/fhir+json). 202 when new, 200 with the earlier result when the message id was received before, 400 when malformed (the raw text is kept).");

        var admin = app.MapGroup("/api/v1/hospital-notifications").WithTags("HospitalNotifications").RequireAuthorization(SamspilPolicies.Administrator);
        admin.MapGet("/", List).WithName("ListInboundHospitalNotifications").WithSummary("Parked (unknown citizen) and malformed messages, newest first.");
        admin.MapGet("/{id:guid}", Get).WithName("GetInboundHospitalNotification");
        admin.MapGet("/{id:guid}/raw", Raw).WithName("GetMalformedHospitalNotificationRaw").WithSummary("The raw text of a malformed message, for inspection.");
        admin.MapPost("/{id:guid}/match", Match).WithName("MatchParkedHospitalNotification").WithSummary("Links a parked message to an existing citizen by CPR number and applies it.");

        app.MapGet("/api/v1/courses/{courseId:guid}/hospital-events", CourseEvents)
            .WithTags("HospitalNotifications")
            .RequireAuthorization()
            .WithName("GetCourseHospitalEvents")
            .WithSummary("The citizen's admissions, leaves and discharges on the course (status and appointments), newest first.");
        return app;
    }

    private static async Task<Results<Accepted<HospitalNotificationResult>, Ok<HospitalNotificationResult>, ProblemHttpResult>> Receive(
        HttpRequest request,
        IServiceScopeFactory scopes,
        CurrentUser user,
        IOptions<HospitalNotificationOptions> options,
        IStringLocalizer<SharedResource> localizer,
        CancellationToken cancellationToken)
    {
        if (!IsJson(request.ContentType))
        {
            return TypedResults.Problem(
                title: localizer["HospitalNotification.Problem.Title"],
                detail: localizer["HospitalNotification.ContentType"],
                statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        var (raw, truncated) = await HospitalNotificationImport.ReadLimitedAsync(request.Body, options.Value.MaxBodyBytes, cancellationToken);
        HospitalNotificationResult result;
        await using (var scope = scopes.CreateSystemScope())
        {
            result = await scope.ServiceProvider.GetRequiredService<HospitalNotificationProcessor>()
                .ReceiveAsync(raw, truncated, InboundSource.Http, null, user.UserId, user.DisplayName, cancellationToken);
        }

        if (result.Status == InboundMessageStatus.Malformed && result.ErrorCode is { } code)
        {
            return TypedResults.Problem(
                title: localizer["HospitalNotification.Problem.Title"],
                detail: result.ErrorDetail is { } detail ? $"{localizer[code]} ({detail})" : localizer[code],
                statusCode: truncated ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest,
                extensions: new Dictionary<string, object?> { ["code"] = code, ["inboundMessageId"] = result.Id });
        }

        return result.Duplicate
            ? TypedResults.Ok(result)
            : TypedResults.Accepted($"/api/v1/hospital-notifications/{result.Id}", result);
    }

    private static async Task<Ok<List<InboundMessageSummary>>> List(SamspilDbContext db, CancellationToken cancellationToken, InboundMessageStatus? status = null)
    {
        var statuses = status is { } s ? [s] : new[] { InboundMessageStatus.Parked, InboundMessageStatus.Malformed };
        var messages = await db.InboundMessages.AsNoTracking()
            .Where(m => statuses.Contains(m.Status) && (m.Status == InboundMessageStatus.Parked || m.Status == InboundMessageStatus.Malformed))
            .OrderByDescending(m => m.ReceivedAt)
            .Take(200)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(messages.Select(InboundMessageSummary.Of).ToList());
    }

    private static async Task<Results<Ok<InboundMessageSummary>, NotFound>> Get(Guid id, SamspilDbContext db, CancellationToken cancellationToken) =>
        await UnlinkedAsync(db, id, cancellationToken) is { } message ? TypedResults.Ok(InboundMessageSummary.Of(message)) : TypedResults.NotFound();

    private static async Task<Results<ContentHttpResult, NotFound>> Raw(Guid id, SamspilDbContext db, CancellationToken cancellationToken) =>
        await UnlinkedAsync(db, id, cancellationToken) is { Status: InboundMessageStatus.Malformed } message
            ? TypedResults.Text(message.Raw, "text/plain; charset=utf-8")
            : TypedResults.NotFound();

    private static async Task<Results<Ok<HospitalNotificationResult>, NotFound>> Match(
        Guid id,
        MatchParkedRequest request,
        IServiceScopeFactory scopes,
        CitizenDataAccess access,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var result = await MatchAsync(id, request.Cpr, scopes, access, time, cancellationToken);
        return result is null ? TypedResults.NotFound() : TypedResults.Ok(result);
    }

    /// <summary>
    /// Links a parked message to the existing citizen with this CPR number and applies it as Samspil
    /// (system scope); the message keeps who matched it and when. Null when the message is not parked.
    /// </summary>
    internal static async Task<HospitalNotificationResult?> MatchAsync(Guid id, string? cprText, IServiceScopeFactory scopes, CitizenDataAccess access, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!CprNumber.TryParse(cprText, CopenhagenTime.Today(time), out var cpr, out var error))
        {
            throw new DomainException(error!, "cpr");
        }

        var citizenId = await access.ExistingCitizenIdAsync(cpr, cancellationToken)
            ?? throw new DomainException("HospitalNotification.Match.UnknownCitizen", "cpr");
        await using var scope = scopes.CreateSystemScope();
        return await scope.ServiceProvider.GetRequiredService<HospitalNotificationProcessor>()
            .ApplyParkedAsync(id, citizenId, access.User.UserId, access.User.DisplayName, cancellationToken);
    }

    private static async Task<Results<Ok<HospitalTimelineView>, NotFound>> CourseEvents(Guid courseId, HospitalEventService events, CancellationToken cancellationToken, bool includeInactive = false) =>
        await events.ForCourseAsync(courseId, includeInactive, cancellationToken) is { } timeline ? TypedResults.Ok(timeline) : TypedResults.NotFound();

    /// <summary>A message not linked to a citizen (parked or malformed): the only kind an administrator may look at.</summary>
    private static Task<InboundMessage?> UnlinkedAsync(SamspilDbContext db, Guid id, CancellationToken cancellationToken) =>
        db.InboundMessages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id && m.CitizenId == null && (m.Status == InboundMessageStatus.Parked || m.Status == InboundMessageStatus.Malformed), cancellationToken);

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType is { } type
        && (type.Equals("application/fhir+json", StringComparison.OrdinalIgnoreCase) || type.Equals("application/json", StringComparison.OrdinalIgnoreCase));
}
