using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Audit;
using Samspil.Domain.Citizens;
using Samspil.Domain.Consents;
using Samspil.Domain.Courses;
using Samspil.Domain.Directory;
using Samspil.Domain.Network;
using Samspil.Infrastructure.Security;

namespace Samspil.Infrastructure.Persistence;

/// <summary>
/// The one database context. Provider-specific subclasses (<see cref="SqliteSamspilDbContext"/>,
/// <see cref="PostgresSamspilDbContext"/>) exist only so each provider has its own migrations.
/// Citizen data must be read through <c>Features.Access.CitizenDataAccess</c>, not these sets directly
/// (an architecture test enforces it), and changed only with an access-log entry (an interceptor enforces it).
/// </summary>
public abstract class SamspilDbContext(DbContextOptions options)
    : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>(options)
{
    public DbSet<Organization> Organizations => Set<Organization>();

    public DbSet<Professional> Professionals => Set<Professional>();

    public DbSet<PractitionerRole> PractitionerRoles => Set<PractitionerRole>();

    public DbSet<TargetGroup> TargetGroups => Set<TargetGroup>();

    public DbSet<Samspil.Domain.Offerings.Offering> Offerings => Set<Samspil.Domain.Offerings.Offering>();

    public DbSet<Citizen> Citizens => Set<Citizen>();

    public DbSet<Course> Courses => Set<Course>();

    public DbSet<PhaseTransition> PhaseTransitions => Set<PhaseTransition>();

    public DbSet<NetworkMember> NetworkMembers => Set<NetworkMember>();

    public DbSet<Consent> Consents => Set<Consent>();

    public DbSet<ConsentDocument> ConsentDocuments => Set<ConsentDocument>();

    public DbSet<LegalBasis> LegalBases => Set<LegalBasis>();

    public DbSet<Domain.Plans.CarePlan> CarePlans => Set<Domain.Plans.CarePlan>();

    public DbSet<Domain.Plans.PlanAction> PlanActions => Set<Domain.Plans.PlanAction>();

    public DbSet<Domain.Plans.PlanVersion> PlanVersions => Set<Domain.Plans.PlanVersion>();

    public DbSet<Domain.Meetings.Meeting> Meetings => Set<Domain.Meetings.Meeting>();

    public DbSet<Domain.Meetings.MeetingTemplate> MeetingTemplates => Set<Domain.Meetings.MeetingTemplate>();

    public DbSet<Domain.Meetings.MeetingPreferences> MeetingPreferences => Set<Domain.Meetings.MeetingPreferences>();

    public DbSet<Domain.Meetings.ProfessionalAvailability> ProfessionalAvailability => Set<Domain.Meetings.ProfessionalAvailability>();

    public DbSet<Domain.Notifications.Notification> Notifications => Set<Domain.Notifications.Notification>();

    public DbSet<Domain.Notifications.NotificationPreference> NotificationPreferences => Set<Domain.Notifications.NotificationPreference>();

    public DbSet<Features.Notifications.OutboxMessage> OutboxMessages => Set<Features.Notifications.OutboxMessage>();

    public DbSet<Domain.Admissions.HospitalEvent> HospitalEvents => Set<Domain.Admissions.HospitalEvent>();

    public DbSet<Features.HospitalNotifications.InboundMessage> InboundMessages => Set<Features.HospitalNotifications.InboundMessage>();

    public DbSet<Features.CareCommunications.CareCommunicationEnvelope> CareCommunicationEnvelopes => Set<Features.CareCommunications.CareCommunicationEnvelope>();

    public DbSet<Features.CareCommunications.ExternalMessage> ExternalMessages => Set<Features.CareCommunications.ExternalMessage>();

    public DbSet<Domain.Conversations.Conversation> Conversations => Set<Domain.Conversations.Conversation>();

    public DbSet<Domain.Conversations.ConversationParticipant> ConversationParticipants => Set<Domain.Conversations.ConversationParticipant>();

    public DbSet<Domain.Conversations.ConversationMessage> ConversationMessages => Set<Domain.Conversations.ConversationMessage>();

    public DbSet<Domain.Conversations.MessageAttachment> MessageAttachments => Set<Domain.Conversations.MessageAttachment>();
    public DbSet<Domain.Screening.Admission> Admissions => Set<Domain.Screening.Admission>();

    public DbSet<Domain.Screening.AdmissionImport> AdmissionImports => Set<Domain.Screening.AdmissionImport>();

    public DbSet<Domain.Screening.AdmissionImportError> AdmissionImportErrors => Set<Domain.Screening.AdmissionImportError>();

    public DbSet<Domain.Screening.AnalysisSummary> AnalysisSummaries => Set<Domain.Screening.AnalysisSummary>();

    public DbSet<Domain.Reporting.WorkAttachment> WorkAttachments => Set<Domain.Reporting.WorkAttachment>();

    /// <summary>One-time invitations linking a staff account to an identity provider (hashed codes).</summary>
    public DbSet<Features.Account.StaffInvitation> StaffInvitations => Set<Features.Account.StaffInvitation>();

    public DbSet<Domain.MasterData.MasterDataChange> MasterDataChanges => Set<Domain.MasterData.MasterDataChange>();

    /// <summary>Who changed whose account, what and when (issue 14).</summary>
    public DbSet<Features.Administration.AdministrationLogEntry> AdministrationLog => Set<Features.Administration.AdministrationLogEntry>();

    public DbSet<AccessLogEntry> AccessLog => Set<AccessLogEntry>();

    /// <summary>Registered powers of attorney (fuldmagter): a proxy's access follows them.</summary>
    public DbSet<PowerOfAttorney> PowersOfAttorney => Set<PowerOfAttorney>();

    /// <summary>The legacy global chain's head (entries written before issue 16); no longer advanced (ADR 0015).</summary>
    public DbSet<Features.Audit.AccessLogHead> AccessLogHead => Set<Features.Audit.AccessLogHead>();

    /// <summary>Each citizen's access-log chain head: the only row an append locks (ADR 0015).</summary>
    public DbSet<Features.Audit.AccessLogChainHead> AccessLogChainHeads => Set<Features.Audit.AccessLogChainHead>();

    /// <summary>Chained checkpoints over the chain heads, so whole chains and checkpointed tails cannot vanish unnoticed.</summary>
    public DbSet<AccessLogCheckpoint> AccessLogCheckpoints => Set<AccessLogCheckpoint>();

    public DbSet<Features.Audit.AccessLogCheckpointHeadRow> AccessLogCheckpointHeads => Set<Features.Audit.AccessLogCheckpointHeadRow>();

    /// <summary>Stored answers to POSTs sent with an Idempotency-Key (see IdempotencyMiddleware).</summary>
    public DbSet<Idempotency.IdempotencyRecord> IdempotentRequests => Set<Idempotency.IdempotencyRecord>();

    /// <summary>Issued refresh tokens (hashed), for single use and family revocation (see <see cref="Sessions"/>).</summary>
    public DbSet<RefreshTokenRecord> RefreshTokens => Set<RefreshTokenRecord>();

    /// <summary>Crisis plans ("Min plan for svære tider"), one per course, and their saved versions (issue 18).</summary>
    public DbSet<Domain.CrisisPlans.CrisisPlan> CrisisPlans => Set<Domain.CrisisPlans.CrisisPlan>();

    public DbSet<Domain.CrisisPlans.CrisisPlanVersion> CrisisPlanVersions => Set<Domain.CrisisPlans.CrisisPlanVersion>();

    /// <summary>The citizen's children and links to relatives who are patients too (issue 17 point 6, docs/family.md).</summary>
    public DbSet<Domain.Family.CourseChild> CourseChildren => Set<Domain.Family.CourseChild>();

    public DbSet<Domain.Family.RelativeLink> RelativeLinks => Set<Domain.Family.RelativeLink>();

    /// <summary>Questionnaires as data (issue 19): instrument versions, what was sent to whom, the answers, and IPS fidelity reviews.</summary>
    public DbSet<Domain.Questionnaires.Instrument> Instruments => Set<Domain.Questionnaires.Instrument>();

    public DbSet<Domain.Questionnaires.QuestionnaireAssignment> QuestionnaireAssignments => Set<Domain.Questionnaires.QuestionnaireAssignment>();

    public DbSet<Domain.Questionnaires.QuestionnaireResponse> QuestionnaireResponses => Set<Domain.Questionnaires.QuestionnaireResponse>();

    public DbSet<Domain.Questionnaires.FidelityReview> FidelityReviews => Set<Domain.Questionnaires.FidelityReview>();

    /// <summary>Issue 17: a course's IPS track, its employer contacts and job starts, and the history of its income basis.</summary>
    public DbSet<Domain.Work.IpsTrack> IpsTracks => Set<Domain.Work.IpsTrack>();

    public DbSet<Domain.Work.EmployerContact> EmployerContacts => Set<Domain.Work.EmployerContact>();

    public DbSet<Domain.Work.JobStart> JobStarts => Set<Domain.Work.JobStart>();

    public DbSet<Domain.Work.IncomeBasisEntry> IncomeBasisEntries => Set<Domain.Work.IncomeBasisEntry>();

    /// <summary>Issue 17 point 8: statutory deadlines (frister) running on a course, started from a frame's deadline.</summary>
    public DbSet<Domain.Deadlines.CourseDeadline> CourseDeadlines => Set<Domain.Deadlines.CourseDeadline>();

    // Issue 17 points 4-5: interpreters booked, the citizen's word on coming, the sectors a meeting must decide for.
    public DbSet<Domain.Meetings.MeetingCitizenNotice> MeetingCitizenNotices => Set<Domain.Meetings.MeetingCitizenNotice>();

    public DbSet<Domain.Meetings.MeetingInterpreterBooking> MeetingInterpreterBookings => Set<Domain.Meetings.MeetingInterpreterBooking>();

    public DbSet<Domain.Meetings.MeetingDecisionScope> MeetingDecisionScopes => Set<Domain.Meetings.MeetingDecisionScope>();

    /// <summary>SQLite has one writer per file: writers in this process take turns here instead of failing on a busy file.</summary>
    private static readonly SemaphoreSlim SqliteWriterTurn = new(1, 1);

    private int _sqliteWriterDepth;

    /// <summary>
    /// Takes SQLite's writer turn for this context (re-entrant: a request that already holds it, e.g. an
    /// idempotent request running in one transaction, passes straight through). Pair with <see cref="ExitSqliteWriter"/>.
    /// </summary>
    public async Task EnterSqliteWriterAsync(CancellationToken cancellationToken)
    {
        if (_sqliteWriterDepth == 0)
        {
            await SqliteWriterTurn.WaitAsync(cancellationToken);
        }

        _sqliteWriterDepth++;
    }

    public void ExitSqliteWriter()
    {
        if (--_sqliteWriterDepth == 0)
        {
            SqliteWriterTurn.Release();
        }
    }

    /// <summary>
    /// Set only by start-up seeding: lets citizen data be written without access-log entries.
    /// Everything else goes through <c>Features.Audit.AccessLog.CommitAsync</c>.
    /// </summary>
    public bool SystemSeeding { get; set; }

    /// <summary>
    /// Set by <c>Features.Audit.AccessLog.CommitAsync</c> around a save whose log entries the PostgreSQL append
    /// function writes in the same transaction right after it (so they are not in the change tracker).
    /// </summary>
    internal bool AccessLogAppendFollows { get; set; }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(SamspilDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name so the database reads plainly and reordering an enum is safe.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }
}

public sealed class SqliteSamspilDbContext(DbContextOptions<SqliteSamspilDbContext> options) : SamspilDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);

        // SQLite cannot compare or order DateTimeOffset stored as text; all our times are UTC,
        // so a sortable integer encoding keeps ordering and range queries in the database.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
    }
}

public sealed class PostgresSamspilDbContext(DbContextOptions<PostgresSamspilDbContext> options) : SamspilDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // Screening streams admissions in ordinal person-key order; "C" makes PostgreSQL's ORDER BY
        // (and the unique index) agree with string.CompareOrdinal. SQLite's default BINARY already does.
        builder.Entity<Domain.Screening.Admission>().Property(a => a.PersonKey).UseCollation("C");
    }
}
