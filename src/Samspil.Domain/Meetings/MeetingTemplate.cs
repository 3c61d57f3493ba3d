using System.Text.RegularExpressions;
using Samspil.Domain.Common;
using Samspil.Domain.Courses;
using Samspil.Domain.Network;

namespace Samspil.Domain.Meetings;

/// <summary>
/// A course model as data (R21, R22, R26): which meetings to propose, when, relative to a trigger
/// date (usually treatment start). A step with <see cref="TemplateStep.RepeatEveryDays"/> repeats
/// until the horizon (the task force's "at least every third month"). Administrators edit it; a
/// change affects the proposals made afterwards, never meetings already proposed (they hold their own copy).
/// </summary>
public sealed partial class MeetingTemplate
{
    public const int MaxSteps = 30;

    public const int MaxOffsetDays = 3650;

    public const int MaxWindowDays = 365;

    public const int MinRepeatDays = 14;

    private MeetingTemplate()
    {
        Key = string.Empty;
        NameDa = string.Empty;
        NameEn = string.Empty;
        Steps = [];
    }

    public string Key { get; private set; }

    public string NameDa { get; private set; }

    public string NameEn { get; private set; }

    public IReadOnlyList<TemplateStep> Steps { get; private set; }

    public bool Active { get; private set; } = true;

    /// <summary>Target group codes whose courses get this template's proposals when treatment starts (comma-separated).</summary>
    public string? DefaultForTargetGroups { get; private set; }

    /// <summary>Goes up with every change; the API's ETag, so that two administrators do not overwrite each other.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<string> DefaultTargetGroupCodes =>
        DefaultForTargetGroups?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];

    public bool IsDefaultFor(string targetGroupCode) => DefaultTargetGroupCodes.Contains(targetGroupCode, StringComparer.Ordinal);

    public string DisplayName(bool english) => english ? NameEn : NameDa;

    public static MeetingTemplate Create(string? key, string? nameDa, string? nameEn, IReadOnlyList<TemplateStep>? steps, string? defaultForTargetGroups = null)
    {
        var trimmed = Guard.RequiredText(key, 50, "MeetingTemplate.Key", "key").ToLowerInvariant();
        if (!KeyPattern().IsMatch(trimmed))
        {
            throw new DomainException("MeetingTemplate.Key.Format", "key");
        }

        var template = new MeetingTemplate { Key = trimmed };
        template.Apply(nameDa, nameEn, steps, defaultForTargetGroups?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), active: true);
        return template;
    }

    /// <summary>Replaces name, steps, default target groups and whether the model is in use; the version goes up.</summary>
    public void Update(string? nameDa, string? nameEn, IReadOnlyList<TemplateStep>? steps, IReadOnlyList<string>? defaultForTargetGroups, bool active)
    {
        Apply(nameDa, nameEn, steps, defaultForTargetGroups, active);
        Version++;
    }

    /// <summary>Checks everything first and then changes the template, so that a refused change leaves it as it was.</summary>
    private void Apply(string? nameDa, string? nameEn, IReadOnlyList<TemplateStep>? steps, IReadOnlyList<string>? defaultForTargetGroups, bool active)
    {
        var da = Guard.RequiredText(nameDa, 200, "MeetingTemplate.Name", "nameDa");
        var en = Guard.RequiredText(nameEn, 200, "MeetingTemplate.Name", "nameEn");
        var valid = ValidSteps(steps);
        var codes = (defaultForTargetGroups ?? []).Select(c => c?.Trim() ?? string.Empty).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (codes.Any(c => c.Contains(',', StringComparison.Ordinal) || Guard.HasControlCharacters(c)))
        {
            throw new DomainException("MeetingTemplate.TargetGroups.Invalid", "defaultForTargetGroups");
        }

        var groups = Guard.OptionalText(codes.Count == 0 ? null : string.Join(',', codes), 500, "MeetingTemplate.TargetGroups", "defaultForTargetGroups");
        NameDa = da;
        NameEn = en;
        Steps = valid;
        DefaultForTargetGroups = groups;
        Active = active;
    }

    private static List<TemplateStep> ValidSteps(IReadOnlyList<TemplateStep>? steps)
    {
        if (steps is null || steps.Count == 0)
        {
            throw new DomainException("MeetingTemplate.Steps.Required", "steps");
        }

        if (steps.Count > MaxSteps)
        {
            throw new DomainException("MeetingTemplate.Steps.TooMany", "steps");
        }

        var valid = new List<TemplateStep>(steps.Count);
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i] ?? throw new DomainException("MeetingTemplate.Steps.Required", "steps");
            var field = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"steps[{i}]");
            if (!Enum.IsDefined(step.Kind))
            {
                throw new DomainException("MeetingTemplate.Step.Kind", field + ".kind");
            }

            if (!Enum.IsDefined(step.Format))
            {
                throw new DomainException("MeetingTemplate.Step.Format", field + ".format");
            }

            if (step.OffsetDays is < 0 or > MaxOffsetDays)
            {
                throw new DomainException("MeetingTemplate.Step.Offset", field + ".offsetDays");
            }

            if (step.WindowDays is < 0 or > MaxWindowDays)
            {
                throw new DomainException("MeetingTemplate.Step.Window", field + ".windowDays");
            }

            if (step.RepeatEveryDays is < MinRepeatDays or > MaxOffsetDays)
            {
                throw new DomainException("MeetingTemplate.Step.Repeat", field + ".repeatEveryDays");
            }

            var roles = step.ParticipantRoles ?? [];
            if (roles.Any(r => !Enum.IsDefined(r)))
            {
                throw new DomainException("MeetingTemplate.Step.Roles", field + ".participantRoles");
            }

            if (!Enum.IsDefined(step.Trigger))
            {
                throw new DomainException("MeetingTemplate.Step.Trigger", field + ".trigger");
            }

            var needsPhase = step.Trigger is MeetingTrigger.PhaseEntered or MeetingTrigger.PhaseLeft;
            if (needsPhase && (step.TriggerPhase is not { } phase || !Enum.IsDefined(phase)))
            {
                throw new DomainException("MeetingTemplate.Step.TriggerPhase", field + ".triggerPhase");
            }

            // "After another step" follows an earlier step only, so that the model has no cycles.
            if (step.Trigger == MeetingTrigger.AfterStep && (step.AfterStep is not { } after || after < 0 || after >= i))
            {
                throw new DomainException("MeetingTemplate.Step.AfterStep", field + ".afterStep");
            }

            valid.Add(step with
            {
                TitleDa = Guard.RequiredText(step.TitleDa, 200, "MeetingTemplate.StepTitle", field + ".titleDa"),
                TitleEn = Guard.RequiredText(step.TitleEn, 200, "MeetingTemplate.StepTitle", field + ".titleEn"),
                ParticipantRoles = roles.Count == 0 ? null : roles.Distinct().Order().ToList(),
                TriggerPhase = needsPhase ? step.TriggerPhase : null,
                AfterStep = step.Trigger == MeetingTrigger.AfterStep ? step.AfterStep : null,
            });
        }

        return valid;
    }

    /// <summary>Does any step follow the course (a trigger other than the date the model was applied)?</summary>
    public bool FollowsCourse => Steps.Any(s => s.Trigger != MeetingTrigger.ModelApplied);

    /// <summary>
    /// The meetings the template proposes from <paramref name="trigger"/> up to <paramref name="horizon"/>: the steps
    /// whose trigger is the date the model was applied (<see cref="MeetingTrigger.ModelApplied"/>).
    /// </summary>
    public IEnumerable<(int Step, TemplateStep Spec, DateOnly DueFrom, DateOnly DueTo)> Proposals(DateOnly trigger, DateOnly horizon)
    {
        for (var i = 0; i < Steps.Count; i++)
        {
            var step = Steps[i];
            if (step.Trigger != MeetingTrigger.ModelApplied)
            {
                continue;
            }

            var from = trigger.AddDays(step.OffsetDays);
            do
            {
                if (from > horizon)
                {
                    break;
                }

                yield return (i, step, from, from.AddDays(step.WindowDays));
                from = step.RepeatEveryDays is { } every ? from.AddDays(every) : horizon.AddDays(1);
            }
            while (step.RepeatEveryDays is not null);
        }
    }

    /// <summary>
    /// The meetings the steps that follow the course propose, for the course as it stands (R21, R22): each step's
    /// trigger resolved from the course's phase history, expected end of treatment, end date and the dates of the
    /// meetings already held or scheduled (<paramref name="stepDates"/>, by step); a step whose trigger has not
    /// happened (and cannot be estimated) proposes nothing yet. A trigger before the course starts counts from the
    /// start, so that nothing is proposed before the course begins. Each window lies after its trigger. Repeating
    /// steps repeat up to <paramref name="horizonDays"/> after their trigger.
    /// <para>
    /// <paramref name="notBefore"/> is when the course began following the model. A model taken into use on a course
    /// already under way (Tværindsats applied to a course in treatment) starts where the course is: a trigger that
    /// happened before that day counts from that day when the course was still where the trigger put it then (still in
    /// the phase it entered; still in the phase whose expected end stands in for leaving it), so the coming network
    /// meetings are proposed, each with its preparatory conversation. A trigger whose moment was already over by then (a
    /// phase entered and left again, a phase really left) keeps its own date, so its meeting is proposed only while its
    /// window is still open (the joint meeting after an assessment long past is not).
    /// </para>
    /// </summary>
    public IReadOnlyList<StepProposal> FollowCourse(CourseTimeline course, IReadOnlyDictionary<int, DateOnly> stepDates, int horizonDays, DateOnly? notBefore = null)
    {
        ArgumentNullException.ThrowIfNull(course);
        ArgumentNullException.ThrowIfNull(stepDates);
        var since = notBefore is { } taken && taken > course.StartDate ? taken : course.StartDate;
        var result = new List<StepProposal>();
        var firstDue = new Dictionary<int, DateOnly>();
        for (var i = 0; i < Steps.Count; i++)
        {
            var step = Steps[i];
            DateOnly? resolved = step.Trigger switch
            {
                MeetingTrigger.PhaseEntered => course.LastEntered(step.TriggerPhase!.Value),
                MeetingTrigger.PhaseLeft => course.LastLeft(step.TriggerPhase!.Value),
                MeetingTrigger.CourseEnd => course.EndDate,
                MeetingTrigger.AfterStep when stepDates.TryGetValue(step.AfterStep!.Value, out var held) => held,
                MeetingTrigger.AfterStep when firstDue.TryGetValue(step.AfterStep!.Value, out var due) => due,
                _ => null,
            };
            if (resolved is not { } raw)
            {
                continue;
            }

            var trigger = raw < since && StillWhereTriggerPut(step, course, since) ? since : raw < course.StartDate ? course.StartDate : raw;
            var horizon = trigger.AddDays(horizonDays);
            var from = trigger.AddDays(step.OffsetDays);
            firstDue[i] = from;
            for (var occurrence = 0; from <= horizon || occurrence == 0; occurrence++)
            {
                result.Add(new StepProposal(i, occurrence, step, trigger, from, from.AddDays(step.WindowDays)));
                if (step.RepeatEveryDays is not { } every)
                {
                    break;
                }

                from = from.AddDays(every);
            }
        }

        return result;
    }

    /// <summary>
    /// On <paramref name="since"/>, was the course still where the step's trigger put it? In the phase it entered, or, for
    /// "phase left", still in the phase (the expected end of treatment standing in for leaving it). Steps after an
    /// earlier step and at the course's end have nothing to catch up with.
    /// </summary>
    private static bool StillWhereTriggerPut(TemplateStep step, CourseTimeline course, DateOnly since) =>
        step.Trigger is MeetingTrigger.PhaseEntered or MeetingTrigger.PhaseLeft && course.PhaseOn(since) == step.TriggerPhase;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex KeyPattern();
}

/// <summary>
/// One meeting of a template: kind, title, format and when, with a due window from <see cref="OffsetDays"/>
/// (earliest) to <see cref="OffsetDays"/> + <see cref="WindowDays"/> (latest) days after its trigger.
/// <see cref="ParticipantRoles"/> narrows who is invited: the citizen and the network members with one of
/// these roles (e.g. the tovholder); empty or null invites the whole active network, as before.
/// <see cref="Trigger"/> says what the days count from: the date the model was applied (the default, as
/// models were before), a phase entered or left (<see cref="TriggerPhase"/>), the end of the course, or an
/// earlier step of the same model (<see cref="AfterStep"/>, its index).
/// </summary>
public sealed record TemplateStep(
    MeetingKind Kind,
    string TitleDa,
    string TitleEn,
    MeetingFormat Format,
    int OffsetDays,
    int WindowDays,
    int? RepeatEveryDays = null,
    IReadOnlyList<CollaborationRole>? ParticipantRoles = null,
    MeetingTrigger Trigger = MeetingTrigger.ModelApplied,
    CoursePhase? TriggerPhase = null,
    int? AfterStep = null);

/// <summary>What a step's days count from (issue 17: meeting models that follow the course).</summary>
public enum MeetingTrigger
{
    /// <summary>The date the model was applied to the course: treatment start for a target group's model, or the date chosen.</summary>
    ModelApplied = 0,

    /// <summary>The course entered <see cref="TemplateStep.TriggerPhase"/> (the latest time).</summary>
    PhaseEntered = 1,

    /// <summary>The course left <see cref="TemplateStep.TriggerPhase"/>; for treatment still going on, its expected end.</summary>
    PhaseLeft = 2,

    /// <summary>The course's end date.</summary>
    CourseEnd = 3,

    /// <summary>An earlier step of the model: when its meeting took place or is scheduled, otherwise its proposed date.</summary>
    AfterStep = 4,
}

/// <summary>One meeting a step proposes: the step, which repetition, the resolved trigger date and the due window.</summary>
public sealed record StepProposal(int Step, int Occurrence, TemplateStep Spec, DateOnly Trigger, DateOnly DueFrom, DateOnly DueTo);

/// <summary>One change of phase on a date (the local date of <see cref="PhaseTransition.At"/>).</summary>
public sealed record PhaseChange(DateOnly On, CoursePhase? From, CoursePhase To);

/// <summary>
/// What a course model needs to know of a course to follow it: its start, phase history (in order), the
/// expected end of treatment and the end date.
/// </summary>
public sealed record CourseTimeline(DateOnly StartDate, IReadOnlyList<PhaseChange> Phases, DateOnly? ExpectedTreatmentEnd, DateOnly? EndDate)
{
    public static CourseTimeline Of(Course course, Func<DateTimeOffset, DateOnly> localDate)
    {
        ArgumentNullException.ThrowIfNull(course);
        ArgumentNullException.ThrowIfNull(localDate);
        return new CourseTimeline(
            course.StartDate,
            course.PhaseTransitions.OrderBy(t => t.At).Select(t => new PhaseChange(localDate(t.At), t.FromPhase, t.ToPhase)).ToList(),
            course.ExpectedTreatmentEndDate,
            course.EndDate);
    }

    public CoursePhase? CurrentPhase => Phases.Count == 0 ? null : Phases[^1].To;

    /// <summary>The phase the course was in at the end of <paramref name="date"/> (null before its first phase).</summary>
    public CoursePhase? PhaseOn(DateOnly date)
    {
        CoursePhase? phase = null;
        foreach (var change in Phases)
        {
            if (change.On > date)
            {
                break;
            }

            phase = change.To;
        }

        return phase;
    }

    /// <summary>The latest date the course entered <paramref name="phase"/>, if it ever did.</summary>
    public DateOnly? LastEntered(CoursePhase phase) => LastIndexEntered(phase) is { } i ? Phases[i].On : null;

    /// <summary>
    /// The date the course left <paramref name="phase"/> after entering it the last time; while the course is
    /// still in treatment, the expected end of treatment stands in for it (and moves when it moves).
    /// </summary>
    public DateOnly? LastLeft(CoursePhase phase)
    {
        if (LastIndexEntered(phase) is not { } entered)
        {
            return null;
        }

        for (var i = entered + 1; i < Phases.Count; i++)
        {
            if (Phases[i].To != phase)
            {
                return Phases[i].On;
            }
        }

        return phase == CoursePhase.Treatment && ExpectedTreatmentEnd is { } expected && expected >= Phases[entered].On ? expected : null;
    }

    private int? LastIndexEntered(CoursePhase phase)
    {
        for (var i = Phases.Count - 1; i >= 0; i--)
        {
            if (Phases[i].To == phase)
            {
                return i;
            }
        }

        return null;
    }
}
