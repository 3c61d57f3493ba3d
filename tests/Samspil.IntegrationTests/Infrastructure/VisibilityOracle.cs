using Samspil.Domain.Consents;
using Samspil.Domain.Courses;
using Samspil.Domain.Directory;

namespace Samspil.IntegrationTests.Infrastructure;

/// <summary>Who a user is, as far as the oracle needs to know. <see cref="IsCitizen"/> also covers a proxy acting for the citizen.</summary>
public sealed record OracleUser(string UserName, bool IsProfessional, bool IsStaff, Guid? ProfessionalId, Guid? OrganizationId, Guid? CitizenId, bool IsCitizen);

/// <summary>
/// The rule for reading a course's status, written from the text and independently of the
/// policy service and the query layer: the citizen themself (or their proxy); the organisation (or a unit under it)
/// that recorded the course; or a consent in force today that covers status, for coordination,
/// without an admission condition, naming the user, a role they hold, or an organisation they work in
/// or under. (The §12 c legal basis needs the sickness-benefit purpose, which no read endpoint uses.)
/// </summary>
public sealed class VisibilityOracle(IReadOnlyList<Organization> organizations, IReadOnlyList<PractitionerRole> roles, IReadOnlyList<Consent> consents, DateOnly today)
{
    /// <summary>May the user read this course's information of <paramref name="category"/> (status by default)?</summary>
    public bool MaySee(OracleUser user, Course course, InformationCategory category = InformationCategory.StatusAndAppointments)
    {
        if (user.IsCitizen && course.CitizenId == user.CitizenId)
        {
            return true;
        }

        var myRoles = user.IsProfessional ? roles.Where(r => r.ProfessionalId == user.ProfessionalId && r.Active).ToList() : [];
        var units = myRoles.Select(r => r.OrganizationId).ToHashSet();
        if (user.IsStaff && user.OrganizationId is { } org)
        {
            units.Add(org);
        }

        if (course.RecordedByOrganizationId is { } recordedBy && units.Any(u => IsUnder(recordedBy, u)))
        {
            return true;
        }

        return consents.Any(k => k.CitizenId == course.CitizenId
            && k.Status == ConsentStatus.Active
            && k.ValidFrom <= today && today <= k.ValidTo
            && (k.Categories & category) != 0
            && (k.Purposes & AccessPurpose.Coordination) != 0
            && k.Condition == ConsentCondition.None
            && k.Recipients.Any(r => r.Kind switch
            {
                ConsentRecipientKind.Professional => user.IsProfessional && r.TargetId == user.ProfessionalId,
                ConsentRecipientKind.PractitionerRole => myRoles.Any(m => m.Id == r.TargetId),
                _ => units.Any(u => IsUnder(u, r.TargetId)),
            }));
    }

    private bool IsUnder(Guid id, Guid root)
    {
        for (Guid? current = id; current is { } c; current = organizations.Single(o => o.Id == c).PartOfId)
        {
            if (c == root)
            {
                return true;
            }
        }

        return false;
    }
}
