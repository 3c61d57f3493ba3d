using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Samspil.Features.Shared;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.CareCommunications;

/// <summary>Administrators: received CareCommunications waiting to be placed in a conversation (or rejected), and unreadable ones.</summary>
[Authorize(Policy = SamspilPolicies.Administrator)]
public sealed class IndexModel(
    CareCommunicationService service,
    IServiceScopeFactory scopes,
    CurrentUser user,
    IOptions<CareCommunicationOptions> options,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public bool Enabled => options.Value.Enabled;

    public IReadOnlyList<WaitingCareCommunicationView> Waiting { get; private set; } = [];

    public IReadOnlyList<WaitingCareCommunicationView> Malformed { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAssignAsync(Guid id, string? conversation, CancellationToken cancellationToken)
    {
        WaitingCareCommunicationView? result = null;
        var ok = await PageErrors.TryAsync(ModelState, localizer, async () =>
        {
            var conversationId = ConversationIdOf(conversation) ?? throw new Domain.Common.DomainException("CareCommunication.Assign.ConversationRequired", "conversation");
            await using var scope = scopes.CreateSystemScope();
            result = await scope.ServiceProvider.GetRequiredService<CareCommunicationService>().AssignAsync(id, conversationId, user.UserId, user.DisplayName, cancellationToken);
        });
        if (ok)
        {
            StatusMessage = localizer[result is null ? "CareCommunication.Queue.Gone" : "CareCommunication.Queue.Assigned"];
            return Redirect("/CareCommunications");
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRejectAsync(Guid id, CancellationToken cancellationToken)
    {
        var result = await service.RejectAsync(id, user.UserId, user.DisplayName, cancellationToken);
        StatusMessage = localizer[result is null ? "CareCommunication.Queue.Gone" : "CareCommunication.Queue.Rejected"];
        return Redirect("/CareCommunications");
    }

    /// <summary>A conversation id, or a link to the conversation (…/Conversations/{id}).</summary>
    public static Guid? ConversationIdOf(string? text)
    {
        var value = text?.Trim() ?? string.Empty;
        if (value.Length > 300)
        {
            return null;
        }

        var last = value.TrimEnd('/').Split('/', '#', '?').LastOrDefault(part => Guid.TryParse(part, out _));
        return Guid.TryParse(last, out var id) ? id : null;
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return;
        }

        var all = await service.QueueAsync(cancellationToken);
        Waiting = all.Where(m => m.Status == CareCommunicationStatus.Waiting).ToList();
        Malformed = all.Where(m => m.Status == CareCommunicationStatus.Malformed).ToList();
    }
}
