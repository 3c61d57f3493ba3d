using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samspil.Domain.Citizens;
using Samspil.Domain.Courses;
using Samspil.Domain.Network;
using Samspil.Domain.Plans;

namespace Samspil.Features.Plans;

internal sealed class CarePlanConfiguration : IEntityTypeConfiguration<CarePlan>
{
    public void Configure(EntityTypeBuilder<CarePlan> builder)
    {
        builder.ToTable("CarePlans");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.HasIndex(p => p.CourseId).IsUnique(); // one plan per course
        builder.HasOne<Course>().WithMany().HasForeignKey(p => p.CourseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Citizen>().WithMany().HasForeignKey(p => p.CitizenId).OnDelete(DeleteBehavior.Restrict);

        // The version is the ETag: an UPDATE made against an older version touches no row and fails.
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Property(p => p.UpdatedByName).HasMaxLength(200).IsRequired();
        builder.Property(p => p.CitizenStatement).HasMaxLength(4000);
        builder.Property(p => p.CitizenLanguage).HasMaxLength(3);
        builder.Property(p => p.CitizenPartWrittenByName).HasMaxLength(200);
        builder.HasMany(p => p.Problems).WithOne().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Challenges).WithOne().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Goals).WithOne().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Actions).WithOne().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Reviews).WithOne().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Ratings).WithOne().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
        foreach (var navigation in new[] { nameof(CarePlan.Problems), nameof(CarePlan.Challenges), nameof(CarePlan.Goals), nameof(CarePlan.Actions), nameof(CarePlan.Reviews), nameof(CarePlan.Ratings) })
        {
            builder.Navigation(navigation).UsePropertyAccessMode(PropertyAccessMode.Field);
        }

        builder.Ignore(p => p.OrderedGoals);
        builder.Ignore(p => p.OrderedProblems);
    }
}

internal sealed class PlanProblemConfiguration : IEntityTypeConfiguration<PlanProblem>
{
    public void Configure(EntityTypeBuilder<PlanProblem> builder)
    {
        builder.ToTable("PlanProblems");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Text).HasMaxLength(500).IsRequired();
    }
}

internal sealed class PlanChallengeConfiguration : IEntityTypeConfiguration<PlanChallenge>
{
    public void Configure(EntityTypeBuilder<PlanChallenge> builder)
    {
        builder.ToTable("PlanChallenges");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Text).HasMaxLength(1000).IsRequired();
    }
}

internal sealed class PlanGoalConfiguration : IEntityTypeConfiguration<PlanGoal>
{
    public void Configure(EntityTypeBuilder<PlanGoal> builder)
    {
        builder.ToTable("PlanGoals");
        builder.HasKey(g => g.Id);
        builder.Property(g => g.Id).ValueGeneratedNever();
        builder.Property(g => g.Title).HasMaxLength(300).IsRequired();
        builder.Property(g => g.CitizenWish).HasMaxLength(1000);
        builder.HasMany(g => g.SubGoals).WithOne().HasForeignKey(s => s.GoalId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(g => g.SubGoals).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(g => g.OrderedSubGoals);
    }
}

internal sealed class SubGoalConfiguration : IEntityTypeConfiguration<SubGoal>
{
    public void Configure(EntityTypeBuilder<SubGoal> builder)
    {
        builder.ToTable("PlanSubGoals");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Text).HasMaxLength(300).IsRequired();
    }
}

internal sealed class PlanActionConfiguration : IEntityTypeConfiguration<PlanAction>
{
    public void Configure(EntityTypeBuilder<PlanAction> builder)
    {
        builder.ToTable("PlanActions");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Text).HasMaxLength(500).IsRequired();
        builder.Property(a => a.BlockedReason).HasMaxLength(500);
        builder.HasOne<PlanGoal>().WithMany().HasForeignKey(a => a.GoalId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<NetworkMember>().WithMany().HasForeignKey(a => a.OwnerMemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.OwnerMemberId, a.Status }); // "Mine opgaver"
        builder.Ignore(a => a.Owner);
        builder.Ignore(a => a.IsOpen);
        builder.Ignore(a => a.Volume);
        builder.Property(a => a.HoursPerWeek).HasPrecision(5, 2);
        builder.Property(a => a.PausedReason).HasMaxLength(500);
    }
}

internal sealed class PlanReviewConfiguration : IEntityTypeConfiguration<PlanReview>
{
    public void Configure(EntityTypeBuilder<PlanReview> builder)
    {
        builder.ToTable("PlanReviews");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.WhatWorked).HasMaxLength(2000);
        builder.Property(r => r.WhatChanges).HasMaxLength(2000);
        builder.Property(r => r.Participants).HasMaxLength(500).IsRequired();
        builder.Property(r => r.RecordedByName).HasMaxLength(200).IsRequired();
    }
}

internal sealed class GoalRatingConfiguration : IEntityTypeConfiguration<GoalRating>
{
    public void Configure(EntityTypeBuilder<GoalRating> builder)
    {
        builder.ToTable("PlanGoalRatings");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.HasOne<PlanGoal>().WithMany().HasForeignKey(r => r.GoalId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PlanReview>().WithMany().HasForeignKey(r => r.ReviewId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PlanVersionConfiguration : IEntityTypeConfiguration<PlanVersion>
{
    public void Configure(EntityTypeBuilder<PlanVersion> builder)
    {
        builder.ToTable("PlanVersions");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.HasOne<CarePlan>().WithMany().HasForeignKey(v => v.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(v => new { v.PlanId, v.Version }).IsUnique(); // a version number is taken once, even under races
        builder.Property(v => v.ByName).HasMaxLength(200).IsRequired();
        builder.Property(v => v.Change).HasMaxLength(60).IsRequired();
        builder.Property(v => v.Snapshot).IsRequired();
    }
}
