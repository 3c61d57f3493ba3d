using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Samspil.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Samspil.IntegrationTests;

/// <summary>
/// Issue 21: no 403, 404 or 500 behind a visible control. For each demo role the crawler signs in, follows every
/// same-origin link and GET form on every page it reaches, and then submits every POST form and button with the values
/// the page rendered. A validation answer (200 or 400 with the form again) is fine; a refusal, a missing page, a server
/// error or a redirect to sign-in is a failure, named with the page and the control's text.
/// <para>
/// It tests what the UI shows, not data access, so it runs on one provider (SQLite) only. Each role gets a database of
/// its own (one class per role), so that what one role ends or withdraws does not change what the next one sees.
/// Links are deduplicated by their path with ids, numbers and dates normalised (a course's page is visited for one
/// course, not for all of them); posts by action path, page handler and the pressed button. At most
/// <see cref="MaxPages"/> pages per role, to keep the whole run under a minute.
/// </para>
/// </summary>
public abstract partial class ControlCrawlTests(SamspilFactory factory, ITestOutputHelper output)
{
    public const int MaxPages = 160;

    /// <summary>The demo login this class crawls as.</summary>
    protected abstract string User { get; }

    [Fact]
    public async Task Every_visible_link_and_button_answers_without_403_404_or_500()
    {
        var clock = Stopwatch.StartNew();
        using var client = await factory.CookieClientAsync(User);
        var crawl = new Crawl(client);
        await crawl.WalkAsync("/");

        // Posts: the harmless ones first, then those that end, withdraw, delete or cancel something, and the user's own
        // account (sign-out, language, security) at the very end, so that the rest run signed in and in Danish.
        foreach (var post in crawl.Posts.OrderBy(p => p.Order).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            await crawl.SubmitAsync(post);
        }

        output.WriteLine($"{User}: {crawl.Pages} pages, {crawl.Posts.Count} posts ({crawl.Skipped} no longer shown when their turn came), {crawl.Requests} requests in {clock.ElapsedMilliseconds} ms");
        foreach (var failure in crawl.Failures)
        {
            output.WriteLine(failure);
        }

        Assert.True(crawl.Pages >= 5, $"{User}: only {crawl.Pages} pages reached; is the sign-in working?");
        Assert.True(crawl.Failures.Count == 0, $"{User}: {crawl.Failures.Count} controls fail:\n" + string.Join("\n", crawl.Failures));
    }

    /// <summary>One POST the crawler will make: where it was seen, which control, where it goes and with what.</summary>
    private sealed record PostAction(string Key, int Order, string Page, string Control, string Action, IReadOnlyList<KeyValuePair<string, string>> Fields);

    private sealed partial class Crawl(HttpClient client)
    {
        private static readonly HtmlParser Parser = new();
        private readonly Queue<(string Url, string From, string Control)> _queue = new();
        private readonly HashSet<string> _seenPatterns = new(StringComparer.Ordinal);
        private readonly HashSet<string> _postKeys = new(StringComparer.Ordinal);

        public List<PostAction> Posts { get; } = [];

        public List<string> Failures { get; } = [];

        public int Pages { get; private set; }

        public int Requests { get; private set; }

        /// <summary>Posts not made because an earlier one removed their control from the page.</summary>
        public int Skipped { get; private set; }

        public async Task WalkAsync(string start)
        {
            Enqueue(start, "(start)", "(start)");
            while (_queue.Count > 0 && Pages < MaxPages)
            {
                var (url, from, control) = _queue.Dequeue();
                var (status, finalUrl, html) = await GetAsync(url);
                if (!Fine(status, finalUrl))
                {
                    Failures.Add($"GET {url} ({control} on {from}) → {Describe(status, finalUrl)}");
                    continue;
                }

                if (html is null)
                {
                    continue;
                }

                Pages++;
                Read(finalUrl, html);
            }
        }

        public async Task SubmitAsync(PostAction post)
        {
            // An earlier destructive post may have changed what the page offers (a course ended, a meeting cancelled): read
            // the page again and press the control only if it is still there, with the values rendered now.
            if (post.Order is 1 or 2)
            {
                var (status0, url0, html0) = await GetAsync(post.Page);
                if (!Fine(status0, url0) || html0 is null)
                {
                    return; // the page itself is gone for this user after an earlier post (e.g. the course ended and they left it)
                }

                var fresh = Parser.ParseDocument(html0);
                var now = PostsOn(post.Page, fresh).FirstOrDefault(p => p.Key == post.Key);
                if (now is null)
                {
                    Skipped++;
                    return;
                }

                post = now;
            }

            Requests++;
            using var response = await client.PostAsync(post.Action, new FormUrlEncodedContent(post.Fields));
            var status = response.StatusCode;
            var location = response.Headers.Location?.ToString();
            if (status is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.RedirectKeepVerb && location is not null)
            {
                if (post.Order == 3)
                {
                    return; // sign-out and language answer with a redirect; the session may be gone after them
                }

                if (SignIn(location))
                {
                    Failures.Add($"POST {post.Action} ({post.Control} on {post.Page}) → redirect to sign-in");
                    return;
                }

                var (next, finalUrl, _) = await GetAsync(location!);
                if (!Fine(next, finalUrl))
                {
                    Failures.Add($"POST {post.Action} ({post.Control} on {post.Page}) → {location} → {Describe(next, finalUrl)}");
                }

                return;
            }

            if (status is HttpStatusCode.Forbidden or HttpStatusCode.NotFound || (int)status >= 500)
            {
                Failures.Add($"POST {post.Action} ({post.Control} on {post.Page}) → {(int)status}");
            }
        }

        /// <summary>GET with redirects followed by hand (so that a redirect to sign-in is seen); HTML is returned for parsing.</summary>
        private async Task<(HttpStatusCode Status, string Url, string? Html)> GetAsync(string url)
        {
            for (var hops = 0; hops < 6; hops++)
            {
                Requests++;
                using var response = await client.GetAsync(url);
                if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    url = location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
                    if (SignIn(url))
                    {
                        return (response.StatusCode, url, null);
                    }

                    continue;
                }

                var html = response.IsSuccessStatusCode && response.Content.Headers.ContentType?.MediaType == "text/html" && !url.StartsWith("/api/", StringComparison.OrdinalIgnoreCase)
                    ? await response.Content.ReadAsStringAsync()
                    : null;
                return (response.StatusCode, url, html);
            }

            return (HttpStatusCode.LoopDetected, url, null);
        }

        private static bool SignIn(string? url) => url is not null && (url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase) || url.Contains("/Account/AccessDenied", StringComparison.OrdinalIgnoreCase));

        private static bool Fine(HttpStatusCode status, string url) =>
            !SignIn(url) && status is not (HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.LoopDetected) && (int)status < 500;

        private static string Describe(HttpStatusCode status, string url) => SignIn(url) ? $"redirect to sign-in ({url})" : ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture);

        private void Read(string pageUrl, string html)
        {
            var document = Parser.ParseDocument(html);
            foreach (var link in document.QuerySelectorAll<IHtmlAnchorElement>("a[href]"))
            {
                Enqueue(link.GetAttribute("href")!, pageUrl, Text(link));
            }

            foreach (var form in document.QuerySelectorAll<IHtmlFormElement>("form"))
            {
                if ((form.GetAttribute("method") ?? "get").Equals("get", StringComparison.OrdinalIgnoreCase))
                {
                    var action = form.GetAttribute("action") is { Length: > 0 } a ? a : pageUrl;
                    var query = string.Join("&", Fields(form).Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));
                    Enqueue(query.Length == 0 ? action : action.Split('?')[0] + "?" + query, pageUrl, "form " + Text(form.QuerySelector("button, input[type=submit]")));
                }
            }

            foreach (var post in PostsOn(pageUrl, document))
            {
                if (_postKeys.Add(post.Key))
                {
                    Posts.Add(post);
                }
            }
        }

        /// <summary>Every POST control on a page: each submit button of each form, keyed by action path, handler and button.</summary>
        private static IEnumerable<PostAction> PostsOn(string pageUrl, IHtmlDocument document)
        {
            foreach (var form in document.QuerySelectorAll<IHtmlFormElement>("form"))
            {
                if (!(form.GetAttribute("method") ?? "get").Equals("post", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var action = form.GetAttribute("action") is { Length: > 0 } a ? a : pageUrl;
                var fields = Fields(form);

                var submitters = form.QuerySelectorAll("button:not([type=button]):not([type=reset]), input[type=submit]").ToList();
                if (submitters.Count == 0)
                {
                    submitters.Add(form);
                }

                foreach (var submitter in submitters)
                {
                    var target = submitter.GetAttribute("formaction") is { Length: > 0 } formAction ? formAction : action;
                    if (!SameOrigin(target, out var path))
                    {
                        continue;
                    }

                    var pressed = new List<KeyValuePair<string, string>>(fields);
                    if (submitter.GetAttribute("name") is { Length: > 0 } name)
                    {
                        pressed.Add(new(name, submitter.GetAttribute("value") ?? string.Empty));
                    }

                    // The language chooser is on every page with the page as its return address: one post per language is enough.
                    var keyPath = path.StartsWith("/culture", StringComparison.OrdinalIgnoreCase) ? path.Split('&')[0] : path;
                    var key = Normalise(keyPath) + " " + (submitter.GetAttribute("name") ?? string.Empty) + "=" + Normalise(submitter.GetAttribute("value") ?? string.Empty);
                    yield return new PostAction(key, OrderOf(path), pageUrl, Text(submitter), path, pressed);
                }
            }
        }

        /// <summary>
        /// 0: harmless; 1: ends, withdraws, deletes or cancels something (by the page handler's or the path's last word);
        /// 2: ends the whole course (after that most of its controls are gone); 3: the user's own session and language, at the very end.
        /// </summary>
        private static int OrderOf(string path)
        {
            if (path.StartsWith("/Account/", StringComparison.OrdinalIgnoreCase) || path.StartsWith("/culture", StringComparison.OrdinalIgnoreCase))
            {
                return 3;
            }

            var parts = path.Split('?', 2);
            var handler = parts.Length > 1 ? HandlerOf().Match(parts[1]) : Match.Empty;
            var word = handler.Success ? handler.Groups[1].Value : parts[0].TrimEnd('/').Split('/')[^1];
            return word.Equals("EndCourse", StringComparison.OrdinalIgnoreCase) ? 2 : Destructive().IsMatch(word) ? 1 : 0;
        }

        /// <summary>The values a browser would send: named inputs as rendered (checked boxes only), each select's chosen option, text areas.</summary>
        private static List<KeyValuePair<string, string>> Fields(IHtmlFormElement form)
        {
            var fields = new List<KeyValuePair<string, string>>();
            foreach (var element in form.Elements)
            {
                var name = element.GetAttribute("name");
                if (string.IsNullOrEmpty(name) || element.HasAttribute("disabled"))
                {
                    continue;
                }

                switch (element)
                {
                    case IHtmlInputElement input when input.Type is "submit" or "button" or "reset" or "image" or "file":
                        break;
                    case IHtmlInputElement input when input.Type is "checkbox" or "radio":
                        if (input.HasAttribute("checked"))
                        {
                            fields.Add(new(name, input.GetAttribute("value") ?? "on"));
                        }

                        break;
                    case IHtmlInputElement input:
                        fields.Add(new(name, input.GetAttribute("value") ?? string.Empty));
                        break;
                    case IHtmlSelectElement select:
                        var option = select.QuerySelector("option[selected]") ?? select.QuerySelector("option");
                        if (option is not null)
                        {
                            fields.Add(new(name, option.GetAttribute("value") ?? option.TextContent.Trim()));
                        }

                        break;
                    case IHtmlTextAreaElement area:
                        fields.Add(new(name, area.TextContent));
                        break;
                }
            }

            return fields;
        }

        private void Enqueue(string href, string from, string control)
        {
            if (!SameOrigin(href, out var path)
                || path.StartsWith("/Account/Logout", StringComparison.OrdinalIgnoreCase)
                || path.StartsWith("/culture", StringComparison.OrdinalIgnoreCase))
            {
                return;
            }

            if (_seenPatterns.Add(Normalise(path)))
            {
                _queue.Enqueue((path, from, control));
            }
        }

        /// <summary>A same-origin target as path and query, without its fragment; mailto:, tel:, other hosts and bare fragments are not.</summary>
        private static bool SameOrigin(string href, out string path)
        {
            path = string.Empty;
            href = href.Trim();
            if (href.StartsWith("http://localhost", StringComparison.OrdinalIgnoreCase) && Uri.TryCreate(href, UriKind.Absolute, out var absolute))
            {
                href = absolute.PathAndQuery + absolute.Fragment;
            }

            if (!href.StartsWith('/') || href.StartsWith("//", StringComparison.Ordinal))
            {
                return false;
            }

            path = WebUtility.HtmlDecode(href.Split('#')[0]);
            return path.Length > 0;
        }

        /// <summary>Ids, numbers and dates become placeholders; query parameters are sorted.</summary>
        private static string Normalise(string url)
        {
            var parts = url.Split('?', 2);
            var path = Placeholders(parts[0]).ToLowerInvariant();
            if (parts.Length == 1)
            {
                return path;
            }

            var query = parts[1].Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Select(p => p.Split('=', 2))
                .Select(p => p[0].ToLowerInvariant() + "=" + (p.Length > 1 ? Placeholders(Uri.UnescapeDataString(p[1].Replace('+', ' '))) : string.Empty))
                .Order(StringComparer.Ordinal);
            return path + "?" + string.Join("&", query);
        }

        private static string Placeholders(string text) => Numbers().Replace(Dates().Replace(Guids().Replace(text, "{id}"), "{date}"), "{n}");

        private static string Text(IElement? element) =>
            element is null ? "(form)" : Regex.Replace(element.TextContent, @"\s+", " ").Trim() is { Length: > 0 } text ? $"\"{text}\"" : element.GetAttribute("aria-label") ?? element.GetAttribute("href") ?? element.LocalName;

        [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
        private static partial Regex Guids();

        [GeneratedRegex(@"\d{4}-\d{2}-\d{2}(T[\d:.]+)?")]
        private static partial Regex Dates();

        [GeneratedRegex(@"(?i)(?:^|&)handler=([^&]*)")]
        private static partial Regex HandlerOf();

        [GeneratedRegex(@"\b\d+\b")]
        private static partial Regex Numbers();

        [GeneratedRegex("(?i)^(end|revoke|withdraw|delete|remove|cancel|deactivate|lock|archive|reject|decline|close|disable|reset)")]
        private static partial Regex Destructive();
    }
}

public sealed class ControlCrawlCaseworker(SqliteFactory factory, ITestOutputHelper output) : ControlCrawlTests(factory, output), IClassFixture<SqliteFactory>
{
    protected override string User => "sagsbehandler.odense";
}

public sealed class ControlCrawlClinician(SqliteFactory factory, ITestOutputHelper output) : ControlCrawlTests(factory, output), IClassFixture<SqliteFactory>
{
    protected override string User => "behandler.odense";
}

public sealed class ControlCrawlGp(SqliteFactory factory, ITestOutputHelper output) : ControlCrawlTests(factory, output), IClassFixture<SqliteFactory>
{
    protected override string User => "laege1";
}

public sealed class ControlCrawlCoordinator(SqliteFactory factory, ITestOutputHelper output) : ControlCrawlTests(factory, output), IClassFixture<SqliteFactory>
{
    protected override string User => "koordinator.odense";
}

public sealed class ControlCrawlIpsConsultant(SqliteFactory factory, ITestOutputHelper output) : ControlCrawlTests(factory, output), IClassFixture<SqliteFactory>
{
    protected override string User => "ips.odense";
}

public sealed class ControlCrawlAdministrator(SqliteFactory factory, ITestOutputHelper output) : ControlCrawlTests(factory, output), IClassFixture<SqliteFactory>
{
    protected override string User => "admin.odense";
}

public sealed class ControlCrawlCitizen(SqliteFactory factory, ITestOutputHelper output) : ControlCrawlTests(factory, output), IClassFixture<SqliteFactory>
{
    protected override string User => "borger.preben";
}

public sealed class ControlCrawlProxy(SqliteFactory factory, ITestOutputHelper output) : ControlCrawlTests(factory, output), IClassFixture<SqliteFactory>
{
    protected override string User => "paaroerende.louise";
}
