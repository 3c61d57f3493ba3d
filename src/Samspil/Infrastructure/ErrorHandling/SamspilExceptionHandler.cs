using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Common;
using Samspil.Infrastructure.Localization;

namespace Samspil.Infrastructure.ErrorHandling;

/// <summary>
/// The one place that turns exceptions into RFC 7807 problem details for the API. Messages are
/// localised; nothing about the citizen or the exception text reaches the client or the log.
/// Web pages handle expected errors in their page models; anything else re-executes the error page.
/// </summary>
internal sealed partial class SamspilExceptionHandler(
    IProblemDetailsService problemDetails,
    IStringLocalizer<SharedResource> localizer,
    ILogger<SamspilExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            httpContext.Response.StatusCode = 499; // client closed the request
            return true;
        }

        // The middleware has already rewritten Request.Path to the error page; the feature keeps the original.
        var path = httpContext.Features.Get<IExceptionHandlerFeature>()?.Path ?? httpContext.Request.Path.Value;
        var isApi = path?.StartsWith("/api/", StringComparison.OrdinalIgnoreCase) == true;
        var problem = isApi ? ToProblem(exception) : null;
        if (problem is null)
        {
            // Type and stack only: exception messages (e.g. constraint violations) can carry data about a citizen.
            LogUnhandled(logger, exception.GetType().FullName ?? "unknown", httpContext.TraceIdentifier, exception.StackTrace ?? string.Empty);
            if (!isApi)
            {
                return false;
            }

            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = localizer["Problem.Unexpected.Title"],
                Detail = localizer["Problem.Unexpected.Detail"],
            };
        }

        else if (exception is DbUpdateException)
        {
            LogRefusedUpdate(logger, exception.GetType().FullName ?? "unknown", httpContext.TraceIdentifier);
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private ProblemDetails? ToProblem(Exception exception) => exception switch
    {
        DomainException domain => FromDomain(domain),
        InputValidationException invalid => new HttpValidationProblemDetails(invalid.Errors.ToDictionary(localizer))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = localizer["Problem.Validation.Title"],
            Detail = localizer["Problem.Validation.Detail"],
        },
        BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } => new ProblemDetails
        {
            Status = StatusCodes.Status415UnsupportedMediaType,
            Title = localizer["Problem.UnsupportedMediaType.Title"],
            Detail = localizer["Problem.UnsupportedMediaType.Detail"],
        },
        BadHttpRequestException bad => new ProblemDetails
        {
            Status = bad.StatusCode,
            Title = localizer["Problem.BadRequest.Title"],
            Detail = localizer["Problem.BadRequest.Detail"],
        },
        Idempotency.IdempotencyKeyReusedException => new ProblemDetails
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = localizer["Idempotency.KeyReused.Title"],
            Detail = localizer["Idempotency.KeyReused.Detail"],
        },
        // A body the framework could not read (e.g. a multipart body that ends before its closing boundary).
        InvalidDataException => new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = localizer["Problem.BadRequest.Title"],
            Detail = localizer["Problem.BadRequest.Detail"],
        },
        // Two people creating the same course's plan at once (changes to an existing plan answer 412 in the plan endpoints).
        Domain.Plans.PlanVersionConflictException => new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = localizer["Plan.Conflict.Title"],
            Detail = localizer["Problem.Concurrency.Detail"],
        },
        // Includes a unique index hit by two simultaneous requests (e.g. the same CPR registered twice):
        // the transaction was rolled back, so nothing is half-written and a retry will succeed.
        DbUpdateException => new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = localizer["Problem.Conflict.Title"],
            Detail = localizer["Problem.Concurrency.Detail"],
        },
        _ => null,
    };

    private ProblemDetails FromDomain(DomainException domain)
    {
        var message = localizer.Message(domain.Code);
        if (domain.Code.EndsWith(".NotFound", StringComparison.Ordinal))
        {
            return new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = localizer["Problem.NotFound.Title"], Detail = message };
        }

        if (domain.Code.EndsWith(".Forbidden", StringComparison.Ordinal))
        {
            return new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = localizer["Problem.Forbidden.Title"], Detail = message };
        }

        if (domain.Field is { } field)
        {
            return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = localizer["Problem.Validation.Title"],
                Detail = message,
            };
        }

        return new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = localizer["Problem.Conflict.Title"], Detail = message };
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled {ExceptionType} for request {RequestId} at {StackTrace}")]
    private static partial void LogUnhandled(ILogger logger, string exceptionType, string requestId, string stackTrace);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database refused an update ({ExceptionType}) for request {RequestId}; answered 409")]
    private static partial void LogRefusedUpdate(ILogger logger, string exceptionType, string requestId);
}
