using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Samspil.Domain.CrisisPlans;
using Samspil.Features.Shared;
using Samspil.Infrastructure.Localization;

namespace Samspil.Features.CrisisPlans;

/// <summary>
/// Writing "Min plan for svære tider": one form for the whole plan (lists one item per line; a few contact rows per list,
/// each a network member, an after-hours or crisis offering, or a name and number written down). The form carries the
/// version it was made from; a refused save shows the page again with what was typed.
/// </summary>
public sealed class EditCrisisPlanModel(CrisisPlanService plans, IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>Blank rows offered after the filled ones.</summary>
    private const int BlankRows = 2;

    public CrisisPlanView? Plan { get; private set; }

    public CrisisPlanOptions Options { get; private set; } = new([], []);

    public string EarlySigns { get; private set; } = string.Empty;

    public string WhatHelps { get; private set; } = string.Empty;

    public string WhatIDo { get; private set; } = string.Empty;

    public string DoNotWant { get; private set; } = string.Empty;

    public IReadOnlyList<ContactRow> DayContacts { get; private set; } = [];

    public IReadOnlyList<ContactRow> NightContacts { get; private set; } = [];

    public IReadOnlyList<PersonRow> PeopleToTell { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid courseId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(courseId, cancellationToken))
        {
            return NotFound();
        }

        var p = Plan!;
        EarlySigns = string.Join('\n', p.EarlySigns);
        WhatHelps = string.Join('\n', p.WhatHelps);
        WhatIDo = string.Join('\n', p.WhatIDo);
        DoNotWant = string.Join('\n', p.DoNotWant);
        DayContacts = WithBlanks(p.DayContacts.Select(RowOf), () => new ContactRow(string.Empty, null, null, null));
        NightContacts = WithBlanks(p.NightContacts.Select(RowOf), () => new ContactRow(string.Empty, null, null, null));
        PeopleToTell = WithBlanks(p.PeopleToTell.Select(t => new PersonRow(t.Name, t.Phone, t.How)), () => new PersonRow(null, null, null));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid courseId, int version, CancellationToken cancellationToken)
    {
        var form = Request.Form;
        EarlySigns = form["earlySigns"].ToString();
        WhatHelps = form["whatHelps"].ToString();
        WhatIDo = form["whatIDo"].ToString();
        DoNotWant = form["doNotWant"].ToString();
        DayContacts = ContactRows("dayContacts");
        NightContacts = ContactRows("nightContacts");
        PeopleToTell = PersonRows();
        var draft = new CrisisPlanDraft(
            Lines(EarlySigns), Lines(WhatHelps), Lines(WhatIDo),
            DayContacts.Select(DraftOf).ToList(), NightContacts.Select(DraftOf).ToList(),
            Lines(DoNotWant),
            PeopleToTell.Select(r => (PersonToTellDraft?)new PersonToTellDraft(r.Name, r.Phone, r.How)).ToList());

        try
        {
            CrisisPlanView? saved = null;
            if (await PageErrors.TryAsync(ModelState, localizer, async () => saved = await plans.SaveAsync(courseId, version, draft, cancellationToken)))
            {
                if (saved is null)
                {
                    return NotFound();
                }

                StatusMessage = localizer["CrisisPlan.Saved"];
                return Redirect($"/Courses/{courseId}/crisis-plan");
            }

            // A contact's member or offering is chosen in the row's one select.
            foreach (var key in ModelState.Keys.Where(k => k.EndsWith(".memberId", StringComparison.Ordinal) || k.EndsWith(".offeringId", StringComparison.Ordinal) || k.EndsWith(".kind", StringComparison.Ordinal)).ToList())
            {
                var choice = key[..key.LastIndexOf('.')] + ".choice";
                foreach (var error in ModelState[key]!.Errors.ToList())
                {
                    ModelState.AddModelError(choice, error.ErrorMessage);
                }

                ModelState.Remove(key);
            }
        }
        catch (CrisisPlanVersionConflictException)
        {
            ModelState.AddModelError(string.Empty, localizer["CrisisPlan.Conflict.Page"]);
        }

        return await LoadAsync(courseId, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid courseId, CancellationToken cancellationToken)
    {
        if (await plans.GetForEditAsync(courseId, cancellationToken) is not { } found)
        {
            return false;
        }

        (Plan, Options) = found;
        return true;
    }

    private static ContactRow RowOf(CrisisContactView c) => c.Kind switch
    {
        CrisisContactKind.NetworkMember => new ContactRow("member:" + c.MemberId, null, null, c.Note),
        CrisisContactKind.Offering => new ContactRow("offering:" + c.OfferingId, null, null, c.Note),
        _ => new ContactRow(string.Empty, c.Name, c.Phone, c.Note),
    };

    private static CrisisContactDraft? DraftOf(ContactRow row)
    {
        if (row.Choice.StartsWith("member:", StringComparison.Ordinal))
        {
            return new CrisisContactDraft(CrisisContactKind.NetworkMember, Guid.TryParse(row.Choice["member:".Length..], out var m) ? m : null, null, null, null, row.Note);
        }

        if (row.Choice.StartsWith("offering:", StringComparison.Ordinal))
        {
            return new CrisisContactDraft(CrisisContactKind.Offering, null, Guid.TryParse(row.Choice["offering:".Length..], out var o) ? o : null, null, null, row.Note);
        }

        return new CrisisContactDraft(CrisisContactKind.Person, null, null, row.Name, row.Phone, row.Note);
    }

    private List<ContactRow> ContactRows(string list)
    {
        var rows = new List<ContactRow>();
        for (var i = 0; i < CrisisPlanContent.MaxContacts * 3 && Request.Form.ContainsKey(Field(list, i, "choice")); i++)
        {
            rows.Add(new ContactRow(Request.Form[Field(list, i, "choice")].ToString(), Request.Form[Field(list, i, "name")], Request.Form[Field(list, i, "phone")], Request.Form[Field(list, i, "note")]));
        }

        return rows;
    }

    private List<PersonRow> PersonRows()
    {
        var rows = new List<PersonRow>();
        for (var i = 0; i < CrisisPlanContent.MaxContacts * 3 && Request.Form.ContainsKey(Field("peopleToTell", i, "name")); i++)
        {
            rows.Add(new PersonRow(Request.Form[Field("peopleToTell", i, "name")], Request.Form[Field("peopleToTell", i, "phone")], Request.Form[Field("peopleToTell", i, "how")]));
        }

        return rows;
    }

    public static string Field(string list, int index, string part) => string.Create(CultureInfo.InvariantCulture, $"{list}[{index}].{part}");

    private static List<T> WithBlanks<T>(IEnumerable<T> rows, Func<T> blank)
    {
        var list = rows.ToList();
        for (var i = 0; i < BlankRows && list.Count < CrisisPlanContent.MaxContacts; i++)
        {
            list.Add(blank());
        }

        return list;
    }

    private static List<string?> Lines(string text) =>
        text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(s => (string?)s).ToList();

    public sealed record ContactRow(string Choice, string? Name, string? Phone, string? Note);

    public sealed record PersonRow(string? Name, string? Phone, string? How);
}
