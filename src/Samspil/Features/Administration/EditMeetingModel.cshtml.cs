using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Meetings;
using Samspil.Domain.Network;
using Samspil.Features.Directory;
using Samspil.Features.Shared;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Administration;

/// <summary>
/// "Ny mødemodel" / "Ret mødemodel": name, default target groups and the steps, which the administrator adds,
/// removes and reorders on the page (no script: each is a form post that redraws the form) before saving all at once.
/// The model's version travels in the form, so that a save over someone else's change is refused.
/// </summary>
[Authorize(Policy = SamspilPolicies.Administrator)]
public sealed class EditMeetingModelModel(ReferenceDataService referenceData, DirectoryService directory, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public MeetingModelForm Form { get; set; } = new();

    public string? Key { get; private set; }

    public IReadOnlyList<TargetGroupView> TargetGroups { get; private set; } = [];

    public bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public async Task<IActionResult> OnGetAsync(string? key, CancellationToken cancellationToken)
    {
        if (key is not null)
        {
            if (await referenceData.MeetingTemplateAsync(key, cancellationToken) is not { } template)
            {
                return NotFound();
            }

            Form = MeetingModelForm.Of(template);
        }
        else
        {
            Form.Steps.Add(new StepForm());
        }

        return await PageAsync(key, cancellationToken);
    }

    /// <summary>Saves; or, with <paramref name="command"/> "add", "remove:i", "up:i" or "down:i", changes the steps on the form only.</summary>
    public async Task<IActionResult> OnPostAsync(string? key, string? command, CancellationToken cancellationToken)
    {
        if (key is not null && await referenceData.MeetingTemplateAsync(key, cancellationToken) is null)
        {
            return NotFound();
        }

        PageErrors.LocalizeBindingErrors(ModelState, localizer);
        if (!string.IsNullOrEmpty(command))
        {
            ModelState.Clear();
            Form.Restructure(command);
            return await PageAsync(key, cancellationToken);
        }

        if (ModelState.IsValid)
        {
            MeetingTemplateView? saved = null;
            try
            {
                if (await PageErrors.TryAsync(ModelState, localizer, async () => saved = key is null
                        ? await referenceData.CreateMeetingTemplateAsync(Form.ToRequest(), cancellationToken)
                        : await referenceData.UpdateMeetingTemplateAsync(key, Form.Version, Form.ToRequest(), cancellationToken)) && saved is not null)
                {
                    TempData["StatusMessage"] = string.Format(CultureInfo.CurrentCulture, localizer["Admin.MeetingModels.Saved"], English ? saved.NameEn : saved.NameDa);
                    return Redirect("/Admin/MeetingModels");
                }
            }
            catch (ReferenceDataConflictException conflict)
            {
                ModelState.AddModelError(string.Empty, localizer["MeetingTemplate.Conflict.Page"]);
                Form.Version = conflict.CurrentVersion;
            }
        }

        return await PageAsync(key, cancellationToken);
    }

    private async Task<IActionResult> PageAsync(string? key, CancellationToken cancellationToken)
    {
        Key = key;
        TargetGroups = await directory.TargetGroupsAsync(true, cancellationToken);
        return Page();
    }
}

public sealed class MeetingModelForm
{
    public string? Key { get; set; }

    public string? NameDa { get; set; }

    public string? NameEn { get; set; }

    public bool Active { get; set; } = true;

    public int Version { get; set; }

    public List<string> DefaultForTargetGroups { get; set; } = [];

    public List<StepForm> Steps { get; set; } = [];

    public static MeetingModelForm Of(MeetingTemplateView t) => new()
    {
        Key = t.Key,
        NameDa = t.NameDa,
        NameEn = t.NameEn,
        Active = t.Active,
        Version = t.Version,
        DefaultForTargetGroups = t.DefaultForTargetGroups.ToList(),
        Steps = t.Steps.Select(s => new StepForm
        {
            Kind = s.Kind,
            TitleDa = s.TitleDa,
            TitleEn = s.TitleEn,
            Format = s.Format,
            OffsetDays = s.OffsetDays,
            WindowDays = s.WindowDays,
            RepeatEveryDays = s.RepeatEveryDays,
            ParticipantRoles = s.ParticipantRoles?.ToList() ?? [],
            Trigger = s.Trigger,
            TriggerPhase = s.TriggerPhase,
            AfterStep = s.AfterStep,
        }).ToList(),
    };

    public MeetingTemplateRequest ToRequest() => new(
        Key,
        NameDa,
        NameEn,
        Steps.Select(s => (TemplateStepRequest?)new TemplateStepRequest(s.Kind, s.TitleDa, s.TitleEn, s.Format, s.OffsetDays, s.WindowDays, s.RepeatEveryDays, s.ParticipantRoles, s.Trigger, s.TriggerPhase, s.AfterStep)).ToList(),
        DefaultForTargetGroups,
        Active);

    /// <summary>Adds a step at the end, or removes or moves step i. Unknown commands and indexes change nothing.</summary>
    public void Restructure(string command)
    {
        var parts = command.Split(':', 2);
        if (parts[0] == "add")
        {
            if (Steps.Count < MeetingTemplate.MaxSteps)
            {
                Steps.Add(new StepForm { Format = MeetingFormat.InPerson, WindowDays = 14, OffsetDays = Steps.LastOrDefault()?.OffsetDays });
            }

            return;
        }

        if (parts.Length != 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var i) || i >= Steps.Count)
        {
            return;
        }

        switch (parts[0])
        {
            case "remove":
                Steps.RemoveAt(i);
                Renumber(j => j == i ? null : j > i ? j - 1 : j);
                break;
            case "up" when i > 0:
                (Steps[i - 1], Steps[i]) = (Steps[i], Steps[i - 1]);
                Renumber(j => j == i ? i - 1 : j == i - 1 ? i : j);
                break;
            case "down" when i < Steps.Count - 1:
                (Steps[i + 1], Steps[i]) = (Steps[i], Steps[i + 1]);
                Renumber(j => j == i ? i + 1 : j == i + 1 ? i : j);
                break;
        }
    }

    /// <summary>"After step n" follows its step when steps move; a reference to a removed step is cleared.</summary>
    private void Renumber(Func<int, int?> map)
    {
        foreach (var step in Steps)
        {
            step.AfterStep = step.AfterStep is { } j ? map(j) : null;
        }
    }
}

public sealed class StepForm
{
    public MeetingKind? Kind { get; set; }

    public string? TitleDa { get; set; }

    public string? TitleEn { get; set; }

    public MeetingFormat? Format { get; set; }

    public int? OffsetDays { get; set; }

    public int? WindowDays { get; set; }

    public int? RepeatEveryDays { get; set; }

    public List<CollaborationRole> ParticipantRoles { get; set; } = [];

    public MeetingTrigger? Trigger { get; set; }

    public Domain.Courses.CoursePhase? TriggerPhase { get; set; }

    /// <summary>The index of the earlier step this one follows (the page shows it as a step number).</summary>
    public int? AfterStep { get; set; }
}
