using Samspil.Domain.Common;
using Samspil.Domain.Directory;

namespace Samspil.Domain.Meetings;

/// <summary>What the citizen (or their proxy) has said in advance about coming to a meeting (R38).</summary>
public enum CitizenIntent
{
    /// <summary>Nothing said yet.</summary>
    NotSaid = 0,

    /// <summary>Kommer.</summary>
    Comes = 1,

    /// <summary>Kommer ikke.</summary>
    WillNotCome = 2,

    /// <summary>Deltager på video.</summary>
    ComesByVideo = 3,

    /// <summary>A named network member comes for the citizen (e.g. "min datter kommer for mig").</summary>
    MemberComesInstead = 4,
}

/// <summary>
/// The citizen's advance word on a meeting: whether they come, by video, or who comes for them (R38). One per meeting;
/// saying it again replaces it. Kept apart from <see cref="MeetingParticipant.Attendance"/>, which staff record at the meeting.
/// </summary>
public sealed class MeetingCitizenNotice : ICitizenRecord
{
    private MeetingCitizenNotice()
    {
        SaidByName = string.Empty;
    }

    public Guid MeetingId { get; private set; }

    public Guid CitizenId { get; private set; }

    public CitizenIntent Intent { get; private set; }

    /// <summary>The network member who comes for the citizen (only with <see cref="CitizenIntent.MemberComesInstead"/>).</summary>
    public Guid? StandInMemberId { get; private set; }

    public DateTimeOffset SaidAt { get; private set; }

    /// <summary>Who said it: the citizen, their proxy, or the professional who wrote it down for them.</summary>
    public string SaidByName { get; private set; }

    public static MeetingCitizenNotice For(Guid meetingId, Guid citizenId) => new() { MeetingId = meetingId, CitizenId = citizenId };

    /// <summary>
    /// Records the word. A stand-in must be an active member of the course's network and is required exactly when
    /// a member comes instead; the meeting must still be open.
    /// </summary>
    public void Say(Meeting meeting, CitizenIntent intent, Guid? standInMemberId, IReadOnlySet<Guid> activeMembers, Actor by, DateTimeOffset now)
    {
        if (!meeting.IsOpen)
        {
            throw new DomainException(meeting.Status == MeetingStatus.Cancelled ? "Meeting.Cancelled" : "Meeting.AlreadyHeld");
        }

        if (!Enum.IsDefined(intent) || intent == CitizenIntent.NotSaid)
        {
            throw new DomainException("MeetingPeople.Intent.Invalid", "intent");
        }

        if (intent == CitizenIntent.MemberComesInstead)
        {
            if (standInMemberId is not { } member || !activeMembers.Contains(member))
            {
                throw new DomainException("MeetingPeople.StandIn.Invalid", "standInMemberId");
            }
        }
        else if (standInMemberId is not null)
        {
            throw new DomainException("MeetingPeople.StandIn.OnlyWhenSomeoneComes", "standInMemberId");
        }

        Intent = intent;
        StandInMemberId = standInMemberId;
        SaidAt = now;
        SaidByName = by.DisplayName;
    }
}

/// <summary>
/// An interpreter booked for a meeting because the citizen needs one (R24): a professional who interprets the
/// citizen's language. The booking makes them a participant — invited with the others, and busy at the meeting's
/// time when other meetings are scheduled.
/// </summary>
public sealed class MeetingInterpreterBooking : ICitizenRecord
{
    private MeetingInterpreterBooking()
    {
        Language = string.Empty;
    }

    public Guid MeetingId { get; private set; }

    public Guid CitizenId { get; private set; }

    public Guid ProfessionalId { get; private set; }

    /// <summary>The language code interpreted (e.g. "ar").</summary>
    public string Language { get; private set; }

    public DateTimeOffset BookedAt { get; private set; }

    public static MeetingInterpreterBooking Book(Meeting meeting, Guid professionalId, string language, DateTimeOffset now) =>
        new()
        {
            MeetingId = meeting.Id,
            CitizenId = meeting.CitizenId,
            ProfessionalId = professionalId,
            Language = Guard.RequiredText(language, 20, "MeetingPeople.Interpreter.Language", "language"),
            BookedAt = now,
        };

    /// <summary>Another interpreter (or language) for the same meeting, when it moved or the one booked is no longer free.</summary>
    public void Rebook(Guid professionalId, string language, DateTimeOffset now)
    {
        ProfessionalId = professionalId;
        Language = Guard.RequiredText(language, 20, "MeetingPeople.Interpreter.Language", "language");
        BookedAt = now;
    }
}

/// <summary>
/// The sectors a meeting's agenda needs decisions from (R18), chosen by the staff who plan it. The meeting page warns
/// when no participant can decide for one of them (see <see cref="DeciderCheck"/>).
/// </summary>
public sealed class MeetingDecisionScope : ICitizenRecord
{
    private MeetingDecisionScope()
    {
    }

    public Guid MeetingId { get; private set; }

    public Guid CitizenId { get; private set; }

    /// <summary>The sectors, comma-separated enum names (e.g. "Region,Municipality").</summary>
    public string? Sectors { get; private set; }

    public IReadOnlyList<Sector> SectorList =>
        (Sectors ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => Enum.Parse<Sector>(s)).ToList();

    public static MeetingDecisionScope For(Meeting meeting) => new() { MeetingId = meeting.Id, CitizenId = meeting.CitizenId };

    public void Set(IEnumerable<Sector> sectors)
    {
        var list = sectors.Distinct().OrderBy(s => s).ToList();
        if (list.Any(s => !Enum.IsDefined(s)))
        {
            throw new DomainException("MeetingPeople.Sector.Invalid", "sectors");
        }

        Sectors = list.Count == 0 ? null : string.Join(',', list);
    }
}

/// <summary>One participant as the decider check sees them.</summary>
/// <param name="Sector">The sector of the participant's organisation; null for the citizen and people outside organisations.</param>
/// <param name="HasDecisionCompetence">Marked on the meeting as able to decide for their organisation (R18).</param>
/// <param name="KnownAbsent">Recorded as absent, or (for the citizen's stand-in logic) known not to come.</param>
public sealed record DeciderCandidate(Sector? Sector, bool HasDecisionCompetence, bool KnownAbsent);

/// <summary>
/// "Can decide" (R18): a participant can decide for a sector when they come from an organisation in that sector and are
/// marked on the meeting as having decision competence (<see cref="MeetingParticipant.HasDecisionCompetence"/>, set by
/// the planner from the role's mandate) — and are not recorded as absent.
/// </summary>
public static class DeciderCheck
{
    /// <summary>The sectors on the agenda that no participant can decide for, in enum order.</summary>
    public static IReadOnlyList<Sector> SectorsWithoutDecider(IEnumerable<Sector> agendaSectors, IEnumerable<DeciderCandidate> participants)
    {
        var deciders = participants.Where(p => p.HasDecisionCompetence && !p.KnownAbsent && p.Sector is not null).Select(p => p.Sector!.Value).ToHashSet();
        return agendaSectors.Distinct().Where(s => !deciders.Contains(s)).OrderBy(s => s).ToList();
    }
}
