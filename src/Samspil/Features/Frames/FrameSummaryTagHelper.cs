using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Frames;

/// <summary>
/// <c>&lt;frame-summary organization-id="…" /&gt;</c> (or <c>organization-name</c>): a compact
/// "Rammer: love, frister, metoder" &lt;details&gt; for the organisation's kind, beside a member's mandate.
/// Nothing for a kind without a frame, or for a reader who is not staff (citizens see the meeting page too).
/// </summary>
[HtmlTargetElement("frame-summary", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FrameSummaryTagHelper(FrameService frames, IHtmlHelper html) : TagHelper
{
    [HtmlAttributeName("organization-id")]
    public Guid? OrganizationId { get; set; }

    [HtmlAttributeName("organization-name")]
    public string? OrganizationName { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.TagName = null;
        var user = ViewContext.HttpContext.User;
        if (!(user.IsInRole(SamspilRoles.Professional) || user.IsInRole(SamspilRoles.Administrator))
            || await frames.FrameForOrganizationAsync(OrganizationId, OrganizationName, ViewContext.HttpContext.RequestAborted) is not { } frame
            || (frame.Laws.Count == 0 && frame.Deadlines.Count == 0 && frame.Methods.Count == 0))
        {
            output.SuppressOutput();
            return;
        }

        (html as IViewContextAware)?.Contextualize(ViewContext);
        output.Content.SetHtmlContent(await html.PartialAsync("/Features/Frames/_FrameDetails.cshtml", frame));
    }
}
