using System.Globalization;
using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Common;
using Samspil.Domain.Plans;
using Samspil.Features.Access;
using Samspil.Features.Plans;
using Samspil.Infrastructure.Localization;

namespace Samspil.Features.Fhir;

/// <summary>
/// Task = an action (indsats) of a plan, read in "plan og mål". Search by <c>patient</c>, <c>status</c> and
/// <c>authored-on</c>. A partner system changes an action's status with PUT: only <c>status</c> (and <c>statusReason.text</c>
/// for on-hold) is taken from the body; the change runs through <see cref="PlanService.SetActionStatusAsync"/>, the same
/// path as <c>POST /api/v1/courses/{id}/plan/actions/{actionId}/status</c> — who may change what, the plan's version
/// (If-Match or <c>meta.versionId</c>), the plan's history and the access log.
/// </summary>
public sealed class TaskHandler(CitizenDataAccess access, PlanService plans, IStringLocalizer<SharedResource> localizer) : IFhirWritableHandler
{
    private static readonly string[] StatusCodes = ["requested", "in-progress", "completed", "cancelled", "on-hold"];

    public string ResourceType => "Task";

    public bool SupportsCreate => false;

    public bool SupportsUpdate => true;

    public IReadOnlyList<FhirSearchParameterDefinition> SearchParameters { get; } =
    [
        new("patient", SearchParamType.Reference, "The citizen: Patient/{id}."),
        new("status", SearchParamType.Token, "requested | in-progress | completed | cancelled | on-hold (comma for OR)."),
        new("authored-on", SearchParamType.Date, "When the action was added to the plan."),
    ];

    public async Task<Resource?> ReadAsync(FhirRequestContext context, string id, CancellationToken cancellationToken) =>
        await FhirCarePlans.ReadAsync(access, id, cancellationToken) is { } record && record.Plan!.Actions.FirstOrDefault(a => a.Id.ToString("D") == id) is { } action
            ? FhirCare.ToTask(record, action)
            : null;

    public async Task<FhirSearchResult> SearchAsync(FhirRequestContext context, FhirSearch search, CancellationToken cancellationToken)
    {
        var statuses = FhirCareSearch.Codes(search, "status", StatusCodes);
        var dates = search.Dates("authored-on");
        var tasks = (await FhirCareSearch.PlansAsync(access, search, cancellationToken, withGoals: false))
            .OrderBy(r => r.Plan!.CreatedAt).ThenBy(r => r.Plan!.Id)
            .SelectMany(r => r.Plan!.Actions
                .Where(a => dates.All(d => d.Matches(a.CreatedAt)))
                .Where(a => statuses.Count == 0 || statuses.Contains(FhirCare.ToFhir(a.Status).GetLiteral()))
                .OrderBy(a => a.DueDate).ThenBy(a => a.CreatedAt).ThenBy(a => a.Id)
                .Select(a => FhirCare.ToTask(r, a)))
            .Where(t => FhirCareSearch.IdMatches(search, t))
            .ToList();
        return FhirSearchResult.Page([.. tasks], search);
    }

    public async Task<FhirWriteResult> UpdateAsync(FhirRequestContext context, string id, Resource resource, CancellationToken cancellationToken)
    {
        // What the caller may not read does not exist for them (404), whatever the body says.
        if (await FhirCarePlans.ReadAsync(access, id, cancellationToken) is not { } record
            || record.Plan!.Actions.FirstOrDefault(a => a.Id.ToString("D") == id) is not { } action)
        {
            return FhirWriteResult.NotFound();
        }

        var task = (Hl7.Fhir.Model.Task)resource;
        if (task.Status is not { } fhirStatus || FhirCare.FromFhir(fhirStatus) is not { } status)
        {
            return FhirWriteResult.Invalid($"Task.status must be one of: {string.Join(", ", StatusCodes)}.", "Task.status");
        }

        if (!TryExpectedVersion(context.Http.Request, task, out var expected))
        {
            return FhirWriteResult.Invalid("The version (If-Match W/\"n\" or meta.versionId) must be a whole number.", "Task.meta.versionId");
        }

        var reason = status == ActionStatus.Blocked ? task.StatusReason?.Text : null;
        try
        {
            if (await plans.SetActionStatusAsync(record.Course.Course.Id, action.Id, expected, new ActionStatusRequest(status, reason), cancellationToken) is null)
            {
                return Forbidden();
            }
        }
        catch (PlanVersionConflictException)
        {
            return new FhirWriteResult(null, Microsoft.AspNetCore.Http.StatusCodes.Status412PreconditionFailed, FhirOutcome.Create(
                OperationOutcome.IssueType.Conflict,
                $"The plan has changed since version {expected?.ToString(CultureInfo.InvariantCulture)}; read the Task again and repeat the change.",
                "Task.meta.versionId"));
        }
        catch (DomainException ex) when (ex.Code == "Plan.Change.Forbidden")
        {
            return Forbidden();
        }
        catch (DomainException ex)
        {
            var expression = ex.Field switch
            {
                "blockedReason" => "Task.statusReason.text",
                "status" => "Task.status",
                _ => null,
            };
            return new FhirWriteResult(null, Microsoft.AspNetCore.Http.StatusCodes.Status422UnprocessableEntity, FhirOutcome.Create(
                OperationOutcome.IssueType.BusinessRule, $"{ex.Code}: {localizer.Message(ex.Code)}", expression));
        }

        return await ReadAsync(context, id, cancellationToken) is { } updated ? FhirWriteResult.Updated(updated) : FhirWriteResult.NotFound();
    }

    private static FhirWriteResult Forbidden() =>
        new(null, Microsoft.AspNetCore.Http.StatusCodes.Status403Forbidden, FhirOutcome.Create(OperationOutcome.IssueType.Forbidden, "You may read this Task but not change it."));

    /// <summary>The plan version the change was made against: If-Match (W/"n" or "n") first, else <c>meta.versionId</c>; none is "whatever is current".</summary>
    private static bool TryExpectedVersion(HttpRequest request, Hl7.Fhir.Model.Task task, out int? expected)
    {
        expected = null;
        var raw = request.Headers.IfMatch.ToString();
        if (raw.Length > 0)
        {
            if (raw.Trim() == "*")
            {
                return true;
            }

            raw = raw.Trim();
            raw = raw.StartsWith("W/", StringComparison.Ordinal) ? raw[2..] : raw;
            raw = raw.Trim('"');
        }
        else if (task.Meta?.VersionId is { } versionId)
        {
            raw = versionId;
        }
        else
        {
            return true;
        }

        if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version >= 0)
        {
            expected = version;
            return true;
        }

        return false;
    }
}
