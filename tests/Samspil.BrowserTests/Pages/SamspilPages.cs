using Microsoft.Playwright;

namespace Samspil.BrowserTests.Pages;

/// <summary>Page objects: what a person sees and does, found by role and label like a screen reader would.</summary>
public sealed class LoginPage(IPage page)
{
    public async Task SignInAsync(string userName, string password = BrowserFixture.DemoPassword)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Brugernavn").FillAsync(userName);
        await page.GetByLabel("Adgangskode").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log ind" }).ClickAsync();
    }

    public ILocator Errors => page.GetByTestId("form-errors");
}

public sealed class CourseListPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Mine forløb", Level = 1 });

    public ILocator Rows => page.GetByTestId("course-list").Locator("tbody tr");

    public async Task SearchAsync(string text)
    {
        await page.GetByLabel("Navn eller CPR-nummer").FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Søg", Exact = true }).ClickAsync();
    }

    public Task OpenAsync(string citizenName) => page.GetByRole(AriaRole.Link, new() { Name = citizenName }).First.ClickAsync();
}

public sealed class CourseDetailsPage(IPage page)
{
    public ILocator NetworkMap => page.GetByTestId("network-map");

    public ILocator MapMembers => page.GetByTestId("map-member");

    public ILocator ActiveMembers => page.GetByTestId("network-active").Locator("tbody tr");

    public ILocator History => page.GetByTestId("network-history");

    public ILocator Status => page.GetByTestId("status-message");

    public ILocator CurrentPhase => page.GetByTestId("current-phase");

    public Task StartAddingMemberAsync() => page.GetByRole(AriaRole.Link, new() { Name = "Tilføj til netværket" }).ClickAsync();

    public async Task ChangePhaseAsync(string phase, string note)
    {
        await page.GetByText("Skift fase").ClickAsync();
        await page.GetByLabel("Ny fase").SelectOptionAsync(new SelectOptionValue { Label = phase });
        await page.GetByLabel("Bemærkning (valgfri)").FillAsync(note);
        await page.GetByRole(AriaRole.Button, new() { Name = "Gem faseskift" }).ClickAsync();
    }
}

public sealed class AddMemberPage(IPage page)
{
    public async Task AddPersonAsync(string kind, string name, string relation, string role, bool citizenAgreed)
    {
        await page.GetByLabel("Type").SelectOptionAsync(new SelectOptionValue { Label = kind });
        await page.GetByLabel("Navn (pårørende, ven, frivillig, peer)").FillAsync(name);
        await page.GetByLabel("Relation til borgeren").FillAsync(relation);
        await page.GetByLabel("Rolle i samarbejdet").SelectOptionAsync(new SelectOptionValue { Label = role });
        if (citizenAgreed)
        {
            await page.GetByLabel("Borgeren har sagt ja til, at personen er med i netværket").CheckAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Tilføj", Exact = true }).ClickAsync();
    }

    public async Task AddProfessionalAsync(string optionLabel, string role)
    {
        await page.GetByLabel("Type").SelectOptionAsync(new SelectOptionValue { Label = "Fagperson" });
        await page.GetByLabel("Fagperson", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = optionLabel });
        await page.GetByLabel("Rolle i samarbejdet").SelectOptionAsync(new SelectOptionValue { Label = role });
        await page.GetByLabel("Borgeren har sagt ja til, at personen er med i netværket").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Tilføj", Exact = true }).ClickAsync();
    }
}
