using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Common;
using Samspil.Domain.Questionnaires;
using Samspil.Infrastructure.Localization;

namespace Samspil.Features.Collaboration;

/// <summary>"Samarbejdet i netværket" for one course: each tie's collaboration over time, figures behind fewer than 5 answers hidden.</summary>
public sealed class CourseCollaborationModel(CollaborationService collaboration) : PageModel
{
    public CollaborationResultsView? Results { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid courseId, CancellationToken cancellationToken)
    {
        Results = await collaboration.ResultsAsync(courseId, cancellationToken);
        return Results is null ? NotFound() : Page();
    }
}

/// <summary>
/// The respondent answers the collaboration questionnaire: the seven items once per other area of the network, a tie
/// without contact left blank. Only the respondent sees it; anyone else gets 404.
/// </summary>
public sealed class AnswerCollaborationModel(CollaborationService collaboration, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public CollaborationFormView? Form { get; private set; }

    /// <summary>What was posted, so a refused form comes back as typed.</summary>
    public IReadOnlyDictionary<string, string> Posted { get; private set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>The form field of an item in a tie, e.g. "Employment.timely".</summary>
    public static string Field(CollaborationArea partner, string linkId) => partner + "." + linkId;

    private static (int? Tie, string? LinkId) SplitField(string? field)
    {
        if (field is null || !field.StartsWith("ties[", StringComparison.Ordinal) || field.IndexOf(']', StringComparison.Ordinal) is var end && end < 6)
        {
            return (null, field);
        }

        var tie = int.TryParse(field.AsSpan(5, end - 5), NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : (int?)null;
        return (tie, end + 2 <= field.Length ? field[(end + 2)..] : null);
    }

    public async Task<IActionResult> OnGetAsync(Guid courseId, Guid assignmentId, CancellationToken cancellationToken)
    {
        Form = await collaboration.FormAsync(courseId, assignmentId, cancellationToken);
        return Form is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid courseId, Guid assignmentId, CancellationToken cancellationToken)
    {
        Form = await collaboration.FormAsync(courseId, assignmentId, cancellationToken);
        if (Form is null)
        {
            return NotFound();
        }

        Posted = Request.Form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        var ties = new List<CollaborationTieAnswers?>();
        foreach (var partner in Form.Partners)
        {
            var answers = new List<CollaborationItemAnswer?>();
            foreach (var item in Form.Items)
            {
                var value = Posted.GetValueOrDefault(Field(partner.Area, item.LinkId));
                if (string.IsNullOrWhiteSpace(value))
                {
                    continue;
                }

                if (item.Type == QuestionItemType.Text)
                {
                    answers.Add(new CollaborationItemAnswer(item.LinkId, null, value));
                }
                else if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                {
                    answers.Add(new CollaborationItemAnswer(item.LinkId, number, null));
                }
                else
                {
                    ModelState.AddModelError(Field(partner.Area, item.LinkId), $"{partner.Name}: {localizer["Problem.InvalidValue"]}");
                }
            }

            if (answers.Count > 0)
            {
                ties.Add(new CollaborationTieAnswers(partner.Area.ToString(), answers));
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            await collaboration.SubmitAsync(courseId, assignmentId, new CollaborationAnswerRequest(ties), cancellationToken);
        }
        catch (DomainException e)
        {
            // Name the tie and the item ("ties[1].timely"), so the respondent finds what is missing among several partners.
            var (tie, linkId) = SplitField(e.Field);
            var partner = tie is { } t && t < ties.Count && CollaborationService.ParseArea(ties[t]?.PartnerArea) is { } area ? Form.Partners.FirstOrDefault(p => p.Area == area) : null;
            var item = Form.Items.FirstOrDefault(x => x.LinkId == linkId);
            var message = (partner is null ? string.Empty : partner.Name + ": ") + localizer.Message(e.Code) + (item is null ? string.Empty : " – " + item.Text);
            ModelState.AddModelError(partner is not null && item is not null ? Field(partner.Area, item.LinkId) : string.Empty, message);
            return Page();
        }

        StatusMessage = localizer["Collaboration.Answer.Saved"];
        return Redirect("/Me/Collaboration");
    }
}

/// <summary>"Mine spørgeskemaer": the professional's open collaboration questionnaires.</summary>
[Microsoft.AspNetCore.Authorization.Authorize(Policy = Infrastructure.Security.SamspilPolicies.Staff)]
public sealed class MyCollaborationModel(CollaborationService collaboration) : PageModel
{
    public IReadOnlyList<MyCollaborationAssignmentView> Assignments { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Assignments = await collaboration.MineAsync(cancellationToken);
}
