using Samspil.Domain.Audit;
using Samspil.Domain.Consents;

namespace Samspil.Domain.Tests;

public sealed class AccessLogChainTests
{
    private static AccessLogDraft Draft(int i) => new(
        new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero).AddTicks(1_234_567 + i),
        Guid.NewGuid(), "Fagperson", Guid.NewGuid(), Guid.NewGuid(), InformationCategory.StatusAndAppointments, AccessAction.Read,
        "Course", Guid.NewGuid(), AccessBasisKind.Consent, Guid.NewGuid(), 2, null, AccessPurpose.Coordination, "req-" + i);

    private static List<AccessLogEntry> Chain(int length)
    {
        var entries = new List<AccessLogEntry>();
        var previous = AccessLogChain.Genesis;
        for (var i = 1; i <= length; i++)
        {
            var entry = AccessLogEntry.AppendToLegacyChain(Draft(i), i, previous);
            entries.Add(entry);
            previous = entry.Hash;
        }

        return entries;
    }

    [Fact]
    public void Times_are_kept_to_the_millisecond_so_the_hash_survives_any_database()
    {
        var entry = AccessLogEntry.AppendToLegacyChain(Draft(0), 1, AccessLogChain.Genesis);
        Assert.Equal(0, entry.At.UtcTicks % TimeSpan.TicksPerMillisecond);
        Assert.Equal(entry.Hash, entry.ComputeHash());
    }

    [Fact]
    public void An_intact_chain_verifies_and_an_empty_one_too()
    {
        var chain = Chain(5);
        Assert.True(AccessLogChain.Verify(chain, 5, chain[^1].Hash).Intact);
        Assert.True(AccessLogChain.Verify([], 0, AccessLogChain.Genesis).Intact);
    }

    [Fact]
    public void A_missing_row_in_the_middle_is_reported_by_its_number()
    {
        var chain = Chain(5);
        chain.RemoveAt(2);
        var result = AccessLogChain.Verify(chain, 5, chain[^1].Hash);
        Assert.Equal(3, result.BrokenAtSequence);
        Assert.Equal("missing", result.Problem);
    }

    [Fact]
    public void Deleting_the_newest_rows_is_caught_by_the_head()
    {
        var chain = Chain(5);
        var head = chain[^1].Hash;
        var result = AccessLogChain.Verify(chain.Take(3), 5, head);
        Assert.Equal(4, result.BrokenAtSequence);
    }

    [Fact]
    public void Rows_of_another_chain_do_not_fit()
    {
        var chain = Chain(3);
        var foreign = Chain(3);
        var result = AccessLogChain.Verify([chain[0], foreign[1], chain[2]], 3, chain[2].Hash);
        Assert.Equal(2, result.BrokenAtSequence);
        Assert.Equal("previous hash does not match", result.Problem);
    }
}
