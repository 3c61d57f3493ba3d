using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using QRCoder;
using Samspil.Domain.Common;

namespace Samspil.Infrastructure.Security;

/// <summary>Configuration section <c>Authentication</c>: whether staff must sign in with a second factor.</summary>
public sealed class TwoFactorOptions
{
    public const string Section = "Authentication";

    /// <summary>
    /// Professionals and administrators who sign in with a password must also give a code from an authenticator
    /// app (TOTP), and must set one up before they get in. On by default; off in Development so the demo logins work
    /// with just a password. Sign-in through an OpenID Connect provider is never asked: the provider does its own.
    /// </summary>
    public bool RequireTwoFactorForStaff { get; set; } = true;
}

/// <summary>What a person who gave the right password must still do.</summary>
public enum TwoFactorStep
{
    /// <summary>Nothing: signed in.</summary>
    None = 0,

    /// <summary>Give a code from the authenticator app (or a recovery code).</summary>
    Code = 1,

    /// <summary>Set up an authenticator app first (staff while two-factor sign-in is required).</summary>
    Enrolment = 2,
}

/// <summary>The result of checking a code given with a password (the token endpoint).</summary>
public enum TwoFactorCodeCheck
{
    Accepted = 0,

    /// <summary>No code was given.</summary>
    Missing = 1,

    /// <summary>A code that cannot be one (too long, control characters): refused without counting.</summary>
    Malformed = 2,

    /// <summary>A wrong code: counted towards the account's lockout.</summary>
    Wrong = 3,
}

/// <summary>
/// Two-factor sign-in with an authenticator app, on ASP.NET Core Identity's own authenticator token provider
/// (RFC 6238: 6 digits, 30-second steps) and recovery codes, both kept in AspNetUserTokens. Who must use it is
/// decided here (<see cref="StepAfterPasswordAsync"/>); the sign-in pages and the token endpoint ask.
/// </summary>
public sealed class TwoFactor(UserManager<AppUser> users, IOptionsMonitor<TwoFactorOptions> options)
{
    /// <summary>Claim on the partial (TwoFactorUserId cookie) sign-in of someone who must set up an authenticator app.</summary>
    public const string EnrolmentClaim = "samspil:2fa_enrolment";

    public const int RecoveryCodeCount = 10;

    /// <summary>Longer input is not a code; it is refused before anything is looked up.</summary>
    public const int MaxCodeLength = 64;

    private const string Issuer = "Samspil";

    public bool RequiredForStaff => options.CurrentValue.RequireTwoFactorForStaff;

    public async Task<bool> IsStaffAsync(AppUser user) =>
        await users.IsInRoleAsync(user, SamspilRoles.Professional) || await users.IsInRoleAsync(user, SamspilRoles.Administrator);

    /// <summary>Whether two-factor sign-in is required of this account (staff, while the setting is on).</summary>
    public async Task<bool> IsRequiredAsync(AppUser user) => RequiredForStaff && await IsStaffAsync(user);

    /// <summary>What comes after the right password: a code when the account has an authenticator, enrolment when one is required but missing.</summary>
    public async Task<TwoFactorStep> StepAfterPasswordAsync(AppUser user)
    {
        if (await users.GetTwoFactorEnabledAsync(user))
        {
            return TwoFactorStep.Code;
        }

        return await IsRequiredAsync(user) ? TwoFactorStep.Enrolment : TwoFactorStep.None;
    }

    /// <summary>
    /// Checks a code from the authenticator app or, when given instead, a recovery code (which is used up).
    /// A wrong code counts towards lockout; a right one clears the count.
    /// </summary>
    public async Task<TwoFactorCodeCheck> CheckAsync(AppUser user, string? code, string? recoveryCode)
    {
        var hasCode = !string.IsNullOrWhiteSpace(code);
        var hasRecovery = !string.IsNullOrWhiteSpace(recoveryCode);
        if (!hasCode && !hasRecovery)
        {
            return TwoFactorCodeCheck.Missing;
        }

        bool? accepted;
        if (hasCode)
        {
            accepted = NormalizeAuthenticatorCode(code) is { } totp
                ? await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, totp)
                : IsMalformed(code) ? null : false;
        }
        else
        {
            accepted = NormalizeRecoveryCode(recoveryCode) is { } recovery
                ? (await users.RedeemTwoFactorRecoveryCodeAsync(user, recovery)).Succeeded
                : IsMalformed(recoveryCode) ? null : false;
        }

        if (accepted is null)
        {
            return TwoFactorCodeCheck.Malformed;
        }

        if (accepted.Value)
        {
            await users.ResetAccessFailedCountAsync(user);
            return TwoFactorCodeCheck.Accepted;
        }

        await users.AccessFailedAsync(user);
        return TwoFactorCodeCheck.Wrong;
    }

    /// <summary>Six digits, with the spaces or dash an app may show removed; null when it is not that.</summary>
    public static string? NormalizeAuthenticatorCode(string? code)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > MaxCodeLength)
        {
            return null;
        }

        var digits = code.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        return digits.Length == 6 && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    /// <summary>A recovery code as Identity makes them (letters, digits, one dash), trimmed; null when it cannot be one.</summary>
    public static string? NormalizeRecoveryCode(string? code)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > MaxCodeLength)
        {
            return null;
        }

        var trimmed = code.Trim().Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        return trimmed.Length is > 0 and <= 32 && trimmed.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') ? trimmed : null;
    }

    private static bool IsMalformed(string? code) => code is not null && (code.Length > MaxCodeLength || Guard.HasControlCharacters(code));

    /// <summary>The account's authenticator key, made (and stored) when it has none yet.</summary>
    public async Task<string> AuthenticatorKeyAsync(AppUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }

        return key!;
    }

    /// <summary>Turns two-factor sign-in on after the first right code, and returns the recovery codes (shown once).</summary>
    public async Task<IReadOnlyList<string>?> EnableAsync(AppUser user, string? code)
    {
        if (NormalizeAuthenticatorCode(code) is not { } totp
            || !await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, totp))
        {
            return null;
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        return await NewRecoveryCodesAsync(user);
    }

    public async Task<IReadOnlyList<string>> NewRecoveryCodesAsync(AppUser user) =>
        (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList() ?? [];

    /// <summary>Turns two-factor sign-in off and throws the old key away (a new app must be set up; ends the account's sessions).</summary>
    public async Task ResetAsync(AppUser user)
    {
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
    }

    /// <summary>The partial sign-in of someone who gave the right password and must now set up an authenticator app: nothing but the set-up page reads it.</summary>
    public static Task BeginEnrolmentAsync(HttpContext context, AppUser user)
    {
        var identity = new ClaimsIdentity(IdentityConstants.TwoFactorUserIdScheme);
        identity.AddClaim(new Claim(ClaimTypes.Name, user.Id.ToString("D", CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(EnrolmentClaim, "1"));
        return context.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, new ClaimsPrincipal(identity));
    }

    /// <summary>The account of a partial sign-in waiting for enrolment, or null.</summary>
    public async Task<AppUser?> PendingEnrolmentAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme);
        if (result.Principal is not { } principal || principal.FindFirstValue(EnrolmentClaim) != "1"
            || principal.FindFirstValue(ClaimTypes.Name) is not { } id)
        {
            return null;
        }

        return await users.FindByIdAsync(id);
    }

    /// <summary>The key in groups of four, as people type it into an app.</summary>
    public static string FormatKey(string key)
    {
        var result = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            if (i > 0)
            {
                result.Append(' ');
            }

            result.Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }

        return result.ToString().ToLowerInvariant();
    }

    /// <summary>The otpauth:// address an authenticator app reads from the QR code.</summary>
    public static string AuthenticatorUri(AppUser user, string key) => string.Create(
        CultureInfo.InvariantCulture,
        $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(user.UserName ?? string.Empty)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6");

    /// <summary>The QR code of <paramref name="uri"/> as an SVG element (no XML prologue), for inlining in a page.</summary>
    public static string QrCodeSvg(string uri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(4);
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        return start > 0 ? svg[start..] : svg;
    }
}
