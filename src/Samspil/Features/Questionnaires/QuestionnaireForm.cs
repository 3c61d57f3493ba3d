using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Common;
using Samspil.Domain.Questionnaires;

namespace Samspil.Features.Questionnaires;

/// <summary>
/// The answering form of an instrument (the citizen's page and "Udfyld sammen med borgeren"): one fieldset per
/// question, named "q:{linkId}". Reads the posted values back into answers, keeps what was typed when a rule is broken,
/// and decides which questions enableWhen shows for the answers so far (the server re-renders; a small script shows and
/// hides the same way without a round trip).
/// </summary>
public sealed class QuestionnaireForm
{
    public const string Prefix = "q:";

    private QuestionnaireForm(Instrument instrument, string language)
    {
        Instrument = instrument;
        Language = language;
    }

    public Instrument Instrument { get; }

    /// <summary>The reader's UI language (two letters).</summary>
    public string Language { get; }

    /// <summary>What was posted, by linkId (kept on error).</summary>
    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    /// <summary>A readable message per linkId (or "form" for the whole form).</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public QuestionnaireDefinition Definition => Instrument.Definition;

    /// <summary>The instrument's texts are not loaded in the reader's language: they show in Danish (or English), with a note.</summary>
    public bool LanguageMissing => !Definition.Languages.Contains(Language, StringComparer.Ordinal) || !Definition.Title.Has(Language);

    /// <summary>Any question shows only for some answers: the form offers "update the questions" for browsers without script.</summary>
    public bool HasConditions => Definition.AllItems().Any(i => i.EnableWhen.Count > 0);

    public static QuestionnaireForm Empty(Instrument instrument, string language) => new(instrument, language);

    /// <summary>Reads the posted fields; a value that cannot be read as its type is an error on its question.</summary>
    public static QuestionnaireForm Read(Instrument instrument, string language, IFormCollection form, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(form);
        var result = new QuestionnaireForm(instrument, language);
        foreach (var item in instrument.Definition.AllItems().Where(i => i.TakesAnswer))
        {
            var raw = form[Prefix + item.LinkId].ToString();
            if (raw.Length > 0)
            {
                result.Values[item.LinkId] = raw.Length > QuestionnaireAnswers.MaxTextLength + 100 ? raw[..(QuestionnaireAnswers.MaxTextLength + 100)] : raw;
            }
        }

        foreach (var item in instrument.Definition.AllItems().Where(i => i.TakesAnswer && result.Values.ContainsKey(i.LinkId)))
        {
            if (result.Parse(item) is null && !string.IsNullOrWhiteSpace(result.Values[item.LinkId]))
            {
                result.Errors[item.LinkId] = QuestionnaireMessages.For(localizer, "Questionnaire.Answer.WrongType");
            }
        }

        return result;
    }

    /// <summary>The answers as read (empty fields left out).</summary>
    public IReadOnlyList<QuestionnaireAnswer> Answers() =>
        Definition.AllItems().Where(i => i.TakesAnswer).Select(Parse).Where(a => a is not null).Select(a => a!).ToList();

    /// <summary>Is the question shown for the answers so far?</summary>
    public bool IsEnabled(QuestionItem item)
    {
        var answers = Answers().GroupBy(a => a.LinkId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return QuestionnaireAnswers.IsEnabled(Definition, item, answers);
    }

    /// <summary>
    /// Checks every shown question on its own (so every broken rule is named at once, not only the first): a required
    /// one unanswered, an answer out of range, an unknown option, a text too long or with control characters.
    /// </summary>
    public void AddMissing(IStringLocalizer localizer)
    {
        var answers = Answers().ToDictionary(a => a.LinkId, StringComparer.Ordinal);
        foreach (var item in Definition.AllItems().Where(i => i.TakesAnswer && !Errors.ContainsKey(i.LinkId) && IsEnabled(i)))
        {
            if (!answers.TryGetValue(item.LinkId, out var answer))
            {
                if (item.Required)
                {
                    Errors[item.LinkId] = QuestionnaireMessages.For(localizer, "Questionnaire.Answer.Required");
                }

                continue;
            }

            try
            {
                var alone = item with { Required = false, EnableWhen = [], Items = [] };
                QuestionnaireAnswers.Normalise(new QuestionnaireDefinition(Definition.Title, null, Definition.Languages, [alone], ScoringRules.None), [answer]);
            }
            catch (DomainException ex)
            {
                Errors[item.LinkId] = QuestionnaireMessages.For(localizer, ex.Code);
            }
        }
    }

    /// <summary>A broken rule from the domain, shown at its question (or above the form).</summary>
    public void Add(DomainException ex, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(ex);
        var key = ex.Field is { } field && Definition.Find(field) is not null ? field : "form";
        Errors.TryAdd(key, QuestionnaireMessages.For(localizer, ex.Code));
    }

    public string ValueOf(QuestionItem item) => Values.GetValueOrDefault(item.LinkId, string.Empty);

    /// <summary>The element id of a question's fieldset (linkIds may hold any character).</summary>
    public string IdOf(QuestionItem item) => "q" + Definition.AllItems().ToList().IndexOf(item).ToString(CultureInfo.InvariantCulture);

    /// <summary>The item's enableWhen for the script, with the conditions' questions as field names.</summary>
    public static string ConditionsJson(QuestionItem item) => JsonSerializer.Serialize(new
    {
        any = item.EnableWhenAny,
        when = item.EnableWhen.Select(c => new { name = Prefix + c.Question, op = c.Operator.ToString(), answer = c.Answer }),
    });

    /// <summary>The range of a scale shown as buttons (at most 11 steps); otherwise a number field.</summary>
    public static bool ScaleAsButtons(QuestionItem item) =>
        item.Type == QuestionItemType.Scale && item.MinValue is { } min && item.MaxValue is { } max && max >= min && max - min <= 10;

    private QuestionnaireAnswer? Parse(QuestionItem item)
    {
        if (!Values.TryGetValue(item.LinkId, out var raw) || string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        return item.Type switch
        {
            QuestionItemType.Choice => new QuestionnaireAnswer(item.LinkId, Code: raw),
            QuestionItemType.Scale or QuestionItemType.Number => int.TryParse(raw.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? new QuestionnaireAnswer(item.LinkId, Number: n) : null,
            QuestionItemType.Date => DateOnly.TryParseExact(raw.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? new QuestionnaireAnswer(item.LinkId, Date: d) : null,
            QuestionItemType.Text => new QuestionnaireAnswer(item.LinkId, Text: raw),
            _ => null,
        };
    }
}
