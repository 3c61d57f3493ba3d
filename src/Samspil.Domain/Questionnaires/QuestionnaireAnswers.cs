using System.Globalization;
using Samspil.Domain.Common;

namespace Samspil.Domain.Questionnaires;

/// <summary>
/// Checks a set of submitted answers against an instrument: every answer names an item that takes one, has the
/// item's type and a value in range, at most one answer per item; answers to items hidden by enableWhen are dropped;
/// every enabled required item is answered. Errors are <see cref="DomainException"/> with codes
/// "Questionnaire.Answer.*" and the item's linkId as the field.
/// </summary>
public static class QuestionnaireAnswers
{
    public const int MaxTextLength = 4000;

    public static IReadOnlyList<QuestionnaireAnswer> Normalise(QuestionnaireDefinition definition, IEnumerable<QuestionnaireAnswer?>? submitted)
    {
        var answers = new Dictionary<string, QuestionnaireAnswer>(StringComparer.Ordinal);
        foreach (var answer in submitted ?? [])
        {
            if (answer is null || string.IsNullOrWhiteSpace(answer.LinkId))
            {
                throw new DomainException("Questionnaire.Answer.UnknownItem", "linkId");
            }

            var item = definition.Find(answer.LinkId);
            if (item is null || !item.TakesAnswer)
            {
                throw new DomainException("Questionnaire.Answer.UnknownItem", answer.LinkId.Length > 64 ? answer.LinkId[..64] : answer.LinkId);
            }

            if (Clean(item, answer) is not { } clean)
            {
                continue; // an empty answer is no answer
            }

            if (!answers.TryAdd(item.LinkId, clean))
            {
                throw new DomainException("Questionnaire.Answer.Duplicate", item.LinkId);
            }
        }

        var enabled = new List<QuestionnaireAnswer>();
        foreach (var item in definition.AllItems())
        {
            if (!IsEnabled(definition, item, answers))
            {
                continue;
            }

            if (answers.TryGetValue(item.LinkId, out var answer))
            {
                enabled.Add(answer);
            }
            else if (item.Required && item.TakesAnswer)
            {
                throw new DomainException("Questionnaire.Answer.Required", item.LinkId);
            }
        }

        return enabled;
    }

    /// <summary>Whether an item is shown, given the answers so far (its parent group's conditions included).</summary>
    public static bool IsEnabled(QuestionnaireDefinition definition, QuestionItem item, IReadOnlyDictionary<string, QuestionnaireAnswer> answers) =>
        IsEnabled(definition, item, answers, new HashSet<string>(StringComparer.Ordinal));

    /// <summary>
    /// <paramref name="asking"/> holds the items whose conditions are being worked out: a loop of conditions (a loaded
    /// instrument's mistake) reads the item it comes back to as hidden instead of recursing until the stack overflows.
    /// </summary>
    private static bool IsEnabled(QuestionnaireDefinition definition, QuestionItem item, IReadOnlyDictionary<string, QuestionnaireAnswer> answers, HashSet<string> asking)
    {
        if (!asking.Add(item.LinkId))
        {
            return false;
        }

        try
        {
            if (ParentOf(definition.Items, item) is { } parent && !IsEnabled(definition, parent, answers, asking))
            {
                return false;
            }

            if (item.EnableWhen.Count == 0)
            {
                return true;
            }

            var results = item.EnableWhen.Select(c => Holds(definition, c, answers, asking));
            return item.EnableWhenAny ? results.Any(r => r) : results.All(r => r);
        }
        finally
        {
            asking.Remove(item.LinkId);
        }
    }

    private static bool Holds(QuestionnaireDefinition definition, EnableCondition condition, IReadOnlyDictionary<string, QuestionnaireAnswer> answers, HashSet<string> asking)
    {
        // A hidden or unknown item counts as unanswered (FHIR R4: "as though the item is not valued"), so "!=" holds.
        var question = definition.Find(condition.Question);
        QuestionnaireAnswer? answer = null;
        if (question is not null && IsEnabled(definition, question, answers, asking))
        {
            answers.TryGetValue(condition.Question, out answer);
        }

        if (condition.Operator == EnableOperator.Exists)
        {
            return (answer is not null) == (condition.Answer == "true");
        }

        if (answer is null)
        {
            return condition.Operator == EnableOperator.NotEqual;
        }

        int comparison;
        if (answer.Code is not null)
        {
            comparison = string.CompareOrdinal(answer.Code, condition.Answer);
            if (condition.Operator is not (EnableOperator.Equal or EnableOperator.NotEqual))
            {
                return false;
            }
        }
        else if (answer.Number is { } number && decimal.TryParse(condition.Answer, NumberStyles.Number, CultureInfo.InvariantCulture, out var target))
        {
            comparison = ((decimal)number).CompareTo(target);
        }
        else if (answer.Date is { } date && DateOnly.TryParseExact(condition.Answer, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            comparison = date.CompareTo(day);
        }
        else if (answer.Text is not null)
        {
            comparison = string.CompareOrdinal(answer.Text, condition.Answer);
        }
        else
        {
            return false;
        }

        return condition.Operator switch
        {
            EnableOperator.Equal => comparison == 0,
            EnableOperator.NotEqual => comparison != 0,
            EnableOperator.Greater => comparison > 0,
            EnableOperator.Less => comparison < 0,
            EnableOperator.GreaterOrEqual => comparison >= 0,
            EnableOperator.LessOrEqual => comparison <= 0,
            _ => false,
        };
    }

    private static QuestionItem? ParentOf(IReadOnlyList<QuestionItem> items, QuestionItem target)
    {
        foreach (var item in items)
        {
            if (item.Items.Contains(target))
            {
                return item;
            }

            if (ParentOf(item.Items, target) is { } parent)
            {
                return parent;
            }
        }

        return null;
    }

    private static QuestionnaireAnswer? Clean(QuestionItem item, QuestionnaireAnswer answer)
    {
        var values = (answer.Code is null ? 0 : 1) + (answer.Number is null ? 0 : 1) + (answer.Text is null ? 0 : 1) + (answer.Date is null ? 0 : 1);
        if (values > 1)
        {
            throw new DomainException("Questionnaire.Answer.WrongType", item.LinkId);
        }

        switch (item.Type)
        {
            case QuestionItemType.Choice when answer.Code is not null:
                return item.Options.Any(o => string.Equals(o.Code, answer.Code, StringComparison.Ordinal))
                    ? new QuestionnaireAnswer(item.LinkId, Code: answer.Code)
                    : throw new DomainException("Questionnaire.Answer.UnknownOption", item.LinkId);
            case QuestionItemType.Scale or QuestionItemType.Number when answer.Number is { } number:
                return (item.MinValue is { } min && number < min) || (item.MaxValue is { } max && number > max)
                    ? throw new DomainException("Questionnaire.Answer.OutOfRange", item.LinkId)
                    : new QuestionnaireAnswer(item.LinkId, Number: number);
            case QuestionItemType.Text when answer.Text is not null:
                var text = Guard.OptionalText(answer.Text, Math.Min(item.MaxLength ?? MaxTextLength, MaxTextLength), "Questionnaire.Answer", item.LinkId);
                return text is null ? null : new QuestionnaireAnswer(item.LinkId, Text: text);
            case QuestionItemType.Date when answer.Date is { } date:
                return new QuestionnaireAnswer(item.LinkId, Date: date);
            default:
                return values == 0 ? null : throw new DomainException("Questionnaire.Answer.WrongType", item.LinkId);
        }
    }
}
