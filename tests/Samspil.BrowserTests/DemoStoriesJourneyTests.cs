using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Samspil.BrowserTests.Pages;

namespace Samspil.BrowserTests;

/// <summary>
/// Issue 17 point 11: a newcomer follows each of the demo's stories (docs/demo-data.md, "Stories") on a phone (375 px):
/// signs in with the story's login, opens the course page, and for Louise and Bashir the family page and Bashir's work page.
/// Every page passes axe-core and fits the width.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DemoStoriesJourneyTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("behandler.odense", "Preben Demo-Nielsen", "story-preben")]
    [InlineData("behandler.vejle", "Louise Demo-Hansen", "story-louise")]
    [InlineData("sagsbehandler.vejle", "Abby Demo-Jensen", "story-abby")]
    [InlineData("behandler.odense", "Bashir Demo-Hamidi", "story-bashir")]
    [InlineData("koordinator.kolding", "Martin Demo-Kristensen", "story-martin")]
    public async Task A_newcomer_opens_the_storys_course_on_a_phone(string login, string citizen, string name)
    {
        var page = await fixture.NewPageAsync();
        await page.SetViewportSizeAsync(375, 844);
        await new LoginPage(page).SignInAsync(login);
        await page.GotoAsync("/Courses");
        var list = new CourseListPage(page);
        await list.SearchAsync(citizen.Split(' ')[0]);
        await list.OpenAsync(citizen);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/Courses/[0-9a-f-]{36}$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(citizen);
        await PageChecks.CheckAsync(page, 375, name);
        var course = page.Url;

        if (citizen.StartsWith("Louise", StringComparison.Ordinal) || citizen.StartsWith("Bashir", StringComparison.Ordinal))
        {
            await page.GotoAsync(course + "/family");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync(citizen.StartsWith("Louise", StringComparison.Ordinal) ? "Emil (9 år)" : "Dreng (15 år)");
            await PageChecks.CheckAsync(page, 375, name + "-family");
        }

        if (citizen.StartsWith("Bashir", StringComparison.Ordinal))
        {
            await page.GotoAsync(course + "/work");
            await Assertions.Expect(page.GetByTestId("ips-job-wishes")).ToContainTextAsync("lager");
            await Assertions.Expect(page.GetByTestId("income-basis-current")).ToContainTextAsync("Kontanthjælp");
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Odense Lager & Logistik (demo)");
            await PageChecks.CheckAsync(page, 375, name + "-work");
        }
    }
}
