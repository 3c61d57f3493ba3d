using Samspil.Infrastructure.Security;

namespace Samspil.Features.Account;

/// <summary>The sign-in buttons for identity providers, shared by the login and activation pages.</summary>
public sealed record ExternalLinksModel(string Heading, IReadOnlyList<OidcProviderOptions> Providers, Func<OidcProviderOptions, string> HrefFor);
