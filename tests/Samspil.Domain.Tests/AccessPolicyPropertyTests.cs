using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Samspil.Domain.Common;
using Samspil.Domain.Consents;
using Samspil.Domain.Directory;

namespace Samspil.Domain.Tests;

/// <summary>
/// The access policy against an oracle written from the text, separately from the policy:
/// random actors, records, consents (expired, future, revoked, superseded, conditional, with cut-off
/// dates), legal bases and requests. 10,000 cases per run.
/// </summary>
public sealed class AccessPolicyPropertyTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);
    private static readonly Guid[] Ids = Enumerable.Range(1, 8).Select(i => new Guid(i, 0, 0, new byte[8])).ToArray();
    private static readonly Guid Citizen = new(100, 0, 0, new byte[8]);
    private static readonly Guid OtherCitizen = new(101, 0, 0, new byte[8]);

    [Property(MaxTest = 10_000, Arbitrary = [typeof(PolicyArbitraries)])]
    public bool The_policy_permits_exactly_what_the_oracle_permits(Scenario scenario)
    {
        var decision = AccessPolicy.Decide(scenario.Request, scenario.Facts);
        var expected = Oracle(scenario);
        if (decision.Permitted != expected.Permitted)
        {
            return false;
        }

        // A permit names a basis that really applies; a denial names none.
        return decision.Permitted
            ? decision.BasisKind == expected.Basis && (decision.BasisKind != AccessBasisKind.Consent || ConsentApplies(scenario, scenario.Facts.Consents.Single(c => c.Id == decision.ConsentId)))
            : decision.BasisKind is null && decision.ConsentId is null;
    }

    [Property(MaxTest = 2_000, Arbitrary = [typeof(PolicyArbitraries)])]
    public bool Revoking_every_consent_never_widens_access(Scenario scenario)
    {
        var before = AccessPolicy.Decide(scenario.Request, scenario.Facts).Permitted;
        foreach (var consent in scenario.Facts.Consents.Where(c => c.Status == ConsentStatus.Active))
        {
            consent.Revoke(new Actor(Guid.NewGuid(), "test"), new Moment(DateTimeOffset.UnixEpoch, Today));
        }

        var after = AccessPolicy.Decide(scenario.Request, scenario.Facts);
        return !after.Permitted || before && after.BasisKind != AccessBasisKind.Consent;
    }

    /// <summary>
    /// Issue 12, ADR 0013: what belongs to the citizen (asked with <see cref="AccessSubject.OfCitizen"/>) is
    /// decided by the citizen, a proxy or a consent, never by having registered or being responsible for a
    /// course. Whatever course the request names, its citizen-level counterpart permits exactly when one of
    /// those three applies, and never on own records or a legal basis.
    /// </summary>
    [Property(MaxTest = 5_000, Arbitrary = [typeof(PolicyArbitraries)])]
    public bool Citizen_level_data_is_never_opened_by_registering_a_course(Scenario scenario)
    {
        var (actor, course, category, purpose, today) = scenario.Request;
        if (category == InformationCategory.ConsentOverview)
        {
            return true;
        }

        // The actor registered the course and is responsible for it: that opens the course itself ...
        var registered = course with
        {
            RecordedByOrganizationId = actor.OwnOrganizationIds.FirstOrDefault(),
            ResponsibleMunicipalityOrganizationId = actor.OwnOrganizationIds.FirstOrDefault(),
        };
        var citizenLevel = AccessSubject.OfCitizen(course.CitizenId, null, course.RecordDate);
        var decision = AccessPolicy.Decide(new AccessRequest(actor, citizenLevel, category, purpose, today), scenario.Facts);

        // ... but the citizen's own data opens only to the citizen, a proxy or a consent that applies.
        var consentApplies = scenario.Facts.Consents.Any(c => ConsentApplies(scenario with { Request = scenario.Request with { Subject = citizenLevel } }, c));
        var proxyCovers = actor.Proxy is { } poa && poa.CitizenId == course.CitizenId && (poa.Categories & category) == category
            && today >= poa.ValidFrom && (poa.ValidTo is null || today <= poa.ValidTo);
        var expected = actor.OwnCitizenId == course.CitizenId || proxyCovers || consentApplies;
        var courseDecision = AccessPolicy.Decide(scenario.Request with { Subject = registered }, scenario.Facts);
        return decision.Permitted == expected
            && decision.BasisKind is not (AccessBasisKind.OwnRecords or AccessBasisKind.LegalBasis)
            && (actor.OwnOrganizationIds.Count == 0 || courseDecision.Permitted); // the course itself stays open to its registrant
    }

    /// <summary>The rules, in the order the issue states them, written without looking at the policy's code.</summary>
    private static (bool Permitted, AccessBasisKind? Basis) Oracle(Scenario s)
    {
        var (actor, subject, category, purpose, today) = s.Request;

        // The consent overview: network members may see it; others need what status needs.
        if (category == InformationCategory.ConsentOverview)
        {
            if (subject.NetworkRoleIds is not null && subject.NetworkRoleIds.Any(actor.PractitionerRoleIds.Contains))
            {
                return (true, AccessBasisKind.NetworkMember);
            }

            return Oracle(s with { Request = s.Request with { Category = InformationCategory.StatusAndAppointments } });
        }

        if (actor.OwnCitizenId == subject.CitizenId)
        {
            return (true, AccessBasisKind.Self);
        }

        // A proxy: only the categories their power of attorney names, and only from its first to its last day.
        if (actor.Proxy is { } poa && poa.CitizenId == subject.CitizenId && (poa.Categories & category) == category
            && today >= poa.ValidFrom && (poa.ValidTo is null || today <= poa.ValidTo))
        {
            return (true, AccessBasisKind.Proxy);
        }

        if (subject.RecordedByOrganizationId is { } by && actor.OwnOrganizationIds.Contains(by))
        {
            return (true, AccessBasisKind.OwnRecords);
        }

        var responsible = new[] { subject.ResponsibleRegionOrganizationId, subject.ResponsibleMunicipalityOrganizationId }
            .OfType<Guid>()
            .Any(o => actor.OwnOrganizationIds.Contains(o) || actor.WithinOrganizationIds.Contains(o));
        foreach (var basis in s.Facts.LegalBases)
        {
            var opens = (basis.Categories & category) == category && (basis.Purposes & purpose) == purpose;
            if (basis.Active && opens && basis.RecipientKinds.Intersect(actor.OrganizationKinds).Any() && responsible)
            {
                return (true, AccessBasisKind.LegalBasis);
            }
        }

        return s.Facts.Consents.Any(c => ConsentApplies(s, c)) ? (true, AccessBasisKind.Consent) : (false, null);
    }

    private static bool ConsentApplies(Scenario s, Consent c)
    {
        var (actor, subject, category, purpose, today) = s.Request;
        if (category == InformationCategory.ConsentOverview)
        {
            category = InformationCategory.StatusAndAppointments;
        }

        var named = c.Recipients.Any(r =>
            (r.Kind == ConsentRecipientKind.Professional && actor.ProfessionalId is { } p && p == r.TargetId)
            || (r.Kind == ConsentRecipientKind.PractitionerRole && actor.PractitionerRoleIds.Contains(r.TargetId))
            || (r.Kind == ConsentRecipientKind.Organization && actor.WithinOrganizationIds.Contains(r.TargetId)));
        var inForce = c.Status == ConsentStatus.Active && today >= c.ValidFrom && today <= c.ValidTo;
        // The discharge is the last event of the admitted period (issue 17): an "only while admitted" consent covers it.
        var conditionMet = c.Condition == ConsentCondition.None || s.Facts.CitizenAdmitted || s.Request.Subject.EndsAdmittedPeriod;
        var notCutOff = c.ExcludeRecordsBefore is null || subject.RecordDate is null || subject.RecordDate >= c.ExcludeRecordsBefore;
        return c.CitizenId == subject.CitizenId && named && inForce && conditionMet && notCutOff
            && (c.Categories & category) != 0 && (c.Purposes & purpose) != 0;
    }

    public sealed record Scenario(AccessRequest Request, AccessFacts Facts)
    {
        public override string ToString() =>
            $"actor={Request.Actor.ProfessionalId} roles=[{string.Join(',', Request.Actor.PractitionerRoleIds)}] own=[{string.Join(',', Request.Actor.OwnOrganizationIds)}] within=[{string.Join(',', Request.Actor.WithinOrganizationIds)}] "
            + $"subject={Request.Subject} category={Request.Category} purpose={Request.Purpose} admitted={Facts.CitizenAdmitted} consents={Facts.Consents.Count}";
    }

    public static class PolicyArbitraries
    {
        public static Arbitrary<Scenario> Scenarios() => ScenarioGen.ToArbitrary();

        private static Gen<Guid> AnyId => Gen.Elements(Ids);

        private static Gen<IReadOnlySet<Guid>> IdSet => Gen.SubListOf(Ids).Select(l => (IReadOnlySet<Guid>)l.ToHashSet());

        private static Gen<Guid?> MaybeId => Gen.Frequency((1, Gen.Constant<Guid?>(null)), (3, AnyId.Select(g => (Guid?)g)));

        private static Gen<DateOnly> Day => Gen.Choose(-500, 500).Select(d => Today.AddDays(d));

        private static Gen<InformationCategory> OneCategory => Gen.Elements(InformationCategories.Each.ToArray());

        private static Gen<InformationCategory> CategorySet => Gen.NonEmptyListOf(OneCategory).Select(l => l.Aggregate(InformationCategory.None, (a, c) => a | c));

        private static Gen<AccessPurpose> OnePurpose => Gen.Elements(AccessPurpose.Coordination, AccessPurpose.SicknessBenefitFollowUp);

        private static Gen<AccessActor> Actors =>
            from professional in MaybeId
            from roles in IdSet
            from own in IdSet
            from within in IdSet
            from kinds in Gen.SubListOf(new[] { OrganizationKind.JobCentre, OrganizationKind.TraumaClinic, OrganizationKind.GpClinic })
            from self in Gen.Frequency((8, Gen.Constant<Guid?>(null)), (1, Gen.Constant<Guid?>(Citizen)), (1, Gen.Constant<Guid?>(OtherCitizen)))
            from proxy in Gen.Frequency((9, Gen.Constant<ProxyMandate?>(null)), (1, Mandates.Select(m => (ProxyMandate?)m)))
            select new AccessActor(Guid.NewGuid(), professional, roles, own, within, kinds.ToHashSet(), self, proxy);

        /// <summary>Powers of attorney for this or another citizen, with any scope, past, current or future, open-ended or not.</summary>
        private static Gen<ProxyMandate> Mandates =>
            from citizen in Gen.Elements(Citizen, OtherCitizen)
            from categories in CategorySet
            from start in Day
            from length in Gen.Frequency((1, Gen.Constant<int?>(null)), (3, Gen.Choose(0, 700).Select(l => (int?)l)))
            from mayConsent in Gen.Elements(true, false)
            select new ProxyMandate(citizen, categories, start, length is { } l ? start.AddDays(l) : null, mayConsent);

        private static Gen<AccessSubject> Subjects =>
            from recordedBy in MaybeId
            from recordDate in Gen.Frequency((1, Gen.Constant<DateOnly?>(null)), (2, Day.Select(d => (DateOnly?)d)))
            from region in MaybeId
            from municipality in MaybeId
            from network in Gen.Frequency((1, Gen.Constant<IReadOnlySet<Guid>?>(null)), (2, IdSet.Select(n => (IReadOnlySet<Guid>?)n)))
            from endsAdmission in Gen.Frequency((5, Gen.Constant(false)), (1, Gen.Constant(true)))
            select new AccessSubject(Citizen, recordedBy, recordDate, region, municipality, network, endsAdmission);

        private static Gen<Consent> Consents =>
            from recipients in Gen.NonEmptyListOf(
                from kind in Gen.Elements(ConsentRecipientKind.Professional, ConsentRecipientKind.PractitionerRole, ConsentRecipientKind.Organization)
                from id in AnyId
                select new ConsentRecipient(kind, id))
            from categories in CategorySet
            from purposes in Gen.Elements(AccessPurpose.Coordination, AccessPurpose.SicknessBenefitFollowUp, AccessPurpose.Coordination | AccessPurpose.SicknessBenefitFollowUp)
            from validFrom in Day
            from length in Gen.Choose(0, 700)
            from condition in Gen.Frequency((4, Gen.Constant(ConsentCondition.None)), (1, Gen.Constant(ConsentCondition.OnlyWhileAdmitted)))
            from cutOff in Gen.Frequency((3, Gen.Constant<DateOnly?>(null)), (1, Day.Select(d => (DateOnly?)d)))
            from citizen in Gen.Frequency((5, Gen.Constant(Citizen)), (1, Gen.Constant(OtherCitizen)))
            from fate in Gen.Elements("active", "revoked", "superseded")
            select Build(citizen, recipients, categories, purposes, validFrom, validFrom.AddDays(length), condition, cutOff, fate);

        private static Gen<LegalBasis> LegalBases =>
            from categories in CategorySet
            from purposes in Gen.Elements(AccessPurpose.Coordination, AccessPurpose.SicknessBenefitFollowUp)
            from kinds in Gen.NonEmptyListOf(Gen.Elements(OrganizationKind.JobCentre, OrganizationKind.SocialServices, OrganizationKind.GpClinic))
            select LegalBasis.Create("basis", "Test", "Lov § 1", categories, purposes, kinds);

        private static Gen<Scenario> ScenarioGen =>
            from actor in Actors
            from subject in Subjects
            from category in Gen.Frequency((6, OneCategory), (1, Gen.Constant(InformationCategory.ConsentOverview)))
            from purpose in OnePurpose
            from consents in Gen.ListOf(Consents).Select(l => l.Take(4).ToList())
            from bases in Gen.ListOf(LegalBases).Select(l => l.Take(2).ToList())
            from admitted in Gen.Elements(true, false)
            select new Scenario(new AccessRequest(actor, subject, category, purpose, Today), new AccessFacts(consents, bases, admitted));

        private static Consent Build(Guid citizen, IList<ConsentRecipient> recipients, InformationCategory categories, AccessPurpose purposes, DateOnly from, DateOnly to, ConsentCondition condition, DateOnly? cutOff, string fate)
        {
            var actor = new Actor(Guid.NewGuid(), "test");
            var moment = new Moment(DateTimeOffset.UnixEpoch, Today);
            var terms = new ConsentTerms(recipients.ToList(), categories, purposes, "Formål", null, from, to, condition, cutOff);
            var giving = new ConsentGiving(ConsentGivenBy.Citizen, null, ConsentMethod.CitizenOnline, null, null);
            var consent = Consent.Give(citizen, terms, giving, actor, moment);
            switch (fate)
            {
                case "revoked":
                    consent.Revoke(actor, moment);
                    break;
                case "superseded":
                    consent.Revise(terms, giving, actor, moment);
                    break;
            }

            return consent;
        }
    }
}
