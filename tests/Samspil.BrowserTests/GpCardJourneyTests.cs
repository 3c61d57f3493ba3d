using Microsoft.Playwright;
using Samspil.BrowserTests.Pages;

namespace Samspil.BrowserTests;

/// <summary>
/// Issue 21, the GP's card: laege1 on a phone opens "Til lægen", answers the tovholder's question and sends a
/// written contribution to the network meeting without attending; the thread and the meeting show both.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class GpCardJourneyTests(BrowserFixture fixture)
{
    private const string Reply = "Sygemeldingen fortsætter til næste kontrol (browsertest).";
    private const string Contribution = "Lægen: medicinen justeres; ingen indvendinger mod praktik (browsertest).";

    [Fact]
    public async Task A_GP_on_a_phone_answers_a_question_and_sends_written_input_to_a_meeting_from_the_card()
    {
        var page = await fixture.NewPageAsync();
        await page.SetViewportSizeAsync(360, 844);
        await new LoginPage(page).SignInAsync("laege1");
        await page.GotoAsync("/Work/Gp");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Til lægen", Level = 1 })).ToBeVisibleAsync();
        var martin = page.GetByTestId("gp-course").Filter(new() { HasText = "Martin Demo-Kristensen" });
        await Assertions.Expect(martin.GetByTestId("gp-action")).ToContainTextAsync("Sende medicinliste");
        await PageChecks.CheckAsync(page, 360, "gp-card");

        // The question: answered in place, and it lands in the thread like any reply.
        var question = martin.GetByTestId("gp-question").Filter(new() { HasText = "Spørgsmål til egen læge" });
        await question.GetByLabel("Dit svar").FillAsync(Reply);
        await question.GetByRole(AriaRole.Button, new() { Name = "Send svar" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("status-message")).ToHaveTextAsync("Dit svar er sendt i tråden.");
        await Assertions.Expect(martin.GetByTestId("gp-question").Filter(new() { HasText = "Spørgsmål til egen læge" })).ToHaveCountAsync(0);

        // The meeting: written input without attending, which becomes a point on its agenda.
        var meeting = martin.GetByTestId("gp-meeting").Filter(new() { HasText = "Netværksmøde om behandling og arbejde" });
        await meeting.GetByLabel("Dit skriftlige bidrag").FillAsync(Contribution);
        await meeting.GetByRole(AriaRole.Button, new() { Name = "Send bidrag" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("status-message")).ToHaveTextAsync("Dit bidrag er sendt til mødet.");
        await Assertions.Expect(meeting.GetByTestId("gp-contributions")).ToContainTextAsync(Contribution);
        await PageChecks.AssertAccessibleAsync(page);

        await meeting.GetByRole(AriaRole.Link, new() { Name = "Se mødet" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("agenda-points")).ToContainTextAsync(Contribution);

        var thread = await fixture.NewPageAsync();
        await new LoginPage(thread).SignInAsync("socialraadgiver.traume");
        await new MyMessagesPage(thread).OpenAsync();
        await thread.GetByRole(AriaRole.Link, new() { Name = "Spørgsmål til egen læge om sygemelding (demo)" }).ClickAsync();
        await Assertions.Expect(thread.GetByText(Reply)).ToBeVisibleAsync();
    }
}
