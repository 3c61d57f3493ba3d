using System.Globalization;

namespace Samspil.Domain.Plans;

public enum PlanSection
{
    CitizenPart = 0,
    Challenges = 1,
    Goals = 2,
    SubGoals = 3,
    Actions = 4,
    Reviews = 5,
    Ratings = 6,
}

public enum PlanChangeKind
{
    Added = 0,
    Removed = 1,
    Changed = 2,
}

/// <summary>
/// One difference between two versions of a plan. <see cref="Field"/> names what changed on an item
/// ("Title", "Status", "Owner", "Position"…); values are raw (enum names, ids, ISO dates) for the
/// caller to present. An added or removed item is one change whose value is the item's label.
/// </summary>
public sealed record PlanChange(PlanSection Section, Guid? ItemId, string Label, PlanChangeKind Kind, string Field, string? Before, string? After);

/// <summary>Compares two plan versions item by item (items keep their ids across versions).</summary>
public static class PlanDiff
{
    public static IReadOnlyList<PlanChange> Between(PlanSnapshot before, PlanSnapshot after)
    {
        var old = Flatten(before);
        var @new = Flatten(after);
        var changes = new List<PlanChange>();
        var oldItems = old.Select(f => f.Item).Distinct().ToHashSet();
        var newItems = @new.Select(f => f.Item).Distinct().ToHashSet();

        foreach (var item in newItems.Where(i => !oldItems.Contains(i)))
        {
            changes.Add(new PlanChange(item.Section, item.Id, item.Label, PlanChangeKind.Added, string.Empty, null, item.Label));
        }

        foreach (var item in oldItems.Where(i => !newItems.Contains(i)))
        {
            changes.Add(new PlanChange(item.Section, item.Id, item.Label, PlanChangeKind.Removed, string.Empty, item.Label, null));
        }

        var oldValues = old.ToDictionary(f => (f.Item.Section, f.Item.Id, f.Name), f => f.Value);
        foreach (var field in @new.Where(f => oldItems.Contains(f.Item)))
        {
            var previous = oldValues.GetValueOrDefault((field.Item.Section, field.Item.Id, field.Name));
            if (!string.Equals(previous, field.Value, StringComparison.Ordinal))
            {
                changes.Add(new PlanChange(field.Item.Section, field.Item.Id, field.Item.Label, PlanChangeKind.Changed, field.Name, previous, field.Value));
            }
        }

        var newKeys = @new.Select(f => (f.Item.Section, f.Item.Id, f.Name)).ToHashSet();
        foreach (var field in old.Where(f => newItems.Contains(f.Item) && f.Value is not null && !newKeys.Contains((f.Item.Section, f.Item.Id, f.Name))))
        {
            changes.Add(new PlanChange(field.Item.Section, field.Item.Id, field.Item.Label, PlanChangeKind.Changed, field.Name, field.Value, null));
        }

        return changes.OrderBy(c => c.Section).ThenBy(c => c.Kind).ThenBy(c => c.Label, StringComparer.Ordinal).ThenBy(c => c.Field, StringComparer.Ordinal).ToList();
    }

    /// <summary>An item of a plan; <see cref="Label"/> does not take part in equality, so a renamed item is the same item.</summary>
    private sealed record Item(PlanSection Section, Guid? Id, string Label)
    {
        public bool Equals(Item? other) => other is not null && other.Section == Section && other.Id == Id;

        public override int GetHashCode() => HashCode.Combine(Section, Id);
    }

    private sealed record FlatField(Item Item, string Name, string? Value);

    private static List<FlatField> Flatten(PlanSnapshot plan)
    {
        var fields = new List<FlatField>();
        var citizen = new Item(PlanSection.CitizenPart, null, "CitizenPart");
        if (plan.Statement is not null || plan.Problems.Count > 0)
        {
            fields.Add(new FlatField(citizen, "Statement", plan.Statement));
            fields.Add(new FlatField(citizen, "Language", plan.Language));
            for (var i = 0; i < plan.Problems.Count; i++)
            {
                fields.Add(new FlatField(citizen, "Problem" + (i + 1).ToString(CultureInfo.InvariantCulture), plan.Problems[i]));
            }
        }

        foreach (var c in plan.Challenges)
        {
            var item = new Item(PlanSection.Challenges, c.Id, c.Text);
            fields.Add(new FlatField(item, "Area", c.Area.ToString()));
            fields.Add(new FlatField(item, "Text", c.Text));
        }

        for (var g = 0; g < plan.Goals.Count; g++)
        {
            var goal = plan.Goals[g];
            var item = new Item(PlanSection.Goals, goal.Id, goal.Title);
            fields.Add(new FlatField(item, "Title", goal.Title));
            fields.Add(new FlatField(item, "CitizenWish", goal.CitizenWish));
            fields.Add(new FlatField(item, "Status", goal.Status.ToString()));
            fields.Add(new FlatField(item, "Position", (g + 1).ToString(CultureInfo.InvariantCulture)));
            for (var s = 0; s < goal.SubGoals.Count; s++)
            {
                var sub = goal.SubGoals[s];
                var subItem = new Item(PlanSection.SubGoals, sub.Id, sub.Text);
                fields.Add(new FlatField(subItem, "Text", sub.Text));
                fields.Add(new FlatField(subItem, "Done", sub.Done ? "true" : "false"));
                fields.Add(new FlatField(subItem, "Position", (s + 1).ToString(CultureInfo.InvariantCulture)));
            }
        }

        foreach (var a in plan.Actions)
        {
            var item = new Item(PlanSection.Actions, a.Id, a.Text);
            fields.Add(new FlatField(item, "Text", a.Text));
            fields.Add(new FlatField(item, "Goal", a.GoalId?.ToString()));
            fields.Add(new FlatField(item, "Owner", a.OwnerIsCitizen ? "citizen" : a.OwnerMemberId?.ToString()));
            fields.Add(new FlatField(item, "DueDate", a.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            fields.Add(new FlatField(item, "Status", a.Status.ToString()));
            fields.Add(new FlatField(item, "BlockedReason", a.BlockedReason));
            fields.Add(new FlatField(item, "HoursPerWeek", a.HoursPerWeek?.ToString("0.##", CultureInfo.InvariantCulture)));
            fields.Add(new FlatField(item, "PeriodFrom", a.PeriodFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            fields.Add(new FlatField(item, "PeriodTo", a.PeriodTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            fields.Add(new FlatField(item, "PausedReason", a.PausedReason));
            fields.Add(new FlatField(item, "ResumeOn", a.ResumeOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }

        foreach (var r in plan.Reviews)
        {
            var item = new Item(PlanSection.Reviews, r.Id, r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            fields.Add(new FlatField(item, "WhatWorked", r.WhatWorked));
            fields.Add(new FlatField(item, "WhatChanges", r.WhatChanges));
            fields.Add(new FlatField(item, "Participants", r.Participants));
        }

        foreach (var r in plan.Ratings)
        {
            var goal = plan.Goals.FirstOrDefault(g => g.Id == r.GoalId)?.Title ?? string.Empty;
            var item = new Item(PlanSection.Ratings, r.Id, goal + ": " + r.Score.ToString(CultureInfo.InvariantCulture));
            fields.Add(new FlatField(item, "Score", r.Score.ToString(CultureInfo.InvariantCulture)));
        }

        return fields;
    }
}
