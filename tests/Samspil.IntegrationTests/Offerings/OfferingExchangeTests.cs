using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Offerings;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests.Offerings;

/// <summary>
/// Issue 18: offerings in and out as Open Referral HSDS 3.0 JSON and CSV. Export is public; administrators import into
/// their own organisation tree, row by row (valid rows imported, invalid ones reported), and importing the same file
/// twice changes nothing. The demo's admin.traume administers the trauma clinic and its Odense and Vejle clinics.
/// </summary>
public abstract class OfferingExchangeTests(SamspilFactory factory)
{
    private const string Admin = "admin.traume";
    private const string Odense = "Traumeklinikken Odense";
    private const string Vejle = "Traumeklinikken Vejle";

    [Fact]
    public async Task Export_reimport_into_an_empty_database_and_export_again_gives_the_same_document()
    {
        await ClearAsync();
        var odense = await OrganizationIdAsync(Odense);
        var vejle = await OrganizationIdAsync(Vejle);
        var now = SamspilFactory.Now;
        await factory.WithDbAsync(async db =>
        {
            db.Offerings.Add(Offering.Create(Guid.NewGuid(), odense, new OfferingDetails(
                "Åben rådgivning", "Rådgivning om traumer; \"drop-in\" uden tidsbestilling.",
                TargetGroups: ["ptsd-refugee", "ptsd-veteran"], Needs: [OfferingNeeds.Trauma, OfferingNeeds.MentalHealth], MinimumAge: 18,
                Eligibility: "Voksne med traumer", Access: OfferingAccess.SelfReferralOrReferral, ReferralBy: "Egen læge", Languages: ["da", "ar", "fa"],
                InterpreterAvailable: true, IsFree: false, CostDescription: "100 kr. pr. samtale", Street: "Vestergade 10", PostalCode: "5000", City: "Odense C",
                Latitude: 55.395912m, Longitude: 10.388312m, Municipalities: ["461", "630"], Phone: "+45 66 11 22 33", Email: "raad@example.dk", Url: "https://example.dk/raad",
                ClosedOnPublicHolidays: true, HoursNote: "Ring før besøg",
                Periods: [Period(DayOfWeek.Monday, 8, 16), Period(DayOfWeek.Tuesday, 8, 16), Period(DayOfWeek.Friday, 8, 12), Period(DayOfWeek.Thursday, 17, 21)],
                Exceptions: [ScheduleException.ClosedOn(new DateOnly(2026, 12, 24), "Juleaften"), ScheduleException.OpenOn(new DateOnly(2026, 12, 31), new TimeOnly(10, 0), new TimeOnly(12, 0))]),
                now));
            db.Offerings.Add(Offering.Create(Guid.NewGuid(), odense, new OfferingDetails(
                "Kriselinjen", "Døgnåben telefon.", Needs: [OfferingNeeds.Crisis], Phone: "70 20 12 01", IsAfterHours: true, IsCrisis: true, AlwaysOpen: true,
                ClosedOnPublicHolidays: false), now));
            db.Offerings.Add(Offering.Create(Guid.NewGuid(), vejle, new OfferingDetails(
                "Lukket gruppe", "Ikke længere aktiv.", Status: OfferingStatus.Inactive, Access: OfferingAccess.Referral, City: "Vejle",
                Periods: [Period(DayOfWeek.Wednesday, 22, 2)]), now));
            // Two locations of one imported HSDS service: exported again as that one service.
            foreach (var (location, street) in new[] { ("loc-a", "Algade 1"), ("loc-b", "Bygade 2") })
            {
                db.Offerings.Add(Offering.Create(Guid.NewGuid(), vejle, new OfferingDetails("Jobcafé", "Hjælp til job.", Needs: [OfferingNeeds.Work], Street: street, City: "Vejle",
                    Periods: [Period(DayOfWeek.Monday, 9, 11)]), now, externalId: "svc-job/" + location));
            }

            return await db.SaveChangesAsync();
        });

        using var admin = await factory.ClientForAsync(Admin);
        var first = await admin.GetStringAsync("/api/v1/offerings/export/hsds");
        var document = JsonNode.Parse(first)!;
        var services = document["contents"]!.AsArray();
        Assert.Equal(4, services.Count);
        Assert.Equal(4, document["total_items"]!.GetValue<int>());
        var job = Assert.Single(services, s => s!["id"]!.GetValue<string>() == "svc-job")!;
        Assert.Equal(["loc-a", "loc-b"], job["service_at_locations"]!.AsArray().Select(l => l!["location"]!["id"]!.GetValue<string>()));
        var advice = Assert.Single(services, s => s!["name"]!.GetValue<string>() == "Åben rådgivning")!;
        var weekly = advice["service_at_locations"]![0]!["schedules"]!.AsArray();
        Assert.Contains(weekly, s => s!["byday"]?.GetValue<string>() == "MO,TU" && s["opens_at"]!.GetValue<string>() == "08:00" && s["notes"]?.GetValue<string>() == "Ring før besøg");
        Assert.Contains(weekly, s => s!["valid_from"]?.GetValue<string>() == "2026-12-24" && s["valid_to"]!.GetValue<string>() == "2026-12-24" && s["opens_at"] is null);
        Assert.Contains(advice["attributes"]!.AsArray(), a => a!["taxonomy_term"]!["taxonomy"]!.GetValue<string>() == "samspil-need" && a["taxonomy_term"]!["code"]!.GetValue<string>() == "trauma");
        Assert.Equal(["461", "630"], advice["service_areas"]!.AsArray().Select(a => a!["uri"]!.GetValue<string>()[^3..]));

        await ClearAsync();
        var report = await ImportAsync(admin, "hsds", first, "application/json");
        Assert.Equal((5, 0, 0, 0), (report.GetProperty("new").GetInt32(), report.GetProperty("changed").GetInt32(), report.GetProperty("unchanged").GetInt32(), report.GetProperty("errors").GetInt32()));
        var second = await admin.GetStringAsync("/api/v1/offerings/export/hsds");
        Assert.Equal(first, second);

        // The same file again changes nothing, not even the offerings' time of change.
        var updatedAt = await factory.WithDbAsync(db => db.Offerings.OrderBy(o => o.Id).Select(o => o.UpdatedAt).ToListAsync());
        factory.Advance(TimeSpan.FromMinutes(5));
        report = await ImportAsync(admin, "hsds", second, "application/json");
        Assert.Equal((0, 0, 5, 0), (report.GetProperty("new").GetInt32(), report.GetProperty("changed").GetInt32(), report.GetProperty("unchanged").GetInt32(), report.GetProperty("errors").GetInt32()));
        Assert.Equal(updatedAt, await factory.WithDbAsync(db => db.Offerings.OrderBy(o => o.Id).Select(o => o.UpdatedAt).ToListAsync()));

        // Anyone may export; without signing in the inactive offering is left out.
        using var anonymous = factory.CreateClient();
        var open = JsonNode.Parse(await anonymous.GetStringAsync("/api/v1/offerings/export/hsds"))!;
        Assert.DoesNotContain(open["contents"]!.AsArray(), s => s!["name"]!.GetValue<string>() == "Lukket gruppe");
        Assert.Equal(3, open["contents"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_realistic_HSDS_file_becomes_one_offering_per_location_with_its_hours_languages_and_areas()
    {
        await ClearAsync();
        using var admin = await factory.ClientForAsync(Admin);
        var file = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Offerings", "hsds-example.json"));
        var preview = await ImportAsync(admin, "hsds", file, "application/json", dryRun: true);
        Assert.Equal(3, preview.GetProperty("new").GetInt32());
        Assert.Equal(0, await factory.WithDbAsync(db => db.Offerings.CountAsync()));

        var report = await ImportAsync(admin, "hsds", file, "application/json");
        Assert.Equal(0, report.GetProperty("errors").GetInt32());
        Assert.Equal(3, report.GetProperty("new").GetInt32());
        var odense = await OrganizationIdAsync(Odense);
        var offerings = await factory.WithDbAsync(db => db.Offerings.Where(o => o.OrganizationId == odense).OrderBy(o => o.ExternalId).ToListAsync());
        Assert.Equal(
            ["ac148810-d857-441c-9679-408f346de14b/3a19ff88-4620-4d17-9830-ac1d859eb5d5", "ac148810-d857-441c-9679-408f346de14b/4a19ff88-4620-4d17-9830-ac1d859eb5d5", "bc148810-d857-441c-9679-408f346de14b"],
            offerings.Select(o => o.ExternalId));
        var (atOdense, atVejle, line) = (offerings[0], offerings[1], offerings[2]);
        Assert.Equal("Vestergade 10", atOdense.Street);
        Assert.Equal(55.3959m, atOdense.Latitude);
        Assert.Equal("+45 66 11 22 33", atOdense.Phone);
        Assert.Equal("Dæmningen 5, 2. sal", atVejle.Street);
        Assert.Equal("+45 75 11 22 33", atVejle.Phone);
        Assert.Equal(["da", "ar"], atOdense.Languages);
        Assert.Equal(["461", "630"], atOdense.Municipalities);
        Assert.Equal([OfferingNeeds.Relatives], atOdense.Needs);
        Assert.Equal(["ptsd-refugee"], atOdense.TargetGroups);
        Assert.True(atOdense.IsFree);
        Assert.True(atOdense.InterpreterAvailable);
        Assert.Equal(16, atOdense.MinimumAge);
        Assert.Equal("Lukket i skolernes sommerferie", atOdense.HoursNote);
        Assert.Equal(5, atOdense.Periods.Count);
        Assert.Contains(atOdense.Periods, p => p.Day == DayOfWeek.Friday && p.Opens == new TimeOnly(9, 0) && p.Closes == new TimeOnly(12, 0));
        Assert.Contains(atOdense.Exceptions, e => e.Date == new DateOnly(2026, 12, 24) && e.Closed && e.Note == "Juleaften");
        Assert.Contains(atOdense.Exceptions, e => e.Date == new DateOnly(2026, 12, 31) && !e.Closed && e.Opens == new TimeOnly(10, 0));
        Assert.False(atOdense.ClosedOnPublicHolidays);

        // 00:00–24:00 every day is "always open": the crisis line is open at 03:00 on Christmas Day.
        Assert.True(line.AlwaysOpen);
        Assert.True(line.IsCrisis && line.IsAfterHours);
        Assert.Null(line.Street);
        Assert.True(line.Hours.IsOpenAt(new DateTimeOffset(2026, 12, 25, 2, 0, 0, TimeSpan.Zero)));
        Assert.True(atOdense.Hours.IsOpenAt(new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero)));

        var again = await ImportAsync(admin, "hsds", file, "application/json");
        Assert.Equal((0, 0, 3), (again.GetProperty("new").GetInt32(), again.GetProperty("changed").GetInt32(), again.GetProperty("unchanged").GetInt32()));
    }

    [Fact]
    public async Task The_CSV_export_reimports_unchanged_and_a_changed_cell_changes_only_its_offering()
    {
        await ClearAsync();
        var odense = await OrganizationIdAsync(Odense);
        await factory.WithDbAsync(async db =>
        {
            db.Offerings.Add(Offering.Create(Guid.NewGuid(), odense, new OfferingDetails("=Formel", "Beskrivelse; med semikolon\nog linjeskift", Phone: "+45 11 22 33 44",
                Languages: ["da"], Latitude: 55.1m, Longitude: 10.2m, Periods: [Period(DayOfWeek.Monday, 8, 16), Period(DayOfWeek.Tuesday, 8, 16)],
                Exceptions: [ScheduleException.ClosedOn(new DateOnly(2026, 12, 24), "Jul; lukket")]), SamspilFactory.Now));
            db.Offerings.Add(Offering.Create(Guid.NewGuid(), odense, new OfferingDetails("Andet tilbud", "Tekst", AlwaysOpen: true), SamspilFactory.Now, externalId: "ext-2"));
            return await db.SaveChangesAsync();
        });

        using var admin = await factory.ClientForAsync(Admin);
        var response = await admin.GetAsync("/api/v1/offerings/export.csv");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var csv = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("organization_id;organization_name;external_id;name;", csv, StringComparison.Ordinal);
        Assert.Contains(";'=Formel;", csv, StringComparison.Ordinal);
        Assert.Contains("MO,TU 08:00-16:00", csv, StringComparison.Ordinal);

        var report = await ImportAsync(admin, "csv", csv, "text/csv");
        Assert.Equal((0, 0, 2, 0), (report.GetProperty("new").GetInt32(), report.GetProperty("changed").GetInt32(), report.GetProperty("unchanged").GetInt32(), report.GetProperty("errors").GetInt32()));

        report = await ImportAsync(admin, "csv", csv.Replace("Andet tilbud", "Andet tilbud, nyt navn", StringComparison.Ordinal), "text/csv");
        Assert.Equal((0, 1, 1), (report.GetProperty("new").GetInt32(), report.GetProperty("changed").GetInt32(), report.GetProperty("unchanged").GetInt32()));
        Assert.Equal("Andet tilbud, nyt navn", await factory.WithDbAsync(db => db.Offerings.Where(o => o.ExternalId == "ext-2").Select(o => o.Name).SingleAsync()));
        Assert.Equal("=Formel", await factory.WithDbAsync(db => db.Offerings.Where(o => o.ExternalId == null).Select(o => o.Name).SingleAsync()));
        Assert.Equal(2, await factory.WithDbAsync(db => db.Offerings.CountAsync()));
    }

    [Fact]
    public async Task Bad_and_hostile_rows_are_reported_one_by_one_and_the_valid_row_is_imported()
    {
        await ClearAsync();
        var odense = (await OrganizationIdAsync(Odense)).ToString();
        var outside = (await OrganizationIdAsync("Odense Kommune")).ToString();
        static JsonObject Service(string id, string organizationId, string name = "Gyldigt tilbud") => new()
        {
            ["id"] = id, ["organization_id"] = organizationId, ["name"] = name, ["description"] = "Beskrivelse", ["status"] = "active",
        };
        var services = new JsonArray
        {
            Service("ok", odense),
            With(Service("late", odense), "schedules", new JsonArray { new JsonObject { ["id"] = "s", ["freq"] = "WEEKLY", ["byday"] = "MO", ["opens_at"] = "25:00", ["closes_at"] = "26:00" } }),
            Service("script", odense, "<script>alert(1)</script>"),
            With(Service("lang", odense), "languages", new JsonArray { new JsonObject { ["id"] = "l", ["code"] = "xx" } }),
            With(Service("need", odense), "attributes", new JsonArray { new JsonObject { ["id"] = "a", ["taxonomy_term"] = new JsonObject { ["id"] = "t", ["code"] = "flying", ["name"] = "x", ["description"] = "", ["taxonomy"] = "samspil-need" } } }),
            With(Service("area", odense), "service_areas", new JsonArray { new JsonObject { ["id"] = "a", ["name"] = "Atlantis" } }),
            Service("foreign", outside),
            Service("huge", odense, new string('x', 100_000)),
            Service("control", odense, "Navn\u0000med NUL"),
            With(Service("age", odense), "minimum_age", "atten"),
            With(Service("monthly", odense), "schedules", new JsonArray { new JsonObject { ["id"] = "s", ["freq"] = "MONTHLY", ["byday"] = "MO", ["opens_at"] = "08:00", ["closes_at"] = "09:00" } }),
            Service("ok", odense, "Samme id igen"),
            "not an object",
        };
        using var admin = await factory.ClientForAsync(Admin);
        var report = await ImportAsync(admin, "hsds", services.ToJsonString(), "application/json");
        Assert.Equal(1, report.GetProperty("new").GetInt32());
        Assert.Equal(12, report.GetProperty("errors").GetInt32());
        var problems = report.GetProperty("problems").EnumerateArray()
            .Select(p => (Row: p.GetProperty("row").GetInt32(), Reference: p.GetProperty("reference").GetString(), Field: p.GetProperty("field").GetString(), Message: p.GetProperty("message").GetString()))
            .ToList();
        Assert.Contains(problems, p => p.Row == 2 && p.Reference == "late" && p.Field == "schedules");
        Assert.Contains(problems, p => p.Row == 3 && p.Field == "name" && p.Message!.Contains("HTML", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Row == 4 && p.Field == "languages");
        Assert.Contains(problems, p => p.Row == 5 && p.Field == "needs" && p.Message!.Contains("flying", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Row == 6 && p.Field == "municipalities");
        Assert.Contains(problems, p => p.Row == 7 && p.Field == "organization");
        Assert.Contains(problems, p => p.Row == 8 && p.Field == "name");
        Assert.Contains(problems, p => p.Row == 9 && p.Field == "name");
        Assert.Contains(problems, p => p.Row == 10 && p.Field == "minimum_age");
        Assert.Contains(problems, p => p.Row == 11 && p.Field == "schedules");
        Assert.Contains(problems, p => p.Row == 12 && p.Field == "id");
        Assert.Contains(problems, p => p.Row == 13 && p.Field == "service");
        Assert.All(problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Message)));
        Assert.Equal(["Gyldigt tilbud"], await factory.WithDbAsync(db => db.Offerings.Select(o => o.Name).ToListAsync()));

        // A file that cannot be read at all is a problem response, never a 500.
        foreach (var (body, type, status) in new[]
        {
            ("{ \"contents\": [", "application/json", HttpStatusCode.BadRequest),
            ("{ \"hello\": 1 }", "application/json", HttpStatusCode.BadRequest),
            (new string('[', 5000), "application/json", HttpStatusCode.BadRequest),
            ("name;description\nx;y", "text/csv", HttpStatusCode.BadRequest),
            ("\"unterminated;quote", "text/csv", HttpStatusCode.BadRequest),
            ("<xml/>", "application/xml", HttpStatusCode.UnsupportedMediaType),
        })
        {
            var kind = type == "text/csv" ? "csv" : "hsds";
            using var content = new StringContent(body, Encoding.UTF8, type);
            var response = await admin.PostAsync($"/api/v1/offerings/import/{kind}", content);
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        using var notUtf8 = new ByteArrayContent([0x7B, 0xFF, 0xFE, 0x7D]);
        notUtf8.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/api/v1/offerings/import/hsds", notUtf8)).StatusCode);
        using var tooLarge = new ByteArrayContent(new byte[(10 * 1024 * 1024) + 1]);
        tooLarge.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await admin.PostAsync("/api/v1/offerings/import/csv", tooLarge)).StatusCode);

        // CSV rows: a bad time, an unknown target group, a bad boolean; the valid row goes in.
        var csv = "organization_name;external_id;name;description;opening_hours;target_groups;crisis\n"
            + $"{Odense};c1;CSV-tilbud;Tekst;MO 08:00-16:00;;nej\n"
            + $"{Odense};c2;Sent;Tekst;MO 25:00-26:00;;\n"
            + $"{Odense};c3;Gruppe;Tekst;;ukendt-gruppe;\n"
            + $"{Odense};c4;Flag;Tekst;;;måske\n";
        var csvReport = await ImportAsync(admin, "csv", csv, "text/csv");
        Assert.Equal((1, 3), (csvReport.GetProperty("new").GetInt32(), csvReport.GetProperty("errors").GetInt32()));
        var csvProblems = csvReport.GetProperty("problems").EnumerateArray().Select(p => (p.GetProperty("row").GetInt32(), p.GetProperty("field").GetString())).ToList();
        Assert.Equal([(3, "opening_hours"), (4, "targetGroups"), (5, "crisis")], csvProblems);
    }

    [Fact]
    public async Task Only_administrators_import_and_only_into_their_own_tree()
    {
        await ClearAsync();
        var file = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Offerings", "hsds-example.json"));
        using var anonymous = factory.CreateClient();
        using (var content = new StringContent(file, Encoding.UTF8, "application/json"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/v1/offerings/import/hsds", content)).StatusCode);
        }

        using var professional = await factory.ClientForAsync("behandler.odense");
        using (var content = new StringContent(file, Encoding.UTF8, "application/json"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await professional.PostAsync("/api/v1/offerings/import/hsds", content)).StatusCode);
        }

        // The municipality's administrator is not the clinic's: every row names an organisation outside their tree.
        using var otherAdmin = await factory.ClientForAsync("admin.odense");
        var report = await ImportAsync(otherAdmin, "hsds", file, "application/json");
        Assert.Equal((0, 3), (report.GetProperty("new").GetInt32(), report.GetProperty("errors").GetInt32()));
        Assert.All(report.GetProperty("problems").EnumerateArray(), p => Assert.Equal("organization", p.GetProperty("field").GetString()));
        Assert.Equal(0, await factory.WithDbAsync(db => db.Offerings.CountAsync()));
    }

    [Fact]
    public async Task The_import_page_checks_the_file_first_and_imports_it_on_confirmation()
    {
        await ClearAsync();
        using var client = await factory.CookieClientAsync(Admin);
        var page = await client.GetStringAsync("/Admin/Offerings/Import");
        var file = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Offerings", "hsds-example.json"));
        using var form = new MultipartFormDataContent
        {
            { new StringContent(SamspilFactory.AntiforgeryToken(page)), "__RequestVerificationToken" },
            { new ByteArrayContent(file), "Upload", "tilbud.json" },
        };
        var preview = await client.PostAsync("/Admin/Offerings/Import?handler=Preview", form);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var html = await preview.Content.ReadAsStringAsync();
        Assert.Contains("3 nye, 0 ændrede, 0 uændrede, 0 med fejl.", html, StringComparison.Ordinal);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Offerings.CountAsync()));

        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"Token\" value=\"([^\"]+)\"").Groups[1].Value;
        var confirm = await client.PostAsync("/Admin/Offerings/Import?handler=Import", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = SamspilFactory.AntiforgeryToken(html),
            ["Token"] = token,
        }));
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.Contains("Importeret", await confirm.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(3, await factory.WithDbAsync(db => db.Offerings.CountAsync()));
    }

    private static JsonObject With(JsonObject service, string name, JsonNode value)
    {
        service[name] = value;
        return service;
    }

    private static OpeningPeriod Period(DayOfWeek day, int opens, int closes) => OpeningPeriod.Create(day, new TimeOnly(opens, 0), new TimeOnly(closes, 0));

    private async Task<JsonElement> ImportAsync(HttpClient client, string kind, string body, string mediaType, bool dryRun = false)
    {
        using var content = new StringContent(body, Encoding.UTF8, mediaType);
        var response = await client.PostAsync($"/api/v1/offerings/import/{kind}{(dryRun ? "?dryRun=true" : string.Empty)}", content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Each test starts from no offerings at all (the tests of this class share one database and run one after another).</summary>
    private Task<int> ClearAsync() => factory.WithDbAsync(async db =>
    {
        db.Offerings.RemoveRange(await db.Offerings.ToListAsync());
        return await db.SaveChangesAsync();
    });

    private Task<Guid> OrganizationIdAsync(string name) =>
        factory.WithDbAsync(db => db.Organizations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync());
}

public sealed class OfferingExchangeTestsOnSqlite(SqliteFactory factory) : OfferingExchangeTests(factory), IClassFixture<SqliteFactory>;

public sealed class OfferingExchangeTestsOnPostgres(PostgresFactory factory) : OfferingExchangeTests(factory), IClassFixture<PostgresFactory>;
