using Samspil.Domain.Courses;
using Samspil.Domain.Network;

namespace Samspil.Domain.Meetings;

/// <summary>
/// The course models of the seeds as data, shipped with Samspil and editable by administrators.
/// Tværindsats (R21, R22, seed 001): a preparatory conversation with the citizen and the tovholder before each
/// of the three network meetings; network meeting 1 about five weeks into treatment, meeting 2 (video) about
/// eight weeks after meeting 1 and meeting 3 before discharge ten weeks after meeting 2; the joint meeting after
/// assessment (income basis, short-term work attachment, seed 002 §5) proposed as soon as assessment starts; the
/// handover meeting after the end of treatment, moving with the expected end. Task force (R26): a meeting at
/// least every third month from treatment start. The step numbers 0–4 of Tværindsats are those of the first
/// version of the model, so that meetings proposed before keep their step (and their translated titles).
/// </summary>
public static class ShippedMeetingModels
{
    public static IReadOnlyList<MeetingTemplate> All() =>
    [
        MeetingTemplate.Create(
            "tvaerindsats",
            "Tværindsats (tre netværksmøder)",
            "Cross-sector model (three network meetings)",
            [
                Step(MeetingKind.Preparatory, "Forberedende samtale", "Preparatory conversation", MeetingFormat.InPerson, 0, 14, MeetingTrigger.PhaseEntered, CoursePhase.Treatment, roles: [CollaborationRole.Coordinator]),
                Step(MeetingKind.Network, "Netværksmøde 1", "Network meeting 1", MeetingFormat.InPerson, 35, 14, MeetingTrigger.PhaseEntered, CoursePhase.Treatment),
                Step(MeetingKind.Network, "Netværksmøde 2 (video)", "Network meeting 2 (video)", MeetingFormat.Video, 55, 21, MeetingTrigger.AfterStep, after: 1),
                Step(MeetingKind.Network, "Netværksmøde 3 før udskrivning", "Network meeting 3 before discharge", MeetingFormat.InPerson, 70, 21, MeetingTrigger.AfterStep, after: 2),
                Step(MeetingKind.Handover, "Overleveringsmøde ved behandlingens afslutning", "Handover meeting at the end of treatment", MeetingFormat.InPerson, 0, 21, MeetingTrigger.PhaseLeft, CoursePhase.Treatment),
                Step(MeetingKind.Preparatory, "Forberedende samtale før netværksmøde 2", "Preparatory conversation before network meeting 2", MeetingFormat.InPerson, 28, 21, MeetingTrigger.AfterStep, after: 1, roles: [CollaborationRole.Coordinator]),
                Step(MeetingKind.Preparatory, "Forberedende samtale før netværksmøde 3", "Preparatory conversation before network meeting 3", MeetingFormat.InPerson, 42, 21, MeetingTrigger.AfterStep, after: 2, roles: [CollaborationRole.Coordinator]),
                Step(MeetingKind.JointAssessment, "Fælles møde efter udredning", "Joint meeting after assessment", MeetingFormat.InPerson, 21, 28, MeetingTrigger.PhaseEntered, CoursePhase.Assessment),
            ],
            "ptsd-refugee,ptsd-veteran,ptsd-work"),
        MeetingTemplate.Create(
            "taskforce",
            "Task force (mindst hver tredje måned)",
            "Task force (at least every third month)",
            [Step(MeetingKind.TaskForce, "Task force-møde", "Task force meeting", MeetingFormat.InPerson, 0, 14, MeetingTrigger.PhaseEntered, CoursePhase.Treatment, repeat: 90)],
            "frequent-admissions,complex-rehabilitation"),
    ];

    private static TemplateStep Step(
        MeetingKind kind, string da, string en, MeetingFormat format, int offset, int window, MeetingTrigger trigger, CoursePhase? phase = null,
        int? after = null, int? repeat = null, IReadOnlyList<CollaborationRole>? roles = null) =>
        new(kind, da, en, format, offset, window, repeat, roles, trigger, phase, after);
}
