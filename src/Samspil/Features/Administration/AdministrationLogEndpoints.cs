using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Administration;

/// <summary>The administration log of the administrator's organisation tree, newest first.</summary>
public static class AdministrationLogEndpoints
{
    public const int PageSize = 50;

    public static IEndpointRouteBuilder MapAdministrationLogEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/administration-log", Read).WithTags("Accounts").RequireAuthorization(SamspilPolicies.Administrator)
            .WithName("GetAdministrationLog")
            .WithSummary("Who changed whose account, what and when, for the accounts of the administrator's organisation tree; newest first, 50 a page (page from 1).");
        return app;
    }

    private static async Task<Results<Ok<AdministrationLogPage>, ProblemHttpResult>> Read(
        CurrentUser admin, AccountAdministration accounts, AdministrationLog log, IStringLocalizer<SharedResource> localizer, [FromQuery] int? page, CancellationToken cancellationToken)
    {
        if (page is < 1 or > 100_000)
        {
            return TypedResults.Problem(localizer["Account.Log.PageInvalid"], statusCode: StatusCodes.Status400BadRequest, title: localizer["Problem.Validation.Title"]);
        }

        return TypedResults.Ok(await ReadPageAsync(admin, accounts, log, page ?? 1, cancellationToken));
    }

    public static async Task<AdministrationLogPage> ReadPageAsync(CurrentUser admin, AccountAdministration accounts, AdministrationLog log, int page, CancellationToken cancellationToken)
    {
        var tree = (await accounts.TreeAsync(admin, cancellationToken)).Select(o => o.Id).ToList();
        var entries = tree.Count == 0 ? [] : await log.ForOrganizationsAsync(tree, (page - 1) * PageSize, PageSize + 1, cancellationToken);
        return new AdministrationLogPage(
            entries.Take(PageSize).Select(e => new AdministrationLogView(e.Id, e.At, e.ActorUserId, e.ActorName, e.TargetUserId, e.TargetName, e.Action, e.Details)).ToList(),
            page,
            PageSize,
            entries.Count > PageSize);
    }
}
