using Microsoft.AspNetCore.Http.HttpResults;
using Samspil.Domain.Citizens;
using Samspil.Features.Access;
using Samspil.Features.Courses;
using Samspil.Infrastructure.ErrorHandling;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Citizens;

public sealed record CitizenSearchRequest(string? Cpr);

public static class CitizenEndpoints
{
    public static IEndpointRouteBuilder MapCitizenEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/citizens").WithTags("Citizens").RequireAuthorization();
        group.MapPost("/search", Search)
            .WithName("SearchCitizens")
            .WithSummary("Exact-match CPR search among citizens the caller may see. A CPR number is never put in a URL.");
        group.MapGet("/{citizenId:guid}", Get).WithName("GetCitizen");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<CitizenView>>> Search(CitizenSearchRequest request, CitizenDataAccess access, TimeProvider time, CancellationToken ct)
    {
        // A malformed number is 400, as on create; an unknown valid one finds nothing, like one the caller may not see.
        if (!CprNumber.TryParse(request.Cpr, CopenhagenTime.Today(time), out var cpr, out var error))
        {
            var errors = new ValidationErrors();
            errors.Add("cpr", error ?? "Cpr.Format");
            throw new InputValidationException(errors);
        }

        var found = await access.FindByCprAsync(cpr, ct);
        var views = new List<CitizenView>();
        foreach (var record in found)
        {
            views.Add(ToView(record.Citizen, await access.MaySeeContactDetailsAsync(record, ct)));
        }

        return TypedResults.Ok<IReadOnlyList<CitizenView>>(views);
    }

    private static async Task<Results<Ok<CitizenView>, NotFound>> Get(Guid citizenId, CitizenDataAccess access, CancellationToken ct) =>
        (await access.ListCoursesAsync(q => q.Where(c => c.Citizen.Id == citizenId), Domain.Consents.InformationCategory.StatusAndAppointments, ct, limit: 1)) is [var record]
            ? TypedResults.Ok(ToView(record.Citizen, await access.MaySeeContactDetailsAsync(record, ct)))
            : TypedResults.NotFound();

    internal static CitizenView ToView(Citizen c, bool contact) => CitizenView.Of(c, contact);
}
