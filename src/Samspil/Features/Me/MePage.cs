using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Me;

/// <summary>
/// The citizen's own pages ("Mine samtykker", "Hvem har set mine oplysninger", "Mine data"): for the
/// citizen and for a proxy acting for them. A proxy login not yet linked to a citizen is refused.
/// </summary>
[Authorize(Roles = SamspilRoles.Citizen + "," + SamspilRoles.Proxy)]
public abstract class MePage(CurrentUser user) : PageModel
{
    protected CurrentUser CurrentUser => user;

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (!user.ActsForCitizen)
        {
            context.Result = Forbid();
            return;
        }

        await next();
    }
}

/// <summary>A consent as shown to the citizen, with or without the buttons to revoke and limit it.</summary>
public sealed record ConsentCardModel(Samspil.Features.Consents.ConsentView Consent, bool WithActions);
