using Samspil.Domain.Common;
using Samspil.Domain.Courses;
using Samspil.Domain.Deadlines;
using Samspil.Domain.Directory;
using Samspil.Domain.Frames;
using Samspil.Features.Frames;
using Samspil.Infrastructure.Persistence;

namespace Samspil.Features.Deadlines;

/// <summary>
/// Issue 17 point 8, kept apart from the demo cases (which are rewritten elsewhere): Preben (seed 003) is on sick leave with
/// sickness benefit; his job centre's first follow-up conversation runs from his first day of absence, 45 days ago, so it is
/// due in 11 days and inside its reminder window — the caseworker on his network gets the reminder.
/// </summary>
internal static class DeadlineDemoData
{
    public const int PrebenAbsenceDaysAgo = 45;

    public static void SeedPreben(SamspilDbContext db, Course course, Guid citizenId, Actor caseworker, Moment now)
    {
        var rule = FrameSeed.Frames().Single(f => f.Kind == OrganizationKind.JobCentre).Content.Deadlines!
            .Single(d => d!.Name == "Første opfølgningssamtale")!;
        db.CourseDeadlines.Add(CourseDeadline.Start(course.Id, citizenId, OrganizationKind.JobCentre, rule, now.Today.AddDays(-PrebenAbsenceDaysAgo), "Første fraværsdag efter blodproppen (demo).", caseworker, now));
    }
}
