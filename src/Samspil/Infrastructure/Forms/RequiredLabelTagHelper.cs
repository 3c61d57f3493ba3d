using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;
using Samspil.Infrastructure.Localization;

namespace Samspil.Infrastructure.Forms;

/// <summary>
/// Adds "(skal udfyldes)" right after the label of a required field (outside it, so the field's name stays its label). The label comes before its field in the markup, so
/// the marker is lazy content decided when the page is written, after <see cref="FormFieldTagHelper"/> has seen
/// the field. It is hidden from screen readers, which already announce the field's <c>required</c>.
/// </summary>
[HtmlTargetElement("label", Attributes = "for")]
[HtmlTargetElement("label", Attributes = "asp-for")]
public sealed class RequiredLabelTagHelper(IStringLocalizer<SharedResource> localizer) : TagHelper
{
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override int Order => 1000;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (output.Attributes.TryGetAttribute("for", out var attribute) && FormFieldTagHelper.AttributeText(attribute.Value) is { Length: > 0 } id)
        {
            output.PostElement.AppendHtml(new Marker(FormFieldRegistry.For(ViewContext.HttpContext), id, localizer[FormMessages.Required]));
        }
    }

    private sealed class Marker(FormFieldRegistry registry, string fieldId, string text) : IHtmlContent
    {
        public void WriteTo(TextWriter writer, HtmlEncoder encoder)
        {
            if (registry.IsRequired(fieldId))
            {
                writer.Write(" <span class=\"field-required\" aria-hidden=\"true\">");
                encoder.Encode(writer, text);
                writer.Write("</span>");
            }
        }
    }
}
