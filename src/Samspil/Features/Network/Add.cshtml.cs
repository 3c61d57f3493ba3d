using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Network;
using Samspil.Features.Courses;
using Samspil.Features.Directory;
using Samspil.Features.Shared;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Security;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Network;

[Authorize(Policy = SamspilPolicies.Staff)]
public sealed class AddModel(
    NetworkService network,
    CourseService courses,
    DirectoryService directory,
    TimeProvider time,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public AddMemberForm Form { get; set; } = new();

    public Guid CourseId { get; private set; }

    public string CitizenName { get; private set; } = string.Empty;

    public IReadOnlyList<PractitionerRoleView> Roles { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid courseId, CancellationToken cancellationToken)
    {
        var today = CopenhagenTime.Today(time);
        Form = new AddMemberForm { ActiveFrom = today, AgreedOn = today, Kind = MemberKind.Professional, Role = CollaborationRole.Other };
        return await LoadAsync(courseId, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(Guid courseId, CancellationToken cancellationToken)
    {
        PageErrors.LocalizeBindingErrors(ModelState, localizer);
        if (ModelState.IsValid && !Form.CitizenAgreed)
        {
            ModelState.AddModelError("citizenAgreed", localizer["NetworkAdd.CitizenAgreed.Required"]);
        }

        Guid? memberId = null;
        if (ModelState.IsValid && await PageErrors.TryAsync(ModelState, localizer, async () => memberId = await network.AddAsync(courseId, Form.ToRequest(), cancellationToken)))
        {
            if (memberId is null)
            {
                return NotFound();
            }

            TempData["StatusMessage"] = localizer["Network.Added.Status"].Value;
            return Redirect($"/Courses/{courseId}");
        }

        return await LoadAsync(courseId, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid courseId, CancellationToken cancellationToken)
    {
        var course = await courses.GetAsync(courseId, cancellationToken);
        if (course is null || course.Permissions?.Steer != true)
        {
            return false;
        }

        CourseId = courseId;
        CitizenName = course.Citizen.FullName;
        Roles = await directory.PractitionerRolesAsync(null, cancellationToken);
        return true;
    }
}

public sealed class AddMemberForm
{
    public MemberKind? Kind { get; set; }

    public Guid? PractitionerRoleId { get; set; }

    public string? PersonName { get; set; }

    public string? Relation { get; set; }

    public string? Phone { get; set; }

    public string? Email { get; set; }

    public CollaborationRole? Role { get; set; }

    public string? RoleNote { get; set; }

    public DateOnly? ActiveFrom { get; set; }

    public bool CitizenAgreed { get; set; }

    public DateOnly? AgreedOn { get; set; }

    public AgreementMethod? AgreementMethod { get; set; }

    public string? AgreementNote { get; set; }

    /// <summary>The professional picker only counts for professionals, the name fields only for others.</summary>
    public AddNetworkMemberRequest ToRequest()
    {
        var professional = Kind == MemberKind.Professional;
        return new(
            Kind,
            professional ? PractitionerRoleId : null,
            professional ? null : PersonName,
            professional ? null : Relation,
            professional ? null : Phone,
            professional ? null : Email,
            Role,
            RoleNote,
            ActiveFrom,
            new AgreementInput(AgreedOn, AgreementMethod, AgreementNote));
    }
}
