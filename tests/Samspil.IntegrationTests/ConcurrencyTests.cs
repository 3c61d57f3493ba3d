using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests;

/// <summary>
/// Ordinary concurrency is answered, not refused (issue 12, finding 7): If-Match: * retries on the latest
/// plan version, many messages to one thread all arrive, and the expected retries are not logged as errors.
/// </summary>
public abstract class ConcurrencyTests(SamspilFactory factory)
{
    [Fact]
    public async Task Six_writers_sending_thirty_plan_changes_with_If_Match_star_are_never_refused_and_log_no_error()
    {
        using var client = await factory.ClientForAsync("behandler.odense");
        var courseId = (await TestData.CreateCourseAsync(client)).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync($"/api/v1/courses/{courseId}/plan", null)).StatusCode);
        var logged = factory.Logs.Entries.Count;

        var statuses = await Task.WhenAll(Enumerable.Range(0, 6).Select(writer => Task.Run(async () =>
        {
            var mine = new List<HttpStatusCode>();
            for (var i = 0; i < 5; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/courses/{courseId}/plan/challenges")
                {
                    Content = JsonContent.Create(new { area = "Other", text = $"Udfordring {writer}-{i}" }),
                };
                request.Headers.TryAddWithoutValidation("If-Match", "*");
                mine.Add((await client.SendAsync(request)).StatusCode);
            }

            return mine;
        })));

        Assert.All(statuses.SelectMany(s => s), status => Assert.Equal(HttpStatusCode.OK, status));
        var plan = await client.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/plan");
        Assert.Equal(30, plan.GetProperty("challenges").GetArrayLength());
        Assert.Equal(31, plan.GetProperty("version").GetInt32());
        AssertNoErrorsLoggedSince(logged);
    }

    [Fact]
    public async Task A_hundred_and_twenty_simultaneous_messages_to_one_thread_all_arrive_in_one_order_and_log_no_error()
    {
        using var clinician = await factory.ClientForAsync("behandler.odense");
        using var preben = await factory.ClientForAsync("borger.preben");
        var courseId = (await preben.GetFromJsonAsync<JsonElement>("/api/v1/courses"))[0].GetProperty("id").GetGuid();
        var offered = (await clinician.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/conversations")).GetProperty("possibleParticipants")[0].GetProperty("userId").GetGuid();
        var started = await clinician.PostAsJsonAsync($"/api/v1/courses/{courseId}/conversations", new { subject = "Travl tråd", participants = new[] { offered } });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var threadId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var logged = factory.Logs.Entries.Count;

        var statuses = await Task.WhenAll(Enumerable.Range(0, 120).Select(i => Task.Run(async () =>
            (await clinician.PostAsJsonAsync($"/api/v1/conversations/{threadId}/messages", new { text = $"Besked {i}" })).StatusCode)));

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Created, status));
        var thread = await clinician.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{threadId}");
        var texts = thread.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("text").GetString()).ToList();
        Assert.Equal(Enumerable.Range(0, 120).Select(i => $"Besked {i}").Order(StringComparer.Ordinal), texts.Order(StringComparer.Ordinal));
        AssertNoErrorsLoggedSince(logged);
    }

    private void AssertNoErrorsLoggedSince(int count)
    {
        var errors = factory.Logs.Entries.Skip(count).Where(e => e.StartsWith("Error", StringComparison.Ordinal) || e.StartsWith("Critical", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, $"{errors.Count} error events, e.g. {errors.FirstOrDefault()?[..Math.Min(400, errors.FirstOrDefault()!.Length)]}");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ConcurrencyTestsOnSqlite(SqliteFactory factory) : ConcurrencyTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class ConcurrencyTestsOnPostgres(PostgresFactory factory) : ConcurrencyTests(factory);
