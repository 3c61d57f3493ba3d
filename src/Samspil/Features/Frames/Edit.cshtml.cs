using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Directory;
using Samspil.Domain.Frames;
using Samspil.Features.Shared;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Frames;

/// <summary>"Ret rammer": an administrator writes one organisation kind's laws, deadlines and methods (blank rows are left out).</summary>
[Authorize(Policy = SamspilPolicies.Administrator)]
public sealed class EditModel(FrameService frames, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int BlankRows = 2;

    [BindProperty]
    public FrameForm Form { get; set; } = new();

    public OrganizationKind Kind { get; private set; }

    public async Task<IActionResult> OnGetAsync(string kind, CancellationToken cancellationToken)
    {
        if (!FrameEndpoints.TryParseKind(kind, out var k))
        {
            return NotFound();
        }

        Kind = k;
        Form = FrameForm.From(await frames.FrameAsync(k, cancellationToken));
        Form.AddBlankRows(BlankRows);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string kind, CancellationToken cancellationToken)
    {
        if (!FrameEndpoints.TryParseKind(kind, out var k))
        {
            return NotFound();
        }

        Kind = k;
        PageErrors.LocalizeBindingErrors(ModelState, localizer);
        if (ModelState.IsValid && await PageErrors.TryAsync(ModelState, localizer, () => frames.SaveAsync(k, Form.ToRequest(), cancellationToken)))
        {
            TempData["StatusMessage"] = string.Format(System.Globalization.CultureInfo.CurrentCulture, localizer["Frame.Saved"], localizer.Enum(k));
            return Redirect("/Rammer#" + k);
        }

        Form.AddBlankRows(0);
        return Page();
    }
}

public sealed class FrameForm
{
    public List<LawRow> Laws { get; set; } = [];

    public List<DeadlineRow> Deadlines { get; set; } = [];

    public List<MethodRow> Methods { get; set; } = [];

    public static FrameForm From(FrameView? frame) => new()
    {
        Laws = frame?.Laws.Select(l => new LawRow { Name = l.Name, Reference = l.Reference, Url = l.Url }).ToList() ?? [],
        Deadlines = frame?.Deadlines.Select(d => new DeadlineRow { Name = d.Name, Description = d.Description, Type = d.Type, Amount = d.Amount, Unit = d.Unit, RunsFrom = d.RunsFrom, LegalReference = d.LegalReference, StartEvent = d.StartEvent, RemindDaysBefore = d.RemindDaysBefore, RemindKind = d.RemindKind }).ToList() ?? [],
        Methods = frame?.Methods.Select(m => new MethodRow { Name = m.Name, Description = m.Description }).ToList() ?? [],
    };

    public void AddBlankRows(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Laws.Add(new LawRow());
            Deadlines.Add(new DeadlineRow());
            Methods.Add(new MethodRow());
        }
    }

    /// <summary>Rows where nothing was typed are not part of the frame.</summary>
    public FrameRequest ToRequest() => new(
        Laws.Where(l => !Blank(l.Name, l.Reference, l.Url)).Select(l => new FrameLaw(l.Name, l.Reference, l.Url)).ToList<FrameLaw?>(),
        Deadlines.Where(d => !Blank(d.Name, d.Description, d.RunsFrom, d.LegalReference) || d.Amount is not null)
            .Select(d => new FrameDeadline(d.Name, d.Description, d.Type, d.Amount, d.Unit, d.RunsFrom, d.LegalReference, d.StartEvent is DeadlineStartEvent.Entered ? null : d.StartEvent, d.RemindDaysBefore, d.RemindKind)).ToList<FrameDeadline?>(),
        Methods.Where(m => !Blank(m.Name, m.Description)).Select(m => new FrameMethod(m.Name, m.Description)).ToList<FrameMethod?>());

    private static bool Blank(params string?[] values) => values.All(string.IsNullOrWhiteSpace);
}

public sealed class LawRow
{
    public string? Name { get; set; }

    public string? Reference { get; set; }

    public string? Url { get; set; }
}

public sealed class DeadlineRow
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    public DeadlineType Type { get; set; }

    public int? Amount { get; set; }

    public DeadlineUnit? Unit { get; set; } = DeadlineUnit.Weeks;

    public string? RunsFrom { get; set; }

    public string? LegalReference { get; set; }

    /// <summary>What the deadline runs from on a course (Entered: a date a professional types).</summary>
    public DeadlineStartEvent? StartEvent { get; set; }

    /// <summary>Days before the due date the members are reminded; empty: no reminder.</summary>
    public int? RemindDaysBefore { get; set; }

    /// <summary>Whose members are reminded; empty: the frame's own kind.</summary>
    public OrganizationKind? RemindKind { get; set; }
}

public sealed class MethodRow
{
    public string? Name { get; set; }

    public string? Description { get; set; }
}
