using Microsoft.AspNetCore.Http.HttpResults;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Directory;

public static class DirectoryEndpoints
{
    public static IEndpointRouteBuilder MapDirectoryEndpoints(this IEndpointRouteBuilder app)
    {
        var organizations = app.MapGroup("/api/v1/organizations").WithTags("Directory").RequireAuthorization(SamspilPolicies.Staff);
        organizations.MapGet("/", async (DirectoryService directory, CancellationToken ct) => TypedResults.Ok(await directory.OrganizationsAsync(ct)))
            .WithName("ListOrganizations");
        organizations.MapGet("/{organizationId:guid}", GetOrganization).WithName("GetOrganization");
        organizations.MapPost("/", CreateOrganization).WithName("CreateOrganization").RequireAuthorization(SamspilPolicies.Administrator);
        organizations.MapPut("/{organizationId:guid}", UpdateOrganization).WithName("UpdateOrganization").RequireAuthorization(SamspilPolicies.Administrator);

        var roles = app.MapGroup("/api/v1/practitioner-roles").WithTags("Directory").RequireAuthorization(SamspilPolicies.Staff);
        roles.MapGet("/", async (DirectoryService directory, CancellationToken ct, Guid? organizationId = null) =>
                TypedResults.Ok(await directory.PractitionerRolesAsync(organizationId, ct)))
            .WithName("ListPractitionerRoles")
            .WithSummary("Professionals and their roles: title, mandate (what they can decide) and direct contact.");
        roles.MapPost("/", CreateProfessional).WithName("CreateProfessional").RequireAuthorization(SamspilPolicies.Administrator);

        var targetGroups = app.MapGroup("/api/v1/target-groups").WithTags("Directory").RequireAuthorization();
        targetGroups.MapGet("/", async (DirectoryService directory, CancellationToken ct, bool includeInactive = false) =>
                TypedResults.Ok(await directory.TargetGroupsAsync(includeInactive, ct)))
            .WithName("ListTargetGroups");
        targetGroups.MapPost("/", CreateTargetGroup).WithName("CreateTargetGroup").RequireAuthorization(SamspilPolicies.Administrator);
        targetGroups.MapPut("/{code}", UpdateTargetGroup).WithName("UpdateTargetGroup").RequireAuthorization(SamspilPolicies.Administrator);
        return app;
    }

    private static async Task<Results<Ok<OrganizationView>, NotFound>> GetOrganization(Guid organizationId, DirectoryService directory, CancellationToken ct) =>
        await directory.OrganizationAsync(organizationId, ct) is { } o ? TypedResults.Ok(o) : TypedResults.NotFound();

    private static async Task<Created<OrganizationView>> CreateOrganization(OrganizationRequest request, DirectoryService directory, CancellationToken ct)
    {
        var created = await directory.CreateOrganizationAsync(request, ct);
        return TypedResults.Created($"/api/v1/organizations/{created.Id}", created);
    }

    private static async Task<Results<Ok<OrganizationView>, NotFound>> UpdateOrganization(Guid organizationId, OrganizationRequest request, DirectoryService directory, CancellationToken ct) =>
        await directory.UpdateOrganizationAsync(organizationId, request, ct) is { } o ? TypedResults.Ok(o) : TypedResults.NotFound();

    private static async Task<Created<PractitionerRoleView>> CreateProfessional(ProfessionalRequest request, DirectoryService directory, CancellationToken ct)
    {
        var created = await directory.CreateProfessionalAsync(request, ct);
        return TypedResults.Created($"/api/v1/practitioner-roles?organizationId={created.OrganizationId}", created);
    }

    private static async Task<Created<TargetGroupView>> CreateTargetGroup(TargetGroupRequest request, DirectoryService directory, CancellationToken ct)
    {
        var created = await directory.CreateTargetGroupAsync(request, ct);
        return TypedResults.Created($"/api/v1/target-groups/{created.Code}", created);
    }

    private static async Task<Results<Ok<TargetGroupView>, NotFound>> UpdateTargetGroup(string code, TargetGroupRequest request, DirectoryService directory, CancellationToken ct) =>
        await directory.UpdateTargetGroupAsync(code, request, ct) is { } t ? TypedResults.Ok(t) : TypedResults.NotFound();
}
