using Microsoft.AspNetCore.Http;

namespace Samspil.Infrastructure.Forms;

/// <summary>
/// What the field tag helpers learned while a page rendered: which ModelState key is shown beside which field
/// (so the error summary can link to the field's id) and which fields are required (so their labels get the
/// marker). Read by lazy HTML content that is written only when the whole page is rendered, so a summary at the
/// top of the page still knows the fields below it.
/// </summary>
public sealed class FormFieldRegistry
{
    private static readonly object Key = new();

    private readonly Dictionary<string, string> _fieldIdByErrorKey = new(StringComparer.Ordinal);
    private readonly HashSet<string> _requiredIds = new(StringComparer.Ordinal);

    /// <summary>Set by the first error summary written, so a page that includes the partial twice shows one.</summary>
    public bool SummaryWritten { get; set; }

    public static FormFieldRegistry For(HttpContext httpContext)
    {
        if (httpContext.Items[Key] is not FormFieldRegistry registry)
        {
            registry = new FormFieldRegistry();
            httpContext.Items[Key] = registry;
        }

        return registry;
    }

    /// <summary>Claims an error key for a field; false when another field already shows it (a radio group).</summary>
    public bool TryClaim(string errorKey, string fieldId) => _fieldIdByErrorKey.TryAdd(errorKey, fieldId);

    public string? FieldIdFor(string errorKey) => _fieldIdByErrorKey.GetValueOrDefault(errorKey);

    public void MarkRequired(string fieldId) => _requiredIds.Add(fieldId);

    public bool IsRequired(string fieldId) => _requiredIds.Contains(fieldId);
}
