using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace Distill.Debian.Archive;

/// <summary>
/// Sends the archive client's GET requests: a timeout for the response headers and for each read of the body,
/// and retries with exponential backoff on connection errors, timeouts and 5xx responses.
/// </summary>
internal sealed class ArchiveHttp(HttpClient client, DebianArchiveOptions options, ILogger logger)
{
    private const int BufferSize = 1 << 16;

    /// <summary>
    /// Returns the body and validators of a small file, or null when the server responds 304 Not Modified.
    /// </summary>
    public async Task<ConditionalResponse?> GetConditionalAsync(
        Uri url, CachedValidators? validators, long maxBytes, CancellationToken cancellationToken)
    {
        return await SendWithRetriesAsync(url, validators, async (response, timeout) =>
        {
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                return null;
            }

            using var body = new MemoryStream();
            var (_, size) = await CopyBodyAsync(response, body, maxBytes, timeout, progress: null);
            if (size > maxBytes)
            {
                throw new ArchiveFormatException($"{url} is larger than {maxBytes} bytes: check that --mirror "
                    + "points at a Debian archive");
            }

            return new ConditionalResponse(body.ToArray(), CachedValidators.From(response));
        }, cancellationToken);
    }

    /// <summary>
    /// Downloads a file to <paramref name="destination"/> while hashing it, and returns its SHA-256 digest in
    /// lowercase hex and its size. Reading stops once the size exceeds maxBytes, so that a wrong file cannot
    /// fill the disk, and the returned size is then larger than maxBytes.
    /// </summary>
    public async Task<(string Sha256, long Size)> DownloadAsync(
        Uri url, string destination, long maxBytes, string name, CancellationToken cancellationToken)
    {
        using var progress = options.Progress?.Begin(name, maxBytes);
        return await SendWithRetriesAsync(url, null, async (response, timeout) =>
        {
            await using var file = new FileStream(destination, FileMode.Create, FileAccess.Write, FileShare.None,
                BufferSize, FileOptions.Asynchronous);
            return await CopyBodyAsync(response, file, maxBytes, timeout, progress);
        }, cancellationToken);
    }

    private async Task<T> SendWithRetriesAsync<T>(
        Uri url,
        CachedValidators? validators,
        Func<HttpResponseMessage, AttemptTimeout, Task<T>> readResponse,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var timeout = new AttemptTimeout(options.RequestTimeout, cancellationToken);
            try
            {
                using var request = CreateRequest(url, validators);
                logger.LogDebug("GET {Url} (attempt {Attempt} of {MaxAttempts})", url, attempt, options.MaxAttempts);
                using var response = await client.SendAsync(
                    request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                logger.LogDebug("GET {Url}: {StatusCode} {ContentLength} bytes", url, (int)response.StatusCode,
                    response.Content.Headers.ContentLength);
                if ((int)response.StatusCode >= 500)
                {
                    throw new RetryableStatusException(response.StatusCode);
                }

                ThrowForClientError(url, response);
                return await readResponse(response, timeout);
            }
            catch (Exception error) when (IsRetryable(error, cancellationToken))
            {
                if (attempt >= options.MaxAttempts)
                {
                    throw Unreachable(url, attempt, error);
                }

                var delay = options.RetryDelay * Math.Pow(2, attempt - 1);
                logger.LogWarning("GET {Url} failed ({Error}); retrying in {Delay} s", url, Describe(error),
                    delay.TotalSeconds);
                await Task.Delay(delay, options.Clock, cancellationToken);
            }
        }
    }

    private static HttpRequestMessage CreateRequest(Uri url, CachedValidators? validators)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (validators?.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var tag))
        {
            request.Headers.IfNoneMatch.Add(tag);
        }

        if (validators?.LastModified is { } lastModified)
        {
            request.Headers.IfModifiedSince = lastModified;
        }

        return request;
    }

    private static void ThrowForClientError(Uri url, HttpResponseMessage response)
    {
        if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotModified)
        {
            return;
        }

        throw new MirrorUnreachableException(url.ToString(),
            $"GET {url} failed: {(int)response.StatusCode} {response.ReasonPhrase}. Check that --mirror and "
            + "--security-mirror point at Debian archives that serve this distro and architecture",
            response.StatusCode);
    }

    /// <summary>Copies the body to a stream while hashing it, re-arming the timeout after every read.</summary>
    private static async Task<(string Sha256, long Size)> CopyBodyAsync(
        HttpResponseMessage response, Stream destination, long maxBytes, AttemptTimeout timeout,
        IDownloadProgressTask? progress)
    {
        await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[BufferSize];
        long size = 0;
        while (true)
        {
            timeout.Restart();
            var read = await body.ReadAsync(buffer, timeout.Token);
            if (read == 0)
            {
                break;
            }

            size += read;
            if (size > maxBytes)
            {
                break;
            }

            hash.AppendData(buffer, 0, read);
            await destination.WriteAsync(buffer.AsMemory(0, read), timeout.Token);
            progress?.Advance(read);
        }

        return (Convert.ToHexStringLower(hash.GetHashAndReset()), size);
    }

    private static bool IsRetryable(Exception error, CancellationToken cancellationToken) => error switch
    {
        RetryableStatusException => true,
        HttpRequestException => true,
        IOException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    private MirrorUnreachableException Unreachable(Uri url, int attempts, Exception error) =>
        new(url.ToString(), $"cannot download {url}: {Describe(error)} after {attempts} attempts. Check that the "
            + "mirror is reachable from this machine, or pass another mirror with --mirror (or --security-mirror)",
            error);

    private string Describe(Exception error) => error switch
    {
        OperationCanceledException => $"timed out after {options.RequestTimeout.TotalSeconds} s",
        RetryableStatusException status => $"server error {(int)status.StatusCode} {status.StatusCode}",
        _ => error.Message,
    };

    private sealed class RetryableStatusException(HttpStatusCode statusCode) : Exception($"HTTP {(int)statusCode}")
    {
        public HttpStatusCode StatusCode { get; } = statusCode;
    }
}
