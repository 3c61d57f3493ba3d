using Microsoft.AspNetCore.Http.HttpResults;
using Samspil.Features.Courses;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Network;

public static class NetworkEndpoints
{
    public static IEndpointRouteBuilder MapNetworkEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/courses/{courseId:guid}/network").WithTags("Network").RequireAuthorization();

        group.MapGet("/", GetNetwork)
            .WithName("GetNetwork")
            .WithSummary("All memberships of the course's network (FHIR CareTeam), active first, with history.");
        group.MapPost("/", AddMember).WithName("AddNetworkMember").RequireAuthorization(SamspilPolicies.Staff);
        group.MapPost("/{memberId:guid}/end", EndMember).WithName("EndNetworkMember").RequireAuthorization(SamspilPolicies.Staff);
        group.MapPost("/{memberId:guid}/rejoin", Rejoin).WithName("RejoinNetworkMember").RequireAuthorization(SamspilPolicies.Staff);
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<NetworkMemberView>>, NotFound>> GetNetwork(Guid courseId, CourseService courses, CancellationToken cancellationToken) =>
        await courses.GetAsync(courseId, cancellationToken) is { } detail ? TypedResults.Ok(detail.Network) : TypedResults.NotFound();

    private static async Task<Results<Created<NetworkMemberView>, NotFound>> AddMember(
        Guid courseId, AddNetworkMemberRequest request, NetworkService network, CourseService courses, CancellationToken cancellationToken)
    {
        var memberId = await network.AddAsync(courseId, request, cancellationToken);
        return await MemberResult(courseId, memberId, courses, cancellationToken);
    }

    private static async Task<Results<Ok<NetworkMemberView>, NotFound>> EndMember(
        Guid courseId, Guid memberId, EndNetworkMemberRequest request, NetworkService network, CourseService courses, CancellationToken cancellationToken)
    {
        if (!await network.EndAsync(courseId, memberId, request, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var detail = await courses.GetAsync(courseId, cancellationToken);
        return detail?.Network.SingleOrDefault(m => m.Id == memberId) is { } member ? TypedResults.Ok(member) : TypedResults.NotFound();
    }

    private static async Task<Results<Created<NetworkMemberView>, NotFound>> Rejoin(
        Guid courseId, Guid memberId, RejoinNetworkMemberRequest request, NetworkService network, CourseService courses, CancellationToken cancellationToken)
    {
        var newMemberId = await network.RejoinAsync(courseId, memberId, request, cancellationToken);
        return await MemberResult(courseId, newMemberId, courses, cancellationToken);
    }

    private static async Task<Results<Created<NetworkMemberView>, NotFound>> MemberResult(Guid courseId, Guid? memberId, CourseService courses, CancellationToken cancellationToken)
    {
        if (memberId is null)
        {
            return TypedResults.NotFound();
        }

        var detail = await courses.GetAsync(courseId, cancellationToken);
        return detail?.Network.SingleOrDefault(m => m.Id == memberId) is { } member
            ? TypedResults.Created($"/api/v1/courses/{courseId}/network/{memberId}", member)
            : TypedResults.NotFound();
    }
}
