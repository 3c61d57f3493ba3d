using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
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
        conversation.MapPost("/messages", PostMessageAsync)
            .WithName("PostMessage")
            .WithSummary("Posts a message: as JSON {text, language}, or as multipart/form-data with fields text, language and one or more files (PDF, PNG, JPEG or plain text, recognised by content; limits in attachmentRules). Text at most 4000 characters; language ISO 639-1, by default the citizen's own for the citizen, otherwise Danish. Nothing is translated.")
            .Accepts<PostMessageRequest>("application/json", "multipart/form-data") // one metadata: routing matches on the last one given
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

    /// <summary>
    /// One route for both bodies. JSON needs no antiforgery token (a browser cannot send it across sites
    /// without CORS); a form can be sent across sites, so a form that does not come with a bearer token
    /// must carry the antiforgery token, as the web page's own form does.
    /// </summary>
    private static async Task<Results<Created<ConversationView>, NotFound>> PostMessageAsync(Guid conversationId, HttpContext context, ConversationService s, IAntiforgery antiforgery, CancellationToken ct)
    {
        var request = context.Request;
        if (request.HasFormContentType)
        {
            if (!request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                try
                {
                    await antiforgery.ValidateRequestAsync(context);
                }
                catch (AntiforgeryValidationException ex)
                {
                    throw new BadHttpRequestException("A form needs the antiforgery token.", StatusCodes.Status400BadRequest, ex);
                }
            }

            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(ct);
            }
            catch (InvalidDataException ex) when (ex.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
            {
                throw new BadHttpRequestException("The form is too large.", StatusCodes.Status413PayloadTooLarge, ex);
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException && !ct.IsCancellationRequested)
            {
                // A body that ends before its closing boundary, or is no multipart at all: the client's fault, not ours.
                throw new BadHttpRequestException("The form is malformed.", StatusCodes.Status400BadRequest, ex);
            }

            var uploads = await s.ReadUploadsAsync(form.Files, ct);
            return Posted(conversationId, await s.PostAsync(conversationId, new PostMessageRequest(form["text"].FirstOrDefault(), form["language"].FirstOrDefault()), uploads, ct));
        }

        if (!request.HasJsonContentType())
        {
            throw new BadHttpRequestException("Send JSON or multipart/form-data.", StatusCodes.Status415UnsupportedMediaType);
        }

        PostMessageRequest? body;
        try
        {
            body = await request.ReadFromJsonAsync<PostMessageRequest>(ct);
        }
        catch (JsonException ex)
        {
            throw new BadHttpRequestException("The JSON body is malformed.", StatusCodes.Status400BadRequest, ex);
        }

        return Posted(conversationId, await s.PostAsync(conversationId, body ?? new PostMessageRequest(null, null), [], ct));
    }

    private static Results<Created<ConversationView>, NotFound> Posted(Guid conversationId, ConversationView? view) =>
        view is null ? TypedResults.NotFound() : TypedResults.Created($"/api/v1/conversations/{conversationId}", view);
}
