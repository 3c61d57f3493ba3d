using Microsoft.Playwright;

namespace Samspil.BrowserTests.Pages;

/// <summary>The course calendar.</summary>
public sealed class CourseCalendarPage(IPage page)
{
    public ILocator Meetings => page.GetByTestId("calendar-meeting");

    public ILocator Status => page.GetByTestId("status-message");

    public async Task ProposeAsync(string model)
    {
        await page.GetByLabel("Model").SelectOptionAsync(new SelectOptionValue { Label = model });
        await page.GetByRole(AriaRole.Button, new() { Name = "Foreslå modellens møder" }).ClickAsync();
    }

    public Task OpenAsync(string title) => page.GetByRole(AriaRole.Link, new() { Name = title, Exact = true }).ClickAsync();
}

/// <summary>One meeting, as used during the meeting.</summary>
public sealed class MeetingPage(IPage page)
{
    public ILocator Status => page.GetByTestId("status-message");

    public ILocator MeetingStatus => page.GetByTestId("meeting-status");

    public ILocator Agreements => page.GetByTestId("agreements").Locator("li");

    public ILocator PreviousAgreements => page.GetByTestId("previous-agreements").Locator("li");

    public ILocator Minutes => page.Locator("#minutes-form").GetByLabel("Referat");

    public async Task ScheduleAsync(string date, string time, string place)
    {
        var form = page.Locator("#schedule-form");
        if (!await form.IsVisibleAsync())
        {
            await page.Locator("#schedule > summary").ClickAsync();
        }

        await form.GetByLabel("Dato").FillAsync(date);
        await form.GetByLabel("Starttid").FillAsync(time);
        await form.GetByLabel("Form").SelectOptionAsync(new SelectOptionValue { Label = "Fysisk møde" });
        await form.GetByLabel("Sted").FillAsync(place);
        await form.GetByRole(AriaRole.Button, new() { Name = "Gem og send indkaldelse" }).ClickAsync();
    }

    public async Task AddAgendaPointAsync(string text)
    {
        await page.Locator("#add-point").GetByLabel("Nyt punkt").FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Tilføj punkt" }).ClickAsync();
    }

    public Task ShareAgendaAsync() => page.GetByRole(AriaRole.Button, new() { Name = "Del dagsordenen med deltagerne" }).ClickAsync();

    public Task MarkHeldAsync() => page.GetByRole(AriaRole.Button, new() { Name = "Mødet er holdt – skriv referat" }).ClickAsync();

    public async Task WriteMinutesAsync(string minutes, string summary)
    {
        await Minutes.FillAsync(minutes);
        await page.Locator("#minutes-form").GetByLabel("Kort fortalt, uden fagord").FillAsync(summary);
        await page.Locator("#minutes-form").GetByRole(AriaRole.Button, new() { Name = "Gem" }).ClickAsync();
    }

    public async Task AddAgreementAsync(string text, string owner, string dueDate)
    {
        var form = page.Locator("#agreement-form");
        await form.GetByLabel("Aftale", new() { Exact = true }).FillAsync(text);
        var option = form.GetByLabel("Ansvarlig (én person)").Locator("option").Filter(new() { HasText = owner });
        await form.GetByLabel("Ansvarlig (én person)").SelectOptionAsync(new SelectOptionValue { Label = (await option.First.TextContentAsync())!.Trim() });
        await form.GetByLabel("Senest").FillAsync(dueDate);
        await form.GetByRole(AriaRole.Button, new() { Name = "Tilføj aftale (bliver en indsats i planen)" }).ClickAsync();
    }

    public ILocator Slots => page.GetByTestId("slots").Locator("li");

    public async Task FindTimesAsync(string videoLink)
    {
        var form = page.Locator("#find-form");
        if (!await form.IsVisibleAsync())
        {
            await page.Locator("#find > summary").ClickAsync();
        }

        await form.GetByLabel("Videolink").FillAsync(videoLink);
        await form.GetByRole(AriaRole.Button, new() { Name = "Find tider" }).ClickAsync();
    }

    public Task ApproveMinutesAsync() => page.GetByRole(AriaRole.Button, new() { Name = "Godkend og del referatet" }).ClickAsync();
}
