using System.Globalization;
using Samspil.Domain.Common;
using Samspil.Domain.MasterData;
using Samspil.Domain.Network;

namespace Samspil.Domain.Courses;

/// <summary>
/// A citizen's course (forløb; FHIR EpisodeOfCare): target group, phase with its history,
/// responsible organisations in region and municipality, and the network around the citizen.
/// </summary>
public sealed class Course : ICitizenRecord
{
    private readonly List<PhaseTransition> _phaseTransitions = [];
    private readonly List<NetworkMember> _members = [];

    private Course()
    {
        TargetGroupCode = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid CitizenId { get; private set; }

    public string TargetGroupCode { get; private set; }

    public CoursePhase Phase { get; private set; }

    public DateOnly StartDate { get; private set; }

    public DateOnly? EndDate { get; private set; }

    public Guid? RegionOrganizationId { get; private set; }

    public Guid? MunicipalityOrganizationId { get; private set; }

    public Guid? RecordedByOrganizationId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public bool IsDemo { get; private set; }

    /// <summary>When treatment is expected to end (the network's estimate, corrected as the course goes).</summary>
    public DateOnly? ExpectedTreatmentEndDate { get; private set; }

    /// <summary>Counts corrections of the course's master data; their ETag (ADR 0014).</summary>
    public int Version { get; private set; }

    /// <summary>When treatment first started in the region (phase change to treatment, or a start notification); R12.</summary>
    public DateTimeOffset? TreatmentStartedAt { get; private set; }

    /// <summary>When the municipality (its entry point for the target group or the citizen's caseworker) was first told that treatment started.</summary>
    public DateTimeOffset? MunicipalityToldAt { get; private set; }

    public IReadOnlyList<PhaseTransition> PhaseTransitions => _phaseTransitions;

    public IReadOnlyList<NetworkMember> Members => _members;

    public bool IsEnded(DateOnly today) => EndDate is { } end && end <= today;

    /// <summary>The memberships active on <paramref name="today"/>: who may own an action or be invited to a meeting.</summary>
    public IReadOnlySet<Guid> ActiveMemberIds(DateOnly today) => _members.Where(m => m.IsActiveOn(today)).Select(m => m.Id).ToHashSet();

    public static Course Start(NewCourse spec, Actor by, Moment now)
    {
        if (string.IsNullOrWhiteSpace(spec.TargetGroupCode))
        {
            throw new DomainException("Course.TargetGroup.Required", "targetGroupCode");
        }

        if (!Enum.IsDefined(spec.InitialPhase))
        {
            throw new DomainException("Course.Phase.Invalid", "phase");
        }

        if (spec.RegionOrganizationId is null && spec.MunicipalityOrganizationId is null)
        {
            throw new DomainException("Course.ResponsibleOrganization.Required", "regionOrganizationId");
        }

        if (spec.EndDate is { } end && end < spec.StartDate)
        {
            throw new DomainException("Course.EndDate.BeforeStart", "endDate");
        }

        var course = new Course
        {
            Id = Guid.CreateVersion7(now.Utc),
            CitizenId = spec.CitizenId,
            TargetGroupCode = spec.TargetGroupCode.Trim(),
            Phase = spec.InitialPhase,
            StartDate = spec.StartDate,
            EndDate = spec.EndDate,
            RegionOrganizationId = spec.RegionOrganizationId,
            MunicipalityOrganizationId = spec.MunicipalityOrganizationId,
            RecordedByOrganizationId = spec.RecordedByOrganizationId,
            CreatedAt = now.Utc,
            IsDemo = spec.IsDemo,
        };
        course._phaseTransitions.Add(PhaseTransition.Create(course.Id, null, spec.InitialPhase, by, now.Utc, null));
        if (spec.InitialPhase == CoursePhase.Treatment)
        {
            course.RecordTreatmentStart(now.Utc);
        }

        return course;
    }

    /// <summary>Moves the course to another phase. Phases may go back (e.g. renewed assessment); each move is recorded.</summary>
    public PhaseTransition ChangePhase(CoursePhase to, Actor by, Moment now, string? note)
    {
        EnsureOpen(now.Today);
        if (!Enum.IsDefined(to))
        {
            throw new DomainException("Course.Phase.Invalid", "phase");
        }

        if (to == Phase)
        {
            throw new DomainException("Course.Phase.Unchanged", "phase");
        }

        var trimmedNote = Guard.OptionalText(note, 1000, "Course.Phase.Note", "note");
        var transition = PhaseTransition.Create(Id, Phase, to, by, now.Utc, trimmedNote);
        _phaseTransitions.Add(transition);
        Phase = to;
        if (to == CoursePhase.Treatment)
        {
            RecordTreatmentStart(now.Utc);
        }

        return transition;
    }

    /// <summary>
    /// Corrects the course's master data (ADR 0014): target group, responsible region unit and
    /// municipality, expected end of treatment. Everything is checked before anything changes; the
    /// changed fields are returned and the version moves only when something changed. A move of
    /// municipality takes effect today and is dated in the history.
    /// </summary>
    public IReadOnlyList<FieldChange> CorrectMasterData(CourseMasterData data, Moment now)
    {
        EnsureOpen(now.Today);
        var targetGroup = data.TargetGroupCode?.Trim();
        if (string.IsNullOrEmpty(targetGroup))
        {
            throw new DomainException("Course.TargetGroup.Required", "targetGroupCode");
        }

        if (data.RegionOrganizationId is null && data.MunicipalityOrganizationId is null)
        {
            throw new DomainException("Course.ResponsibleOrganization.Required", "regionOrganizationId");
        }

        if (data.ExpectedTreatmentEndDate is { } expected && expected < StartDate)
        {
            throw new DomainException("Course.ExpectedTreatmentEnd.BeforeStart", "expectedTreatmentEndDate");
        }

        var before = Snapshot();
        TargetGroupCode = targetGroup;
        RegionOrganizationId = data.RegionOrganizationId;
        MunicipalityOrganizationId = data.MunicipalityOrganizationId;
        ExpectedTreatmentEndDate = data.ExpectedTreatmentEndDate;
        var changes = MasterDataChange.Between(before, Snapshot());
        if (changes.Count > 0)
        {
            Version++;
        }

        return changes;
    }

    /// <summary>The correctable fields as text, in a fixed order, for the change history.</summary>
    public IReadOnlyList<(string Field, string? Value)> Snapshot() =>
    [
        ("targetGroupCode", TargetGroupCode),
        ("regionOrganizationId", RegionOrganizationId?.ToString()),
        ("municipalityOrganizationId", MunicipalityOrganizationId?.ToString()),
        ("expectedTreatmentEndDate", ExpectedTreatmentEndDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
    ];

    /// <summary>The first start counts: a renewed treatment phase does not move it.</summary>
    public void RecordTreatmentStart(DateTimeOffset at)
    {
        if (TreatmentStartedAt is null || at < TreatmentStartedAt)
        {
            TreatmentStartedAt = at;
        }
    }

    /// <summary>The first time the municipality was told counts.</summary>
    public void RecordMunicipalityTold(DateTimeOffset at) => MunicipalityToldAt ??= at;

    /// <summary>Ends the course on a date; active network memberships end the same day.</summary>
    public void End(DateOnly endDate, Moment now)
    {
        EnsureOpen(now.Today);
        if (endDate < StartDate)
        {
            throw new DomainException("Course.EndDate.BeforeStart", "endDate");
        }

        EndDate = endDate;
        foreach (var member in _members.Where(m => m.ActiveTo is null || m.ActiveTo > endDate))
        {
            member.EndOn(endDate < member.ActiveFrom ? member.ActiveFrom : endDate, "Course.Ended");
        }
    }

    public NetworkMember AddMember(NewNetworkMember spec, Actor recordedBy, Moment now)
    {
        EnsureOpen(now.Today);
        if (spec.ActiveFrom < StartDate)
        {
            throw new DomainException("Network.ActiveFrom.BeforeCourseStart", "activeFrom");
        }

        var member = NetworkMember.Create(Id, spec, recordedBy, now);
        EnsureNoConflict(member, now.Today);
        _members.Add(member);
        return member;
    }

    public void EndMembership(Guid memberId, DateOnly endDate, string? reason, Moment now)
    {
        EnsureOpen(now.Today);
        var member = _members.SingleOrDefault(m => m.Id == memberId) ?? throw new DomainException("Network.Member.NotFound");
        member.End(endDate, reason);
    }

    /// <summary>A member who left joins again: a new membership period, the old one stays in the history.</summary>
    public NetworkMember Rejoin(Guid memberId, DateOnly activeFrom, CitizenAgreement agreement, CollaborationRole? role, Actor recordedBy, Moment now)
    {
        EnsureOpen(now.Today);
        var previous = _members.SingleOrDefault(m => m.Id == memberId) ?? throw new DomainException("Network.Member.NotFound");
        if (previous.ActiveTo is null || previous.ActiveTo > activeFrom)
        {
            throw new DomainException("Network.Rejoin.StillActive", "activeFrom");
        }

        var spec = previous.ToSpec(activeFrom, agreement, role ?? previous.Role);
        var member = NetworkMember.Create(Id, spec, recordedBy, now, previous.Id);
        EnsureNoConflict(member, now.Today);
        _members.Add(member);
        return member;
    }

    private void EnsureNoConflict(NetworkMember candidate, DateOnly today)
    {
        var active = _members.Where(m => m.IsActiveOn(today) || m.ActiveFrom > today).ToList();
        if (candidate.PractitionerRoleId is { } roleId && active.Any(m => m.PractitionerRoleId == roleId))
        {
            throw new DomainException("Network.Member.AlreadyActive", "practitionerRoleId");
        }

        if (candidate.Role == CollaborationRole.Coordinator && active.Any(m => m.Role == CollaborationRole.Coordinator))
        {
            throw new DomainException("Network.Coordinator.AlreadyExists", "role");
        }
    }

    private void EnsureOpen(DateOnly today)
    {
        if (IsEnded(today))
        {
            throw new DomainException("Course.Ended");
        }
    }
}

public sealed record NewCourse(
    Guid CitizenId,
    string? TargetGroupCode,
    CoursePhase InitialPhase,
    DateOnly StartDate,
    DateOnly? EndDate,
    Guid? RegionOrganizationId,
    Guid? MunicipalityOrganizationId,
    Guid? RecordedByOrganizationId,
    bool IsDemo = false);

/// <summary>The correctable master data of a course (ADR 0014).</summary>
public sealed record CourseMasterData(
    string? TargetGroupCode,
    Guid? RegionOrganizationId,
    Guid? MunicipalityOrganizationId,
    DateOnly? ExpectedTreatmentEndDate);
