using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Audit;
using Samspil.Domain.Conversations;

namespace Samspil.Features.Access;

/// <summary>The GP's card (issue 21): what the card reads beyond the "Mine …" lists it is built from.</summary>
public sealed partial class CitizenDataAccess
{
    /// <summary>
    /// The latest message of each of these threads when someone else wrote it (a question still waiting
    /// for the reader). The threads come from <see cref="MyConversationsAsync"/>, so the policy has
    /// already decided each one for the reader in the category "beskeder"; every message returned is
    /// logged as read. Reading here does not move the reader's read marker: the thread is still new
    /// to them until they open it or answer.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, ConversationMessage>> LatestMessagesByOthersAsync(IReadOnlyList<ConversationListItem> threads, CancellationToken cancellationToken)
    {
        var me = user.UserId;
        var byId = threads.ToDictionary(t => t.Conversation.Id);
        var ids = byId.Keys.ToList();
        if (ids.Count == 0)
        {
            return new Dictionary<Guid, ConversationMessage>();
        }

        var latest = await db.ConversationMessages.AsNoTracking()
            .Where(m => ids.Contains(m.ConversationId) && m.Sequence == db.Conversations.Where(c => c.Id == m.ConversationId).Select(c => c.MessageCount).FirstOrDefault())
            .ToListAsync(cancellationToken);
        var result = new Dictionary<Guid, ConversationMessage>();
        foreach (var message in latest.Where(m => m.AuthorUserId != me))
        {
            var thread = byId[message.ConversationId];
            result[message.ConversationId] = message;
            log.Record(thread.Course.Citizen.Id, MessagesCategory, AccessAction.Read, "ConversationMessage", message.Id, thread.Course.Decision);
        }

        await log.CommitAsync(cancellationToken);
        return result;
    }
}
