namespace Samspil.Domain.Screening;

/// <summary>Why a row of an admissions file was not imported.</summary>
public enum AdmissionCsvErrorCode
{
    /// <summary>The file is empty or its first line is not the header.</summary>
    MissingHeader,

    /// <summary>The header lacks a required column, names one twice, or names an unknown one.</summary>
    InvalidHeader,

    /// <summary>The row has more or fewer fields than the header.</summary>
    WrongColumnCount,

    /// <summary>A quote is not closed on the same line, or a closing quote is followed by text.</summary>
    MalformedQuotes,

    /// <summary>A field is longer than <see cref="AdmissionCsvReader.MaxFieldLength"/> characters.</summary>
    FieldTooLong,

    /// <summary>The row is longer than <see cref="AdmissionCsvReader.MaxRowLength"/> characters.</summary>
    RowTooLong,

    /// <summary>A field holds a control character (NUL, escape, …).</summary>
    ControlCharacter,

    /// <summary>A required field is empty.</summary>
    MissingValue,

    /// <summary>The person key is not 1–64 visible ASCII characters.</summary>
    InvalidPersonKey,

    /// <summary>The municipality code is not three digits.</summary>
    InvalidMunicipalityCode,

    /// <summary>The region code is not four digits.</summary>
    InvalidRegionCode,

    /// <summary>A timestamp cannot be read, or lies outside 1900–2100.</summary>
    InvalidTimestamp,

    /// <summary>A local time without offset that does not exist in Denmark (the hour skipped in March).</summary>
    NonexistentLocalTime,

    /// <summary>A local time without offset that occurs twice in Denmark (the hour repeated in October).</summary>
    AmbiguousLocalTime,

    /// <summary>The discharge precedes the admission.</summary>
    EndBeforeStart,

    /// <summary>The acute field is not yes or no.</summary>
    InvalidAcute,
}

/// <summary>
/// A row that was not imported: the row number (the line in the file, the header being row 1), a
/// stable code for programs, the column concerned when there is one, and a Danish explanation for
/// the person who made the file.
/// </summary>
public sealed record AdmissionCsvError(long Row, AdmissionCsvErrorCode Code, string? Column, string Message);
