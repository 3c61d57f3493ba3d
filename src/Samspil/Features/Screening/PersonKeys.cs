using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Samspil.Domain.Citizens;
using Samspil.Features.Demo;

namespace Samspil.Features.Screening;

/// <summary>
/// Makes the pseudonymous person key of a citizen: HMAC-SHA256 of the ten CPR digits under the secret
/// shared with the region, as 64 lower-case hex characters. The region computes the same key in its
/// admissions extract, so Samspil can recognise its own citizens among the keys without any CPR number
/// in the screening tables, and without the secret nobody can turn a key back into a CPR number
/// (ADR 0009).
/// </summary>
public sealed class PersonKeys
{
    /// <summary>Public and therefore worthless as a secret: only for synthetic demo data.</summary>
    public const string DevelopmentSecret = "samspil-development-person-key-secret-not-for-production";

    private readonly byte[]? _secret;

    public PersonKeys(IOptions<ScreeningOptions> options, IOptions<DemoOptions> demo)
    {
        var secret = options.Value.PersonKeySecret;
        if (string.IsNullOrWhiteSpace(secret) && demo.Value.Seed)
        {
            secret = DevelopmentSecret;
        }

        _secret = string.IsNullOrWhiteSpace(secret) ? null : Encoding.UTF8.GetBytes(secret);
    }

    /// <summary>Whether a secret is configured, i.e. whether lists can link to courses.</summary>
    public bool Enabled => _secret is not null;

    /// <summary>The person key of a CPR number, or null when no secret is configured.</summary>
    public string? KeyOf(CprNumber cpr)
    {
        ArgumentNullException.ThrowIfNull(cpr);
        return _secret is null ? null : Compute(_secret, cpr.Value);
    }

    /// <summary>The key for the given secret (for the region's side and for tests).</summary>
    public static string Compute(byte[] secret, string cprDigits) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(cprDigits)));
}
