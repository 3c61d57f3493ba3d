using Microsoft.AspNetCore.Identity;
using Samspil.Domain.Common;

namespace Samspil.Infrastructure.Security;

public enum PasswordSignInOutcome
{
    Succeeded = 0,

    /// <summary>Wrong name, wrong password, locked or not allowed: one answer, so none of them can be told apart.</summary>
    Failed = 1,

    /// <summary>Too many failures for this name or from this address; see <see cref="PasswordSignInResult.RetryAfter"/>.</summary>
    Throttled = 2,

    /// <summary>Right password; the account has an authenticator app, so a code comes next (Identity's partial sign-in cookie is set by the sign-in page path).</summary>
    TwoFactorRequired = 3,

    /// <summary>Right password; two-factor sign-in is required of the account but it has no authenticator app yet (set-up comes next).</summary>
    EnrolmentRequired = 4,
}

/// <param name="User">The account, when the password was right (<see cref="PasswordSignInOutcome.Succeeded"/> and the two-factor outcomes).</param>
public sealed record PasswordSignInResult(PasswordSignInOutcome Outcome, TimeSpan RetryAfter = default, AppUser? User = null);

/// <summary>
/// Sign-in with a password for the sign-in page and the token endpoint, answering alike for an
/// unknown name, a wrong password and a locked account: the same outcome and about the same time,
/// because every path verifies one password hash (a dummy one when there is no real one to check).
/// Failures count towards the <see cref="SignInThrottle"/>.
/// </summary>
public sealed class PasswordSignIn(SignInManager<AppUser> signInManager, IPasswordHasher<AppUser> hasher, DummyPasswordHash dummy, SignInThrottle throttle, TwoFactor twoFactor)
{
    /// <summary>
    /// Checks the password and signs in with <paramref name="authenticationScheme"/> (the cookie). When a second
    /// factor is due, only the partial sign-in (Identity's TwoFactorUserId cookie) is made, which no page but the
    /// code and set-up pages reads; see <see cref="PasswordSignInOutcome.TwoFactorRequired"/> and <see cref="PasswordSignInOutcome.EnrolmentRequired"/>.
    /// </summary>
    public Task<PasswordSignInResult> SignInAsync(HttpContext context, string? userName, string? password, string authenticationScheme) =>
        VerifyAsync(context, userName, password, async (user, pass) =>
        {
            if (await twoFactor.StepAfterPasswordAsync(user) == TwoFactorStep.Enrolment)
            {
                var checkedOnly = await signInManager.CheckPasswordSignInAsync(user, pass, lockoutOnFailure: true);
                if (!checkedOnly.Succeeded)
                {
                    return checkedOnly;
                }

                await TwoFactor.BeginEnrolmentAsync(context, user);
                return SignInResult.TwoFactorRequired;
            }

            // With an authenticator app Identity answers TwoFactorRequired and sets its partial sign-in cookie.
            signInManager.AuthenticationScheme = authenticationScheme;
            return await signInManager.PasswordSignInAsync(user, pass, isPersistent: false, lockoutOnFailure: true);
        });

    /// <summary>Checks the password without signing in, for the token endpoint, which issues the tokens itself (see <see cref="Sessions"/>).</summary>
    public Task<PasswordSignInResult> CheckAsync(HttpContext context, string? userName, string? password) =>
        VerifyAsync(context, userName, password, (user, pass) => signInManager.CheckPasswordSignInAsync(user, pass, lockoutOnFailure: true));

    private async Task<PasswordSignInResult> VerifyAsync(HttpContext context, string? userName, string? password, Func<AppUser, string, Task<SignInResult>> signIn)
    {
        if (throttle.RetryAfter(context, userName) is { } wait)
        {
            return new PasswordSignInResult(PasswordSignInOutcome.Throttled, wait);
        }

        var user = string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password) || Guard.HasControlCharacters(userName) || userName.Length > 256
            ? null
            : await signInManager.UserManager.FindByNameAsync(userName.Trim());

        if (user is null || user.PasswordHash is null || await signInManager.UserManager.IsLockedOutAsync(user) || !await signInManager.CanSignInAsync(user))
        {
            // Identity returns at once for these; spend what checking a password costs, so the time tells nothing.
            hasher.VerifyHashedPassword(dummy.User, dummy.Hash, password ?? string.Empty);
            throttle.RecordFailure(context, userName);
            return new PasswordSignInResult(PasswordSignInOutcome.Failed);
        }

        var result = await signIn(user, password!);
        if (result.Succeeded)
        {
            return new PasswordSignInResult(PasswordSignInOutcome.Succeeded, User: user);
        }

        if (result.RequiresTwoFactor)
        {
            var outcome = await twoFactor.StepAfterPasswordAsync(user) == TwoFactorStep.Enrolment ? PasswordSignInOutcome.EnrolmentRequired : PasswordSignInOutcome.TwoFactorRequired;
            return new PasswordSignInResult(outcome, User: user);
        }

        throttle.RecordFailure(context, userName);
        return new PasswordSignInResult(PasswordSignInOutcome.Failed);
    }
}

/// <summary>A password hash of a random password, made once with the application's hasher settings, for verifying against when there is no real hash.</summary>
public sealed class DummyPasswordHash
{
    public DummyPasswordHash(Microsoft.Extensions.Options.IOptions<PasswordHasherOptions> options)
    {
        Hash = new PasswordHasher<AppUser>(options).HashPassword(User, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));
    }

    public AppUser User { get; } = new();

    public string Hash { get; }
}
