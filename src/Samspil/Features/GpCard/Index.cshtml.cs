using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Plans;
using Samspil.Features.Shared;

namespace Samspil.Features.GpCard;

/// <summary>
/// "Til lægen": the GP's card. Each request from the network is answered in place — an action ticked
/// off, a reply in the thread, a written contribution to a meeting — through the same services the
/// API's write endpoints call. Not found for anyone who is not a GP.
/// </summary>
public sealed class IndexModel(GpCardService card, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public GpCardView Card { get; private set; } = new([]);

    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>The item whose form failed (its error is shown next to it and what was typed is kept).</summary>
    public Guid? FailedItem { get; private set; }

    public string? KeptText { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostDoneAsync(Guid courseId, Guid actionId, int version, CancellationToken cancellationToken) =>
        RunAsync(actionId, null, "GpCard.Done.Status", async () => await card.TickOffAsync(courseId, actionId, version, cancellationToken) is not null, cancellationToken);

    public Task<IActionResult> OnPostReplyAsync(Guid conversationId, string? text, CancellationToken cancellationToken) =>
        RunAsync(conversationId, text, "GpCard.Reply.Status", async () => await card.ReplyAsync(conversationId, text, cancellationToken) is not null, cancellationToken);

    public Task<IActionResult> OnPostContributeAsync(Guid meetingId, string? text, CancellationToken cancellationToken) =>
        RunAsync(meetingId, text, "GpCard.Contribution.Status", async () => await card.ContributeAsync(meetingId, text, cancellationToken) is not null, cancellationToken);

    /// <summary>The form field of an item, so its error can stand next to it.</summary>
    public static string FieldOf(Guid itemId) => "item-" + itemId.ToString("N");

    private async Task<IActionResult> RunAsync(Guid itemId, string? text, string statusKey, Func<Task<bool>> action, CancellationToken cancellationToken)
    {
        PageErrors.LocalizeBindingErrors(ModelState, localizer);
        if (!await card.IsGpAsync(cancellationToken))
        {
            return NotFound();
        }

        var errors = new ModelStateDictionary();
        if (ModelState.IsValid)
        {
            var found = true;
            try
            {
                if (await PageErrors.TryAsync(errors, localizer, async () => found = await action()))
                {
                    if (!found)
                    {
                        return NotFound();
                    }

                    StatusMessage = localizer[statusKey];
                    return Redirect("/Work/Gp");
                }
            }
            catch (PlanVersionConflictException)
            {
                errors.AddModelError(string.Empty, localizer["GpCard.Stale"]);
            }
        }
        else
        {
            errors.Merge(ModelState);
            ModelState.Clear();
        }

        foreach (var error in errors.Values.SelectMany(v => v.Errors))
        {
            ModelState.AddModelError(FieldOf(itemId), error.ErrorMessage);
        }

        FailedItem = itemId;
        KeptText = text;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (await card.GetAsync(cancellationToken) is not { } view)
        {
            return false;
        }

        Card = view;
        return true;
    }
}
