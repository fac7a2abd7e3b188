using Distill.Blobs;
using Distill.Registry;

namespace Distill.Copying;

/// <summary>An image or index whose manifests and blobs are all in a <see cref="BlobStore"/>, such as a build.</summary>
public sealed class BlobStoreImageSource(BlobStore store, Descriptor root, string name) : IImageSource
{
    public string Name => name;

    public RegistryReference? Registry => null;

    public Task<ImageContent> LoadAsync(CancellationToken cancellationToken) =>
        ImageContent.LoadAsync(root, (descriptor, _) => Task.FromResult(ReadManifest(descriptor)), name,
            cancellationToken);

    public Task<Stream> OpenBlobAsync(Descriptor blob, CancellationToken cancellationToken) =>
        Task.FromResult(store.OpenRead(blob.Digest));

    private byte[] ReadManifest(Descriptor descriptor)
    {
        if (descriptor.Size > RegistryClient.MaxManifestSize)
        {
            throw new InvalidManifestException(name, $"the manifest {descriptor.Digest} has {descriptor.Size} "
                + $"bytes, more than the limit of {RegistryClient.MaxManifestSize}");
        }

        return File.ReadAllBytes(store.GetExistingPath(descriptor.Digest));
    }
}
