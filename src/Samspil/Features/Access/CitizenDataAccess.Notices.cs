using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Consents;
using Samspil.Domain.Courses;
using Samspil.Features.Audit;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Access;

/// <summary>Whom a notice about a citizen may reach: the same policy, decided for each recipient.</summary>
public sealed partial class CitizenDataAccess
{
    /// <summary>
    /// The candidates the policy lets read <paramref name="category"/> of the subject today, each with
    /// the basis that permits it. Everyone else is left out silently: a notice is never sent to someone
    /// without consent or legal basis.
    /// </summary>
    public async Task<IReadOnlyList<NoticeRecipient>> PermittedRecipientsAsync(
        AccessSubject subject,
        InformationCategory category,
        IReadOnlyCollection<Guid> candidateUserIds,
        CancellationToken cancellationToken)
    {
        var users = await actors.ForUsersAsync(candidateUserIds.Distinct().ToList(), cancellationToken);
        var facts = await FactsAsync(subject.CitizenId, cancellationToken);
        var today = CopenhagenTime.Today(time);
        var permitted = new List<NoticeRecipient>();
        foreach (var (userId, other) in users)
        {
            var decision = AccessPolicy.Decide(new AccessRequest(other.Actor, subject, category, AccessPurpose.Coordination, today), facts);
            if (decision.Permitted)
            {
                permitted.Add(new NoticeRecipient(userId, other.DisplayName, other.OrganizationId, decision));
            }
        }

        return permitted;
    }

    /// <summary>
    /// Accounts of the people around a course: professionals holding a role on its active network, the
    /// citizen and their proxies. Candidates only; <see cref="PermittedRecipientsAsync"/> decides.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> NetworkAccountsAsync(Course course, CancellationToken cancellationToken)
    {
        var today = CopenhagenTime.Today(time);
        var roleIds = await db.NetworkMembers
            .Where(m => m.CourseId == course.Id && m.PractitionerRoleId != null && m.ActiveFrom <= today && (m.ActiveTo == null || m.ActiveTo > today))
            .Select(m => m.PractitionerRoleId!.Value)
            .ToListAsync(cancellationToken);
        var professionalIds = await db.PractitionerRoles.Where(r => roleIds.Contains(r.Id) && r.Active).Select(r => r.ProfessionalId).ToListAsync(cancellationToken);
        return await db.Users
            .Where(u => (u.ProfessionalId != null && professionalIds.Contains(u.ProfessionalId.Value)) || u.CitizenId == course.CitizenId)
            .Select(u => u.Id)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Which of these users already have a notice with this key (so an event repeated tells nobody twice).</summary>
    public async Task<IReadOnlySet<Guid>> AlreadyNotifiedAsync(IReadOnlyCollection<Guid> userIds, string deduplicationKey, CancellationToken cancellationToken) =>
        (await db.Notifications
            .Where(n => userIds.Contains(n.RecipientUserId) && n.DeduplicationKey == deduplicationKey)
            .Select(n => n.RecipientUserId)
            .ToListAsync(cancellationToken))
        .ToHashSet();
}
