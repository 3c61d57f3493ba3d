using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Samspil.IntegrationTests.Infrastructure;

/// <summary>
/// A browser for flows through the <see cref="TestIdentityProvider"/>: one cookie jar per site, redirects followed by
/// hand, every address visited recorded (sign-in through an invitation, sign-out at the provider).
/// </summary>
public sealed class OidcBrowser(SamspilFactory factory, TestIdentityProvider idp) : IDisposable
{
    private readonly HttpClient _samspil = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
    private readonly HttpClient _provider = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true });

    /// <summary>Every address requested by <see cref="FollowAsync"/> and <see cref="PostFormAsync"/>, in order.</summary>
    public List<Uri> Visited { get; } = [];

    public Task<HttpResponseMessage> GetAsync(string path) => _samspil.GetAsync(path);

    /// <summary>Follows redirects, on either site, until an answer is not a redirect; returns that answer.</summary>
    public async Task<HttpResponseMessage> FollowAsync(string url)
    {
        var uri = new Uri(_samspil.BaseAddress!, url);
        Visited.Add(uri);
        return await FollowFromAsync(uri, await ClientFor(uri).GetAsync(uri));
    }

    /// <summary>Posts a Razor form (with the antiforgery token of <paramref name="formPage"/>) and follows the redirects.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string formPage, string action)
    {
        var html = await (await _samspil.GetAsync(formPage)).Content.ReadAsStringAsync();
        var uri = new Uri(_samspil.BaseAddress!, action);
        Visited.Add(uri);
        var response = await _samspil.PostAsync(uri, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = SamspilFactory.AntiforgeryToken(html),
        }));
        return await FollowFromAsync(uri, response);
    }

    /// <summary>Signs in with a password on the login page (the answer, not followed).</summary>
    public async Task<HttpResponseMessage> PostLoginAsync(string userName, string password)
    {
        var html = await (await _samspil.GetAsync("/Account/Login")).Content.ReadAsStringAsync();
        return await _samspil.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Username"] = userName,
            ["Password"] = password,
            ["__RequestVerificationToken"] = SamspilFactory.AntiforgeryToken(html),
        }));
    }

    public async Task<JsonElement?> MeAsync()
    {
        var response = await _samspil.GetAsync("/api/v1/me");
        return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonElement>() : null;
    }

    /// <summary>The href of the page's sign-in button for a provider.</summary>
    public static string ButtonHref(string html, string providerDisplayName)
    {
        var match = Regex.Match(html, "<a class=\"button\" href=\"([^\"]+)\">[^<]*" + Regex.Escape(providerDisplayName) + "</a>");
        Assert.True(match.Success, "No button for " + providerDisplayName);
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public void Dispose()
    {
        _samspil.Dispose();
        _provider.Dispose();
    }

    private async Task<HttpResponseMessage> FollowFromAsync(Uri uri, HttpResponseMessage response)
    {
        for (var hops = 0; hops < 12; hops++)
        {
            if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.RedirectKeepVerb))
            {
                return response;
            }

            uri = new Uri(uri, response.Headers.Location!);
            Visited.Add(uri);
            response = await ClientFor(uri).GetAsync(uri);
        }

        throw new InvalidOperationException("Too many redirects.");
    }

    private HttpClient ClientFor(Uri uri) => uri.Authority == idp.Authority.Authority ? _provider : _samspil;
}
