using Samspil.Domain.Common;

namespace Samspil.Domain.Meetings;

/// <summary>
/// A course model as data (R21, R22, R26): which meetings to propose, when, relative to a trigger
/// date (usually treatment start). A step with <see cref="TemplateStep.RepeatEveryDays"/> repeats
/// until the horizon (the task force's "at least every third month").
/// </summary>
public sealed class MeetingTemplate
{
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

    public bool IsDefaultFor(string targetGroupCode) =>
        DefaultForTargetGroups?.Split(',', StringSplitOptions.TrimEntries).Contains(targetGroupCode, StringComparer.Ordinal) == true;

    public string DisplayName(bool english) => english ? NameEn : NameDa;

    public static MeetingTemplate Create(string key, string nameDa, string nameEn, IReadOnlyList<TemplateStep> steps, string? defaultForTargetGroups = null)
    {
        if (steps.Count == 0 || steps.Any(s => s.WindowDays < 0 || s.OffsetDays < 0 || s.RepeatEveryDays is < 14))
        {
            throw new DomainException("MeetingTemplate.Steps.Invalid", "steps");
        }

        return new MeetingTemplate
        {
            Key = Guard.RequiredText(key, 50, "MeetingTemplate.Key", "key"),
            NameDa = Guard.RequiredText(nameDa, 200, "MeetingTemplate.Name", "nameDa"),
            NameEn = Guard.RequiredText(nameEn, 200, "MeetingTemplate.Name", "nameEn"),
            Steps = steps.ToList(),
            DefaultForTargetGroups = Guard.OptionalText(defaultForTargetGroups, 500, "MeetingTemplate.TargetGroups", "defaultForTargetGroups"),
        };
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
}

/// <summary>One meeting of a template: kind, title, format and when, in days after the trigger, with a due window.</summary>
public sealed record TemplateStep(MeetingKind Kind, string TitleDa, string TitleEn, MeetingFormat Format, int OffsetDays, int WindowDays, int? RepeatEveryDays = null);
