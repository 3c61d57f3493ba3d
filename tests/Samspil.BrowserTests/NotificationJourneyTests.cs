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
/// it read, and chooses a daily digest instead of a mail per notice.
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
        var item = inbox.Item(citizenName);
        await Assertions.Expect(item).ToContainTextAsync("Borgeren er indlagt");
        await Assertions.Expect(item).ToContainTextAsync("Afsnit P1, stue 4");
        await Assertions.Expect(item).ToContainTextAsync("Ny");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "notifications-inbox.png"), FullPage = true });

        await inbox.MarkReadAsync(item);
        await Assertions.Expect(inbox.Status).ToHaveTextAsync("Notifikationen er markeret som læst.");
        await Assertions.Expect(inbox.Item(citizenName).GetByRole(AriaRole.Button, new() { Name = "Markér som læst" })).ToHaveCountAsync(0);
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
