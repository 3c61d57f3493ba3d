using Microsoft.AspNetCore.Mvc.RazorPages;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Conversations;

/// <summary>"Mine beskeder": every thread the user takes part in, unread first in mind; for staff, the citizen and the proxy alike.</summary>
public sealed class MineModel(ConversationService conversations, CurrentUser user) : PageModel
{
    public bool ActsForCitizen => user.ActsForCitizen;

    public MyConversationsView Mine { get; private set; } = new([], 0, []);

    public async Task OnGetAsync(CancellationToken cancellationToken) => Mine = await conversations.MyConversationsAsync(cancellationToken);
}
