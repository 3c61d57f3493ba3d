using Microsoft.AspNetCore.Http.HttpResults;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Notifications;

/// <summary>The inbox and preferences under /api/v1/me, and failed deliveries for administrators.</summary>
public static class NotificationEndpoints
{
    public static IEndpointRouteBuilder MapNotificationEndpoints(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/v1/me").WithTags("Notifications").RequireAuthorization();
        me.MapGet("/notifications", async (bool? unread, int? page, int? pageSize, NotificationInbox inbox, CancellationToken ct) => TypedResults.Ok(await inbox.ListAsync(unread == true, page, pageSize, ct)))
            .WithName("MyNotifications")
            .WithSummary("The caller's notices, newest first (page from 1, pageSize 1–100, unread=true for unread only). A notice about a citizen the caller may no longer read is shown without content.");
        me.MapGet("/notifications/grouped", async (bool? unread, int? page, int? pageSize, NotificationInbox inbox, CancellationToken ct) => TypedResults.Ok(await inbox.ListGroupedAsync(unread == true, page, pageSize, ct)))
            .WithName("MyNotificationsGrouped")
            .WithSummary("The same page of notices (page from 1, pageSize 1–100, default 100, unread=true for unread only) in groups by kind and course, newest group first. A notice the caller may no longer read is in one group without content (key \"unavailable\").");
        me.MapPost("/notifications/groups/read", async (MarkGroupReadRequest? request, NotificationInbox inbox, CancellationToken ct) => TypedResults.Ok(await inbox.MarkGroupReadAsync(request, ct)))
            .WithName("MarkNotificationGroupRead")
            .WithSummary("Marks the caller's unread notices in one group read; body {\"key\": \"…\"} with a group's key. A malformed key (or an unknown kind) is a 400; a group with nothing unread marks 0.");
        me.MapGet("/notifications/unread-count", async (NotificationInbox inbox, CancellationToken ct) => TypedResults.Ok(await inbox.UnreadCountAsync(ct)))
            .WithName("MyUnreadNotificationCount");
        me.MapPost("/notifications/{id:guid}/read", MarkRead).WithName("MarkNotificationRead").WithSummary("Marks one of the caller's notices read (again is fine).");
        me.MapPost("/notifications/read-all", async (NotificationInbox inbox, CancellationToken ct) => TypedResults.Ok(await inbox.MarkAllReadAsync(ct)))
            .WithName("MarkAllNotificationsRead");
        me.MapGet("/notification-preferences", async (NotificationInbox inbox, CancellationToken ct) => TypedResults.Ok(await inbox.PreferencesAsync(ct)))
            .WithName("MyNotificationPreferences");
        me.MapPut("/notification-preferences", async (NotificationPreferencesRequest request, NotificationInbox inbox, CancellationToken ct) => TypedResults.Ok(await inbox.SetPreferencesAsync(request, ct)))
            .WithName("SetMyNotificationPreferences")
            .WithSummary("In the inbox always; by e-mail None, Immediate (a content-free mail per notice) or DailyDigest (one a day with the number unread). Language da or en; for citizens and proxies also ar, fa or uk.");

        var deliveries = app.MapGroup("/api/v1/admin/deliveries").WithTags("Notifications").RequireAuthorization(SamspilPolicies.Administrator);
        deliveries.MapGet("/", async (DeliveryAdministration admin, CancellationToken ct) => TypedResults.Ok(await admin.FailedAsync(ct)))
            .WithName("FailedDeliveries").WithSummary("Outbox deliveries that failed (and will be retried) or were given up. No content.");
        deliveries.MapPost("/{id:guid}/retry", Retry).WithName("RetryDelivery").WithSummary("Makes the delivery due now, with a fresh set of attempts.");
        return app;
    }

    private static async Task<Results<NoContent, NotFound>> MarkRead(Guid id, NotificationInbox inbox, CancellationToken ct) =>
        await inbox.MarkReadAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<Results<NoContent, NotFound>> Retry(Guid id, DeliveryAdministration admin, CancellationToken ct) =>
        await admin.RetryAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
}
