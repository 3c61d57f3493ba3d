namespace Samspil.Features.Screening;

/// <summary>Settings under <c>Screening</c> (see docs/configuration.md).</summary>
public sealed class ScreeningOptions
{
    public const string Section = "Screening";

    /// <summary>
    /// The secret shared with the region's extract: a person key is HMAC-SHA256(secret, CPR), hex.
    /// Without it Samspil cannot recognise its own citizens in the lists (they show no course links);
    /// with <c>Demo:Seed</c> on, the public development secret is used instead.
    /// </summary>
    public string? PersonKeySecret { get; set; }

    /// <summary>The largest admissions file accepted, in bytes (default 50 MB).</summary>
    public long MaxImportBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>How many good rows are stored per database round (and progress update).</summary>
    public int ImportChunkSize { get; set; } = 1000;

    /// <summary>How many rejected rows an import lists (all are counted).</summary>
    public int MaxListedErrors { get; set; } = 1000;

    /// <summary>Where uploaded files wait to be read; deleted when read. Default: the system temp folder.</summary>
    public string? ImportFolder { get; set; }
}
