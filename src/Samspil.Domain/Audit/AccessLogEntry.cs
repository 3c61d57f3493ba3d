using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Samspil.Domain.Consents;

namespace Samspil.Domain.Audit;

public enum AccessAction
{
    Create = 0,
    Read = 1,
    Update = 2,
    Delete = 3,

    /// <summary>The user (the entry's user, not whoever caused it) was sent a notice about the citizen.</summary>
    Notified = 4,
}

/// <summary>What is about to be logged; the appender gives it its place in the chain.</summary>
public sealed record AccessLogDraft(
    DateTimeOffset At,
    Guid UserId,
    string UserName,
    Guid? OrganizationId,
    Guid CitizenId,
    InformationCategory Category,
    AccessAction Action,
    string ResourceType,
    Guid? ResourceId,
    AccessBasisKind Basis,
    Guid? ConsentId,
    int? ConsentVersion,
    string? LegalBasisCode,
    AccessPurpose Purpose,
    string RequestId);

/// <summary>
/// One line of the append-only access log. Each entry carries the hash of the one before it in its
/// citizen's chain (<see cref="ChainPosition"/> 1, 2, …), so changing or deleting a row breaks that
/// chain from that point (verified by <see cref="CitizenChainsVerifier"/>). Entries written before
/// issue 16 have <see cref="ChainPosition"/> 0: they keep the one global chain they were written in
/// (format v1, verified by <see cref="ChainVerifier"/>). See ADR 0015.
/// </summary>
public sealed class AccessLogEntry
{
    private AccessLogEntry()
    {
        UserName = string.Empty;
        ResourceType = string.Empty;
        RequestId = string.Empty;
        PreviousHash = string.Empty;
        Hash = string.Empty;
    }

    /// <summary>Where the entry sits in the whole log: unique and increasing, with gaps (a rolled-back append uses a number up).</summary>
    public long Sequence { get; private set; }

    /// <summary>The entry's place in its citizen's chain, gapless from 1; 0 for an entry of the legacy global chain (v1).</summary>
    public long ChainPosition { get; private set; }

    public DateTimeOffset At { get; private set; }

    public Guid UserId { get; private set; }

    public string UserName { get; private set; }

    public Guid? OrganizationId { get; private set; }

    public Guid CitizenId { get; private set; }

    public InformationCategory Category { get; private set; }

    public AccessAction Action { get; private set; }

    public string ResourceType { get; private set; }

    public Guid? ResourceId { get; private set; }

    public AccessBasisKind Basis { get; private set; }

    public Guid? ConsentId { get; private set; }

    public int? ConsentVersion { get; private set; }

    public string? LegalBasisCode { get; private set; }

    public AccessPurpose Purpose { get; private set; }

    public string RequestId { get; private set; }

    public string PreviousHash { get; private set; }

    public string Hash { get; private set; }

    /// <summary>
    /// The next entry of the citizen's chain (format v2): <paramref name="chainPosition"/> is one more than the
    /// chain head's, <paramref name="previousHash"/> the head's hash (<see cref="AccessLogChain.Genesis"/> for the first).
    /// </summary>
    public static AccessLogEntry AppendToCitizenChain(AccessLogDraft draft, long sequence, long chainPosition, string previousHash)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chainPosition, 1);
        return Create(draft, sequence, chainPosition, previousHash);
    }

    /// <summary>An entry of the legacy global chain (format v1, numbered 1, 2, … across all citizens), as written before issue 16.</summary>
    public static AccessLogEntry AppendToLegacyChain(AccessLogDraft draft, long sequence, string previousHash) => Create(draft, sequence, 0, previousHash);

    private static AccessLogEntry Create(AccessLogDraft draft, long sequence, long chainPosition, string previousHash)
    {
        var entry = new AccessLogEntry
        {
            Sequence = sequence,
            ChainPosition = chainPosition,

            At = NormalizeTime(draft.At),
            UserId = draft.UserId,
            UserName = draft.UserName,
            OrganizationId = draft.OrganizationId,
            CitizenId = draft.CitizenId,
            Category = draft.Category,
            Action = draft.Action,
            ResourceType = draft.ResourceType,
            ResourceId = draft.ResourceId,
            Basis = draft.Basis,
            ConsentId = draft.ConsentId,
            ConsentVersion = draft.ConsentVersion,
            LegalBasisCode = draft.LegalBasisCode,
            Purpose = draft.Purpose,
            RequestId = draft.RequestId,
            PreviousHash = previousHash,
        };
        entry.Hash = entry.ComputeHash();
        return entry;
    }

    /// <summary>Whole milliseconds: what every database stores exactly, so the hash verifies after a round trip.</summary>
    public static DateTimeOffset NormalizeTime(DateTimeOffset at) => at.AddTicks(-(at.UtcTicks % TimeSpan.TicksPerMillisecond));

    /// <summary>
    /// SHA-256 over every field in a fixed, culture-free layout, chained to the previous hash. Format v2 (citizen
    /// chains) is v1 with the chain position after the sequence. The PostgreSQL function
    /// <c>samspil_append_access_log</c> (the hand-written block of the PostgreSQL InitialCreate) computes the v2
    /// layout; change both together.
    /// </summary>
    public string ComputeHash()
    {
        List<string> fields = ChainPosition == 0
            ? ["v1", Sequence.ToString(CultureInfo.InvariantCulture)]
            : ["v2", Sequence.ToString(CultureInfo.InvariantCulture), ChainPosition.ToString(CultureInfo.InvariantCulture)];
        fields.AddRange(
        [
            At.UtcTicks.ToString(CultureInfo.InvariantCulture),
            UserId.ToString("N"),
            UserName,
            OrganizationId?.ToString("N") ?? "-",
            CitizenId.ToString("N"),
            ((int)Category).ToString(CultureInfo.InvariantCulture),
            ((int)Action).ToString(CultureInfo.InvariantCulture),
            ResourceType,
            ResourceId?.ToString("N") ?? "-",
            ((int)Basis).ToString(CultureInfo.InvariantCulture),
            ConsentId?.ToString("N") ?? "-",
            ConsentVersion?.ToString(CultureInfo.InvariantCulture) ?? "-",
            LegalBasisCode ?? "-",
            ((int)Purpose).ToString(CultureInfo.InvariantCulture),
            RequestId,
            PreviousHash,
        ]);
        var canonical = string.Join('\u001f', fields);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}

/// <summary>
/// The result of checking the log: no <see cref="Problem"/> means intact. Where it broke: the entry's
/// <see cref="BrokenAtSequence"/> (for a missing entry of the legacy chain, the number that is missing; null when
/// the break has no entry, e.g. a deleted chain), the citizen chain (<see cref="BrokenChain"/>, the citizen's id) and
/// position in it, or the checkpoint that no longer matches.
/// </summary>
public sealed record ChainVerification(long EntriesChecked, long? BrokenAtSequence, string? Problem)
{
    public bool Intact => Problem is null;

    public Guid? BrokenChain { get; init; }

    public long? BrokenAtPosition { get; init; }

    public long? BrokenCheckpoint { get; init; }

    public long ChainsChecked { get; init; }

    public long CheckpointsChecked { get; init; }

    /// <summary>The newest checkpoint's number and hash: write them down outside the database to anchor everything up to it.</summary>
    public long? LatestCheckpoint { get; init; }

    public string? LatestCheckpointHash { get; init; }
}

public static class AccessLogChain
{
    public static readonly string Genesis = new('0', 64);

    public static ChainVerification Verify(IEnumerable<AccessLogEntry> entriesInOrder, long headSequence, string headHash)
    {
        var verifier = new ChainVerifier();
        foreach (var entry in entriesInOrder)
        {
            if (!verifier.Accept(entry))
            {
                break;
            }
        }

        return verifier.Finish(headSequence, headHash);
    }
}

/// <summary>
/// Checks the chain one entry at a time (so a long log can be streamed): numbering must be gapless
/// from 1, each entry must point at the previous hash and hash to its own, and the last must match
/// the recorded head (so deleting the newest rows is caught too).
/// </summary>
public sealed class ChainVerifier
{
    private long _expected = 1;
    private string _previous = AccessLogChain.Genesis;
    private ChainVerification? _broken;

    /// <returns>False once the chain is broken; later entries need not be read.</returns>
    public bool Accept(AccessLogEntry entry)
    {
        if (_broken is not null)
        {
            return false;
        }

        if (entry.Sequence != _expected)
        {
            _broken = new(_expected - 1, _expected, entry.Sequence > _expected ? "missing" : "out of order");
        }
        else if (!string.Equals(entry.PreviousHash, _previous, StringComparison.Ordinal))
        {
            _broken = new(_expected - 1, entry.Sequence, "previous hash does not match");
        }
        else if (!string.Equals(entry.ComputeHash(), entry.Hash, StringComparison.Ordinal))
        {
            _broken = new(_expected - 1, entry.Sequence, "content changed");
        }
        else
        {
            _previous = entry.Hash;
            _expected++;
        }

        return _broken is null;
    }

    public ChainVerification Finish(long headSequence, string headHash)
    {
        if (_broken is not null)
        {
            return _broken;
        }

        var count = _expected - 1;
        if (count != headSequence || !string.Equals(_previous, count == 0 ? AccessLogChain.Genesis : headHash, StringComparison.Ordinal))
        {
            return new(count, count + 1, "entries after this point were deleted");
        }

        return new(count, null, null);
    }
}

/// <summary>
/// Checks every citizen's chain one entry at a time, the entries streamed in (citizen, position) order with the
/// citizen's chain head alongside: positions gapless from 1, each entry pointing at the previous hash and hashing to
/// its own, sequence numbers increasing along the chain (so rows cannot be reordered by renumbering), and the last
/// entry equal to the head (so deleting a chain's newest rows is caught). Memory is one chain's state, whatever the
/// log's length.
/// </summary>
public sealed class CitizenChainsVerifier
{
    private Guid? _chain;
    private long _expected;
    private long _lastSequence;
    private string _previous = AccessLogChain.Genesis;
    private long? _headPosition;
    private string? _headHash;
    private long _entries;
    private long _chains;
    private ChainVerification? _broken;

    public long EntriesChecked => _entries;

    public long ChainsChecked => _chains;

    /// <param name="entry">The next entry, in (citizen, position) order; only entries with a chain position (v2).</param>
    /// <param name="headPosition">The citizen's chain head, null if the head row is missing.</param>
    /// <param name="headHash">The head's hash.</param>
    /// <returns>False once a chain is broken; later entries need not be read.</returns>
    public bool Accept(AccessLogEntry entry, long? headPosition, string? headHash)
    {
        if (_broken is not null)
        {
            return false;
        }

        if (_chain != entry.CitizenId)
        {
            if (!FinishChain())
            {
                return false;
            }

            _chain = entry.CitizenId;
            _chains++;
            _expected = 1;
            _lastSequence = long.MinValue;
            _previous = AccessLogChain.Genesis;
            _headPosition = headPosition;
            _headHash = headHash;
        }

        if (entry.ChainPosition != _expected)
        {
            Break(entry.Sequence, _expected, entry.ChainPosition > _expected ? "missing" : "out of order");
        }
        else if (entry.Sequence <= _lastSequence)
        {
            Break(entry.Sequence, entry.ChainPosition, "out of order");
        }
        else if (!string.Equals(entry.PreviousHash, _previous, StringComparison.Ordinal))
        {
            Break(entry.Sequence, entry.ChainPosition, "previous hash does not match");
        }
        else if (!string.Equals(entry.ComputeHash(), entry.Hash, StringComparison.Ordinal))
        {
            Break(entry.Sequence, entry.ChainPosition, "content changed");
        }
        else
        {
            _previous = entry.Hash;
            _lastSequence = entry.Sequence;
            _expected++;
            _entries++;
        }

        return _broken is null;
    }

    public ChainVerification Finish()
    {
        FinishChain();
        return _broken ?? new ChainVerification(_entries, null, null) { ChainsChecked = _chains };
    }

    private bool FinishChain()
    {
        if (_broken is not null || _chain is null)
        {
            return _broken is null;
        }

        var length = _expected - 1;
        if (_headPosition is null)
        {
            Break(null, length, "the chain's head is missing");
        }
        else if (_headPosition != length || !string.Equals(_headHash, _previous, StringComparison.Ordinal))
        {
            Break(null, length + 1, _headPosition > length ? "entries after this point were deleted" : "the chain's head does not match its newest entry");
        }

        return _broken is null;
    }

    private void Break(long? sequence, long position, string problem) =>
        _broken = new ChainVerification(_entries, sequence, problem) { BrokenChain = _chain, BrokenAtPosition = position, ChainsChecked = _chains };
}

/// <summary>One chain's head as a checkpoint recorded it. <see cref="AccessLogCheckpoint.LegacyChain"/> stands for the legacy global chain.</summary>
public sealed record CheckpointHead(Guid CitizenId, long Position, string Hash);

/// <summary>
/// A checkpoint over the chain heads: which chains had which head at a moment, chained to the previous checkpoint.
/// Each checkpoint lists the heads that moved since the chains' previous checkpoint, so a chain, or a chain's entries
/// up to a checkpointed position, cannot be deleted without verification noticing (ADR 0015).
/// </summary>
public sealed class AccessLogCheckpoint
{
    /// <summary>The pseudo-citizen under which a checkpoint records the legacy global chain's head (its sequence and hash).</summary>
    public static readonly Guid LegacyChain = Guid.Empty;

    private AccessLogCheckpoint()
    {
        PreviousHash = string.Empty;
        Hash = string.Empty;
    }

    public long Number { get; private set; }

    public DateTimeOffset At { get; private set; }

    public int HeadCount { get; private set; }

    public string PreviousHash { get; private set; }

    public string Hash { get; private set; }

    /// <summary>The next checkpoint; <paramref name="heads"/> in any order (they are hashed in a fixed one).</summary>
    public static AccessLogCheckpoint Create(long number, DateTimeOffset at, string previousHash, IReadOnlyCollection<CheckpointHead> heads)
    {
        var checkpoint = new AccessLogCheckpoint
        {
            Number = number,
            At = AccessLogEntry.NormalizeTime(at),
            HeadCount = heads.Count,
            PreviousHash = previousHash,
        };
        checkpoint.Hash = checkpoint.ComputeHash(heads);
        return checkpoint;
    }

    /// <summary>SHA-256 over the checkpoint's fields and its heads sorted by citizen (ordinal over the 32-digit form).</summary>
    public string ComputeHash(IEnumerable<CheckpointHead> heads)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string field)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(field));
            hash.AppendData([0x1f]);
        }

        Add("c1");
        Add(Number.ToString(CultureInfo.InvariantCulture));
        Add(At.UtcTicks.ToString(CultureInfo.InvariantCulture));
        Add(HeadCount.ToString(CultureInfo.InvariantCulture));
        Add(PreviousHash);
        foreach (var head in heads.OrderBy(h => h.CitizenId.ToString("N"), StringComparer.Ordinal))
        {
            Add(head.CitizenId.ToString("N"));
            Add(head.Position.ToString(CultureInfo.InvariantCulture));
            Add(head.Hash);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}

/// <summary>
/// Checks the checkpoints in order: numbered gaplessly from 1, each pointing at the previous one's hash, each hashing
/// (with its recorded heads) to its own and holding as many heads as it says.
/// </summary>
public sealed class CheckpointVerifier
{
    private long _expected = 1;
    private string _previous = AccessLogChain.Genesis;
    private ChainVerification? _broken;

    public long CheckpointsChecked => _expected - 1;

    public string? LatestHash => _expected == 1 ? null : _previous;

    public bool Accept(AccessLogCheckpoint checkpoint, IReadOnlyCollection<CheckpointHead> heads)
    {
        if (_broken is not null)
        {
            return false;
        }

        string? problem = checkpoint.Number != _expected ? (checkpoint.Number > _expected ? "checkpoint missing" : "checkpoint out of order")
            : !string.Equals(checkpoint.PreviousHash, _previous, StringComparison.Ordinal) ? "checkpoint's previous hash does not match"
            : heads.Count != checkpoint.HeadCount || !string.Equals(checkpoint.ComputeHash(heads), checkpoint.Hash, StringComparison.Ordinal) ? "checkpoint changed"
            : null;
        if (problem is not null)
        {
            _broken = new ChainVerification(0, null, problem) { BrokenCheckpoint = Math.Min(checkpoint.Number, _expected), CheckpointsChecked = _expected - 1 };
            return false;
        }

        _previous = checkpoint.Hash;
        _expected++;
        return true;
    }

    public ChainVerification? Broken => _broken;
}
