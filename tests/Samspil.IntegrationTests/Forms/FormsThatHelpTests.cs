using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Samspil.Infrastructure.Forms;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests.Forms;

/// <summary>Dates as Danes type them, on pages only (the JSON API stays ISO 8601).</summary>
public sealed class DanishDatesTests
{
    [Theory]
    [InlineData("24-12-2026")]
    [InlineData("24.12.2026")]
    [InlineData("24/12-2026")]
    [InlineData("24/12/2026")]
    [InlineData("24122026")]
    [InlineData(" 2026-12-24 ")]
    [InlineData("\u0662\u0664-\u0661\u0662-\u0662\u0660\u0662\u0666")] // Arabic-Indic digits: the same date, typed on an Arabic keyboard
    [InlineData("\u06F2\u06F4-\u06F1\u06F2-\u06F2\u06F0\u06F2\u06F6")] // Persian digits
    public void A_date_typed_the_Danish_way_or_as_ISO_is_Christmas_Eve(string typed)
    {
        Assert.True(DanishDates.TryParseDate(typed, out var date));
        Assert.Equal(new DateOnly(2026, 12, 24), date);
    }

    [Theory]
    [InlineData("31-02-2026")]
    [InlineData("2026-13-01")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("24-12")]
    [InlineData("12/24/2026 extra")]
    [InlineData("tomorrow")]
    public void A_text_that_is_not_a_date_is_refused(string typed) => Assert.False(DanishDates.TryParseDate(typed, out _));

    [Fact]
    public void Ten_kilobytes_of_digits_are_refused_without_parsing() => Assert.False(DanishDates.TryParseDate(new string('1', 10_240), out _));

    [Theory]
    [InlineData("9:30", 9, 30)]
    [InlineData("09:30", 9, 30)]
    [InlineData("09.30", 9, 30)]
    [InlineData("9,30", 9, 30)]
    [InlineData("0930", 9, 30)]
    [InlineData("\u0660\u0669:\u0663\u0660", 9, 30)]
    public void A_time_is_read_with_a_colon_a_dot_or_a_comma(string typed, int hour, int minute)
    {
        Assert.True(DanishDates.TryParseTime(typed, out var time));
        Assert.Equal(new TimeOnly(hour, minute), time);
    }

    [Theory]
    [InlineData("25:99")]
    [InlineData("24:00")]
    [InlineData("9")]
    public void An_impossible_time_is_refused(string typed) => Assert.False(DanishDates.TryParseTime(typed, out _));

    [Fact]
    public void A_Danish_wall_clock_time_becomes_the_UTC_instant_in_summer_and_winter()
    {
        Assert.True(DanishDates.TryParseDateTimeOffset("24-12-2026 10:00", out var winter));
        Assert.Equal(new DateTimeOffset(2026, 12, 24, 9, 0, 0, TimeSpan.Zero), winter);
        Assert.True(DanishDates.TryParseDateTimeOffset("01-07-2026 10:00", out var summer));
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 8, 0, 0, TimeSpan.Zero), summer);
        Assert.True(DanishDates.TryParseDateTimeOffset("2026-07-01T10:00:00+00:00", out var iso));
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 10, 0, 0, TimeSpan.Zero), iso);
        Assert.False(DanishDates.TryParseDateTimeOffset("29-03-2026 02:30", out _)); // the hour skipped in March
    }
}

/// <summary>
/// Forms that help (issue 21): the error summary links to the field, the message stands beside the field with
/// aria-describedby and aria-invalid, the typed text comes back, date and time fields are Danish text fields, and
/// errors of one form on a page do not mark a field of the same name in another form.
/// </summary>
public abstract class FormsThatHelpTests(SamspilFactory factory)
{
    [Fact]
    public async Task A_time_that_is_not_a_time_is_named_beside_its_field_and_linked_from_the_summary_and_nothing_typed_is_lost()
    {
        using var browser = await factory.CookieClientAsync("behandler.odense");
        var form = await browser.GetStringAsync("/Me/Availability");
        Assert.Matches("<input[^>]*id=\"workStart\"[^>]*type=\"text\"[^>]*inputmode=\"decimal\"", form); // a Danish text field, not the browser's time picker
        Assert.Contains("<form method=\"post\" enctype=\"multipart/form-data\" class=\"form card\" id=\"availability-form\" novalidate", form, StringComparison.Ordinal);

        using var post = await browser.PostAsync("/Me/Availability", Multipart(form, ("days", "1"), ("workStart", "25:99"), ("workEnd", "16.30"), ("interpreterLanguages", "ar, fa")));
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        var html = WebUtility.HtmlDecode(await post.Content.ReadAsStringAsync());

        Assert.Contains("<title>Fejl: ", html, StringComparison.Ordinal);
        var summary = Regex.Match(html, "<div class=\"alert alert-error error-summary\"[^>]*data-error-summary[^>]*>.*?</div>", RegexOptions.Singleline).Value;
        Assert.Contains(">Der er 1 problem</h2>", summary, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#workStart\">Skriv tidspunktet som tt:mm, fx 09:30.</a>", summary, StringComparison.Ordinal);

        var field = Input(html, "workStart");
        Assert.Contains("aria-invalid=\"true\"", field, StringComparison.Ordinal);
        Assert.Contains("aria-describedby=\"workStart-error workStart-format\"", field, StringComparison.Ordinal);
        Assert.Contains("value=\"25:99\"", field, StringComparison.Ordinal);
        Assert.Contains("<span class=\"field-error\" id=\"workStart-error\">", html, StringComparison.Ordinal);
        Assert.Contains("value=\"16.30\"", Input(html, "workEnd"), StringComparison.Ordinal);
        Assert.DoesNotContain("aria-invalid", Input(html, "workEnd"), StringComparison.Ordinal);
        Assert.Contains("value=\"ar, fa\"", Input(html, "interpreterLanguages"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("31-02-2026")]
    [InlineData("2026-13-01")]
    [InlineData("\u0663\u0661-\u0660\u0662-\u0662\u0660\u0662\u0666")]
    public async Task An_impossible_date_in_Find_en_tid_keeps_the_form_open_with_the_typed_text_and_marks_only_that_form(string typed)
    {
        var (browser, meetingId) = await MeetingPageAsync();
        using (browser)
        {
            var page = await browser.GetStringAsync($"/Meetings/{meetingId}");
            using var post = await browser.PostAsync($"/Meetings/{meetingId}?handler=FindSlots", Form(page, ("from", typed), ("to", "24-12-2026"), ("durationMinutes", "60")));
            Assert.Equal(HttpStatusCode.OK, post.StatusCode);
            var html = WebUtility.HtmlDecode(await post.Content.ReadAsStringAsync());

            Assert.Contains("<details class=\"inline-form\" id=\"find\" open=\"open\">", html, StringComparison.Ordinal);
            var from = Input(html, "find-from");
            Assert.Contains("aria-invalid=\"true\"", from, StringComparison.Ordinal);
            Assert.Contains($"value=\"{typed}\"", from, StringComparison.Ordinal);
            Assert.Contains("value=\"24-12-2026\"", Input(html, "find-to"), StringComparison.Ordinal);
            Assert.Contains("<a href=\"#find-from\">Skriv datoen som dd-mm-åååå, fx 24-12-2026.</a>", html, StringComparison.Ordinal);

            // The schedule form on the same page has its own "durationMinutes": not marked, not overwritten.
            Assert.DoesNotContain("aria-invalid", Input(html, "durationMinutes"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_Danish_date_is_accepted_by_Find_en_tid_and_shown_back_in_Danish()
    {
        var (browser, meetingId) = await MeetingPageAsync();
        using (browser)
        {
            var page = await browser.GetStringAsync($"/Meetings/{meetingId}");
            using var post = await browser.PostAsync($"/Meetings/{meetingId}?handler=FindSlots", Form(page, ("from", "24.12.2026"), ("to", "31/12-2026"), ("durationMinutes", "60"), ("location", "Lokale 2")));
            var html = await post.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, post.StatusCode);
            Assert.False(html.Contains("data-error-summary", StringComparison.Ordinal), Regex.Match(html, "data-error-summary.*?</ul>", RegexOptions.Singleline).Value);
            Assert.Contains("value=\"24-12-2026\"", Input(html, "find-from"), StringComparison.Ordinal);
            Assert.Contains("value=\"31-12-2026\"", Input(html, "find-to"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Ten_kilobytes_in_a_date_field_give_a_readable_message_not_a_500()
    {
        var (browser, meetingId) = await MeetingPageAsync();
        using (browser)
        {
            var page = await browser.GetStringAsync($"/Meetings/{meetingId}");
            using var post = await browser.PostAsync($"/Meetings/{meetingId}?handler=Schedule", Form(page, ("date", new string('9', 10_240)), ("startTime", "10:00"), ("durationMinutes", "60"), ("format", "InPerson")));
            Assert.Equal(HttpStatusCode.OK, post.StatusCode);
            var html = WebUtility.HtmlDecode(await post.Content.ReadAsStringAsync());
            Assert.Contains("<a href=\"#date\">Skriv datoen som dd-mm-åååå, fx 24-12-2026.</a>", html, StringComparison.Ordinal);
            Assert.Contains("aria-invalid=\"true\"", Input(html, "date"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_required_field_is_marked_in_its_label_and_for_assistive_technology()
    {
        using var browser = await factory.CookieClientAsync("behandler.odense");
        var html = await browser.GetStringAsync("/Courses/Create");
        Assert.Contains("aria-required=\"true\"", Input(html, "startDate"), StringComparison.Ordinal);
        Assert.Matches("<label for=\"startDate\">[^<]*</label> <span class=\"field-required\" aria-hidden=\"true\">\\(skal udfyldes\\)</span>", html);
    }

    private async Task<(HttpClient Browser, Guid MeetingId)> MeetingPageAsync()
    {
        using var api = await factory.ClientForAsync("behandler.odense");
        var course = await TestData.CreateCourseAsync(api);
        var courseId = course.GetProperty("id").GetGuid();
        var created = await api.PostAsJsonAsync($"/api/v1/courses/{courseId}/meetings", new { kind = "Network", title = "Netværksmøde", format = "InPerson" });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var meetingId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        return (await factory.CookieClientAsync("behandler.odense"), meetingId);
    }

    private static string Input(string html, string id) => Regex.Match(html, $"<input[^>]*id=\"{Regex.Escape(id)}\"[^>]*>").Value is { Length: > 0 } tag ? tag : throw new Xunit.Sdk.XunitException($"No input with id {id}.");

    private static FormUrlEncodedContent Form(string page, params (string Name, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)).Append(KeyValuePair.Create("__RequestVerificationToken", SamspilFactory.AntiforgeryToken(page))));

    private static MultipartFormDataContent Multipart(string page, params (string Name, string Value)[] fields)
    {
        var content = new MultipartFormDataContent { { new StringContent(SamspilFactory.AntiforgeryToken(page)), "__RequestVerificationToken" } };
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        return content;
    }
}

public sealed class FormsThatHelpTestsOnSqlite(SqliteFactory factory) : FormsThatHelpTests(factory), IClassFixture<SqliteFactory>;
