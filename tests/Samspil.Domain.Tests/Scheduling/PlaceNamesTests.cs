using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Samspil.Domain.Meetings;
using Samspil.Domain.Meetings.Scheduling;

namespace Samspil.Domain.Tests.Scheduling;

/// <summary>Places the citizen avoids are matched as a person reads them (issue 17 point 4, R24).</summary>
public sealed class PlaceNamesTests
{
    [Theory]
    [InlineData("Jobcenter Vejle, Vestergade", "jobcenter vejle, vestergade")]
    [InlineData("Jobcenter Vejle, Vestergade", "  JOBCENTER   vejle vestergade. ")]
    [InlineData("Jobcenter Vejle, Vestergade", "Jobcenter-Vejle/Vestergade")]
    [InlineData("Psykiatrisk Afdeling, Aalborg", "psykiatrisk afdeling ålborg")]
    [InlineData("Politigården", "politigaarden")]
    [InlineData("Sygehus Sønderjylland", "sygehus soenderjylland")]
    [InlineData("Ærø Kommune", "aeroe kommune")]
    [InlineData("Café Vesterbro", "cafe vesterbro")]
    [InlineData("Jobcenter Vejle, Vestergade 3", "jobcenter vejle")]
    public void The_avoided_place_is_matched_regardless_of_case_spacing_punctuation_and_spelling(string location, string avoided) =>
        Assert.True(PlaceNames.Matches(location, avoided), $"'{avoided}' should match '{location}'");

    [Theory]
    [InlineData("Vejlevej 4", "Vejle")]
    [InlineData("Jobcenter Vejle", "Jobcenter Vejle, Vestergade")]
    [InlineData("Jobcenter Fredericia", "Jobcenter Vejle")]
    [InlineData("Jobcenter Vejle", "")]
    [InlineData("Jobcenter Vejle", " ,. ")]
    [InlineData("", "Jobcenter Vejle")]
    public void A_different_place_or_only_part_of_a_word_is_not_matched(string location, string avoided) =>
        Assert.False(PlaceNames.Matches(location, avoided), $"'{avoided}' should not match '{location}'");

    [Fact]
    public void The_scheduler_refuses_a_place_the_citizen_avoids_written_differently()
    {
        var request = new SchedulingRequest
        {
            From = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero),
            To = new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero),
            Duration = TimeSpan.FromHours(1),
            Format = MeetingFormat.InPerson,
            PlaceKey = "jobcenter vejle, vestergade",
            Participants = [new SchedulingParticipant { Key = "a", DisplayName = "A" }],
            Preferences = new CitizenPreferences { PlacesToAvoid = ["Jobcenter Vejle, Vestergade"] },
        };

        var result = MeetingScheduler.FindSlots(request);

        Assert.False(result.Found);
        Assert.Contains(result.Blockers, b => b.Kind == BlockerKind.PlaceAvoidedByCitizen);
        Assert.True(MeetingScheduler.FindSlots(request with { PlaceKey = "Traumeklinikken Vejle" }).Found);
    }

    private static readonly string[] Separators = [" ", "  ", ", ", ". ", " - ", "/", "\t", "\n"];

    /// <summary>Words of Danish letters and digits, written out with random case and separators.</summary>
    private static Gen<(string[] Words, string Written, string Rewritten)> Variants() =>
        from words in Gen.Elements("jobcenter", "vejle", "vestergade", "ålborg", "sønder", "ærø", "kommune", "3", "afdeling", "psykiatri", "politigården")
            .ArrayOf().Where(w => w.Length is > 0 and < 6)
        from caseFlips in Gen.Choose(0, 1).ArrayOf(40)
        from separators in Gen.Elements(Separators).ArrayOf(6)
        from danishSpelling in Gen.Elements(true, false)
        let written = string.Join(" ", words)
        let rewritten = Rewrite(words, caseFlips, separators, danishSpelling)
        select (words, written, rewritten);

    private static string Rewrite(string[] words, int[] flips, string[] separators, bool transliterate)
    {
        var text = string.Empty;
        for (var i = 0; i < words.Length; i++)
        {
            var word = transliterate ? words[i].Replace("å", "aa", StringComparison.Ordinal).Replace("æ", "ae", StringComparison.Ordinal).Replace("ø", "oe", StringComparison.Ordinal) : words[i];
            var flipped = new string(word.Select((c, j) => flips[(i + j) % flips.Length] == 1 ? char.ToUpperInvariant(c) : c).ToArray());
            text += (i == 0 ? separators[0].Trim() : separators[i % separators.Length]) + flipped;
        }

        return text + separators[^1];
    }

    [Property(MaxTest = 300)]
    public Property Any_rewriting_in_case_separators_and_danish_spelling_still_matches() =>
        Prop.ForAll(Variants().ToArbitrary(), v =>
            PlaceNames.Matches(v.Written, v.Rewritten) && PlaceNames.Matches(v.Rewritten, v.Written)
            && PlaceNames.Normalise(v.Written) == PlaceNames.Normalise(v.Rewritten));

    [Property(MaxTest = 300)]
    public bool Normalising_is_idempotent_and_leaves_only_lower_case_words(string? text)
    {
        var once = PlaceNames.Normalise(text);
        return once == PlaceNames.Normalise(once)
            && !once.StartsWith(' ') && !once.EndsWith(' ') && !once.Contains("  ", StringComparison.Ordinal)
            && once.All(c => c == ' ' || (char.IsLetterOrDigit(c) && char.ToLowerInvariant(c) == c));
    }

    [Property(MaxTest = 300)]
    public Property A_place_matches_itself_inside_a_longer_address() =>
        Prop.ForAll(Variants().ToArbitrary(), Variants().ToArbitrary(), (place, more) =>
            PlaceNames.Normalise(place.Written).Length == 0 || PlaceNames.Matches(place.Written + ", " + more.Rewritten, place.Rewritten));
}
