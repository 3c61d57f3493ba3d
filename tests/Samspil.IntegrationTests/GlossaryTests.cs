using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samspil.Domain.Glossary;
using Samspil.Features.Glossary;
using Samspil.Infrastructure.Persistence;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests;

/// <summary>
/// Issue 18, point 4: the shared glossary as data — shipped in every installation, public to read and search (API and
/// /Ordliste, also without signing in, in the page's language with Danish as the marked fallback), changed only by
/// administrators, and linked where a term first appears in a message, with the stored text untouched.
/// </summary>
public abstract class GlossaryTests(SamspilFactory factory)
{
    private static int _counter;

    private static readonly string[] ShippedSlugs =
    [
        "forloeb", "plan", "maal", "delmaal", "indsats", "tovholder", "netvaerk", "evaluering", "samtykke", "aftaleskema",
        "aktivitetsparat", "jobparat", "fleksjob", "ressourceforloeb", "jobafklaringsforloeb", "skaanehensyn", "forsoergelsesgrundlag",
        "recovery", "sygedagpenge", "ips", "netvaerksmoede", "bisidder", "virksomhedspraktik", "revalidering", "tvaersektoriel",
        "udskrivning", "genindlaeggelse", "behandlingsforloeb",
    ];

    [Fact]
    public async Task Anyone_reads_the_shipped_terms_in_every_citizen_language_with_each_sectors_meaning()
    {
        using var anonymous = factory.CreateClient();
        var all = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/glossary", SamspilFactory.Json);
        var slugs = all.EnumerateArray().Select(t => t.GetProperty("slug").GetString()).ToList();
        Assert.All(ShippedSlugs, s => Assert.Contains(s, slugs));
        Assert.All(all.EnumerateArray().Where(t => ShippedSlugs.Contains(t.GetProperty("slug").GetString())), t =>
        {
            foreach (var field in new[] { "explanationDa", "explanationEn", "explanationAr", "explanationFa", "explanationUk" })
            {
                Assert.False(string.IsNullOrWhiteSpace(t.GetProperty(field).GetString()), $"{t.GetProperty("slug")}: {field}");
            }
        });

        var term = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/glossary/forsoergelsesgrundlag", SamspilFactory.Json);
        Assert.Equal("Forsørgelsesgrundlag", term.GetProperty("term").GetString());
        Assert.Equal("IncomeBasis", term.GetProperty("codeIdentifier").GetString());
        var meanings = term.GetProperty("sectorMeanings").EnumerateArray().ToDictionary(m => m.GetProperty("sector").GetString()!, m => m.GetProperty("meaningDa").GetString()!);
        Assert.Contains("myndighed", meanings["Municipality"], StringComparison.Ordinal);
        Assert.Contains("stressfaktor", meanings["Region"], StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/v1/glossary/no-such-term")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/v1/glossary/" + new string('x', 300))).StatusCode);
    }

    [Fact]
    public async Task Searching_finds_terms_by_name_synonym_and_explanation_and_refuses_hostile_queries()
    {
        using var anonymous = factory.CreateClient();
        async Task<List<string?>> SearchAsync(string q) =>
            (await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/glossary?q=" + Uri.EscapeDataString(q), SamspilFactory.Json)).EnumerateArray().Select(t => t.GetProperty("slug").GetString()).ToList();

        Assert.Equal("ressourceforloeb", (await SearchAsync("RESSOURCEFORLØB"))[0]); // the term itself first, case-insensitive
        Assert.Contains("forloeb", await SearchAsync("forløbet")); // a synonym
        Assert.Contains("ips", await SearchAsync("IPS-konsulent"));
        var byExplanation = await SearchAsync("meningsfuldt"); // only in recovery's explanation and meanings
        Assert.Contains("recovery", byExplanation);
        Assert.DoesNotContain("samtykke", byExplanation);
        Assert.Empty(await SearchAsync("zzzingenting"));

        foreach (var hostile in new[] { new string('a', 201), "ips\u0001", "ips\u0000" })
        {
            var response = await anonymous.GetAsync("/api/v1/glossary?q=" + Uri.EscapeDataString(hostile));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        // The page: anonymous, searchable, a bad query is a readable message and not an error page.
        var page = await anonymous.GetStringAsync("/Ordliste?q=IPS");
        Assert.Contains("id=\"ips\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"samtykke\"", page, StringComparison.Ordinal);
        var bad = await anonymous.GetAsync("/Ordliste?q=" + Uri.EscapeDataString(new string('x', 500)));
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("Søgningen er for lang", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var script = await anonymous.GetStringAsync("/Ordliste?q=" + Uri.EscapeDataString("<script>alert(1)</script>"));
        Assert.DoesNotContain("<script>alert(1)", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_follows_the_language_and_marks_the_Danish_fallback()
    {
        using var admin = await factory.ClientForAsync("admin.region");
        var slug = "kun-dansk-" + Next();
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/glossary", Term(slug, "Kunjensk"))).StatusCode);

        using var anonymous = factory.CreateClient();
        var arabic = await anonymous.GetStringAsync("/Ordliste?culture=ar");
        Assert.Contains("مسار الدعم", arabic, StringComparison.Ordinal); // forløb in Arabic
        Assert.Contains("<span lang=\"da\" dir=\"ltr\">Kunjensk</span>", arabic, StringComparison.Ordinal);
        Assert.Contains("<p lang=\"da\" dir=\"ltr\">Forklaring af Kunjensk.</p>", arabic, StringComparison.Ordinal);
        var english = await anonymous.GetStringAsync("/Ordliste?culture=en");
        Assert.Contains("Income basis", english, StringComparison.Ordinal);
        Assert.Contains("<p>Explanation of Kunjensk.</p>", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_administrators_change_terms_and_bad_input_is_a_problem_with_the_field()
    {
        using var admin = await factory.ClientForAsync("admin.region");
        var slug = "test-term-" + Next();
        var created = await admin.PostAsJsonAsync("/api/v1/glossary", Term(slug, "Testbegreb"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/v1/glossary/{slug}", created.Headers.Location?.OriginalString);

        async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            return await response.Content.ReadFromJsonAsync<JsonElement>();
        }

        Assert.True((await ProblemAsync(await admin.PostAsJsonAsync("/api/v1/glossary", Term(slug, "Igen")))).GetProperty("errors").TryGetProperty("slug", out _));
        Assert.True((await ProblemAsync(await admin.PostAsJsonAsync("/api/v1/glossary", Term("Store Bogstaver", "X")))).GetProperty("errors").TryGetProperty("slug", out _));
        Assert.True((await ProblemAsync(await admin.PostAsJsonAsync("/api/v1/glossary", Term(slug + "-2", "X") with { ExplanationEn = null }))).GetProperty("errors").TryGetProperty("explanationEn", out _));
        Assert.True((await ProblemAsync(await admin.PostAsJsonAsync("/api/v1/glossary", Term(slug + "-3", "Kontrol\u0007tegn")))).GetProperty("errors").TryGetProperty("term", out _));
        Assert.True((await ProblemAsync(await admin.PostAsJsonAsync("/api/v1/glossary", Term(slug + "-4", new string('x', 101))))).GetProperty("errors").TryGetProperty("term", out _));
        var twice = Term(slug + "-5", "X") with
        {
            SectorMeanings = [new SectorMeaningRequest(Domain.Directory.Sector.Region, "a", "b", null), new SectorMeaningRequest(Domain.Directory.Sector.Region, "c", "d", null)],
        };
        Assert.True((await ProblemAsync(await admin.PostAsJsonAsync("/api/v1/glossary", twice))).GetProperty("errors").TryGetProperty("sectorMeanings[1].sector", out _));
        await ProblemAsync(await admin.PostAsync("/api/v1/glossary", JsonContent.Create(new { slug = slug + "-6", term = "X", codeIdentifier = "X", explanationDa = "a", explanationEn = "b", sectorMeanings = new[] { new { sector = "Moon", meaningDa = "a", meaningEn = "b" } } })));
        await ProblemAsync(await admin.PostAsync("/api/v1/glossary", new StringContent("{\"slug\": 5, \"synonyms\": \"nope\"}", System.Text.Encoding.UTF8, "application/json")));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsJsonAsync("/api/v1/glossary/no-such-term", Term(null, "X"))).StatusCode);

        // A change is read at once (the cached list is dropped on edit).
        Assert.Equal("Testbegreb", (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/glossary/{slug}", SamspilFactory.Json)).GetProperty("term").GetString());
        var changed = await admin.PutAsJsonAsync($"/api/v1/glossary/{slug}", Term(null, "Ændret begreb") with { Synonyms = ["ændrede begreber"] });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        using var anonymous = factory.CreateClient();
        var read = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/glossary/{slug}", SamspilFactory.Json);
        Assert.Equal("Ændret begreb", read.GetProperty("term").GetString());
        Assert.Equal(["ændrede begreber"], read.GetProperty("synonyms").EnumerateArray().Select(s => s.GetString()));

        using var clinician = await factory.ClientForAsync("behandler.odense");
        using var citizen = await factory.ClientForAsync("borger.preben");
        Assert.Equal(HttpStatusCode.Forbidden, (await clinician.PostAsJsonAsync("/api/v1/glossary", Term("mit-ord", "X"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await citizen.PutAsJsonAsync($"/api/v1/glossary/{slug}", Term(null, "X"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/glossary", Term("anonymt-ord", "X"))).StatusCode);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Set<GlossaryTerm>().CountAsync(t => t.Slug == "mit-ord" || t.Slug == "anonymt-ord")));
        Assert.Equal("Ændret begreb", await factory.WithDbAsync(db => db.Set<GlossaryTerm>().Where(t => t.Slug == slug).Select(t => t.Term).SingleAsync()));

        // The administrator's page; others are turned away.
        using var adminBrowser = await factory.CookieClientAsync("admin.region");
        var edit = await adminBrowser.GetAsync($"/Admin/Glossary/Edit/{slug}");
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        var html = await edit.Content.ReadAsStringAsync();
        var posted = await adminBrowser.PostAsync($"/Admin/Glossary/Edit/{slug}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.Term"] = "Sidebegreb",
            ["Form.CodeIdentifier"] = "PageTerm",
            ["Form.Synonyms"] = "sidebegrebet\nsidebegreber",
            ["Form.ExplanationDa"] = "Forklaring fra siden.",
            ["Form.ExplanationEn"] = string.Empty,
            ["Form.Sectors[0].Sector"] = "Region",
            ["__RequestVerificationToken"] = SamspilFactory.AntiforgeryToken(html),
        }));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode); // English explanation missing: the form again, with the message
        Assert.Contains("Feltet skal udfyldes.", await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var clinicianBrowser = await factory.CookieClientAsync("behandler.odense");
        Assert.NotEqual(HttpStatusCode.OK, (await clinicianBrowser.GetAsync("/Admin/Glossary/Edit")).StatusCode);
    }

    [Fact]
    public async Task A_term_in_a_message_is_linked_once_and_hostile_text_stays_text()
    {
        using var clinician = await factory.ClientForAsync("behandler.odense");
        using var preben = await factory.ClientForAsync("borger.preben");
        var courseId = (await preben.GetFromJsonAsync<JsonElement>("/api/v1/courses"))[0].GetProperty("id").GetGuid();
        var prebenId = await factory.WithDbAsync(db => db.Users.Where(u => u.UserName == "borger.preben").Select(u => u.Id).SingleAsync());
        const string text = "Vi taler om et ressourceforløb <script>alert('x')</script><b>fed</b>. Ressourceforløb igen, og behandlingsforløbet.";
        var created = await clinician.PostAsJsonAsync($"/api/v1/courses/{courseId}/conversations", new { subject = "Ordliste " + Next(), participants = new[] { prebenId }, text });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var thread = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(text, thread.GetProperty("messages")[0].GetProperty("text").GetString()); // stored as written

        using var browser = await factory.CookieClientAsync("borger.preben");
        var page = await browser.GetStringAsync($"/Conversations/{thread.GetProperty("id").GetGuid()}");
        Assert.Contains("<a href=\"/Ordliste#ressourceforloeb\" class=\"term-link\">ressourceforløb</a> &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&lt;b&gt;fed&lt;/b&gt;. Ressourceforløb igen, og <a href=\"/Ordliste#behandlingsforloeb\" class=\"term-link\">behandlingsforløbet</a>.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seeding_again_adds_nothing_and_keeps_an_administrators_change()
    {
        using var admin = await factory.ClientForAsync("admin.region");
        var fleksjob = await admin.GetFromJsonAsync<GlossaryTermView>("/api/v1/glossary/fleksjob", SamspilFactory.Json);
        var request = new GlossaryTermRequest(null, fleksjob!.Term, [.. fleksjob.Synonyms], fleksjob.CodeIdentifier, "Lokal forklaring.", fleksjob.ExplanationEn);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/glossary/fleksjob", request)).StatusCode);
        var before = await factory.WithDbAsync(db => db.Set<GlossaryTerm>().CountAsync());

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await GlossarySeed.EnsureAsync(scope.ServiceProvider.GetRequiredService<SamspilDbContext>(), CancellationToken.None);
        }

        Assert.Equal(before, await factory.WithDbAsync(db => db.Set<GlossaryTerm>().CountAsync()));
        Assert.Equal("Lokal forklaring.", await factory.WithDbAsync(db => db.Set<GlossaryTerm>().Where(t => t.Slug == "fleksjob").Select(t => t.ExplanationDa).SingleAsync()));
    }

    private static GlossaryTermRequest Term(string? slug, string term) =>
        new(slug, term, [], "TestTerm", $"Forklaring af {term}.", $"Explanation of {term}.");

    private static string Next() => Interlocked.Increment(ref _counter).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

public sealed class GlossaryTestsOnSqlite(SqliteFactory factory) : GlossaryTests(factory), IClassFixture<SqliteFactory>;

public sealed class GlossaryTestsOnPostgres(PostgresFactory factory) : GlossaryTests(factory), IClassFixture<PostgresFactory>;
