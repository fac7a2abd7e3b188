using Distill.Blobs;
using Distill.Registry;

namespace Distill.Copying;

/// <summary>An image or index in a registry, read through a <see cref="RegistryClient"/>.</summary>
public sealed class RegistryImageSource(RegistryClient client, RegistryReference reference) : IImageSource
{
    public string Name => reference.ToString();

    public RegistryReference? Registry => reference;

    public async Task<ImageContent> LoadAsync(CancellationToken cancellationToken)
    {
        var root = await client.GetManifestAsync(reference, cancellationToken);
        var rootDocument = ManifestDocument.Parse(root.Content, root.MediaType, Name);
        var rootDescriptor = root.Descriptor with { MediaType = rootDocument.MediaType };
        return await ImageContent.LoadAsync(rootDescriptor, async (descriptor, token) =>
        {
            if (descriptor.Digest == root.Digest)
            {
                return root.Content;
            }

            var child = await client.GetManifestAsync(reference.WithDigest(descriptor.Digest), token);
            return child.Content;
        }, Name, cancellationToken);
    }

    public Task<Stream> OpenBlobAsync(Descriptor blob, CancellationToken cancellationToken) =>
        client.OpenBlobAsync(reference, blob, cancellationToken);
}
