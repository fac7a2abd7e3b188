using System.Net;
using System.Net.Http.Headers;
using Distill.Blobs;

namespace Distill.Registry;

public sealed partial class RegistryClient
{
    private const string OctetStream = "application/octet-stream";

    /// <summary>
    /// Makes sure the target repository has a blob: a HEAD request finds it present; else the registry mounts
    /// it from <paramref name="mountFrom"/>, a repository of the same host, when given; else its bytes are
    /// uploaded from <paramref name="open"/>, in one PUT or, above <see cref="RegistryClientOptions.ChunkSize"/>,
    /// in PATCH chunks. A failed attempt starts again from the HEAD request, with a new upload.
    /// </summary>
    public Task<BlobPushResult> EnsureBlobAsync(
        RegistryReference target,
        Descriptor blob,
        Func<CancellationToken, Task<Stream>> open,
        string? mountFrom,
        CancellationToken cancellationToken)
    {
        var scope = mountFrom is null
            ? RegistryScope.Push(target.Repository)
            : RegistryScope.PushWithMount(target.Repository, mountFrom);
        var name = target.WithDigest(blob.Digest);
        return Retry.RunAsync("Blob upload", name.ToString(), async () =>
        {
            var connection = Connect(target);
            if (await BlobExistsAsync(connection, target, blob, scope, cancellationToken))
            {
                return BlobPushResult.AlreadyPresent;
            }

            var location = await StartUploadAsync(connection, target, blob, mountFrom, scope, cancellationToken);
            if (location is null)
            {
                return BlobPushResult.Mounted;
            }

            await UploadAsync(connection, target, blob, open, location, scope, cancellationToken);
            return BlobPushResult.Uploaded;
        }, cancellationToken);
    }

    private static async Task<bool> BlobExistsAsync(RegistryConnection connection, RegistryReference target,
        Descriptor blob, RegistryScope scope, CancellationToken cancellationToken)
    {
        var url = connection.GetUrl($"{target.Repository}/blobs/{blob.Digest}");
        using var response = await connection.SendAsync(
            () => new HttpRequestMessage(HttpMethod.Head, url), scope, target.ToString(), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await EnsureSuccessAsync(response, target.WithDigest(blob.Digest), "the blob check", cancellationToken);
        return true;
    }

    /// <summary>
    /// Starts an upload with POST, asking for a mount when <paramref name="mountFrom"/> is given. Returns null
    /// when the registry mounted the blob (201), else the upload URL from the Location header (202), which
    /// may be relative to the request or absolute.
    /// </summary>
    private static async Task<Uri?> StartUploadAsync(RegistryConnection connection, RegistryReference target,
        Descriptor blob, string? mountFrom, RegistryScope scope, CancellationToken cancellationToken)
    {
        var path = $"{target.Repository}/blobs/uploads/";
        if (mountFrom is not null)
        {
            path += $"?mount={Uri.EscapeDataString(blob.Digest.ToString())}&from={Uri.EscapeDataString(mountFrom)}";
        }

        var url = connection.GetUrl(path);
        using var response = await connection.SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent([]) },
            scope, target.ToString(), cancellationToken);
        await EnsureSuccessAsync(response, target.WithDigest(blob.Digest), "the upload start", cancellationToken);
        if (response.StatusCode == HttpStatusCode.Created && mountFrom is not null)
        {
            return null;
        }

        return GetLocation(response, url, target);
    }

    private async Task UploadAsync(RegistryConnection connection, RegistryReference target, Descriptor blob,
        Func<CancellationToken, Task<Stream>> open, Uri location, RegistryScope scope,
        CancellationToken cancellationToken)
    {
        await using var content = await open(cancellationToken);
        if (blob.Size > Options.ChunkSize)
        {
            location = await UploadChunksAsync(connection, target, blob, content, location, scope, cancellationToken);
            await FinishUploadAsync(connection, target, blob, location, null, scope, cancellationToken);
        }
        else
        {
            await FinishUploadAsync(connection, target, blob, location, content, scope, cancellationToken);
        }
    }

    /// <summary>Sends the blob in PATCH requests of at most the chunk size, following each new Location.</summary>
    private async Task<Uri> UploadChunksAsync(RegistryConnection connection, RegistryReference target, Descriptor blob,
        Stream content, Uri location, RegistryScope scope, CancellationToken cancellationToken)
    {
        for (long offset = 0; offset < blob.Size; offset += Options.ChunkSize)
        {
            var length = Math.Min(Options.ChunkSize, blob.Size - offset);
            var start = offset;
            var url = location;
            var sent = false;
            using var response = await connection.SendAsync(() =>
            {
                // A 401 challenge makes the connection send again; a chunk stream can be read only once.
                if (sent)
                {
                    throw new TransientRegistryException(HttpStatusCode.Unauthorized, TimeSpan.Zero, null);
                }

                sent = true;
                var body = new StreamContent(new LengthLimitedStream(content, length));
                body.Headers.ContentType = new MediaTypeHeaderValue(OctetStream);
                body.Headers.ContentLength = length;
                body.Headers.TryAddWithoutValidation("Content-Range", $"{start}-{start + length - 1}");
                return new HttpRequestMessage(HttpMethod.Patch, url) { Content = body };
            }, scope, target.ToString(), cancellationToken);
            await EnsureSuccessAsync(response, target.WithDigest(blob.Digest), "a chunk upload", cancellationToken);
            location = GetLocation(response, url, target);
        }

        return location;
    }

    /// <summary>
    /// Completes the upload with PUT ?digest=, carrying the whole blob for a monolithic upload or no body
    /// after chunks. The registry checks the digest before it accepts the blob.
    /// </summary>
    private static async Task FinishUploadAsync(RegistryConnection connection, RegistryReference target,
        Descriptor blob, Uri location, Stream? content, RegistryScope scope, CancellationToken cancellationToken)
    {
        var separator = string.IsNullOrEmpty(location.Query) ? "?" : "&";
        var url = new Uri(location + separator + "digest=" + Uri.EscapeDataString(blob.Digest.ToString()));
        var sent = false;
        using var response = await connection.SendAsync(() =>
        {
            if (sent && content is not null)
            {
                throw new TransientRegistryException(HttpStatusCode.Unauthorized, TimeSpan.Zero, null);
            }

            sent = true;
            HttpContent body = content is null ? new ByteArrayContent([]) : new StreamContent(content);
            body.Headers.ContentType = new MediaTypeHeaderValue(OctetStream);
            body.Headers.ContentLength = content is null ? 0 : blob.Size;
            return new HttpRequestMessage(HttpMethod.Put, url) { Content = body };
        }, scope, target.ToString(), cancellationToken);
        await EnsureSuccessAsync(response, target.WithDigest(blob.Digest), "the blob upload", cancellationToken);
    }

    private static Uri GetLocation(HttpResponseMessage response, Uri requestUrl, RegistryReference target)
    {
        var location = response.Headers.Location
            ?? throw new RegistryException(target.ToString(), response.StatusCode, null, "The registry's upload "
                + "response has no Location header, so the upload cannot continue. The registry does not follow "
                + "the OCI distribution specification.");
        return location.IsAbsoluteUri ? location : new Uri(requestUrl, location);
    }
}
