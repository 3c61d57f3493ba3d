using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Samspil.Infrastructure.Security;

/// <summary>Configuration section <c>RateLimiting:SignIn</c>: how many failed sign-ins are allowed before 429.</summary>
public sealed class SignInLimitOptions
{
    public const string Section = "RateLimiting:SignIn";

    /// <summary>Failed sign-ins (page or token) per user name within <see cref="WindowSeconds"/>, known or unknown name alike.</summary>
    public int FailuresPerAccount { get; set; } = 10;

    /// <summary>Failed sign-ins and refreshes per client address within <see cref="WindowSeconds"/> (password spraying across accounts).</summary>
    public int FailuresPerAddress { get; set; } = 30;

    /// <summary>The window the failures are counted in; also the Retry-After of a refused attempt.</summary>
    public int WindowSeconds { get; set; } = 900;
}

/// <summary>
/// Counts failed sign-ins per user name and per client address with the .NET rate limiters
/// (System.Threading.RateLimiting, the limiters behind ASP.NET Core's rate-limiting middleware).
/// Only failures count, so an office of colleagues signing in behind one address in the morning is
/// never slowed, while guessing (many passwords for one account) and spraying (a few passwords for
/// many accounts from one address) are refused with 429 and Retry-After once the limit is reached.
/// The middleware itself is not used: it takes a permit before the handler runs, so it can neither
/// see whether the password was right nor key on the user name in the body.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    private const int MaxKeyLength = 256;
    private readonly PartitionedRateLimiter<string> _accounts;
    private readonly PartitionedRateLimiter<string> _addresses;

    public SignInThrottle(IOptions<SignInLimitOptions> options)
    {
        var o = options.Value;
        var window = TimeSpan.FromSeconds(Math.Max(1, o.WindowSeconds));
        _accounts = Create(Math.Max(1, o.FailuresPerAccount), window);
        _addresses = Create(Math.Max(1, o.FailuresPerAddress), window);
    }

    /// <summary>How long to wait when the account or the address has used up its failures; null when an attempt may go ahead.</summary>
    public TimeSpan? RetryAfter(HttpContext context, string? userName)
    {
        TimeSpan? wait = null;
        foreach (var (limiter, key) in Keys(context, userName))
        {
            // Zero permits asks "are any left?" without using one.
            using var lease = limiter.AttemptAcquire(key, 0);
            if (!lease.IsAcquired)
            {
                var retry = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(60);
                wait = wait is { } w && w > retry ? w : retry;
            }
        }

        return wait;
    }

    /// <summary>Counts one failure against the account and the address.</summary>
    public void RecordFailure(HttpContext context, string? userName)
    {
        foreach (var (limiter, key) in Keys(context, userName))
        {
            limiter.AttemptAcquire(key, 1).Dispose();
        }
    }

    /// <summary>Sets Retry-After (whole seconds, at least 1) on a refused answer.</summary>
    public static void SetRetryAfter(HttpResponse response, TimeSpan wait) =>
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    public void Dispose()
    {
        _accounts.Dispose();
        _addresses.Dispose();
    }

    private IEnumerable<(PartitionedRateLimiter<string> Limiter, string Key)> Keys(HttpContext context, string? userName)
    {
        if (!string.IsNullOrWhiteSpace(userName))
        {
            var key = userName.Trim().ToUpperInvariant();
            yield return (_accounts, key.Length > MaxKeyLength ? key[..MaxKeyLength] : key);
        }

        // Kestrel always knows the peer; behind a proxy the forwarded-headers middleware has put the client's address here.
        // (Only an in-memory test server has none.)
        if (context.Connection.RemoteIpAddress is { } address)
        {
            yield return (_addresses, (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString());
        }
    }

    private static PartitionedRateLimiter<string> Create(int failures, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = failures,
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
}
