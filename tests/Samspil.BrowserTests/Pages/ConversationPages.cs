using Microsoft.Playwright;

namespace Samspil.BrowserTests.Pages;

/// <summary>A course's "Beskeder": the user's threads and the form to start one.</summary>
public sealed class CourseConversationsPage(IPage page)
{
    public ILocator Threads => page.GetByTestId("conversation-list").Locator("tbody tr");

    public ILocator Participant(string name) => page.Locator("#new-conversation").GetByLabel(name);

    public async Task StartAsync(string subject, string firstMessage)
    {
        var form = page.Locator("#new-conversation");
        await form.GetByLabel("Emne").FillAsync(subject);
        await form.GetByLabel("Første besked (valgfri)").FillAsync(firstMessage);
        await form.GetByRole(AriaRole.Button, new() { Name = "Start samtalen" }).ClickAsync();
    }
}

/// <summary>"Mine beskeder".</summary>
public sealed class MyMessagesPage(IPage page)
{
    public ILocator Row(string subject) => page.GetByTestId("conversation-list").Locator("tbody tr").Filter(new() { HasText = subject });

    /// <summary>Through the main navigation: for staff the link is in the "Mit arbejde" menu (issue 21).</summary>
    public Task OpenAsync() => PageChecks.FollowNavigationLinkAsync(page, "Mine beskeder");
}

/// <summary>One conversation: messages, who has read them, and the composer.</summary>
public sealed class ThreadPage(IPage page)
{
    public ILocator Status => page.GetByTestId("status-message");

    public ILocator Messages => page.GetByTestId("message");

    public ILocator Message(string text) => Messages.Filter(new() { HasText = text });

    public ILocator Language => page.Locator("#message-form").GetByLabel("Sprog i beskeden");

    public async Task SendAsync(string text, params FilePayload[] files)
    {
        var form = page.Locator("#message-form");
        await form.GetByLabel("Besked", new() { Exact = true }).FillAsync(text);
        if (files.Length > 0)
        {
            await form.GetByLabel("Vedhæft filer (valgfrit)").SetInputFilesAsync(files);
        }

        await form.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
    }
}
