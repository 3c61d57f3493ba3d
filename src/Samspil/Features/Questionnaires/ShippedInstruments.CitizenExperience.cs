using Samspil.Domain.Consents;
using Samspil.Domain.Questionnaires;

namespace Samspil.Features.Questionnaires;

public static partial class ShippedInstruments
{
    /// <summary>
    /// Samspil's own citizen-experience questionnaire (R35): NOT a validated instrument — Samspil wrote the items, so
    /// they ship in Danish, English, Arabic, Farsi and Ukrainian. Seven statements on a 1–5 agreement scale (plus "I
    /// don't know / does not apply", which scores nothing) about coherence (do the people around me know what the
    /// others do; do I have to repeat my story — reversed; do I know whom to call), clarity about work (do I know
    /// what is happening about my work or income; is there a plan for work) and being heard (do I feel heard; is
    /// what I want part of the plan), and one optional free-text question. Answers 1–5 score 0–4; each scale is the
    /// mean × 25, so 0–100 (comparable with WHO-5 on the dashboard; 50 is "neither agree nor disagree"). Each
    /// subscale is scored with one item missing, the total with two. The flag: coherence at or below 49, i.e. on
    /// average below neutral. Purpose CitizenExperience, read under the plan-and-goals consent category.
    /// </summary>
    public static ShippedInstrument CitizenExperience()
    {
        static LocalizedText T(string da, string en, string ar, string fa, string uk) =>
            new(new Dictionary<string, string>(StringComparer.Ordinal) { ["da"] = da, ["en"] = en, ["ar"] = ar, ["fa"] = fa, ["uk"] = uk });

        IReadOnlyList<AnswerOption> agreement =
        [
            new("1", T("Helt uenig", "Strongly disagree", "لا أوافق إطلاقًا", "کاملاً مخالفم", "Зовсім не погоджуюся"), 0),
            new("2", T("Uenig", "Disagree", "لا أوافق", "مخالفم", "Не погоджуюся"), 1),
            new("3", T("Hverken enig eller uenig", "Neither agree nor disagree", "لا أوافق ولا أعارض", "نه موافقم نه مخالف", "Ні так, ні ні"), 2),
            new("4", T("Enig", "Agree", "أوافق", "موافقم", "Погоджуюся"), 3),
            new("5", T("Helt enig", "Strongly agree", "أوافق تمامًا", "کاملاً موافقم", "Повністю погоджуюся"), 4),
            new("na", T("Ved ikke / passer ikke på mig", "Don't know / does not apply to me", "لا أعرف / لا ينطبق عليّ", "نمی‌دانم / به من مربوط نیست", "Не знаю / мене це не стосується"), null),
        ];
        QuestionItem Statement(string linkId, LocalizedText text) => new(linkId, QuestionItemType.Choice, text, Options: agreement);

        var low = T("Lav", "Low", "منخفض", "پایین", "Низький");
        var middle = T("Middel", "Medium", "متوسط", "متوسط", "Середній");
        var high = T("God", "Good", "جيد", "خوب", "Добрий");
        IReadOnlyList<ScoreBand> Bands(LocalizedText lowMeaning, LocalizedText middleMeaning, LocalizedText highMeaning) =>
        [
            new ScoreBand(0, 49, low, lowMeaning),
            new ScoreBand(50, 74, middle, middleMeaning),
            new ScoreBand(75, 100, high, highMeaning),
        ];

        var generalBands = Bands(
            T(
                "Svarene tyder på, at meget ikke fungerer for dig endnu. Sig det gerne til dem, du har kontakt med.",
                "Your answers suggest that a lot is not working for you yet. Please tell the people you are in contact with.",
                "تشير إجاباتك إلى أن أمورًا كثيرة لا تسير بشكل جيد بالنسبة لك بعد. أخبر من فضلك الأشخاص الذين تتواصل معهم.",
                "پاسخ‌های شما نشان می‌دهد که هنوز بسیاری از چیزها برای شما خوب پیش نمی‌رود. لطفاً این را به افرادی که با آن‌ها در تماس هستید بگویید.",
                "Ваші відповіді свідчать, що багато чого у вас поки що не складається. Будь ласка, скажіть про це людям, з якими ви контактуєте."),
            T(
                "Svarene tyder på, at noget fungerer, og noget ikke gør. Tal om, hvad der kan blive bedre.",
                "Your answers suggest that some things work and some do not. Talk about what could be better.",
                "تشير إجاباتك إلى أن بعض الأمور تسير بشكل جيد وبعضها لا. تحدّث عمّا يمكن تحسينه.",
                "پاسخ‌های شما نشان می‌دهد که برخی چیزها خوب پیش می‌رود و برخی نه. درباره آنچه می‌تواند بهتر شود صحبت کنید.",
                "Ваші відповіді свідчать, що щось виходить, а щось ні. Поговоріть про те, що можна покращити."),
            T(
                "Svarene tyder på, at det for det meste fungerer for dig.",
                "Your answers suggest that things are mostly working for you.",
                "تشير إجاباتك إلى أن الأمور تسير بشكل جيد معك في الغالب.",
                "پاسخ‌های شما نشان می‌دهد که کارها بیشتر وقت‌ها برای شما خوب پیش می‌رود.",
                "Ваші відповіді свідчать, що здебільшого у вас усе складається добре."));

        var definition = new QuestionnaireDefinition(
            Title: T("Din oplevelse af forløbet", "Your experience of your course", "تجربتك مع مسار المساعدة", "تجربه شما از روند کمک", "Ваш досвід супроводу"),
            Description: T(
                "Hvor enig er du i udsagnene? Tænk på de sidste par måneder. Der er ingen rigtige eller forkerte svar, og du kan springe et spørgsmål over.",
                "How much do you agree with each statement? Think of the last few months. There are no right or wrong answers, and you may skip a question.",
                "إلى أي مدى توافق على كل عبارة؟ فكّر في الأشهر القليلة الماضية. لا توجد إجابات صحيحة أو خاطئة، ويمكنك تخطي أي سؤال.",
                "چقدر با هر جمله موافق هستید؟ به چند ماه گذشته فکر کنید. پاسخ درست یا غلط وجود ندارد و می‌توانید از هر سؤالی بگذرید.",
                "Наскільки ви згодні з кожним твердженням? Подумайте про останні кілька місяців. Правильних чи неправильних відповідей немає, і ви можете пропустити запитання."),
            Languages: ["da", "en", "ar", "fa", "uk"],
            Items:
            [
                Statement("coherence-know", T(
                    "De fagfolk, jeg har kontakt med, ved, hvad de andre gør.",
                    "The professionals I am in contact with know what the others are doing.",
                    "المختصون الذين أتعامل معهم يعرفون ما يفعله الآخرون.",
                    "متخصصانی که با آن‌ها در تماس هستم می‌دانند دیگران چه می‌کنند.",
                    "Фахівці, з якими я контактую, знають, що роблять інші.")),
                Statement("coherence-repeat", T(
                    "Jeg skal fortælle min historie forfra, hver gang jeg møder en ny.",
                    "I have to tell my story again every time I meet someone new.",
                    "عليّ أن أروي قصتي من جديد في كل مرة ألتقي فيها بشخص جديد.",
                    "هر بار که با فرد تازه‌ای روبه‌رو می‌شوم، باید داستانم را از نو تعریف کنم.",
                    "Мені доводиться заново розповідати свою історію щоразу, коли я зустрічаю нову людину.")),
                Statement("coherence-call", T(
                    "Jeg ved, hvem jeg skal ringe til, når jeg har brug for hjælp.",
                    "I know whom to call when I need help.",
                    "أعرف بمن أتصل عندما أحتاج إلى المساعدة.",
                    "می‌دانم وقتی به کمک نیاز دارم با چه کسی تماس بگیرم.",
                    "Я знаю, кому телефонувати, коли мені потрібна допомога.")),
                Statement("work-know", T(
                    "Jeg ved, hvad der sker med mit arbejde, min uddannelse eller min forsørgelse.",
                    "I know what is happening about my work, education or income.",
                    "أعرف ما يحدث بشأن عملي أو تعليمي أو دخلي.",
                    "می‌دانم در مورد کار، تحصیل یا درآمدم چه اتفاقی می‌افتد.",
                    "Я знаю, що відбувається з моєю роботою, навчанням або доходом.")),
                Statement("work-plan", T(
                    "Der er en plan for, hvordan jeg kommer i arbejde eller uddannelse.",
                    "There is a plan for how I get into work or education.",
                    "هناك خطة لكيفية حصولي على عمل أو تعليم.",
                    "برنامه‌ای برای اینکه چطور به کار یا تحصیل برسم وجود دارد.",
                    "Є план, як мені почати працювати або навчатися.")),
                Statement("heard-felt", T(
                    "Jeg føler mig hørt af de fagfolk, jeg har kontakt med.",
                    "I feel heard by the professionals I am in contact with.",
                    "أشعر بأن المختصين الذين أتعامل معهم يستمعون إليّ.",
                    "احساس می‌کنم متخصصانی که با آن‌ها در تماس هستم به حرفم گوش می‌دهند.",
                    "Я відчуваю, що фахівці, з якими я контактую, мене чують.")),
                Statement("heard-plan", T(
                    "Det, jeg selv ønsker, er en del af min plan.",
                    "What I want myself is part of my plan.",
                    "ما أريده أنا جزء من خطتي.",
                    "آنچه خودم می‌خواهم بخشی از برنامه‌ام است.",
                    "Мої власні бажання є частиною мого плану.")),
                new QuestionItem("comment", QuestionItemType.Text, T(
                    "Er der noget, du vil fortælle os om dit forløb? (frivilligt)",
                    "Is there anything you would like to tell us about your course? (optional)",
                    "هل هناك شيء تود أن تخبرنا به عن مسارك؟ (اختياري)",
                    "آیا چیزی هست که بخواهید درباره روند کمک به خودتان به ما بگویید؟ (اختیاری)",
                    "Чи є щось, що ви хотіли б розповісти нам про свій супровід? (необов'язково)"), MaxLength: 2000),
            ],
            Scoring: new ScoringRules(
            [
                new ScaleRule(
                    Key: "total",
                    Title: T("Oplevelse i alt (0–100)", "Overall experience (0–100)", "التجربة بشكل عام (0–100)", "تجربه در مجموع (۰–۱۰۰)", "Загальний досвід (0–100)"),
                    Items: ["coherence-know", "coherence-repeat", "coherence-call", "work-know", "work-plan", "heard-felt", "heard-plan"],
                    Method: ScoreMethod.Mean,
                    Multiplier: 25,
                    Reversed: ["coherence-repeat"],
                    Missing: new MissingRule(2, Prorate: false),
                    Bands: generalBands,
                    Primary: true),
                new ScaleRule(
                    Key: "coherence",
                    Title: T("Sammenhæng (0–100)", "Coherence (0–100)", "الترابط (0–100)", "انسجام (۰–۱۰۰)", "Узгодженість (0–100)"),
                    Items: ["coherence-know", "coherence-repeat", "coherence-call"],
                    Method: ScoreMethod.Mean,
                    Multiplier: 25,
                    Reversed: ["coherence-repeat"],
                    Missing: new MissingRule(1, Prorate: false),
                    Bands: Bands(
                        T(
                            "Svarene tyder på, at hjælpen ikke hænger sammen for dig. Sig det gerne, så de kan tale sammen.",
                            "Your answers suggest that the help does not hang together for you. Please say so, so they can talk to each other.",
                            "تشير إجاباتك إلى أن المساعدة لا تبدو مترابطة بالنسبة لك. قل ذلك من فضلك حتى يتمكنوا من التحدث مع بعضهم.",
                            "پاسخ‌های شما نشان می‌دهد که کمک‌ها برای شما به هم پیوسته نیست. لطفاً این را بگویید تا آن‌ها با هم صحبت کنند.",
                            "Ваші відповіді свідчать, що допомога для вас не складається в одне ціле. Скажіть про це, щоб фахівці могли порозумітися між собою."),
                        generalBands[1].Meaning,
                        generalBands[2].Meaning),
                    CutOff: new CutOff(49, CutOffDirection.AtOrBelow, T(
                        "49 eller derunder: borgeren oplever i gennemsnit ikke sammenhæng i hjælpen. Tal om det i netværket.",
                        "49 or below: on average the citizen does not experience the help as coherent. Talk about it in the network.",
                        "49 أو أقل: في المتوسط لا يشعر المواطن بترابط المساعدة. ناقشوا ذلك في الشبكة.",
                        "۴۹ یا کمتر: شهروند به طور میانگین کمک‌ها را به هم پیوسته تجربه نمی‌کند. در شبکه درباره آن صحبت کنید.",
                        "49 або менше: у середньому громадянин не відчуває узгодженості допомоги. Обговоріть це в мережі."))),
                new ScaleRule(
                    Key: "work",
                    Title: T("Klarhed om arbejde (0–100)", "Clarity about work (0–100)", "الوضوح بشأن العمل (0–100)", "روشنی درباره کار (۰–۱۰۰)", "Ясність щодо роботи (0–100)"),
                    Items: ["work-know", "work-plan"],
                    Method: ScoreMethod.Mean,
                    Multiplier: 25,
                    Missing: new MissingRule(1, Prorate: false),
                    Bands: generalBands),
                new ScaleRule(
                    Key: "heard",
                    Title: T("At blive hørt (0–100)", "Being heard (0–100)", "أن يُستمع إليك (0–100)", "شنیده شدن (۰–۱۰۰)", "Чи вас чують (0–100)"),
                    Items: ["heard-felt", "heard-plan"],
                    Method: ScoreMethod.Mean,
                    Multiplier: 25,
                    Missing: new MissingRule(1, Prorate: false),
                    Bands: generalBands),
            ]),
            Copyright: "Samspil's own items (not a validated instrument). Free to use.");
        return new ShippedInstrument("samspil-experience", 1, InstrumentPurpose.CitizenExperience, InformationCategory.PlanAndGoals, definition);
    }
}
