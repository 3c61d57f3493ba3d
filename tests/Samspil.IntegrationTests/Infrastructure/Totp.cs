using System.Globalization;
using System.Security.Cryptography;

namespace Samspil.IntegrationTests.Infrastructure;

/// <summary>
/// RFC 6238 codes as an authenticator app makes them (HMAC-SHA1, 30-second steps, 6 digits, base32 key),
/// written out here so the tests check Identity against the standard rather than against itself.
/// Identity's authenticator provider reads the system clock (not the injected TimeProvider), so these do too.
/// </summary>
public static class Totp
{
    public static string Code(string base32Key, DateTimeOffset? at = null)
    {
        var step = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds() / 30;
        var counter = BitConverter.GetBytes(step);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(counter);
        }

#pragma warning disable CA5350 // RFC 6238 as authenticator apps implement it is HMAC-SHA1.
        var hash = HMACSHA1.HashData(FromBase32(base32Key), counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>A code that is not the current one, nor one of the neighbours Identity also accepts (two steps either side).</summary>
    public static string WrongCode(string base32Key)
    {
        var now = DateTimeOffset.UtcNow;
        var accepted = Enumerable.Range(-3, 7).Select(i => Code(base32Key, now.AddSeconds(30 * i))).ToHashSet(StringComparer.Ordinal);
        return Enumerable.Range(0, 20).Select(i => (123_456 + (i * 7_919)).ToString("D6", CultureInfo.InvariantCulture)).First(c => !accepted.Contains(c));
    }

    private static byte[] FromBase32(string key)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var clean = key.Replace(" ", string.Empty, StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant();
        var output = new List<byte>(clean.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in clean)
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                output.Add((byte)((buffer >> bits) & 0xFF));
            }
        }

        return [.. output];
    }
}
