using Distill.Blobs;
using Distill.Copying;
using Distill.Registry;

namespace Distill.Applications;

/// <summary>
/// An image built on an existing base: its manifests, config and application layer are in a
/// <see cref="BlobStore"/>, and the base's layers are read from the store when it has them, else streamed
/// from the base's own source. A push to the base's registry can therefore mount them.
/// </summary>
public sealed class ExistingImageSource(BlobStore store, Descriptor root, IImageSource baseSource) : IImageSource
{
    private readonly BlobStoreImageSource stored = new(store, root, baseSource.Name);

    public string Name => baseSource.Name;

    public RegistryReference? Registry => baseSource.Registry;

    public Task<ImageContent> LoadAsync(CancellationToken cancellationToken) => stored.LoadAsync(cancellationToken);

    public Task<Stream> OpenBlobAsync(Descriptor blob, CancellationToken cancellationToken) =>
        store.Contains(blob.Digest)
            ? stored.OpenBlobAsync(blob, cancellationToken)
            : baseSource.OpenBlobAsync(blob, cancellationToken);
}
