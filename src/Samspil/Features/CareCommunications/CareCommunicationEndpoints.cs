using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Samspil.Domain.Conversations;
using Samspil.Features.Fhir;
using Samspil.Features.HospitalNotifications;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.CareCommunications;

/// <summary>What a thread shows of CareCommunication: its external messages and, for staff, whom it may write to.</summary>
public sealed record CareCommunicationThreadView(
    Guid ConversationId,
    IReadOnlyList<ExternalMessageView> Messages,
    bool CanSend,
    IReadOnlyList<CareCommunicationRecipientView> Recipients,
    IReadOnlyList<string> Categories);

public static class CareCommunicationEndpoints
{
    /// <summary>Who may deliver CareCommunications: the integration account(s) and administrators.</summary>
    public const string IntakePolicy = "CareCommunicationIntake";

    public static IServiceCollection AddCareCommunication(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<CareCommunicationOptions>(configuration.GetSection(CareCommunicationOptions.Section));
        services.AddHttpClient(CareCommunicationOutbox.HttpClientName);
        services.AddSingleton<CareCommunicationOutbox>();
        services.AddScoped<CareCommunicationService>();
        services.AddHostedService<CareCommunicationDropFolder>();
        services.AddAuthorizationBuilder()
            .AddPolicy(IntakePolicy, policy => policy.RequireRole(SamspilRoles.Integration, SamspilRoles.Administrator));
        return services;
    }

    public static IEndpointRouteBuilder MapCareCommunicationEndpoints(this IEndpointRouteBuilder app)
    {
        var thread = app.MapGroup("/api/v1/conversations/{conversationId:guid}/care-communications").WithTags("CareCommunication").RequireAuthorization();
        thread.MapGet("/", async Task<Results<Ok<CareCommunicationThreadView>, NotFound>> (Guid conversationId, CareCommunicationService s, CancellationToken ct) =>
                await s.ThreadAsync(conversationId, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound())
            .WithName("GetConversationCareCommunications")
            .WithSummary("The thread's MedCom CareCommunications sent to and received from GPs and hospital departments, and (for staff) whom the thread may write to: the configured parties the citizen's consent covers for messages. 404 unless the caller may read the thread.");
        thread.MapPost("/", async Task<Results<Created<ExternalMessageView>, NotFound>> (Guid conversationId, SendCareCommunicationRequest request, CareCommunicationService s, CancellationToken ct) =>
                await s.SendAsync(conversationId, request, [], ct) is { } sent ? TypedResults.Created($"/api/v1/conversations/{conversationId}/care-communications", sent) : TypedResults.NotFound())
            .WithName("SendCareCommunication")
            .WithSummary("Staff: posts the text to the thread and sends it as a MedCom CareCommunication (5.0) to a recipient (its SOR code, else EAN, from recipients) with a category (MedCom category code) and an optional topic (at most 60 characters; required for 'other'). A reply when the thread already exchanged messages with that party. 400 when the citizen's consent does not cover messages to the recipient or sending is off.");

        var intake = app.MapGroup("/api/v1/care-communications").WithTags("CareCommunication").RequireAuthorization(IntakePolicy);
        intake.MapPost("/", ReceiveAsync)
            .WithName("ReceiveCareCommunication")
            .WithSummary("A MedCom CareCommunication bundle (FHIR R4, application/fhir+json or application/fhir+xml). Answers with an OperationOutcome: 202 received (placed in its thread or waiting for an administrator, alike), 200 when the MessageHeader id was received before, 400 when it cannot be read (kept), 413 when too large. Acknowledged through the outbox. 404 when CareCommunication is off.");
        var admin = app.MapGroup("/api/v1/care-communications").WithTags("CareCommunication").RequireAuthorization(SamspilPolicies.Administrator);
        admin.MapGet("/waiting", async Task<Results<Ok<IReadOnlyList<WaitingCareCommunicationView>>, NotFound>> (CareCommunicationService s, IOptions<CareCommunicationOptions> o, CancellationToken ct) =>
                o.Value.Enabled ? TypedResults.Ok(await s.QueueAsync(ct)) : TypedResults.NotFound())
            .WithName("ListWaitingCareCommunications")
            .WithSummary("Received CareCommunications waiting for an administrator (no thread, no consent or unknown citizen) and unreadable ones, newest first: metadata and a masked CPR, never the text.");
        admin.MapPost("/{id:guid}/assign", async Task<Results<Ok<WaitingCareCommunicationView>, NotFound>> (Guid id, AssignCareCommunicationRequest request, IServiceScopeFactory scopes, CurrentUser user, CancellationToken ct) =>
            {
                await using var scope = scopes.CreateSystemScope();
                var result = await scope.ServiceProvider.GetRequiredService<CareCommunicationService>().AssignAsync(id, request.ConversationId, user.UserId, user.DisplayName, ct);
                return result is null ? TypedResults.NotFound() : TypedResults.Ok(result);
            })
            .WithName("AssignCareCommunication")
            .WithSummary("Places a waiting message into a conversation (its id): about the same citizen, course open, and the citizen's consent covering the sender (400 with the reason otherwise).");
        admin.MapPost("/{id:guid}/reject", async Task<Results<Ok<WaitingCareCommunicationView>, NotFound>> (Guid id, CareCommunicationService s, CurrentUser user, CancellationToken ct) =>
                await s.RejectAsync(id, user.UserId, user.DisplayName, ct) is { } result ? TypedResults.Ok(result) : TypedResults.NotFound())
            .WithName("RejectCareCommunication")
            .WithSummary("Rejects a waiting message; it is kept.");
        return app;
    }

    private static async Task<IResult> ReceiveAsync(HttpRequest request, IServiceScopeFactory scopes, CurrentUser user, IOptions<CareCommunicationOptions> options, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return FhirResult.Outcome(StatusCodes.Status404NotFound, FhirOutcome.NotFound());
        }

        if (!IsFhir(request.ContentType))
        {
            return FhirResult.Outcome(StatusCodes.Status415UnsupportedMediaType, FhirOutcome.Create(Hl7.Fhir.Model.OperationOutcome.IssueType.NotSupported, "Send application/fhir+json or application/fhir+xml."));
        }

        var (raw, truncated) = await HospitalNotificationImport.ReadLimitedAsync(request.Body, options.Value.MaxBodyBytes, cancellationToken);
        CareCommunicationReceipt receipt;
        await using (var scope = scopes.CreateSystemScope())
        {
            receipt = await scope.ServiceProvider.GetRequiredService<CareCommunicationService>()
                .ReceiveAsync(raw, truncated, CareCommunicationSource.Http, null, user.UserId, user.DisplayName, cancellationToken);
        }

        var status = receipt.Status == CareCommunicationStatus.Malformed
            ? truncated ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest
            : receipt.Duplicate ? StatusCodes.Status200OK : StatusCodes.Status202Accepted;
        return FhirResult.Outcome(status, receipt.Outcome);
    }

    private static bool IsFhir(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType is "application/fhir+json" or "application/json" or "application/fhir+xml" or "application/xml";
}
