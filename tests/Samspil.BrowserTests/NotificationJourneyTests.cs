using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Samspil.BrowserTests.Pages;
using Samspil.Domain.Consents;
using Samspil.Domain.Notifications;
using Samspil.Features.Access;
using Samspil.Features.Notifications;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Security;

namespace Samspil.BrowserTests;

/// <summary>
/// Notifications in the browser: Samspil tells the volunteer coordinator that a citizen whose consent
/// names the volunteer centre has been admitted; she sees the unread badge, opens Notifikationer, marks
/// it read, and chooses a daily digest instead of a mail per notice. Issue 21: the notices come grouped (a group is
/// opened and marked read at once), and the course list sorts by a column.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class NotificationJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_user_sees_the_unread_badge_opens_notifikationer_marks_read_and_chooses_a_daily_digest()
    {
        var citizenName = await NotifyVolunteerCoordinatorAsync();

        var page = await fixture.NewPageAsync();
        await new LoginPage(page).SignInAsync("frivillig.trekanten");
        var inbox = new NotificationInboxPage(page);
        await Assertions.Expect(inbox.Badge).ToBeVisibleAsync();

        await inbox.NavLink.ClickAsync();
        await Assertions.Expect(inbox.Heading).ToBeVisibleAsync();
        // Issue 21: the notices come in groups by course and kind; a group opens to its notices, each with a labelled date.
        var group = inbox.Group(citizenName);
        await Assertions.Expect(group).ToContainTextAsync("Borgeren er indlagt");
        await inbox.OpenGroupAsync(group);
        var item = inbox.Item(citizenName);
        await Assertions.Expect(item).ToBeVisibleAsync();
        await Assertions.Expect(item).ToContainTextAsync("Afsnit P1, stue 4");
        await Assertions.Expect(item).ToContainTextAsync("Ny");
        await Assertions.Expect(item).ToContainTextAsync("Modtaget");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "notifications-inbox.png"), FullPage = true });
        await PageChecks.AssertAccessibleAsync(page);

        await inbox.MarkGroupReadAsync(group);
        await Assertions.Expect(inbox.Status).ToHaveTextAsync("Gruppen er markeret som læst.");
        await Assertions.Expect(inbox.Group(citizenName).GetByTestId("mark-group-read")).ToHaveCountAsync(0);
        await Assertions.Expect(inbox.Item(citizenName).GetByRole(AriaRole.Button, new() { Name = "Markér som læst", IncludeHidden = true })).ToHaveCountAsync(0);
        if (await inbox.Badge.CountAsync() > 0)
        {
            await inbox.MarkAllReadAsync();
            await Assertions.Expect(inbox.Status).ToHaveTextAsync("Alle notifikationer er markeret som læst.");
        }

        await Assertions.Expect(inbox.Badge).ToHaveCountAsync(0);

        await inbox.OpenSettingsAsync();
        var settings = new NotificationSettingsPage(page);
        await Assertions.Expect(settings.Heading).ToBeVisibleAsync();
        await Assertions.Expect(settings.Choice("En e-mail for hver ny notifikation")).ToBeCheckedAsync();
        await settings.SaveAsync("Én e-mail om dagen med antallet af ulæste");
        await Assertions.Expect(settings.Status).ToHaveTextAsync("Dine indstillinger er gemt.");
        await page.ReloadAsync();
        await Assertions.Expect(settings.Choice("Én e-mail om dagen med antallet af ulæste")).ToBeCheckedAsync();

        // Issue 21: the course list sorts by a column from its head (aria-sort follows), needing attention first by default.
        await page.GotoAsync("/Courses");
        await Assertions.Expect(page.Locator("th[aria-sort='descending']")).ToContainTextAsync("Kræver opmærksomhed");
        await page.GetByTestId("sort-name").ClickAsync();
        await Assertions.Expect(page.Locator("th[aria-sort='ascending']")).ToContainTextAsync("Borger");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("sort=name&direction=asc"));
        await page.GetByTestId("sort-name").ClickAsync();
        await Assertions.Expect(page.Locator("th[aria-sort='descending']")).ToContainTextAsync("Borger");
        await PageChecks.AssertAccessibleAsync(page);
    }

    /// <summary>Samspil tells frivillig.trekanten about the first demo course whose consent lets her read its status; returns the citizen's name.</summary>
    private async Task<string> NotifyVolunteerCoordinatorAsync()
    {
        await using var scope = fixture.Services.GetRequiredService<IServiceScopeFactory>().CreateSystemScope();
        var db = scope.ServiceProvider.GetRequiredService<SamspilDbContext>();
        var access = scope.ServiceProvider.GetRequiredService<CitizenDataAccess>();
        var notifications = scope.ServiceProvider.GetRequiredService<NotificationService>();
        var volunteer = await db.Users.Where(u => u.UserName == "frivillig.trekanten").Select(u => u.Id).SingleAsync();
        foreach (var course in await db.Courses.AsNoTracking().OrderBy(c => c.CreatedAt).ToListAsync())
        {
            var notices = await notifications.NotifyAsync(
                new NotificationDraft(NotificationKind.Admitted, course.Id, course.CitizenId, InformationCategory.StatusAndAppointments, "Afsnit P1, stue 4", $"/Courses/{course.Id}", "browser:" + Guid.NewGuid().ToString("N")),
                CitizenDataAccess.SubjectOf(course),
                [volunteer],
                CancellationToken.None);
            if (notices.Count > 0)
            {
                await access.Log.CommitAsync(CancellationToken.None);
                var citizen = await db.Citizens.AsNoTracking().Where(c => c.Id == course.CitizenId).Select(c => new { c.GivenName, c.FamilyName }).SingleAsync();
                return citizen.GivenName + " " + citizen.FamilyName;
            }
        }

        throw new InvalidOperationException("No demo course whose consent names Frivilligcenter Trekanten.");
    }
}
