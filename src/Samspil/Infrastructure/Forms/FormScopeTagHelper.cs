using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Samspil.Infrastructure.Forms;

/// <summary>
/// Tells the fields inside a form whether this form is the one that was just submitted, so that its errors and
/// typed values come back in it and not in another form on the page with a field of the same name. Turns off the
/// browser's own validation (its bubbles are in the browser's language and hide the server's error summary).
/// </summary>
[HtmlTargetElement("form")]
public sealed class FormScopeTagHelper : TagHelper
{
    internal static readonly object SubmittedKey = new();

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    /// <summary>
    /// For a page with several forms posting to the same handler (one per action in a plan): true on the one that
    /// was posted, false on the others. Without it, the form's method and handler decide.
    /// </summary>
    [HtmlAttributeName("form-submitted")]
    public bool? Submitted { get; set; }

    public override int Order => -2000;

    public override void Init(TagHelperContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[SubmittedKey] = new FormScope(IsSubmitted(context) && Submitted != false);
    }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!output.Attributes.ContainsName("novalidate"))
        {
            output.Attributes.Add(new TagHelperAttribute("novalidate"));
        }
    }

    private bool IsSubmitted(TagHelperContext context)
    {
        var request = ViewContext.HttpContext.Request;
        var method = Text(context, "method") ?? "get";
        if (!string.Equals(method, request.Method, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var handler = Text(context, "asp-page-handler");
        if (handler is null && Text(context, "action") is { } action)
        {
            var question = action.IndexOf('?', StringComparison.Ordinal);
            var path = question < 0 ? action : action[..question];
            if (path.Length > 0 && !string.Equals(path, request.Path.Value, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            handler = question < 0 ? null : Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(action[question..]).GetValueOrDefault("handler").FirstOrDefault();
        }

        var requested = ViewContext.RouteData.Values["handler"] as string ?? request.Query["handler"].FirstOrDefault();
        return string.Equals(handler ?? string.Empty, requested ?? string.Empty, StringComparison.OrdinalIgnoreCase);
    }

    private static string? Text(TagHelperContext context, string name) =>
        context.AllAttributes.TryGetAttribute(name, out var attribute) ? FormFieldTagHelper.AttributeText(attribute.Value) : null;
}

/// <summary>Whether the fields of one form belong to the submitted form; a hidden field that differs from the posted one says no.</summary>
internal sealed class FormScope(bool submitted)
{
    public bool Submitted { get; set; } = submitted;
}
