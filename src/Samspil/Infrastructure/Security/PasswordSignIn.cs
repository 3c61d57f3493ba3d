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
}

/// <param name="User">The account, when the outcome is <see cref="PasswordSignInOutcome.Succeeded"/>.</param>
public sealed record PasswordSignInResult(PasswordSignInOutcome Outcome, TimeSpan RetryAfter = default, AppUser? User = null);

/// <summary>
/// Sign-in with a password for the sign-in page and the token endpoint, answering alike for an
/// unknown name, a wrong password and a locked account: the same outcome and about the same time,
/// because every path verifies one password hash (a dummy one when there is no real one to check).
/// Failures count towards the <see cref="SignInThrottle"/>.
/// </summary>
public sealed class PasswordSignIn(SignInManager<AppUser> signInManager, IPasswordHasher<AppUser> hasher, DummyPasswordHash dummy, SignInThrottle throttle)
{
    /// <summary>Checks the password and signs in with <paramref name="authenticationScheme"/> (the cookie).</summary>
    public Task<PasswordSignInResult> SignInAsync(HttpContext context, string? userName, string? password, string authenticationScheme) =>
        VerifyAsync(context, userName, password, (user, pass) =>
        {
            signInManager.AuthenticationScheme = authenticationScheme;
            return signInManager.PasswordSignInAsync(user, pass, isPersistent: false, lockoutOnFailure: true);
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
