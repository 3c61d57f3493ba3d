using Microsoft.Playwright;
using Samspil.BrowserTests.Pages;

namespace Samspil.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class SignInAndLanguageTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_wrong_password_is_refused_with_a_Danish_message()
    {
        var page = await fixture.NewPageAsync();
        var login = new LoginPage(page);
        await login.SignInAsync("behandler.vejle", "forkert-kodeord");
        await Assertions.Expect(login.Errors).ToContainTextAsync("Forkert brugernavn eller adgangskode.");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));
    }

    [Fact]
    public async Task The_interface_switches_to_English_and_back()
    {
        var page = await fixture.NewPageAsync();
        await new LoginPage(page).SignInAsync("ips.odense");
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Work queue", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await page.GetByRole(AriaRole.Button, new() { Name = "Dansk" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Arbejdsliste", Level = 1 })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_citizen_sees_their_own_course_and_no_editing()
    {
        var page = await fixture.NewPageAsync();
        await new LoginPage(page).SignInAsync("borger.louise");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Me/Home$")); // a citizen lands on her home page
        await page.GotoAsync("/Courses");
        var list = new CourseListPage(page);
        await Assertions.Expect(list.Rows).ToHaveCountAsync(1);
        await list.OpenAsync("Louise Demo-Hansen");
        await Assertions.Expect(new CourseDetailsPage(page).NetworkMap).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Tilføj til netværket" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("Skift fase")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Opret forløb" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var page = await fixture.NewPageAsync();
        await new LoginPage(page).SignInAsync("koordinator.odense");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log ud" }).ClickAsync();
        await page.GotoAsync("/Courses");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log ind" })).ToBeVisibleAsync();
    }
}
