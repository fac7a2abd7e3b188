using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Distill.Blobs;
using Microsoft.Extensions.Logging;

namespace Distill.Registry;

/// <summary>
/// A client of the OCI distribution API, for any number of registry hosts: manifests and blobs are read
/// and written with authentication and retries. Blob bodies are streamed and never held whole in memory.
/// </summary>
public sealed partial class RegistryClient : IDisposable
{
    /// <summary>The largest manifest or index Distill reads, as the distribution specification suggests.</summary>
    public const int MaxManifestSize = 4 * 1024 * 1024;

    private readonly HttpClient http;

    private readonly CredentialSource credentials;

    private readonly ConcurrentDictionary<string, RegistryConnection> connections = new(StringComparer.OrdinalIgnoreCase);

    public RegistryClient(RegistryClientOptions options, ILogger logger)
    {
        Options = options;
        Logger = logger;
        credentials = new CredentialSource(options.Credentials, options.DockerConfigDirectory);
        http = new HttpClient(new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        })
        {
            Timeout = options.RequestTimeout,
        };
        Retry = new RetryPolicy(options, logger);
    }

    public RegistryClientOptions Options { get; }

    internal ILogger Logger { get; }

    internal RetryPolicy Retry { get; }

    /// <summary>
    /// Checks that the registry answers at "/v2/", authenticating for the repository's pull scope, or its
    /// push scope when <paramref name="push"/> is true.
    /// </summary>
    public Task PingAsync(RegistryReference reference, bool push, CancellationToken cancellationToken)
    {
        var scope = push ? RegistryScope.Push(reference.Repository) : RegistryScope.Pull(reference.Repository);
        return Retry.RunAsync("Ping", reference.ToString(), async () =>
        {
            var connection = Connect(reference);
            using var response = await connection.SendAsync(
                () => new HttpRequestMessage(HttpMethod.Get, connection.ApiBase), scope, reference.ToString(),
                cancellationToken);
            await EnsureSuccessAsync(response, reference, "the API version check", cancellationToken);
            return true;
        }, cancellationToken);
    }

    /// <summary>Reads a manifest or index by the reference's tag or digest, and verifies the digest.</summary>
    public Task<RegistryManifest> GetManifestAsync(RegistryReference reference, CancellationToken cancellationToken) =>
        Retry.RunAsync("Manifest download", reference.ToString(), async () =>
        {
            var connection = Connect(reference);
            var url = connection.GetUrl($"{reference.Repository}/manifests/{reference.ManifestReference}");
            using var response = await connection.SendAsync(() =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, url);
                foreach (var mediaType in RegistryMediaTypes.AcceptedManifests)
                {
                    request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(mediaType));
                }

                return request;
            }, RegistryScope.Pull(reference.Repository), reference.ToString(), cancellationToken);
            await EnsureSuccessAsync(response, reference, "the manifest download", cancellationToken);
            return await RegistryManifest.ReadAsync(response, reference, cancellationToken);
        }, cancellationToken);

    /// <summary>
    /// Opens a blob of the reference's repository for reading. The caller verifies the digest of what it reads,
    /// and disposes the stream, which ends the request.
    /// </summary>
    public Task<Stream> OpenBlobAsync(RegistryReference reference, Descriptor blob, CancellationToken cancellationToken) =>
        Retry.RunAsync("Blob download", reference.ToString(), async () =>
        {
            var connection = Connect(reference);
            var url = connection.GetUrl($"{reference.Repository}/blobs/{blob.Digest}");
            var response = await connection.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, url),
                RegistryScope.Pull(reference.Repository), reference.ToString(), cancellationToken);
            try
            {
                await EnsureSuccessAsync(response, reference.WithDigest(blob.Digest), "the blob download",
                    cancellationToken);
                var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                return (Stream)new ResponseStream(body, response);
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }, cancellationToken);

    /// <summary>
    /// Stores a manifest or index under <paramref name="tagOrDigest"/> with its media type as Content-Type,
    /// and returns its digest. The registry must already have every blob and child manifest it refers to.
    /// </summary>
    public Task<Digest> PutManifestAsync(
        RegistryReference reference, string tagOrDigest, byte[] content, string mediaType,
        CancellationToken cancellationToken)
    {
        var digest = Digest.Compute(content);
        return Retry.RunAsync("Manifest upload", reference.ToString(), async () =>
        {
            var connection = Connect(reference);
            var url = connection.GetUrl($"{reference.Repository}/manifests/{tagOrDigest}");
            using var response = await connection.SendAsync(() =>
            {
                var body = new ByteArrayContent(content);
                body.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
                return new HttpRequestMessage(HttpMethod.Put, url) { Content = body };
            }, RegistryScope.Push(reference.Repository), reference.ToString(), cancellationToken);
            await EnsureSuccessAsync(response, reference, "the manifest upload", cancellationToken);
            if (response.Headers.TryGetValues("Docker-Content-Digest", out var values)
                && values.FirstOrDefault() is { } reported && reported != digest.ToString())
            {
                throw new RegistryException(reference.ToString(), response.StatusCode, null, $"The registry stored "
                    + $"the manifest as {reported}, but its content has the digest {digest}. The registry changed "
                    + "the manifest; use a registry that stores manifests unchanged.");
            }

            return digest;
        }, cancellationToken);
    }

    public void Dispose() => http.Dispose();

    internal RegistryConnection Connect(RegistryReference reference) =>
        connections.GetOrAdd(reference.Host, host => new RegistryConnection(host, http, Options, credentials, Logger));

    /// <summary>
    /// Throws the exception for a failed response: unauthorized for 401 and 403, not found for 404, and a
    /// <see cref="RegistryException"/> naming <paramref name="operation"/> for any other failure.
    /// </summary>
    internal static async Task EnsureSuccessAsync(
        HttpResponseMessage response, RegistryReference reference, string operation, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var error = await RegistryError.ReadAsync(response, cancellationToken);
        throw response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                new RegistryUnauthorizedException(reference.ToString(), response.StatusCode, error),
            HttpStatusCode.NotFound => new RegistryNotFoundException(reference.ToString(), error),
            _ => new RegistryException(reference.ToString(), response.StatusCode, error,
                $"The registry rejected {operation}. Check the registry's log for the reason."),
        };
    }
}
