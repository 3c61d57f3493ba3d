using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samspil.Domain.Citizens;
using Samspil.Domain.Consents;
using Samspil.Features.Audit;
using Samspil.Infrastructure.Security;
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
    public async Task Parallel_appends_for_the_same_and_for_different_citizens_give_gapless_chains_whose_hashes_verify()
    {
        var shared = Guid.NewGuid();
        var others = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()).ToList();
        // Non-ASCII, nulls and every optional field through the hash (on PostgreSQL the SQL function computes it, here C# checks it).
        var recipients = new[]
        {
            new NoticeRecipient(Guid.NewGuid(), "Jonas Demo-Kjær Ørbæk", null, AccessDecision.By(AccessBasisKind.OwnRecords)),
            new NoticeRecipient(Guid.NewGuid(), "Фахівець", Guid.NewGuid(), new AccessDecision(true, AccessBasisKind.Consent, Guid.NewGuid(), 3, null)),
            new NoticeRecipient(Guid.NewGuid(), "مختص", Guid.NewGuid(), new AccessDecision(true, AccessBasisKind.LegalBasis, null, null, "LAB-§12c")),
        };

        // 40 commits at once: half for one citizen (some with two entries for them and one for another, as a list read
        // logs several citizens), half each starting a new citizen's chain; the new chains' heads are created in the race.
        await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            await using var scope = factory.Services.GetRequiredService<IServiceScopeFactory>().CreateSystemScope();
            var log = scope.ServiceProvider.GetRequiredService<AccessLog>();
            var recipient = recipients[i % recipients.Length];
            if (i % 2 == 0)
            {
                log.RecordNotice(recipient, shared, InformationCategory.StatusAndAppointments, Guid.NewGuid());
                if (i % 4 == 0)
                {
                    log.RecordNotice(recipient, others[i / 2], InformationCategory.PlanAndGoals, Guid.NewGuid());
                    log.RecordNotice(recipient, shared, InformationCategory.PlanAndGoals, Guid.NewGuid());
                }
            }
            else
            {
                log.RecordNotice(recipient, others[i / 2], InformationCategory.StatusAndAppointments, Guid.NewGuid());
            }

            await log.CommitAsync(CancellationToken.None);
        }));

        var chain = await factory.WithDbAsync(db => db.AccessLog.AsNoTracking().Where(e => e.CitizenId == shared).OrderBy(e => e.ChainPosition).ToListAsync());
        Assert.Equal(Enumerable.Range(1, 30).Select(p => (long)p), chain.Select(e => e.ChainPosition));
        Assert.Equal(chain.Select(e => e.Sequence).Order(), chain.Select(e => e.Sequence));
        Assert.All(chain, e => Assert.Equal(e.Hash, e.ComputeHash()));
        Assert.Contains(chain, e => e.UserName == "Jonas Demo-Kjær Ørbæk" && e.OrganizationId == null);
        Assert.Contains(chain, e => e.LegalBasisCode == "LAB-§12c");
        var head = await factory.WithDbAsync(db => db.AccessLogChainHeads.AsNoTracking().SingleAsync(h => h.CitizenId == shared));
        Assert.Equal((30L, chain[^1].Hash), (head.Position, head.Hash));
        var otherCounts = await factory.WithDbAsync(db => db.AccessLog.Where(e => others.Contains(e.CitizenId)).GroupBy(e => e.CitizenId).Select(g => new { Count = g.Count(), Max = g.Max(e => e.ChainPosition) }).ToListAsync());
        Assert.Equal(20, otherCounts.Count);
        Assert.All(otherCounts, c => Assert.Equal(c.Count, c.Max));

        using var admin = await factory.ClientForAsync("admin.traume");
        var verified = await VerifyAsync(admin);
        Assert.True(verified.GetProperty("intact").GetBoolean(), verified.ToString());
    }

    [Fact]
    public async Task Every_kind_of_tampering_is_found_and_the_checkpoints_say_exactly_what_they_protect()
    {
        using var admin = await factory.ClientForAsync("admin.traume");
        using var clinician = await factory.ClientForAsync("behandler.odense");
        var first = await TestData.CreateCourseAsync(clinician);
        var second = await TestData.CreateCourseAsync(clinician);
        var citizen = first.GetProperty("citizen").GetProperty("id").GetGuid();
        var other = second.GetProperty("citizen").GetProperty("id").GetGuid();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await clinician.GetAsync($"/api/v1/courses/{first.GetProperty("id").GetGuid()}")).StatusCode);
        }

        var checkpoint = await CheckpointAsync();
        Assert.NotNull(checkpoint);
        var sealedLength = (await ChainAsync(citizen)).Count;
        Assert.True(sealedLength >= 4, sealedLength.ToString(System.Globalization.CultureInfo.InvariantCulture));
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await clinician.GetAsync($"/api/v1/courses/{first.GetProperty("id").GetGuid()}")).StatusCode);
        }

        var intact = await VerifyAsync(admin);
        Assert.True(intact.GetProperty("intact").GetBoolean(), intact.ToString());
        Assert.True(intact.GetProperty("checkpointsChecked").GetInt64() >= 1);
        Assert.Equal(checkpoint.Hash, intact.GetProperty("latestCheckpointHash").GetString());
        var chain = await ChainAsync(citizen);
        var head = (chain[^1].ChainPosition, chain[^1].Hash);

        // 1. One field of an entry changed: found exactly there.
        var target = chain[1];
        await Sql($"UPDATE \"AccessLog\" SET \"UserName\" = 'Nogen Andet' WHERE \"Sequence\" = {target.Sequence}");
        await AssertBrokenAsync(admin, "content changed", citizen, 2, target.Sequence);
        await factory.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE \"AccessLog\" SET \"UserName\" = {target.UserName} WHERE \"Sequence\" = {target.Sequence}"));
        await AssertIntactAsync(admin);

        // 2. An entry removed from the middle of a chain.
        await DeleteAsync(target);
        await AssertBrokenAsync(admin, "missing", citizen, 2, chain[2].Sequence);
        await RestoreAsync(target);

        // 3. Two entries reordered by swapping their sequence numbers (what a newest-first list shows).
        await Sql($"UPDATE \"AccessLog\" SET \"Sequence\" = -1 WHERE \"Sequence\" = {chain[1].Sequence}");
        await Sql($"UPDATE \"AccessLog\" SET \"Sequence\" = {chain[1].Sequence} WHERE \"Sequence\" = {chain[2].Sequence}");
        await Sql($"UPDATE \"AccessLog\" SET \"Sequence\" = {chain[2].Sequence} WHERE \"Sequence\" = -1");
        var reordered = await VerifyAsync(admin);
        Assert.False(reordered.GetProperty("intact").GetBoolean());
        Assert.Equal(citizen, reordered.GetProperty("brokenChain").GetGuid());
        Assert.Equal(2, reordered.GetProperty("brokenAtPosition").GetInt64());
        await Sql($"UPDATE \"AccessLog\" SET \"Sequence\" = -1 WHERE \"Sequence\" = {chain[1].Sequence}");
        await Sql($"UPDATE \"AccessLog\" SET \"Sequence\" = {chain[1].Sequence} WHERE \"Sequence\" = {chain[2].Sequence}");
        await Sql($"UPDATE \"AccessLog\" SET \"Sequence\" = {chain[2].Sequence} WHERE \"Sequence\" = -1");
        await AssertIntactAsync(admin);

        // 4. The newest entry of a chain deleted, its head left: the head no longer matches.
        await DeleteAsync(chain[^1]);
        await AssertBrokenAsync(admin, "entries after this point were deleted", citizen, head.ChainPosition, null);
        await RestoreAsync(chain[^1]);

        // 5. A whole chain deleted, its head left.
        var otherChain = await ChainAsync(other);
        await DeleteAsync([.. otherChain]);
        await AssertBrokenAsync(admin, "the chain's entries were deleted", other, 1, null);

        // 6. … and with its head: only the checkpoint that recorded the chain remembers it.
        var otherHead = await factory.WithDbAsync(db => db.AccessLogChainHeads.AsNoTracking().SingleAsync(h => h.CitizenId == other));
        await Sql($"DELETE FROM \"AccessLogChainHeads\" WHERE \"CitizenId\" = {Literal(other)}");
        var erased = await AssertBrokenAsync(admin, "an entry recorded by a checkpoint is gone", other, otherChain[^1].ChainPosition, null);
        Assert.Equal(checkpoint.Number, erased.GetProperty("brokenCheckpoint").GetInt64());
        await RestoreAsync([.. otherChain]);
        await factory.WithDbAsync(async db =>
        {
            db.AccessLogChainHeads.Add(otherHead);
            return await db.SaveChangesAsync();
        });
        await AssertIntactAsync(admin);

        // 7. A chain's tail cut back below its checkpoint, the head rewound to match: the checkpoint catches it.
        var cut = chain.Where(e => e.ChainPosition >= sealedLength).ToArray();
        await DeleteAsync(cut);
        await SetHeadAsync(citizen, chain[(int)sealedLength - 2]);
        await AssertBrokenAsync(admin, "an entry recorded by a checkpoint is gone", citizen, sealedLength, null);
        await RestoreAsync(cut);
        await SetHeadAsync(citizen, chain[^1]);
        await AssertIntactAsync(admin);

        // 8. The limit (ADR 0015): entries appended after the newest checkpoint, deleted together with a rewind of the
        //    head, are not found — until then only the heads protect them. The next checkpoint seals what is there.
        var unsealed = chain.Where(e => e.ChainPosition > sealedLength).ToArray();
        Assert.NotEmpty(unsealed);
        await DeleteAsync(unsealed);
        await SetHeadAsync(citizen, chain[(int)sealedLength - 1]);
        await AssertIntactAsync(admin);
        await RestoreAsync(unsealed);
        await SetHeadAsync(citizen, chain[^1]);
        var next = await CheckpointAsync();
        Assert.Equal(checkpoint.Number + 1, next!.Number);
        Assert.Equal(checkpoint.Hash, next.PreviousHash);
        await DeleteAsync(unsealed);
        await SetHeadAsync(citizen, chain[(int)sealedLength - 1]);
        await AssertBrokenAsync(admin, "an entry recorded by a checkpoint is gone", citizen, head.ChainPosition, null);
        await RestoreAsync(unsealed);
        await SetHeadAsync(citizen, chain[^1]);

        // 9. A checkpoint itself changed: a chain struck from its record.
        await Sql($"DELETE FROM \"AccessLogCheckpointHeads\" WHERE \"CheckpointNumber\" = {checkpoint.Number} AND \"CitizenId\" = {Literal(other)}");
        var struck = await VerifyAsync(admin);
        Assert.Equal("checkpoint changed", struck.GetProperty("problem").GetString());
        Assert.Equal(checkpoint.Number, struck.GetProperty("brokenCheckpoint").GetInt64());
        await factory.WithDbAsync(async db =>
        {
            db.AccessLogCheckpointHeads.Add(new AccessLogCheckpointHeadRow { CheckpointNumber = checkpoint.Number, CitizenId = other, Position = otherHead.Position, Hash = otherHead.Hash });
            return await db.SaveChangesAsync();
        });
        await AssertIntactAsync(admin);

        // Nothing moved since the last checkpoint: no empty checkpoint is written.
        Assert.Null(await CheckpointAsync());
    }

    private static async Task<JsonElement> VerifyAsync(HttpClient admin) => await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/access-log/verify");

    private static async Task AssertIntactAsync(HttpClient admin)
    {
        var result = await VerifyAsync(admin);
        Assert.True(result.GetProperty("intact").GetBoolean(), result.ToString());
    }

    private static async Task<JsonElement> AssertBrokenAsync(HttpClient admin, string problem, Guid chain, long position, long? sequence)
    {
        var result = await VerifyAsync(admin);
        Assert.False(result.GetProperty("intact").GetBoolean(), result.ToString());
        Assert.Equal(problem, result.GetProperty("problem").GetString());
        Assert.Equal(chain, result.GetProperty("brokenChain").GetGuid());
        Assert.Equal(position, result.GetProperty("brokenAtPosition").GetInt64());
        Assert.Equal(sequence, result.GetProperty("brokenAtSequence").ValueKind == JsonValueKind.Null ? null : result.GetProperty("brokenAtSequence").GetInt64());
        return result;
    }

    private async Task<Samspil.Domain.Audit.AccessLogCheckpoint?> CheckpointAsync()
    {
        await using var scope = factory.Services.GetRequiredService<IServiceScopeFactory>().CreateSystemScope();
        return await scope.ServiceProvider.GetRequiredService<AccessLogCheckpoints>().WriteAsync(CancellationToken.None);
    }

    private Task<List<Samspil.Domain.Audit.AccessLogEntry>> ChainAsync(Guid citizen) =>
        factory.WithDbAsync(db => db.AccessLog.AsNoTracking().Where(e => e.CitizenId == citizen && e.ChainPosition > 0).OrderBy(e => e.ChainPosition).ToListAsync());

    /// <summary>A GUID as each provider stores it (SQLite: upper-case text), for raw SQL.</summary>
    private string Literal(Guid id) => factory is SqliteFactory ? $"'{id.ToString().ToUpperInvariant()}'" : $"'{id}'";

    private Task<int> Sql(string sql) => factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql));

    private Task<int> DeleteAsync(params Samspil.Domain.Audit.AccessLogEntry[] entries) =>
        Sql($"DELETE FROM \"AccessLog\" WHERE \"Sequence\" IN ({string.Join(", ", entries.Select(e => e.Sequence))})");

    private Task<int> RestoreAsync(params Samspil.Domain.Audit.AccessLogEntry[] entries) => factory.WithDbAsync(async db =>
    {
        db.SystemSeeding = true;
        db.AccessLog.AddRange(entries);
        return await db.SaveChangesAsync();
    });

    private Task<int> SetHeadAsync(Guid citizen, Samspil.Domain.Audit.AccessLogEntry newest) =>
        Sql($"UPDATE \"AccessLogChainHeads\" SET \"Position\" = {newest.ChainPosition}, \"Hash\" = '{newest.Hash}' WHERE \"CitizenId\" = {Literal(citizen)}");

    [Fact]
    public async Task If_the_log_cannot_be_written_the_read_fails_and_reveals_nothing()
    {
        using var clinician = await factory.ClientForAsync("behandler.odense");
        var course = await TestData.CreateCourseAsync(clinician, givenName: "Ulogget");
        var courseId = course.GetProperty("id").GetGuid();

        await Sql("ALTER TABLE \"AccessLogChainHeads\" RENAME TO \"AccessLogChainHeadsAway\"");
        try
        {
            var response = await clinician.GetAsync($"/api/v1/courses/{courseId}");
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            Assert.DoesNotContain("Ulogget", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            await Sql("ALTER TABLE \"AccessLogChainHeadsAway\" RENAME TO \"AccessLogChainHeads\"");
        }
    }
}

public sealed class AccessLogTestsOnSqlite(SqliteFactory factory) : AccessLogTests(factory), IClassFixture<SqliteFactory>;

public sealed class AccessLogTestsOnPostgres(PostgresFactory factory) : AccessLogTests(factory), IClassFixture<PostgresFactory>;
