namespace Samspil.Domain.Screening;

public enum AdmissionImportStatus
{
    /// <summary>Uploaded and waiting to be read.</summary>
    Queued,

    /// <summary>Being read; the counts grow as rows are processed.</summary>
    Running,

    /// <summary>Every row was read; bad rows are listed, good rows are stored.</summary>
    Completed,

    /// <summary>The file could not be read to the end (e.g. the server stopped); rows stored so far stay.</summary>
    Failed,
}

/// <summary>
/// One upload of an admissions file and its progress: who, when, which file, how far, and which rows
/// were rejected (row number and reason only — never a row's content, which could identify someone).
/// </summary>
public sealed class AdmissionImport
{
    private AdmissionImport()
    {
        FileName = string.Empty;
        ImportedByName = string.Empty;
    }

    public Guid Id { get; private set; }

    public string FileName { get; private set; }

    public Guid ImportedByUserId { get; private set; }

    /// <summary>Snapshot of the importer's name for the import history.</summary>
    public string ImportedByName { get; private set; }

    public DateTimeOffset StartedAt { get; private set; }

    public DateTimeOffset? FinishedAt { get; private set; }

    public AdmissionImportStatus Status { get; private set; }

    public long BytesTotal { get; private set; }

    public long BytesRead { get; private set; }

    /// <summary>Data rows read so far (the header and blank lines not counted).</summary>
    public long RowsRead { get; private set; }

    /// <summary>Rows stored as new stays.</summary>
    public long RowsInserted { get; private set; }

    /// <summary>Rows that changed a stay already stored (same person, start and department).</summary>
    public long RowsUpdated { get; private set; }

    /// <summary>Rows identical to a stay already stored: nothing to do.</summary>
    public long RowsUnchanged { get; private set; }

    public long RowsRejected { get; private set; }

    /// <summary>Why the import failed, as a stable code (e.g. <c>Interrupted</c>).</summary>
    public string? FailureCode { get; private set; }

    public static AdmissionImport Start(Guid id, string fileName, long bytesTotal, Guid userId, string userName, DateTimeOffset now)
    {
        var name = Path.GetFileName(fileName ?? string.Empty).Trim();
        name = new string(name.Where(c => !char.IsControl(c)).ToArray());
        return new AdmissionImport
        {
            Id = id,
            FileName = name.Length == 0 ? "admissions.csv" : name.Length > 200 ? name[..200] : name,
            BytesTotal = bytesTotal,
            ImportedByUserId = userId,
            ImportedByName = userName.Length > 200 ? userName[..200] : userName,
            StartedAt = now,
            Status = AdmissionImportStatus.Queued,
        };
    }

    /// <summary>The share of the file read, 0–100.</summary>
    public int Percent => Status == AdmissionImportStatus.Completed ? 100
        : BytesTotal <= 0 ? 0
        : (int)Math.Min(99, BytesRead * 100 / BytesTotal);

    public bool IsFinished => Status is AdmissionImportStatus.Completed or AdmissionImportStatus.Failed;

    public void MarkRunning() => Status = AdmissionImportStatus.Running;

    public void Progress(long bytesRead, long rowsRead, long inserted, long updated, long unchanged, long rejected)
    {
        BytesRead = Math.Min(bytesRead, BytesTotal);
        RowsRead = rowsRead;
        RowsInserted = inserted;
        RowsUpdated = updated;
        RowsUnchanged = unchanged;
        RowsRejected = rejected;
    }

    public void Complete(DateTimeOffset now)
    {
        Status = AdmissionImportStatus.Completed;
        BytesRead = BytesTotal;
        FinishedAt = now;
    }

    public void Fail(string code, DateTimeOffset now)
    {
        Status = AdmissionImportStatus.Failed;
        FailureCode = code;
        FinishedAt = now;
    }
}

/// <summary>A rejected row of an import: its number in the file, the reason code, the column and the explanation.</summary>
public sealed class AdmissionImportError
{
    private AdmissionImportError()
    {
        Message = string.Empty;
    }

    public long Id { get; private set; }

    public Guid ImportId { get; private set; }

    public long Row { get; private set; }

    public AdmissionCsvErrorCode Code { get; private set; }

    public string? Column { get; private set; }

    /// <summary>The reader's Danish explanation; it never quotes the row's values.</summary>
    public string Message { get; private set; }

    public static AdmissionImportError From(Guid importId, AdmissionCsvError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new AdmissionImportError
        {
            ImportId = importId,
            Row = error.Row,
            Code = error.Code,
            Column = error.Column,
            Message = error.Message.Length > 500 ? error.Message[..500] : error.Message,
        };
    }
}
