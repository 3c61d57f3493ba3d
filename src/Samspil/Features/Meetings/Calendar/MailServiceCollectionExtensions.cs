using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Samspil.Features.Meetings.Calendar;

public static class MailServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IMailSender"/> as chosen by <c>Mail:Mode</c> (Pickup by default, into
    /// <c>data/mail</c> under the content root; Smtp; Disabled), plus <see cref="ICalendarWriter"/> and
    /// <see cref="BusyTimeReader"/>. Settings are read when the sender is first resolved, so configuration
    /// added late (environment, test host) is honoured; invalid SMTP settings stop start-up.
    /// </summary>
    public static IServiceCollection AddSamspilMail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MailOptions>()
            .Bind(configuration.GetSection(MailOptions.Section))
            .Validate(o => o.Mode != MailMode.Smtp || o.Smtp.Problem() is null, "Mail:Smtp is incomplete or invalid for Mail:Mode Smtp (see docs/configuration.md).")
            .Validate(o => o.Mode != MailMode.Pickup || !string.IsNullOrWhiteSpace(o.PickupDirectory), "Mail:PickupDirectory is required for Mail:Mode Pickup.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ICalendarWriter, CalendarWriter>();
        services.TryAddSingleton(new BusyTimeReader());
        services.TryAddSingleton<IMailSender>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<MailOptions>>().Value;
            var time = sp.GetRequiredService<TimeProvider>();
            var loggers = sp.GetRequiredService<ILoggerFactory>();
            switch (options.Mode)
            {
                case MailMode.Smtp:
                    return new SmtpMailSender(options.Smtp, time, loggers.CreateLogger<SmtpMailSender>());
                case MailMode.Disabled:
                    return new DisabledMailSender(loggers.CreateLogger<DisabledMailSender>());
                default:
                    var environment = sp.GetService<IHostEnvironment>();
                    var root = environment?.ContentRootPath ?? AppContext.BaseDirectory;
                    var logger = loggers.CreateLogger<PickupDirectoryMailSender>();
                    if (environment is not null && !environment.IsDevelopment())
                    {
                        logger.LogWarning("Mail goes to a pickup directory outside Development; set Mail:Mode to Smtp or Disabled");
                    }

                    var from = CalendarWriter.IsPlainAddress(options.Smtp.FromAddress) ? options.Smtp.FromAddress : MailMessageFactory.FallbackFromAddress;
                    return new PickupDirectoryMailSender(Path.Combine(root, options.PickupDirectory), from, options.Smtp.FromName, time, logger);
            }
        });
        return services;
    }
}
