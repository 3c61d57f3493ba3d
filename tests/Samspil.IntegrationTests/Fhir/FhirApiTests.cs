using System.Net;
using System.Net.Http.Headers;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Hl7.Fhir.Rest;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samspil.Domain.Audit;
using Samspil.Features.Fhir;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests.Fhir;

/// <summary>
/// Issue 20: the FHIR R4 API's frame — CapabilityStatement, Patient read and search through the access policy and the
/// access log, paging links, OperationOutcome for every error — read with the Firely SDK's FhirClient and validated
/// with the Firely validator.
/// </summary>
public abstract class FhirApiTests(SamspilFactory factory)
{
    [Fact]
    public async Task The_CapabilityStatement_is_valid_R4_and_lists_exactly_the_registered_types()
    {
        using var http = factory.CreateClient();
        var client = FhirTestSupport.Client(http);

        var statement = await client.CapabilityStatementAsync();

        FhirTestSupport.AssertValid(statement!);
        Assert.Equal(FHIRVersion.N4_0_1, statement!.FhirVersion);
        var types = statement.Rest[0].Resource.Select(r => r.Type).ToList();
        Assert.Contains("Patient", types);
        Assert.Equal(types.Order(StringComparer.Ordinal), types);
        using var scope = factory.Services.CreateScope();
        Assert.Equal(scope.ServiceProvider.GetRequiredService<FhirHandlers>().All.Select(h => h.ResourceType).Order(StringComparer.Ordinal), types);
    }

    [Fact]
    public async Task A_clinician_reads_and_searches_the_Patient_of_her_course_and_each_read_is_logged()
    {
        using var clinicianHttp = await factory.ClientForAsync("behandler.odense");
        var course = await TestData.CreateCourseAsync(clinicianHttp);
        var citizenId = course.GetProperty("citizen").GetProperty("id").GetGuid();
        var client = FhirTestSupport.Client(clinicianHttp);

        var patient = await client.ReadAsync<Patient>($"Patient/{citizenId}");
        FhirTestSupport.AssertValid(patient!);
        Assert.Equal(PatientHandler.CprSystem, patient!.Identifier[0].System);

        var cpr = patient.Identifier[0].Value;
        var found = await client.SearchAsync<Patient>([$"identifier={PatientHandler.CprSystem}|{cpr}"]);
        FhirTestSupport.AssertValid(found!);
        Assert.Equal(citizenId.ToString("D"), Assert.Single(found!.Entry).Resource!.Id);
        Assert.Equal(1, found.Total);

        var logged = await factory.WithDbAsync(db => db.AccessLog.CountAsync(e => e.CitizenId == citizenId && e.ResourceType == "Citizen" && e.Action == AccessAction.Read));
        Assert.True(logged >= 2, $"Expected the read and the search to be logged, found {logged}.");
    }

    [Fact]
    public async Task A_stranger_gets_404_for_the_Patient_and_a_search_leaves_it_out()
    {
        using var clinicianHttp = await factory.ClientForAsync("behandler.odense");
        var course = await TestData.CreateCourseAsync(clinicianHttp);
        var citizenId = course.GetProperty("citizen").GetProperty("id").GetGuid();
        var cpr = await factory.WithDbAsync(db => db.Citizens.Where(c => c.Id == citizenId).Select(c => c.Cpr).SingleAsync());
        var stranger = await FhirTestSupport.ClientAsync(factory, "behandler.vejle");

        var (status, outcome) = await FhirTestSupport.RefusedAsync(() => stranger.ReadAsync<Patient>($"Patient/{citizenId}"));
        Assert.Equal(HttpStatusCode.NotFound, status);
        FhirTestSupport.AssertValid(outcome!);

        var search = await stranger.SearchAsync<Patient>([$"identifier={PatientHandler.CprSystem}|{cpr.Value}"]);
        Assert.Empty(search!.Entry);
        Assert.Equal(0, search.Total);
    }

    [Fact]
    public async Task Hostile_requests_get_an_OperationOutcome_never_a_500()
    {
        using var anonymous = factory.CreateClient();
        var unauthenticated = await anonymous.GetAsync("/fhir/Patient");
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        await AssertOutcomeAsync(unauthenticated);

        using var http = await factory.ClientForAsync("behandler.odense");
        foreach (var (url, expected) in new[]
        {
            ("/fhir/Patient?_count=0", HttpStatusCode.BadRequest),
            ("/fhir/Patient?_count=abc", HttpStatusCode.BadRequest),
            ("/fhir/Patient?_offset=-1", HttpStatusCode.BadRequest),
            ("/fhir/Patient?bogus=1", HttpStatusCode.BadRequest),
            ("/fhir/Patient?identifier=" + new string('9', 3000), HttpStatusCode.BadRequest),
            ("/fhir/Patient?identifier=urn:oid:1.2.208.176.1.2|%01%02", HttpStatusCode.BadRequest),
            ("/fhir/Patient?_include=Patient:link", HttpStatusCode.BadRequest),
            ("/fhir/Patient/" + new string('x', 65), HttpStatusCode.NotFound),
            ("/fhir/Patient/not-a-guid", HttpStatusCode.NotFound),
            ("/fhir/Nonsense/1", HttpStatusCode.NotFound),
            ("/fhir/Patient/1/_history", HttpStatusCode.NotFound),
        })
        {
            var response = await http.GetAsync(url);
            Assert.True(expected == response.StatusCode, $"{url}: {(int)response.StatusCode}");
            await AssertOutcomeAsync(response);
        }

        var delete = await http.DeleteAsync("/fhir/Patient/" + Guid.NewGuid());
        Assert.Equal(HttpStatusCode.MethodNotAllowed, delete.StatusCode);
        await AssertOutcomeAsync(delete);

        var create = await http.PostAsync("/fhir/Patient", new StringContent("{\"resourceType\":\"Patient\"}", new MediaTypeHeaderValue("application/fhir+json")));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, create.StatusCode);
        await AssertOutcomeAsync(create);
    }

    [Fact]
    public async Task A_search_pages_with_count_and_offset_and_its_links_lead_through_every_match()
    {
        using var clinicianHttp = await factory.ClientForAsync("behandler.odense");
        await TestData.CreateCourseAsync(clinicianHttp);
        await TestData.CreateCourseAsync(clinicianHttp);
        var client = FhirTestSupport.Client(clinicianHttp);

        var all = await client.SearchAsync<Patient>(pageSize: 200);
        Assert.True(all!.Total >= 2);
        var seen = new List<string>();
        var page = await client.SearchAsync<Patient>(pageSize: 1);
        while (page is not null)
        {
            FhirTestSupport.AssertValid(page);
            seen.AddRange(page.Entry.Select(e => e.Resource!.Id!));
            page = await client.ContinueAsync(page);
        }

        Assert.Equal(all.Entry.Select(e => e.Resource!.Id!), seen);
    }

    private static async Task AssertOutcomeAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        var outcome = System.Text.Json.JsonSerializer.Deserialize<OperationOutcome>(await response.Content.ReadAsStringAsync(), FhirResult.Json);
        Assert.NotNull(outcome);
        Assert.NotEmpty(outcome!.Issue);
    }
}

public sealed class FhirApiTestsOnSqlite(SqliteFactory factory) : FhirApiTests(factory), IClassFixture<SqliteFactory>;

public sealed class FhirApiTestsOnPostgres(PostgresFactory factory) : FhirApiTests(factory), IClassFixture<PostgresFactory>;
