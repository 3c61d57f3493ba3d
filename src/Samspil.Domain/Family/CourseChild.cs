using Samspil.Domain.Common;

namespace Samspil.Domain.Family;

/// <summary>How old a child is, in bands (an exact birth date is more than the network needs).</summary>
public enum ChildAgeBand
{
    Under3 = 0,
    From3To6 = 1,
    From7To12 = 2,
    From13To17 = 3,
    Adult = 4,
}

/// <summary>Whether the child knows about the parent's illness (R31, 001: children of refugees in treatment).</summary>
public enum ChildAwareness
{
    NotTalkedAbout = 0,
    KnowsSome = 1,
    Knows = 2,
    DoesNotKnow = 3,
}

/// <summary>Support offered to the child: a child conversation (børnesamtale), a relatives' offering, other, or none yet.</summary>
public enum ChildSupport
{
    None = 0,
    ChildConversation = 1,
    RelativesOffering = 2,
    Other = 3,
}

/// <summary>
/// A child of the citizen, recorded on a course (issue 17 point 6): age band, whether the child knows about the illness
/// and the support offered, optionally an offering (tilbud) from the offerings directory. Family circumstances:
/// read in the category "socialt og familie".
/// </summary>
public sealed class CourseChild : ICitizenRecord
{
    public const int MaxPerCourse = 20;

    private CourseChild()
    {
        RecordedByName = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid CourseId { get; private set; }

    public Guid CitizenId { get; private set; }

    /// <summary>What the citizen calls the child ("Emil", "den ældste"); optional.</summary>
    public string? Label { get; private set; }

    public ChildAgeBand AgeBand { get; private set; }

    public ChildAwareness Awareness { get; private set; }

    public ChildSupport Support { get; private set; }

    public Guid? OfferingId { get; private set; }

    public string? Note { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public string RecordedByName { get; private set; }

    public static CourseChild Create(Guid courseId, Guid citizenId, ChildDetails details, Actor by, DateTimeOffset now)
    {
        var child = new CourseChild { Id = Guid.CreateVersion7(now), CourseId = courseId, CitizenId = citizenId };
        child.Update(details, by, now);
        return child;
    }

    public void Update(ChildDetails details, Actor by, DateTimeOffset now)
    {
        Check(details.AgeBand, "Family.Child.AgeBand.Invalid", "ageBand");
        Check(details.Awareness, "Family.Child.Awareness.Invalid", "awareness");
        Check(details.Support, "Family.Child.Support.Invalid", "support");
        Label = Guard.OptionalText(details.Label, 100, "Family.Child.Label", "label");
        Note = Guard.OptionalText(details.Note, 1000, "Family.Child.Note", "note");
        AgeBand = details.AgeBand;
        Awareness = details.Awareness;
        Support = details.Support;
        OfferingId = details.OfferingId;
        RecordedAt = now;
        RecordedByName = by.DisplayName;
    }

    private static void Check<T>(T value, string code, string field)
        where T : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            throw new DomainException(code, field);
        }
    }
}

public sealed record ChildDetails(string? Label, ChildAgeBand AgeBand, ChildAwareness Awareness, ChildSupport Support, Guid? OfferingId, string? Note);
