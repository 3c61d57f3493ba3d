using Samspil.Domain.Common;

namespace Samspil.Domain.Family;

/// <summary>
/// A relative who is a patient too, linked to their own course (issue 17 point 6, docs/family.md). The link is made
/// from the citizen's course (side A) with the citizen's consent, names the relative's course (side B), and waits for
/// the relative's consent. The policy (<see cref="RelativeLinkPolicy"/>): side A sees its own link; side B sees that a
/// link waits for its citizen's consent (A consented to that much); the other course is revealed — on either side —
/// only while both consents stand. Either citizen withdraws by taking their consent back.
/// </summary>
public sealed class RelativeLink : ICitizenRecord
{
    private RelativeLink()
    {
        Relation = string.Empty;
        CreatedByName = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid CourseId { get; private set; }

    public Guid CitizenId { get; private set; }

    public Guid RelativeCourseId { get; private set; }

    public Guid RelativeCitizenId { get; private set; }

    /// <summary>How the relative is related to the citizen ("søn", "ægtefælle"), in the citizen's words.</summary>
    public string Relation { get; private set; }

    public DateOnly? CitizenConsentOn { get; private set; }

    public DateOnly? RelativeConsentOn { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string CreatedByName { get; private set; }

    public bool IsMutual => CitizenConsentOn is not null && RelativeConsentOn is not null;

    public static RelativeLink Create(Guid courseId, Guid citizenId, Guid relativeCourseId, Guid relativeCitizenId, string? relation, Actor by, Moment now)
    {
        if (relativeCitizenId == citizenId)
        {
            throw new DomainException("Family.Link.Self", "relativeCourseId");
        }

        return new RelativeLink
        {
            Id = Guid.CreateVersion7(now.Utc),
            CourseId = courseId,
            CitizenId = citizenId,
            RelativeCourseId = relativeCourseId,
            RelativeCitizenId = relativeCitizenId,
            Relation = Guard.RequiredText(relation, 100, "Family.Link.Relation", "relation"),
            CitizenConsentOn = now.Today,
            CreatedAt = now.Utc,
            CreatedByName = by.DisplayName,
        };
    }

    /// <summary>Which side a course is on: true for the citizen's side (A), false for the relative's (B).</summary>
    public bool IsCitizenSide(Guid courseId) =>
        courseId == CourseId ? true : courseId == RelativeCourseId ? false : throw new DomainException("Relatives.Link.NotFound", "linkId");

    /// <summary>Records or withdraws the consent of the citizen of <paramref name="courseId"/>'s side.</summary>
    public void SetConsent(Guid courseId, bool consents, DateOnly today)
    {
        if (IsCitizenSide(courseId))
        {
            CitizenConsentOn = consents ? CitizenConsentOn ?? today : null;
        }
        else
        {
            RelativeConsentOn = consents ? RelativeConsentOn ?? today : null;
        }
    }
}

/// <summary>What a reader of one side of a relative link may see (docs/family.md).</summary>
public static class RelativeLinkPolicy
{
    /// <summary>Side A always sees its own link; side B only once A's citizen has consented (so B learns nothing A did not agree to).</summary>
    public static bool IsVisibleFrom(RelativeLink link, Guid courseId) =>
        link.IsCitizenSide(courseId) || link.CitizenConsentOn is not null;

    /// <summary>The other course (its id and the other citizen's name) only while both citizens consent.</summary>
    public static bool MayRevealOtherCourse(RelativeLink link) => link.IsMutual;
}
