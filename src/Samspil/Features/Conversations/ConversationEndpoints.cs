using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Samspil.Features.Conversations;

/// <summary>Secure conversations' API (R27): a course's threads, one thread, messages with attachments, participants, downloads.</summary>
public static class ConversationEndpoints
{
    public static IEndpointRouteBuilder MapConversationEndpoints(this IEndpointRouteBuilder app, ConversationOptions options)
    {
        var api = app.MapGroup("/api/v1").WithTags("Conversations").RequireAuthorization();
        api.MapGet("/courses/{courseId:guid}/conversations", async Task<Results<Ok<CourseConversationsView>, NotFound>> (Guid courseId, ConversationService s, CancellationToken ct) =>
                await s.CourseConversationsAsync(courseId, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound())
            .WithName("CourseConversations")
            .WithSummary("The course's threads the caller takes part in (with unread counts), and whom they may start one with. 404 unless they may read the citizen's messages and are on the network (or are the citizen or proxy).");
        api.MapPost("/courses/{courseId:guid}/conversations", async Task<Results<Created<ConversationView>, NotFound>> (Guid courseId, StartConversationRequest request, ConversationService s, CancellationToken ct) =>
                await s.StartAsync(courseId, request, ct) is { } id && await s.GetAsync(id, ct) is { } view ? TypedResults.Created($"/api/v1/conversations/{id}", view) : TypedResults.NotFound())
            .WithName("StartConversation")
            .WithSummary("Starts a thread with a subject, participants (account ids from possibleParticipants) and an optional first message.");
        api.MapGet("/me/conversations", async (ConversationService s, CancellationToken ct) => TypedResults.Ok(await s.MyConversationsAsync(ct)))
            .WithName("MyConversations")
            .WithSummary("\"Mine beskeder\": every thread the caller takes part in and may read now, newest first, with unread counts.");

        var conversation = api.MapGroup("/conversations/{conversationId:guid}");
        conversation.MapGet("/", async Task<Results<Ok<ConversationView>, NotFound>> (Guid conversationId, ConversationService s, CancellationToken ct) =>
                await s.GetAsync(conversationId, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound())
            .WithName("GetConversation")
            .WithSummary("The thread with every message, its language, who has read it and its attachments; marks it read for the caller.");
        conversation.MapPost("/messages", async Task<Results<Created<ConversationView>, NotFound>> (Guid conversationId, PostMessageRequest request, ConversationService s, CancellationToken ct) =>
                Posted(conversationId, await s.PostAsync(conversationId, request, [], ct)))
            .WithName("PostMessage")
            .WithSummary("A message as JSON: text (at most 4000 characters) and language (ISO 639-1; default the citizen's own for the citizen, otherwise Danish). Not translated.");

        // Attachments come as multipart/form-data. Like the consent upload, this is for API clients with a
        // bearer token (no antiforgery needed); the web page posts its own form with antiforgery.
        conversation.MapPost("/messages", async Task<Results<Created<ConversationView>, NotFound>> (Guid conversationId, [FromForm] string? text, [FromForm] string? language, IFormFileCollection files, ConversationService s, CancellationToken ct) =>
                Posted(conversationId, await s.PostAsync(conversationId, new PostMessageRequest(text, language), await s.ReadUploadsAsync(files, ct), ct)))
            .WithName("PostMessageWithAttachments")
            .WithSummary("A message with attachments as multipart/form-data: fields text, language and one or more files (PDF, PNG, JPEG or plain text, recognised by content; size and count limits in attachmentRules).")
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = IdentityConstants.BearerScheme })
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(options.MaxRequestBytes))
            .WithFormOptions(multipartBodyLengthLimit: options.MaxRequestBytes);
        conversation.MapPost("/participants", async Task<Results<Ok<ConversationView>, NotFound>> (Guid conversationId, AddParticipantsRequest request, ConversationService s, CancellationToken ct) =>
                await s.AddParticipantsAsync(conversationId, request, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound())
            .WithName("AddConversationParticipants")
            .WithSummary("Adds people on the network whom a consent (or another basis) covers for messages, or the citizen or proxy.");
        conversation.MapGet("/attachments/{attachmentId:guid}", async Task<Results<FileContentHttpResult, NotFound>> (Guid conversationId, Guid attachmentId, ConversationService s, HttpContext context, CancellationToken ct) =>
            {
                if (await s.AttachmentAsync(conversationId, attachmentId, ct) is not { } file)
                {
                    return TypedResults.NotFound();
                }

                // Always a download, never shown inline, never re-interpreted by the browser, never cached.
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
                headers.CacheControl = "no-store, private";
                var contentType = file.ContentType == "text/plain" ? "text/plain; charset=utf-8" : file.ContentType;
                return TypedResults.File(file.Content, contentType, file.FileName);
            })
            .WithName("DownloadAttachment")
            .WithSummary("An attachment as a download (Content-Disposition: attachment, X-Content-Type-Options: nosniff), for participants who may read the thread. Logged.");
        return app;
    }

    private static Results<Created<ConversationView>, NotFound> Posted(Guid conversationId, ConversationView? view) =>
        view is null ? TypedResults.NotFound() : TypedResults.Created($"/api/v1/conversations/{conversationId}", view);
}
