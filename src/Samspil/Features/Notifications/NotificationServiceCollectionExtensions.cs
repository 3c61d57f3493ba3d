using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Samspil.Features.Meetings.Calendar;

namespace Samspil.Features.Notifications;

public static class NotificationServiceCollectionExtensions
{
    /// <summary>
    /// Registers notices, the inbox, the outbox processor and its worker, and the reminder and digest
    /// job, with the <c>Notifications</c> settings (checked at start-up).
    /// </summary>
    public static IServiceCollection AddSamspilNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NotificationOptions>()
            .Bind(configuration.GetSection(NotificationOptions.Section))
            .Configure(o => o.PublicBaseUrl = Infrastructure.Security.WebSecurityOptions.Resolve(configuration))
            .Validate(o => o.DigestHour is >= 0 and <= 23, "Notifications:DigestHour must be between 0 and 23.")
            .Validate(o => Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp), "Notifications:PublicBaseUrl must be an absolute http(s) address.")
            .ValidateOnStart();
        services.AddOptions<OutboxOptions>()
            .Bind(configuration.GetSection(OutboxOptions.Section))
            .Validate(o => o.Problem() is null, "Notifications:Outbox settings are out of range (see docs/configuration.md).")
            .ValidateOnStart();
        services.AddOptions<ReminderOptions>()
            .Bind(configuration.GetSection(ReminderOptions.Section))
            .Validate(o => o.Problem() is null, "Notifications:Reminders settings are out of range (see docs/configuration.md).")
            .ValidateOnStart();

        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<OutboxWakeUpInterceptor>();
        services.AddScoped<NotificationService>();
        services.AddScoped<NotificationInbox>();
        services.AddScoped<DeliveryAdministration>();
        services.AddScoped<OutboxDeliveries>();
        services.AddScoped<ReminderJob>();
        services.AddScoped<DigestJob>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<OutboxOptions>>().Value;
            return new OutboxProcessor(
                sp.GetRequiredService<IServiceScopeFactory>(),
                sp.GetRequiredService<IMailSender>(),
                options,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<OutboxProcessor>>(),
                options.ResolveInstanceId());
        });
        services.AddHostedService<OutboxWorker>();
        services.AddHostedService<NotificationJobsWorker>();
        return services;
    }
}
