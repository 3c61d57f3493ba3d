namespace Samspil.Infrastructure.Security;

/// <summary>
/// Configuration section <c>Samspil</c>: where the application is reached from outside and whether a
/// TLS-terminating proxy stands in front of it.
/// </summary>
public sealed class WebSecurityOptions
{
    public const string Section = "Samspil";

    /// <summary>
    /// The address people open Samspil at. Every absolute link the application writes (mails,
    /// invitations, iCalendar files) starts with it; the request's Host header is never used.
    /// An https address also turns on HSTS, HTTPS redirection and Secure-only cookies.
    /// </summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5000";

    /// <summary>True when a reverse proxy forwards requests (X-Forwarded-For and X-Forwarded-Proto are then trusted from <see cref="KnownProxies"/> and <see cref="KnownNetworks"/>).</summary>
    public bool BehindProxy { get; set; }

    /// <summary>Addresses of the proxies whose forwarded headers are trusted (default: loopback only).</summary>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>Networks (CIDR, e.g. <c>10.0.0.0/8</c>) whose forwarded headers are trusted.</summary>
    public IList<string> KnownNetworks { get; } = [];

    /// <summary><c>Samspil:PublicBaseUrl</c>, else the older <c>Notifications:PublicBaseUrl</c>, else the development default.</summary>
    public static string Resolve(IConfiguration configuration) =>
        configuration[Section + ":" + nameof(PublicBaseUrl)] is { Length: > 0 } url ? url
        : configuration["Notifications:PublicBaseUrl"] is { Length: > 0 } older ? older
        : "http://localhost:5000";

    public bool PublicIsHttps => Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps;

    /// <summary>An absolute link to a path on Samspil, e.g. <c>/Meetings/{id}</c>.</summary>
    public string LinkTo(string path) => PublicBaseUrl.TrimEnd('/') + "/" + path.TrimStart('/');
}
