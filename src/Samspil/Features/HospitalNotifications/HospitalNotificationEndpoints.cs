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
    /// <summary>Who may deliver, see and link hospital notifications: the integration account(s) and administrators; <see cref="HospitalIntakeScope"/> narrows administrators to the receiving region.</summary>
    public const string IntakePolicy = "HospitalNotificationIntake";

    public static IServiceCollection AddHospitalNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<HospitalNotificationOptions>(configuration.GetSection(HospitalNotificationOptions.Section));
        services.AddScoped<HospitalNotificationProcessor>();
        services.AddScoped<HospitalEventService>();
        services.AddScoped<HospitalIntakeScope>();
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
            .WithSummary("A MedCom HospitalNotification message (FHIR R4 Bundle, application/fhir+json), from the integration account or an administrator of the receiving region (others: 404). 202 when new, 200 with the earlier receipt when the message id was received before, 400 when malformed (the raw text is kept). The receipt is the same whether or not the CPR number belongs to a Samspil citizen.");

        intake.MapGet("/", List).WithName("ListInboundHospitalNotifications").WithSummary("Parked (unknown citizen) and malformed messages of the caller's region, newest first.");
        intake.MapGet("/{id:guid}", Get).WithName("GetInboundHospitalNotification");
        intake.MapGet("/{id:guid}/raw", Raw).WithName("GetMalformedHospitalNotificationRaw").WithSummary("The raw text of a malformed message of the caller's region, for inspection.");
        intake.MapPost("/{id:guid}/match", Match).WithName("MatchParkedHospitalNotification")
            .WithSummary("Tries a parked message again against the citizen register. The CPR number given must be the message's own (400 otherwise); the answer is the same whether or not a citizen has it.");

        app.MapGet("/api/v1/courses/{courseId:guid}/hospital-events", CourseEvents)
            .WithTags("HospitalNotifications")
            .RequireAuthorization()
            .WithName("GetCourseHospitalEvents")
            .WithSummary("The citizen's admissions, leaves and discharges on the course (status and appointments), newest first.");
        return app;
    }

    private static async Task<Results<Accepted<HospitalNotificationReceipt>, Ok<HospitalNotificationReceipt>, ProblemHttpResult>> Receive(
        HttpRequest request,
        IServiceScopeFactory scopes,
        CurrentUser user,
        HospitalIntakeScope intakeScope,
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

        if (await intakeScope.CallerRegionAsync(cancellationToken) is null)
        {
            // An administrator outside any region takes in nothing (issue 12): as if the route were not there.
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: localizer["Problem.NotFound.Title"]);
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

        // Parked (unknown CPR) and applied (a citizen) answer alike: the answer never says whether a CPR number is a Samspil citizen's.
        var receipt = HospitalNotificationReceipt.Of(result);
        return result.Duplicate
            ? TypedResults.Ok(receipt)
            : TypedResults.Accepted($"/api/v1/hospital-notifications/{result.Id}", receipt);
    }

    private static async Task<Ok<List<InboundMessageSummary>>> List(HospitalIntakeScope intakeScope, CancellationToken cancellationToken, InboundMessageStatus? status = null)
    {
        var statuses = status is { } s ? [s] : new[] { InboundMessageStatus.Parked, InboundMessageStatus.Malformed };
        var messages = await (await intakeScope.MessagesAsync(cancellationToken))
            .Where(m => statuses.Contains(m.Status) && (m.Status == InboundMessageStatus.Parked || m.Status == InboundMessageStatus.Malformed))
            .OrderByDescending(m => m.ReceivedAt)
            .Take(200)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(messages.Select(InboundMessageSummary.Of).ToList());
    }

    private static async Task<Results<Ok<InboundMessageSummary>, NotFound>> Get(Guid id, HospitalIntakeScope intakeScope, CancellationToken cancellationToken) =>
        await UnlinkedAsync(intakeScope, id, cancellationToken) is { } message ? TypedResults.Ok(InboundMessageSummary.Of(message)) : TypedResults.NotFound();

    private static async Task<Results<ContentHttpResult, NotFound>> Raw(Guid id, HospitalIntakeScope intakeScope, CancellationToken cancellationToken) =>
        await UnlinkedAsync(intakeScope, id, cancellationToken) is { Status: InboundMessageStatus.Malformed } message
            ? TypedResults.Text(message.Raw, "text/plain; charset=utf-8")
            : TypedResults.NotFound();

    private static async Task<Results<Ok<HospitalNotificationReceipt>, NotFound>> Match(
        Guid id,
        MatchParkedRequest request,
        IServiceScopeFactory scopes,
        CitizenDataAccess access,
        HospitalIntakeScope intakeScope,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var result = await MatchAsync(id, request.Cpr, scopes, access, intakeScope, time, cancellationToken);
        return result is null ? TypedResults.NotFound() : TypedResults.Ok(result);
    }

    /// <summary>
    /// Tries a parked message of the caller's region again: the CPR number typed must be the message's own
    /// (so nobody links a psychiatric admission to the wrong person), and if a citizen has it now, the
    /// message is applied as Samspil (system scope), keeping who matched it and when. The answer is the
    /// same whether or not a citizen has the number (no CPR oracle); the message then simply stays parked.
    /// Null when the message is not a parked one of the caller's region.
    /// </summary>
    internal static async Task<HospitalNotificationReceipt?> MatchAsync(Guid id, string? cprText, IServiceScopeFactory scopes, CitizenDataAccess access, HospitalIntakeScope intakeScope, TimeProvider time, CancellationToken cancellationToken)
    {
        var message = await UnlinkedAsync(intakeScope, id, cancellationToken);
        if (message is not { Status: InboundMessageStatus.Parked })
        {
            return null;
        }

        var today = CopenhagenTime.Today(time);
        if (!CprNumber.TryParse(cprText, today, out var cpr, out var error))
        {
            throw new DomainException(error!, "cpr");
        }

        if (!CprNumber.TryParse(HospitalNotificationParser.Parse(message.Raw).Cpr, today, out var own, out _) || own.Value != cpr.Value)
        {
            throw new DomainException("HospitalNotification.Match.CprMismatch", "cpr");
        }

        if (await access.ExistingCitizenIdAsync(cpr, cancellationToken) is not { } citizenId)
        {
            return HospitalNotificationReceipt.Of(message);
        }

        await using var scope = scopes.CreateSystemScope();
        var applied = await scope.ServiceProvider.GetRequiredService<HospitalNotificationProcessor>()
            .ApplyParkedAsync(id, citizenId, access.User.UserId, access.User.DisplayName, cancellationToken);
        return applied is null ? null : HospitalNotificationReceipt.Of(applied);
    }

    private static async Task<Results<Ok<HospitalTimelineView>, NotFound>> CourseEvents(Guid courseId, HospitalEventService events, CancellationToken cancellationToken, bool includeInactive = false) =>
        await events.ForCourseAsync(courseId, includeInactive, cancellationToken) is { } timeline ? TypedResults.Ok(timeline) : TypedResults.NotFound();

    /// <summary>A message of the caller's region not linked to a citizen (parked or malformed): the only kind the intake may look at.</summary>
    private static async Task<InboundMessage?> UnlinkedAsync(HospitalIntakeScope intakeScope, Guid id, CancellationToken cancellationToken) =>
        await (await intakeScope.MessagesAsync(cancellationToken))
            .SingleOrDefaultAsync(m => m.Id == id && m.CitizenId == null && (m.Status == InboundMessageStatus.Parked || m.Status == InboundMessageStatus.Malformed), cancellationToken);

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType is { } type
        && (type.Equals("application/fhir+json", StringComparison.OrdinalIgnoreCase) || type.Equals("application/json", StringComparison.OrdinalIgnoreCase));
}
