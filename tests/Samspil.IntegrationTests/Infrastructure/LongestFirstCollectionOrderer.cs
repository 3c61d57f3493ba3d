using Samspil.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

[assembly: TestCollectionOrderer("Samspil.IntegrationTests.Infrastructure.LongestFirstCollectionOrderer", "Samspil.IntegrationTests")]

namespace Samspil.IntegrationTests.Infrastructure;

/// <summary>
/// Starts the longest test collections first. Classes run in parallel (xunit.runner.json), a few at a time, in
/// the order this gives; with the default order a long class could start near the end and run alone while the
/// cores idle, so the run lasted as long as its start plus its length. Longest first keeps both cores busy to the
/// end. The list holds the classes a profile of the suite found longest (docs/benchmarks.md, "Test suite
/// duration"), PostgreSQL before SQLite (slower per request); every other collection follows in the default
/// order. A class missing from the list still runs, only not first.
/// </summary>
public sealed class LongestFirstCollectionOrderer : ITestCollectionOrderer
{
    /// <summary>Name fragments of the longest collections, longest first (a class's collection is named after the class).</summary>
    private static readonly string[] Longest =
    [
        "ModelBasedAccessTestsPart1OnPostgres",
        "ModelBasedAccessTestsPart2OnPostgres",
        "ModelBasedAccessTestsPart3OnPostgres",
        "ModelBasedAccessTestsPart4OnPostgres",
        "ModelBasedAccessTestsPart5OnPostgres",
        "ModelBasedAccessTestsPart1OnSqlite",
        "ModelBasedAccessTestsPart2OnSqlite",
        "ModelBasedAccessTestsPart3OnSqlite",
        "ModelBasedAccessTestsPart4OnSqlite",
        "ModelBasedAccessTestsPart5OnSqlite",
        "CreateAdministratorProcessTests",
        PostgresCollection.Name, // the OpenAPI sweep, web hardening, concurrency and the other shared-factory classes, one after another
        SqliteCollection.Name,
        "HostileInputTestsOnPostgres",
        "CitizenAccessTestsOnSqlite",
        "ConversationApiTestsOnPostgres",
        "CreateAdministratorCommandTestsOnSqlite",
        "ReadmeTests",
        "ReminderTestsOnPostgres",
        "AccountAdministrationTestsOnPostgres",
        "PlanApiTestsOnSqlite",
        "PlanApiTestsOnPostgres",
        "ReferenceDataTestsOnPostgres",
        "ReferenceDataTestsOnSqlite",
        "ReminderTestsOnSqlite",
    ];

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections
            .Select((collection, index) => (Collection: collection, Index: index, Rank: RankOf(collection.DisplayName)))
            .OrderBy(c => c.Rank)
            .ThenBy(c => c.Index)
            .Select(c => c.Collection);

    private static int RankOf(string displayName)
    {
        // Explicit collections are named as defined ("SQLite"); a class's own collection is "Test collection for <full class name>".
        var name = displayName.StartsWith("Test collection for ", StringComparison.Ordinal)
            ? displayName[(displayName.LastIndexOf('.') + 1)..]
            : displayName;
        var rank = Array.IndexOf(Longest, name);
        return rank < 0 ? Longest.Length : rank;
    }
}
