using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Audit;
using Samspil.Domain.Common;
using Samspil.Domain.Consents;
using Samspil.Domain.Plans;
using Samspil.Features.Access;
using Samspil.Features.Network;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Plans;

/// <summary>
/// Use cases for the shared plan, shared by the API and the pages. Reads and changes go through
/// <see cref="CitizenDataAccess"/> in the category "plan og mål"; every change is a new version of
/// the plan and must name the version it was made against (ETag / If-Match, or the form's hidden field).
/// </summary>
public sealed class PlanService(
    SamspilDbContext db,
    CitizenDataAccess access,
    TimeProvider time,
    IStringLocalizer<SharedResource> localizer)
{
    private const InformationCategory Category = InformationCategory.PlanAndGoals;


    public async Task<PlanView?> GetAsync(Guid courseId, CancellationToken cancellationToken)
    {
        var record = await access.ReadPlanAsync(courseId, cancellationToken);
        return record is null ? null : await ToViewAsync(record, cancellationToken);
    }

    /// <summary>Creates the (empty) plan of a course. A course has one plan; a second is refused.</summary>
    public Task<PlanView?> CreateAsync(Guid courseId, CancellationToken cancellationToken) =>
        ChangeAsync(courseId, 0, PlanEditors.Staff, apply: null, cancellationToken);

    public Task<PlanView?> SetCitizenPartAsync(Guid courseId, int? version, CitizenPartRequest request, CancellationToken cancellationToken) =>
        ChangeAsync(courseId, version, PlanEditors.Anyone, (plan, change) =>
        {
            var author = change.Editor switch
            {
                PlanEditor.Citizen => CitizenPartAuthor.Citizen,
                PlanEditor.Proxy => CitizenPartAuthor.Proxy,
                _ => CitizenPartAuthor.Professional,
            };
            plan.SetCitizenPart(request.Statement, request.Language, request.Problems, author, access.User.AsActor(), change.Now);
            return "CitizenPart.Changed";
        }, cancellationToken);

    public Task<PlanView?> AddChallengeAsync(Guid courseId, int? version, ChallengeRequest request, CancellationToken cancellationToken) =>
        ChangeAsync(courseId, version, PlanEditors.Staff, (plan, change) =>
        {
            plan.AddChallenge(request.Area ?? throw new DomainException("Plan.Challenge.Area.Required", "area"), request.Text, change.Now);
            return "Challenge.Added";
        }, cancellationToken);

    public Task<PlanView?> UpdateChallengeAsync(Guid courseId, Guid challengeId, int? version, ChallengeRequest request, CancellationToken cancellationToken) =>
        ChangeAsync(courseId, version, PlanEditors.Staff, (plan, change) =>
        {
            plan.UpdateChallenge(challengeId, request.Area ?? throw new DomainException("Plan.Challenge.Area.Required", "area"), request.Text);
            return "Challenge.Changed";
        }, cancellationToken);

    public Task<PlanView?> RemoveChallengeAsync(Guid courseId, Guid challengeId, int? version, CancellationToken cancellationToken) =>
        ChangeAsync(courseId, version, PlanEditors.Staff, (plan, change) =>
        {
            plan.RemoveChallenge(challengeId);
            return "Challenge.Removed";
        }, cancellationToken);

    public Task<PlanView?> AddGoalAsync(Guid courseId, int? version, CreateGoalRequest request, CancellationToken cancellationToken) =>
        ChangeAsync(courseId, version, PlanEditors.Staff, (plan, change) =>
        {
            plan.AddGoal(request.Title, request.CitizenWish, request.SubGoals, change.Now);
            return "Goal.Added";
        }, cancellationToken);

    public Task<PlanView?> UpdateGoalAsync(Guid courseId, Guid goalId, int? version, UpdateGoalRequest request, CancellationToken cancellationToken) =>
        ChangeAsync(courseId, version, PlanEditors.Staff, (plan, change) =>
        {
            plan.UpdateGoal(goalId, request.Title, request.CitizenWish, request.Status ?? throw new DomainException("Plan.Goal.Status.Required", "status"));
            return "Goal.Changed";
        }, cancellationToken);

    public Task<PlanView?> MoveGoalAsync(Guid courseId, Guid goalId, int? version, MoveGoalRequest request, CancellationToken cancellationToken) =>
        ChangeAsync(courseId, version, PlanEditors.Staff, (plan, change) =>
        {
            plan.MoveGoal(goalId, request.Position ?? throw new DomainException("Plan.Goal.PositionInvalid", "position"));
            return "Goal.Moved";
        }, cancellationToken);

    public Task<PlanView?> AddSubGoalAsync(Guid courseId, Guid goalId, int? version, SubGoalRequest request, CancellationToken cancellationToken) =>
        ChangeAsync(courseId, version, PlanEditors.Staff, (plan, change) =>
        {
            plan.AddSubGoal(goalId, request.Text, change.Now);
            return "SubGoal.Added";
        }, cancellationToken);

    public Task<PlanView?> UpdateSubGoalAsync(Guid courseId, Guid goalId, Guid subGoalId, int? version, SubGoalRequest request, CancellationToken cancellationToken) =>
        ChangeAsync(courseId, version, PlanEditors.Staff, (plan, change) =>
        {
            plan.UpdateSubGoal(goalId, subGoalId, request.Text, request.Done);
            return "SubGoal.Changed";
        }, cancellationToken);

    public Task<PlanView?> RemoveSubGoalAsync(Guid courseId, Guid goalId, Guid subGoalId, int? version, CancellationToken cancellationToken) =>
        ChangeAsync(courseId, version, PlanEditors.Staff, (plan, change) =>
        {
            plan.RemoveSubGoal(goalId, subGoalId);
            return "SubGoal.Removed";
        }, cancellationToken);

    public Task<PlanView?> ReorderSubGoalsAsync(Guid courseId, Guid goalId, int? version, ReorderSubGoalsRequest request, CancellationToken cancellationToken) =>
        ChangeAsync(courseId, version, PlanEditors.Staff, (plan, change) =>
        {
            plan.ReorderSubGoals(goalId, request.Order);
            return "SubGoal.Reordered";
        }, cancellationToken);

    public async Task<PlanView?> AddActionAsync(Guid courseId, int? version, ActionRequest request, CancellationToken cancellationToken)
    {
        await EnsureActiveOfferingAsync(request.OfferingId, cancellationToken);
        return await ChangeAsync(courseId, version, PlanEditors.Staff, (plan, change) =>
        {
            plan.AddAction(request.GoalId, request.Text, new ActionOwner(request.OwnerMemberId, request.OwnerIsCitizen), request.DueDate, change.ActiveMembers, change.Now, request.OfferingId, new ActionVolume(request.HoursPerWeek, request.PeriodFrom, request.PeriodTo));
            return "Action.Added";
        }, cancellationToken);
    }

    public async Task<PlanView?> UpdateActionAsync(Guid courseId, Guid actionId, int? version, ActionRequest request, CancellationToken cancellationToken)
    {
        await EnsureActiveOfferingAsync(request.OfferingId, cancellationToken);
        return await ChangeAsync(courseId, version, PlanEditors.Staff, (plan, change) =>
        {
            plan.UpdateAction(actionId, request.GoalId, request.Text, new ActionOwner(request.OwnerMemberId, request.OwnerIsCitizen), request.DueDate, change.ActiveMembers, request.OfferingId, new ActionVolume(request.HoursPerWeek, request.PeriodFrom, request.PeriodTo));
            return "Action.Changed";
        }, cancellationToken);
    }

    /// <summary>An action may link only an offering that exists and is active (400 otherwise); offerings are public, so this reveals nothing.</summary>
    private async Task EnsureActiveOfferingAsync(Guid? offeringId, CancellationToken cancellationToken)
    {
        if (offeringId is { } id && !await db.Offerings.AnyAsync(o => o.Id == id && o.Status == Samspil.Domain.Offerings.OfferingStatus.Active, cancellationToken))
        {
            throw new DomainException("Plan.Action.Offering.Unknown", "offeringId");
        }
    }

    /// <summary>Staff move any action; the citizen and proxy only the citizen's own actions.</summary>
    public Task<PlanView?> SetActionStatusAsync(Guid courseId, Guid actionId, int? version, ActionStatusRequest request, CancellationToken cancellationToken) =>
        ChangeAsync(courseId, version, PlanEditors.Anyone, (plan, change) =>
        {
            if (change.Editor != PlanEditor.Staff && !plan.FindAction(actionId).OwnerIsCitizen)
            {
                throw new DomainException("Plan.Change.Forbidden");
            }

            var status = request.Status ?? throw new DomainException("Plan.Action.Status.Required", "status");
            plan.SetActionStatus(actionId, status, request.BlockedReason, change.Now, request.PausedReason, request.ResumeOn);
            return "Action.Status." + status;
        }, cancellationToken);

    public Task<PlanView?> AddReviewAsync(Guid courseId, int? version, ReviewRequest request, CancellationToken cancellationToken) =>
        ChangeAsync(courseId, version, PlanEditors.Staff, (plan, change) =>
        {
            var ratings = (request.Ratings ?? []).Select(r => (r.GoalId, r.Score)).ToList();
            plan.AddReview(request.Date, request.WhatWorked, request.WhatChanges, request.Participants, ratings, RatingSource.Professional, access.User.AsActor(), change.Now);
            return "Review.Added";
        }, cancellationToken);

    /// <summary>The citizen's own rating of a goal; a professional may write down the rating the citizen gives.</summary>
    public Task<PlanView?> RateGoalAsync(Guid courseId, Guid goalId, int? version, RateGoalRequest request, CancellationToken cancellationToken) =>
        ChangeAsync(courseId, version, PlanEditors.Anyone, (plan, change) =>
        {
            var source = change.Editor switch
            {
                PlanEditor.Citizen => RatingSource.Citizen,
                PlanEditor.Proxy => RatingSource.Proxy,
                _ => RatingSource.Professional,
            };
            plan.RateGoal(goalId, request.Score ?? throw new DomainException("Plan.Rating.ScoreInvalid", "score"), request.Date ?? change.Now.Today, source, change.Now);
            return "Goal.Rated";
        }, cancellationToken);

    /// <summary>"Mine opgaver": the user's open actions across the plans they may read, overdue first, then by due date.</summary>
    public async Task<IReadOnlyList<MyTaskView>> MyTasksAsync(CancellationToken cancellationToken)
    {
        var today = CopenhagenTime.Today(time);
        var tasks = new List<MyTaskView>();
        foreach (var (record, mine) in await access.PlansWithMyOpenActionsAsync(cancellationToken))
        {
            var view = await ToViewAsync(record, cancellationToken);
            tasks.AddRange(view.Actions
                .Where(a => a.IsOpen && a.Owner.MemberId is { } owner && mine.Contains(owner))
                .Select(a => new MyTaskView(view.CourseId, view.CitizenName, a, view.Version)));
        }

        return tasks
            .OrderByDescending(t => t.Action.DueDate < today)
            .ThenBy(t => t.Action.DueDate)
            .ThenBy(t => t.CitizenName, StringComparer.CurrentCulture)
            .ToList();
    }

    public async Task<PlanHistoryView?> HistoryAsync(Guid courseId, CancellationToken cancellationToken)
    {
        var record = await access.ReadPlanAsync(courseId, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var visible = new List<PlanVersionSummary>();
        foreach (var v in await access.PlanHistoryAsync(record, cancellationToken))
        {
            if (await VisibleAsync(record, v.At, cancellationToken))
            {
                visible.Add(new PlanVersionSummary(v.Version, v.At, v.ByName, localizer.Message("PlanChange." + v.Change)));
            }
        }

        return new PlanHistoryView(courseId, record.Course.Citizen.FullName, record.Plan?.Version ?? 0, visible);
    }

    /// <summary>What changed from one version to another (either order; the older is "before").</summary>
    public async Task<PlanDiffView?> DiffAsync(Guid courseId, int from, int to, CancellationToken cancellationToken)
    {
        var record = await access.ReadPlanAsync(courseId, cancellationToken);
        if (record?.Plan is null)
        {
            return null;
        }

        (from, to) = from <= to ? (from, to) : (to, from);
        var versions = await access.PlanVersionsAsync(record, [from, to], cancellationToken);
        var older = versions.SingleOrDefault(v => v.Version == from);
        var newer = versions.SingleOrDefault(v => v.Version == to);
        if (older is null || newer is null || !await VisibleAsync(record, older.At, cancellationToken))
        {
            throw new DomainException("Plan.Version.NotFound", "from");
        }

        var before = await WithoutHiddenRecordsAsync(record, older.Read(), cancellationToken);
        var after = await WithoutHiddenRecordsAsync(record, newer.Read(), cancellationToken);
        var owners = (await OwnersAsync(record, cancellationToken)).ToDictionary(o => o.MemberId?.ToString() ?? "citizen", o => o.Name);
        var goals = before.Goals.Concat(after.Goals).GroupBy(g => g.Id.ToString()).ToDictionary(g => g.Key, g => g.Last().Title);
        return new PlanDiffView(from, to, PlanDiff.Between(before, after).Select(c => Present(c, owners, goals)).ToList());
    }

    /// <summary>
    /// Runs one change: finds the plan for change (404 when not permitted), checks who may make the
    /// change and that it was made against the current version, applies it, stores the new version
    /// and the access-log entry together. A plan is created on its first change; without
    /// <paramref name="apply"/> the call only creates it (and refuses when it exists).
    /// </summary>
    private async Task<PlanView?> ChangeAsync(Guid courseId, int? expectedVersion, PlanEditors allowed, Func<CarePlan, ChangeContext, string>? apply, CancellationToken cancellationToken)
    {
        // If-Match: * means "whatever is current": a change that got in first is no conflict for this caller,
        // so the change is made again on the version now current (the failed attempt was rolled back and
        // the change tracker cleared). A short random pause keeps concurrent writers from colliding again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ChangeOnceAsync(courseId, expectedVersion, allowed, apply, cancellationToken);
            }
            catch (PlanVersionConflictException) when (expectedVersion is null && apply is not null && attempt < MaxAttemptsForAnyVersion)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 + (20 * attempt))), cancellationToken);
            }
        }
    }

    /// <summary>How often a change with If-Match: * is tried before it answers 412 (only under extreme contention).</summary>
    private const int MaxAttemptsForAnyVersion = 20;

    private async Task<PlanView?> ChangeOnceAsync(Guid courseId, int? expectedVersion, PlanEditors allowed, Func<CarePlan, ChangeContext, string>? apply, CancellationToken cancellationToken)
    {
        var found = await access.FindPlanForChangeAsync(courseId, cancellationToken);
        if (found is null)
        {
            return null;
        }

        var ((course, existing), editor) = found.Value;
        if (allowed == PlanEditors.Staff && editor != PlanEditor.Staff)
        {
            throw new DomainException("Plan.Change.Forbidden");
        }

        var now = CopenhagenTime.Now(time);
        if (course.Course.IsEnded(now.Today))
        {
            throw new DomainException("Course.Ended");
        }

        var actor = access.User.AsActor();
        var plan = existing;
        if (plan is null)
        {
            if (expectedVersion is { } expected && expected != 0)
            {
                throw new PlanVersionConflictException(expected, 0);
            }

            (plan, var first) = CarePlan.Create(courseId, course.Citizen.Id, actor, now);
            db.CarePlans.Add(plan);
            db.PlanVersions.Add(first);
            access.Log.Record(course.Citizen.Id, Category, AccessAction.Create, "CarePlan", plan.Id, course.Decision);
            if (apply is null)
            {
                await CommitAsync(expectedVersion, cancellationToken);
                return await GetAsync(courseId, cancellationToken);
            }
        }
        else
        {
            if (apply is null)
            {
                throw new DomainException("Plan.AlreadyExists");
            }

            plan.EnsureVersion(expectedVersion);
        }

        var changeCode = apply(plan, new ChangeContext(editor, now, course.Course.ActiveMemberIds(now.Today)));
        db.PlanVersions.Add(plan.Record(actor, now, changeCode));
        access.Log.Record(course.Citizen.Id, Category, AccessAction.Update, "CarePlan", plan.Id, course.Decision);
        await CommitAsync(expectedVersion, cancellationToken);
        return await GetAsync(courseId, cancellationToken);
    }

    /// <summary>Saves; a concurrent change that got there first (same version, or the same course's first plan) is a version conflict.</summary>
    private async Task CommitAsync(int? expectedVersion, CancellationToken cancellationToken)
    {
        try
        {
            await access.Log.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || ex.Entries.Any(e => e.Entity is CarePlan or PlanVersion))
        {
            db.ChangeTracker.Clear();
            throw new PlanVersionConflictException(expectedVersion ?? 0, -1);
        }
    }

    /// <summary>The offerings the plan's actions link to, with their open state now.</summary>
    private async Task<Dictionary<Guid, ActionOfferingView>> ActionOfferingsAsync(CarePlan? plan, CancellationToken cancellationToken)
    {
        var ids = (plan?.Actions ?? []).Where(a => a.OfferingId is not null).Select(a => a.OfferingId!.Value).Distinct().ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        var now = time.GetUtcNow();
        var linked = await db.Offerings.AsNoTracking().AsSplitQuery().Where(o => ids.Contains(o.Id)).ToListAsync(cancellationToken);
        return linked.ToDictionary(o => o.Id, o =>
        {
            var active = o.Status == Samspil.Domain.Offerings.OfferingStatus.Active;
            var state = Samspil.Features.Offerings.OfferingSearchHours.StateAt(o.Hours, now);
            return new ActionOfferingView(o.Id, o.Name, active, active && state.OpenNow, active ? state.OpenUntil : null);
        });
    }

    private async Task<PlanView> ToViewAsync(PlanRecord record, CancellationToken cancellationToken)
    {
        var (course, citizen, decision) = record.Course;
        var plan = record.Plan;
        var today = CopenhagenTime.Today(time);
        var owners = await OwnersAsync(record, cancellationToken);
        var ownerById = owners.Where(o => o.MemberId is not null).ToDictionary(o => o.MemberId!.Value);
        var citizenOwner = owners.Single(o => o.IsCitizen);

        var ratings = new List<RatingView>();
        var reviews = new List<ReviewView>();
        if (plan is not null)
        {
            foreach (var r in plan.Ratings.OrderBy(r => r.Date).ThenBy(r => r.RecordedAt))
            {
                if (await VisibleAsync(record, r.Date, cancellationToken))
                {
                    ratings.Add(new RatingView(r.Id, r.GoalId, r.Date, r.Score, r.Source));
                }
            }

            foreach (var r in plan.Reviews.OrderByDescending(r => r.Date).ThenByDescending(r => r.RecordedAt))
            {
                if (await VisibleAsync(record, r.Date, cancellationToken))
                {
                    reviews.Add(new ReviewView(r.Id, r.Date, r.WhatWorked, r.WhatChanges, r.Participants, r.RecordedByName, ratings.Where(x => plan.Ratings.Any(p => p.Id == x.Id && p.ReviewId == r.Id)).ToList()));
                }
            }
        }

        var goals = (plan?.OrderedGoals ?? []).Select((g, i) =>
        {
            var goalRatings = ratings.Where(r => r.GoalId == g.Id).ToList();
            return new GoalView(
                g.Id, i + 1, g.Title, g.CitizenWish, g.Status,
                g.OrderedSubGoals.Select((s, j) => new SubGoalView(s.Id, j + 1, s.Text, s.Done)).ToList(),
                CarePlan.Progress(g),
                goalRatings,
                goalRatings.LastOrDefault()?.Score);
        }).ToList();
        var goalTitles = goals.ToDictionary(g => g.Id, g => g.Title);
        var offerings = await ActionOfferingsAsync(plan, cancellationToken);
        var actions = (plan?.Actions ?? [])
            .OrderByDescending(a => a.IsOpen)
            .ThenBy(a => a.DueDate)
            .ThenBy(a => a.CreatedAt)
            .Select(a => new ActionView(
                a.Id, a.GoalId, a.GoalId is { } gid ? goalTitles.GetValueOrDefault(gid) : null, a.Text,
                a.OwnerIsCitizen ? citizenOwner : ownerById.GetValueOrDefault(a.OwnerMemberId!.Value) ?? citizenOwner with { IsCitizen = false, MemberId = a.OwnerMemberId, Name = "?" },
                a.DueDate, a.Status, a.BlockedReason, a.IsOpen, a.IsOverdue(today), a.CompletedAt, a.OfferingId is { } oid ? offerings.GetValueOrDefault(oid) : null,
                a.HoursPerWeek, a.PeriodFrom, a.PeriodTo, a.PausedReason, a.ResumeOn))
            .ToList();
        var weeklyLoad = LoadOf(actions, today);

        var open = !course.IsEnded(today);
        var staff = open && decision.BasisKind is not (AccessBasisKind.Self or AccessBasisKind.Proxy) && await access.MayChangeAsync(record.Course, cancellationToken);
        var self = open && decision.BasisKind is AccessBasisKind.Self or AccessBasisKind.Proxy;
        return new PlanView(
            course.Id,
            plan?.Id,
            plan?.Version ?? 0,
            citizen.Id,
            citizen.FullName,
            course.IsDemo,
            plan?.UpdatedAt,
            plan?.UpdatedByName,
            new CitizenPartView(plan?.CitizenStatement, plan?.CitizenLanguage, plan?.CitizenPartAuthor, plan?.CitizenPartWrittenByName, plan?.OrderedProblems.Select(p => p.Text).ToList() ?? []),
            plan?.Challenges.OrderBy(c => c.Area).ThenBy(c => c.Id).Select(c => new ChallengeView(c.Id, c.Area, c.Text)).ToList() ?? [],
            goals,
            actions,
            reviews,
            owners.Where(o => o.IsCitizen || o.ActiveInNetwork).ToList(),
            new PlanPermissions(staff, staff || self, staff || self),
            weeklyLoad);
    }

    /// <summary>The citizen's load this week and the next seven, per sector of the action's owner (issue 17).</summary>
    private static List<WeekLoadView> LoadOf(IEnumerable<ActionView> actions, DateOnly today) =>
        WeeklyLoad.Compute(
                actions.Where(a => a.HoursPerWeek is not null).Select(a => new LoadItem(
                    a.Owner.IsCitizen ? "Citizen" : a.Owner.Sector?.ToString() ?? "Other",
                    a.HoursPerWeek!.Value, a.PeriodFrom, a.PeriodTo, a.Status, a.ResumeOn)),
                today)
            .Select(w => new WeekLoadView(w.WeekStart, w.IsoWeek, w.BySector.Select(s => new SectorHoursView(s.Key, s.Value)).ToList(), w.Total))
            .ToList();

    /// <summary>Everyone who can own an action: the citizen, and every network member (active or not, so old actions keep their owner's name).</summary>
    private async Task<List<OwnerView>> OwnersAsync(PlanRecord record, CancellationToken cancellationToken)
    {
        var today = CopenhagenTime.Today(time);
        var members = record.Course.Course.Members;
        var roles = await MemberDirectory.RolesOfAsync(db, members, cancellationToken);
        var owners = new List<OwnerView> { new(null, true, record.Course.Citizen.FullName, null, null, null, null, null, true) };
        foreach (var m in members.OrderByDescending(m => m.IsActiveOn(today)).ThenBy(m => m.Role))
        {
            owners.Add(m.PractitionerRoleId is { } roleId && roles.TryGetValue(roleId, out var r)
                ? new OwnerView(m.Id, false, r.Professional.Name, r.Organization.Name, r.Organization.Sector, r.Role.Title, r.Role.Mandate, m.Role, m.IsActiveOn(today))
                : new OwnerView(m.Id, false, m.PersonName ?? string.Empty, null, null, m.Relation, null, m.Role, m.IsActiveOn(today)));
        }

        return owners;
    }

    /// <summary>"Hear me where I am now" (R11): a dated plan record before a consent's cut-off is left out unless another basis covers it.</summary>
    private async Task<bool> VisibleAsync(PlanRecord record, DateOnly date, CancellationToken cancellationToken) =>
        (await access.DecideAsync(CitizenDataAccess.SubjectOf(record.Course.Course) with { RecordDate = date }, Category, cancellationToken)).Permitted;

    private Task<bool> VisibleAsync(PlanRecord record, DateTimeOffset at, CancellationToken cancellationToken) =>
        VisibleAsync(record, CopenhagenTime.DateOf(at), cancellationToken);

    private async Task<PlanSnapshot> WithoutHiddenRecordsAsync(PlanRecord record, PlanSnapshot snapshot, CancellationToken cancellationToken)
    {
        var reviews = new List<ReviewSnapshot>();
        foreach (var r in snapshot.Reviews)
        {
            if (await VisibleAsync(record, r.Date, cancellationToken))
            {
                reviews.Add(r);
            }
        }

        var ratings = new List<RatingSnapshot>();
        foreach (var r in snapshot.Ratings)
        {
            if (await VisibleAsync(record, r.Date, cancellationToken))
            {
                ratings.Add(r);
            }
        }

        return snapshot with { Reviews = reviews, Ratings = ratings };
    }

    private PlanChangeView Present(PlanChange change, Dictionary<string, string> owners, Dictionary<string, string> goals)
    {
        string? Value(string? raw) => raw is null ? null : (change.Section, change.Field) switch
        {
            (_, "Owner") => owners.GetValueOrDefault(raw, raw),
            (_, "Goal") => goals.GetValueOrDefault(raw, raw),
            (_, "Done") => raw == "true" ? localizer["Common.Yes"] : localizer["Common.No"],
            (PlanSection.Challenges, "Area") => localizer["Enum.ChallengeArea." + raw],
            (PlanSection.Goals, "Status") => localizer["Enum.GoalStatus." + raw],
            (PlanSection.Actions, "Status") => localizer["Enum.ActionStatus." + raw],
            (_, "DueDate" or "PeriodFrom" or "PeriodTo" or "ResumeOn") => DateOnly.ParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToString("d", CultureInfo.CurrentCulture),
            (_, "Language") => localizer["Language." + raw],
            _ => raw,
        };

        var item = change.Section == PlanSection.CitizenPart ? localizer["Plan.CitizenPart"].Value : change.Label;
        var field = change.Field.Length == 0 ? null
            : change.Field.StartsWith("Problem", StringComparison.Ordinal) ? string.Format(CultureInfo.CurrentCulture, localizer["PlanField.Problem"], change.Field["Problem".Length..])
            : localizer["PlanField." + change.Field].Value;
        return new PlanChangeView(change.Section, change.Kind, item, field, Value(change.Before), Value(change.After));
    }

    /// <summary>What a change is made with: who makes it, when, and who is active in the network (may own an action).</summary>
    private sealed record ChangeContext(PlanEditor Editor, Moment Now, IReadOnlySet<Guid> ActiveMembers);

    private enum PlanEditors
    {
        Staff = 0,
        Anyone = 1,
    }
}
