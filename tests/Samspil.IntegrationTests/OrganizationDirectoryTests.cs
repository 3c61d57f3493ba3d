using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samspil.Domain.Directory;
using Samspil.Features.Access;
using Samspil.Infrastructure.Persistence;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests;

/// <summary>
/// ADR 0016: the organisation tree the access policy walks is an instance-wide snapshot. A save through the application
/// that touches an organisation drops it at once; a change behind the application's back (another instance, SQL) is
/// seen once the snapshot is older than <see cref="OrganizationDirectory.MaxAge"/>, and not before.
/// </summary>
public abstract class OrganizationDirectoryTests(SamspilFactory factory)
{
    [Fact]
    public async Task A_saved_organisation_is_in_the_next_snapshot_and_a_change_behind_the_applications_back_within_max_age()
    {
        var directory = factory.Services.GetRequiredService<OrganizationDirectory>();
        var parent = Guid.NewGuid();
        var unit = Guid.NewGuid();
        var other = Guid.NewGuid();
        await InScopeAsync(async db => await directory.GetAsync(db, CancellationToken.None)); // a snapshot exists

        // Saved through the application: the interceptor drops the snapshot.
        await InScopeAsync(async db =>
        {
            db.Organizations.AddRange(
                Organization.Create(new OrganizationDetails("Snapshot Region", Sector.Region, OrganizationKind.Region), parent),
                Organization.Create(new OrganizationDetails("Snapshot Klinik", Sector.Region, OrganizationKind.TraumaClinic, parent), unit),
                Organization.Create(new OrganizationDetails("Snapshot Anden region", Sector.Region, OrganizationKind.Region), other));
            return await db.SaveChangesAsync();
        });
        var saved = await InScopeAsync(db => directory.GetAsync(db, CancellationToken.None));
        Assert.Equal(parent, saved.ParentOf(unit));
        Assert.Contains(unit, saved.WithUnitsBelow([parent]));

        // Moved behind the application's back (no SaveChanges): the old tree stands until the snapshot is too old.
        await InScopeAsync(db => db.Organizations.Where(o => o.Id == unit).ExecuteUpdateAsync(s => s.SetProperty(o => o.PartOfId, (Guid?)other)));
        var stale = await InScopeAsync(db => directory.GetAsync(db, CancellationToken.None));
        Assert.Equal(parent, stale.ParentOf(unit));

        factory.Advance(OrganizationDirectory.MaxAge + TimeSpan.FromSeconds(1));
        var fresh = await InScopeAsync(db => directory.GetAsync(db, CancellationToken.None));
        Assert.Equal(other, fresh.ParentOf(unit));
        Assert.DoesNotContain(unit, fresh.WithUnitsBelow([parent]));
        Assert.Contains(unit, fresh.WithUnitsBelow([other]));
    }

    private async Task<T> InScopeAsync<T>(Func<SamspilDbContext, Task<T>> work)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<SamspilDbContext>());
    }
}

public sealed class OrganizationDirectoryTestsOnSqlite(SqliteFactory factory) : OrganizationDirectoryTests(factory), IClassFixture<SqliteFactory>;

public sealed class OrganizationDirectoryTestsOnPostgres(PostgresFactory factory) : OrganizationDirectoryTests(factory), IClassFixture<PostgresFactory>;
