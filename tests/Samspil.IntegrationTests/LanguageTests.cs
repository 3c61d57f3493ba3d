using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samspil.Features.Meetings;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Time;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests;

/// <summary>
/// Issue 15: five languages for citizens, proxies and anonymous pages, Danish and English for staff, the citizen's recorded
/// language as the default after sign-in, right to left for Arabic and Farsi, and Gregorian dates in every language.
/// </summary>
public abstract class LanguageTests(SamspilFactory factory)
{
    [Theory]
    [InlineData("ar", "rtl")]
    [InlineData("fa", "rtl")]
    [InlineData("uk", "ltr")]
    [InlineData("en", "ltr")]
    public async Task The_sign_in_page_follows_the_browser_language_in_all_five_and_offers_each_in_its_own_name(string language, string direction)
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language + "-XX, " + language + ";q=0.9");
        var html = await client.GetStringAsync("/Account/Login");

        Assert.Contains($"<html lang=\"{language}\" dir=\"{direction}\">", html, StringComparison.Ordinal);
        Assert.Contains("lang=\"ar\" dir=\"rtl\">العربية<", html, StringComparison.Ordinal);
        Assert.Contains("lang=\"fa\" dir=\"rtl\">فارسی<", html, StringComparison.Ordinal);
        Assert.Contains("lang=\"uk\" dir=\"ltr\">Українська<", html, StringComparison.Ordinal);
        Assert.Contains("lang=\"da\" dir=\"ltr\">Dansk<", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_language_Samspil_does_not_speak_is_Danish()
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-DE, sv;q=0.8");
        Assert.Contains("<html lang=\"da\" dir=\"ltr\">", await client.GetStringAsync("/Account/Login"), StringComparison.Ordinal);

        using var anonymous = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await ChooseAsync(anonymous, "klingon");
        Assert.Contains("<html lang=\"da\" dir=\"ltr\">", await anonymous.GetStringAsync("/Account/Login"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mariam_lands_in_her_recorded_language_after_sign_in_without_choosing()
    {
        Assert.Equal("ar", await PreferredLanguageAsync("borger.mariam"));
        using var mariam = await factory.CookieClientAsync("borger.mariam");
        var html = await mariam.GetStringAsync("/Me/Meetings");
        Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", html, StringComparison.Ordinal);

        // The header offers all five languages to a citizen.
        Assert.Contains(">Українська<", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_language_chosen_in_this_browser_wins_over_the_recorded_one()
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await ChooseAsync(client, "uk"); // on the sign-in page, before signing in
        await SignInAsync(client, "borger.mariam");
        Assert.Contains("<html lang=\"uk\" dir=\"ltr\">", await client.GetStringAsync("/Me/Meetings"), StringComparison.Ordinal);

        await ChooseAsync(client, "da");
        Assert.Contains("<html lang=\"da\" dir=\"ltr\">", await client.GetStringAsync("/Me/Meetings"), StringComparison.Ordinal);
        client.Dispose();
    }

    [Theory]
    [InlineData("ar")]
    [InlineData("fa")]
    [InlineData("uk")]
    public async Task Staff_who_end_up_with_another_language_get_Danish_and_see_only_Danish_and_English(string language)
    {
        // By cookie (a choice made in this browser) ...
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await ChooseAsync(client, language);
        Assert.Contains($"<html lang=\"{language}\"", await client.GetStringAsync("/Account/Login"), StringComparison.Ordinal);
        await SignInAsync(client, "behandler.odense");
        var html = await client.GetStringAsync("/Courses");
        Assert.Contains("<html lang=\"da\" dir=\"ltr\">", html, StringComparison.Ordinal);
        Assert.Contains(">English<", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">العربية<", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">Українська<", html, StringComparison.Ordinal);

        // ... by query string ...
        Assert.Contains("<html lang=\"da\"", await client.GetStringAsync($"/Courses?culture={language}"), StringComparison.Ordinal);
        client.Dispose();

        // ... and by the browser's language, on the API too: the problem details are Danish, as for a Danish browser.
        using var api = await factory.ClientForAsync("behandler.odense");
        var missing = $"/api/v1/courses/{Guid.NewGuid()}";
        using var danish = new HttpRequestMessage(HttpMethod.Get, missing) { Headers = { { "Accept-Language", "da" } } };
        using var other = new HttpRequestMessage(HttpMethod.Get, missing) { Headers = { { "Accept-Language", language } } };
        var danishTitle = await TitleAsync(await api.SendAsync(danish));
        Assert.Equal(danishTitle, await TitleAsync(await api.SendAsync(other)));
    }

    [Theory]
    [InlineData("uk", "uk")]
    [InlineData("fa", "fa")]
    [InlineData(null, "ar")] // no Accept-Language: her recorded language
    public async Task The_citizen_API_answers_problems_in_the_citizens_language(string? acceptLanguage, string expected)
    {
        using var mariam = await factory.ClientForAsync("borger.mariam");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/courses/{Guid.NewGuid()}");
        if (acceptLanguage is not null)
        {
            request.Headers.Add("Accept-Language", acceptLanguage);
        }

        Assert.Equal(Text(expected, "Problem.NotFound.Title"), await TitleAsync(await mariam.SendAsync(request)));
    }

    [Fact]
    public async Task Staff_may_still_choose_English()
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await SignInAsync(client, "behandler.odense");
        await ChooseAsync(client, "en");
        Assert.Contains("<html lang=\"en\" dir=\"ltr\">", await client.GetStringAsync("/Courses"), StringComparison.Ordinal);
        client.Dispose();
    }

    [Fact]
    public async Task A_proxy_reads_in_their_own_choice_not_the_citizens_recorded_language()
    {
        // Louise's sister: Danish by default whatever Louise's recorded language; her own choice otherwise.
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await factory.WithDbAsync(async db =>
        {
            var louise = await db.Users.Where(u => u.UserName == "paaroerende.louise").Select(u => u.CitizenId).SingleAsync();
            return await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE \"Citizens\" SET \"PreferredLanguage\" = 'ar' WHERE \"Id\" = {louise}");
        });
        await SignInAsync(client, "paaroerende.louise");
        Assert.Contains("<html lang=\"da\" dir=\"ltr\">", await client.GetStringAsync("/Me/Meetings"), StringComparison.Ordinal);
        await ChooseAsync(client, "fa");
        var html = await client.GetStringAsync("/Me/Meetings");
        Assert.Contains("<html lang=\"fa\" dir=\"rtl\">", html, StringComparison.Ordinal);
        Assert.Contains(">العربية<", html, StringComparison.Ordinal);
        client.Dispose();
    }

    [Theory]
    [InlineData("ar")]
    [InlineData("fa")]
    public async Task A_meeting_date_renders_as_the_right_Gregorian_day_in_Arabic_and_Farsi(string language)
    {
        // A demo citizen who can sign in and has a meeting with a time, and that meeting's start.
        var (userName, start) = await factory.WithDbAsync(async db =>
        {
            var citizens = await db.Users.Where(u => u.UserName!.StartsWith("borger.") && u.CitizenId != null).Select(u => new { u.UserName, u.CitizenId }).ToListAsync();
            var ids = citizens.Select(c => c.CitizenId!.Value).ToList();
            var meetings = await db.Meetings.Where(m => ids.Contains(m.CitizenId) && m.Start != null && m.Status != Samspil.Domain.Meetings.MeetingStatus.Cancelled)
                .Select(m => new { m.CitizenId, Start = m.Start!.Value }).ToListAsync();
            var first = meetings.OrderBy(m => m.Start).First();
            return (citizens.First(c => c.CitizenId == first.CitizenId).UserName!, first.Start);
        });

        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await ChooseAsync(client, language);
        await SignInAsync(client, userName);
        var html = await client.GetStringAsync("/Me/Meetings");
        Assert.Contains($"<html lang=\"{language}\" dir=\"rtl\">", html, StringComparison.Ordinal);
        Assert.Contains(CopenhagenTime.Format(start), html, StringComparison.Ordinal); // dd-MM-yyyy HH:mm, the Gregorian day
        client.Dispose();

        // The culture itself: Gregorian year, month and day, the language's own (Gregorian) month name, a 24-hour clock.
        var culture = SamspilCultures.Get(language);
        var day = new DateTime(2026, 12, 10, 14, 30, 0, DateTimeKind.Unspecified);
        Assert.IsType<GregorianCalendar>(culture.DateTimeFormat.Calendar);
        Assert.Equal("2026-12-10", day.ToString("yyyy-MM-dd", culture));
        Assert.Matches(@"^14\D30$", day.ToString("t", culture));
        Assert.Equal(language == "ar" ? "ديسمبر" : "دسامبر", day.ToString("MMMM", culture));
        Assert.Contains("2026", day.ToString("d", culture), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    [InlineData("uk")]
    public void A_meeting_title_Samspil_generated_is_shown_in_the_readers_language(string language)
    {
        var localizer = factory.Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>>();
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = SamspilCultures.Get(language);

            // Generated by a Danish or an English proposer: the reader's own text for the step.
            var expected = Text(language, "MeetingTitle.tvaerindsats.1");
            Assert.Equal(expected, MeetingTitles.Display(localizer, "Netværksmøde 1", "tvaerindsats", 1));
            Assert.Equal(expected, MeetingTitles.Display(localizer, "Network meeting 1", "tvaerindsats", 1));
            if (language == "en")
            {
                Assert.Equal("Network meeting 1", expected);
            }

            // Written or changed by a person, or without a course model's step: as written.
            Assert.Equal("Netværksmøde om boligen", MeetingTitles.Display(localizer, "Netværksmøde om boligen", "tvaerindsats", 1));
            Assert.Equal("Netværksmøde 1", MeetingTitles.Display(localizer, "Netværksmøde 1", null, null));
            Assert.Equal("Netværksmøde 1", MeetingTitles.Display(localizer, "Netværksmøde 1", "en-anden-model", 1));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public async Task A_meeting_invitation_reaches_the_citizen_in_their_recorded_language()
    {
        // The test citizen's recorded language is Arabic; give them an e-mail address so the invitation reaches them.
        using var staff = await factory.ClientForAsync("behandler.odense");
        var request = await TestData.CourseRequestAsync(staff);
        const string Address = "testa.sprog@example.org";
        ((Dictionary<string, object?>)request["citizen"]!)["email"] = Address;
        var course = await staff.PostAsJsonAsync("/api/v1/courses", request, SamspilFactory.Json);
        Assert.Equal(HttpStatusCode.Created, course.StatusCode);
        var courseId = (await course.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var created = await staff.PostAsJsonAsync($"/api/v1/courses/{courseId}/meetings", new { kind = "Network", title = "Netværksmøde 1", format = "InPerson" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var now = factory.Time.GetUtcNow();
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddDays(7);
        using var schedule = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/meetings/{id}/schedule")
        {
            Content = JsonContent.Create(new { start, end = start.AddHours(1), format = "InPerson", location = "Rådhuset" }),
            Headers = { { "Accept-Language", "da" } },
        };
        Assert.True((await staff.SendAsync(schedule)).IsSuccessStatusCode);

        var mails = Directory.EnumerateFiles(factory.MailDirectory, "*.eml").Select(f => MimeKit.MimeMessage.Load(f))
            .Where(m => m.BodyParts.OfType<MimeKit.TextPart>().Any(p => p.Text.Contains(id.ToString("D"), StringComparison.Ordinal)))
            .ToList();
        var toCitizen = Assert.Single(mails, m => m.To.Mailboxes.Any(a => a.Address == Address));
        Assert.Equal([Address], toCitizen.To.Mailboxes.Select(a => a.Address)); // the citizen's own copy
        Assert.Equal(Text("ar", "Meeting.Mail.InvitationSubject"), toCitizen.Subject);
        Assert.All(mails.Where(m => m != toCitizen), m => Assert.Equal(Text("da", "Meeting.Mail.InvitationSubject"), m.Subject));
    }

    private string Text(string language, string key) =>
        factory.Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>>().In(SamspilCultures.Get(language), key);

    [Fact]
    public void Every_language_uses_the_Gregorian_calendar_and_a_24_hour_clock()
    {
        var day = new DateOnly(2026, 3, 1);
        foreach (var code in SamspilCultures.All)
        {
            var culture = SamspilCultures.Get(code);
            Assert.Equal(code, culture.TwoLetterISOLanguageName);
            Assert.IsType<GregorianCalendar>(culture.DateTimeFormat.Calendar);
            Assert.Equal("2026-03-01", day.ToString("yyyy-MM-dd", culture));
            Assert.Matches(@"^0?9\D05$", new TimeOnly(9, 5).ToString("t", culture));
            Assert.Matches(@"^21\D05$", new TimeOnly(21, 5).ToString("t", culture));
        }
    }

    private async Task<string?> PreferredLanguageAsync(string userName) => await factory.WithDbAsync(async db =>
    {
        var citizenId = await db.Users.Where(u => u.UserName == userName).Select(u => u.CitizenId).SingleAsync();
        return await db.Citizens.Where(c => c.Id == citizenId).Select(c => c.PreferredLanguage).SingleAsync();
    });

    private static async Task<string?> TitleAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString();
    }

    /// <summary>The language chooser's form: a POST to /culture with the page's antiforgery token.</summary>
    private static async Task ChooseAsync(HttpClient client, string language)
    {
        var token = SamspilFactory.AntiforgeryToken(await client.GetStringAsync("/Account/Login"));
        var response = await client.PostAsync($"/culture?culture={language}&returnUrl=/", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static async Task SignInAsync(HttpClient client, string userName)
    {
        var page = await client.GetStringAsync("/Account/Login");
        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Username"] = userName,
            ["Password"] = SamspilFactory.DemoPassword,
            ["__RequestVerificationToken"] = SamspilFactory.AntiforgeryToken(page),
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}

public sealed class LanguageTestsOnSqlite(SqliteFactory factory) : LanguageTests(factory), IClassFixture<SqliteFactory>;
public sealed class LanguageTestsOnPostgres(PostgresFactory factory) : LanguageTests(factory), IClassFixture<PostgresFactory>;
