using System.Diagnostics;
using System.Diagnostics.Metrics;
using Samspil.Domain.Consents;

namespace Samspil.Infrastructure.Telemetry;

/// <summary>
/// Samspil's own spans and instruments (docs/telemetry.md). Both are static, as the .NET guidance has it for an
/// application's own source: with telemetry off nobody listens, <see cref="ActivitySource.StartActivity(string, ActivityKind)"/>
/// returns null and an instrument's <c>Add</c>/<c>Record</c> returns at once.
/// Attributes carry categories, outcomes, counts and kinds — never a CPR number, a name, a citizen's or a course's id, or free text.
/// </summary>
public static class SamspilTelemetry
{
    public const string Name = "Samspil";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Decisions = Meter.CreateCounter<long>(
        "samspil.access.decisions", "{decision}", "Access policy decisions, by outcome (permit/deny), information category, purpose and basis.");

    private static readonly Histogram<double> AppendDuration = Meter.CreateHistogram(
        "samspil.access_log.append.duration", "s", "Time to commit a unit of work with its access-log entries (the append), by outcome.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });

    private static readonly Counter<long> AppendedEntries = Meter.CreateCounter<long>(
        "samspil.access_log.entries", "{entry}", "Access-log entries committed.");

    private static readonly Counter<long> OutboxDeliveries = Meter.CreateCounter<long>(
        "samspil.outbox.deliveries", "{message}", "Notification outbox messages handled, by topic and outcome (sent, skipped, failed, gave_up).");

    private static readonly Counter<long> HospitalNotifications = Meter.CreateCounter<long>(
        "samspil.medcom.hospital_notifications", "{message}", "MedCom hospital notifications received, by source, status and whether a repeat.");

    private static readonly Counter<long> CareCommunicationsReceived = Meter.CreateCounter<long>(
        "samspil.medcom.care_communications.received", "{message}", "MedCom CareCommunications received (HTTP or drop folder), by source, status and whether a repeat.");

    private static readonly Counter<long> CareCommunicationDeliveries = Meter.CreateCounter<long>(
        "samspil.medcom.care_communications.deliveries", "{message}", "Outgoing MedCom bundles (CareCommunications and acknowledgements) handed to the outbox, by outcome.");

    private static readonly Counter<long> AdmissionImportRows = Meter.CreateCounter<long>(
        "samspil.screening.import.rows", "{row}", "Rows of admission imports (readmission screening) handled, counted chunk by chunk as the import goes, by outcome (inserted, updated, unchanged, rejected).");

    private static readonly Counter<long> AdmissionImports = Meter.CreateCounter<long>(
        "samspil.screening.imports", "{import}", "Admission imports finished, by status (Completed, Failed).");

    // ---- Access policy ------------------------------------------------------------------------------------

    /// <summary>Starts the span of one access decision (loading the facts it needs and deciding).</summary>
    public static Activity? StartDecision(InformationCategory category, AccessPurpose purpose)
    {
        var activity = Source.StartActivity("samspil.access.decide", ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("samspil.access.category", category.ToString());
            activity.SetTag("samspil.access.purpose", purpose.ToString());
        }

        return activity;
    }

    /// <summary>Counts a decision and tags its span (if any) with the outcome; returns the decision unchanged.</summary>
    public static AccessDecision Decided(Activity? activity, AccessDecision decision, InformationCategory category, AccessPurpose purpose)
    {
        var outcome = decision.Permitted ? "permit" : "deny";
        var basis = decision.BasisKind?.ToString() ?? "none";
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("samspil.access.outcome", outcome);
            activity.SetTag("samspil.access.basis", basis);
        }

        if (Decisions.Enabled)
        {
            Decisions.Add(
                1,
                new KeyValuePair<string, object?>("samspil.access.outcome", outcome),
                new KeyValuePair<string, object?>("samspil.access.category", category.ToString()),
                new KeyValuePair<string, object?>("samspil.access.purpose", purpose.ToString()),
                new KeyValuePair<string, object?>("samspil.access.basis", basis));
        }

        return decision;
    }

    // ---- Access log ---------------------------------------------------------------------------------------

    /// <summary>Measures one commit of the access log (<c>AccessLog.CommitAsync</c>): a span and the append histogram.</summary>
    public static AppendMeasurement StartAppend(int entries) => new(entries);

    /// <summary>The span and timer of one access-log commit; <see cref="Succeeded"/> before disposing marks it ok.</summary>
    public sealed class AppendMeasurement : IDisposable
    {
        private readonly Activity? _activity;
        private readonly long _started;
        private readonly int _entries;
        private bool _succeeded;

        internal AppendMeasurement(int entries)
        {
            _entries = entries;
            _activity = Source.StartActivity("samspil.access_log.append", ActivityKind.Internal);
            _activity?.SetTag("samspil.access_log.entries", entries);
            _started = AppendDuration.Enabled ? Stopwatch.GetTimestamp() : 0;
        }

        public void Succeeded() => _succeeded = true;

        public void Dispose()
        {
            var outcome = _succeeded ? "ok" : "error";
            if (_started != 0)
            {
                AppendDuration.Record(
                    Stopwatch.GetElapsedTime(_started).TotalSeconds,
                    new KeyValuePair<string, object?>("samspil.outcome", outcome),
                    new KeyValuePair<string, object?>("samspil.access_log.has_entries", _entries > 0));
            }

            if (_succeeded && _entries > 0)
            {
                AppendedEntries.Add(_entries);
            }

            if (_activity is not null)
            {
                if (!_succeeded)
                {
                    _activity.SetStatus(ActivityStatusCode.Error);
                }

                _activity.Dispose();
            }
        }
    }

    // ---- Notification outbox ------------------------------------------------------------------------------

    public static Activity? StartOutboxBatch() => Source.StartActivity("samspil.outbox.batch", ActivityKind.Internal);

    public static Activity? StartOutboxDelivery(string topic)
    {
        var activity = Source.StartActivity("samspil.outbox.deliver", ActivityKind.Internal);
        activity?.SetTag("samspil.outbox.topic", topic);
        return activity;
    }

    public static void OutboxDelivered(Activity? activity, string topic, string outcome)
    {
        activity?.SetTag("samspil.outcome", outcome);
        if (outcome is "failed" or "gave_up")
        {
            activity?.SetStatus(ActivityStatusCode.Error);
        }

        OutboxDeliveries.Add(1, new KeyValuePair<string, object?>("samspil.outbox.topic", topic), new KeyValuePair<string, object?>("samspil.outcome", outcome));
    }

    // ---- MedCom intake and outbox -------------------------------------------------------------------------

    public static Activity? StartHospitalNotification(string source)
    {
        var activity = Source.StartActivity("samspil.medcom.hospital_notification.receive", ActivityKind.Consumer);
        activity?.SetTag("samspil.medcom.source", source);
        return activity;
    }

    /// <summary>Counts a received hospital notification; the event code is MedCom's (e.g. STIN), never anything about the person.</summary>
    public static void HospitalNotificationReceived(Activity? activity, string source, string status, bool duplicate, string? eventCode)
    {
        if (activity is not null)
        {
            activity.SetTag("samspil.medcom.status", status);
            activity.SetTag("samspil.medcom.duplicate", duplicate);
            activity.SetTag("samspil.medcom.event_code", eventCode);
        }

        HospitalNotifications.Add(
            1,
            new KeyValuePair<string, object?>("samspil.medcom.source", source),
            new KeyValuePair<string, object?>("samspil.medcom.status", status),
            new KeyValuePair<string, object?>("samspil.medcom.duplicate", duplicate));
    }

    public static Activity? StartCareCommunication(string source)
    {
        var activity = Source.StartActivity("samspil.medcom.care_communication.receive", ActivityKind.Consumer);
        activity?.SetTag("samspil.medcom.source", source);
        return activity;
    }

    public static void CareCommunicationReceived(Activity? activity, string source, string status, bool duplicate)
    {
        if (activity is not null)
        {
            activity.SetTag("samspil.medcom.status", status);
            activity.SetTag("samspil.medcom.duplicate", duplicate);
        }

        CareCommunicationsReceived.Add(
            1,
            new KeyValuePair<string, object?>("samspil.medcom.source", source),
            new KeyValuePair<string, object?>("samspil.medcom.status", status),
            new KeyValuePair<string, object?>("samspil.medcom.duplicate", duplicate));
    }

    public static Activity? StartCareCommunicationDelivery(bool toFolder, bool toUrl)
    {
        var activity = Source.StartActivity("samspil.medcom.care_communication.deliver", ActivityKind.Producer);
        if (activity is not null)
        {
            activity.SetTag("samspil.medcom.outbox.folder", toFolder);
            activity.SetTag("samspil.medcom.outbox.http", toUrl);
        }

        return activity;
    }

    public static void CareCommunicationDelivered(Activity? activity, bool delivered)
    {
        var outcome = delivered ? "delivered" : "failed";
        if (activity is not null)
        {
            activity.SetTag("samspil.outcome", outcome);
            if (!delivered)
            {
                activity.SetStatus(ActivityStatusCode.Error);
            }
        }

        CareCommunicationDeliveries.Add(1, new KeyValuePair<string, object?>("samspil.outcome", outcome));
    }

    // ---- Admission import (readmission screening) ---------------------------------------------------------

    /// <summary>The span of one admission import file, from the first row read to the last chunk stored.</summary>
    public static Activity? StartAdmissionImport() => Source.StartActivity("samspil.screening.import", ActivityKind.Consumer);

    /// <summary>Counts one stored chunk's rows by outcome: the import's progress, as the metrics show it.</summary>
    public static void AdmissionImportChunk(long inserted, long updated, long unchanged, long rejected)
    {
        if (!AdmissionImportRows.Enabled)
        {
            return;
        }

        AddRows(inserted, "inserted");
        AddRows(updated, "updated");
        AddRows(unchanged, "unchanged");
        AddRows(rejected, "rejected");

        static void AddRows(long rows, string outcome)
        {
            if (rows > 0)
            {
                AdmissionImportRows.Add(rows, new KeyValuePair<string, object?>("samspil.outcome", outcome));
            }
        }
    }

    /// <summary>Ends an import: its status and row counts on the span, and one count of finished imports by status.</summary>
    public static void AdmissionImportFinished(Activity? activity, string status, long rows, long rejected)
    {
        if (activity is not null)
        {
            activity.SetTag("samspil.screening.import.status", status);
            activity.SetTag("samspil.screening.import.rows", rows);
            activity.SetTag("samspil.screening.import.rejected", rejected);
            if (status != "Completed")
            {
                activity.SetStatus(ActivityStatusCode.Error);
            }
        }

        AdmissionImports.Add(1, new KeyValuePair<string, object?>("samspil.screening.import.status", status));
    }
}
