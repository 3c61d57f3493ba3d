using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Localization;
using Samspil.Features.Access;
using Samspil.Features.Fhir;
using Samspil.Features.SmartApps;
using Samspil.Features.Administration;
using Samspil.Features.Agreements;
using Samspil.Features.Account;
using Samspil.Features.CitizenAccess;
using Samspil.Features.Audit;
using Samspil.Features.Consents;
using Samspil.Features.Conversations;
using Samspil.Features.Citizens;
using Samspil.Features.Courses;
using Samspil.Features.Demo;
using Samspil.Features.MasterData;
using Samspil.Features.Me;
using Samspil.Features.Directory;
using Samspil.Features.HospitalNotifications;
using Samspil.Features.CareCommunications;
using Samspil.Features.Network;
using Samspil.Features.Notifications;
using Samspil.Features.Meetings;
using Samspil.Features.Meetings.Calendar;
using Samspil.Features.Plans;
using Samspil.Features.Screening;
using Samspil.Features.Reporting;
using Samspil.Infrastructure.CommandLine;
using Samspil.Infrastructure.ErrorHandling;
using Samspil.Infrastructure.Idempotency;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Security;
using Samspil.Infrastructure.Telemetry;
using Scalar.AspNetCore;
using Serilog;

StartupTrace.Mark("entry point"); // SAMSPIL_STARTUP_TRACE=1 prints the start-up phases' timings (docs/benchmarks.md)
StartupFailure.Register(); // a setting that fails validation: its message on stderr and exit code 2, not a stack trace

// `--help` / `-h` prints every command and exits before anything starts or the database is opened.
if (CommandLineHelp.IsRequested(args))
{
    Console.Out.Write(CommandLineHelp.Text);
    return 0;
}

// A command's own options (create-admin --name …) are not settings; the rest of the arguments still are.
var builder = WebApplication.CreateBuilder(CreateAdministratorCommand.IsRequested(args) ? CreateAdministratorCommand.HostArguments(args) : args);

// Serilog writes the console; other logging providers (e.g. a test's log capture) still receive every event.
builder.Logging.ClearProviders();
// Logging:Json=true writes one JSON object per event (for log shippers); otherwise readable text.
builder.Services.AddSerilog(
    (services, logger) =>
    {
        // Paths become route templates (no ids in the log); every event carries the trace and span id of the request
        // it belongs to (Serilog takes them from Activity.Current): @tr/@sp in JSON, at the end of the line in text.
        logger.ReadFrom.Configuration(builder.Configuration).Enrich.FromLogContext()
            .Enrich.With(new Samspil.Infrastructure.Telemetry.RouteTemplateEnricher(services.GetRequiredService<IHttpContextAccessor>()));
        if (builder.Configuration.GetValue<bool>("Logging:Json"))
        {
            logger.WriteTo.Console(new Serilog.Formatting.Compact.RenderedCompactJsonFormatter());
        }
        else
        {
            logger.WriteTo.Console(
                outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {TraceId}{NewLine}{Exception}",
                formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        }
    },
    preserveStaticLogger: true, // each host logs through its own logger, even with two hosts in one process (tests)
    writeToProviders: true);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddHttpContextAccessor();
builder.Services.AddSamspilTelemetry(builder.Configuration); // OpenTelemetry, off unless Telemetry:Enabled (docs/telemetry.md)
builder.Services.AddSamspilPersistence(builder.Configuration);
builder.Services.AddSamspilSecurity(builder.Configuration);
builder.Services.AddSamspilFhir();
builder.Services.AddSamspilSmartApps(); // issue 20: SMART on FHIR app authorization (docs/fhir-api.md)
builder.Services.AddSignInRecordCleanup(builder.Configuration);
builder.Services.AddSamspilDataProtection(builder.Configuration);
builder.AddSamspilWebHardening();

builder.Services.AddLocalization(options => options.ResourcesPath = "Resources");
builder.Services.Configure<RequestLocalizationOptions>(options =>
{
    // Five languages for citizens, proxies and the anonymous pages; staff pages Danish and English (UserCultureProvider).
    // The cultures carry the Gregorian calendar and a 24-hour clock (SamspilCultures); docs/localisation.md.
    var cultures = SamspilCultures.Supported();
    options.DefaultRequestCulture = new RequestCulture(SamspilCultures.Get(SamspilCultures.Danish));
    options.SupportedCultures = cultures;
    options.SupportedUICultures = cultures;
    options.RequestCultureProviders = [new UserCultureProvider()];
});

// Pages carry Danish, Arabic, Farsi and Ukrainian letters as themselves rather than as &#x…; entities (the characters that matter
// for HTML, < > & ' ", are still encoded).
builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
    options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));

builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
{
    context.ProblemDetails.Extensions["requestId"] = context.HttpContext.TraceIdentifier;
    ProblemTitles.Localize(context); // the framework's own titles (401, 403, 404, 405, …) in the caller's language
});
builder.Services.AddExceptionHandler<SamspilExceptionHandler>();
builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
builder.Services.ConfigureHttpJsonOptions(options =>
{
    options.SerializerOptions.Converters.Add(new JsonStringEnumConverter());

    // Dates outside 1900–2199 and nulls inside lists are refused as malformed bodies (400), for every route at once.
    options.SerializerOptions.TypeInfoResolver = (options.SerializerOptions.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver())
        .WithAddedModifier(InputLimits.RejectImplausibleValues);
});
builder.Services.AddOpenApi("v1");
builder.Services.AddRazorPages(options =>
    {
        options.RootDirectory = "/Features";
        options.Conventions.AuthorizeFolder("/");
        options.Conventions.AllowAnonymousToPage("/Account/Login");
        options.Conventions.AllowAnonymousToPage("/Account/TwoFactor"); // reads the partial sign-in itself
        options.Conventions.AllowAnonymousToPage("/Account/TwoFactorSetup"); // the partial sign-in, or a signed-in staff member
        options.Conventions.AllowAnonymousToPage("/Account/AccessDenied");
        options.Conventions.AllowAnonymousToPage("/Account/Activate");
        options.Conventions.AllowAnonymousToPage("/Account/ExternalCallback");
        options.Conventions.AllowAnonymousToPage("/Error");
        options.Conventions.AllowAnonymousToPage("/EntryPoints/Index"); // "Hvor henvender jeg mig?" is public (issue 18, R4)
        options.Conventions.AllowAnonymousToFolder("/Offerings/Public"); // /Tilbud: offerings are public information (issue 18)
    })
    .AddViewLocalization()
    .AddDataAnnotationsLocalization();
builder.Services.Configure<IdempotencyOptions>(builder.Configuration.GetSection(IdempotencyOptions.Section));
builder.Services.AddHealthChecks().AddDbContextCheck<SamspilDbContext>("database");

builder.Services.AddScoped<AccessActorProvider>();
builder.Services.AddAccessLog(builder.Configuration); // the log, its queries and verification, the checkpoint job (ADR 0015)
builder.Services.AddScoped<CitizenDataAccess>();
builder.Services.AddScoped<ConsentService>();
builder.Services.AddScoped<ExportService>();
builder.Services.AddScoped<Samspil.Features.Home.ActingFor>();
builder.Services.AddScoped<Samspil.Features.Home.HomeService>();
builder.Services.AddScoped<Samspil.Features.EntryPoints.EntryPointService>();
builder.Services.Configure<Samspil.Features.Home.CitizenHomeOptions>(builder.Configuration.GetSection(Samspil.Features.Home.CitizenHomeOptions.Section));
builder.Services.AddScoped<CourseService>();
builder.Services.AddScoped<Samspil.Features.MasterData.MasterDataService>();
builder.Services.AddScoped<PlanService>();
builder.Services.AddScoped<Samspil.Features.CrisisPlans.CrisisPlanService>();
builder.Services.AddScoped<Samspil.Features.Family.FamilyService>();
builder.Services.AddScoped<Samspil.Features.Questionnaires.QuestionnaireAnswering>();
builder.Services.AddScoped<Samspil.Features.Collaboration.CollaborationService>();
builder.Services.AddScoped<Samspil.Features.WorkQueue.WorkQueueService>();
builder.Services.AddScoped<Samspil.Features.QuestionnaireResults.QuestionnaireResultsService>(); // issue 19 (d): the clinician's questionnaire results
builder.Services.AddScoped<MeetingService>();
builder.Services.AddScoped<MeetingInvitations>();
builder.Services.AddSamspilMail(builder.Configuration);
builder.Services.AddScoped<MeetingScheduling>();
builder.Services.AddScoped<MeetingPeople>(); // issue 17 points 4-5
builder.Services.AddHttpClient(MeetingScheduling.FeedClient, client => client.Timeout = TimeSpan.FromSeconds(5));
builder.Services.Configure<MeetingOptions>(builder.Configuration.GetSection(MeetingOptions.Section));
builder.Services.AddSamspilNotifications(builder.Configuration);
builder.Services.AddHospitalNotifications(builder.Configuration);
builder.Services.AddCareCommunication(builder.Configuration);
builder.Services.AddScoped<ConversationService>();
builder.Services.AddScoped<Samspil.Features.GpCard.GpCardService>();
builder.Services.AddOptions<ConversationOptions>()
    .Bind(builder.Configuration.GetSection(ConversationOptions.Section))
    .Validate(o => o.MaxAttachmentBytes > 0 && o.MaxAttachmentsPerMessage is >= 0 and <= 20, "Conversations:MaxAttachmentBytes must be positive and Conversations:MaxAttachmentsPerMessage between 0 and 20.")
    .ValidateOnStart();
builder.Services.AddScoped<NetworkService>();
builder.Services.AddScoped<ReportingService>();
builder.Services.AddScoped<WorkAttachmentService>();
builder.Services.AddScoped<Samspil.Features.Work.WorkService>(); // issue 17: IPS track and income basis
builder.Services.AddScoped<Samspil.Features.Deadlines.DeadlineService>(); // issue 17 point 8: statutory deadlines
builder.Services.AddScoped<IAdmissionHistory, ScreeningAdmissionHistory>();
builder.Services.AddScoped<DirectoryService>();
builder.Services.AddScoped<Samspil.Features.Administration.AdministrationLog>();
builder.Services.AddScoped<ReferenceDataService>();
builder.Services.AddScoped<Samspil.Features.Questionnaires.QuestionnaireAdministration>();
builder.Services.AddSingleton<Samspil.Features.Glossary.GlossaryCache>();
builder.Services.AddScoped<Samspil.Features.Glossary.GlossaryService>();
builder.Services.AddSingleton<Samspil.Features.Frames.FrameCache>();
builder.Services.AddScoped<Samspil.Features.Frames.FrameService>();
builder.Services.AddScoped<Samspil.Features.Administration.AccountAdministration>();
builder.Services.AddScoped<Samspil.Features.Offerings.OfferingAdministration>();
builder.Services.AddScoped<Samspil.Features.Administration.AccountImport>();
builder.Services.AddScoped<Samspil.Features.Administration.AccountInvitationMail>();
builder.Services.AddScoped<Samspil.Features.CitizenAccess.CitizenAccessService>();
builder.Services.Configure<LocalPasswordOptions>(builder.Configuration.GetSection(LocalPasswordOptions.Section));
builder.Services.Configure<ScreeningOptions>(builder.Configuration.GetSection(ScreeningOptions.Section));
builder.Services.AddSingleton<PersonKeys>();
builder.Services.AddSingleton<ScreeningReportCache>();
builder.Services.AddSingleton<AdmissionImportQueue>();
builder.Services.AddHostedService<AdmissionImportWorker>();
builder.Services.AddScoped<ScreeningAccess>();
builder.Services.AddScoped<AdmissionStore>();
builder.Services.AddScoped<AdmissionImportService>();
builder.Services.AddScoped<ScreeningService>();
builder.Services.AddScoped<AdmissionQueries>();
builder.Services.AddScoped<AnalysisSummaryService>();
builder.Services.AddScoped<DatabaseInitializer>();
builder.Services.AddScoped<DemoDataSeeder>();
builder.Services.AddScoped<Samspil.Features.Offerings.OfferingImport>();
builder.Services.AddScoped<Samspil.Features.Offerings.OfferingExport>();
builder.Services.AddMemoryCache(); // the offerings import page keeps a checked file between preview and import
builder.Services.AddSamspilAgreements(builder.Configuration);
builder.Services.Configure<DemoOptions>(builder.Configuration.GetSection(DemoOptions.Section));
builder.Services.AddScoped<Samspil.Features.Offerings.OfferingSearch>();
builder.Services.AddScoped<Samspil.Features.Offerings.CourseOfferings>();
builder.Services.AddScoped<Samspil.Features.Ips.FidelityService>(); // IPS fidelity reviews of teams (issue 19)

// Forms on pages read dates and times as Danes write them (dd-mm-åååå, tt:mm); the JSON API stays ISO 8601 (issue 21).
builder.Services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(options => options.ModelBinderProviders.Insert(0, new Samspil.Infrastructure.Forms.DanishDateModelBinderProvider()));

StartupTrace.Mark("services registered");
var app = builder.Build();
StartupTrace.Mark("host built");

// The EF Core model (hundreds of entity types, about a second of CPU on a cold start) is built on a second core while
// this thread sets up the pipeline and maps the endpoints; the database initialization below waits for it if it must.
_ = Task.Run(() =>
{
    using var warmUp = app.Services.CreateScope();
    _ = warmUp.ServiceProvider.GetRequiredService<SamspilDbContext>().Model;
});

app.UseSamspilSecurityHeaders(); // first, so every answer (pages, API, static files, errors, 404s) carries them
app.UseSamspilTransportSecurity(); // forwarded headers behind a proxy; HSTS and HTTPS redirection for an https public address

// Request logging sits outside the exception handler so it records the handled status, never an exception message.
// It writes through the host's own logger (the static one is deliberately left alone) and logs the route template
// (RouteTemplateEnricher), never the path with its ids nor the query, which may hold a search for a CPR number.
app.UseSerilogRequestLogging(options =>
{
    options.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
    options.IncludeQueryInRequestPath = false;
});
app.UseRequestLocalization(); // before the exception handler, so error messages follow the caller's language
app.UseExceptionHandler(new ExceptionHandlerOptions
{
    ExceptionHandlingPath = "/Error",

    // A request the framework could not bind (a missing or malformed value) is the client's mistake on a page too.
    StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
});
app.UseWhen(context => IsApi(context), api => api.UseStatusCodePages());
app.UseWhen(context => IsFhir(context), fhir => fhir.UseStatusCodePages(FhirEndpoints.StatusCodeOutcomeAsync)); // bodiless errors as OperationOutcome
app.UseWhen(context => !IsApi(context) && !IsFhir(context), web => web.UseStatusCodePagesWithReExecute("/Error", "?code={0}"));
app.Use(InputLimits.CheckRequestAsync); // JSON only as UTF-8 (else 415), no implausible dates in API query strings (else 400)
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseApiAntiforgeryForCookies(); // a cookie-authenticated POST/PUT/PATCH/DELETE under /api needs the antiforgery token
app.UseAuthorization();
app.UseAntiforgery();
app.UseMiddleware<IdempotencyMiddleware>(); // after authorization: a refused request stores nothing

app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
app.MapScalarApiReference("/api/docs", options => options.WithTitle("Samspil API").WithOpenApiRoutePattern("/openapi/{documentName}.json")).AllowAnonymous();
app.MapHealthChecks("/health").AllowAnonymous();
// Browsers and crawlers ask for /favicon.ico whatever the page links; the icon is an SVG (wwwroot/favicon.svg).
app.MapGet("/favicon.ico", () => TypedResults.LocalRedirect("/favicon.svg", permanent: true)).AllowAnonymous().ExcludeFromDescription();
app.MapAuthEndpoints();
app.MapAccountInvitationEndpoints();
Samspil.Features.Administration.AccountEndpoints.MapAccountEndpoints(app);
Samspil.Features.Administration.AdministrationLogEndpoints.MapAdministrationLogEndpoints(app);
app.MapCitizenAccessEndpoints();
app.MapCourseEndpoints();
app.MapMasterDataEndpoints();
app.MapNetworkEndpoints();
app.MapPlanEndpoints();
Samspil.Features.CrisisPlans.CrisisPlanEndpoints.MapCrisisPlanEndpoints(app);
Samspil.Features.Work.WorkEndpoints.MapWorkEndpoints(app); // issue 17
Samspil.Features.Deadlines.DeadlineEndpoints.MapDeadlineEndpoints(app); // issue 17 point 8
Samspil.Features.Family.FamilyEndpoints.MapFamilyEndpoints(app);
Samspil.Features.Questionnaires.QuestionnaireAnsweringEndpoints.MapQuestionnaireAnsweringEndpoints(app);
Samspil.Features.Collaboration.CollaborationEndpoints.MapCollaborationEndpoints(app);
Samspil.Features.WorkQueue.WorkQueueEndpoints.MapWorkQueueEndpoints(app);
Samspil.Features.QuestionnaireResults.QuestionnaireResultsEndpoints.MapQuestionnaireResultsEndpoints(app); // issue 19 (d)
app.MapMeetingEndpoints();
app.MapMeetingPeopleEndpoints(); // issue 17 points 4-5
app.MapConversationEndpoints(app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ConversationOptions>>().Value);
app.MapCitizenEndpoints();
app.MapDirectoryEndpoints();
app.MapReferenceDataEndpoints();
app.MapConsentEndpoints();
app.MapAuditEndpoints();
Samspil.Features.Offerings.OfferingImportEndpoints.MapOfferingImportEndpoints(app);
app.MapMeEndpoints();
Samspil.Features.Home.HomeEndpoints.MapHomeEndpoints(app);
app.MapNotificationEndpoints();
app.MapHospitalNotificationEndpoints();
app.MapCareCommunicationEndpoints();
app.MapScreeningEndpoints();
app.MapReportingEndpoints();
Samspil.Features.GpCard.GpCardEndpoints.MapGpCardEndpoints(app);
Samspil.Features.Glossary.GlossaryEndpoints.MapGlossaryEndpoints(app);
Samspil.Features.Frames.FrameEndpoints.MapFrameEndpoints(app);
Samspil.Features.EntryPoints.EntryPointEndpoints.MapEntryPointEndpoints(app);
app.MapAgreementEndpoints(app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AgreementOptions>>().Value);
Samspil.Features.Offerings.OfferingAdminEndpoints.MapOfferingAdminEndpoints(app);
Samspil.Features.Questionnaires.QuestionnaireEndpoints.MapQuestionnaireEndpoints(app);
Samspil.Features.Offerings.OfferingSearchEndpoints.MapOfferingSearchEndpoints(app);
Samspil.Features.Ips.FidelityEndpoints.MapFidelityEndpoints(app);
app.MapFhirEndpoints(); // issue 20: the FHIR R4 API (docs/fhir-api.md)
app.MapSmartAppEndpoints(); // issue 20: SMART discovery, token endpoint, app registry, connected apps
app.MapRazorPages();
app.MapCultureEndpoint();
StartupTrace.Mark("endpoints mapped");

// `dotnet run --project src/Samspil -- verify-access-log` checks the access log's hash chain and exits.
if (args.Contains(CommandLineHelp.VerifyAccessLogCommand, StringComparer.Ordinal))
{
    await using var verifyScope = app.Services.CreateAsyncScope();
    var result = await verifyScope.ServiceProvider.GetRequiredService<AccessLogQueries>().VerifyAsync(CancellationToken.None);
    Console.WriteLine(AccessLogQueries.Describe(result));
    return result.Intact ? 0 : 1;
}

// `dotnet run --project src/Samspil -- import-hospital-notifications <file-or-folder>` imports MedCom hospital notifications and exits.
if (Array.IndexOf(args, HospitalNotificationCli.Command) is var importAt and >= 0)
{
    return await HospitalNotificationCli.RunAsync(app.Services, args.ElementAtOrDefault(importAt + 1), Console.Out, CancellationToken.None);
}

// `dotnet run --project src/Samspil -- create-admin --organization … --user-name … --name …` creates the first administrator and exits.
if (CreateAdministratorCommand.IsRequested(args))
{
    return await CreateAdministratorCommand.RunAsync(app.Services, args, Console.Out, Console.Error, CancellationToken.None);
}

await using (var scope = app.Services.CreateAsyncScope())
{
    await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(app.Lifetime.ApplicationStopping);
}

StartupTrace.Mark("database initialized");
app.Lifetime.ApplicationStarted.Register(() => StartupTrace.Mark("listening")); // after the endpoints are built
await app.RunAsync();
return 0;

static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

static bool IsFhir(HttpContext context) => context.Request.Path.StartsWithSegments(FhirEndpoints.Prefix, StringComparison.OrdinalIgnoreCase);

/// <summary>Entry point, public so the test host can start the real application.</summary>
public partial class Program;
