namespace Samspil.Features.CareCommunications;

/// <summary>Settings under <c>CareCommunication</c> (docs/configuration.md). Off by default.</summary>
public sealed class CareCommunicationOptions
{
    public const string Section = "CareCommunication";

    /// <summary>Sending and receiving CareCommunications at all; off: no send choice, the intake answers 404.</summary>
    public bool Enabled { get; set; }

    /// <summary>Samspil's own identity as a MedCom party (the sender of what it sends, the receiver of what it gets).</summary>
    public CareCommunicationParty Sender { get; set; } = new();

    /// <summary>The GPs and hospital departments a conversation may write to, each tied to a directory organisation (whose consent decides).</summary>
    public List<CareCommunicationParty> Recipients { get; set; } = [];

    /// <summary>Where outgoing bundles (messages and acknowledgements) go.</summary>
    public CareCommunicationOutboxOptions Outbox { get; set; } = new();

    /// <summary>A folder watched for received *.json and *.xml bundles (processed/ and failed/ subfolders). Empty: no file drop.</summary>
    public string? DropFolder { get; set; }

    public double PollSeconds { get; set; } = 5;

    public int MaxBodyBytes { get; set; } = 10_485_760;
}

public sealed class CareCommunicationParty
{
    /// <summary>The Samspil directory organisation this party is (the consent names it); not used for <see cref="CareCommunicationOptions.Sender"/>.</summary>
    public Guid? OrganizationId { get; set; }

    /// <summary>Or the directory organisation by its exact name (when <see cref="OrganizationId"/> is not set).</summary>
    public string? OrganizationName { get; set; }

    public string Name { get; set; } = "Samspil";

    /// <summary>SOR code (urn:oid:1.2.208.176.1.1).</summary>
    public string? Sor { get; set; }

    /// <summary>EAN/GLN location number (https://www.gs1.org/gln).</summary>
    public string? Ean { get; set; }

    /// <summary>"GP" or "Hospital", for the choice on the thread page.</summary>
    public string Kind { get; set; } = "GP";
}

public sealed class CareCommunicationOutboxOptions
{
    /// <summary>Writes each outgoing bundle as &lt;MessageHeader.id&gt;.json into this folder. Empty: no file.</summary>
    public string? Folder { get; set; }

    /// <summary>POSTs each outgoing bundle (application/fhir+json) to this URL. Empty: no HTTP delivery.</summary>
    public string? Url { get; set; }

    public double TimeoutSeconds { get; set; } = 15;
}
