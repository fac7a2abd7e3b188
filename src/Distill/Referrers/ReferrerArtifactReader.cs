using Distill.Blobs;
using Distill.Copying;

namespace Distill.Referrers;

/// <summary>Reads the content of an artifact from its manifest, wherever the blobs are stored.</summary>
internal static class ReferrerArtifactReader
{
    /// <summary>The largest artifact, in bytes, that Distill reads into memory.</summary>
    public const long MaxArtifactSize = 64 * 1024 * 1024;

    /// <summary>
    /// Returns the layer of an artifact manifest whose media type is the entry's artifactType. Throws
    /// <see cref="InvalidManifestException"/> when it has none.
    /// </summary>
    public static Descriptor FindLayer(byte[] manifest, ReferrerEntry entry, string source)
    {
        if (Digest.Compute(manifest) != entry.Manifest.Digest)
        {
            throw new InvalidManifestException(source, $"the artifact manifest is not {entry.Manifest.Digest}");
        }

        var document = ManifestDocument.Parse(manifest, entry.Manifest.MediaType, source);
        var layer = document.Layers.FirstOrDefault(layer => layer.MediaType == entry.ArtifactType)
            ?? throw new InvalidManifestException(source, $"the artifact has no layer of type {entry.ArtifactType}");
        if (layer.Size > MaxArtifactSize)
        {
            throw new InvalidManifestException(source, $"the artifact has {layer.Size} bytes, more than the limit of "
                + $"{MaxArtifactSize}");
        }

        return layer;
    }

    /// <summary>Reads a blob whole and throws <see cref="BlobDigestMismatchException"/> when its digest differs.</summary>
    public static async Task<byte[]> ReadCheckedAsync(
        Stream stream, Descriptor blob, string source, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        var content = buffer.ToArray();
        var digest = Digest.Compute(content);
        if (digest != blob.Digest || content.Length != blob.Size)
        {
            throw new BlobDigestMismatchException(source, blob, digest, content.Length);
        }

        return content;
    }
}
