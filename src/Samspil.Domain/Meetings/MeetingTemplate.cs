using System.Text.RegularExpressions;
using Samspil.Domain.Common;
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

            valid.Add(step with
            {
                TitleDa = Guard.RequiredText(step.TitleDa, 200, "MeetingTemplate.StepTitle", field + ".titleDa"),
                TitleEn = Guard.RequiredText(step.TitleEn, 200, "MeetingTemplate.StepTitle", field + ".titleEn"),
                ParticipantRoles = roles.Count == 0 ? null : roles.Distinct().Order().ToList(),
            });
        }

        return valid;
    }

    /// <summary>The meetings the template proposes from <paramref name="trigger"/> up to <paramref name="horizon"/>.</summary>
    public IEnumerable<(int Step, TemplateStep Spec, DateOnly DueFrom, DateOnly DueTo)> Proposals(DateOnly trigger, DateOnly horizon)
    {
        for (var i = 0; i < Steps.Count; i++)
        {
            var step = Steps[i];
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

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex KeyPattern();
}

/// <summary>
/// One meeting of a template: kind, title, format and when, in days after the trigger, with a due window.
/// <see cref="ParticipantRoles"/> narrows who is invited: the citizen and the network members with one of
/// these roles (e.g. the tovholder); empty or null invites the whole active network, as before.
/// </summary>
public sealed record TemplateStep(
    MeetingKind Kind,
    string TitleDa,
    string TitleEn,
    MeetingFormat Format,
    int OffsetDays,
    int WindowDays,
    int? RepeatEveryDays = null,
    IReadOnlyList<CollaborationRole>? ParticipantRoles = null);
