using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Samspil.Features.Account;
using Samspil.Infrastructure.Security;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests;

/// <summary>The clean-up of spent refresh tokens and staff invitations, on a fake clock, on each provider.</summary>
public abstract class SignInRecordCleanupTests(SamspilFactory factory)
{
    private static readonly DateTimeOffset Issued = SamspilFactory.Now.AddDays(-200);

    [Fact]
    public async Task Records_spent_more_than_the_retention_ago_are_deleted_and_everything_still_usable_or_recent_stays()
    {
        var userId = await factory.WithDbAsync(db => db.Users.Where(u => u.UserName == "admin.odense").Select(u => u.Id).SingleAsync());
        var lifetime = TimeSpan.FromDays(14);
        var now = Issued.AddDays(100);

        // Refresh tokens: expired 86 days ago; revoked 40 days ago (not yet expired); revoked 10 days ago; still valid; used but not yet expired.
        var expiredLongAgo = RefreshTokenRecord.Issue(Hash(), Guid.NewGuid(), userId, Issued, lifetime);
        var revokedLongAgo = RefreshTokenRecord.Issue(Hash(), Guid.NewGuid(), userId, now.AddDays(-45), TimeSpan.FromDays(60));
        var revokedRecently = RefreshTokenRecord.Issue(Hash(), Guid.NewGuid(), userId, now.AddDays(-12), lifetime);
        var valid = RefreshTokenRecord.Issue(Hash(), Guid.NewGuid(), userId, now.AddDays(-1), lifetime);
        var expiredRecently = RefreshTokenRecord.Issue(Hash(), Guid.NewGuid(), userId, now.AddDays(-20), lifetime); // expired 6 days ago

        // Invitations: expired 93 days ago; replaced (revoked) 31 days ago; used and expired 10 days ago; open.
        var (oldInvitation, _) = StaffInvitation.Issue(userId, userId, Issued);
        var (replaced, _) = StaffInvitation.Issue(userId, userId, now.AddDays(-35));
        replaced.Revoke(now.AddDays(-31));
        var (usedRecently, _) = StaffInvitation.Issue(userId, userId, now.AddDays(-17));
        usedRecently.MarkUsed(now.AddDays(-16));
        var (open, _) = StaffInvitation.Issue(userId, userId, now.AddDays(-2));

        await factory.WithDbAsync(async db =>
        {
            db.AddRange(expiredLongAgo, revokedLongAgo, revokedRecently, valid, expiredRecently, oldInvitation, replaced, usedRecently, open);
            await db.SaveChangesAsync();
            await db.RefreshTokens.Where(r => r.Id == revokedLongAgo.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.RevokedAt, now.AddDays(-40)));
            await db.RefreshTokens.Where(r => r.Id == revokedRecently.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.RevokedAt, now.AddDays(-10)));
            return 0;
        });

        var result = await factory.WithDbAsync(db => Cleanup(db, now, retentionDays: 30).RunAsync(CancellationToken.None));

        Guid[] mine = [expiredLongAgo.Id, revokedLongAgo.Id, revokedRecently.Id, valid.Id, expiredRecently.Id];
        Guid[] myInvitations = [oldInvitation.Id, replaced.Id, usedRecently.Id, open.Id];
        var tokensLeft = await factory.WithDbAsync(db => db.RefreshTokens.Where(r => mine.Contains(r.Id)).Select(r => r.Id).ToListAsync());
        var invitationsLeft = await factory.WithDbAsync(db => db.StaffInvitations.Where(i => myInvitations.Contains(i.Id)).Select(i => i.Id).ToListAsync());
        Assert.Equal(new[] { revokedRecently.Id, valid.Id, expiredRecently.Id }.Order(), tokensLeft.Order());
        Assert.Equal(new[] { usedRecently.Id, open.Id }.Order(), invitationsLeft.Order());
        Assert.True(result.RefreshTokens >= 2 && result.StaffInvitations >= 2, result.ToString());

        // Later, with a shorter retention, the recent ones go too; the open invitation and the valid token stay.
        await factory.WithDbAsync(db => Cleanup(db, now.AddDays(3), retentionDays: 1).RunAsync(CancellationToken.None));
        Assert.Equal([valid.Id], await factory.WithDbAsync(db => db.RefreshTokens.Where(r => mine.Contains(r.Id)).Select(r => r.Id).ToListAsync()));
        Assert.Equal([open.Id], await factory.WithDbAsync(db => db.StaffInvitations.Where(i => myInvitations.Contains(i.Id)).Select(i => i.Id).ToListAsync()));
    }

    [Theory]
    [InlineData(0, 30)]
    [InlineData(6, 0)]
    [InlineData(200, 30)]
    [InlineData(6, 5000)]
    public void Settings_out_of_range_are_named(int intervalHours, int retentionDays) =>
        Assert.StartsWith("Authentication:Cleanup:", new SignInRecordCleanupOptions { IntervalHours = intervalHours, RetentionDays = retentionDays }.Problem(), StringComparison.Ordinal);

    private static SignInRecordCleanup Cleanup(Samspil.Infrastructure.Persistence.SamspilDbContext db, DateTimeOffset now, int retentionDays) =>
        new(db, new FakeTimeProvider(now), Options.Create(new SignInRecordCleanupOptions { RetentionDays = retentionDays }), NullLogger<SignInRecordCleanup>.Instance);

    private static string Hash() => Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()).PadRight(64, '0');
}

public sealed class SignInRecordCleanupTestsOnSqlite(SqliteFactory factory) : SignInRecordCleanupTests(factory), IClassFixture<SqliteFactory>;

public sealed class SignInRecordCleanupTestsOnPostgres(PostgresFactory factory) : SignInRecordCleanupTests(factory), IClassFixture<PostgresFactory>;

/// <summary><c>DataProtection:KeysDirectory</c> keeps the key ring in a folder, so a restart or a second instance reads the same keys.</summary>
public sealed class DataProtectionKeysTests
{
    [Fact]
    public void With_a_keys_directory_the_key_ring_is_written_there_and_a_second_instance_can_read_what_the_first_protected()
    {
        var directory = Path.Combine(Path.GetTempPath(), "samspil-keys-" + Guid.NewGuid().ToString("N"));
        try
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { [DataProtectionKeys.KeysDirectorySetting] = directory })
                .Build();
            using var first = new ServiceCollection().AddSamspilDataProtection(configuration).BuildServiceProvider();
            var secret = first.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("hello");
            Assert.Single(Directory.GetFiles(directory, "key-*.xml"));

            using var second = new ServiceCollection().AddSamspilDataProtection(configuration).BuildServiceProvider();
            Assert.Equal("hello", second.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(secret));
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
