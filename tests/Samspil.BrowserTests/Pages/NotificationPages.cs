using Microsoft.Playwright;

namespace Samspil.BrowserTests.Pages;

/// <summary>The navigation's "Notifikationer" link with its unread badge, and the inbox.</summary>
public sealed class NotificationInboxPage(IPage page)
{
    public ILocator NavLink => page.GetByTestId("nav-notifications");

    public ILocator Badge => page.GetByTestId("unread-badge");

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Notifikationer", Level = 1 });

    public ILocator Items => page.GetByTestId("notification");

    public ILocator Status => page.GetByTestId("status-message");

    public ILocator Item(string text) => Items.Filter(new() { HasText = text });

    /// <summary>A group of notices (one course and kind), closed until its summary is clicked.</summary>
    public ILocator Group(string text) => page.GetByTestId("notification-group").Filter(new() { HasText = text });

    public Task OpenGroupAsync(ILocator group) => group.Locator("summary").ClickAsync();

    public Task MarkGroupReadAsync(ILocator group) => group.GetByRole(AriaRole.Button, new() { Name = "Markér gruppen som læst" }).ClickAsync();

    public Task MarkReadAsync(ILocator item) => item.GetByRole(AriaRole.Button, new() { Name = "Markér som læst" }).ClickAsync();

    public Task MarkAllReadAsync() => page.GetByRole(AriaRole.Button, new() { Name = "Markér alle som læst" }).ClickAsync();

    public Task OpenSettingsAsync() => page.GetByRole(AriaRole.Link, new() { Name = "Indstillinger for e-mail" }).ClickAsync();
}

/// <summary>"Indstillinger for notifikationer": e-mail per notice, daily digest or none.</summary>
public sealed class NotificationSettingsPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Indstillinger for notifikationer", Level = 1 });

    public ILocator Choice(string label) => page.GetByRole(AriaRole.Radio, new() { Name = label });

    public async Task SaveAsync(string choice)
    {
        await Choice(choice).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Gem" }).ClickAsync();
    }

    public ILocator Status => page.GetByTestId("status-message");
}
