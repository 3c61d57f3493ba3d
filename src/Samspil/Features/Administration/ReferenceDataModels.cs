using Samspil.Domain.Consents;
using Samspil.Domain.Courses;
using Samspil.Domain.Directory;
using Samspil.Domain.Meetings;
using Samspil.Domain.Network;

namespace Samspil.Features.Administration;

/// <summary>A legal basis to create (code required) or change (code from the route). Categories and purposes are flag sets, as GET returns them.</summary>
public sealed record LegalBasisRequest(
    string? Code,
    string? Title,
    string? LawReference,
    InformationCategory? Categories,
    AccessPurpose? Purposes,
    IReadOnlyList<OrganizationKind>? RecipientKinds,
    bool? Active);

/// <summary>A meeting model (course model) to create or replace whole: name, steps in order, default target groups.</summary>
public sealed record MeetingTemplateRequest(
    string? Key,
    string? NameDa,
    string? NameEn,
    IReadOnlyList<TemplateStepRequest?>? Steps,
    IReadOnlyList<string>? DefaultForTargetGroups,
    bool? Active);

/// <summary>
/// One step: kind, titles, format, days from the trigger (earliest) and due window (latest = offset + window), repeat
/// interval, and who takes part by network role (empty: the whole network). The trigger (issue 17): the date the model
/// is applied (default), a phase entered or left (<see cref="TriggerPhase"/>), the course's end, or an earlier step
/// (<see cref="AfterStep"/>, its index).
/// </summary>
public sealed record TemplateStepRequest(
    MeetingKind? Kind,
    string? TitleDa,
    string? TitleEn,
    MeetingFormat? Format,
    int? OffsetDays,
    int? WindowDays,
    int? RepeatEveryDays,
    IReadOnlyList<CollaborationRole>? ParticipantRoles,
    MeetingTrigger? Trigger = null,
    CoursePhase? TriggerPhase = null,
    int? AfterStep = null);

public sealed record MeetingTemplateView(
    string Key,
    string NameDa,
    string NameEn,
    bool Active,
    IReadOnlyList<string> DefaultForTargetGroups,
    IReadOnlyList<TemplateStep> Steps,
    int Version);

/// <summary>The meeting model changed since the caller read it (412, or a message on the page).</summary>
public sealed class ReferenceDataConflictException(int currentVersion) : Exception("The meeting model changed since it was read.")
{
    public int CurrentVersion { get; } = currentVersion;
}
