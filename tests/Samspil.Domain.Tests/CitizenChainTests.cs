using Samspil.Domain.Audit;
using Samspil.Domain.Consents;

namespace Samspil.Domain.Tests;

/// <summary>Per-citizen chains and checkpoints (issue 16, ADR 0015): every kind of tampering is found.</summary>
public sealed class CitizenChainTests
{
    private static readonly Guid A = Guid.Parse("0a000000-0000-0000-0000-000000000000");
    private static readonly Guid B = Guid.Parse("0b000000-0000-0000-0000-000000000000");

    private static AccessLogDraft Draft(Guid citizen, int i) => new(
        new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero).AddMilliseconds(i), Guid.NewGuid(), "Fagperson Æblerød", null, citizen,
        InformationCategory.StatusAndAppointments, AccessAction.Read, "Course", Guid.NewGuid(), AccessBasisKind.Consent, Guid.NewGuid(), 1, null,
        AccessPurpose.Coordination, "req-" + i);

    /// <summary>Two interleaved chains, as appends for two citizens land; sequence numbers with a gap, as a rollback leaves.</summary>
    private static (List<AccessLogEntry> Entries, Dictionary<Guid, (long Position, string Hash)> Heads) Log(int perCitizen = 4)
    {
        var entries = new List<AccessLogEntry>();
        var heads = new Dictionary<Guid, (long Position, string Hash)> { [A] = (0, AccessLogChain.Genesis), [B] = (0, AccessLogChain.Genesis) };
        long sequence = 0;
        for (var i = 0; i < perCitizen * 2; i++)
        {
            var citizen = i % 2 == 0 ? A : B;
            sequence += i == 3 ? 2 : 1;
            var entry = AccessLogEntry.AppendToCitizenChain(Draft(citizen, i), sequence, heads[citizen].Position + 1, heads[citizen].Hash);
            entries.Add(entry);
            heads[citizen] = (entry.ChainPosition, entry.Hash);
        }

        return (entries, heads);
    }

    private static ChainVerification Verify(IEnumerable<AccessLogEntry> entries, IReadOnlyDictionary<Guid, (long Position, string Hash)> heads)
    {
        var verifier = new CitizenChainsVerifier();
        foreach (var entry in entries.OrderBy(e => e.CitizenId).ThenBy(e => e.ChainPosition))
        {
            var head = heads.TryGetValue(entry.CitizenId, out var h) ? h : ((long, string)?)null;
            if (!verifier.Accept(entry, head?.Item1, head?.Item2))
            {
                break;
            }
        }

        return verifier.Finish();
    }

    [Fact]
    public void Interleaved_chains_with_gaps_in_the_sequence_verify()
    {
        var (entries, heads) = Log();
        var result = Verify(entries, heads);
        Assert.True(result.Intact, result.Problem);
        Assert.Equal(8, result.EntriesChecked);
        Assert.Equal(2, result.ChainsChecked);
        Assert.Equal([1L, 2, 3, 4], entries.Where(e => e.CitizenId == A).Select(e => e.ChainPosition));
    }

    [Fact]
    public void A_changed_entry_is_found_where_it_is()
    {
        var (entries, heads) = Log();
        var target = entries.First(e => e.CitizenId == B && e.ChainPosition == 2);
        var forged = AccessLogEntry.AppendToCitizenChain(Draft(B, 99) with { UserName = "Nogen Andet" }, target.Sequence, 2, target.PreviousHash);
        var tampered = entries.Select(e => e == target ? WithHash(forged, target.Hash) : e).ToList();
        var result = Verify(tampered, heads);
        Assert.Equal(("content changed", B, 2L, target.Sequence), (result.Problem, result.BrokenChain, result.BrokenAtPosition, result.BrokenAtSequence));
    }

    [Fact]
    public void A_removed_entry_is_reported_by_its_position()
    {
        var (entries, heads) = Log();
        var result = Verify(entries.Where(e => !(e.CitizenId == A && e.ChainPosition == 2)), heads);
        Assert.Equal(("missing", A, 2L), (result.Problem, result.BrokenChain, result.BrokenAtPosition));
    }

    [Fact]
    public void Entries_swapped_between_positions_or_renumbered_do_not_fit()
    {
        var (entries, heads) = Log();
        var second = entries.First(e => e.CitizenId == A && e.ChainPosition == 2);
        var third = entries.First(e => e.CitizenId == A && e.ChainPosition == 3);

        // The rows' positions swapped: each now sits where its previous hash does not point.
        var swapped = entries.Select(e => e == second ? Move(third, 2, third.Sequence) : e == third ? Move(second, 3, second.Sequence) : e);
        Assert.False(Verify(swapped, heads).Intact);

        // Only the sequence numbers swapped, so a newest-first list shows them in the wrong order.
        var renumbered = Verify(entries.Select(e => e == second ? Move(second, 2, third.Sequence) : e == third ? Move(third, 3, second.Sequence) : e), heads);
        Assert.Equal(A, renumbered.BrokenChain);
        Assert.False(renumbered.Intact);
    }

    [Fact]
    public void The_newest_entries_of_a_chain_deleted_are_caught_by_its_head()
    {
        var (entries, heads) = Log();
        var result = Verify(entries.Where(e => !(e.CitizenId == B && e.ChainPosition >= 3)), heads);
        Assert.Equal(("entries after this point were deleted", B, 3L), (result.Problem, result.BrokenChain, result.BrokenAtPosition));
    }

    [Fact]
    public void An_entry_moved_to_another_citizen_breaks_both_chains()
    {
        var (entries, heads) = Log();
        var moved = entries.First(e => e.CitizenId == A && e.ChainPosition == 4);
        var result = Verify(entries.Where(e => e != moved).Append(Move(moved, 5, moved.Sequence, B)), heads);
        Assert.False(result.Intact);
    }

    [Fact]
    public void A_chain_without_its_head_is_reported()
    {
        var (entries, heads) = Log();
        heads.Remove(A);
        var result = Verify(entries, heads);
        Assert.Equal(("the chain's head is missing", A), (result.Problem, result.BrokenChain));
    }

    [Fact]
    public void The_legacy_global_chain_keeps_its_v1_hash_and_is_verified_as_before()
    {
        var previous = AccessLogChain.Genesis;
        var legacy = new List<AccessLogEntry>();
        for (var i = 1; i <= 3; i++)
        {
            var entry = AccessLogEntry.AppendToLegacyChain(Draft(i % 2 == 0 ? A : B, i), i, previous);
            legacy.Add(entry);
            previous = entry.Hash;
        }

        Assert.All(legacy, e => Assert.Equal(0, e.ChainPosition));
        Assert.True(AccessLogChain.Verify(legacy, 3, previous).Intact);

        // The same fields in a citizen chain hash differently: an entry cannot pass from one format to the other.
        var asV2 = AccessLogEntry.AppendToCitizenChain(Draft(B, 1), 1, 1, AccessLogChain.Genesis);
        Assert.NotEqual(legacy[0].Hash, asV2.Hash);
        Assert.Equal(4, AccessLogChain.Verify(legacy, 4, previous).BrokenAtSequence);
    }

    [Fact]
    public void Checkpoints_chain_and_any_change_to_one_is_found()
    {
        var first = AccessLogCheckpoint.Create(1, DateTimeOffset.UnixEpoch, AccessLogChain.Genesis, [new(B, 4, new string('b', 64)), new(A, 4, new string('a', 64))]);
        CheckpointHead[] secondHeads = [new(A, 6, new string('c', 64))];
        var second = AccessLogCheckpoint.Create(2, DateTimeOffset.UnixEpoch.AddMinutes(5), first.Hash, secondHeads);

        var verifier = new CheckpointVerifier();
        Assert.True(verifier.Accept(first, [new(A, 4, new string('a', 64)), new(B, 4, new string('b', 64))])); // order does not matter
        Assert.True(verifier.Accept(second, secondHeads));
        Assert.Equal((2L, second.Hash), (verifier.CheckpointsChecked, verifier.LatestHash));

        // A head removed from a checkpoint (a chain erased from the record), or changed.
        var removed = new CheckpointVerifier();
        Assert.False(removed.Accept(first, [new(A, 4, new string('a', 64))]));
        Assert.Equal(("checkpoint changed", 1L), (removed.Broken!.Problem, removed.Broken.BrokenCheckpoint));
        Assert.False(new CheckpointVerifier().Accept(first, [new(A, 3, new string('a', 64)), new(B, 4, new string('b', 64))]));

        // A checkpoint removed from the middle.
        var gap = new CheckpointVerifier();
        Assert.False(gap.Accept(second, secondHeads));
        Assert.Equal("checkpoint missing", gap.Broken!.Problem);
    }

    private static AccessLogEntry WithHash(AccessLogEntry entry, string hash)
    {
        typeof(AccessLogEntry).GetProperty(nameof(AccessLogEntry.Hash))!.SetValue(entry, hash);
        return entry;
    }

    /// <summary>A copy of the row with other position, sequence or citizen and its hash as stored (what an UPDATE of those columns leaves).</summary>
    private static AccessLogEntry Move(AccessLogEntry entry, long position, long sequence, Guid? citizen = null)
    {
        var draft = new AccessLogDraft(entry.At, entry.UserId, entry.UserName, entry.OrganizationId, citizen ?? entry.CitizenId, entry.Category, entry.Action,
            entry.ResourceType, entry.ResourceId, entry.Basis, entry.ConsentId, entry.ConsentVersion, entry.LegalBasisCode, entry.Purpose, entry.RequestId);
        return WithHash(AccessLogEntry.AppendToCitizenChain(draft, sequence, position, entry.PreviousHash), entry.Hash);
    }
}
