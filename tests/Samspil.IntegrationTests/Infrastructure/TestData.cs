using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Samspil.IntegrationTests.Infrastructure;

/// <summary>Small builders for test data through the public API.</summary>
public static class TestData
{
    private static int _counter;

    /// <summary>
    /// A fresh CPR number in the documented test-only range (born 1858), distinct from the demo
    /// data, which uses serials below 100.
    /// </summary>
    public static string NewCpr()
    {
        var n = Interlocked.Increment(ref _counter);
        var day = (n % 28) + 1;
        var month = ((n / 28) % 12) + 1;
        var seventh = 5 + ((n / 336) % 4);
        return string.Create(CultureInfo.InvariantCulture, $"{day:00}{month:00}58{seventh}{100 + (n % 900):000}");
    }

    public static async Task<Guid> OrganizationIdAsync(HttpClient client, string name)
    {
        var organizations = await client.GetFromJsonAsync<JsonElement>("/api/v1/organizations", SamspilFactory.Json);
        return organizations.EnumerateArray().Single(o => o.GetProperty("name").GetString() == name).GetProperty("id").GetGuid();
    }

    public static async Task<Guid> PractitionerRoleIdAsync(HttpClient client, string professionalName)
    {
        var roles = await client.GetFromJsonAsync<JsonElement>("/api/v1/practitioner-roles", SamspilFactory.Json);
        return roles.EnumerateArray().First(r => r.GetProperty("professionalName").GetString() == professionalName).GetProperty("id").GetGuid();
    }

    /// <summary>
    /// Adds a professional (by name, any of their roles) to a course's network as a participant from 2026-11-20, with the
    /// citizen's agreement by phone that day; asserts 201.
    /// </summary>
    public static async Task AddProfessionalAsync(HttpClient client, Guid courseId, string professionalName)
    {
        var added = await client.PostAsJsonAsync($"/api/v1/courses/{courseId}/network", new
        {
            kind = "Professional",
            practitionerRoleId = await PractitionerRoleIdAsync(client, professionalName),
            role = "Other",
            activeFrom = "2026-11-20",
            citizenAgreement = new { agreedOn = "2026-11-20", method = "Phone" },
        });
        Xunit.Assert.Equal(System.Net.HttpStatusCode.Created, added.StatusCode);
    }

    /// <summary>A valid create-course body for a new citizen, responsible orgs Traumeklinikken Odense and Jobcenter Odense.</summary>
    public static async Task<Dictionary<string, object?>> CourseRequestAsync(HttpClient client, string? cpr = null, string givenName = "Testa") => new()
    {
        ["citizen"] = new Dictionary<string, object?>
        {
            ["cpr"] = cpr ?? NewCpr(),
            ["givenName"] = givenName,
            ["familyName"] = "Demo-Testesen",
            ["preferredLanguage"] = "ar",
            ["interpreterNeeded"] = true,
            ["interpreterLanguage"] = "ar",
        },
        ["targetGroupCode"] = "ptsd-refugee",
        ["phase"] = "Assessment",
        ["startDate"] = "2026-11-01",
        ["regionOrganizationId"] = await OrganizationIdAsync(client, "Traumeklinikken Odense"),
        ["municipalityOrganizationId"] = await OrganizationIdAsync(client, "Jobcenter Odense"),
        ["creatorRole"] = "Coordinator",
        ["citizenAgreement"] = new Dictionary<string, object?> { ["agreedOn"] = "2026-11-01", ["method"] = "InPerson" },
    };

    /// <summary>A minimal real PDF: the server checks the file's first bytes, not its name.</summary>
    public static readonly byte[] Pdf = "%PDF-1.4\n% Samspil test: samtykkeerklaering\n%%EOF\n"u8.ToArray();

    /// <summary>Uploads a signed form and registers a consent on the course for the given recipients; returns the consent id.</summary>
    public static Task<Guid> RegisterConsentAsync(HttpClient client, Guid courseId, params object[] recipients) =>
        RegisterConsentAsync(client, courseId, ["StatusAndAppointments", "PlanAndGoals"], recipients);

    /// <summary>As above, for the given information categories.</summary>
    public static async Task<Guid> RegisterConsentAsync(HttpClient client, Guid courseId, string[] categories, params object[] recipients)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Pdf);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "samtykke.pdf");
        var upload = await client.PostAsync($"/api/v1/courses/{courseId}/consent-documents", form);
        if (!upload.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Upload failed: {(int)upload.StatusCode} {await upload.Content.ReadAsStringAsync()}");
        }

        var documentId = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("documentId").GetGuid();
        var response = await client.PostAsJsonAsync($"/api/v1/courses/{courseId}/consents", new
        {
            recipients,
            categories,
            purpose = "Koordinering mellem traumeklinik og jobcenter",
            notFor = "Rådighedsvurdering",
            documentId,
        }, SamspilFactory.Json);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Consent failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public static async Task<JsonElement> CreateCourseAsync(HttpClient client, string? cpr = null, string givenName = "Testa")
    {
        var response = await client.PostAsJsonAsync("/api/v1/courses", await CourseRequestAsync(client, cpr, givenName), SamspilFactory.Json);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Create course failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return await response.Content.ReadFromJsonAsync<JsonElement>(SamspilFactory.Json);
    }
}
