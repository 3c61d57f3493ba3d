using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Courses;
using Samspil.Domain.Network;
using Samspil.Features.Consents;
using Samspil.Features.Network;
using Samspil.Features.Shared;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Courses;

public sealed class DetailsModel(
    CourseService courses,
    NetworkService network,
    ConsentService consents,
    HospitalNotifications.HospitalEventService hospitalEvents,
    MasterData.MasterDataService masterData,
    CitizenAccess.CitizenAccessService citizenAccess,
    Access.CitizenDataAccess access,
    TimeProvider time,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public CourseDetail? Course { get; private set; }

    /// <summary>The citizen's hospital stays as this reader may see them (R12, issue 6).</summary>
    public HospitalNotifications.HospitalTimelineView? Hospital { get; private set; }

    public bool CanEdit => Course?.CanEdit == true;

    /// <summary>Phase, end, consents, network and master data (issue 21: the access layer's steering rule, which the handlers enforce).</summary>
    public bool CanSteer => Course?.Permissions?.Steer == true;

    /// <summary>The analysis summaries link, shown only to a reader the page would not answer with 404.</summary>
    public bool CanReadAnalysis => Course?.Permissions?.ReadAnalysis == true;

    /// <summary>May the reader correct the citizen's own record (ADR 0014)? Decided at citizen level, not by the course.</summary>
    public bool CanEditCitizen { get; private set; }

    /// <summary>The citizen's login, for staff who may give the citizen access (issue 14); null hides the card.</summary>
    public CitizenAccess.CitizenLoginState? CitizenLogin { get; private set; }

    /// <summary>The family page's link, shown only to staff the page would not answer with 404 (issue 17: "socialt og familie").</summary>
    public bool CanReadFamily { get; private set; }

    public DateOnly Today => CopenhagenTime.Today(time);

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid courseId, CancellationToken cancellationToken)
    {
        Course = await courses.GetAsync(courseId, cancellationToken);
        if (Course is null)
        {
            return NotFound();
        }

        Hospital = await hospitalEvents.ForCourseAsync(courseId, includeInactive: false, cancellationToken);
        CanEditCitizen = !Course.Citizen.IdentityWithheld && await masterData.CitizenEditorAsync(Course.Citizen.Id, cancellationToken) is not null;
        CitizenLogin = CanEditCitizen ? await citizenAccess.StateForCourseAsync(Course.Citizen.Id, cancellationToken) : null;
        CanReadFamily = await access.MayReadFamilyAsync(courseId, cancellationToken);
        return Page();
    }

    /// <summary>"efter 3 dage" / "efter 5 timer" / "under en time" for the time from treatment start until the municipality was told.</summary>
    public string DurationText(double hours) =>
        hours >= 48 ? string.Format(System.Globalization.CultureInfo.CurrentCulture, localizer["Duration.Days"], Math.Round(hours / 24, 1))
        : hours >= 1 ? string.Format(System.Globalization.CultureInfo.CurrentCulture, localizer["Duration.Hours"], Math.Round(hours, 1))
        : localizer["Duration.UnderAnHour"];

    public Task<IActionResult> OnPostPhaseAsync(Guid courseId, CoursePhase? phase, string? note, CancellationToken cancellationToken) =>
        RunAsync(courseId, () => courses.ChangePhaseAsync(courseId, new ChangePhaseRequest(phase, note), cancellationToken), "Course.PhaseChanged", cancellationToken);

    public Task<IActionResult> OnPostEndCourseAsync(Guid courseId, DateOnly? endDate, CancellationToken cancellationToken) =>
        RunAsync(courseId, () => courses.EndAsync(courseId, new EndCourseRequest(endDate), cancellationToken), "Course.Ended.Status", cancellationToken);

    public Task<IActionResult> OnPostEndMemberAsync(Guid courseId, Guid memberId, DateOnly? endDate, string? reason, CancellationToken cancellationToken) =>
        RunAsync(courseId, () => network.EndAsync(courseId, memberId, new EndNetworkMemberRequest(endDate, reason), cancellationToken), "Network.Ended.Status", cancellationToken);

    public Task<IActionResult> OnPostRejoinAsync(Guid courseId, Guid memberId, DateOnly? agreedOn, AgreementMethod? method, CancellationToken cancellationToken) =>
        RunAsync(
            courseId,
            async () => await network.RejoinAsync(courseId, memberId, new RejoinNetworkMemberRequest(agreedOn, null, new AgreementInput(agreedOn, method, null)), cancellationToken) is not null,
            "Network.Rejoined.Status",
            cancellationToken);

    /// <summary>A professional on the course registers that the citizen has revoked a consent; it takes effect at once.</summary>
    public async Task<IActionResult> OnPostRevokeConsentAsync(Guid courseId, Guid consentId, CancellationToken cancellationToken)
    {
        var result = await RunAsync(courseId, () => consents.RevokeAsync(consentId, cancellationToken), "Consent.Revoked.Status", cancellationToken);

        // Revoking the consent that let this professional read the course ends their access at once: back to the list, not to a 404.
        return result is RedirectResult && await courses.GetAsync(courseId, cancellationToken) is null ? Redirect("/Courses") : result;
    }

    /// <summary>Runs a change; on success redirects back (post/redirect/get), on a rule error shows the page with the message.</summary>
    private async Task<IActionResult> RunAsync(Guid courseId, Func<Task<bool>> change, string successKey, CancellationToken cancellationToken)
    {
        PageErrors.LocalizeBindingErrors(ModelState, localizer);
        if (ModelState.IsValid)
        {
            var found = true;
            if (await PageErrors.TryAsync(ModelState, localizer, async () => found = await change()))
            {
                if (!found)
                {
                    return NotFound();
                }

                StatusMessage = localizer[successKey];
                return Redirect($"/Courses/{courseId}");
            }
        }

        Course = await courses.GetAsync(courseId, cancellationToken);
        if (Course is null)
        {
            return NotFound();
        }

        Hospital = await hospitalEvents.ForCourseAsync(courseId, includeInactive: false, cancellationToken);
        CanEditCitizen = !Course.Citizen.IdentityWithheld && await masterData.CitizenEditorAsync(Course.Citizen.Id, cancellationToken) is not null;
        CanReadFamily = await access.MayReadFamilyAsync(courseId, cancellationToken);
        return Page();
    }
}
