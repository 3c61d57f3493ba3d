using Microsoft.Playwright;
using Samspil.BrowserTests.Pages;

namespace Samspil.BrowserTests;

/// <summary>
/// Samsnakk (R27): the clinic's social worker writes to Mariam, who reads Arabic; she answers in
/// Arabic with a signed paper attached, and he sees her answer and that she has read his message.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConversationJourneyTests(BrowserFixture fixture)
{
    private const string Subject = "Papirer til jobcentret";
    private const string Question = "Hej Mariam. Har du fået brevet fra Jobcenter Varde? Du kan sende det her.";
    private const string Answer = "نعم، وصلتني الرسالة. أرسل لك الورقة الموقعة.";

    [Fact]
    public async Task A_caseworker_writes_to_the_citizen_who_answers_in_her_own_language_with_a_file_and_he_sees_the_answer_and_that_she_read_his()
    {
        var staff = await fixture.NewPageAsync();
        await new LoginPage(staff).SignInAsync("socialraadgiver.traume");
        await Assertions.Expect(staff).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Work$")); // staff land on their work queue (issue 21)
        await staff.GotoAsync("/Courses");
        var courses = new CourseListPage(staff);
        await courses.SearchAsync("Mariam");
        await courses.OpenAsync("Mariam Demo-Haddad");
        await staff.GetByTestId("open-conversations").ClickAsync();

        // Mariam is chosen already (the citizen takes part unless left out); people without consent for messages are not offered.
        var start = new CourseConversationsPage(staff);
        await Assertions.Expect(start.Participant("Mariam Demo-Haddad (Borger)")).ToBeCheckedAsync();
        await start.StartAsync(Subject, Question);
        var thread = new ThreadPage(staff);
        await Assertions.Expect(staff.GetByTestId("status-message")).ToHaveTextAsync("Samtalen er startet.");
        await Assertions.Expect(thread.Message(Question).GetByTestId("read-by")).ToHaveTextAsync("Ikke læst endnu");
        var threadUrl = staff.Url;

        // Mariam finds the unread message in Mine beskeder and answers in Arabic (her language is chosen for her) with a PDF.
        var citizen = await fixture.NewPageAsync();
        // She has chosen Danish screens in this browser (a choice here wins over her recorded Arabic); the Arabic
        // interface is MariamReadsArabicTests. Her messages stay in Arabic either way.
        await citizen.Context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = "c%3Dda%7Cuic%3Dda", Url = fixture.BaseUrl }]);
        await new LoginPage(citizen).SignInAsync("borger.mariam");
        var mine = new MyMessagesPage(citizen);
        await mine.OpenAsync();
        await Assertions.Expect(mine.Row(Subject)).ToContainTextAsync("1 ulæste");
        await mine.Row(Subject).GetByRole(AriaRole.Link, new() { Name = Subject }).ClickAsync();
        var hers = new ThreadPage(citizen);
        await Assertions.Expect(hers.Message(Question)).ToContainTextAsync("Anders Demo-Skytte");
        await Assertions.Expect(hers.Language).ToHaveValueAsync("ar");
        await Assertions.Expect(citizen.GetByText("Beskeder oversættes ikke automatisk.", new() { Exact = false }).First).ToBeVisibleAsync();
        await hers.SendAsync(Answer, new FilePayload { Name = "underskrevet.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n% Samspil browser test\n%%EOF\n"u8.ToArray() });
        await Assertions.Expect(hers.Status).ToHaveTextAsync("Beskeden er sendt.");
        var reply = hers.Message(Answer);
        await Assertions.Expect(reply).ToContainTextAsync("Sprog: Arabisk");
        await Assertions.Expect(reply.GetByTestId("message-text")).ToHaveAttributeAsync("lang", "ar");
        await Assertions.Expect(reply.GetByTestId("attachment")).ToHaveTextAsync("underskrevet.pdf");
        await citizen.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "conversation-citizen.png"), FullPage = true });

        // The social worker sees the answer, the file, and that Mariam has read his message.
        await staff.GotoAsync(threadUrl);
        var answer = thread.Message(Answer);
        await Assertions.Expect(answer).ToContainTextAsync("Mariam Demo-Haddad");
        await Assertions.Expect(answer).ToContainTextAsync("Sprog: Arabisk");
        await Assertions.Expect(thread.Message(Question).GetByTestId("read-by")).ToHaveTextAsync("Læst af Mariam Demo-Haddad");
        var download = await staff.RunAndWaitForDownloadAsync(() => answer.GetByTestId("attachment").ClickAsync());
        Assert.Equal("underskrevet.pdf", download.SuggestedFilename);
        await staff.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "conversation-caseworker.png"), FullPage = true });

        // … and Mariam, in turn, sees that he has read her answer.
        await citizen.ReloadAsync();
        await Assertions.Expect(hers.Message(Answer).GetByTestId("read-by")).ToHaveTextAsync("Læst af Anders Demo-Skytte");
    }
}
