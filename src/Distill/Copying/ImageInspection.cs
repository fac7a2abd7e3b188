using Distill.Blobs;

namespace Distill.Copying;

/// <summary>One image manifest of an inspected image: its platform, config and layers.</summary>
public sealed record InspectedManifest(ManifestContent Manifest, ImageConfigSummary Config)
{
    /// <summary>The size in bytes of the config and the compressed layers.</summary>
    public long TotalSize => Manifest.Config.Size + Manifest.Layers.Sum(layer => layer.Size);
}

/// <summary>What `distill inspect` shows: the root manifest or index and each image's config and layers.</summary>
public sealed record ImageInspection(string Name, ImageContent Content, IReadOnlyList<InspectedManifest> Images)
{
    public Digest Digest => Content.Root.Digest;

    /// <summary>Reads the image's manifests and configs from its source; layers are not downloaded.</summary>
    public static async Task<ImageInspection> LoadAsync(IImageSource source, CancellationToken cancellationToken)
    {
        var content = await source.LoadAsync(cancellationToken);
        var images = new List<InspectedManifest>();
        foreach (var manifest in content.Manifests)
        {
            if (manifest.Config.Size > ImageConfigSummary.MaxSize)
            {
                throw new InvalidManifestException(source.Name, $"the config {manifest.Config.Digest} is larger "
                    + $"than {ImageConfigSummary.MaxSize} bytes");
            }

            await using var stream = await source.OpenBlobAsync(manifest.Config, cancellationToken);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken);
            var bytes = buffer.ToArray();
            if (Digest.Compute(bytes) != manifest.Config.Digest)
            {
                throw new BlobDigestMismatchException(source.Name, manifest.Config, Digest.Compute(bytes), bytes.Length);
            }

            images.Add(new InspectedManifest(manifest, ImageConfigSummary.Parse(bytes, source.Name)));
        }

        return new ImageInspection(source.Name, content, images);
    }
}
