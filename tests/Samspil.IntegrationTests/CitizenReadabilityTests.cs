using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Samspil.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Samspil.IntegrationTests;

/// <summary>
/// Issue 15: every page a citizen or proxy reaches reads easily — LIX at most 35 for its visible Danish
/// text. LIX = words per sentence + 100 × share of words longer than six letters. A heading, a list
/// item, a label or a button is a sentence of its own, as it reads on the screen.
/// </summary>
public abstract partial class CitizenReadabilityTests(SamspilFactory factory, ITestOutputHelper output)
{
    public const double MaxLix = 35;

    [Theory]
    [InlineData("borger.preben")]
    [InlineData("paaroerende.louise")]
    public async Task Every_citizen_page_has_LIX_at_most_35(string user)
    {
        using var api = await factory.ClientForAsync(user);
        using var browser = await factory.CookieClientAsync(user);
        var pages = new List<string> { "/Me/Home", "/Me/Plan", "/Me/Meetings", "/Me/Messages", "/Me/Consents", "/Me/Consents/Give", "/Me/AccessLog", "/Me/AccessLog?detail=true", "/Me/Export", "/Me/Notifications", "/Me/NotificationSettings", "/Ordliste" };
        var courseId = (await api.GetFromJsonAsync<JsonElement>("/api/v1/courses")).EnumerateArray().First().GetProperty("id").GetGuid();
        pages.Add($"/Courses/{courseId}/plan");
        pages.Add($"/Courses/{courseId}/meetings");
        pages.Add($"/Courses/{courseId}/crisis-plan"); // issue 18: Min plan for svære tider, and its form
        pages.Add($"/Courses/{courseId}/crisis-plan/edit");
        var meetings = await api.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/meetings", SamspilFactory.Json);
        if (meetings.GetProperty("meetings").EnumerateArray().FirstOrDefault(m => m.GetProperty("status").GetString() is "Scheduled" or "Held") is { ValueKind: JsonValueKind.Object } meeting)
        {
            pages.Add($"/Meetings/{meeting.GetProperty("id").GetGuid()}");
        }

        var conversations = await api.GetFromJsonAsync<JsonElement>("/api/v1/me/conversations", SamspilFactory.Json);
        if (conversations.GetProperty("conversations").EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } conversation)
        {
            pages.Add($"/Conversations/{conversation.GetProperty("id").GetGuid()}");
        }

        var consents = await api.GetFromJsonAsync<JsonElement>("/api/v1/me/consents", SamspilFactory.Json);
        if (consents.EnumerateArray().FirstOrDefault(c => c.GetProperty("status").GetString() == "Active") is { ValueKind: JsonValueKind.Object } consent)
        {
            pages.Add($"/Me/Consents/{consent.GetProperty("id").GetGuid()}/Limit");
        }

        var failures = new List<string>();
        foreach (var path in pages)
        {
            var response = await browser.GetAsync(path);
            if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location is { } next)
            {
                response = await browser.GetAsync(next);
            }

            if (response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
            {
                output.WriteLine($"{path}: {(int)response.StatusCode}, not reachable for {user}");
                continue;
            }

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = VisibleText(await response.Content.ReadAsStringAsync());
            var (lix, words, sentences, longWords) = Lix(text);
            output.WriteLine(FormattableString.Invariant($"{path}: LIX {lix:0.0} ({words} words, {sentences} sentences, {longWords} long)"));
            if (lix > MaxLix)
            {
                failures.Add(FormattableString.Invariant($"{path}: LIX {lix:0.0}"));
                output.WriteLine(string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l.Length > 0)));
            }
        }

        Assert.True(pages.Count >= 14, "the list of citizen pages must be complete");
        Assert.True(failures.Count == 0, $"{user}: " + string.Join("; ", failures));
    }

    [Fact]
    public void LIX_is_words_per_sentence_plus_the_share_of_long_words()
    {
        // 8 words, 2 sentences, 2 long words (forklaring, sætningen): 4 + 25 = 29.
        Assert.Equal(29, Lix("Her er en lang forklaring. Læs sætningen nu\n").Lix, 3);
        Assert.Equal(["Hej", "du"], Sentences(VisibleText("<html><body><script>var x = 'langeordhere';</script><h1>Hej</h1><p hidden>Skjult tekst</p><p>du</p></body></html>")).SelectMany(s => s).ToArray());
    }

    /// <summary>
    /// The text a reader sees: the body without scripts, styles, SVG, hidden elements and HTML comments, and without the option
    /// lists of drop-downs (a closed select shows one choice; a list of offerings' names is not prose); one line per block.
    /// </summary>
    public static string VisibleText(string html)
    {
        var body = BodyPattern().Match(html) is { Success: true } m ? m.Groups[1].Value : html;
        body = InvisiblePattern().Replace(body, " ");
        body = HiddenPattern().Replace(body, " ");

        // A closed <details> shows only its summary until the reader opens it.
        body = ClosedDetailsPattern().Replace(body, m => SummaryPattern().Match(m.Value) is { Success: true } summary ? "\n" + summary.Value + "\n" : " ");
        body = BlockPattern().Replace(body, "\n");
        body = TagPattern().Replace(body, " ");
        return WebUtility.HtmlDecode(body);
    }

    public static (double Lix, int Words, int Sentences, int LongWords) Lix(string text)
    {
        var sentences = Sentences(text).Where(s => s.Count > 0).ToList();
        var words = sentences.SelectMany(s => s).ToList();
        if (words.Count == 0)
        {
            return (0, 0, 0, 0);
        }

        var longWords = words.Count(w => w.Length > 6);
        return (((double)words.Count / sentences.Count) + (100.0 * longWords / words.Count), words.Count, sentences.Count, longWords);
    }

    /// <summary>Sentences end at . ! ? : and at every line (a block on the page); words are runs of letters.</summary>
    private static IEnumerable<List<string>> Sentences(string text) =>
        SentenceEnd().Split(text).Select(s => WordPattern().Matches(s).Select(w => w.Value).ToList());

    [GeneratedRegex(@"<body[^>]*>(.*)</body>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex BodyPattern();

    [GeneratedRegex(@"<(script|style|svg|template|noscript|select)\b.*?</\1>|<!--.*?-->", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex InvisiblePattern();

    [GeneratedRegex(@"<(p|div|span|li|section)\b[^>]*\shidden(=""[^""]*"")?[^>]*>.*?</\1>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex HiddenPattern();

    [GeneratedRegex(@"</?(p|div|li|ul|ol|h[1-6]|dt|dd|dl|tr|td|th|br|section|article|header|footer|nav|main|summary|details|label|button|option|select|legend|fieldset|form|blockquote|figcaption|table|caption|a)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockPattern();

    [GeneratedRegex(@"<details(?![^>]*\bopen\b)[^>]*>.*?</details>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex ClosedDetailsPattern();

    [GeneratedRegex(@"<summary\b.*?</summary>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex SummaryPattern();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"[.!?:]+(?=\s|$)|\n")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex WordPattern();
}

public sealed class CitizenReadabilityTestsOnSqlite(SqliteFactory factory, ITestOutputHelper output) : CitizenReadabilityTests(factory, output), IClassFixture<SqliteFactory>;
