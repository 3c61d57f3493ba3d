using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Samspil.Infrastructure.ErrorHandling;
using Samspil.Infrastructure.Persistence;

namespace Samspil.Infrastructure.Idempotency;

/// <summary>
/// Idempotency keys for the API's POSTs (every route under /api, signed in). The first request with an
/// <c>Idempotency-Key</c> runs in one database transaction that also stores its answer (status, Location,
/// ETag, content type, body) for this user, key and route; the answer is sent only after that commit. A
/// retry with the same key and the same request gets the stored answer, marked <c>Idempotent-Replayed: true</c>,
/// without the action running again, even when the first answer never reached the client. The same key with
/// a different request is 422. A request that throws stores nothing (it was rolled back) and may be retried.
/// Keys expire after <see cref="IdempotencyOptions.Lifetime"/>.
/// </summary>
public sealed partial class IdempotencyMiddleware(RequestDelegate next, IOptions<IdempotencyOptions> options, TimeProvider time, ILogger<IdempotencyMiddleware> logger)
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeaderName = "Idempotent-Replayed";

    public async Task InvokeAsync(HttpContext context, SamspilDbContext db)
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method)
            || !request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            || !request.Headers.TryGetValue(HeaderName, out var values)
            || context.User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
        {
            // Without a signed-in user (the sign-in routes) there is nobody to keep the answer for.
            await next(context);
            return;
        }

        var key = values.ToString().Trim();
        if (values.Count != 1 || key.Length is 0 or > IdempotencyRecord.MaxKeyLength || key.Any(char.IsControl))
        {
            var errors = new ValidationErrors();
            errors.Add(HeaderName, "Idempotency.Key.Invalid");
            throw new InputValidationException(errors);
        }

        var cancellationToken = context.RequestAborted;
        var route = $"{request.Method} {request.Path.Value}";
        var hash = await HashRequestAsync(request, cancellationToken);
        var sqlite = db is not PostgresSamspilDbContext;
        if (sqlite)
        {
            // SQLite has one writer: idempotent requests take the writer's turn for their whole transaction.
            await db.EnterSqliteWriterAsync(cancellationToken);
        }

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (await FindAsync(db, userId, key, route, cancellationToken) is { } stored)
            {
                await ReplayAsync(context, stored, hash);
                return;
            }

            var original = context.Response.Body;
            using var buffer = new MemoryStream();
            context.Response.Body = buffer;
            try
            {
                await next(context);
            }
            catch (Exception)
            {
                // The same key arrived twice at once, and this copy failed on what the other did (e.g. the same
                // CPR number registered): the other's answer is the answer. Otherwise the failure stands.
                context.Response.Body = original;
                if (await AnsweredMeanwhileAsync(transaction) is not { } winner)
                {
                    throw;
                }

                context.Response.Headers.Clear();
                await ReplayAsync(context, winner, hash);
                return;
            }
            finally
            {
                context.Response.Body = original;
            }

            var response = context.Response;
            var body = buffer.ToArray();
            if (response.StatusCode < 500 && body.Length <= options.Value.MaxStoredBodyBytes)
            {
                // What the handler left tracked is already saved (or was refused); only the answer is added now.
                db.ChangeTracker.Clear();
                db.IdempotentRequests.Add(IdempotencyRecord.Create(
                    userId, key, route, hash, response.StatusCode, response.Headers.Location.ToString() is { Length: > 0 } location ? location : null,
                    response.ContentType, response.Headers.ETag.ToString() is { Length: > 0 } etag ? etag : null, body, time.GetUtcNow(), options.Value.Lifetime));
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateException)
                {
                    // The same key arrived twice at once and the other request stored its answer first:
                    // undo this one's action and send the other's answer.
                    if (await AnsweredMeanwhileAsync(transaction) is { } winner)
                    {
                        response.Headers.Clear();
                        await ReplayAsync(context, winner, hash);
                        return;
                    }

                    throw;
                }
            }

            await transaction.CommitAsync(cancellationToken);
            await original.WriteAsync(body, cancellationToken);

            async Task<IdempotencyRecord?> AnsweredMeanwhileAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction failed)
            {
                await failed.RollbackAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
                var winner = await FindAsync(db, userId, key, route, CancellationToken.None);
                if (winner is not null)
                {
                    LogConcurrentDuplicate(logger, context.TraceIdentifier);
                }

                return winner;
            }
        }
        finally
        {
            if (sqlite)
            {
                db.ExitSqliteWriter();
            }
        }
    }

    private async Task<IdempotencyRecord?> FindAsync(SamspilDbContext db, string userId, string key, string route, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var stored = await db.IdempotentRequests.SingleOrDefaultAsync(r => r.UserId == userId && r.Key == key && r.Route == route, cancellationToken);
        if (stored is not null && stored.ExpiresAt <= now)
        {
            // An expired key is a new key; expired answers of this user go at the same time.
            await db.IdempotentRequests.Where(r => r.UserId == userId && r.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return null;
        }

        return stored;
    }

    private static async Task ReplayAsync(HttpContext context, IdempotencyRecord stored, string hash)
    {
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(stored.RequestHash), Encoding.ASCII.GetBytes(hash)))
        {
            throw new IdempotencyKeyReusedException();
        }

        var response = context.Response;
        response.StatusCode = stored.StatusCode;
        response.Headers[ReplayedHeaderName] = "true";
        if (stored.Location is not null)
        {
            response.Headers.Location = stored.Location;
        }

        if (stored.ETag is not null)
        {
            response.Headers.ETag = stored.ETag;
        }

        if (stored.ContentType is not null)
        {
            response.ContentType = stored.ContentType;
        }

        if (stored.Body.Length > 0)
        {
            response.ContentLength = stored.Body.Length;
            await response.Body.WriteAsync(stored.Body, context.RequestAborted);
        }
    }

    /// <summary>
    /// SHA-256 over the media type and the body. A multipart body's boundary is random per send, so it is
    /// left out: the same form sent again with another boundary is the same request.
    /// </summary>
    private static async Task<string> HashRequestAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        request.EnableBuffering();
        using var copy = new MemoryStream();
        await request.Body.CopyToAsync(copy, cancellationToken);
        request.Body.Position = 0;
        var body = copy.ToArray();
        var mediaType = string.Empty;
        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var type))
        {
            mediaType = type.MediaType.Value ?? string.Empty;
            var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
            if (!string.IsNullOrEmpty(boundary))
            {
                body = Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(body).Replace(boundary, "boundary", StringComparison.Ordinal));
            }
        }

        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes(mediaType.ToUpperInvariant() + "\n"));
        sha.AppendData(body);
        return Convert.ToHexString(sha.GetHashAndReset());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A concurrent duplicate with the same idempotency key was rolled back for request {RequestId}; the stored answer was sent")]
    private static partial void LogConcurrentDuplicate(ILogger logger, string requestId);
}

/// <summary>The same Idempotency-Key was sent with a different request: 422.</summary>
public sealed class IdempotencyKeyReusedException() : Exception("The idempotency key was used for a different request.");
