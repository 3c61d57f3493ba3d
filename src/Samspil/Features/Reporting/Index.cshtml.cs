using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Samspil.Features.Shared;
using Samspil.Infrastructure.Forms;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Reporting;

/// <summary>"Styringsdata": the steering group's dashboard, for administrators and managers (leder), each for their own organisation tree (aggregates only).</summary>
[Authorize(Policy = SamspilPolicies.Steering)]
public sealed class IndexModel(ReportingService reporting, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Municipality { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Organization { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? TargetGroup { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Basis { get; set; }

    public DashboardView? View { get; private set; }

    public DashboardOptions Options { get; private set; } = new([], [], []);

    /// <summary>The questionnaire figures (issue 19): the citizens' experience, the collaboration between sectors, IPS fidelity.</summary>
    public ExperienceView? Experience { get; private set; }

    public CollaborationView? Collaboration { get; private set; }

    public FidelityView? Fidelity { get; private set; }

    /// <summary>The same filters for the CSV link.</summary>
    public string CsvUrl => "/api/v1/reports/dashboard.csv" + QueryString.Create(Request.Query.Select(q => KeyValuePair.Create(
        q.Key, q.Key.Equals("from", StringComparison.OrdinalIgnoreCase) || q.Key.Equals("to", StringComparison.OrdinalIgnoreCase) ? DanishDates.ToIso(q.Value.ToString()) : q.Value.ToString())));

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        (From, To) = (DanishDates.ToIso(From), DanishDates.ToIso(To)); // typed as 24-12-2026 on the page; the service reads ISO
        Options = await reporting.OptionsAsync(cancellationToken);
        await PageErrors.TryAsync(ModelState, localizer, async () =>
        {
            var query = new DashboardQuery(Municipality, Organization, TargetGroup, From, To, Basis);
            View = await reporting.DashboardAsync(query, cancellationToken);
            Experience = await reporting.ExperienceAsync(query, cancellationToken);
            Collaboration = await reporting.CollaborationAsync(query, cancellationToken);
            Fidelity = await reporting.FidelityAsync(query, cancellationToken);
        });
        return Page();
    }
}
