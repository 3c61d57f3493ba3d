using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Citizens;
using Samspil.Domain.Consents;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests;

public abstract class AccessLogTests(SamspilFactory factory)
{
    [Fact]
    public async Task The_citizen_sees_who_read_their_data_from_which_organisation_and_on_what_basis()
    {
        using var preben = await factory.ClientForAsync("borger.preben");
        var own = (await preben.GetFromJsonAsync<JsonElement>("/api/v1/courses")).EnumerateArray().Single();
        var courseId = own.GetProperty("id").GetGuid();

        using var clinician = await factory.ClientForAsync("behandler.odense");
        Assert.Equal(HttpStatusCode.OK, (await clinician.GetAsync($"/api/v1/courses/{courseId}")).StatusCode);

        var log = await preben.GetFromJsonAsync<JsonElement>("/api/v1/me/access-log?action=Read&category=StatusAndAppointments", SamspilFactory.Json);
        var entry = log.EnumerateArray().First(e => e.GetProperty("who").GetString() == "Mette Demo-Lindberg");
        Assert.Equal("Traumeklinikken Odense", entry.GetProperty("organization").GetString());
        Assert.Equal("Read", entry.GetProperty("action").GetString());
        Assert.Equal("OwnRecords", entry.GetProperty("basis").GetString());

        // Newest first, and filters work.
        var sequences = log.EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(sequences.OrderByDescending(s => s), sequences);
        var updates = await preben.GetFromJsonAsync<JsonElement>("/api/v1/me/access-log?action=Update");
        Assert.All(updates.EnumerateArray(), e => Assert.Equal("Update", e.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task Every_change_is_logged_in_the_same_transaction_with_the_basis_that_allowed_it()
    {
        using var client = await factory.ClientForAsync("behandler.odense");
        var course = await TestData.CreateCourseAsync(client);
        var courseId = course.GetProperty("id").GetGuid();
        var citizenId = course.GetProperty("citizen").GetProperty("id").GetGuid();
        await client.PostAsJsonAsync($"/api/v1/courses/{courseId}/phase", new { phase = "Treatment" });

        var entries = await factory.WithDbAsync(db => db.AccessLog.Where(e => e.CitizenId == citizenId).OrderBy(e => e.Sequence).ToListAsync());
        Assert.Contains(entries, e => e is { Action: Samspil.Domain.Audit.AccessAction.Create, ResourceType: "Citizen", Basis: AccessBasisKind.OwnRecords });
        Assert.Contains(entries, e => e is { Action: Samspil.Domain.Audit.AccessAction.Create, ResourceType: "Course" });
        Assert.Contains(entries, e => e is { Action: Samspil.Domain.Audit.AccessAction.Update, ResourceType: "Course" } && e.ResourceId == courseId);
        Assert.Contains(entries, e => e is { Action: Samspil.Domain.Audit.AccessAction.Read, ResourceType: "Course" } && e.ResourceId == courseId);
        Assert.All(entries, e => Assert.Equal("Mette Demo-Lindberg", e.UserName));
    }

    [Fact]
    public async Task Parallel_reads_append_to_one_unbroken_chain()
    {
        using var admin = await factory.ClientForAsync("admin.traume");
        var before = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/access-log/verify")).GetProperty("entriesChecked").GetInt64();
        string[] users = ["behandler.odense", "socialraadgiver.traume", "behandler.vejle", "sygeplejerske.p1"]; // Jonas Demo-Kjær: a non-ASCII name through the hash
        var clients = new List<HttpClient>();
        foreach (var user in users)
        {
            clients.Add(await factory.ClientForAsync(user));
        }

        var courseIds = new List<Guid>();
        foreach (var client in clients)
        {
            courseIds.AddRange((await client.GetFromJsonAsync<JsonElement>("/api/v1/courses")).EnumerateArray().Take(4).Select(c => c.GetProperty("id").GetGuid()));
        }

        var statuses = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            clients[i % clients.Count].GetAsync($"/api/v1/courses/{courseIds[i % courseIds.Count]}")));
        Assert.All(statuses, r => Assert.True(r.IsSuccessStatusCode || r.StatusCode == HttpStatusCode.NotFound, r.StatusCode.ToString()));

        var after = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/access-log/verify");
        Assert.True(after.GetProperty("intact").GetBoolean());
        Assert.True(after.GetProperty("entriesChecked").GetInt64() >= before + statuses.Count(r => r.IsSuccessStatusCode));
        clients.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task Saving_citizen_data_without_an_access_log_entry_is_refused()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => factory.WithDbAsync(async db =>
        {
            db.Citizens.Add(Citizen.Register(
                new CitizenDetails("Uden", "Log", CprNumber.Parse(TestData.NewCpr(), new DateOnly(2026, 11, 22)), "da", false, null, null, null, null),
                null,
                SamspilFactory.Now));
            return await db.SaveChangesAsync();
        }));
        Assert.Contains("access-log", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tampering_with_a_row_or_deleting_the_newest_is_reported_where_the_chain_breaks()
    {
        using var admin = await factory.ClientForAsync("admin.traume");
        using var clinician = await factory.ClientForAsync("behandler.odense");
        // Make sure there is something to tamper with, whatever ran before on this database.
        await TestData.CreateCourseAsync(clinician);
        await TestData.CreateCourseAsync(clinician);

        var intact = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/access-log/verify");
        Assert.True(intact.GetProperty("intact").GetBoolean());
        var count = intact.GetProperty("entriesChecked").GetInt64();
        Assert.True(count > 3, intact.ToString());

        // Change one field of an old row: the chain breaks exactly there.
        var target = count - 2;
        var original = await factory.WithDbAsync(db => db.AccessLog.Where(e => e.Sequence == target).Select(e => e.UserName).SingleAsync());
        await factory.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE \"AccessLog\" SET \"UserName\" = {"Nogen Andet"} WHERE \"Sequence\" = {target}"));
        var broken = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/access-log/verify");
        Assert.False(broken.GetProperty("intact").GetBoolean());
        Assert.Equal(target, broken.GetProperty("brokenAtSequence").GetInt64());
        Assert.Equal("content changed", broken.GetProperty("problem").GetString());
        await factory.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE \"AccessLog\" SET \"UserName\" = {original} WHERE \"Sequence\" = {target}"));
        Assert.True((await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/access-log/verify")).GetProperty("intact").GetBoolean());

        // Delete the newest row (the verify calls above appended nothing: verifying reads no citizen data).
        var last = await factory.WithDbAsync(db => db.AccessLog.MaxAsync(e => e.Sequence));
        var saved = await factory.WithDbAsync(db => db.AccessLog.AsNoTracking().SingleAsync(e => e.Sequence == last));
        await factory.WithDbAsync(db => db.Database.ExecuteSqlAsync($"DELETE FROM \"AccessLog\" WHERE \"Sequence\" = {last}"));
        var truncated = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/access-log/verify");
        Assert.False(truncated.GetProperty("intact").GetBoolean());
        Assert.Equal(last, truncated.GetProperty("brokenAtSequence").GetInt64());

        await factory.WithDbAsync(async db =>
        {
            db.SystemSeeding = true;
            db.AccessLog.Add(saved);
            return await db.SaveChangesAsync();
        });
        Assert.True((await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/access-log/verify")).GetProperty("intact").GetBoolean());
    }

    [Fact]
    public async Task If_the_log_cannot_be_written_the_read_fails_and_reveals_nothing()
    {
        using var clinician = await factory.ClientForAsync("behandler.odense");
        var course = await TestData.CreateCourseAsync(clinician, givenName: "Ulogget");
        var courseId = course.GetProperty("id").GetGuid();

        await factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AccessLogHead\""));
        try
        {
            var response = await clinician.GetAsync($"/api/v1/courses/{courseId}");
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            Assert.DoesNotContain("Ulogget", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            var last = await factory.WithDbAsync(db => db.AccessLog.OrderByDescending(e => e.Sequence).Select(e => new { e.Sequence, e.Hash }).FirstAsync());
            await factory.WithDbAsync(db => db.Database.ExecuteSqlAsync($"INSERT INTO \"AccessLogHead\" (\"Id\", \"Sequence\", \"Hash\") VALUES (1, {last.Sequence}, {last.Hash})"));
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AccessLogTestsOnSqlite(SqliteFactory factory) : AccessLogTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class AccessLogTestsOnPostgres(PostgresFactory factory) : AccessLogTests(factory);
