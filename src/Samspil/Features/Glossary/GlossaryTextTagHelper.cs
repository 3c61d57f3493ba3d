using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Samspil.Features.Glossary;

/// <summary>
/// <c>&lt;div glossary-text="@text"&gt;&lt;/div&gt;</c>: the element's content becomes the text, HTML-encoded, with the
/// first occurrence on the page of each glossary term linked to /Ordliste (the stored text is unchanged).
/// </summary>
[HtmlTargetElement(Attributes = AttributeName)]
public sealed class GlossaryTextTagHelper(GlossaryService glossary, HtmlEncoder encoder) : TagHelper
{
    private const string AttributeName = "glossary-text";
    private const string LinkedKey = "Samspil.Glossary.Linked";

    [HtmlAttributeName(AttributeName)]
    public string? Text { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var items = ViewContext.HttpContext.Items;
        if (items[LinkedKey] is not HashSet<string> linked)
        {
            linked = new HashSet<string>(StringComparer.Ordinal);
            items[LinkedKey] = linked;
        }

        var snapshot = await glossary.SnapshotAsync(ViewContext.HttpContext.RequestAborted);
        output.Content.SetHtmlContent(snapshot.Linker.Link(Text, linked, encoder));
    }
}
