namespace Samspil.Infrastructure.Idempotency;

/// <summary>Configuration section "Idempotency".</summary>
public sealed class IdempotencyOptions
{
    public const string Section = "Idempotency";

    /// <summary>How long a stored answer is replayed for a retry with the same key (default 24 hours).</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The largest answer body stored for replay; a larger answer is sent but not stored (default 1 MB).</summary>
    public int MaxStoredBodyBytes { get; set; } = 1024 * 1024;
}
