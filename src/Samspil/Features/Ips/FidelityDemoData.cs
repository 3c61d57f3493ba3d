using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Common;
using Samspil.Domain.Questionnaires;
using Samspil.Features.Questionnaires;
using Samspil.Infrastructure.Persistence;

namespace Samspil.Features.Ips;

/// <summary>
/// The demo IPS team: Jobcenter Odense (where the demo IPS consultant works) with three fidelity reviews over two
/// years that show the team improving, from below the IPS threshold (70) through fair (91) to good fidelity (109).
/// </summary>
internal static class FidelityDemoData
{
    /// <summary>The ratings of the 25 items, in the scale's order, for each review (oldest first), and how many days ago it was.</summary>
    private static readonly (int DaysAgo, string Reviewers, int[] Ratings)[] Reviews =
    [
        (700, "Karen Demo-Holm (IPS-fidelityreviewer, Region Syddanmark), Bo Demo-Pallesen", [3, 3, 2, 3, 2, 2, 3, 3, 4, 3, 2, 2, 3, 3, 3, 3, 2, 2, 3, 3, 4, 3, 3, 3, 3]),
        (350, "Karen Demo-Holm (IPS-fidelityreviewer, Region Syddanmark), Jens Demo-Ravn (ekstern reviewer)", [4, 4, 3, 4, 3, 3, 4, 4, 4, 4, 3, 3, 3, 4, 4, 4, 3, 3, 4, 4, 5, 4, 4, 3, 3]),
        (20, "Karen Demo-Holm (IPS-fidelityreviewer, Region Syddanmark), Jens Demo-Ravn (ekstern reviewer)", [5, 5, 4, 5, 4, 4, 4, 4, 5, 5, 4, 4, 4, 4, 5, 5, 4, 4, 4, 4, 5, 4, 5, 4, 4]),
    ];

    public static async Task SeedAsync(SamspilDbContext db, Guid teamId, Actor recordedBy, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var instrument = await db.Instruments.Where(i => i.Key == ShippedInstruments.IpsFidelityKey).OrderByDescending(i => i.Version).FirstOrDefaultAsync(cancellationToken);
        if (instrument is null)
        {
            return;
        }

        var linkIds = instrument.Definition.AllItems().Where(i => i.Type == QuestionItemType.Scale).Select(i => i.LinkId).ToList();
        foreach (var (daysAgo, reviewers, ratings) in Reviews)
        {
            var answers = linkIds.Zip(ratings, (linkId, rating) => new QuestionnaireAnswer(linkId, Number: rating)).ToList();
            db.FidelityReviews.Add(FidelityReview.Record(instrument, teamId, today.AddDays(-daysAgo), reviewers, answers, recordedBy, now.AddDays(-daysAgo)));
        }
    }
}
