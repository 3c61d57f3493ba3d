using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Net;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;
using Samspil.Infrastructure.Localization;

namespace Samspil.Infrastructure.Forms;

/// <summary>
/// The one place that makes a form field help its user, for every input, select and textarea with a name:
/// when ModelState has an error for the field (in the form that was submitted) the message is written next to it,
/// with aria-describedby pointing to it and aria-invalid="true"; the typed value comes back after an error;
/// a required field (the markup's <c>required</c> or [Required] on the model) gets aria-required and a marker in
/// its label; and a date or time field becomes a text field in Danish format (dd-mm-åååå, tt:mm) with a hint,
/// whatever the browser's language. Error keys match a field by its name, or by the name's last part, so a
/// service's "startDate" finds the field "Form.StartDate".
/// </summary>
[HtmlTargetElement("input", Attributes = "name")]
[HtmlTargetElement("input", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "name")]
[HtmlTargetElement("select", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "name")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
public sealed class FormFieldTagHelper(IStringLocalizer<SharedResource> localizer) : TagHelper
{
    /// <summary>Accepts every format <see cref="DanishDates"/> reads, so the browser never blocks one.</summary>
    public const string DatePattern = "[0-9\\u0660-\\u0669\\u06F0-\\u06F9.\\/\\-]{6,10}";

    public const string TimePattern = "[0-9\\u0660-\\u0669\\u06F0-\\u06F9.:,]{3,8}";

    private static readonly string[] NotFields = ["hidden", "submit", "button", "reset", "image"];

    private static readonly string[] NoValueRestore = ["checkbox", "radio", "password", "file"];

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    [HtmlAttributeName("asp-for")]
    public ModelExpression? For { get; set; }

    /// <summary>After the framework's own helpers, so a field written with asp-for already has its name and id.</summary>
    public override int Order => 1000;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);
        var name = Attribute(output, "name");
        var type = output.TagName == "input" ? (Attribute(output, "type") ?? "text").ToLowerInvariant() : output.TagName;
        var scope = context.Items.TryGetValue(FormScopeTagHelper.SubmittedKey, out var s) ? s as FormScope : null;
        if (type == "hidden" && scope is { Submitted: true } && !string.IsNullOrEmpty(name))
        {
            // One of several forms that post to the same handler (a form per participant): the posted one has the same hidden ids.
            var request = ViewContext.HttpContext.Request;
            if (request.HasFormContentType && request.Form.TryGetValue(name, out var posted) && !string.Equals(posted.ToString(), Attribute(output, "value") ?? string.Empty, StringComparison.Ordinal))
            {
                scope.Submitted = false;
            }
        }

        if (string.IsNullOrEmpty(name) || NotFields.Contains(type))
        {
            return;
        }

        var registry = FormFieldRegistry.For(ViewContext.HttpContext);
        var modelState = ViewContext.ModelState;
        var submitted = scope?.Submitted ?? !HttpMethods.IsGet(ViewContext.HttpContext.Request.Method);
        var id = Attribute(output, "id");
        var describedBy = new List<string>();
        var before = new List<IHtmlContent>();

        if (type is "date" or "time")
        {
            var hintId = (id ?? IdFor(name)) + "-format";
            id ??= IdFor(name);
            DanishFormat(output, type);
            before.Add(Span("field-hint", hintId, localizer[type == "date" ? FormMessages.DateHint : FormMessages.TimeHint]));
            describedBy.Add(hintId);
        }

        if (submitted && !modelState.IsValid)
        {
            var errors = ErrorsFor(modelState, name);
            if (errors.Count > 0)
            {
                id ??= IdFor(name);
                output.Attributes.SetAttribute("aria-invalid", "true");
                var shown = errors.Where(e => registry.TryClaim(e.Key, id)).ToList();
                if (shown.Count > 0)
                {
                    var errorId = id + "-error";
                    var message = string.Join(" ", shown.SelectMany(e => e.Messages).Distinct(StringComparer.Ordinal));
                    before.Add(new HtmlContentBuilder()
                        .AppendHtml($"<span class=\"field-error\" id=\"{HtmlEncoder.Default.Encode(errorId)}\"><span class=\"visually-hidden\">")
                        .Append(localizer[FormMessages.TitlePrefix])
                        .AppendHtml(" </span>")
                        .Append(message)
                        .AppendHtml("</span>"));
                    describedBy.Insert(0, errorId);
                }
            }

            if (!NoValueRestore.Contains(type) && modelState.TryGetValue(name, out var entry) && entry.AttemptedValue is { } typed)
            {
                if (output.TagName == "textarea")
                {
                    output.Content.SetContent(typed);
                }
                else if (output.TagName == "input")
                {
                    output.Attributes.SetAttribute("value", typed);
                }
            }
        }

        if (Attribute(output, "required") is not null || output.Attributes.ContainsName("required") || IsRequiredByModel())
        {
            id ??= IdFor(name);
            if (!output.Attributes.ContainsName("required"))
            {
                output.Attributes.Add(new TagHelperAttribute("required"));
            }

            output.Attributes.SetAttribute("aria-required", "true");
            registry.MarkRequired(id);
        }

        if (id is not null)
        {
            output.Attributes.SetAttribute("id", id);
        }

        if (describedBy.Count > 0)
        {
            var existing = Attribute(output, "aria-describedby");
            output.Attributes.SetAttribute("aria-describedby", string.Join(" ", describedBy.Concat(string.IsNullOrWhiteSpace(existing) ? [] : [existing])));
        }

        foreach (var part in before)
        {
            output.PreElement.AppendHtml(part);
        }
    }

    /// <summary>The text of an attribute value however Razor handed it over (string, encoded HTML or content).</summary>
    public static string? AttributeText(object? value)
    {
        switch (value)
        {
            case null:
                return null;
            case string text:
                return text;
            case HtmlString html:
                return WebUtility.HtmlDecode(html.Value);
            case IHtmlContent content:
                using (var writer = new StringWriter(CultureInfo.InvariantCulture))
                {
                    content.WriteTo(writer, HtmlEncoder.Default);
                    return WebUtility.HtmlDecode(writer.ToString());
                }

            default:
                return Convert.ToString(value, CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The ModelState entries with errors that belong to a field name, as (key, messages).</summary>
    public static List<(string Key, string[] Messages)> ErrorsFor(ModelStateDictionary modelState, string name)
    {
        var last = LastPart(name);
        return modelState
            .Where(e => e.Value is { Errors.Count: > 0 } && e.Key.Length > 0
                && (string.Equals(e.Key, name, StringComparison.OrdinalIgnoreCase) || string.Equals(LastPart(e.Key), last, StringComparison.OrdinalIgnoreCase)))
            .Select(e => (e.Key, e.Value!.Errors.Select(x => x.ErrorMessage).Where(m => m.Length > 0).ToArray()))
            .ToList();
    }

    private static string LastPart(string key)
    {
        var dot = key.LastIndexOf('.');
        return dot < 0 ? key : key[(dot + 1)..];
    }

    private static string IdFor(string name) => "field-" + new string(name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());

    private static string? Attribute(TagHelperOutput output, string name) =>
        output.Attributes.TryGetAttribute(name, out var attribute) ? AttributeText(attribute.Value) ?? string.Empty : null;

    private static IHtmlContent Span(string cssClass, string id, string text) =>
        new HtmlContentBuilder().AppendHtml($"<span class=\"{cssClass}\" id=\"{HtmlEncoder.Default.Encode(id)}\">").Append(text).AppendHtml("</span>");

    private static void DanishFormat(TagHelperOutput output, string type)
    {
        output.Attributes.SetAttribute("type", "text");
        output.Attributes.RemoveAll("min");
        output.Attributes.RemoveAll("max");
        output.Attributes.RemoveAll("step");
        output.Attributes.SetAttribute("autocomplete", "off");
        if (type == "date")
        {
            output.Attributes.SetAttribute("inputmode", "numeric");
            output.Attributes.SetAttribute("pattern", DatePattern);
            output.Attributes.SetAttribute("maxlength", "10");
            output.AddClass("input-date", HtmlEncoder.Default);
            if (Attribute(output, "value") is { Length: 10 } iso
                && DateOnly.TryParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                output.Attributes.SetAttribute("value", DanishDates.Format(date));
            }
        }
        else
        {
            output.Attributes.SetAttribute("inputmode", "decimal");
            output.Attributes.SetAttribute("pattern", TimePattern);
            output.Attributes.SetAttribute("maxlength", "8");
            output.AddClass("input-time", HtmlEncoder.Default);
        }
    }

    private bool IsRequiredByModel() => For?.Metadata.ValidatorMetadata.OfType<RequiredAttribute>().Any() == true;
}
