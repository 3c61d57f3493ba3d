using System.Text.Json;
using System.Text.Json.Serialization;

namespace Samspil.Domain.Questionnaires;

/// <summary>
/// A text in several languages (ISO 639-1 keys: da, en, ar, fa, uk). <see cref="For"/> falls back to Danish, then
/// English, then whatever there is, so an instrument whose translation an administrator has not loaded still shows.
/// </summary>
public sealed record LocalizedText(IReadOnlyDictionary<string, string> Texts)
{
    public static readonly LocalizedText Empty = new(new Dictionary<string, string>());

    public static LocalizedText Of(string da, string? en = null)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal) { ["da"] = da };
        if (en is not null)
        {
            texts["en"] = en;
        }

        return new LocalizedText(texts);
    }

    private static readonly string[] LanguageOrder = ["da", "en", "ar", "fa", "uk"];

    /// <summary>The texts in Samspil's language order (da, en, ar, fa, uk, then the rest by code), so equal texts serialise equally.</summary>
    public static LocalizedText InOrder(IReadOnlyDictionary<string, string> texts)
    {
        var ordered = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (language, text) in texts.OrderBy(t => Array.IndexOf(LanguageOrder, t.Key) is var i and >= 0 ? i : LanguageOrder.Length).ThenBy(t => t.Key, StringComparer.Ordinal))
        {
            ordered[language] = text;
        }

        return new LocalizedText(ordered);
    }

    public bool Has(string language) => Texts.ContainsKey(language);

    public string For(string language) =>
        Texts.TryGetValue(language, out var text) ? text
        : Texts.TryGetValue("da", out var da) ? da
        : Texts.TryGetValue("en", out var en) ? en
        : Texts.Values.FirstOrDefault() ?? string.Empty;

    /// <summary>The same text with one language added or replaced.</summary>
    public LocalizedText With(string language, string text) =>
        new(new Dictionary<string, string>(Texts, StringComparer.Ordinal) { [language] = text });
}

/// <summary>The kinds of item (FHIR R4 Questionnaire.item.type, with <see cref="Scale"/> = integer with min/max and a slider control).</summary>
public enum QuestionItemType
{
    /// <summary>Text only, no answer (an instruction or heading).</summary>
    Display = 0,

    /// <summary>A heading with items below it.</summary>
    Group = 1,

    /// <summary>One of <see cref="QuestionItem.Options"/>; each option may carry a score.</summary>
    Choice = 2,

    /// <summary>A whole number between <see cref="QuestionItem.MinValue"/> and <see cref="QuestionItem.MaxValue"/>, shown as a scale with anchors.</summary>
    Scale = 3,

    /// <summary>A whole number (FHIR integer).</summary>
    Number = 4,

    /// <summary>Free text, at most <see cref="QuestionItem.MaxLength"/> characters.</summary>
    Text = 5,

    Date = 6,
}

/// <summary>One answer option: a code (stored), its text, and its score (FHIR ordinalValue) if it counts.</summary>
public sealed record AnswerOption(string Code, LocalizedText Display, decimal? Score);

/// <summary>How an enableWhen compares (FHIR R4 Questionnaire.item.enableWhen.operator).</summary>
public enum EnableOperator
{
    Exists = 0,
    Equal = 1,
    NotEqual = 2,
    Greater = 3,
    Less = 4,
    GreaterOrEqual = 5,
    LessOrEqual = 6,
}

/// <summary>
/// Show an item only when another item's answer compares so (FHIR enableWhen). <see cref="Answer"/> is the option
/// code for a choice, the number for an integer or scale, "true"/"false" for <see cref="EnableOperator.Exists"/>,
/// an ISO date for a date.
/// </summary>
public sealed record EnableCondition(string Question, EnableOperator Operator, string Answer);

public sealed record QuestionItem(
    string LinkId,
    QuestionItemType Type,
    LocalizedText Text,
    bool Required = false,
    IReadOnlyList<AnswerOption>? Options = null,
    int? MinValue = null,
    int? MaxValue = null,
    LocalizedText? MinLabel = null,
    LocalizedText? MaxLabel = null,
    int? MaxLength = null,
    IReadOnlyList<EnableCondition>? EnableWhen = null,
    bool EnableWhenAny = false,
    IReadOnlyList<QuestionItem>? Items = null)
{
    public IReadOnlyList<AnswerOption> Options { get; init; } = Options ?? [];

    public IReadOnlyList<EnableCondition> EnableWhen { get; init; } = EnableWhen ?? [];

    public IReadOnlyList<QuestionItem> Items { get; init; } = Items ?? [];

    [JsonIgnore]
    public bool TakesAnswer => Type is not (QuestionItemType.Display or QuestionItemType.Group);

    /// <summary>The lowest and highest score an answer to this item can give (for reversing), or null when it gives none.</summary>
    public (decimal Min, decimal Max)? ScoreRange()
    {
        if (Type == QuestionItemType.Choice)
        {
            var scores = Options.Where(o => o.Score is not null).Select(o => o.Score!.Value).ToList();
            return scores.Count == 0 ? null : (scores.Min(), scores.Max());
        }

        return Type is QuestionItemType.Scale or QuestionItemType.Number && MinValue is { } min && MaxValue is { } max ? (min, max) : null;
    }
}

/// <summary>
/// An instrument's content: its items and its scoring rules, independent of FHIR (the FHIR R4 Questionnaire is the
/// exchange form; see the web layer's Questionnaire mapping). Stored as JSON on <see cref="Instrument"/>.
/// </summary>
public sealed record QuestionnaireDefinition(
    LocalizedText Title,
    LocalizedText? Description,
    IReadOnlyList<string> Languages,
    IReadOnlyList<QuestionItem> Items,
    ScoringRules Scoring,
    string? Copyright = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Every item, depth first (groups before their children).</summary>
    public IEnumerable<QuestionItem> AllItems() => Flatten(Items);

    public QuestionItem? Find(string linkId) => AllItems().FirstOrDefault(i => string.Equals(i.LinkId, linkId, StringComparison.Ordinal));

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static QuestionnaireDefinition FromJson(string json) =>
        JsonSerializer.Deserialize<QuestionnaireDefinition>(json, Json) ?? throw new JsonException("Empty questionnaire definition.");

    internal static JsonSerializerOptions JsonOptions => Json;

    private static IEnumerable<QuestionItem> Flatten(IEnumerable<QuestionItem> items)
    {
        foreach (var item in items)
        {
            yield return item;
            foreach (var child in Flatten(item.Items))
            {
                yield return child;
            }
        }
    }
}
