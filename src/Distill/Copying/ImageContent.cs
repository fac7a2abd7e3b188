using Distill.Blobs;
using Distill.Images;

namespace Distill.Copying;

/// <summary>One image manifest of an <see cref="ImageContent"/>: its bytes, config and layers.</summary>
public sealed record ManifestContent(Descriptor Descriptor, byte[] Content, Descriptor Config,
    IReadOnlyList<Descriptor> Layers, Platform? Platform);

/// <summary>
/// The manifests of one image or image index, read whole because they are small, and the descriptors of
/// the blobs (configs and layers) they refer to, which are streamed from their source when copied.
/// </summary>
public sealed class ImageContent
{
    private ImageContent(Descriptor root, byte[] rootContent, IReadOnlyList<ManifestContent> manifests)
    {
        Root = root;
        RootContent = rootContent;
        Manifests = manifests;
    }

    /// <summary>The descriptor of the manifest or index that names the image.</summary>
    public Descriptor Root { get; }

    public byte[] RootContent { get; }

    public IReadOnlyList<ManifestContent> Manifests { get; }

    public bool IsIndex => Manifests.Count != 1 || Manifests[0].Descriptor.Digest != Root.Digest;

    /// <summary>Every distinct config and layer, the layers first.</summary>
    public IReadOnlyList<Descriptor> Blobs =>
        Manifests.SelectMany(manifest => manifest.Layers).Concat(Manifests.Select(manifest => manifest.Config))
            .DistinctBy(blob => blob.Digest).ToList();

    /// <summary>
    /// Reads the manifest or index at <paramref name="root"/> and, for an index, each image manifest it lists.
    /// <paramref name="readManifest"/> returns the bytes of a manifest; their digest is checked here.
    /// </summary>
    public static async Task<ImageContent> LoadAsync(
        Descriptor root,
        Func<Descriptor, CancellationToken, Task<byte[]>> readManifest,
        string source,
        CancellationToken cancellationToken)
    {
        var rootContent = await ReadCheckedAsync(root, readManifest, source, cancellationToken);
        var document = ManifestDocument.Parse(rootContent, root.MediaType, source);
        root = root with { MediaType = document.MediaType };
        if (!document.IsIndex)
        {
            return new ImageContent(root, rootContent, [ToManifest(root, rootContent, document, null)]);
        }

        var manifests = new List<ManifestContent>();
        foreach (var (descriptor, platform) in document.Manifests)
        {
            var content = await ReadCheckedAsync(descriptor, readManifest, source, cancellationToken);
            var child = ManifestDocument.Parse(content, descriptor.MediaType, $"{source} {descriptor.Digest}");
            if (child.IsIndex)
            {
                throw new InvalidManifestException(source, $"the index lists another index, {descriptor.Digest}, "
                    + "which Distill does not copy");
            }

            manifests.Add(ToManifest(descriptor, content, child, platform));
        }

        return new ImageContent(root, rootContent, manifests);
    }

    private static ManifestContent ToManifest(Descriptor descriptor, byte[] content, ManifestDocument document,
        Platform? platform) =>
        new(descriptor with { MediaType = document.MediaType }, content, document.Config!, document.Layers, platform);

    private static async Task<byte[]> ReadCheckedAsync(Descriptor descriptor,
        Func<Descriptor, CancellationToken, Task<byte[]>> readManifest, string source,
        CancellationToken cancellationToken)
    {
        var content = await readManifest(descriptor, cancellationToken);
        var digest = Digest.Compute(content);
        if (digest != descriptor.Digest)
        {
            throw new InvalidManifestException(source, $"the manifest {descriptor.Digest} has the content digest "
                + digest);
        }

        return content;
    }
}
