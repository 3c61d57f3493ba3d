using Samspil.Domain.Common;
using Samspil.Domain.Courses;
using Samspil.Domain.Work;
using Samspil.Infrastructure.Persistence;

namespace Samspil.Features.Work;

/// <summary>
/// Demo IPS tracks and income bases (issue 17, seeds 000 and 002 §5): Mariam's course tells the story (job wishes in her
/// own words, employer contacts, a work placement that becomes a job, kontanthjælp clarified at the joint meeting); the
/// steering group's refugee courses in Odense get job starts and clarifications so the dashboard has figures.
/// </summary>
internal static class WorkDemoData
{
    public static void SeedStory(SamspilDbContext db, Course course, Guid citizenId, Actor consultant, Actor caseworker, DateOnly today)
    {
        var start = course.StartDate;
        DateOnly Day(int offset) => Min(start.AddDays(offset), today);
        var track = IpsTrack.Start(course.Id, citizenId, consultant, On(Day(10)));
        track.Update(
            new IpsTrackContent(
                "Jeg vil gerne arbejde i et køkken igen, som jeg gjorde i Aleppo. Helst om formiddagen, hvor jeg har det bedst.",
                "Besøge tre storkøkkener i Varde sammen med IPS-konsulenten; cv på dansk og arabisk; øve samtalen med tolk.",
                "Ugentlig samtale med IPS-konsulenten de første tre måneder; konsulenten ringer til køkkenchefen hver 14. dag.",
                "Start på 10 timer ugentligt, kun formiddage; en fast kollega at spørge; må gå en pause, hvis uroen kommer."),
            consultant,
            On(Day(12)));
        track.AssignConsultant(consultant, consultant, On(Day(12)));
        db.IpsTracks.Add(track);
        db.EmployerContacts.Add(EmployerContact.Record(course.Id, citizenId, start, Day(20), "Varde Storkøkken (demo)", "Vil gerne mødes med Mariam", consultant, On(Day(20))));
        db.EmployerContacts.Add(EmployerContact.Record(course.Id, citizenId, start, Day(27), "Café Havnen (demo)", "Ingen ledige timer lige nu", consultant, On(Day(27))));
        db.EmployerContacts.Add(EmployerContact.Record(course.Id, citizenId, start, Day(34), "Varde Storkøkken (demo)", "Praktik aftalt, 10 timer ugentligt", consultant, On(Day(34))));
        db.JobStarts.Add(JobStart.Record(course.Id, citizenId, start, Day(41), "Varde Storkøkken (demo)", 10, JobStartKind.WorkPlacement, consultant, On(Day(41))));
        db.IncomeBasisEntries.Add(IncomeBasisEntry.Record(course.Id, citizenId, start, IncomeBasisKind.CashBenefit, Day(14), "Jobcenter Varde, sagsbehandler (fælles møde)", "Afklaret ved det fælles møde efter udredning.", caseworker, On(Day(14))));
    }

    /// <summary>
    /// A steering group course (k of the 22): most get their income basis clarified within weeks, every other one an IPS
    /// track held by the Odense consultant, and some an ordinary job after a few months.
    /// </summary>
    public static void SeedSteering(SamspilDbContext db, Course course, Guid citizenId, int k, Actor consultant, Actor caseworker, DateOnly today)
    {
        var start = course.StartDate;
        if (k % 3 != 2 && start.AddDays(6 + (3 * k)) <= today)
        {
            var basis = (k % 4) switch { 0 => IncomeBasisKind.CashBenefit, 1 => IncomeBasisKind.SicknessBenefit, 2 => IncomeBasisKind.ResourceCourse, _ => IncomeBasisKind.EducationBenefit };
            db.IncomeBasisEntries.Add(IncomeBasisEntry.Record(course.Id, citizenId, start, basis, start.AddDays(6 + (3 * k)), null, null, caseworker, On(start.AddDays(6 + (3 * k)))));
        }

        if (k % 2 == 1)
        {
            return;
        }

        var track = IpsTrack.Start(course.Id, citizenId, consultant, On(start.AddDays(7)));
        track.WriteJobWishes(k % 4 == 0 ? "Jeg vil gerne arbejde med at køre – bus eller varevogn." : "Noget med mine hænder, gerne udendørs.", consultant, On(start.AddDays(7)));
        track.AssignConsultant(consultant, consultant, On(start.AddDays(7)));
        db.IpsTracks.Add(track);
        var contact = start.AddDays(30 + k);
        if (contact <= today)
        {
            db.EmployerContacts.Add(EmployerContact.Record(course.Id, citizenId, start, contact, "Odense Logistik (demo)", "Samtale aftalt", consultant, On(contact)));
        }

        var job = start.AddDays(75 + (8 * k));
        if (job <= today)
        {
            db.JobStarts.Add(JobStart.Record(course.Id, citizenId, start, job, "Odense Logistik (demo)", 15 + k, JobStartKind.OrdinaryJob, consultant, On(job)));
        }
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static Moment On(DateOnly day) => new(new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero), day);
}
