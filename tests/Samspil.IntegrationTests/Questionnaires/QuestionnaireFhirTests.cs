using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;
using Samspil.Domain.Common;
using Samspil.Domain.Questionnaires;
using Samspil.Features.Questionnaires;
using DomainResponse = Samspil.Domain.Questionnaires.QuestionnaireResponse;

namespace Samspil.IntegrationTests.Questionnaires;

/// <summary>
/// Issue 19: every shipped instrument (ShippedInstruments.All(), so instruments added later are covered) maps to a
/// FHIR R4 Questionnaire that validates against base R4 with the Firely validator and imports back to the same
/// definition; a completed response maps to a QuestionnaireResponse that validates and parses back to the same
/// answers; import refuses what the engine cannot do with a problem list.
/// </summary>
public sealed class QuestionnaireFhirTests
{
    private static readonly Lazy<Validator> FhirValidator = new(() =>
    {
        var resolver = new CachedResolver(ZipSource.CreateValidationSource());
        return new Validator(resolver.AsAsync(), LocalTerminologyService.CreateDefaultForCore(resolver.AsAsync()));
    });

    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Shipped()
    {
        var data = new TheoryData<string>();
        foreach (var instrument in ShippedInstruments.All())
        {
            data.Add(instrument.Key);
        }

        return data;
    }

    private static ShippedInstrument ByKey(string key) => ShippedInstruments.All().Single(s => s.Key == key);

    [Theory]
    [MemberData(nameof(Shipped))]
    public void A_shipped_instrument_round_trips_through_FHIR_unchanged(string key)
    {
        var shipped = ByKey(key);
        var json = QuestionnaireFhir.Serialize(QuestionnaireFhir.ToFhir(shipped));

        var imported = QuestionnaireFhir.Import(json);

        Assert.Equal(shipped.Key, imported.Key);
        Assert.Equal(shipped.Version, imported.Version);
        Assert.Equal(shipped.Purpose, imported.Purpose);
        Assert.Equal(shipped.Category, imported.Category);
        Assert.Equal(InstrumentStatus.Active, imported.Status);
        Assert.Equal(shipped.Definition.Languages.Contains("da") ? "da" : shipped.Definition.Languages[0], imported.Language);
        Assert.Equal(shipped.Definition.ToJson(), imported.Definition.ToJson());
    }

    [Theory]
    [MemberData(nameof(Shipped))]
    public void A_shipped_instruments_Questionnaire_validates_against_base_R4_without_errors(string key)
    {
        var questionnaire = QuestionnaireFhir.ToFhir(ByKey(key));

        var outcome = FhirValidator.Value.Validate(questionnaire);

        Assert.True(Errors(outcome).Count == 0, string.Join("\n", Errors(outcome)));
        Assert.Equal($"https://samspil.dk/fhir/Questionnaire/{key}", questionnaire.Url);
    }

    [Theory]
    [MemberData(nameof(Shipped))]
    public void A_completed_response_round_trips_through_FHIR_and_validates(string key)
    {
        var shipped = ByKey(key);
        if (shipped.Purpose == InstrumentPurpose.IpsFidelity)
        {
            return; // a fidelity review is organisation data, not a QuestionnaireResponse of a citizen's course
        }

        var instrument = Instrument.Create(shipped.Key, shipped.Version, shipped.Purpose, shipped.Category, shipped.Definition, shipped: true, "Samspil", Now);
        var collaboration = shipped.Purpose == InstrumentPurpose.Collaboration;
        var response = DomainResponse.Complete(
            instrument, Guid.NewGuid(), Guid.NewGuid(), null, AnswersFor(shipped.Definition), ResponseMode.Self, "da", new Actor(Guid.NewGuid(), "Preben Demo-Hansen"), Now.AddTicks(1_234_567),
            collaboration ? CollaborationArea.Psychiatry : null, collaboration ? CollaborationArea.Employment : null);
        Assert.NotEmpty(response.Answers);

        var fhir = QuestionnaireFhir.ToFhir(response, instrument);
        var outcome = FhirValidator.Value.Validate(fhir);
        Assert.True(Errors(outcome).Count == 0, string.Join("\n", Errors(outcome)));

        var parsed = QuestionnaireFhir.ParseResponse(QuestionnaireFhir.Serialize(fhir), instrument.Definition);
        Assert.Equal(QuestionnaireFhir.CanonicalUrl(shipped.Key), parsed.QuestionnaireUrl);
        Assert.Equal(shipped.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), parsed.QuestionnaireVersion);
        Assert.Equal(ResponseStatus.Completed, parsed.Status);
        Assert.Equal(response.AuthoredAt, parsed.AuthoredAt);
        Assert.Equal("Preben Demo-Hansen", parsed.AuthorName);
        Assert.Equal(response.CitizenId, parsed.CitizenId);
        Assert.Equal(ResponseMode.Self, parsed.Mode);
        Assert.Equal(response.Answers, parsed.Answers);

        // The parsed answers are what the engine would store again: the same answers, the same scores.
        var again = QuestionnaireAnswers.Normalise(instrument.Definition, parsed.Answers);
        Assert.Equal(response.Scores, QuestionnaireScoring.Score(instrument.Definition, again));

        response.MarkEnteredInError();
        Assert.Equal(ResponseStatus.EnteredInError, QuestionnaireFhir.ParseResponse(QuestionnaireFhir.Serialize(QuestionnaireFhir.ToFhir(response, instrument)), instrument.Definition).Status);
    }

    [Fact]
    public void Every_engine_feature_survives_the_round_trip_and_validates()
    {
        var definition = new QuestionnaireDefinition(
            LocalizedText.Of("Alt i ét", "All in one").With("uk", "Усе в одному"),
            LocalizedText.Of("Beskrivelse", "Description"),
            ["da", "en", "uk"],
            [
                new QuestionItem("intro", QuestionItemType.Display, LocalizedText.Of("Læs dette", "Read this")),
                new QuestionItem("g1", QuestionItemType.Group, LocalizedText.Of("Gruppe", "Group"), Required: true, Items:
                [
                    new QuestionItem("mood", QuestionItemType.Choice, LocalizedText.Of("Humør", "Mood"), Required: true, Options:
                    [
                        new AnswerOption("a", LocalizedText.Of("Godt", "Good"), 2),
                        new AnswerOption("b", LocalizedText.Of("Dårligt", "Bad"), 0.5m),
                        new AnswerOption("c", LocalizedText.Of("Ved ikke", "Don't know"), null),
                    ]),
                    new QuestionItem("pain", QuestionItemType.Scale, LocalizedText.Of("Smerte", "Pain"), MinValue: 0, MaxValue: 10, MinLabel: LocalizedText.Of("Ingen", "None"), MaxLabel: LocalizedText.Of("Værst", "Worst")),
                ]),
                new QuestionItem("why", QuestionItemType.Text, LocalizedText.Of("Hvorfor?", "Why?"), MaxLength: 500,
                    EnableWhen: [new EnableCondition("mood", EnableOperator.Equal, "b"), new EnableCondition("pain", EnableOperator.GreaterOrEqual, "7")], EnableWhenAny: true),
                new QuestionItem("count", QuestionItemType.Number, LocalizedText.Of("Antal", "Count"), MinValue: 0, MaxValue: 99,
                    EnableWhen: [new EnableCondition("mood", EnableOperator.Exists, "true")]),
                new QuestionItem("when", QuestionItemType.Date, LocalizedText.Of("Hvornår", "When"),
                    EnableWhen: [new EnableCondition("count", EnableOperator.Less, "3"), new EnableCondition("mood", EnableOperator.NotEqual, "c")]),
                new QuestionItem("after", QuestionItemType.Text, LocalizedText.Of("Efter", "After"), EnableWhen: [new EnableCondition("when", EnableOperator.Greater, "2026-01-01")]),
            ],
            new ScoringRules([new ScaleRule("total", LocalizedText.Of("I alt", "Total"), ["mood", "pain"], ScoreMethod.Mean, 2, 1, ["pain"], new MissingRule(1, true),
                [new ScoreBand(0, 5, LocalizedText.Of("Lav", "Low"), LocalizedText.Of("Lav score", "Low score"))], new CutOff(4, CutOffDirection.AtOrAbove, LocalizedText.Of("Høj", "High")), Primary: true)]),
            "© Test");

        var questionnaire = QuestionnaireFhir.ToFhir("all-in-one", 3, InstrumentPurpose.CitizenExperience, Domain.Consents.InformationCategory.PlanAndGoals, InstrumentStatus.Retired, definition);
        var outcome = FhirValidator.Value.Validate(questionnaire);
        Assert.True(Errors(outcome).Count == 0, string.Join("\n", Errors(outcome)));

        var imported = QuestionnaireFhir.Import(QuestionnaireFhir.Serialize(questionnaire));
        Assert.Equal(definition.ToJson(), imported.Definition.ToJson());
        Assert.Equal((3, InstrumentPurpose.CitizenExperience, Domain.Consents.InformationCategory.PlanAndGoals, InstrumentStatus.Retired), (imported.Version!.Value, imported.Purpose, imported.Category, imported.Status));
    }

    [Fact]
    public void A_licensed_translation_loads_one_languages_texts_and_changes_nothing_else()
    {
        var who5 = ByKey("who-5").Definition;
        static LocalizedText Ukrainian(LocalizedText text) => new(new Dictionary<string, string> { ["uk"] = "UK " + text.For("da") });
        var translated = who5 with
        {
            Title = Ukrainian(who5.Title),
            Description = who5.Description is null ? null : Ukrainian(who5.Description),
            Languages = ["uk"],
            Items = [.. who5.Items.Select(i => i with { Text = Ukrainian(i.Text), Options = [.. i.Options.Select(o => o with { Display = Ukrainian(o.Display), Score = null })] })],
            Scoring = ScoringRules.None,
        };
        var json = QuestionnaireFhir.Serialize(QuestionnaireFhir.ToFhir("who-5", 1, InstrumentPurpose.Screening, Domain.Consents.InformationCategory.HealthAndTreatment, InstrumentStatus.Active, translated));
        var imported = QuestionnaireFhir.Import(json);
        Assert.Equal("uk", imported.Language);

        var merged = QuestionnaireFhir.WithLanguage(who5, imported.Definition, imported.Language);

        Assert.Equal(["da", "en", "uk"], merged.Languages);
        Assert.Equal("UK " + who5.Items[0].Text.For("da"), merged.Items[0].Text.For("uk"));
        Assert.Equal(who5.Items[0].Text.For("en"), merged.Items[0].Text.For("en"));
        Assert.Equal("UK Hele tiden", merged.Items[0].Options[0].Display.For("uk"));
        Assert.Equal(5, merged.Items[0].Options[0].Score); // scores are the version's, not the file's
        Assert.Equal(who5.Scoring.Scales[0].Items, merged.Scoring.Scales[0].Items);

        var other = translated with { Items = [.. translated.Items.Take(4)] };
        var mismatch = QuestionnaireFhir.Import(QuestionnaireFhir.Serialize(QuestionnaireFhir.ToFhir("who-5", 1, InstrumentPurpose.Screening, Domain.Consents.InformationCategory.HealthAndTreatment, InstrumentStatus.Active, other)));
        var refused = Assert.Throws<QuestionnaireFhirException>(() => QuestionnaireFhir.WithLanguage(who5, mismatch.Definition, "uk"));
        Assert.Contains(refused.Problems, p => p.Code == "QuestionnaireFhir.Translation.ItemMismatch");
    }

    [Fact]
    public void Import_refuses_what_the_engine_cannot_do_and_lists_every_problem()
    {
        const string json = """
        {
          "resourceType": "Questionnaire",
          "url": "https://example.org/Questionnaire/hostile",
          "status": "active",
          "title": "Bad\u0007title",
          "item": [
            { "linkId": "1", "type": "boolean", "text": "Yes or no?" },
            { "linkId": "2", "type": "choice", "text": "Pick", "answerValueSet": "http://loinc.org/vs/LL358-3" },
            { "linkId": "2", "type": "string", "text": "Duplicate" },
            { "linkId": "3", "type": "string", "text": "Conditional", "enableWhen": [ { "question": "nowhere", "operator": "exists", "answerBoolean": true } ] },
            { "linkId": "4", "type": "string", "text": "Many", "repeats": true },
            { "linkId": "5", "type": "integer", "text": "Slider without range",
              "extension": [ { "url": "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl", "valueCodeableConcept": { "coding": [ { "system": "http://hl7.org/fhir/questionnaire-item-control", "code": "slider" } ] } } ] },
            { "linkId": "<script>", "type": "display", "text": "x" }
          ]
        }
        """;

        var refused = Assert.Throws<QuestionnaireFhirException>(() => QuestionnaireFhir.Import(json));
        var codes = refused.Problems.Select(p => (p.Path, p.Code)).ToList();

        Assert.Contains(("title", "QuestionnaireFhir.Text.InvalidCharacters"), codes);
        Assert.Contains(("item[0].type", "QuestionnaireFhir.Type.Unsupported"), codes);
        Assert.Contains(("item[1].answerValueSet", "QuestionnaireFhir.AnswerValueSet.Unsupported"), codes);
        Assert.Contains(("item[2].linkId", "QuestionnaireFhir.LinkId.Duplicate"), codes);
        Assert.Contains(("item[3].enableWhen[0].question", "QuestionnaireFhir.EnableWhen.UnknownItem"), codes);
        Assert.Contains(("item[4].repeats", "QuestionnaireFhir.Repeats.Unsupported"), codes);
        Assert.Contains(("item[5]", "QuestionnaireFhir.Scale.Range.Missing"), codes);
        Assert.Contains(("item[6].linkId", "QuestionnaireFhir.LinkId.Invalid"), codes);
    }

    [Theory]
    [InlineData("", "QuestionnaireFhir.Json.Empty")]
    [InlineData("{", "QuestionnaireFhir.Json.Invalid")]
    [InlineData("[1,2,3]", "QuestionnaireFhir.Json.Invalid")]
    [InlineData("""{"resourceType":"Patient","id":"x"}""", "QuestionnaireFhir.NotAQuestionnaire")]
    [InlineData("""{"resourceType":"Questionnaire","status":"active","title":42}""", "QuestionnaireFhir.Json.Invalid")]
    [InlineData("""{"resourceType":"Questionnaire","status":"active","url":"https://samspil.dk/fhir/Questionnaire/x","version":"one","title":"T","item":[{"linkId":"1","type":"display","text":"t"}]}""", "QuestionnaireFhir.Version.Invalid")]
    [InlineData("""{"resourceType":"Questionnaire","status":"active","url":"https://samspil.dk/fhir/Questionnaire/Has Space","title":"T","item":[{"linkId":"1","type":"display","text":"t"}]}""", "QuestionnaireFhir.Key.Invalid")]
    [InlineData("""{"resourceType":"Questionnaire","status":"active","url":"https://samspil.dk/fhir/Questionnaire/x","title":"T","item":[{"linkId":"1","type":"choice","text":"t"}]}""", "QuestionnaireFhir.Options.Missing")]
    [InlineData("""{"resourceType":"Questionnaire","status":"active","url":"https://samspil.dk/fhir/Questionnaire/x","title":"T","extension":[{"url":"https://samspil.dk/fhir/StructureDefinition/questionnaire-scoring-rules","valueString":"{\"scales\":[{\"key\":\"t\",\"title\":{\"texts\":{}},\"items\":[\"nope\"]}]}"}],"item":[{"linkId":"1","type":"display","text":"t"}]}""", "QuestionnaireFhir.Scoring.UnknownItem")]
    [InlineData("""{"resourceType":"Questionnaire","status":"active","url":"https://samspil.dk/fhir/Questionnaire/x","title":"T","extension":[{"url":"https://samspil.dk/fhir/StructureDefinition/instrument-purpose","valueCode":"Screening, Collaboration"}],"item":[{"linkId":"1","type":"display","text":"t"}]}""", "QuestionnaireFhir.Extension.Invalid")]
    public void Malformed_or_hostile_input_is_refused_with_a_problem_not_an_exception(string json, string code)
    {
        var refused = Assert.Throws<QuestionnaireFhirException>(() => QuestionnaireFhir.Import(json));
        Assert.Contains(refused.Problems, p => p.Code == code);
    }

    [Fact]
    public void Over_long_text_deep_nesting_and_deep_JSON_are_refused()
    {
        var longText = $$"""{"resourceType":"Questionnaire","status":"active","url":"https://samspil.dk/fhir/Questionnaire/x","title":"{{new string('a', 5000)}}","item":[{"linkId":"1","type":"display","text":"t"}]}""";
        Assert.Contains(Assert.Throws<QuestionnaireFhirException>(() => QuestionnaireFhir.Import(longText)).Problems, p => p.Code == "QuestionnaireFhir.Text.TooLong");

        var nested = "{\"linkId\":\"leaf\",\"type\":\"display\",\"text\":\"t\"}";
        for (var n = 0; n < 8; n++)
        {
            nested = $"{{\"linkId\":\"g{n}\",\"type\":\"group\",\"text\":\"g\",\"item\":[{nested}]}}";
        }

        var deep = $$"""{"resourceType":"Questionnaire","status":"active","url":"https://samspil.dk/fhir/Questionnaire/x","title":"T","item":[{{nested}}]}""";
        Assert.Contains(Assert.Throws<QuestionnaireFhirException>(() => QuestionnaireFhir.Import(deep)).Problems, p => p.Code == "QuestionnaireFhir.Item.TooDeep");

        var bomb = "{\"resourceType\":\"Questionnaire\",\"extension\":" + string.Concat(Enumerable.Repeat("[", 5000)) + string.Concat(Enumerable.Repeat("]", 5000)) + "}";
        Assert.Contains(Assert.Throws<QuestionnaireFhirException>(() => QuestionnaireFhir.Import(bomb)).Problems, p => p.Code == "QuestionnaireFhir.Json.Invalid");
    }

    [Fact]
    public void A_response_with_an_unknown_item_or_a_wrong_answer_type_is_refused()
    {
        var who5 = ByKey("who-5").Definition;
        const string json = """
        {"resourceType":"QuestionnaireResponse","status":"completed","authored":"2026-11-22T09:00:00Z",
         "item":[{"linkId":"1","answer":[{"valueInteger":3}]},{"linkId":"99","answer":[{"valueCoding":{"code":"1"}}]},{"linkId":"2","answer":[{"valueCoding":{"code":"1"}},{"valueCoding":{"code":"2"}}]}]}
        """;

        var refused = Assert.Throws<QuestionnaireFhirException>(() => QuestionnaireFhir.ParseResponse(json, who5));

        Assert.Contains(refused.Problems, p => p is { Path: "item[0].answer[0]", Code: "QuestionnaireFhir.Response.WrongType" });
        Assert.Contains(refused.Problems, p => p is { Path: "item[1].linkId", Code: "QuestionnaireFhir.Response.UnknownItem" });
        Assert.Contains(refused.Problems, p => p is { Path: "item[2]", Code: "QuestionnaireFhir.Response.OneAnswer" });
        Assert.Contains(Assert.Throws<QuestionnaireFhirException>(() => QuestionnaireFhir.ParseResponse("""{"resourceType":"QuestionnaireResponse","status":"in-progress"}""", who5)).Problems,
            p => p.Code == "QuestionnaireFhir.Response.Status.Unsupported");
    }

    /// <summary>A complete, valid set of answers: the first option, the middle of a range, a short text, a date.</summary>
    internal static List<QuestionnaireAnswer> AnswersFor(QuestionnaireDefinition definition) =>
        [.. definition.AllItems().Where(i => i.TakesAnswer).Select(i => i.Type switch
        {
            QuestionItemType.Choice => new QuestionnaireAnswer(i.LinkId, Code: i.Options[i.Options.Count / 2].Code),
            QuestionItemType.Scale or QuestionItemType.Number => new QuestionnaireAnswer(i.LinkId, Number: ((i.MinValue ?? 0) + (i.MaxValue ?? 10)) / 2),
            QuestionItemType.Text => new QuestionnaireAnswer(i.LinkId, Text: "Det gik fint."),
            _ => new QuestionnaireAnswer(i.LinkId, Date: new DateOnly(2026, 11, 20)),
        })];

    private static List<string> Errors(OperationOutcome outcome) =>
        [.. outcome.Issue.Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal).Select(i => $"{i.Expression.FirstOrDefault()}: {i.Details?.Text}")];
}
