using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Samspil.Features.Shared;
using Samspil.Infrastructure.Localization;

namespace Samspil.Features.Conversations;

/// <summary>
/// One conversation: the messages with their language and who has read them, attachments to download,
/// and a composer with file upload. Opening the page marks the thread read.
/// </summary>
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed partial class ThreadModel(ConversationService conversations, IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>What one post from the page may weigh (the per-file and per-message limits are checked inside).</summary>
    public const long MaxRequestBytes = 64L * 1024 * 1024;

    public ConversationView? Conversation { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>Kept when a message could not be sent, so nothing typed is lost.</summary>
    public string? Text { get; private set; }

    public string? Language { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        Conversation = await conversations.GetAsync(conversationId, cancellationToken);
        if (Conversation is not null)
        {
            await LoadExternalAsync(conversationId, cancellationToken);
        }

        return Conversation is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostMessageAsync(Guid conversationId, string? text, string? language, List<IFormFile>? files, CancellationToken cancellationToken)
    {
        PageErrors.LocalizeBindingErrors(ModelState, localizer);
        ConversationView? saved = null;
        var done = ModelState.IsValid && await PageErrors.TryAsync(ModelState, localizer, async () =>
        {
            var uploads = await conversations.ReadUploadsAsync(files ?? [], cancellationToken);
            saved = await conversations.PostAsync(conversationId, new PostMessageRequest(text, language), uploads, cancellationToken);
        });
        if (done)
        {
            if (saved is null)
            {
                return NotFound();
            }

            StatusMessage = localizer["Conversation.Sent.Status"];
            return Redirect($"/Conversations/{conversationId}#composer");
        }

        Text = text;
        Language = language;
        return await OnGetAsync(conversationId, cancellationToken);
    }

    public async Task<IActionResult> OnPostParticipantsAsync(Guid conversationId, List<Guid>? participants, CancellationToken cancellationToken)
    {
        PageErrors.LocalizeBindingErrors(ModelState, localizer);
        ConversationView? saved = null;
        if (ModelState.IsValid && await PageErrors.TryAsync(ModelState, localizer, async () => saved = await conversations.AddParticipantsAsync(conversationId, new AddParticipantsRequest(participants ?? []), cancellationToken)))
        {
            if (saved is null)
            {
                return NotFound();
            }

            StatusMessage = localizer["Conversation.ParticipantsAdded.Status"];
            return Redirect($"/Conversations/{conversationId}#participants");
        }

        return await OnGetAsync(conversationId, cancellationToken);
    }

    /// <summary>A file size people can read: "820 B", "12 kB", "1,4 MB".</summary>
    public static string Size(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.CurrentCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.CurrentCulture, $"{bytes / 1024.0:0} kB"),
        _ => string.Create(CultureInfo.CurrentCulture, $"{bytes / (1024.0 * 1024):0.0} MB"),
    };
}
