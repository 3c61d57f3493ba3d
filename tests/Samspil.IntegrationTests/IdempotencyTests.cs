using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Citizens;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests;

/// <summary>
/// Idempotency-Key on the API's POSTs (issue 12, finding 8): a retry gets the stored answer without the action
/// running again, even when the first answer was lost after the server committed; a reused key with another
/// request is refused.
/// </summary>
public abstract class IdempotencyTests(SamspilFactory factory)
{
    [Fact]
    public async Task The_idempotent_retry_after_a_lost_answer_returns_the_same_course_and_creates_no_duplicate()
    {
        using var client = await factory.ClientForAsync("behandler.odense");
        var cpr = TestData.NewCpr();
        var body = JsonSerializer.Serialize(await TestData.CourseRequestAsync(client, cpr), SamspilFactory.Json);
        var key = Guid.NewGuid().ToString();

        // The server commits and answers, but the answer never reaches the client (it timed out, the connection dropped).
        using (var lost = new HttpClient(new DropAnswerHandler(factory.Server.CreateHandler())) { BaseAddress = client.BaseAddress })
        {
            lost.DefaultRequestHeaders.Authorization = client.DefaultRequestHeaders.Authorization;
            await Assert.ThrowsAsync<HttpRequestException>(() => lost.SendAsync(Post("/api/v1/courses", body, key)));
        }

        // The client retries with the same key and gets the course the first request created.
        var retry = await client.SendAsync(Post("/api/v1/courses", body, key));
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        var courseId = (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/courses/{courseId}", retry.Headers.Location?.OriginalString);

        var parsed = CprNumber.Parse(cpr, new DateOnly(2026, 11, 22));
        Assert.Equal(1, await factory.WithDbAsync(db => db.Courses.CountAsync(c => db.Citizens.Any(z => z.Id == c.CitizenId && z.Cpr == parsed))));
        Assert.Equal(1, await factory.WithDbAsync(db => db.IdempotentRequests.CountAsync(r => r.Key == key)));
    }

    [Fact]
    public async Task A_retry_gets_the_stored_answer_and_the_message_is_posted_once()
    {
        using var clinician = await factory.ClientForAsync("behandler.odense");
        var threadId = await ThreadAsync(clinician);
        var key = Guid.NewGuid().ToString();
        const string Body = "{\"text\":\"Kun én gang\"}";

        var first = await clinician.SendAsync(Post($"/api/v1/conversations/{threadId}/messages", Body, key));
        var second = await clinician.SendAsync(Post($"/api/v1/conversations/{threadId}/messages", Body, key));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, second.Headers.Location);

        var thread = await clinician.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{threadId}");
        Assert.Single(thread.GetProperty("messages").EnumerateArray(), m => m.GetProperty("text").GetString() == "Kun én gang");

        // Without a key, the same request is a new message.
        Assert.Equal(HttpStatusCode.Created, (await clinician.SendAsync(Post($"/api/v1/conversations/{threadId}/messages", Body, key: null))).StatusCode);
    }

    [Fact]
    public async Task Simultaneous_requests_with_one_key_do_the_action_once()
    {
        using var client = await factory.ClientForAsync("behandler.odense");
        var cpr = TestData.NewCpr();
        var body = JsonSerializer.Serialize(await TestData.CourseRequestAsync(client, cpr), SamspilFactory.Json);
        var key = Guid.NewGuid().ToString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => client.SendAsync(Post("/api/v1/courses", body, key)))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        Assert.Single(answers.Select(a => a.Headers.Location?.OriginalString).Distinct());
        var parsed = CprNumber.Parse(cpr, new DateOnly(2026, 11, 22));
        Assert.Equal(1, await factory.WithDbAsync(db => db.Courses.CountAsync(c => db.Citizens.Any(z => z.Id == c.CitizenId && z.Cpr == parsed))));
    }

    [Fact]
    public async Task The_same_key_with_another_request_is_422_and_does_nothing()
    {
        using var client = await factory.ClientForAsync("behandler.odense");
        var key = Guid.NewGuid().ToString();
        var first = JsonSerializer.Serialize(await TestData.CourseRequestAsync(client), SamspilFactory.Json);
        var other = JsonSerializer.Serialize(await TestData.CourseRequestAsync(client), SamspilFactory.Json);
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(Post("/api/v1/courses", first, key))).StatusCode);
        var courses = await factory.WithDbAsync(db => db.Courses.CountAsync());

        var reused = await client.SendAsync(Post("/api/v1/courses", other, key));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Equal("application/problem+json", reused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(courses, await factory.WithDbAsync(db => db.Courses.CountAsync()));

        // Another user's identical key is theirs alone.
        using var colleague = await factory.ClientForAsync("socialraadgiver.traume");
        Assert.Equal(HttpStatusCode.Created, (await colleague.SendAsync(Post("/api/v1/courses", JsonSerializer.Serialize(await TestData.CourseRequestAsync(colleague), SamspilFactory.Json), key))).StatusCode);

        // A key that is empty or too long is 400.
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(Post("/api/v1/courses", first, new string('k', 201)))).StatusCode);
    }

    private static HttpRequestMessage Post(string path, string json, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }

        return request;
    }

    private async Task<Guid> ThreadAsync(HttpClient clinician)
    {
        using var preben = await factory.ClientForAsync("borger.preben");
        var courseId = (await preben.GetFromJsonAsync<JsonElement>("/api/v1/courses"))[0].GetProperty("id").GetGuid();
        var offered = (await clinician.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/conversations")).GetProperty("possibleParticipants")[0].GetProperty("userId").GetGuid();
        var started = await clinician.PostAsJsonAsync($"/api/v1/courses/{courseId}/conversations", new { subject = "Idempotens", participants = new[] { offered } });
        return (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Lets the request reach the server and complete there, then loses the answer on the way back.</summary>
    private sealed class DropAnswerHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            using var response = await base.SendAsync(request, cancellationToken);
            await response.Content.ReadAsByteArrayAsync(cancellationToken); // the server has finished
            throw new HttpRequestException("The connection was reset before the answer arrived.");
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class IdempotencyTestsOnSqlite(SqliteFactory factory) : IdempotencyTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class IdempotencyTestsOnPostgres(PostgresFactory factory) : IdempotencyTests(factory);
