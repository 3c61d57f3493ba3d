using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Common;
using Samspil.Domain.Directory;
using Samspil.Features.Access;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Screening;

/// <summary>
/// Who may use screening. The lists are pseudonymous but still health information about many people,
/// so they are for the analysis committee's side: staff (professionals and administrators) who work in
/// a region or municipality organisation. Uploading admissions is for administrators there. GPs,
/// volunteers, citizens and relatives get 403.
/// </summary>
public sealed class ScreeningAccess(SamspilDbContext db, CurrentUser user, AccessActorProvider actors)
{
    private bool? _inRegionOrMunicipality;

    public async Task<bool> MayViewListsAsync(CancellationToken cancellationToken) =>
        user.IsStaff && await InRegionOrMunicipalityAsync(cancellationToken);

    /// <summary>
    /// For the navigation bar, which every page (the error page too) renders: false rather than an
    /// exception when the directory cannot be read, so a database fault still shows the error page.
    /// </summary>
    public async Task<bool> ShowInNavigationAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await MayViewListsAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return false;
        }
    }

    public async Task<bool> MayImportAsync(CancellationToken cancellationToken) =>
        user.IsAdministrator && await InRegionOrMunicipalityAsync(cancellationToken);

    public async Task EnsureMayViewListsAsync(CancellationToken cancellationToken)
    {
        if (!await MayViewListsAsync(cancellationToken))
        {
            throw new DomainException("Screening.Forbidden");
        }
    }

    public async Task EnsureMayImportAsync(CancellationToken cancellationToken)
    {
        if (!await MayImportAsync(cancellationToken))
        {
            throw new DomainException("Screening.Import.Forbidden");
        }
    }

    private async Task<bool> InRegionOrMunicipalityAsync(CancellationToken cancellationToken)
    {
        if (_inRegionOrMunicipality is { } known)
        {
            return known;
        }

        // The user's units and the organisations above them: a job centre is part of a municipality.
        var line = (await actors.GetAsync(cancellationToken)).WithinOrganizationIds.ToList();
        _inRegionOrMunicipality = line.Count > 0 && await db.Organizations
            .AnyAsync(o => line.Contains(o.Id) && (o.Sector == Sector.Region || o.Sector == Sector.Municipality), cancellationToken);
        return _inRegionOrMunicipality.Value;
    }
}
