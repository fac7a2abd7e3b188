using Distill.Blobs;
using Distill.Copying;
using Microsoft.Extensions.Logging;

namespace Distill.Registry;

/// <summary>
/// Pushes an image or index to a registry: the blobs first, a few at a time, then each image manifest of an
/// index by digest, and last the root manifest under the tag. A push that stops midway therefore leaves no
/// tag that points to missing content, and running it again skips the blobs that arrived.
/// </summary>
public sealed class ImagePusher(RegistryClient client)
{
    /// <summary>
    /// Pushes <paramref name="content"/> to <paramref name="target"/>, reading blobs from <paramref name="source"/>,
    /// and returns the digest of the root manifest or index. Blobs of a source in another repository of the same
    /// registry are mounted rather than uploaded.
    /// </summary>
    public async Task<Digest> PushAsync(
        ImageContent content, IImageSource source, RegistryReference target, CancellationToken cancellationToken)
    {
        await client.PingAsync(target, push: true, cancellationToken);
        var mountFrom = source.Registry is { } origin
            && origin.Host.Equals(target.Host, StringComparison.OrdinalIgnoreCase)
            && origin.Repository != target.Repository
                ? origin.Repository
                : null;

        var parallelism = new ParallelOptions
        {
            MaxDegreeOfParallelism = Math.Max(1, client.Options.MaxParallelUploads),
            CancellationToken = cancellationToken,
        };
        await Parallel.ForEachAsync(content.Blobs, parallelism, async (blob, token) =>
        {
            var result = await client.EnsureBlobAsync(
                target, blob, innerToken => source.OpenBlobAsync(blob, innerToken), mountFrom, token);
            LogBlob(target, blob, result);
        });

        if (content.IsIndex)
        {
            foreach (var manifest in content.Manifests)
            {
                await client.PutManifestAsync(target, manifest.Descriptor.Digest.ToString(), manifest.Content,
                    manifest.Descriptor.MediaType, cancellationToken);
            }
        }

        var tagOrDigest = target.Digest is { } digest ? digest.ToString() : target.Tag ?? RegistryReference.DefaultTag;
        if (target.Digest is { } expected && expected != content.Root.Digest)
        {
            throw new RegistryException(target.ToString(), null, null, $"The image's digest is "
                + $"{content.Root.Digest}, not the digest the reference names. Push to a tag, or to the image's own "
                + "digest.");
        }

        var pushed = await client.PutManifestAsync(target, tagOrDigest, content.RootContent, content.Root.MediaType,
            cancellationToken);
        client.Logger.LogInformation("Pushed {Reference} {Digest}", target, pushed);
        return pushed;
    }

    private void LogBlob(RegistryReference target, Descriptor blob, BlobPushResult result)
    {
        switch (result)
        {
            case BlobPushResult.AlreadyPresent:
                client.Logger.LogInformation("Blob {Digest} already present in {Repository}", blob.Digest,
                    target.Repository);
                break;
            case BlobPushResult.Mounted:
                client.Logger.LogInformation("Mounted blob {Digest} ({Size} bytes) into {Repository}", blob.Digest,
                    blob.Size, target.Repository);
                break;
            default:
                client.Logger.LogInformation("Pushed blob {Digest} ({Size} bytes) to {Repository}", blob.Digest,
                    blob.Size, target.Repository);
                break;
        }
    }
}
