using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Common;
using Samspil.Domain.Offerings;
using Samspil.Features.Administration;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Offerings;

/// <summary>An offering in an administrator's list.</summary>
public sealed record OfferingListItem(Guid Id, string Name, Guid OrganizationId, string OrganizationName, OfferingStatus Status, bool IsAfterHours, bool IsCrisis, bool OpenNow, DateTimeOffset UpdatedAt);

/// <summary>The offering changed since the administrator read it.</summary>
public sealed class OfferingVersionConflictException(string currentVersion) : Exception("The offering has changed")
{
    public string CurrentVersion { get; } = currentVersion;
}

/// <summary>
/// Offerings maintained by each organisation's administrator: those of their own organisation and every
/// organisation below it (<see cref="AccountAdministration.TreeAsync"/>). Another tree's offerings do not
/// exist for them (null, i.e. 404); a regular professional maintains none. Reading one offering is public.
/// </summary>
public sealed class OfferingAdministration(SamspilDbContext db, AccountAdministration accounts, TimeProvider time)
{
    /// <summary>The organisations an administrator maintains offerings for, in tree order with depth.</summary>
    public Task<IReadOnlyList<TreeOrganizationView>> OrganizationsAsync(CurrentUser admin, CancellationToken cancellationToken) =>
        accounts.TreeAsync(admin, cancellationToken);

    public async Task<IReadOnlyList<OfferingListItem>> ListAsync(CurrentUser admin, string? search, CancellationToken cancellationToken)
    {
        var tree = await accounts.TreeAsync(admin, cancellationToken);
        var names = tree.ToDictionary(o => o.Id, o => o.Name);
        var ids = names.Keys.ToList();
        var offerings = await db.Offerings.AsNoTracking().Where(o => ids.Contains(o.OrganizationId)).ToListAsync(cancellationToken);
        var term = search?.Trim();
        var now = time.GetUtcNow();
        return offerings
            .Where(o => string.IsNullOrEmpty(term) || o.Name.Contains(term, StringComparison.CurrentCultureIgnoreCase))
            .OrderBy(o => o.Status)
            .ThenBy(o => o.Name, StringComparer.CurrentCulture)
            .Select(o => new OfferingListItem(o.Id, o.Name, o.OrganizationId, names[o.OrganizationId], o.Status, o.IsAfterHours, o.IsCrisis, o.Hours.IsOpenAt(now), o.UpdatedAt))
            .ToList();
    }

    /// <summary>An offering of the administrator's tree, or null (also when it is another tree's).</summary>
    public async Task<Offering?> FindAsync(CurrentUser admin, Guid id, CancellationToken cancellationToken)
    {
        var tree = await accounts.TreeAsync(admin, cancellationToken);
        var offering = await db.Offerings.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        return offering is not null && tree.Any(o => o.Id == offering.OrganizationId) ? offering : null;
    }

    /// <summary>
    /// One offering for anyone (offerings are public information). An inactive offering is shown only to the
    /// administrators who maintain it.
    /// </summary>
    public async Task<OfferingDto?> GetAsync(CurrentUser user, Guid id, CancellationToken cancellationToken)
    {
        var offering = await db.Offerings.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (offering is null)
        {
            return null;
        }

        if (offering.Status != OfferingStatus.Active && (await accounts.TreeAsync(user, cancellationToken)).All(o => o.Id != offering.OrganizationId))
        {
            return null;
        }

        return await ToDtoAsync(offering, cancellationToken);
    }

    public async Task<OfferingDto> CreateAsync(CurrentUser admin, OfferingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var organizationId = await OrganizationInTreeAsync(admin, request.OrganizationId, cancellationToken);
        var details = OfferingDtos.ToDetails(request);
        await CheckTargetGroupsAsync(details.TargetGroups, cancellationToken);
        var offering = Offering.Create(Guid.NewGuid(), organizationId, details, Now());
        db.Offerings.Add(offering);
        await db.SaveChangesAsync(cancellationToken);
        return await ToDtoAsync(offering, cancellationToken);
    }

    /// <summary>
    /// Replaces an offering whole; <paramref name="expectedVersion"/> (null: whatever is current) must be the
    /// version the administrator read. Moving it to another organisation of the tree is allowed. Null when the
    /// offering is not in the administrator's tree.
    /// </summary>
    public async Task<OfferingDto?> UpdateAsync(CurrentUser admin, Guid id, string? expectedVersion, OfferingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tree = await accounts.TreeAsync(admin, cancellationToken);
        var offering = await db.Offerings.SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (offering is null || tree.All(o => o.Id != offering.OrganizationId))
        {
            return null;
        }

        if (expectedVersion is not null && expectedVersion != OfferingDtos.VersionOf(offering))
        {
            throw new OfferingVersionConflictException(OfferingDtos.VersionOf(offering));
        }

        var organizationId = await OrganizationInTreeAsync(admin, request.OrganizationId ?? offering.OrganizationId, cancellationToken);
        var details = OfferingDtos.ToDetails(request);
        await CheckTargetGroupsAsync(details.TargetGroups, cancellationToken);
        var now = Now();
        offering.Update(details, now);
        if (organizationId != offering.OrganizationId)
        {
            offering.MoveTo(organizationId, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        return await ToDtoAsync(offering, cancellationToken);
    }

    /// <summary>Sets an offering active or inactive, keeping everything else. Null when not in the tree.</summary>
    public async Task<OfferingDto?> SetStatusAsync(CurrentUser admin, Guid id, OfferingStatus status, CancellationToken cancellationToken)
    {
        var offering = await FindAsync(admin, id, cancellationToken);
        if (offering is null)
        {
            return null;
        }

        var request = ToRequest(offering) with { Status = status };
        return await UpdateAsync(admin, id, null, request, cancellationToken);
    }

    /// <summary>The request that would store an offering as it is (the edit form starts from it).</summary>
    public static OfferingRequest ToRequest(Offering offering)
    {
        ArgumentNullException.ThrowIfNull(offering);
        var dto = OfferingDtos.ToDto(offering, string.Empty, DateTimeOffset.UnixEpoch);
        return new OfferingRequest(
            dto.OrganizationId, dto.Name, dto.Description, dto.Status, dto.TargetGroups, dto.Needs, dto.MinimumAge, dto.MaximumAge, dto.Eligibility, dto.Access,
            dto.ReferralBy, dto.Languages, dto.InterpreterAvailable, dto.IsFree, dto.CostDescription, dto.Street, dto.PostalCode, dto.City, dto.Latitude, dto.Longitude,
            dto.Municipalities, dto.Phone, dto.Email, dto.Url, dto.IsAfterHours, dto.IsCrisis, dto.AlwaysOpen, dto.ClosedOnPublicHolidays, dto.HoursNote, dto.Periods, dto.Exceptions);
    }

    private async Task<Guid> OrganizationInTreeAsync(CurrentUser admin, Guid? organizationId, CancellationToken cancellationToken)
    {
        if (organizationId is not { } id)
        {
            throw new DomainException("Offering.Organization.Required", "organizationId");
        }

        var tree = await accounts.TreeAsync(admin, cancellationToken);
        return tree.Any(o => o.Id == id) ? id : throw new DomainException("Offering.Organization.Forbidden", "organizationId");
    }

    private async Task CheckTargetGroupsAsync(IReadOnlyList<string>? codes, CancellationToken cancellationToken)
    {
        var wanted = (codes ?? []).Select(c => c?.Trim() ?? string.Empty).Where(c => c.Length is > 0 and <= 50).Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0 || wanted.Count > 50)
        {
            return; // empty is "everyone"; too many is the model's error
        }

        var known = await db.TargetGroups.AsNoTracking().Where(g => wanted.Contains(g.Code)).Select(g => g.Code).ToListAsync(cancellationToken);
        if (known.Count != wanted.Count)
        {
            throw new DomainException("Offering.TargetGroup.Unknown", "targetGroups");
        }
    }

    private async Task<OfferingDto> ToDtoAsync(Offering offering, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.AsNoTracking().Where(o => o.Id == offering.OrganizationId).Select(o => o.Name).SingleAsync(cancellationToken);
        return OfferingDtos.ToDto(offering, organization, time.GetUtcNow());
    }

    /// <summary>Now, to the microsecond: the version is the last change, and PostgreSQL keeps microseconds.</summary>
    private DateTimeOffset Now()
    {
        var now = time.GetUtcNow();
        return new DateTimeOffset(now.UtcTicks - (now.UtcTicks % 10), TimeSpan.Zero);
    }
}
