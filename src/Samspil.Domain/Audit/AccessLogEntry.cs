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
/// One line of the append-only access log. Each entry carries the hash of the one before it, so
/// changing or deleting a row breaks the chain from that point (verified by <see cref="AccessLogChain"/>).
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

    public long Sequence { get; private set; }

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

    public static AccessLogEntry Append(AccessLogDraft draft, long sequence, string previousHash)
    {
        var entry = new AccessLogEntry
        {
            Sequence = sequence,

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
    /// SHA-256 over every field in a fixed, culture-free layout, chained to the previous hash.
    /// The PostgreSQL function <c>samspil_append_access_log</c> (migration AccessLogAppendFunction)
    /// computes the same layout; change both together.
    /// </summary>
    public string ComputeHash()
    {
        var canonical = string.Join(
            '\u001f',
            "v1",
            Sequence.ToString(CultureInfo.InvariantCulture),
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
            PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}

/// <summary>The result of checking the chain: null break means intact.</summary>
public sealed record ChainVerification(long EntriesChecked, long? BrokenAtSequence, string? Problem)
{
    public bool Intact => BrokenAtSequence is null;
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
