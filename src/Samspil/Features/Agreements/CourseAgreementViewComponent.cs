using Microsoft.AspNetCore.Mvc;

namespace Samspil.Features.Agreements;

/// <summary>
/// "Forløbet kører under samarbejdsaftalen X" on the course page: the agreement in force for the course's target group
/// whose parties are (or are above) the course's responsible organisations. Nothing for a reader who may not read agreements.
/// </summary>
public sealed class CourseAgreementViewComponent(AgreementService agreements) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string targetGroupCode, Guid? regionOrganizationId, Guid? municipalityOrganizationId)
    {
        var responsible = new[] { regionOrganizationId, municipalityOrganizationId }.OfType<Guid>().ToList();
        var agreement = await agreements.ForCourseAsync(targetGroupCode, responsible, HttpContext.RequestAborted);
        return agreement is null ? Content(string.Empty) : View("/Features/Agreements/_CourseAgreement.cshtml", agreement);
    }
}
