using System.Net;
using Microsoft.Extensions.Logging;

namespace Distill.Registry;

/// <summary>A failure worth another attempt: a lost connection, 429 Too Many Requests, or a 5xx status.</summary>
internal sealed class TransientRegistryException(HttpStatusCode? status, TimeSpan? retryAfter, Exception? innerException)
    : Exception(status is { } code ? $"HTTP {(int)code} {code}" : innerException?.Message ?? "connection failed",
        innerException)
{
    public HttpStatusCode? Status { get; } = status;

    public TimeSpan? RetryAfter { get; } = retryAfter;

    public RegistryError? Error { get; init; }
}

/// <summary>
/// Runs a registry operation again after a transient failure, with exponential backoff or the delay the
/// registry asked for in Retry-After, up to <see cref="RegistryClientOptions.MaxAttempts"/> attempts.
/// </summary>
internal sealed class RetryPolicy(RegistryClientOptions options, ILogger logger)
{
    /// <summary>The longest wait between attempts, also for a longer Retry-After.</summary>
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    public static bool IsTransient(HttpStatusCode status) =>
        status == HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <summary>Reads Retry-After as seconds or as a date.</summary>
    public static TimeSpan? GetRetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? date - DateTimeOffset.UtcNow : null;
    }

    public async Task<T> RunAsync<T>(string operation, string reference, Func<Task<T>> attempt,
        CancellationToken cancellationToken)
    {
        for (var number = 1; ; number++)
        {
            try
            {
                return await attempt();
            }
            catch (TransientRegistryException error) when (number < options.MaxAttempts)
            {
                var delay = error.RetryAfter ?? TimeSpan.FromTicks(options.InitialRetryDelay.Ticks << (number - 1));
                delay = TimeSpan.FromTicks(Math.Clamp(delay.Ticks, 0, MaxDelay.Ticks));
                logger.LogWarning("{Operation} for {Reference} failed ({Reason}); retrying in {Delay:0.0} s, "
                    + "attempt {Next} of {Max}", operation, reference, error.Message, delay.TotalSeconds, number + 1,
                    options.MaxAttempts);
                await Task.Delay(delay, cancellationToken);
            }
            catch (TransientRegistryException error)
            {
                throw new RegistryUnavailableException(reference, error.Status, error.Error, number,
                    error.InnerException);
            }
        }
    }
}
