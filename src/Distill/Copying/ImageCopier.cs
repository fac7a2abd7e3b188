using Distill.Blobs;
using Distill.Images;
using Distill.Layers;
using Distill.Output;
using Distill.Registry;

namespace Distill.Copying;

/// <summary>
/// Copies an image or index from a source to an OCI layout, a docker archive or a registry, keeping the
/// manifest bytes and so the digest. For a local target the blobs pass through the blob store, where they are
/// checked against their digests.
/// </summary>
public sealed class ImageCopier(BlobStore store, RegistryClient client)
{
    /// <summary>Opens the source that a reference names.</summary>
    public IImageSource OpenSource(OutputReference reference) => reference switch
    {
        OciLayoutReference oci => new OciLayoutImageSource(oci),
        DockerArchiveReference archive => new DockerArchiveImageSource(archive, store),
        RegistryReference registry => new RegistryImageSource(client, registry),
        _ => throw new ArgumentException($"unknown image reference {reference}", nameof(reference)),
    };

    /// <summary>
    /// Copies the image and returns the digest that names it at the target: the manifest or index digest, or
    /// for a docker archive the image ID (config digest).
    /// </summary>
    public async Task<Digest> CopyAsync(OutputReference from, OutputReference to, CancellationToken cancellationToken)
    {
        var source = OpenSource(from);
        var content = await source.LoadAsync(cancellationToken);
        return await WriteAsync(content, source, to, cancellationToken);
    }

    /// <summary>Writes loaded content to a target; see <see cref="CopyAsync"/>.</summary>
    public async Task<Digest> WriteAsync(ImageContent content, IImageSource source, OutputReference to,
        CancellationToken cancellationToken)
    {
        if (to is RegistryReference registry)
        {
            return await new ImagePusher(client).PushAsync(content, source, registry, cancellationToken);
        }

        await StoreAsync(content, source, cancellationToken);
        return to switch
        {
            OciLayoutReference oci => OciLayout.Write(oci.Directory, oci.Tag, content.Root,
                content.Blobs.Concat(content.Manifests.Select(manifest => manifest.Descriptor)).Append(content.Root)
                    .DistinctBy(blob => blob.Digest),
                store, OciLayout.DefaultLockTimeout),
            DockerArchiveReference archive => DockerArchive.Write(archive.File, archive.Name, archive.Tag,
                ToImage(content), store),
            _ => throw new ArgumentException($"unknown output reference {to}", nameof(to)),
        };
    }

    private async Task StoreAsync(ImageContent content, IImageSource source, CancellationToken cancellationToken)
    {
        foreach (var blob in content.Blobs)
        {
            await BlobImport.StoreAsync(store, blob, token => source.OpenBlobAsync(blob, token), source.Name,
                cancellationToken);
        }

        foreach (var manifest in content.Manifests)
        {
            store.Add(manifest.Descriptor.MediaType, manifest.Content);
        }

        store.Add(content.Root.MediaType, content.RootContent);
    }

    /// <summary>
    /// Describes the one image of the content as an <see cref="Image"/> for the docker archive writer, which
    /// reads only the config descriptor and the layer descriptors. The diff IDs come from the config.
    /// </summary>
    private Image ToImage(ImageContent content)
    {
        if (content.Manifests.Count != 1)
        {
            throw new MultipleArchitecturesException(content.Manifests.Select(manifest =>
                manifest.Platform ?? new Platform("unknown", "unknown")));
        }

        var manifest = content.Manifests[0];
        var config = ImageConfigSummary.Read(store, manifest.Config);
        if (config.DiffIds.Count != manifest.Layers.Count)
        {
            throw new InvalidManifestException(manifest.Config.Digest.ToString(), $"the config lists "
                + $"{config.DiffIds.Count} diff IDs for {manifest.Layers.Count} layers");
        }

        var layers = manifest.Layers.Select((layer, index) => new Layer(layer, config.DiffIds[index], 0, ""))
            .ToList();
        var imageConfig = new ImageConfig(config.Platform, new ContainerConfig(), layers, config.Created);
        return new Image(imageConfig, manifest.Config, manifest.Descriptor);
    }
}
