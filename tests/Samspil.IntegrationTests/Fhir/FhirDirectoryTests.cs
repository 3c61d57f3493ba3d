using System.Net;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Microsoft.EntityFrameworkCore;
using Samspil.IntegrationTests.Infrastructure;
using Task = System.Threading.Tasks.Task;

namespace Samspil.IntegrationTests.Fhir;

/// <summary>
/// Issue 20: the directory as FHIR — Organization, PractitionerRole (staff, as /api/v1/organizations and
/// /api/v1/practitioner-roles) and HealthcareService (offerings: public, as /api/v1/offerings) — read and searched with
/// Firely's FhirClient, every resource validated against base R4.
/// </summary>
public abstract class FhirDirectoryTests(SamspilFactory factory)
{
    [Fact]
    public async Task Staff_read_and_search_organizations_by_name_partof_and_id()
    {
        var child = await factory.WithDbAsync(db => db.Organizations.Where(o => o.PartOfId != null).OrderBy(o => o.Name).FirstAsync());
        var client = await FhirTestSupport.ClientAsync(factory, "behandler.odense");

        var read = await client.ReadAsync<Organization>($"Organization/{child.Id}");
        FhirTestSupport.AssertValid(read!);
        Assert.Equal(child.Name, read!.Name);
        Assert.Equal($"Organization/{child.PartOfId}", read.PartOf!.Reference);

        var byName = await client.SearchAsync<Organization>([$"name={child.Name[..Math.Min(6, child.Name.Length)].ToUpperInvariant()}"]);
        FhirTestSupport.AssertValid(byName!);
        Assert.Contains(byName!.Entry, e => e.Resource!.Id == child.Id.ToString("D"));
        Assert.All(byName.Entry, e => Assert.Contains(child.Name[..Math.Min(6, child.Name.Length)], ((Organization)e.Resource!).Name, StringComparison.OrdinalIgnoreCase));

        var children = await client.SearchAsync<Organization>([$"partof=Organization/{child.PartOfId}"]);
        FhirTestSupport.AssertValid(children!);
        Assert.Contains(children!.Entry, e => e.Resource!.Id == child.Id.ToString("D"));
        Assert.All(children.Entry, e => Assert.Equal($"Organization/{child.PartOfId}", ((Organization)e.Resource!).PartOf!.Reference));

        var byId = await client.SearchAsync<Organization>([$"_id={child.Id}", "active=true"]);
        Assert.Equal(child.Id.ToString("D"), Assert.Single(byId!.Entry).Resource!.Id);
        Assert.Empty((await client.SearchAsync<Organization>(["active=false"]))!.Entry);
    }

    [Fact]
    public async Task Staff_find_practitioner_roles_by_organization_and_a_citizen_sees_no_directory()
    {
        var role = await factory.WithDbAsync(db => db.PractitionerRoles.Where(r => r.Active).OrderBy(r => r.Title).FirstAsync());
        var client = await FhirTestSupport.ClientAsync(factory, "behandler.odense");

        var read = await client.ReadAsync<PractitionerRole>($"PractitionerRole/{role.Id}");
        FhirTestSupport.AssertValid(read!);
        Assert.Equal($"Organization/{role.OrganizationId}", read!.Organization!.Reference);
        Assert.Equal(role.Title, read.Code[0].Text);

        var atOrganization = await client.SearchAsync<PractitionerRole>([$"organization=Organization/{role.OrganizationId}"], pageSize: 200);
        FhirTestSupport.AssertValid(atOrganization!);
        Assert.Contains(atOrganization!.Entry, e => e.Resource!.Id == role.Id.ToString("D"));

        var citizen = await FhirTestSupport.ClientAsync(factory, "borger.preben");
        var (status, outcome) = await FhirTestSupport.RefusedAsync(() => citizen.ReadAsync<PractitionerRole>($"PractitionerRole/{role.Id}"));
        Assert.Equal(HttpStatusCode.NotFound, status);
        FhirTestSupport.AssertValid(outcome!);
        Assert.Empty((await citizen.SearchAsync<Organization>([]))!.Entry);
        Assert.Equal(0, (await citizen.SearchAsync<PractitionerRole>([]))!.Total);
    }

    [Fact]
    public async Task Offerings_are_HealthcareServices_with_opening_hours_and_anyone_signed_in_finds_them()
    {
        var offering = await factory.WithDbAsync(db => db.Offerings.Where(o => o.Status == Samspil.Domain.Offerings.OfferingStatus.Active && !o.AlwaysOpen && o.Periods.Any()).OrderBy(o => o.Name).FirstAsync());
        var citizen = await FhirTestSupport.ClientAsync(factory, "borger.preben");

        var read = await citizen.ReadAsync<HealthcareService>($"HealthcareService/{offering.Id}");
        FhirTestSupport.AssertValid(read!);
        Assert.Equal(offering.Name, read!.Name);
        Assert.True(read.Active);
        Assert.Equal($"Organization/{offering.OrganizationId}", read.ProvidedBy!.Reference);
        Assert.Equal(offering.Periods.Count, read.AvailableTime.Count);

        var found = await citizen.SearchAsync<HealthcareService>([$"name={offering.Name}", $"organization=Organization/{offering.OrganizationId}", "active=true"]);
        FhirTestSupport.AssertValid(found!);
        Assert.Contains(found!.Entry, e => e.Resource!.Id == offering.Id.ToString("D"));

        var all = await citizen.SearchAsync<HealthcareService>(pageSize: 200);
        FhirTestSupport.AssertValid(all!);
        Assert.Equal(await factory.WithDbAsync(db => db.Offerings.CountAsync()), all!.Total);
        Assert.Empty((await citizen.SearchAsync<HealthcareService>([$"organization=Organization/{Guid.NewGuid()}"]))!.Entry);
    }

    [Fact]
    public async Task Hostile_directory_searches_get_an_OperationOutcome_never_a_500()
    {
        using var http = await factory.ClientForAsync("behandler.odense");
        foreach (var (url, expected) in new[]
        {
            ("/fhir/Organization?active=maybe", HttpStatusCode.BadRequest),
            ("/fhir/Organization?name=" + new string('n', 300), HttpStatusCode.BadRequest),
            ("/fhir/Organization?name=%01", HttpStatusCode.BadRequest),
            ("/fhir/Organization?partof=Patient/" + Guid.NewGuid(), HttpStatusCode.BadRequest),
            ("/fhir/PractitionerRole?organization=not-a-reference", HttpStatusCode.BadRequest),
            ("/fhir/HealthcareService?active=1", HttpStatusCode.BadRequest),
            ("/fhir/HealthcareService/" + Guid.NewGuid(), HttpStatusCode.NotFound),
            ("/fhir/Organization/not-a-guid", HttpStatusCode.NotFound),
            ("/fhir/PractitionerRole/" + Guid.NewGuid(), HttpStatusCode.NotFound),
        })
        {
            var response = await http.GetAsync(url);
            Assert.True(expected == response.StatusCode, $"{url}: {(int)response.StatusCode}");
            Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        }
    }
}

public sealed class FhirDirectoryTestsOnSqlite(SqliteFactory factory) : FhirDirectoryTests(factory), IClassFixture<SqliteFactory>;

public sealed class FhirDirectoryTestsOnPostgres(PostgresFactory factory) : FhirDirectoryTests(factory), IClassFixture<PostgresFactory>;
