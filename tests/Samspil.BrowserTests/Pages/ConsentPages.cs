using Microsoft.Playwright;

namespace Samspil.BrowserTests.Pages;

/// <summary>The "Samtykke" card on a course page, as a professional sees it.</summary>
public sealed class CourseConsentCard(IPage page)
{
    public ILocator Card => page.GetByTestId("consent-card");

    public ILocator State => Card.GetByTestId("consent-state");

    public ILocator Warning => page.GetByTestId("consent-warning");

    public ILocator Consents => page.GetByTestId("consent-list").Locator("tbody tr");

    public Task StartRegisteringAsync() => page.GetByRole(AriaRole.Link, new() { Name = "Registrér samtykke" }).ClickAsync();
}

/// <summary>"Registrér samtykke": upload the signed form and say what it covers.</summary>
public sealed class RegisterConsentPage(IPage page)
{
    public ILocator Errors => page.GetByTestId("form-errors");

    public ILocator Purpose => page.GetByLabel("Formål", new() { Exact = true });

    public ILocator Recipients => page.GetByRole(AriaRole.Group, new() { Name = "Hvem må få oplysningerne?" }).GetByRole(AriaRole.Checkbox);

    public Task ChooseFileAsync(string name, string mimeType, byte[] content) =>
        page.GetByLabel("Fil med den underskrevne erklæring").SetInputFilesAsync(new FilePayload { Name = name, MimeType = mimeType, Buffer = content });

    public async Task FillTermsAsync(string purpose, params string[] categories)
    {
        await Recipients.First.CheckAsync();
        foreach (var category in categories)
        {
            await page.GetByLabel(category, new() { Exact = true }).CheckAsync();
        }

        await Purpose.FillAsync(purpose);
        await page.GetByLabel("Må ikke bruges til (valgfri)").FillAsync("Vurdering af rådighed");
    }

    public Task SubmitAsync() => page.GetByRole(AriaRole.Button, new() { Name = "Registrér samtykke" }).ClickAsync();
}

/// <summary>"Mine samtykker": the citizen's consents as cards.</summary>
public sealed class MyConsentsPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Mine samtykker", Level = 1 });

    public ILocator Current => page.GetByRole(AriaRole.Region, new() { Name = "Gældende samtykker" }).GetByTestId("consent-card");

    public ILocator Earlier => page.GetByRole(AriaRole.Region, new() { Name = "Tidligere samtykker" }).GetByTestId("consent-card");

    public ILocator Status => page.GetByTestId("status-message");

    public Task OpenAsync() => page.GetByRole(AriaRole.Navigation, new() { Name = "Hovedmenu" }).GetByRole(AriaRole.Link, new() { Name = "Mine samtykker" }).ClickAsync();

    public async Task RevokeAsync(ILocator card)
    {
        await card.GetByText("Tilbagekald", new() { Exact = true }).ClickAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "Ja, tilbagekald nu" }).ClickAsync();
    }

    public Task StartLimitingAsync(ILocator card) => card.GetByRole(AriaRole.Link, new() { Name = "Begræns" }).ClickAsync();

    public Task StartGivingAsync() => page.GetByRole(AriaRole.Link, new() { Name = "Giv nyt samtykke" }).ClickAsync();
}

/// <summary>"Hvem har set mine oplysninger".</summary>
public sealed class MyAccessLogPage(IPage page)
{
    public ILocator Entries => page.GetByTestId("access-log").Locator("li");

    public ILocator Groups => page.GetByTestId("access-log-groups").GetByTestId("access-group");

    /// <summary>Opens the log and switches to the detailed list (the grouped view is the default).</summary>
    public async Task OpenAsync()
    {
        await OpenGroupedAsync();
        await page.GetByTestId("detail-view-link").ClickAsync();
    }

    public Task OpenGroupedAsync() => page.GetByRole(AriaRole.Navigation, new() { Name = "Hovedmenu" }).GetByRole(AriaRole.Link, new() { Name = "Hvem har set mine oplysninger" }).ClickAsync();

    public async Task FilterAsync(string action)
    {
        await page.GetByLabel("Hvad blev gjort").SelectOptionAsync(new SelectOptionValue { Label = action });
        await page.GetByRole(AriaRole.Button, new() { Name = "Vis", Exact = true }).ClickAsync();
    }
}

/// <summary>"Mine data": the readable export and its JSON download.</summary>
public sealed class MyDataPage(IPage page)
{
    public ILocator Citizen => page.GetByTestId("export-citizen");

    public ILocator JsonLink => page.GetByRole(AriaRole.Link, new() { Name = "Hent mine data (JSON)" });

    public Task OpenAsync() => page.GetByRole(AriaRole.Navigation, new() { Name = "Hovedmenu" }).GetByRole(AriaRole.Link, new() { Name = "Mine data" }).ClickAsync();
}
