using Microsoft.Playwright;

namespace Samspil.BrowserTests.Pages;

/// <summary>The shared plan as the network works with it.</summary>
public sealed class PlanPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator Status => page.GetByTestId("status-message");

    public ILocator Errors => page.GetByTestId("form-errors");

    public ILocator Goals => page.GetByTestId("goal");

    public ILocator Actions => page.GetByTestId("actions").Locator("tbody tr");

    public ILocator Challenges => page.GetByTestId("challenges").Locator("li");

    public ILocator Conflict => page.GetByTestId("plan-conflict");

    /// <summary>The text box of the "Tilføj udfordring" form.</summary>
    public ILocator NewChallengeText => page.Locator("#add-challenge").GetByLabel("Hvad er svært lige nu?");

    public ILocator SubGoals(string goal) => Goals.Filter(new() { HasText = goal }).GetByTestId("sub-goals").Locator("li");

    public async Task AddGoalAsync(string title, string wish, params string[] subGoals)
    {
        var form = await OpenFormAsync("#add-goal");
        await form.GetByLabel("Mål", new() { Exact = true }).FillAsync(title);
        await form.GetByLabel("Borgerens ønske").FillAsync(wish);
        await form.GetByLabel("Delmål (ét pr. linje, vigtigst først)").FillAsync(string.Join('\n', subGoals));
        await form.GetByRole(AriaRole.Button, new() { Name = "Tilføj mål" }).ClickAsync();
    }

    public Task MoveSubGoalUpAsync(string subGoal) =>
        page.GetByRole(AriaRole.Button, new() { Name = $"Flyt op: {subGoal}" }).ClickAsync();

    public async Task AddActionAsync(string text, string goal, string owner, string dueDate)
    {
        var form = await OpenFormAsync("#add-action");
        await form.GetByLabel("Hvad skal gøres").FillAsync(text);
        await form.GetByLabel("Hører til mål").SelectOptionAsync(new SelectOptionValue { Label = goal });
        var option = form.GetByLabel("Ansvarlig (én person)").Locator("option").Filter(new() { HasText = owner });
        await form.GetByLabel("Ansvarlig (én person)").SelectOptionAsync(new SelectOptionValue { Label = (await option.First.TextContentAsync())!.Trim() });
        await form.GetByLabel("Senest").FillAsync(dueDate);
        await form.GetByRole(AriaRole.Button, new() { Name = "Tilføj indsats" }).ClickAsync();
    }

    public async Task AddChallengeAsync(string area, string text)
    {
        var form = await OpenFormAsync("#add-challenge");
        await form.GetByLabel("Område").SelectOptionAsync(new SelectOptionValue { Label = area });
        await form.GetByLabel("Hvad er svært lige nu?").FillAsync(text);
        await form.GetByRole(AriaRole.Button, new() { Name = "Tilføj udfordring" }).ClickAsync();
    }

    /// <summary>Opens the folded section holding a form (a click on its summary, unless it is already open).</summary>
    private async Task<ILocator> OpenFormAsync(string formSelector)
    {
        var form = page.Locator(formSelector);
        if (!await form.IsVisibleAsync())
        {
            await page.Locator($"details:has({formSelector}) > summary").ClickAsync();
        }

        return form;
    }

    public Task OpenAgreementAsync() => page.GetByRole(AriaRole.Link, new() { Name = "Aftaleskema (udskriv)" }).ClickAsync();
}

/// <summary>The plan as the citizen sees it: plain words, progress, who does what by when.</summary>
public sealed class CitizenPlanPage(IPage page)
{
    public ILocator Root => page.GetByTestId("citizen-plan");

    public ILocator Goals => page.GetByTestId("my-goal");

    public ILocator MyActions => page.GetByTestId("my-actions").Locator("li");

    public ILocator OthersActions => page.GetByTestId("others-actions").Locator("li");

    public Task OpenAsync() => page.GetByRole(AriaRole.Link, new() { Name = "Min plan", Exact = true }).ClickAsync();

    public async Task RateAsync(string goal, string answer)
    {
        var card = Goals.Filter(new() { HasText = goal });
        await card.GetByLabel(answer).CheckAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "Gem mit svar" }).ClickAsync();
    }
}
