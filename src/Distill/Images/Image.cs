using Distill.Blobs;
using Distill.Layers;

namespace Distill.Images;

/// <summary>
/// An image for one platform whose config and manifest blobs are stored in a <see cref="BlobStore"/>.
/// Create it with <see cref="ImageBuilder.Build"/>.
/// </summary>
public sealed class Image
{
    internal Image(ImageConfig config, Descriptor configDescriptor, Descriptor manifestDescriptor)
    {
        Config = config;
        ConfigDescriptor = configDescriptor;
        ManifestDescriptor = manifestDescriptor;
    }

    public ImageConfig Config { get; }

    /// <summary>The descriptor of the image config blob, whose digest is the image ID.</summary>
    public Descriptor ConfigDescriptor { get; }

    public Descriptor ManifestDescriptor { get; }

    public Platform Platform => Config.Platform;

    public IReadOnlyList<Layer> Layers => Config.Layers;

    /// <summary>The digest of the manifest, by which a registry or an OCI layout refers to the image.</summary>
    public Digest Digest => ManifestDescriptor.Digest;

    /// <summary>The descriptors of every blob of the image: each distinct layer, the config and the manifest.</summary>
    public IEnumerable<Descriptor> Blobs =>
        Layers.Select(layer => layer.Descriptor).Distinct().Append(ConfigDescriptor).Append(ManifestDescriptor);
}
