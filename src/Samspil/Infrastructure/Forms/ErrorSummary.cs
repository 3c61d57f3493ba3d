using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;

namespace Samspil.Infrastructure.Forms;

/// <summary>
/// The error summary at the top of a form page (the GOV.UK and Designsystemet pattern): a heading with the number
/// of problems and one link per error to its field, which layout.js focuses after a failed submit. Written lazily,
/// when the whole page is rendered, so it knows the ids of the fields below it; an error that no field showed
/// (a rule about the whole form) stays in the list as text.
/// </summary>
public sealed class ErrorSummary(ViewContext viewContext, IStringLocalizer localizer) : IHtmlContent
{
    public void WriteTo(TextWriter writer, HtmlEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(encoder);
        var registry = FormFieldRegistry.For(viewContext.HttpContext);
        if (viewContext.ModelState.IsValid || registry.SummaryWritten)
        {
            return;
        }

        registry.SummaryWritten = true;
        var items = viewContext.ModelState
            .Where(e => e.Value is not null)
            .SelectMany(e => e.Value!.Errors.Select(x => (e.Key, Message: x.ErrorMessage)))
            .Where(e => e.Message.Length > 0)
            .Distinct()
            .ToList();
        var heading = items.Count == 1 ? localizer[FormMessages.SummaryOne].Value : localizer[FormMessages.SummaryMany, items.Count].Value;
        writer.Write("<div class=\"alert alert-error error-summary\" tabindex=\"-1\" data-error-summary data-testid=\"form-errors\" aria-labelledby=\"error-summary-title\"><h2 id=\"error-summary-title\">");
        encoder.Encode(writer, heading);
        writer.Write("</h2><ul>");
        foreach (var (key, message) in items)
        {
            writer.Write("<li>");
            if (registry.FieldIdFor(key) is { } id)
            {
                writer.Write("<a href=\"#");
                encoder.Encode(writer, id);
                writer.Write("\">");
                encoder.Encode(writer, message);
                writer.Write("</a>");
            }
            else
            {
                encoder.Encode(writer, message);
            }

            writer.Write("</li>");
        }

        writer.Write("</ul></div>");
    }
}
