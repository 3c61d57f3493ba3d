using Hl7.Fhir.Model;

namespace Samspil.Features.Fhir;

/// <summary>Builds searchset Bundles with a total and self/first/next/previous links (offset paging, docs/fhir-api.md).</summary>
public static class FhirBundles
{
    public static Bundle Searchset(FhirRequestContext context, string resourceType, FhirSearch search, FhirSearchResult result)
    {
        var bundle = new Bundle
        {
            Id = Guid.NewGuid().ToString("D"),
            Type = Bundle.BundleType.Searchset,
            Total = result.Total,
            Meta = new Meta { LastUpdated = DateTimeOffset.UtcNow },
        };
        var url = $"{context.BaseUrl}/{resourceType}?";
        bundle.Link.Add(new Bundle.LinkComponent { Relation = "self", Url = url + search.QueryAt(search.Offset) });
        bundle.Link.Add(new Bundle.LinkComponent { Relation = "first", Url = url + search.QueryAt(0) });
        if (search.Offset > 0)
        {
            bundle.Link.Add(new Bundle.LinkComponent { Relation = "previous", Url = url + search.QueryAt(Math.Max(0, search.Offset - search.Count)) });
        }

        if (search.Offset + search.Count < result.Total)
        {
            bundle.Link.Add(new Bundle.LinkComponent { Relation = "next", Url = url + search.QueryAt(search.Offset + search.Count) });
        }

        foreach (var resource in result.Matches)
        {
            bundle.Entry.Add(Entry(context, resource, Bundle.SearchEntryMode.Match));
        }

        foreach (var resource in result.Included.DistinctBy(r => (r.TypeName, r.Id)))
        {
            bundle.Entry.Add(Entry(context, resource, Bundle.SearchEntryMode.Include));
        }

        return bundle;
    }

    private static Bundle.EntryComponent Entry(FhirRequestContext context, Resource resource, Bundle.SearchEntryMode mode) => new()
    {
        FullUrl = context.FullUrl(resource.TypeName, resource.Id),
        Resource = resource,
        Search = new Bundle.SearchComponent { Mode = mode },
    };
}
