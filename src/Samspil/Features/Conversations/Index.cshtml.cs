using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Samspil.Features.Shared;
using Samspil.Infrastructure.Localization;

namespace Samspil.Features.Conversations;

/// <summary>"Beskeder" for a course: the threads the user takes part in, and a form to start one with people on the network.</summary>
public sealed class IndexModel(ConversationService conversations, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public CourseConversationsView? Course { get; private set; }

    [BindProperty]
    public string? Subject { get; set; }

    [BindProperty]
    public List<Guid> Participants { get; set; } = [];

    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public string? Language { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid courseId, CancellationToken cancellationToken)
    {
        Course = await conversations.CourseConversationsAsync(courseId, cancellationToken);
        if (Course is null)
        {
            return NotFound();
        }

        // A new thread includes the citizen and their proxy unless the writer chooses otherwise.
        if (Request.Method == HttpMethods.Get)
        {
            Participants = Course.PossibleParticipants.Where(p => p.Kind != Domain.Conversations.ParticipantKind.Professional).Select(p => p.UserId).ToList();
            Language = Course.DefaultLanguage;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid courseId, CancellationToken cancellationToken)
    {
        PageErrors.LocalizeBindingErrors(ModelState, localizer);
        Guid? id = null;
        if (ModelState.IsValid && await PageErrors.TryAsync(ModelState, localizer, async () => id = await conversations.StartAsync(courseId, new StartConversationRequest(Subject, Participants, Text, Language), cancellationToken)))
        {
            if (id is null)
            {
                return NotFound();
            }

            TempData["StatusMessage"] = localizer["Conversation.Started.Status"].Value;
            return Redirect($"/Conversations/{id}");
        }

        return await OnGetAsync(courseId, cancellationToken);
    }
}
