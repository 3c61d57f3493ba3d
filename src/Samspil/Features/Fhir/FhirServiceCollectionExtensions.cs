namespace Samspil.Features.Fhir;

/// <summary>The registered FHIR resource handlers, by type name.</summary>
public sealed class FhirHandlers(IEnumerable<IFhirResourceHandler> handlers)
{
    private readonly Dictionary<string, IFhirResourceHandler> _byType = handlers.ToDictionary(h => h.ResourceType, StringComparer.Ordinal);

    public IReadOnlyCollection<IFhirResourceHandler> All => _byType.Values;

    public IFhirResourceHandler? Find(string type) => _byType.GetValueOrDefault(type);
}

public static class FhirServiceCollectionExtensions
{
    /// <summary>The FHIR API's services; each resource type adds its handler here (one line per type).</summary>
    public static IServiceCollection AddSamspilFhir(this IServiceCollection services)
    {
        services.AddScoped<FhirHandlers>();
        services.AddScoped<FhirCapabilities>();
        services.AddFhirHandler<PatientHandler>();
        services.AddFhirHandler<AppointmentHandler>();
        services.AddFhirHandler<CommunicationHandler>();
        services.AddFhirHandler<QuestionnaireResponseHandler>();
        services.AddFhirHandler<ConsentHandler>();
        services.AddFhirHandler<AuditEventHandler>();
        services.AddFhirHandler<EpisodeOfCareHandler>();
        services.AddFhirHandler<CareTeamHandler>();
        services.AddFhirHandler<CarePlanHandler>();
        services.AddFhirHandler<GoalHandler>();
        services.AddFhirHandler<TaskHandler>();
        services.AddFhirHandler<OrganizationHandler>(); // issue 20 (fhir-smart): the directory
        services.AddFhirHandler<PractitionerRoleHandler>();
        services.AddFhirHandler<HealthcareServiceHandler>(); // offerings (issue 18)
        return services;
    }

    public static IServiceCollection AddFhirHandler<T>(this IServiceCollection services)
        where T : class, IFhirResourceHandler => services.AddScoped<IFhirResourceHandler, T>();
}
