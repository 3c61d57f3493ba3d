using Hl7.Fhir.Model;

namespace Samspil.Infrastructure.Fhir;

/// <summary>
/// Resolving references inside a received FHIR message bundle (MedCom's HospitalNotification and CareCommunication):
/// by full URL or by "Type/id", and the id at the end of a reference (after the last '/' or ':').
/// </summary>
public sealed class BundleReferences
{
    private readonly Dictionary<string, Resource> _byKey = new(StringComparer.Ordinal);

    public BundleReferences(IEnumerable<Bundle.EntryComponent> entries)
    {
        foreach (var entry in entries)
        {
            if (entry.Resource is not { } resource)
            {
                continue;
            }

            if (entry.FullUrl is { } url)
            {
                _byKey.TryAdd(url, resource);
            }

            if (resource.Id is { } id)
            {
                _byKey.TryAdd($"{resource.TypeName}/{id}", resource);
            }
        }
    }

    public T? Find<T>(ResourceReference? reference)
        where T : Resource
    {
        if (reference?.Reference is not { } target)
        {
            return null;
        }

        if (_byKey.TryGetValue(target, out var exact))
        {
            return exact as T;
        }

        var parts = target.TrimEnd('/').Split('/');
        return parts.Length >= 2 && _byKey.TryGetValue($"{parts[^2]}/{parts[^1]}", out var relative) ? relative as T : null;
    }

    /// <summary>The id at the end of a reference or URN ("urn:uuid:…", "…/MessageHeader/…"); null for none.</summary>
    public static string? LastSegment(string? reference)
    {
        if (string.IsNullOrWhiteSpace(reference))
        {
            return null;
        }

        var trimmed = reference.TrimEnd('/');
        var slash = trimmed.LastIndexOf('/');
        var colon = trimmed.LastIndexOf(':');
        return trimmed[(Math.Max(slash, colon) + 1)..];
    }
}
