namespace Samspil.Features.Conversations;

/// <summary>The "language of the message" choice: the citizen's own language is preselected for them.</summary>
public sealed record LanguageSelectModel(string Id, string Name, string Selected)
{
    /// <summary>The languages the UI has names for (docs/glossary.md, R39), Danish first.</summary>
    public static readonly IReadOnlyList<string> Offered = ["da", "en", "ar", "fa", "ti", "so", "ku", "ps", "tr", "uk"];
}
