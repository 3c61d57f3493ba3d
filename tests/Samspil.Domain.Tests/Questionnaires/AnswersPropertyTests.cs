using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Samspil.Domain.Common;
using Samspil.Domain.Questionnaires;

namespace Samspil.Domain.Tests.Questionnaires;

/// <summary>
/// Answer checking and enableWhen against an independent oracle. Random trees of groups, display items and choice,
/// scale and integer items; conditions on earlier items (and on items that do not exist or take no answer) with every
/// operator, joined by all or any; random required flags; random answers in random order. The oracle walks the tree
/// once, depth first, by the FHIR R4 rules as Samspil documents them: an item is shown when its group is shown and its
/// conditions hold; a condition on an item that is hidden, missing or unanswered sees no answer ("exists" = false,
/// "!=" true, everything else false); "=" and "!=" compare option codes, the order operators compare numbers and are
/// false for codes; answers to hidden items are dropped, and the first shown required item without an answer is
/// demanded.
/// </summary>
public sealed class AnswersPropertyTests
{
    [Property(MaxTest = 1_500, Arbitrary = [typeof(AnswersArbitraries)])]
    public void Normalised_answers_are_the_shown_ones_or_the_first_missing_required_item_is_demanded(AnswersCase c)
    {
        var (expected, required) = AnswersOracle.Run(c);
        if (required is not null)
        {
            var error = Assert.Throws<DomainException>(() => QuestionnaireAnswers.Normalise(c.Definition, c.Answers));
            Assert.Equal("Questionnaire.Answer.Required", error.Code);
            Assert.Equal(required, error.Field);
        }
        else
        {
            var actual = QuestionnaireAnswers.Normalise(c.Definition, c.Answers);
            Assert.Equal(expected.Select(a => $"{a.LinkId}={a.Code}{a.Number}"), actual.Select(a => $"{a.LinkId}={a.Code}{a.Number}"));
        }
    }

    [Property(MaxTest = 500, Arbitrary = [typeof(AnswersArbitraries)])]
    public void Each_item_is_shown_exactly_when_the_oracle_shows_it(AnswersCase c)
    {
        var shown = AnswersOracle.Shown(c);
        var definition = c.Definition;
        var answers = c.Answers.GroupBy(a => a.LinkId).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var item in definition.AllItems())
        {
            Assert.True(shown[item.LinkId] == QuestionnaireAnswers.IsEnabled(definition, item, answers), item.LinkId);
        }
    }

    [Fact]
    public void A_loop_of_conditions_does_not_bring_the_server_down()
    {
        QuestionItem Item(string linkId, string other, string answer) =>
            new(linkId, QuestionItemType.Number, LocalizedText.Of(linkId), EnableWhen: [new EnableCondition(other, EnableOperator.Exists, answer)]);
        var definition = new QuestionnaireDefinition(LocalizedText.Of("t"), null, ["da"], [Item("a", "b", "true"), Item("b", "a", "true"), Item("c", "c", "false")], ScoringRules.None);

        var answers = QuestionnaireAnswers.Normalise(definition, [new QuestionnaireAnswer("a", Number: 1), new QuestionnaireAnswer("b", Number: 2), new QuestionnaireAnswer("c", Number: 3)]);

        Assert.DoesNotContain(answers, a => a.LinkId is "a" or "b"); // each waits for the other: neither is ever shown
    }

    [Theory]
    [InlineData("nope", null, 1, null, "Questionnaire.Answer.UnknownItem")]
    [InlineData("group", null, 1, null, "Questionnaire.Answer.UnknownItem")]
    [InlineData("choice", "x", null, null, "Questionnaire.Answer.UnknownOption")]
    [InlineData("choice", null, 1, null, "Questionnaire.Answer.WrongType")]
    [InlineData("choice", "a", 1, null, "Questionnaire.Answer.WrongType")]
    [InlineData("scale", null, 11, null, "Questionnaire.Answer.OutOfRange")]
    [InlineData("scale", null, -1, null, "Questionnaire.Answer.OutOfRange")]
    [InlineData("scale", "a", null, null, "Questionnaire.Answer.WrongType")]
    [InlineData("text", null, null, "bell\u0007", "Questionnaire.Answer.InvalidCharacters")]
    [InlineData("text", null, null, "0123456789a", "Questionnaire.Answer.TooLong")]
    public void Bad_answers_are_refused_with_a_code_and_the_item(string linkId, string? code, int? number, string? text, string error)
    {
        var definition = Small();
        var thrown = Assert.Throws<DomainException>(() => QuestionnaireAnswers.Normalise(definition, [new QuestionnaireAnswer(linkId, code, number, text)]));
        Assert.Equal(error, thrown.Code);
        Assert.Equal(linkId, thrown.Field);
    }

    [Fact]
    public void Two_answers_to_one_item_are_refused_and_an_empty_answer_is_no_answer()
    {
        var definition = Small();
        var thrown = Assert.Throws<DomainException>(() => QuestionnaireAnswers.Normalise(definition, [new QuestionnaireAnswer("scale", Number: 1), new QuestionnaireAnswer("scale", Number: 2)]));
        Assert.Equal("Questionnaire.Answer.Duplicate", thrown.Code);

        var answers = QuestionnaireAnswers.Normalise(definition, [new QuestionnaireAnswer("text", Text: "   "), new QuestionnaireAnswer("choice"), new QuestionnaireAnswer("scale", Number: 10)]);
        Assert.Equal([new QuestionnaireAnswer("scale", Number: 10)], answers);
    }

    private static QuestionnaireDefinition Small() => new(
        LocalizedText.Of("t"),
        null,
        ["da"],
        [
            new QuestionItem("group", QuestionItemType.Group, LocalizedText.Of("g"), Items:
            [
                new QuestionItem("choice", QuestionItemType.Choice, LocalizedText.Of("c"), Options: [new AnswerOption("a", LocalizedText.Of("a"), 1), new AnswerOption("b", LocalizedText.Of("b"), 2)]),
                new QuestionItem("scale", QuestionItemType.Scale, LocalizedText.Of("s"), MinValue: 0, MaxValue: 10),
            ]),
            new QuestionItem("text", QuestionItemType.Text, LocalizedText.Of("x"), MaxLength: 10),
        ],
        ScoringRules.None);
}

public sealed record ONode(string LinkId, int Kind, IReadOnlyList<string> Codes, int Min, int Max, bool Required, IReadOnlyList<(string Question, EnableOperator Op, string Answer)> Conditions, bool Any, IReadOnlyList<ONode> Children)
{
    public const int Group = 0, Display = 1, Choice = 2, Scale = 3, Number = 4;

    public bool TakesAnswer => Kind is Choice or Scale or Number;

    public IEnumerable<ONode> DepthFirst() => Children.SelectMany(c => c.DepthFirst()).Prepend(this);
}

public sealed record AnswersCase(IReadOnlyList<ONode> Roots, IReadOnlyList<OAnswer> Submitted)
{
    public IEnumerable<ONode> DepthFirst() => Roots.SelectMany(r => r.DepthFirst());

    public QuestionnaireDefinition Definition => new(LocalizedText.Of("t"), null, ["da"], [.. Roots.Select(ToItem)], ScoringRules.None);

    public IReadOnlyList<QuestionnaireAnswer> Answers => [.. Submitted.Select(a => new QuestionnaireAnswer(a.LinkId, a.Code, a.Number))];

    public override string ToString() =>
        string.Join("; ", DepthFirst().Select(n =>
            $"{n.LinkId}:{n.Kind}{(n.Required ? "!" : string.Empty)}{(n.Kind == ONode.Choice ? "[" + string.Join(",", n.Codes) + "]" : n.Kind is ONode.Scale or ONode.Number ? $"{n.Min}..{n.Max}" : string.Empty)}"
            + (n.Children.Count > 0 ? "{" + string.Join(",", n.Children.Select(c => c.LinkId)) + "}" : string.Empty)
            + (n.Conditions.Count > 0 ? $" when {(n.Any ? "any" : "all")}(" + string.Join(", ", n.Conditions.Select(k => $"{k.Question} {k.Op} {k.Answer}")) + ")" : string.Empty)))
        + " | answers: " + string.Join(", ", Submitted.Select(a => $"{a.LinkId}={a.Code ?? a.Number?.ToString(CultureInfo.InvariantCulture)}"));

    private static QuestionItem ToItem(ONode n) => new(
        n.LinkId,
        n.Kind switch { ONode.Group => QuestionItemType.Group, ONode.Display => QuestionItemType.Display, ONode.Choice => QuestionItemType.Choice, ONode.Scale => QuestionItemType.Scale, _ => QuestionItemType.Number },
        LocalizedText.Of(n.LinkId),
        n.Required,
        [.. n.Codes.Select(c => new AnswerOption(c, LocalizedText.Of(c), 1))],
        n.Kind is ONode.Scale or ONode.Number ? n.Min : null,
        n.Kind is ONode.Scale or ONode.Number ? n.Max : null,
        EnableWhen: [.. n.Conditions.Select(k => new EnableCondition(k.Question, k.Op, k.Answer))],
        EnableWhenAny: n.Any,
        Items: [.. n.Children.Select(ToItem)]);
}

/// <summary>One depth-first walk: conditions only look back, so every item they name is settled before.</summary>
internal static class AnswersOracle
{
    public static Dictionary<string, bool> Shown(AnswersCase c) => Walk(c).Shown;

    public static (List<OAnswer> Kept, string? Required) Run(AnswersCase c)
    {
        var (shown, kept, required) = Walk(c);
        _ = shown;
        return (kept, required);
    }

    private static (Dictionary<string, bool> Shown, List<OAnswer> Kept, string? Required) Walk(AnswersCase c)
    {
        var given = new Dictionary<string, OAnswer>();
        foreach (var answer in c.Submitted)
        {
            given.TryAdd(answer.LinkId, answer);
        }

        var shown = new Dictionary<string, bool>();
        var kept = new List<OAnswer>();
        string? required = null;

        void Visit(ONode node, bool parentShown)
        {
            var results = node.Conditions.Select(k => Holds(k, shown, given)).ToList();
            var conditions = results.Count == 0 || (node.Any ? results.Contains(true) : !results.Contains(false));
            var visible = parentShown && conditions;
            shown[node.LinkId] = visible;
            if (visible && node.TakesAnswer)
            {
                if (given.TryGetValue(node.LinkId, out var answer))
                {
                    kept.Add(answer);
                }
                else if (node.Required)
                {
                    required ??= node.LinkId;
                }
            }

            foreach (var child in node.Children)
            {
                Visit(child, visible);
            }
        }

        foreach (var root in c.Roots)
        {
            Visit(root, true);
        }

        return (shown, kept, required);
    }

    private static bool Holds((string Question, EnableOperator Op, string Answer) k, Dictionary<string, bool> shown, Dictionary<string, OAnswer> given)
    {
        var answer = shown.GetValueOrDefault(k.Question) && given.TryGetValue(k.Question, out var a) ? a : null;
        switch (k.Op)
        {
            case EnableOperator.Exists:
                return (answer is not null) == (k.Answer == "true");
            case var _ when answer is null:
                return k.Op == EnableOperator.NotEqual;
            case EnableOperator.Equal when answer.Code is not null:
                return answer.Code == k.Answer;
            case EnableOperator.NotEqual when answer.Code is not null:
                return answer.Code != k.Answer;
            case var _ when answer.Code is not null:
                return false;
        }

        if (!int.TryParse(k.Answer, NumberStyles.Integer, CultureInfo.InvariantCulture, out var target))
        {
            return false;
        }

        var n = answer.Number!.Value;
        return k.Op switch
        {
            EnableOperator.Equal => n == target,
            EnableOperator.NotEqual => n != target,
            EnableOperator.Greater => n > target,
            EnableOperator.Less => n < target,
            EnableOperator.GreaterOrEqual => n >= target,
            _ => n <= target,
        };
    }
}

public static class AnswersArbitraries
{
    public static Arbitrary<AnswersCase> Cases() => Gen.Choose(0, int.MaxValue).Select(Build).ToArbitrary();

    internal static AnswersCase Build(int seed)
    {
        var random = new Random(seed);
        var earlier = new List<ONode>(); // depth-first order so far, for conditions to look back at
        var next = 0;

        ONode Node(int depth)
        {
            var linkId = $"q{next++}";
            var roll = random.Next(10);
            var kind = roll < 2 && depth < 3 ? ONode.Group : roll == 2 ? ONode.Display : roll < 6 ? ONode.Choice : roll < 8 ? ONode.Scale : ONode.Number;
            var codes = kind == ONode.Choice ? Enumerable.Range(0, random.Next(1, 4)).Select(i => $"c{i}").ToList() : [];
            var min = random.Next(-2, 3);
            var max = min + random.Next(0, 6);
            var conditions = new List<(string, EnableOperator, string)>();
            if (random.Next(5) < 2)
            {
                var count = random.Next(1, 3);
                for (var i = 0; i < count; i++)
                {
                    conditions.Add(Condition(random, earlier));
                }
            }

            var placeholder = new ONode(linkId, kind, codes, min, max, random.Next(5) < 2, conditions, random.Next(2) == 0, []);
            earlier.Add(placeholder);
            if (kind != ONode.Group)
            {
                return placeholder;
            }

            var children = Enumerable.Range(0, random.Next(1, 4)).Select(_ => Node(depth + 1)).ToList();
            var group = placeholder with { Children = children };
            earlier[earlier.IndexOf(placeholder)] = group;
            return group;
        }

        var roots = Enumerable.Range(0, random.Next(1, 7)).Select(_ => Node(0)).ToList();
        var all = roots.SelectMany(r => r.DepthFirst()).Where(n => n.TakesAnswer).ToList();
        var submitted = new List<OAnswer>();
        foreach (var node in all)
        {
            if (random.Next(20) < 11)
            {
                submitted.Add(node.Kind == ONode.Choice
                    ? new OAnswer(node.LinkId, node.Codes[random.Next(node.Codes.Count)], null)
                    : new OAnswer(node.LinkId, null, random.Next(node.Min, node.Max + 1)));
            }
        }

        return new AnswersCase(roots, [.. submitted.OrderBy(_ => random.Next())]);
    }

    private static (string, EnableOperator, string) Condition(Random random, List<ONode> earlier)
    {
        var op = (EnableOperator)random.Next(7);
        if (earlier.Count == 0 || random.Next(12) == 0)
        {
            return ("missing", op, op == EnableOperator.Exists ? (random.Next(2) == 0 ? "true" : "false") : "1");
        }

        var question = earlier[random.Next(earlier.Count)];
        var answer = op == EnableOperator.Exists ? (random.Next(2) == 0 ? "true" : "false")
            : random.Next(15) == 0 ? "x"
            : question.Kind == ONode.Choice ? (random.Next(6) == 0 ? "zz" : question.Codes[random.Next(question.Codes.Count)])
            : random.Next(question.Min - 1, question.Max + 2).ToString(CultureInfo.InvariantCulture);
        return (question.LinkId, op, answer);
    }
}
