using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Samspil.Infrastructure.Security;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests;

/// <summary>
/// Issue 12, findings 2–5 and the request log of 8: forged same-site requests, sign-in enumeration
/// and guessing, Host-header poisoning, security headers, and the request log line.
/// </summary>
public abstract class WebHardeningTests(SamspilFactory factory)
{
    private const string Proxy = "10.1.2.3";
    private const string PublicBase = "https://samspil.example";
    private const string SiblingOrigin = "https://kampagne.samspil.example";

    // One extra host per factory, configured as in production behind a TLS proxy (and with AllowedHosts left at "*",
    // the misconfiguration the Host-header finding needs), with real-cost password hashing and low sign-in limits.
    private static readonly ConcurrentDictionary<SamspilFactory, WebApplicationFactory<Program>> ProxiedHosts = new();

    // ---- 2. Forged requests ----

    [Fact]
    public async Task A_forged_same_site_POST_with_only_the_cookie_cannot_revoke_a_citizens_consent_but_the_page_with_its_token_can()
    {
        using var staff = await factory.ClientForAsync("behandler.odense");
        var gp = await TestData.OrganizationIdAsync(staff, "Lægehuset ved Fjorden (demo)");
        using var abby = await factory.ClientForAsync("borger.abby");
        var given = await abby.PostAsJsonAsync("/api/v1/me/consents", new
        {
            recipients = new[] { new { kind = "Organization", targetId = gp } },
            categories = new[] { "StatusAndAppointments" },
            purpose = "Min læge må se, hvordan det går",
            notFor = "Ikke til forsikringsselskaber",
        });
        Assert.Equal(HttpStatusCode.Created, given.StatusCode);
        var id = (await given.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        // A page on a sibling host makes Abby's browser post with her cookie: no token, a foreign Origin.
        using var browser = await factory.CookieClientAsync("borger.abby");
        using var forged = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/consents/{id}/revoke");
        forged.Headers.Add("Origin", SiblingOrigin);
        var refused = await browser.SendAsync(forged);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Active", await ConsentStatusAsync(abby, id));

        // Samspil's own page holds the token, and with it the same request goes through.
        var token = SamspilFactory.AntiforgeryToken(await browser.GetStringAsync("/Me/Consents"));
        Assert.NotEmpty(token);
        using var genuine = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/consents/{id}/revoke");
        genuine.Headers.Add("RequestVerificationToken", token);
        Assert.Equal(HttpStatusCode.NoContent, (await browser.SendAsync(genuine)).StatusCode);
        Assert.Equal("Revoked", await ConsentStatusAsync(abby, id));
    }

    [Fact]
    public async Task Body_less_POSTs_with_only_the_cookie_are_refused_and_change_nothing_while_bearer_clients_are_unaffected()
    {
        using var staff = await factory.ClientForAsync("behandler.odense");
        var courseId = (await TestData.CreateCourseAsync(staff)).GetProperty("id").GetGuid();
        var created = await staff.PostAsJsonAsync($"/api/v1/courses/{courseId}/meetings", new { kind = "Network", title = "Netværksmøde", format = "Phone" });
        var meetingId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var now = factory.Time.GetUtcNow();
        Assert.True((await staff.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/schedule", new { start = now.AddHours(-2), end = now.AddHours(-1), format = "Phone" })).IsSuccessStatusCode);

        using var browser = await factory.CookieClientAsync("behandler.odense");
        foreach (var path in new[] { $"/api/v1/meetings/{meetingId}/held", $"/api/v1/meetings/{meetingId}/minutes/approve", "/api/v1/me/notifications/read-all", $"/api/v1/consents/{Guid.NewGuid()}/revoke" })
        {
            using var forged = new HttpRequestMessage(HttpMethod.Post, path);
            forged.Headers.Add("Origin", SiblingOrigin);
            Assert.Equal(HttpStatusCode.BadRequest, (await browser.SendAsync(forged)).StatusCode);
        }

        // PUT and DELETE fall under the same rule.
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PutAsJsonAsync("/api/v1/me/notification-preferences", new { emailMode = "None" })).StatusCode);

        var meeting = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{meetingId}", SamspilFactory.Json);
        Assert.NotEqual("Held", meeting.GetProperty("status").GetString());

        // The bearer client (no cookie) does the same thing as before.
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/v1/meetings/{meetingId}/held", null)).StatusCode);
    }

    [Fact]
    public async Task The_language_form_needs_its_antiforgery_token()
    {
        using var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var page = await browser.GetStringAsync("/Account/Login");
        var forged = await browser.PostAsync("/culture?culture=en&returnUrl=/Account/Login", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.DoesNotContain(forged.Headers.TryGetValues("Set-Cookie", out var none) ? none : [], c => c.Contains(".AspNetCore.Culture", StringComparison.Ordinal));

        var genuine = await browser.PostAsync("/culture?culture=en&returnUrl=/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = SamspilFactory.AntiforgeryToken(page) }));
        Assert.Equal(HttpStatusCode.Redirect, genuine.StatusCode);
        Assert.Contains(genuine.Headers.GetValues("Set-Cookie"), c => c.Contains(".AspNetCore.Culture", StringComparison.Ordinal));
    }

    // ---- 3. Enumeration and guessing ----

    [Fact]
    public async Task Unknown_user_wrong_password_and_locked_account_get_the_same_answer_in_comparable_time()
    {
        var host = ProxiedHost();
        var (known, locked) = (await CreateUserAsync(host, locked: false), await CreateUserAsync(host, locked: true));
        using var client = host.CreateClient();
        var times = new Dictionary<string, List<double>> { ["unknown"] = [], ["known"] = [], ["locked"] = [] };
        var bodies = new HashSet<string>(StringComparer.Ordinal);
        var statuses = new HashSet<HttpStatusCode>();
        for (var i = 0; i < 21; i++)
        {
            foreach (var (kind, name) in new[] { ("unknown", $"ingen.{Guid.NewGuid():N}"), ("known", known), ("locked", locked) })
            {
                using var request = Proxied(HttpMethod.Post, "/api/v1/auth/token", client: $"198.18.{i}.{kind.Length}");
                request.Content = JsonContent.Create(new { username = name, password = "Forkert-gæt-" + i });
                var watch = Stopwatch.StartNew();
                var response = await client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                watch.Stop();
                if (i == 0)
                {
                    continue; // warm-up
                }

                times[kind].Add(watch.Elapsed.TotalMilliseconds);
                statuses.Add(response.StatusCode);
                var problem = JsonDocument.Parse(body).RootElement;
                bodies.Add($"{problem.GetProperty("status")}|{problem.GetProperty("title")}|{problem.GetProperty("detail")}|{problem.GetProperty("type")}");
            }
        }

        Assert.Equal([HttpStatusCode.Unauthorized], statuses);
        Assert.Single(bodies);
        var medians = times.ToDictionary(t => t.Key, t => Median(t.Value));
        var spread = medians.Values.Max() / medians.Values.Min();
        Assert.True(spread < 2.0, $"Medians differ by a factor {spread:0.0}: {string.Join(", ", medians.Select(m => $"{m.Key} {m.Value:0.0} ms"))}");
    }

    [Fact]
    public async Task Repeated_failures_from_one_address_get_429_with_Retry_After_in_the_API_and_a_readable_message_on_the_page()
    {
        var host = ProxiedHost();

        // https, so the client sends back the Secure antiforgery cookie of the sign-in page.
        using var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri(PublicBase + "/") });
        const string Sprayer = "203.0.113.66";

        // A copy of a demo login: signing in on this full-cost-hashing host rehashes the password and gives the account a new security stamp.
        var account = await CopyOfUserAsync(factory, "sagsbehandler.odense");

        // Password spraying: one guess each for many names from one address.
        for (var i = 0; i < Limit; i++)
        {
            using var guess = Proxied(HttpMethod.Post, "/api/v1/auth/token", Sprayer);
            guess.Content = JsonContent.Create(new { username = $"spray.{i}", password = "Sommer2026!" });
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(guess)).StatusCode);
        }

        using var refused = Proxied(HttpMethod.Post, "/api/v1/auth/token", Sprayer);
        refused.Content = JsonContent.Create(new { username = account, password = SamspilFactory.DemoPassword }); // even the right password
        var answer = await client.SendAsync(refused);
        Assert.Equal(HttpStatusCode.TooManyRequests, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        Assert.True(int.Parse(answer.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Contains("for mange mislykkede forsøg", (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);

        // The refresh endpoint and the sign-in page count the same address.
        using var refresh = Proxied(HttpMethod.Post, "/api/v1/auth/refresh", Sprayer);
        refresh.Content = JsonContent.Create(new { refreshToken = "garbage" });
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.SendAsync(refresh)).StatusCode);

        using var getPage = Proxied(HttpMethod.Get, "/Account/Login", Sprayer);
        var token = SamspilFactory.AntiforgeryToken(await (await client.SendAsync(getPage)).Content.ReadAsStringAsync());
        using var post = Proxied(HttpMethod.Post, "/Account/Login", Sprayer);
        post.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Username"] = account, ["Password"] = SamspilFactory.DemoPassword, ["__RequestVerificationToken"] = token });
        var page = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.True(page.Headers.Contains("Retry-After"));
        Assert.Contains("for mange mislykkede forsøg", WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        // Another address is not held back.
        using var elsewhere = Proxied(HttpMethod.Post, "/api/v1/auth/token", "203.0.113.67");
        elsewhere.Content = JsonContent.Create(new { username = account, password = SamspilFactory.DemoPassword });
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(elsewhere)).StatusCode);
    }

    [Fact]
    public async Task Repeated_failures_for_one_account_get_429_whatever_the_address()
    {
        var host = ProxiedHost();
        using var client = host.CreateClient();
        var name = $"gæt.{Guid.NewGuid():N}"; // counted per name, known or not
        for (var i = 0; i < AccountLimit; i++)
        {
            using var guess = Proxied(HttpMethod.Post, "/api/v1/auth/token", $"192.0.2.{i + 1}");
            guess.Content = JsonContent.Create(new { username = name, password = "gæt-" + i });
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(guess)).StatusCode);
        }

        using var next = Proxied(HttpMethod.Post, "/api/v1/auth/token", "192.0.2.200");
        next.Content = JsonContent.Create(new { username = name.ToUpperInvariant(), password = "gæt" });
        var answer = await client.SendAsync(next);
        Assert.Equal(HttpStatusCode.TooManyRequests, answer.StatusCode);
        Assert.True(answer.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    // ---- 4. Host-header poisoning ----

    [Fact]
    public async Task The_default_configuration_refuses_a_foreign_Host_header()
    {
        // The default configuration refuses a foreign Host outright.
        using var plain = factory.CreateClient();
        using var foreign = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
        foreign.Headers.Host = "evil.example";
        Assert.Equal(HttpStatusCode.BadRequest, (await plain.SendAsync(foreign)).StatusCode);
    }

    [Fact]
    public async Task Invitation_mails_and_the_ics_link_to_the_configured_public_address_whatever_the_Host_header()
    {
        // Even where AllowedHosts is left at "*", links come from Samspil:PublicBaseUrl only.
        var host = ProxiedHost();
        using var client = host.CreateClient();
        using var signIn = Proxied(HttpMethod.Post, "/api/v1/auth/token", "198.51.100.20", hostHeader: "evil.example");
        // A copy of behandler.odense: this host hashes at full cost, so signing in here rehashes the password and with it
        // gives the account a new security stamp, which would end the sessions other tests of the collection hold.
        signIn.Content = JsonContent.Create(new { username = await CopyOfUserAsync(factory, "behandler.odense"), password = SamspilFactory.DemoPassword });
        var token = (await (await client.SendAsync(signIn)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();

        async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null)
        {
            using var request = Proxied(method, path, "198.51.100.20", hostHeader: "evil.example");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Content = body is null ? null : JsonContent.Create(body, options: SamspilFactory.Json);
            return await client.SendAsync(request);
        }

        using var lookups = await factory.ClientForAsync("behandler.odense");
        var course = await (await SendAsync(HttpMethod.Post, "/api/v1/courses", await TestData.CourseRequestAsync(lookups))).Content.ReadFromJsonAsync<JsonElement>();
        var courseId = course.GetProperty("id").GetGuid();
        var created = await SendAsync(HttpMethod.Post, $"/api/v1/courses/{courseId}/meetings", new { kind = "Network", title = "Netværksmøde 1", format = "InPerson" });
        var meetingId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var start = factory.Time.GetUtcNow().AddDays(7);
        start = new DateTimeOffset(start.Year, start.Month, start.Day, 9, 0, 0, TimeSpan.Zero);
        Assert.True((await SendAsync(HttpMethod.Post, $"/api/v1/meetings/{meetingId}/schedule", new { start, end = start.AddHours(1), format = "InPerson", location = "Rådhuset" })).IsSuccessStatusCode);

        var mails = Directory.EnumerateFiles(factory.MailDirectory, "*.eml")
            .Select(f => MimeKit.MimeMessage.Load(f))
            .Select(m => string.Join("\n", m.BodyParts.OfType<MimeKit.TextPart>().Select(p => p.Text)))
            .Where(text => text.Contains(meetingId.ToString("D"), StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(mails);
        Assert.All(mails, text => Assert.DoesNotContain("evil.example", text, StringComparison.OrdinalIgnoreCase));
        Assert.All(mails, text => Assert.Contains($"{PublicBase}/Meetings/{meetingId}", text.Replace("\r\n ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal));

        var ics = await (await SendAsync(HttpMethod.Get, $"/api/v1/meetings/{meetingId}/invitation.ics")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("evil.example", ics, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"{PublicBase}/Meetings/{meetingId}", ics.Replace("\r\n ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    // ---- 5. Security headers ----

    [Fact]
    public async Task Every_kind_of_answer_carries_the_security_headers()
    {
        using var anonymous = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var api = await factory.ClientForAsync("behandler.odense");
        var answers = new List<(string What, HttpResponseMessage Response)>
        {
            ("page", await anonymous.GetAsync("/Account/Login")),
            ("redirect to sign-in", await anonymous.GetAsync("/Courses")),
            ("static file", await anonymous.GetAsync("/css/site.css")),
            ("page 404", await anonymous.GetAsync("/findes-ikke")),
            ("error page", await anonymous.GetAsync("/Error")),
            ("API 200", await api.GetAsync("/api/v1/me")),
            ("API 401", await anonymous.GetAsync("/api/v1/courses")),
            ("API 404", await api.GetAsync($"/api/v1/courses/{Guid.NewGuid()}")),
            ("API 400 from the exception handler", await api.PostAsync("/api/v1/courses", new StringContent("{\"citizen\":", System.Text.Encoding.UTF8, "application/json"))),
            ("OpenAPI document", await anonymous.GetAsync("/openapi/v1.json")),
            ("health", await anonymous.GetAsync("/health")),
        };

        Assert.Equal(HttpStatusCode.BadRequest, answers.Single(a => a.What.StartsWith("API 400", StringComparison.Ordinal)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, answers.Single(a => a.What == "page 404").Response.StatusCode);
        foreach (var (what, response) in answers)
        {
            var csp = Header(response, "Content-Security-Policy");
            Assert.True(csp is not null, $"{what}: no Content-Security-Policy");
            var scripts = csp!.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));
            Assert.DoesNotContain("unsafe-inline", scripts, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
            Assert.Equal("DENY", Header(response, "X-Frame-Options"));
            Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
            Assert.Contains("camera=()", Header(response, "Permissions-Policy") ?? string.Empty, StringComparison.Ordinal);
            Assert.Null(Header(response, "Server"));
        }
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_https_gets_HSTS_and_Secure_cookies_and_plain_http_is_redirected_to_the_public_address()
    {
        var host = ProxiedHost();
        using var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var viaProxy = Proxied(HttpMethod.Get, "/Account/Login", "198.51.100.30", hostHeader: "samspil.example");
        var page = await client.SendAsync(viaProxy);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.StartsWith("max-age=", Header(page, "Strict-Transport-Security"), StringComparison.Ordinal);
        Assert.All(page.Headers.GetValues("Set-Cookie"), c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));

        // The same claim from an address that is not the proxy is not believed: plain http, redirected.
        using var spoofed = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
        spoofed.Headers.Host = "samspil.example";
        spoofed.Headers.Add(PeerHeader, "192.0.2.99");
        spoofed.Headers.Add("X-Forwarded-Proto", "https");
        var redirected = await client.SendAsync(spoofed);
        Assert.Equal(HttpStatusCode.PermanentRedirect, redirected.StatusCode);
        Assert.Equal("https://samspil.example/Account/Login", redirected.Headers.Location?.ToString());
        Assert.Null(Header(redirected, "Strict-Transport-Security"));
    }

    // ---- 8. Request log ----

    [Fact]
    public async Task Every_request_writes_one_request_log_line_with_method_route_and_status_but_no_ids_or_query()
    {
        using var api = await factory.ClientForAsync("behandler.odense");
        var cpr = TestData.NewCpr();
        var marker = Guid.NewGuid();
        var response = await api.GetAsync($"/api/v1/courses/{marker}?q={cpr}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var requestId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("requestId").GetString()!;

        // The line names the route template (issue 16: no ids in the log), and its request id leads to the access log.
        var lines = factory.Logs.Entries.Select(e => e.Replace("\"", string.Empty, StringComparison.Ordinal))
            .Where(e => e.Contains("HTTP GET /api/v1/courses/{courseId:guid} responded 404", StringComparison.Ordinal) && e.Contains($"RequestId={requestId}", StringComparison.Ordinal)).ToList();
        Assert.Single(lines);
        Assert.StartsWith("Information", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain(factory.Logs.Entries, e => e.Contains(cpr, StringComparison.Ordinal));
        Assert.DoesNotContain(factory.Logs.Entries, e => e.Contains(marker.ToString(), StringComparison.OrdinalIgnoreCase));
    }

    private const int Limit = 12;

    private const int AccountLimit = Limit + 12; // above the 20 timed tries per account

    private const string PeerHeader = "X-Test-Peer";

    private WebApplicationFactory<Program> ProxiedHost() => ProxiedHosts.GetOrAdd(factory, f => f.WithWebHostBuilder(builder =>
    {
        builder.UseSetting("Samspil:PublicBaseUrl", PublicBase);
        builder.UseSetting("Samspil:BehindProxy", "true");
        builder.UseSetting("Samspil:KnownProxies:0", Proxy);
        builder.UseSetting("AllowedHosts", "*");
        builder.UseSetting("RateLimiting:SignIn:FailuresPerAccount", AccountLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("RateLimiting:SignIn:FailuresPerAddress", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IStartupFilter, PeerAddressFromHeader>();

            // Real-cost hashing for the timing comparison; the account lock is tested elsewhere.
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = 100_000);
            services.Configure<IdentityOptions>(o => o.Lockout.MaxFailedAccessAttempts = 1_000);
        });
    }));

    /// <summary>A request as the proxy forwards it: from the proxy's address, for a client, over https.</summary>
    private static HttpRequestMessage Proxied(HttpMethod method, string path, string client, string hostHeader = "samspil.example")
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Host = hostHeader;
        request.Headers.Add(PeerHeader, Proxy);
        request.Headers.Add("X-Forwarded-For", client);
        request.Headers.Add("X-Forwarded-Proto", "https");
        return request;
    }

    private static async Task<string> CreateUserAsync(WebApplicationFactory<Program> host, bool locked)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = $"tid.{Guid.NewGuid():N}", DisplayName = "Tidsmåling" };
        Assert.True((await users.CreateAsync(user, "Tidsmaaling-2026")).Succeeded);
        if (locked)
        {
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddYears(1));
        }

        return user.UserName;
    }

    private static async Task<string> CopyOfUserAsync(WebApplicationFactory<Program> host, string userName)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var original = await users.FindByNameAsync(userName);
        Assert.NotNull(original);
        var copy = new AppUser
        {
            UserName = $"kopi.{Guid.NewGuid():N}",
            DisplayName = original.DisplayName,
            ProfessionalId = original.ProfessionalId,
            OrganizationId = original.OrganizationId,
            CitizenId = original.CitizenId,
        };
        Assert.True((await users.CreateAsync(copy, SamspilFactory.DemoPassword)).Succeeded);
        Assert.True((await users.AddToRolesAsync(copy, await users.GetRolesAsync(original))).Succeeded);
        return copy.UserName;
    }

    private static async Task<string?> ConsentStatusAsync(HttpClient citizen, Guid id) =>
        (await citizen.GetFromJsonAsync<JsonElement>("/api/v1/me/consents")).EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == id).GetProperty("status").GetString();

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(",", values) : null;

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>The in-memory test server has no peer address; this plays the TCP peer (the proxy, or a client talking directly).</summary>
    private sealed class PeerAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers[PeerHeader] is [{ } peer] && IPAddress.TryParse(peer, out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

[Collection(SqliteCollection.Name)]
public sealed class WebHardeningTestsOnSqlite(SqliteFactory factory) : WebHardeningTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class WebHardeningTestsOnPostgres(PostgresFactory factory) : WebHardeningTests(factory);
