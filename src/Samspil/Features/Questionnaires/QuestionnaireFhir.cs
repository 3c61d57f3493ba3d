using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Samspil.Domain.Common;
using Samspil.Domain.Consents;
using Samspil.Domain.Questionnaires;
using DomainResponse = Samspil.Domain.Questionnaires.QuestionnaireResponse;
using FhirQuestionnaire = Hl7.Fhir.Model.Questionnaire;
using FhirResponse = Hl7.Fhir.Model.QuestionnaireResponse;

namespace Samspil.Features.Questionnaires;

/// <summary>One thing in a FHIR Questionnaire (or QuestionnaireResponse) the engine cannot take: where (an index path such as "item[2].answerOption[0]") and a stable error code.</summary>
public sealed record QuestionnaireFhirProblem(string Path, string Code);

/// <summary>A FHIR Questionnaire or QuestionnaireResponse that was not imported, with every problem found.</summary>
public sealed class QuestionnaireFhirException(IReadOnlyList<QuestionnaireFhirProblem> problems)
    : Exception("The FHIR resource cannot be imported: " + string.Join("; ", problems.Take(10).Select(p => p.ToString())))
{
    public IReadOnlyList<QuestionnaireFhirProblem> Problems { get; } = problems;
}

/// <summary>A FHIR Questionnaire read into the domain: the instrument's key and version when the resource says them, and its content.</summary>
public sealed record ImportedQuestionnaire(
    string Key,
    int? Version,
    InstrumentPurpose Purpose,
    InformationCategory Category,
    InstrumentStatus Status,
    string Language,
    QuestionnaireDefinition Definition);

/// <summary>A FHIR QuestionnaireResponse read back: what it answers, its status, author, subject and the answers in the domain's form.</summary>
public sealed record ParsedQuestionnaireResponse(
    string? QuestionnaireUrl,
    string? QuestionnaireVersion,
    ResponseStatus Status,
    DateTimeOffset AuthoredAt,
    string? AuthorName,
    Guid? CitizenId,
    string Language,
    ResponseMode? Mode,
    IReadOnlyList<QuestionnaireAnswer> Answers);

/// <summary>
/// Maps instruments to and from FHIR R4 Questionnaire, and responses to and from QuestionnaireResponse, with the
/// Firely SDK (docs/questionnaires-fhir.md). Export then import gives back the same definition; import rejects, with
/// every problem listed, what the engine cannot do (item types, value sets, repeating answers, unknown enableWhen
/// targets, duplicate linkIds, control characters, sizes beyond the limits).
/// </summary>
public static class QuestionnaireFhir
{
    public const string CanonicalBase = "https://samspil.dk/fhir/Questionnaire/";
    public const string ExtensionBase = "https://samspil.dk/fhir/StructureDefinition/";
    public const string ScoringRulesUrl = ExtensionBase + "questionnaire-scoring-rules";
    public const string PurposeUrl = ExtensionBase + "instrument-purpose";
    public const string CategoryUrl = ExtensionBase + "instrument-consent-category";
    public const string LanguagesUrl = ExtensionBase + "questionnaire-languages";
    public const string ResponseModeUrl = ExtensionBase + "questionnaire-response-mode";
    public const string OrdinalValueUrl = "http://hl7.org/fhir/StructureDefinition/ordinalValue";
    public const string TranslationUrl = "http://hl7.org/fhir/StructureDefinition/translation";
    public const string MinValueUrl = "http://hl7.org/fhir/StructureDefinition/minValue";
    public const string MaxValueUrl = "http://hl7.org/fhir/StructureDefinition/maxValue";
    public const string ItemControlUrl = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl";
    public const string ItemControlSystem = "http://hl7.org/fhir/questionnaire-item-control";

    /// <summary>The largest FHIR JSON file taken (bytes).</summary>
    public const int MaxJsonBytes = 1_048_576;

    public const int MaxItems = 500;
    public const int MaxDepth = 5;
    public const int MaxOptions = 100;
    public const int MaxLanguages = 12;
    public const int MaxTextLength = 4000;
    public const int MaxLinkIdLength = 64;
    public const int MaxCodeLength = 64;
    public const int MaxScales = 20;

    private const string LowerSuffix = ".lower";
    private const string UpperSuffix = ".upper";

    private static readonly FhirJsonDeserializer Deserializer = new(new DeserializerSettings());

    private static readonly JsonSerializerOptions ScoringJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        MaxDepth = 16,
    };

    public static string CanonicalUrl(string key) => CanonicalBase + key;

    public static FhirQuestionnaire ToFhir(Instrument instrument) =>
        ToFhir(instrument.Key, instrument.Version, instrument.Purpose, instrument.Category, instrument.Status, instrument.Definition, instrument.Id.ToString());

    public static FhirQuestionnaire ToFhir(ShippedInstrument shipped) =>
        ToFhir(shipped.Key, shipped.Version, shipped.Purpose, shipped.Category, InstrumentStatus.Active, shipped.Definition);

    /// <summary>The FHIR R4 Questionnaire for one instrument version; texts in Danish (Questionnaire.language) with the other languages as translation extensions.</summary>
    public static FhirQuestionnaire ToFhir(string key, int version, InstrumentPurpose purpose, InformationCategory category, InstrumentStatus status, QuestionnaireDefinition definition, string? id = null)
    {
        var language = PrimaryLanguage(definition);
        var questionnaire = new FhirQuestionnaire
        {
            Id = id,
            Url = CanonicalUrl(key),
            Version = version.ToString(CultureInfo.InvariantCulture),
            Name = ComputableName(key),
            Language = language,
            Status = status == InstrumentStatus.Active ? PublicationStatus.Active : PublicationStatus.Retired,
            SubjectType = [ResourceType.Patient],
        };

        if (Localized(definition.Title, language, v => new FhirString(v)) is { } title)
        {
            questionnaire.TitleElement = title;
        }

        if (definition.Description is { } description && Localized(description, language, v => new Markdown(v)) is { } markdown)
        {
            questionnaire.DescriptionElement = markdown;
        }

        if (!string.IsNullOrEmpty(definition.Copyright))
        {
            questionnaire.CopyrightElement = new Markdown(definition.Copyright);
        }

        questionnaire.Extension.Add(new Extension(PurposeUrl, new Code(purpose.ToString())));
        questionnaire.Extension.Add(new Extension(CategoryUrl, new Code(category.ToString())));
        foreach (var each in definition.Languages)
        {
            questionnaire.Extension.Add(new Extension(LanguagesUrl, new Code(each)));
        }

        if (definition.Scoring.Scales.Count > 0)
        {
            questionnaire.Extension.Add(new Extension(ScoringRulesUrl, new FhirString(JsonSerializer.Serialize(definition.Scoring, ScoringJson))));
        }

        questionnaire.Item = [.. definition.Items.Select(i => ToFhirItem(definition, i, language))];
        return questionnaire;
    }

    public static string Serialize(Resource resource) => resource.ToJson(pretty: true);

    /// <summary>Reads a FHIR R4 Questionnaire (JSON) into the domain; every problem found is in the exception.</summary>
    /// <param name="json">The resource.</param>
    /// <param name="key">The instrument key to use; null: taken from the canonical url's last segment.</param>
    public static ImportedQuestionnaire Import(string json, string? key = null)
    {
        var problems = new List<QuestionnaireFhirProblem>();
        var questionnaire = Deserialize<FhirQuestionnaire>(json, "Questionnaire");
        return new Importer(problems).Read(questionnaire, key) is { } imported && problems.Count == 0
            ? imported
            : throw new QuestionnaireFhirException(problems);
    }

    /// <summary>
    /// Loads one language's texts (a licensed translation) into a definition: <paramref name="translation"/> must have
    /// the same items (linkIds, types, option codes) and scales; its texts in <paramref name="language"/> replace or
    /// add that language everywhere. Items, scoring and every other language stay as they are.
    /// </summary>
    public static QuestionnaireDefinition WithLanguage(QuestionnaireDefinition target, QuestionnaireDefinition translation, string language)
    {
        var problems = new List<QuestionnaireFhirProblem>();
        if (!IsLanguageCode(language))
        {
            throw new QuestionnaireFhirException([new("language", "QuestionnaireFhir.Language.Invalid")]);
        }

        LocalizedText Take(LocalizedText into, LocalizedText? from) =>
            from is not null && from.Texts.TryGetValue(language, out var text) ? into.With(language, text) : into;

        var source = translation.AllItems().ToDictionary(i => i.LinkId, StringComparer.Ordinal);
        QuestionItem Merge(QuestionItem item, string path)
        {
            if (!source.TryGetValue(item.LinkId, out var other) || other.Type != item.Type)
            {
                problems.Add(new(path, "QuestionnaireFhir.Translation.ItemMismatch"));
                return item;
            }

            var options = item.Options.Select((o, n) =>
            {
                var match = other.Options.FirstOrDefault(x => string.Equals(x.Code, o.Code, StringComparison.Ordinal));
                if (match is null)
                {
                    problems.Add(new($"{path}.answerOption[{n}]", "QuestionnaireFhir.Translation.OptionMismatch"));
                    return o;
                }

                return o with { Display = Take(o.Display, match.Display) };
            }).ToList();
            return item with
            {
                Text = Take(item.Text, other.Text),
                Options = options,
                MinLabel = item.MinLabel is null ? null : Take(item.MinLabel, other.MinLabel),
                MaxLabel = item.MaxLabel is null ? null : Take(item.MaxLabel, other.MaxLabel),
                Items = [.. item.Items.Select((c, n) => Merge(c, $"{path}.item[{n}]"))],
            };
        }

        var items = target.Items.Select((i, n) => Merge(i, $"item[{n}]")).ToList();
        if (source.Count != target.AllItems().Count())
        {
            problems.Add(new("item", "QuestionnaireFhir.Translation.ItemMismatch"));
        }

        var scales = target.Scoring.Scales.Select(scale =>
        {
            var other = translation.Scoring.Scales.FirstOrDefault(s => string.Equals(s.Key, scale.Key, StringComparison.Ordinal));
            if (other is null)
            {
                return scale;
            }

            return scale with
            {
                Title = Take(scale.Title, other.Title),
                Bands = [.. scale.Bands.Select((b, n) => n < other.Bands.Count ? b with { Label = Take(b.Label, other.Bands[n].Label), Meaning = Take(b.Meaning, other.Bands[n].Meaning) } : b)],
                CutOff = scale.CutOff is { } cut && other.CutOff is { } otherCut ? cut with { Meaning = Take(cut.Meaning, otherCut.Meaning) } : scale.CutOff,
            };
        }).ToList();

        if (!translation.Title.Has(language))
        {
            problems.Add(new("title", "QuestionnaireFhir.Translation.LanguageMissing"));
        }

        if (problems.Count > 0)
        {
            throw new QuestionnaireFhirException(problems);
        }

        return target with
        {
            Title = Take(target.Title, translation.Title),
            Description = target.Description is null ? translation.Description is { } d && d.Has(language) ? LocalizedText.Empty.With(language, d.Texts[language]) : null : Take(target.Description, translation.Description),
            Languages = target.Languages.Contains(language, StringComparer.Ordinal) ? target.Languages : [.. target.Languages, language],
            Items = items,
            Scoring = new ScoringRules(scales),
        };
    }

    /// <summary>
    /// A response as FHIR R4 QuestionnaireResponse: questionnaire = canonical|version, the answers by linkId nested in
    /// the instrument's groups, authored, author (display), subject = the citizen's Patient.
    /// </summary>
    public static FhirResponse ToFhir(DomainResponse response, Instrument instrument)
    {
        var answers = response.Answers.ToDictionary(a => a.LinkId, StringComparer.Ordinal);
        var fhir = new FhirResponse
        {
            Id = response.Id.ToString(),
            Language = response.Language,
            Questionnaire = $"{CanonicalUrl(instrument.Key)}|{instrument.Version.ToString(CultureInfo.InvariantCulture)}",
            Status = response.Status == ResponseStatus.EnteredInError ? FhirResponse.QuestionnaireResponseStatus.EnteredInError : FhirResponse.QuestionnaireResponseStatus.Completed,
            Authored = FormatInstant(response.AuthoredAt),
            Author = new ResourceReference { Display = response.AuthorName },
            Subject = new ResourceReference($"Patient/{response.CitizenId}"),
        };
        fhir.Extension.Add(new Extension(ResponseModeUrl, new Code(response.Mode.ToString())));
        fhir.Item = ResponseItems(instrument.Definition.Items, answers, response.Language);
        return fhir;
    }

    /// <summary>Reads a QuestionnaireResponse (JSON) against the definition it answers: one answer per item, of the item's type.</summary>
    public static ParsedQuestionnaireResponse ParseResponse(string json, QuestionnaireDefinition definition)
    {
        var fhir = Deserialize<FhirResponse>(json, "QuestionnaireResponse");
        var problems = new List<QuestionnaireFhirProblem>();
        var status = fhir.Status switch
        {
            FhirResponse.QuestionnaireResponseStatus.Completed => ResponseStatus.Completed,
            FhirResponse.QuestionnaireResponseStatus.EnteredInError => ResponseStatus.EnteredInError,
            _ => (ResponseStatus?)null,
        };
        if (status is null)
        {
            problems.Add(new("status", "QuestionnaireFhir.Response.Status.Unsupported"));
        }

        var authored = fhir.Authored is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : (DateTimeOffset?)null;
        if (authored is null)
        {
            problems.Add(new("authored", "QuestionnaireFhir.Response.Authored.Missing"));
        }

        Guid? citizenId = fhir.Subject?.Reference is { } reference && reference.StartsWith("Patient/", StringComparison.Ordinal) && Guid.TryParse(reference["Patient/".Length..], out var id) ? id : null;
        ResponseMode? mode = fhir.GetExtensionValue<Code>(ResponseModeUrl)?.Value is { } modeCode && Enum.TryParse<ResponseMode>(modeCode, out var parsedMode) && Enum.IsDefined(parsedMode) ? parsedMode : null;
        var canonical = fhir.Questionnaire;
        string? url = canonical, version = null;
        if (canonical is not null && canonical.IndexOf('|', StringComparison.Ordinal) is var bar and >= 0)
        {
            url = canonical[..bar];
            version = canonical[(bar + 1)..];
        }

        var answers = new List<QuestionnaireAnswer>();
        ReadResponseItems(fhir.Item, "item", definition, answers, problems, 0);
        if (problems.Count > 0)
        {
            throw new QuestionnaireFhirException(problems);
        }

        return new ParsedQuestionnaireResponse(url, version, status!.Value, authored!.Value, fhir.Author?.Display, citizenId, string.IsNullOrEmpty(fhir.Language) ? "da" : fhir.Language, mode, answers);
    }

    /// <summary>An ISO 639-1 code, optionally with a region (da, en, ar, fa, uk, so, pt-BR).</summary>
    public static bool IsLanguageCode(string? code) =>
        code is { Length: >= 2 and <= 8 } && code.Split('-') is var parts && parts.Length <= 2
        && parts[0].Length is 2 or 3 && parts[0].All(c => c is >= 'a' and <= 'z')
        && (parts.Length == 1 || (parts[1].Length is >= 2 and <= 4 && parts[1].All(char.IsAsciiLetterOrDigit)));

    private static T Deserialize<T>(string json, string resourceType)
        where T : Resource
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            throw new QuestionnaireFhirException([new("$", "QuestionnaireFhir.Json.Empty")]);
        }

        if (json.Length > MaxJsonBytes)
        {
            throw new QuestionnaireFhirException([new("$", "QuestionnaireFhir.Json.TooLarge")]);
        }

        Resource resource;
        try
        {
            resource = Deserializer.DeserializeResource(json);
        }
        catch (DeserializationFailedException ex)
        {
            // Say where, never echo the offending value: the paths are the resource's own element names and indexes.
            throw new QuestionnaireFhirException([.. ex.Exceptions.Take(20).Select(e => new QuestionnaireFhirProblem(e is FhirJsonException j && j.InstancePath is { } p ? Safe(p) : "$", "QuestionnaireFhir.Json.Invalid"))]);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException or InvalidOperationException or NotSupportedException or OverflowException)
        {
            throw new QuestionnaireFhirException([new("$", "QuestionnaireFhir.Json.Invalid")]);
        }

        return resource as T ?? throw new QuestionnaireFhirException([new("resourceType", resourceType == "Questionnaire" ? "QuestionnaireFhir.NotAQuestionnaire" : "QuestionnaireFhir.NotAResponse")]);
    }

    private static string Safe(string path) => path.Length > 120 || Guard.HasControlCharacters(path) ? "$" : path;

    private static string FormatInstant(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// The language of the main texts: Danish when the instrument is shipped in Danish (or declares no language), else its
    /// first declared language (PCL-5 ships in English only; its Danish title then travels as a translation).
    /// </summary>
    private static string PrimaryLanguage(QuestionnaireDefinition definition) =>
        definition.Languages.Count == 0 || definition.Languages.Contains("da", StringComparer.Ordinal) ? "da" : definition.Languages[0];

    /// <summary>A FHIR name (starts upper case, letters, digits and underscore): "who-5" → "Who5".</summary>
    private static string ComputableName(string key)
    {
        var name = string.Concat(key.Split('-', StringSplitOptions.RemoveEmptyEntries).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
        return name.Length > 0 && char.IsAsciiLetterUpper(name[0]) ? name : "Q" + name;
    }

    /// <summary>A primitive with the text in <paramref name="language"/> and every other language as a translation extension; null when there is no text.</summary>
    private static T? Localized<T>(LocalizedText text, string language, Func<string, T> create)
        where T : PrimitiveType
    {
        if (text.Texts.Count == 0)
        {
            return null;
        }

        var element = create(text.For(language));
        foreach (var (lang, value) in text.Texts)
        {
            if (!string.Equals(lang, language, StringComparison.Ordinal))
            {
                var translation = new Extension { Url = TranslationUrl };
                translation.Extension.Add(new Extension("lang", new Code(lang)));
                translation.Extension.Add(new Extension("content", new FhirString(value)));
                element.Extension.Add(translation);
            }
        }

        return element;
    }

    private static FhirQuestionnaire.ItemComponent ToFhirItem(QuestionnaireDefinition definition, QuestionItem item, string language)
    {
        var fhir = new FhirQuestionnaire.ItemComponent
        {
            LinkId = item.LinkId,
            TextElement = Localized(item.Text, language, v => new FhirString(v)),
            Type = item.Type switch
            {
                QuestionItemType.Display => FhirQuestionnaire.QuestionnaireItemType.Display,
                QuestionItemType.Group => FhirQuestionnaire.QuestionnaireItemType.Group,
                QuestionItemType.Choice => FhirQuestionnaire.QuestionnaireItemType.Choice,
                QuestionItemType.Scale or QuestionItemType.Number => FhirQuestionnaire.QuestionnaireItemType.Integer,
                QuestionItemType.Text => FhirQuestionnaire.QuestionnaireItemType.Text,
                QuestionItemType.Date => FhirQuestionnaire.QuestionnaireItemType.Date,
                _ => throw new ArgumentOutOfRangeException(nameof(item), item.Type, null),
            },
        };
        if (item.Required && item.Type != QuestionItemType.Display)
        {
            fhir.Required = true;
        }

        if (item.MaxLength is { } maxLength)
        {
            fhir.MaxLength = maxLength;
        }

        if (item.MinValue is { } min)
        {
            fhir.Extension.Add(new Extension(MinValueUrl, new Integer(min)));
        }

        if (item.MaxValue is { } max)
        {
            fhir.Extension.Add(new Extension(MaxValueUrl, new Integer(max)));
        }

        if (item.Type == QuestionItemType.Scale)
        {
            fhir.Extension.Add(new Extension(ItemControlUrl, ItemControl("slider")));
        }

        foreach (var option in item.Options)
        {
            var coding = new Coding { Code = option.Code, DisplayElement = Localized(option.Display, language, v => new FhirString(v)) };
            var answerOption = new FhirQuestionnaire.AnswerOptionComponent { Value = coding };
            if (option.Score is { } score)
            {
                answerOption.Extension.Add(new Extension(OrdinalValueUrl, new FhirDecimal(score)));
            }

            fhir.AnswerOption.Add(answerOption);
        }

        foreach (var condition in item.EnableWhen)
        {
            fhir.EnableWhen.Add(new FhirQuestionnaire.EnableWhenComponent
            {
                Question = condition.Question,
                Operator = condition.Operator switch
                {
                    EnableOperator.Exists => FhirQuestionnaire.QuestionnaireItemOperator.Exists,
                    EnableOperator.Equal => FhirQuestionnaire.QuestionnaireItemOperator.Equal,
                    EnableOperator.NotEqual => FhirQuestionnaire.QuestionnaireItemOperator.NotEqual,
                    EnableOperator.Greater => FhirQuestionnaire.QuestionnaireItemOperator.GreaterThan,
                    EnableOperator.Less => FhirQuestionnaire.QuestionnaireItemOperator.LessThan,
                    EnableOperator.GreaterOrEqual => FhirQuestionnaire.QuestionnaireItemOperator.GreaterOrEqual,
                    _ => FhirQuestionnaire.QuestionnaireItemOperator.LessOrEqual,
                },
                Answer = EnableAnswer(definition, condition),
            });
        }

        if (item.EnableWhenAny || item.EnableWhen.Count > 1)
        {
            fhir.EnableBehavior = item.EnableWhenAny ? FhirQuestionnaire.EnableWhenBehavior.Any : FhirQuestionnaire.EnableWhenBehavior.All;
        }

        // A scale's anchors: display children with item control lower/upper (SDC), linkId = the item's + ".lower"/".upper".
        if (item.MinLabel is { } minLabel)
        {
            fhir.Item.Add(Anchor(item.LinkId + LowerSuffix, minLabel, "lower", language));
        }

        if (item.MaxLabel is { } maxLabel)
        {
            fhir.Item.Add(Anchor(item.LinkId + UpperSuffix, maxLabel, "upper", language));
        }

        fhir.Item.AddRange(item.Items.Select(child => ToFhirItem(definition, child, language)));
        return fhir;
    }

    private static FhirQuestionnaire.ItemComponent Anchor(string linkId, LocalizedText text, string control, string language)
    {
        var anchor = new FhirQuestionnaire.ItemComponent { LinkId = linkId, Type = FhirQuestionnaire.QuestionnaireItemType.Display, TextElement = Localized(text, language, v => new FhirString(v)) };
        anchor.Extension.Add(new Extension(ItemControlUrl, ItemControl(control)));
        return anchor;
    }

    private static CodeableConcept ItemControl(string code) => new(ItemControlSystem, code);

    private static DataType EnableAnswer(QuestionnaireDefinition definition, EnableCondition condition)
    {
        if (condition.Operator == EnableOperator.Exists)
        {
            return new FhirBoolean(string.Equals(condition.Answer, "true", StringComparison.Ordinal));
        }

        return definition.Find(condition.Question)?.Type switch
        {
            QuestionItemType.Choice => new Coding { Code = condition.Answer },
            QuestionItemType.Scale or QuestionItemType.Number when int.TryParse(condition.Answer, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) => new Integer(number),
            QuestionItemType.Date => new Date(condition.Answer),
            _ => new FhirString(condition.Answer),
        };
    }

    private static List<FhirResponse.ItemComponent> ResponseItems(IEnumerable<QuestionItem> items, Dictionary<string, QuestionnaireAnswer> answers, string language)
    {
        var result = new List<FhirResponse.ItemComponent>();
        foreach (var item in items)
        {
            if (item.Type == QuestionItemType.Group)
            {
                var children = ResponseItems(item.Items, answers, language);
                if (children.Count > 0)
                {
                    result.Add(new FhirResponse.ItemComponent { LinkId = item.LinkId, Text = NullIfEmpty(item.Text.For(language)), Item = children });
                }
            }
            else if (item.TakesAnswer && answers.TryGetValue(item.LinkId, out var answer))
            {
                DataType? value = answer switch
                {
                    { Code: { } code } => new Coding { Code = code, Display = item.Options.FirstOrDefault(o => o.Code == code)?.Display.For(language) },
                    { Number: { } number } => new Integer(number),
                    { Text: { } text } => new FhirString(text),
                    { Date: { } date } => new Date(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                    _ => null,
                };
                if (value is not null)
                {
                    result.Add(new FhirResponse.ItemComponent { LinkId = item.LinkId, Text = NullIfEmpty(item.Text.For(language)), Answer = [new FhirResponse.AnswerComponent { Value = value }] });
                }
            }
        }

        return result;
    }

    private static string? NullIfEmpty(string text) => string.IsNullOrEmpty(text) ? null : text;

    private static void ReadResponseItems(List<FhirResponse.ItemComponent> items, string path, QuestionnaireDefinition definition, List<QuestionnaireAnswer> answers, List<QuestionnaireFhirProblem> problems, int depth)
    {
        if (depth > MaxDepth)
        {
            problems.Add(new(path, "QuestionnaireFhir.Item.TooDeep"));
            return;
        }

        for (var n = 0; n < items.Count; n++)
        {
            var fhir = items[n];
            var here = $"{path}[{n}]";
            var item = fhir.LinkId is null ? null : definition.Find(fhir.LinkId);
            if (item is null)
            {
                problems.Add(new(here + ".linkId", "QuestionnaireFhir.Response.UnknownItem"));
                continue;
            }

            if (item.Type == QuestionItemType.Group)
            {
                ReadResponseItems(fhir.Item, here + ".item", definition, answers, problems, depth + 1);
                continue;
            }

            if (fhir.Answer.Count > 1 || fhir.Item.Count > 0 || fhir.Answer.Any(a => a.Item.Count > 0))
            {
                problems.Add(new(here, "QuestionnaireFhir.Response.OneAnswer"));
                continue;
            }

            if (fhir.Answer.Count == 0)
            {
                continue;
            }

            QuestionnaireAnswer? answer = (item.Type, fhir.Answer[0].Value) switch
            {
                (QuestionItemType.Choice, Coding { Code: { } code }) => new QuestionnaireAnswer(item.LinkId, Code: code),
                (QuestionItemType.Scale or QuestionItemType.Number, Integer { Value: { } number }) => new QuestionnaireAnswer(item.LinkId, Number: number),
                (QuestionItemType.Text, FhirString { Value: { } text }) => new QuestionnaireAnswer(item.LinkId, Text: text),
                (QuestionItemType.Date, Date { Value: { } date }) when DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) => new QuestionnaireAnswer(item.LinkId, Date: day),
                _ => null,
            };
            if (answer is null)
            {
                problems.Add(new(here + ".answer[0]", "QuestionnaireFhir.Response.WrongType"));
            }
            else
            {
                answers.Add(answer);
            }
        }
    }

    /// <summary>Reads a Questionnaire, collecting problems rather than stopping at the first.</summary>
    private sealed class Importer(List<QuestionnaireFhirProblem> problems)
    {
        private readonly HashSet<string> _linkIds = new(StringComparer.Ordinal);
        private readonly List<string> _languagesSeen = [];
        private readonly List<(string Path, QuestionItem Item)> _conditional = [];
        private string _language = "da";
        private int _count;

        public ImportedQuestionnaire? Read(FhirQuestionnaire questionnaire, string? key)
        {
            _language = NormaliseLanguage(questionnaire.Language, "language") ?? "da";
            _languagesSeen.Add(_language);
            RejectModifiers(questionnaire, "$");

            key ??= KeyFromUrl(questionnaire.Url);
            if (!Instrument.IsValidKey(key))
            {
                problems.Add(new("url", "QuestionnaireFhir.Key.Invalid"));
            }

            int? version = null;
            if (!string.IsNullOrEmpty(questionnaire.Version))
            {
                if (int.TryParse(questionnaire.Version, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v is >= 1 and <= 100_000)
                {
                    version = v;
                }
                else
                {
                    problems.Add(new("version", "QuestionnaireFhir.Version.Invalid"));
                }
            }

            var purpose = ReadEnum(questionnaire, PurposeUrl, "extension[instrument-purpose]", InstrumentPurpose.Screening);
            var category = ReadEnum(questionnaire, CategoryUrl, "extension[instrument-consent-category]", Instrument.ExpectedCategory(purpose) ?? InformationCategory.HealthAndTreatment);

            var title = Text(questionnaire.TitleElement, "title") ?? (questionnaire.Name is { Length: > 0 } name ? Text(new FhirString(name), "name") : null);
            if (title is null)
            {
                problems.Add(new("title", "QuestionnaireFhir.Title.Missing"));
            }

            var description = Text(questionnaire.DescriptionElement, "description");
            var copyright = questionnaire.Copyright;
            if (copyright is not null && (copyright.Length > MaxTextLength || Guard.HasControlCharacters(copyright)))
            {
                problems.Add(new("copyright", "QuestionnaireFhir.Text.Invalid"));
            }

            if (questionnaire.Item.Count == 0)
            {
                problems.Add(new("item", "QuestionnaireFhir.Items.Missing"));
            }

            var items = ReadItems(questionnaire.Item, "item", 1);
            var definitionSoFar = new QuestionnaireDefinition(title ?? LocalizedText.Empty, description, [], items, ScoringRules.None, copyright);
            CheckConditions(definitionSoFar);
            var scoring = ReadScoring(questionnaire, definitionSoFar);

            var declared = questionnaire.Extension.Where(e => e.Url == LanguagesUrl).Select(e => (e.Value as Code)?.Value).ToList();
            List<string> languages;
            if (declared.Count > 0)
            {
                languages = [];
                foreach (var each in declared)
                {
                    if (!IsLanguageCode(each) || languages.Contains(each!, StringComparer.Ordinal))
                    {
                        problems.Add(new("extension[questionnaire-languages]", "QuestionnaireFhir.Language.Invalid"));
                    }
                    else
                    {
                        languages.Add(each!);
                    }
                }
            }
            else
            {
                languages = [.. _languagesSeen.Distinct(StringComparer.Ordinal)];
            }

            if (languages.Count > MaxLanguages)
            {
                problems.Add(new("language", "QuestionnaireFhir.Language.TooMany"));
            }

            if (problems.Count > 0)
            {
                return null;
            }

            var status = questionnaire.Status == PublicationStatus.Retired ? InstrumentStatus.Retired : InstrumentStatus.Active;
            return new ImportedQuestionnaire(key!, version, purpose, category, status, _language, definitionSoFar with { Languages = languages, Scoring = scoring });
        }

        private static string? KeyFromUrl(string? url)
        {
            if (string.IsNullOrEmpty(url))
            {
                return null;
            }

            var last = url.StartsWith(CanonicalBase, StringComparison.Ordinal) ? url[CanonicalBase.Length..] : url.TrimEnd('/')[(url.TrimEnd('/').LastIndexOf('/') + 1)..];
            return last.ToLowerInvariant();
        }

        private string? NormaliseLanguage(string? code, string path)
        {
            if (string.IsNullOrEmpty(code))
            {
                return null;
            }

            var primary = code.Split('-')[0].ToLowerInvariant();
            if (!IsLanguageCode(primary))
            {
                problems.Add(new(path, "QuestionnaireFhir.Language.Invalid"));
                return null;
            }

            return primary;
        }

        private T ReadEnum<T>(FhirQuestionnaire questionnaire, string url, string path, T fallback)
            where T : struct, Enum
        {
            var extension = questionnaire.Extension.FirstOrDefault(e => e.Url == url);
            if (extension is null)
            {
                return fallback;
            }

            if ((extension.Value as Code)?.Value is { } code && !code.Contains(',', StringComparison.Ordinal) && Enum.TryParse<T>(code, ignoreCase: false, out var value) && Enum.IsDefined(value))
            {
                return value;
            }

            problems.Add(new(path, "QuestionnaireFhir.Extension.Invalid"));
            return fallback;
        }

        private void RejectModifiers(Element element, string path)
        {
            if (element is BackboneElement { ModifierExtension.Count: > 0 })
            {
                problems.Add(new(path, "QuestionnaireFhir.ModifierExtension.Unsupported"));
            }
        }

        private void RejectModifiers(DomainResource resource, string path)
        {
            if (resource.ModifierExtension.Count > 0 || resource.Contained.Count > 0)
            {
                problems.Add(new(path, "QuestionnaireFhir.ModifierExtension.Unsupported"));
            }
        }

        /// <summary>A primitive's text and its translations; null when it has no text.</summary>
        private LocalizedText? Text(PrimitiveType? element, string path)
        {
            if (element is null)
            {
                return null;
            }

            var texts = new Dictionary<string, string>(StringComparer.Ordinal);
            if (element switch { FhirString s => s.Value, Markdown m => m.Value, _ => null } is { Length: > 0 } main)
            {
                if (CheckText(main, path))
                {
                    texts[_language] = main;
                }
            }

            foreach (var translation in element.Extension.Where(e => e.Url == TranslationUrl))
            {
                var lang = (translation.GetExtension("lang")?.Value as Code)?.Value;
                var content = translation.GetExtension("content")?.Value switch
                {
                    FhirString s => s.Value,
                    Markdown m => m.Value,
                    _ => null,
                };
                if (!IsLanguageCode(lang) || content is null || texts.ContainsKey(lang!))
                {
                    problems.Add(new(path + ".extension[translation]", "QuestionnaireFhir.Translation.Invalid"));
                    continue;
                }

                if (CheckText(content, path))
                {
                    texts[lang!] = content;
                    if (!_languagesSeen.Contains(lang!, StringComparer.Ordinal))
                    {
                        _languagesSeen.Add(lang!);
                    }
                }
            }

            return texts.Count == 0 ? null : LocalizedText.InOrder(texts);
        }

        private bool CheckText(string text, string path)
        {
            if (text.Length > MaxTextLength)
            {
                problems.Add(new(path, "QuestionnaireFhir.Text.TooLong"));
                return false;
            }

            if (Guard.HasControlCharacters(text) || text.Any(c => char.IsSurrogate(c) && !char.IsSurrogatePair(text, text.IndexOf(c, StringComparison.Ordinal))))
            {
                problems.Add(new(path, "QuestionnaireFhir.Text.InvalidCharacters"));
                return false;
            }

            return true;
        }

        private bool CheckIdentifier(string? value, int maxLength, string path, string code)
        {
            if (string.IsNullOrEmpty(value) || value.Length > maxLength || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '/' or ':'))
            {
                problems.Add(new(path, code));
                return false;
            }

            return true;
        }

        private List<QuestionItem> ReadItems(List<FhirQuestionnaire.ItemComponent> items, string path, int depth)
        {
            var result = new List<QuestionItem>();
            if (depth > MaxDepth)
            {
                problems.Add(new(path, "QuestionnaireFhir.Item.TooDeep"));
                return result;
            }

            for (var n = 0; n < items.Count; n++)
            {
                if (++_count > MaxItems)
                {
                    problems.Add(new(path, "QuestionnaireFhir.Items.TooMany"));
                    return result;
                }

                if (ReadItem(items[n], $"{path}[{n}]", depth) is { } item)
                {
                    result.Add(item);
                }
            }

            return result;
        }

        private QuestionItem? ReadItem(FhirQuestionnaire.ItemComponent fhir, string path, int depth)
        {
            RejectModifiers(fhir, path);
            var linkIdOk = CheckIdentifier(fhir.LinkId, MaxLinkIdLength, path + ".linkId", "QuestionnaireFhir.LinkId.Invalid");
            if (linkIdOk && !_linkIds.Add(fhir.LinkId!))
            {
                problems.Add(new(path + ".linkId", "QuestionnaireFhir.LinkId.Duplicate"));
            }

            if (fhir.Repeats == true)
            {
                problems.Add(new(path + ".repeats", "QuestionnaireFhir.Repeats.Unsupported"));
            }

            if (fhir.AnswerValueSet is not null)
            {
                problems.Add(new(path + ".answerValueSet", "QuestionnaireFhir.AnswerValueSet.Unsupported"));
            }

            var text = Text(fhir.TextElement, path + ".text") ?? LocalizedText.Empty;
            var control = fhir.GetExtensionValue<CodeableConcept>(ItemControlUrl)?.Coding.FirstOrDefault(c => c.System == ItemControlSystem)?.Code;
            int? min = IntegerExtension(fhir, MinValueUrl, path), max = IntegerExtension(fhir, MaxValueUrl, path);
            QuestionItemType? type = fhir.Type switch
            {
                FhirQuestionnaire.QuestionnaireItemType.Group => QuestionItemType.Group,
                FhirQuestionnaire.QuestionnaireItemType.Display => QuestionItemType.Display,
                FhirQuestionnaire.QuestionnaireItemType.Choice => QuestionItemType.Choice,
                FhirQuestionnaire.QuestionnaireItemType.Integer => control == "slider" ? QuestionItemType.Scale : QuestionItemType.Number,
                FhirQuestionnaire.QuestionnaireItemType.String or FhirQuestionnaire.QuestionnaireItemType.Text => QuestionItemType.Text,
                FhirQuestionnaire.QuestionnaireItemType.Date => QuestionItemType.Date,
                _ => null,
            };
            if (type is null)
            {
                problems.Add(new(path + ".type", "QuestionnaireFhir.Type.Unsupported"));
                return null;
            }

            var options = new List<AnswerOption>();
            if (type == QuestionItemType.Choice)
            {
                if (fhir.AnswerOption.Count == 0 && fhir.AnswerValueSet is null)
                {
                    problems.Add(new(path + ".answerOption", "QuestionnaireFhir.Options.Missing"));
                }

                if (fhir.AnswerOption.Count > MaxOptions)
                {
                    problems.Add(new(path + ".answerOption", "QuestionnaireFhir.Options.TooMany"));
                }

                for (var n = 0; n < fhir.AnswerOption.Count && n < MaxOptions; n++)
                {
                    var optionPath = $"{path}.answerOption[{n}]";
                    var option = fhir.AnswerOption[n];
                    if (option.Value is not Coding coding)
                    {
                        problems.Add(new(optionPath, "QuestionnaireFhir.Option.NotCoding"));
                        continue;
                    }

                    if (!CheckIdentifier(coding.Code, MaxCodeLength, optionPath + ".valueCoding.code", "QuestionnaireFhir.Option.Code.Invalid"))
                    {
                        continue;
                    }

                    if (options.Any(o => string.Equals(o.Code, coding.Code, StringComparison.Ordinal)))
                    {
                        problems.Add(new(optionPath + ".valueCoding.code", "QuestionnaireFhir.Option.Code.Duplicate"));
                        continue;
                    }

                    var ordinal = option.GetExtensionValue<DataType>(OrdinalValueUrl) ?? coding.GetExtensionValue<DataType>(OrdinalValueUrl);
                    decimal? score = ordinal switch
                    {
                        null => null,
                        FhirDecimal { Value: { } d } when Math.Abs(d) <= 1_000_000 => d,
                        Integer { Value: { } i } when Math.Abs(i) <= 1_000_000 => i,
                        _ => Invalid<decimal?>(optionPath + ".extension[ordinalValue]", "QuestionnaireFhir.Option.Score.Invalid"),
                    };
                    options.Add(new AnswerOption(coding.Code!, Text(coding.DisplayElement, optionPath + ".valueCoding.display") ?? LocalizedText.Empty.With(_language, coding.Code!), score));
                }
            }
            else if (fhir.AnswerOption.Count > 0)
            {
                problems.Add(new(path + ".answerOption", "QuestionnaireFhir.Options.Unsupported"));
            }

            if (type == QuestionItemType.Scale && (min is null || max is null))
            {
                problems.Add(new(path, "QuestionnaireFhir.Scale.Range.Missing"));
            }

            if (min is { } low && max is { } high && low > high)
            {
                problems.Add(new(path, "QuestionnaireFhir.Range.Invalid"));
            }

            if ((min is not null || max is not null) && type is not (QuestionItemType.Scale or QuestionItemType.Number))
            {
                problems.Add(new(path, "QuestionnaireFhir.Range.Unsupported"));
            }

            int? maxLength = null;
            if (fhir.MaxLength is { } length)
            {
                if (type != QuestionItemType.Text || length is < 1 or > QuestionnaireAnswers.MaxTextLength)
                {
                    problems.Add(new(path + ".maxLength", "QuestionnaireFhir.MaxLength.Invalid"));
                }
                else
                {
                    maxLength = length;
                }
            }

            // Children: a group's items; a scale's anchors (display items with item control lower/upper).
            LocalizedText? minLabel = null, maxLabel = null;
            var children = new List<FhirQuestionnaire.ItemComponent>();
            foreach (var child in fhir.Item)
            {
                var childControl = child.GetExtensionValue<CodeableConcept>(ItemControlUrl)?.Coding.FirstOrDefault(c => c.System == ItemControlSystem)?.Code;
                if (type is QuestionItemType.Scale or QuestionItemType.Number && child.Type == FhirQuestionnaire.QuestionnaireItemType.Display && childControl is "lower" or "upper")
                {
                    var anchorPath = $"{path}.item[{fhir.Item.IndexOf(child)}]";
                    if (CheckIdentifier(child.LinkId, MaxLinkIdLength, anchorPath + ".linkId", "QuestionnaireFhir.LinkId.Invalid") && !_linkIds.Add(child.LinkId!))
                    {
                        problems.Add(new(anchorPath + ".linkId", "QuestionnaireFhir.LinkId.Duplicate"));
                    }

                    var label = Text(child.TextElement, anchorPath + ".text") ?? LocalizedText.Empty;
                    if (childControl == "lower")
                    {
                        minLabel = label;
                    }
                    else
                    {
                        maxLabel = label;
                    }
                }
                else
                {
                    children.Add(child);
                }
            }

            // A question may carry display items (help text, e.g. the IPS fidelity items' descriptions); questions under questions are refused.
            if (type != QuestionItemType.Group && children.Any(c => c.Type != FhirQuestionnaire.QuestionnaireItemType.Display))
            {
                problems.Add(new(path + ".item", "QuestionnaireFhir.Item.NestedUnderQuestion"));
                children.Clear();
            }

            var conditions = new List<EnableCondition>();
            for (var n = 0; n < fhir.EnableWhen.Count; n++)
            {
                var conditionPath = $"{path}.enableWhen[{n}]";
                var when = fhir.EnableWhen[n];
                EnableOperator? op = when.Operator switch
                {
                    FhirQuestionnaire.QuestionnaireItemOperator.Exists => EnableOperator.Exists,
                    FhirQuestionnaire.QuestionnaireItemOperator.Equal => EnableOperator.Equal,
                    FhirQuestionnaire.QuestionnaireItemOperator.NotEqual => EnableOperator.NotEqual,
                    FhirQuestionnaire.QuestionnaireItemOperator.GreaterThan => EnableOperator.Greater,
                    FhirQuestionnaire.QuestionnaireItemOperator.LessThan => EnableOperator.Less,
                    FhirQuestionnaire.QuestionnaireItemOperator.GreaterOrEqual => EnableOperator.GreaterOrEqual,
                    FhirQuestionnaire.QuestionnaireItemOperator.LessOrEqual => EnableOperator.LessOrEqual,
                    _ => null,
                };
                string? answer = when.Answer switch
                {
                    FhirBoolean { Value: { } b } => b ? "true" : "false",
                    Coding { Code: { } code } => code,
                    Integer { Value: { } i } => i.ToString(CultureInfo.InvariantCulture),
                    Date { Value: { } d } when DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) => d,
                    FhirString { Value: { } s } when s.Length <= MaxTextLength && !Guard.HasControlCharacters(s) => s,
                    _ => null,
                };
                if (op is null || answer is null || !CheckIdentifier(when.Question, MaxLinkIdLength, conditionPath + ".question", "QuestionnaireFhir.EnableWhen.UnknownItem"))
                {
                    if (op is null || answer is null)
                    {
                        problems.Add(new(conditionPath, "QuestionnaireFhir.EnableWhen.Unsupported"));
                    }

                    continue;
                }

                conditions.Add(new EnableCondition(when.Question!, op.Value, answer));
            }

            var item = new QuestionItem(
                LinkId: fhir.LinkId ?? string.Empty,
                Type: type.Value,
                Text: text,
                Required: fhir.Required == true && type != QuestionItemType.Display,
                Options: options,
                MinValue: min,
                MaxValue: max,
                MinLabel: minLabel,
                MaxLabel: maxLabel,
                MaxLength: maxLength,
                EnableWhen: conditions,
                EnableWhenAny: fhir.EnableBehavior == FhirQuestionnaire.EnableWhenBehavior.Any,
                Items: children.Count > 0 ? ReadItems(children, path + ".item", depth + 1) : []);
            if (conditions.Count > 0)
            {
                _conditional.Add((path, item));
            }

            return item;
        }

        private int? IntegerExtension(FhirQuestionnaire.ItemComponent fhir, string url, string path)
        {
            var extension = fhir.Extension.FirstOrDefault(e => e.Url == url);
            return extension?.Value switch
            {
                null => null,
                Integer { Value: { } value } => value,
                _ => Invalid<int?>(path + ".extension", "QuestionnaireFhir.Range.Invalid"),
            };
        }

        private T? Invalid<T>(string path, string code)
        {
            problems.Add(new(path, code));
            return default;
        }

        /// <summary>enableWhen names an item that takes an answer, elsewhere in the questionnaire, with an answer of that item's type.</summary>
        private void CheckConditions(QuestionnaireDefinition definition)
        {
            foreach (var (path, item) in _conditional)
            {
                for (var n = 0; n < item.EnableWhen.Count; n++)
                {
                    var condition = item.EnableWhen[n];
                    var target = definition.Find(condition.Question);
                    if (target is null || !target.TakesAnswer || string.Equals(target.LinkId, item.LinkId, StringComparison.Ordinal))
                    {
                        problems.Add(new($"{path}.enableWhen[{n}].question", "QuestionnaireFhir.EnableWhen.UnknownItem"));
                        continue;
                    }

                    var fits = condition.Operator == EnableOperator.Exists
                        ? condition.Answer is "true" or "false"
                        : target.Type switch
                        {
                            QuestionItemType.Choice => target.Options.Any(o => o.Code == condition.Answer) && condition.Operator is EnableOperator.Equal or EnableOperator.NotEqual,
                            QuestionItemType.Scale or QuestionItemType.Number => int.TryParse(condition.Answer, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
                            QuestionItemType.Date => DateOnly.TryParseExact(condition.Answer, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
                            _ => true,
                        };
                    if (!fits)
                    {
                        problems.Add(new($"{path}.enableWhen[{n}].answer", "QuestionnaireFhir.EnableWhen.WrongAnswer"));
                    }
                }
            }
        }

        private ScoringRules ReadScoring(FhirQuestionnaire questionnaire, QuestionnaireDefinition definition)
        {
            var extension = questionnaire.Extension.FirstOrDefault(e => e.Url == ScoringRulesUrl);
            if (extension is null)
            {
                return ScoringRules.None;
            }

            ScoringRules? rules = null;
            try
            {
                rules = extension.Value is FhirString { Value: { } json } ? JsonSerializer.Deserialize<ScoringRules>(json, ScoringJson) : null;
            }
            catch (Exception ex) when (ex is JsonException or NotSupportedException or ArgumentException or InvalidOperationException)
            {
                rules = null;
            }

            const string path = "extension[questionnaire-scoring-rules]";
            if (rules?.Scales is null || rules.Scales.Count > MaxScales)
            {
                problems.Add(new(path, "QuestionnaireFhir.Scoring.Invalid"));
                return ScoringRules.None;
            }

            var keys = new HashSet<string>(StringComparer.Ordinal);
            for (var n = 0; n < rules.Scales.Count; n++)
            {
                var scale = rules.Scales[n];
                var here = $"{path}.scales[{n}]";
                if (scale is null || scale.Items is null || scale.Title is null || scale.Title.Texts is null)
                {
                    problems.Add(new(here, "QuestionnaireFhir.Scoring.Invalid"));
                    continue;
                }

                if (CheckIdentifier(scale.Key, MaxCodeLength, here + ".key", "QuestionnaireFhir.Scoring.Invalid") && !keys.Add(scale.Key))
                {
                    problems.Add(new(here + ".key", "QuestionnaireFhir.Scoring.Invalid"));
                }

                CheckTexts(scale.Title, here + ".title");
                foreach (var linkId in scale.Items.Concat(scale.Reversed ?? []))
                {
                    if (linkId is null || definition.Find(linkId) is not { Type: QuestionItemType.Choice or QuestionItemType.Scale or QuestionItemType.Number })
                    {
                        problems.Add(new(here + ".items", "QuestionnaireFhir.Scoring.UnknownItem"));
                        break;
                    }
                }

                if ((scale.Reversed ?? []).Any(r => !scale.Items.Contains(r, StringComparer.Ordinal)) || scale.Decimals is < 0 or > 4 || scale.Multiplier is <= 0 or > 1000
                    || scale.Missing is { MaxMissing: < 0 } || (scale.Missing?.MaxMissing ?? 0) > scale.Items.Count)
                {
                    problems.Add(new(here, "QuestionnaireFhir.Scoring.Invalid"));
                }

                for (var b = 0; b < (scale.Bands?.Count ?? 0); b++)
                {
                    var band = scale.Bands![b];
                    if (band?.Label?.Texts is null || band.Meaning?.Texts is null || band.From > band.To)
                    {
                        problems.Add(new($"{here}.bands[{b}]", "QuestionnaireFhir.Scoring.Invalid"));
                        continue;
                    }

                    CheckTexts(band.Label, $"{here}.bands[{b}].label");
                    CheckTexts(band.Meaning, $"{here}.bands[{b}].meaning");
                }

                if (scale.CutOff is { } cutOff)
                {
                    if (cutOff.Meaning?.Texts is null || !Enum.IsDefined(cutOff.Direction))
                    {
                        problems.Add(new(here + ".cutOff", "QuestionnaireFhir.Scoring.Invalid"));
                    }
                    else
                    {
                        CheckTexts(cutOff.Meaning, here + ".cutOff.meaning");
                    }
                }

                if (!Enum.IsDefined(scale.Method))
                {
                    problems.Add(new(here + ".method", "QuestionnaireFhir.Scoring.Invalid"));
                }
            }

            if (rules.Scales.Count(s => s?.Primary == true) > 1)
            {
                problems.Add(new(path, "QuestionnaireFhir.Scoring.Invalid"));
            }

            return rules;
        }

        private void CheckTexts(LocalizedText text, string path)
        {
            foreach (var (lang, value) in text.Texts)
            {
                if (!IsLanguageCode(lang) || value is null)
                {
                    problems.Add(new(path, "QuestionnaireFhir.Text.Invalid"));
                }
                else
                {
                    CheckText(value, path);
                }
            }
        }
    }
}
