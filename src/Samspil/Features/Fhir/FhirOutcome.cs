using Hl7.Fhir.Model;

namespace Samspil.Features.Fhir;

/// <summary>OperationOutcome resources for the FHIR API's errors (never a stack trace, never a hint of what exists).</summary>
public static class FhirOutcome
{
    public static OperationOutcome Create(OperationOutcome.IssueType code, string diagnostics, string? expression = null, OperationOutcome.IssueSeverity severity = OperationOutcome.IssueSeverity.Error)
    {
        var issue = new OperationOutcome.IssueComponent { Severity = severity, Code = code, Diagnostics = diagnostics };
        if (expression is not null)
        {
            issue.Expression = [expression];
        }

        return new OperationOutcome { Issue = [issue] };
    }

    /// <summary>Not there, or not the caller's to see: the same answer for both.</summary>
    public static OperationOutcome NotFound() => Create(OperationOutcome.IssueType.NotFound, "The resource was not found.");
}
